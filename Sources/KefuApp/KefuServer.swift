import Foundation
import Hummingbird
import KefuDomain
import KefuMaterials
import KefuOrg
import KefuPlatform
import KefuServiceDesk
import Logging
import Prometheus

/// The composition root: opens the database, applies migrations, and builds the HTTP application from the features.
public enum KefuServer {
    public static let version = "0.1.0"

    public static let migrations: [Migration] = [Counters.migration, AuditTrail.migration] + OrgMigrations.all + ServiceDeskMigrations.all
        + MaterialsMigrations.all

    public static func openStore(databaseURL: String, logger: Logger) async throws -> any Store {
        try await StoreFactory.open(try DatabaseLocation.parse(databaseURL), logger: logger)
    }

    /// Migrations, then the first administrator of an empty database.
    public static func prepare(_ store: any Store, adminPassword: String?) async throws -> OrgBootstrap.Result {
        try await Migrator.migrate(store, migrations)
        return try await OrgBootstrap.ensureAdmin(store: store, password: adminPassword)
    }

    public struct Built {
        public let router: Router<KefuContext>
        public let routes: ApiRoutes
    }

    public static func buildRouter(store: any Store, metrics: PrometheusCollectorRegistry? = nil) -> Built {
        let auth = AuthService(store: store)
        let org = OrgService(store: store)
        let tickets = TicketService(store: store)
        let queries = TicketQueries(store: store)
        let customers = CustomerService(store: store)
        let shell = PageShell(nav: ServiceDeskPages.nav + MaterialsPages.nav + [
            NavItem(id: "admin-units", href: "/admin/units", label: Text("组织架构", "Organisation"), isVisible: { $0.isAdmin }),
            NavItem(id: "admin-users", href: "/admin/users", label: Text("用户", "Users"), isVisible: { $0.isAdmin }),
        ])

        let router = Router(context: KefuContext.self)
        if metrics != nil { router.add(middleware: MetricsMiddleware()) }
        router.add(middleware: AuthMiddleware(auth: auth))
        router.add(middleware: ErrorMiddleware(shell: shell))
        router.add(middleware: CSRFMiddleware())

        router.get("/healthz") { _, _ in
            do {
                _ = try await store.read { db in try await db.raw("SELECT 1 AS ok").first() }
                return try JSONIO.response(["status": "ok"])
            } catch {
                throw AppError(.serviceUnavailable, "database_unavailable", Text("数据库不可用", "The database is unavailable"))
            }
        }
        if let metrics {
            router.get("/metrics") { _, _ in
                var buffer: [UInt8] = []
                metrics.emit(into: &buffer)
                var headers = HTTPFields()
                headers[.contentType] = "text/plain; version=0.0.4"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
            }
        }
        Assets.register(on: router)

        let routes = ApiRoutes(router: router)
        OrgAPI(org: org, auth: auth).register(routes)
        TicketAPI(tickets: tickets, queries: queries, customers: customers).register(routes)
        MaterialsAPI(store: store).register(routes)
        routes.add(.init(.get, "/api/v1/openapi.json", summary: "This description (OpenAPI 3.1)", tag: "meta", auth: false)) { [routes] _, _ in
            try JSONIO.response(OpenAPIDocument.build(routes, version: version))
        }

        SignInPages(auth: auth, org: org, shell: shell).register(on: router)
        OrgPages(org: org, shell: shell).register(on: router)
        ServiceDeskPages(tickets: tickets, queries: queries, customers: customers, org: org, shell: shell).register(on: router)
        MaterialsPages(store: store, shell: shell).register(on: router)
        return Built(router: router, routes: routes)
    }

    public static func application(store: any Store, hostname: String, port: Int, logger: Logger,
                                   metrics: PrometheusCollectorRegistry? = nil) -> some ApplicationProtocol {
        let built = buildRouter(store: store, metrics: metrics)
        return Application(
            router: built.router,
            configuration: .init(address: .hostname(hostname, port: port), serverName: "Kefu"),
            logger: logger
        )
    }
}
