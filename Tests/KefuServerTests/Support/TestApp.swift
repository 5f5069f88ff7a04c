import Foundation
import Hummingbird
import HummingbirdTesting
import KefuApp
import KefuChannels
import KefuPlatform
import KefuServiceDesk
import Logging
import Testing

/// A running Kefu on a real socket over a fresh database, with helpers to call it as different users.
struct TestApp: Sendable {
    /// The framework's client: only its port is used (its 20 s read timeout is too short for a loaded CI machine).
    let client: any TestClientProtocol
    /// The client requests go through: its read timeout only guards against a hang, it does not time anything.
    let http: TestClient
    /// How long a request may go without an answer before a test gives up: a hang guard, not a speed assertion.
    /// A 2-core CI machine whose disk is busy with a PostgreSQL checkpoint has taken over 20 s for one write (stop 27).
    static let patience: Duration = .seconds(180)
    let store: any Store
    /// The background work (breach scanner, webhook sender); tests run its passes themselves.
    let jobs: SlaJobs
    static let adminPassword = "admin-secret-1"
    /// #16.3 the telephony webhook's secret in tests (`KEFU_TELEPHONY_SECRET`).
    static let telephonySecret = "test-telephony-secret"

    /// `webhookTargets`: the webhook allow-list and resolver (#10.10); by default none allowed, the system resolver.
    /// `wrapStore`: what the server is built on, around the test database (e.g. a `CountingStore`).
    /// `baseURL`: `KEFU_BASE_URL` (#11.4 absolute links in webhook events); by default none.
    /// `smtp`: outbound mail (#16 item 2); by default none (nothing is queued).
    /// `chatHours`: when live chat is answered (#16.4); by default always. `webSocket`: serve with the WebSocket upgrade
    /// of live chat (the production channel, `GuardedWebSocketChannel`); `chatSignInRecheck`: how often an open agent
    /// connection's sign-in is checked again (else the production interval).
    static func run(webhookTargets: WebhookTargets = WebhookTargets(), wrapStore: @escaping @Sendable (any Store) -> any Store = { $0 },
                    baseURL: PublicBaseURL? = nil, clock: WallClock = .system, smtp: SmtpSettings? = nil,
                    telephonySecret: String? = TestApp.telephonySecret, chatHours: ChatHours = .always, webSocket: Bool = false,
                    chatSignInRecheck: Duration? = nil,
                    _ body: @escaping @Sendable (TestApp) async throws -> Void) async throws {
        try await TestDatabase.withStore { base in
            let store = wrapStore(base)
            _ = try await KefuServer.prepare(store, adminPassword: adminPassword)
            let disk = AttachmentDisk(root: FileManager.default.temporaryDirectory.appendingPathComponent("kefu-test-attachments-\(UUID().uuidString)"))
            defer { try? FileManager.default.removeItem(at: disk.root) }
            let built = KefuServer.buildRouter(store: store, webhookTargets: webhookTargets, attachmentDisk: disk, baseURL: baseURL, clock: clock,
                                                smtp: smtp, telephonySecret: TelephonySecret(telephonySecret), chatHours: chatHours)
            let jobs = built.jobs
            func serve(_ app: some ApplicationProtocol) async throws {
                try await app.test(.live) { client in
                    try await TestClient.withClient(host: "localhost", port: client.port!, configuration: .init(timeout: patience)) { http in
                        try await body(TestApp(client: client, http: http, store: store, jobs: jobs))
                    }
                }
            }
            if webSocket {
                // #16.4: the production channel with live chat's WebSocket upgrade. Its clocks are the production ones
                // stretched: on a loaded machine (the PostgreSQL suite in CI) a test's own client can take minutes to
                // send its head or answer a ping, and these tests are about chat, not timeouts (HTTPHardening tests those).
                // The body and idle clocks too: the test's one keep-alive HTTP connection waits while a chat is exchanged over
                // the WebSocket, and a server that closed it after 30 idle seconds failed the next call with "I/O on
                // closed channel" (ChatSessionsTests on PostgreSQL in CI).
                var limits = ConnectionLimits.defaults
                limits.headerTimeout = .seconds(600)
                limits.bodyTimeout = .seconds(600)
                limits.idleTimeout = .seconds(600)
                limits.webSocketPingInterval = .seconds(3600)
                try await serve(Application(router: built.router,
                                            server: GuardedWebSocketChannel.builder(limits: limits, counter: ConnectionCounter(limit: limits.maxConnections),
                                                                                    logger: TestDatabase.logger, shouldUpgrade: (chatSignInRecheck.map { built.chatSocket.recheckingSignIn(every: $0) } ?? built.chatSocket).shouldUpgrade),
                                            configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: TestDatabase.logger))
            } else {
                try await serve(Application(router: built.router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: TestDatabase.logger))
            }
        }
    }

