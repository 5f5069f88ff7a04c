import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A connection of its own to the running server: the matrix probes groups of routes in parallel, one connection per
/// worker (the shared test client answers one request after another).
struct MatrixClient: Sendable {
    let client: TestClient

    func call(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: Any? = nil) async throws -> TestApp.Reply {
        try await send(method, path, token: token, json: json)
    }

    /// #16.3: with a raw body and headers of its own (a signed telephony event).
    func send(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: Any? = nil, raw: String? = nil,
              headers extra: HTTPFields = [:]) async throws -> TestApp.Reply {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        } else if let raw {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: raw)
        }
        let r = try await client.execute(.init(path, method: method, authority: "localhost", headers: headers, body: body))
        return TestApp.Reply(status: r.status, headers: r.head.headerFields, text: r.body.map { String(buffer: $0) } ?? "")
    }

    /// Runs `work` on `workers` connections, each taking the next item of `items` until none is left.
    static func parallel<Item: Sendable>(_ app: TestApp, workers: Int, _ items: [Item], _ work: @escaping @Sendable (MatrixClient, Item) async throws -> Void) async throws {
        let queue = Queue(items)
        let port = app.client.port!
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<workers {
                group.addTask {
                    try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: TestApp.patience)) { client in
                        while let item = await queue.next() { try await work(MatrixClient(client: client), item) }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    actor Queue<Item: Sendable> {
        var items: [Item]
        init(_ items: [Item]) { self.items = items }
        func next() -> Item? { items.isEmpty ? nil : items.removeFirst() }
    }
}
