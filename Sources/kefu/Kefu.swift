import ArgumentParser
import Foundation
import Hummingbird
import KefuApp
import KefuChannels
import NIOCore
import KefuPlatform
import Logging
import Metrics
import Prometheus

@main
struct Kefu: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kefu",
        abstract: "Kefu 客服: service desk and materials ledger.",
        subcommands: [Serve.self, Migrate.self, Demo.self, UserCommand.self, SlaScan.self, CheckLedger.self, SeedLedger.self,
                      RetentionReportCommand.self, // #14.5
                      RetentionCommand.self, // #17.6 retention archive
                      BackupCommand.self, RestoreCommand.self, ExportCommand.self, ImportCommand.self, // #17.1
                      MailCommand.self] // #16.1
    )
}

/// Options every command shares: where the database is.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "Overrides DATABASE_URL (default sqlite://kefu.sqlite).")
    var databaseURL: String?

    var resolved: String {
        databaseURL ?? ProcessInfo.processInfo.environment["DATABASE_URL"] ?? DatabaseLocation.defaultURL
    }
}

func makeLogger(_ label: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = Logger.Level(rawValue: ProcessInfo.processInfo.environment["KEFU_LOG_LEVEL"] ?? "info") ?? .info
    return logger
}

/// #17.5 `KEFU_LOG_FORMAT=json`: every logger writes one JSON object per line (set once, before the first logger).
/// Returns whether the access log is on: `KEFU_ACCESS_LOG=1`, or JSON logs unless `KEFU_ACCESS_LOG=0`.
func bootstrapLogging() throws -> Bool {
    let env = ProcessInfo.processInfo.environment
    let json: Bool
    switch env["KEFU_LOG_FORMAT"]?.lowercased() {
    case nil, "", "text": json = false
    case "json": json = true
    default: throw ValidationError("KEFU_LOG_FORMAT is text or json")
    }
    if json { LoggingSystem.bootstrap { label in JSONLogHandler(label: label) } } else { LoggingSystem.bootstrap { label in TextLogHandler(label: label) } }
    switch env["KEFU_ACCESS_LOG"] {
    case "1", "true": return true
    case "0", "false": return false
    default: return json
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Migrate the database and start the server.")

    @Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(name: .customLong("lmtp-port"), help: "#16.1: also listen for LMTP (RFC 2033) on this port, on --hostname; delivers as the mail_intake account of KEFU_MAIL_TOKEN.")
    var lmtpPort: Int?
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let accessLog = try bootstrapLogging()
        let logger = makeLogger("kefu")
        // #10.1: raise the descriptor limit first, then fit the connection cap below it.
        let descriptors = DescriptorLimit.raiseToHardLimit()
        let limits: ConnectionLimits
        let graceSeconds: Int
        do {
            limits = try ConnectionLimits.fromEnvironment(ProcessInfo.processInfo.environment).fitting(descriptorLimit: descriptors)
            graceSeconds = try ShutdownGrace.seconds(from: ProcessInfo.processInfo.environment)
        } catch let error as AppError {
            throw ValidationError(error.message(.en))
        }
        let webhookTargets = try Result { try KefuServer.webhookTargetsFromEnvironment() }
            .mapError { ValidationError(String(describing: $0)) }.get()
        let baseURL = try Result { try PublicBaseURL.fromEnvironment() }.mapError { ValidationError(String(describing: $0)) }.get()
        let backupSettings = try Result { try ScheduledBackup.Settings.fromEnvironment(ProcessInfo.processInfo.environment) }
            .mapError { ValidationError(String(describing: $0)) }.get()
        let smtp = try Result { try SmtpSettings.fromEnvironment() }.mapError { ValidationError(String(describing: $0)) }.get() // #16 item 2
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let traces = try Result { try TraceExport.start(ProcessInfo.processInfo.environment) } // #17 item 5
            .mapError { ValidationError("OpenTelemetry: \($0)") }.get()
        let store = try await KefuServer.openStore(databaseURL: database.resolved, logger: logger, serving: true)
        let result = try await KefuServer.prepare(store, adminPassword: ProcessInfo.processInfo.environment["KEFU_ADMIN_PASSWORD"])
        if result.createdAdmin {
            if let password = result.generatedPassword {
                print("Created user 'admin' with password: \(password)")
                print("(shown once; set KEFU_ADMIN_PASSWORD before the first start to choose it)")
            } else {
                print("Created user 'admin' with the password from KEFU_ADMIN_PASSWORD.")
            }
        }
        let listener = ListenerDrain()
        let app = KefuServer.application(store: store, hostname: hostname, port: port, logger: logger, metrics: registry,
                                         metricsToken: ProcessInfo.processInfo.environment["KEFU_METRICS_TOKEN"],
                                         origin: RequestOrigin.fromEnvironment(), limits: limits,
                                         webhookTargets: webhookTargets, attachmentDisk: .fromEnvironment(databaseURL: database.resolved),
                                         baseURL: baseURL,
                                         backup: backupSettings.map { ScheduledBackup(settings: $0, databaseURL: database.resolved,
                                                                                      disk: .fromEnvironment(databaseURL: database.resolved), logger: logger) },
                                         accessLog: accessLog, smtp: smtp, tracing: traces?.requests, firstServices: traces.map { [$0.service] } ?? [], listener: listener)
        var lmtp: (listener: any Channel, server: LmtpServer)?
        if let lmtpPort {
            guard let token = ProcessInfo.processInfo.environment["KEFU_MAIL_TOKEN"], !token.isEmpty else {
                throw ValidationError("--lmtp-port needs KEFU_MAIL_TOKEN: the API token of a mail_intake account")
            }
            let lmtpLimits = try Result { try LmtpServer.Limits.fromEnvironment(ProcessInfo.processInfo.environment) }
                .mapError { ValidationError(String(describing: $0)) }.get()
            let server = KefuServer.lmtpServer(store: store, token: token, smtp: smtp, limits: lmtpLimits)
            lmtp = (try await server.bind(host: hostname, port: lmtpPort), server)
            print("Kefu LMTP listening on \(hostname):\(lmtpPort)")
        }
        defer { lmtp?.listener.close(promise: nil) }
        let lmtpNow = lmtp
        if smtp != nil, baseURL == nil {
            print("Note: KEFU_BASE_URL is not set, so the customer portal mails no sign-in links (#16.6).")
        }
        if let endpoint = TraceExport.endpoint(in: ProcessInfo.processInfo.environment) { print("OpenTelemetry traces go to \(endpoint)") }
        print("Kefu listening on http://\(hostname):\(port) (database: \(store.dialect.rawValue); "
              + "at most \(limits.maxConnections) connections, descriptor limit \(descriptors))")
        // Shown at once even when standard output is a file or a pipe (a service manager's log).
        fflush(nil)
        do {
            // #18.6: SIGTERM/SIGINT stop accepting, give the requests in progress the grace, then cut them off.
            // #17.3: the LMTP listener stops accepting with the HTTP server; its deliveries in progress finish (or are
            // cut off with the HTTP requests when the grace is over) before the store closes.
            try await ShutdownGrace.serve(app, store: store, seconds: graceSeconds, logger: logger, listener: listener) {
                if let lmtpNow { Task { await lmtpNow.server.beginDraining(listener: lmtpNow.listener) } }
            }
            if let lmtpNow, await !lmtpNow.server.drained(within: .seconds(graceSeconds + ShutdownGrace.hardStopSeconds)) {
                logger.warning("LMTP connections still open after the shutdown grace")
            }
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply database migrations and exit.")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try await KefuServer.openStore(databaseURL: database.resolved, logger: makeLogger("kefu"))
        let applied = try await Migrator.migrate(store, KefuServer.migrations)
        print(applied.isEmpty ? "Database is up to date." : "Applied: " + applied.joined(separator: ", "))
        await store.shutdown()
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load a demo organisation with users, tickets, items, warehouses and stock documents (idempotent).")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Password for the demo users.") var password = "kefu-demo-2026"

    func run() async throws {
        let store = try await KefuServer.openStore(databaseURL: database.resolved, logger: makeLogger("kefu"))
        _ = try await KefuServer.prepare(store, adminPassword: ProcessInfo.processInfo.environment["KEFU_ADMIN_PASSWORD"])
        let summary = try await DemoData.load(store: store, password: password)
        print(summary)
        await store.shutdown()
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users.", subcommands: [CreateUser.self])
}

struct CreateUser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a user (as the administrator).")
    @OptionGroup var database: DatabaseOptions
    @Option var username: String
    @Option var password: String
    @Option(name: .customLong("display-name")) var displayName: String
    @Option(help: "Comma-separated role codes, e.g. cs_agent,cs_supervisor.") var roles: String
    @Option(name: .customLong("org-unit"), help: "Org unit code (default: the root unit).") var orgUnit: String?
    @Option var locale = "zh-CN"

    func run() async throws {
        let store = try await KefuServer.openStore(databaseURL: database.resolved, logger: makeLogger("kefu"))
        _ = try await KefuServer.prepare(store, adminPassword: ProcessInfo.processInfo.environment["KEFU_ADMIN_PASSWORD"])
        do {
            let user = try await AdminTasks.createUser(store: store, username: username, password: password, displayName: displayName,
                                                       roles: roles.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) },
                                                       orgUnitCode: orgUnit, locale: locale)
            print("Created user \(user.username) (\(user.id)).")
        } catch let error as AppError {
            await store.shutdown()
            throw ValidationError(error.message(.en))
        }
        await store.shutdown()
    }
}

struct SlaScan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sla-scan",
        abstract: "Run one round of the background passes now: the SLA breach scanner and the CAPA reminders (the server runs them every few seconds by itself).")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try await KefuServer.openStore(databaseURL: database.resolved, logger: makeLogger("kefu"))
        try await Migrator.migrate(store, KefuServer.migrations)
        let started = ContinuousClock.now
        let round = try await KefuServer.scanOnce(store, logger: makeLogger("kefu"))
        let elapsed = ContinuousClock.now - started
        let ms = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        // #11.4: the feature passes the server runs too (one list), each with what it did.
        let passes = round.passes.map { " \($0.name)=\($0.count)" }.joined()
        print("tickets=\(round.scan.ticketsChecked) breaches=\(round.scan.breachesRecorded) notified=\(round.scan.notificationsSent)\(passes) ms=\(ms)")
        await store.shutdown()
        if !round.failed.isEmpty {
            for failure in round.failed { print("failed: \(failure.name): \(failure.error)") }
            throw ExitCode.failure
        }
    }
}