    struct Reply: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let text: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
        var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }
        var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
        var errorMessage: String? { (json["error"] as? [String: Any])?["message"] as? String }
        subscript(_ key: String) -> Any? { json[key] }
        func string(_ key: String) -> String? { json[key] as? String }
    }

    @discardableResult
    func call(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, json body: Any? = nil, raw: String? = nil,
              headers extra: HTTPFields = [:]) async throws -> Reply {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        var buffer: ByteBuffer?
        if let body {
            headers[.contentType] = "application/json"
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
        } else if let raw {
            headers[.contentType] = headers[.contentType] ?? "application/json"
            buffer = ByteBuffer(string: raw)
        }
        headers[.connection] = "keep-alive"
        let response = try await http.execute(.init(path, method: method, authority: "localhost", headers: headers, body: buffer))
        return Reply(status: response.status, headers: response.head.headerFields, text: response.body.map { String(buffer: $0) } ?? "")
    }

    func token(_ username: String, _ password: String) async throws -> String {
        let reply = try await call(.post, "/api/v1/auth/token", json: ["username": username, "password": password])
        guard reply.status == .ok, let token = reply.string("token") else {
            Issue.record("sign-in of \(username) failed: \(reply.status) \(reply.text)")
            throw AppError.unauthenticated
        }
        return token
    }

    func adminToken() async throws -> String { try await token("admin", Self.adminPassword) }

    func rootUnitId(_ admin: String) async throws -> String {
        let units = try await call(.get, "/api/v1/org-units", token: admin)
        return units.items.first { $0["parentId"] == nil || $0["parentId"] is NSNull }?["id"] as! String
    }

    func createUnit(_ admin: String, code: String, name: String, kind: String = "department", parentId: String) async throws -> String {
        let reply = try await call(.post, "/api/v1/org-units", token: admin, json: ["code": code, "name": name, "kind": kind, "parentId": parentId])
        #expect(reply.status == .created, "create unit: \(reply.text)")
        return reply.string("id")!
    }

    /// Creates a user through the API and returns (id, token).
    func createUser(_ admin: String, _ username: String, roles: [String], unitId: String, customerId: String? = nil) async throws -> (id: String, token: String) {
        var body: [String: Any] = ["username": username, "password": "password-\(username)", "displayName": "用户\(username)",
                                   "orgUnitId": unitId, "roles": roles, "locale": "zh-CN"]
        if let customerId { body["customerId"] = customerId }
        let reply = try await call(.post, "/api/v1/users", token: admin, json: body)
        #expect(reply.status == .created, "create user: \(reply.text)")
        return (reply.string("id")!, try await token(username, "password-\(username)"))
    }

    func createTicket(_ token: String, subject: String, description: String = "", extra: [String: Any] = [:]) async throws -> Reply {
        var body: [String: Any] = ["subject": subject, "description": description, "type": "repair", "channel": "phone", "priority": "normal"]
        for (k, v) in extra { body[k] = v }
        return try await call(.post, "/api/v1/tickets", token: token, json: body)
    }
}
