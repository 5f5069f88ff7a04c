import Foundation
import Hummingbird
import KefuApp
import KefuDomain
import KefuPlatform
import Testing

/// #10 "Also": the route × role × unit matrix, generated from the route table. Every served API route must be listed
/// in KefuDomain's `ApiAccess.routes` and must be probeable (a record for its path parameter, a body for a write);
/// every route is then called by every staff role in the head office, in the record's unit 客服部 and in a sibling unit
/// outside it, by the customer the records are about and by an anonymous caller, and must allow or refuse exactly as
/// the table says:
/// - allowed: any answer but 401/403/404 (a valid body passes validation; only the record's state may refuse it, 409);
/// - refused: 401 without sign-in, else 403 (not this role, or a record outside the caller's scope) or 404 where the
///   code hides a record outside the caller's scope (`MatrixProbes.refusal`);
/// - never a 5xx.
@Suite("Route × role × unit matrix (#10)")
struct RouteMatrixTests {
    static let refusals: Set<Int> = [401, 403, 404]

    @Test func everyRouteAnswersEveryCallerAsTheTableSays() async throws {
        // #16 item 2: outbound mail configured (to a port nobody listens on; the test never runs the sender), so that a
        // public reply on an e-mail ticket queues a message the outbox routes can name.
        let smtp = SmtpSettings(host: "127.0.0.1", port: 9, security: .none, from: MailAddress(name: nil, address: "service@matrix.example"))
        try await TestApp.run(smtp: smtp) { app in
            let started = Date()
            let org = try await MatrixOrg.make(app)
            let records = try await MatrixRecords.make(app, org)
            let callers = try await MatrixCaller.roster(app, org)
            let served = Set(KefuServer.buildRouter(store: app.store).routes.docs.map { "\($0.method.rawValue) \($0.path)" })
            for route in served.sorted() { #expect(ApiAccess.routes[route] != nil, "\(route) is not in ApiAccess.routes: list it with its audience") }
            for route in ApiAccess.routes.keys.sorted() { #expect(served.contains(route), "\(route) is listed in ApiAccess.routes but not served") }

            let fixtureDone = Date()
            var probed: [String] = []
            for route in ApiAccess.routes.keys.sorted() where served.contains(route) {
                do {
                    _ = try MatrixProbes.kind(of: route)
                    _ = try MatrixProbes.body(route, org, records)
                    probed.append(route)
                } catch {
                    Issue.record("\(error)")
                }
            }
            // Routes of one resource run one after another on one connection (refusals first, see `probe`); resources run
            // in parallel.
            let groups = Dictionary(grouping: probed) { $0.split(separator: "/").dropFirst(2).first.map(String.init) ?? "" }.values.map { $0.sorted() }
                .sorted { $0.count > $1.count }
            try await MatrixClient.parallel(app, workers: 3, groups) { client, routes in
                for route in routes {
                    try await Self.probe(client, route: route, audience: ApiAccess.routes[route]!, kind: try MatrixProbes.kind(of: route),
                                         body: try MatrixProbes.body(route, org, records), callers: callers, org: org, records: records)
                }
            }
            let withParameters = probed.filter { $0.contains("{") }.count
            let writes = probed.filter { !$0.hasPrefix("GET ") }.count
            print("route matrix: \(probed.count) routes (\(withParameters) with path parameters, \(writes) writes), \(callers.count) callers, \(probed.count * callers.count) probes; "
                  + String(format: "fixture %.1f s, probes %.1f s", fixtureDone.timeIntervalSince(started), Date().timeIntervalSince(fixtureDone)))
            #expect(probed.count == served.count)
        }
    }

    /// A new route whose parameter names a record the matrix does not have cannot be probed: the matrix fails with
    /// what to add.
    @Test func aRouteTheMatrixCannotProbeSaysWhatToAdd() throws {
        #expect(try MatrixProbes.kind(of: "GET /api/v1/tickets/{id}/comments") == .ticket)
        #expect(try MatrixProbes.kind(of: "POST /api/v1/tickets") == nil)
        do {
            _ = try MatrixProbes.kind(of: "GET /api/v1/widgets/{id}")
            Issue.record("a route without a matrix record was accepted")
        } catch {
            #expect("\(error)".contains("MatrixProbes.parameterKinds"), "\(error)")
        }
    }

    /// Calls one route with every caller, refusals first so that a permitted write cannot spoil the record they probe.
    static func probe(_ client: MatrixClient, route: String, audience: RouteAudience, kind: MatrixRecordKind?, body: [String: Any]?, callers: [MatrixCaller],
                      org: MatrixOrg, records: MatrixRecords) async throws {
        let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
        let method = HTTPRequest.Method(parts[0])!
        let template = parts[1]
        let ownedByCustomer = MatrixProbes.customerOwnedPrefixes.contains { template.hasPrefix($0) }
        let expected = callers.map { c in (c, audience.allows(c.roles, userPath: c.path, recordPath: org.csPath, owner: c.isCustomer && ownedByCustomer)) }
        let ordered = expected.filter { !$0.1 } + expected.filter { $0.1 }
        let perCaller = MatrixProbes.freshPerCaller(route)
        var shared: String?
        var answers: [Int: [String]] = [:]
        let routeStarted = Date()
        for (caller, allowed) in ordered {
            var path = template + MatrixProbes.query(template, records)
            if let kind {
                let id: String
                if allowed && perCaller {
                    id = try await records.id(kind, fresh: true, via: client)
                } else if let s = shared {
                    id = s
                } else {
                    id = try await records.id(kind, fresh: false, via: client)
                    shared = id
                }
                path = path.replacingOccurrences(of: "\\{[a-zA-Z]+\\}", with: id, options: .regularExpression)
            }
            var token = caller.token
            if route == "DELETE /api/v1/auth/token", let username = caller.username, let password = caller.password {
                // Revoking the request's own token: a token of its own for this probe, the caller's stays usable.
                token = try await client.call(.post, "/api/v1/auth/token", json: ["username": username, "password": password]).string("token")
            }
            let r = try await client.call(method, path, token: token, json: body)
            let code = Int(r.status.code)
            let what = "\(route) as \(caller.name): \(code) \(r.text.prefix(160))"
            #expect(code < 500, "\(what)")
            answers[code, default: []].append(caller.name)
            if allowed {
                #expect(!refusals.contains(code), "table says allow — \(what)")
            } else {
                let refusal = MatrixProbes.refusal(route, kind, audience, caller, recordPath: org.csPath)
                #expect(code == refusal, "table says deny (\(refusal)) — \(what)")
            }
        }
        if ProcessInfo.processInfo.environment["KEFU_MATRIX_VERBOSE"] != nil {
            print("matrix \(route) " + String(format: "%.2f s: ", Date().timeIntervalSince(routeStarted)) + answers.keys.sorted().map { "\($0)×\(answers[$0]!.count)" + ($0 < 300 || $0 == 409 || $0 == 422 ? " " + answers[$0]!.joined(separator: ",") : "") }.joined(separator: " | "))
        }
    }
}
