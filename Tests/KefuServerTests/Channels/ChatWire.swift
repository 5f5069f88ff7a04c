import Foundation
import HTTPTypes
import Logging
import NIOConcurrencyHelpers
import Testing
import WSClient

/// #16.4 a test's end of the chat WebSocket: frames sent as JSON, frames received kept in order and waited for by type.
final class ChatWire: Sendable {
    struct WireTimeout: Error, CustomStringConvertible {
        let description: String
    }

    let outbound: WebSocketOutboundWriter
    let received = NIOLockedValueBox<[String]>([])
    let consumed = NIOLockedValueBox(0)

    init(outbound: WebSocketOutboundWriter) { self.outbound = outbound }

    func send(_ frame: [String: Any]) async throws {
        try await outbound.write(.text(String(decoding: try JSONSerialization.data(withJSONObject: frame), as: UTF8.self)))
    }

    static func parse(_ s: String) -> [String: Any] { (try? JSONSerialization.jsonObject(with: Data(s.utf8))) as? [String: Any] ?? [:] }

    /// The next frame (after those already taken) that `matches`; frames before it are skipped. A hang guard of 60 s.
    func next(_ what: String = "", _ matches: @escaping ([String: Any]) -> Bool) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let found: [String: Any]? = consumed.withLockedValue { index in
                let all = received.withLockedValue { $0 }
                while index < all.count {
                    let f = Self.parse(all[index])
                    index += 1
                    if matches(f) { return f }
                }
                return nil
            }
            if let found { return found }
            try await Task.sleep(for: .milliseconds(20))
        }
        // Thrown (not only recorded): the body runs in the WebSocket client's task, and its error reaches the test.
        throw WireTimeout(description: "no frame \(what) within 60 s; received: \(received.withLockedValue { $0 })")
    }

    func next(type: String) async throws -> [String: Any] { try await next(type) { $0["type"] as? String == type } }

    /// The `message` frames up to and including seq `last`.
    func messages(through last: Int) async throws -> [[String: Any]] {
        var out: [[String: Any]] = []
        while out.last.flatMap({ $0["seq"] as? Int }) ?? 0 < last {
            out.append(try await next("message through \(last)") { $0["type"] as? String == "message" })
        }
        return out
    }

    /// All frames received so far, parsed.
    var all: [[String: Any]] { received.withLockedValue { $0 }.map(Self.parse) }

    /// Opens `/chat/ws` on the test server (with `headers`: a bearer token or cookie), runs `body`, then closes.
    /// A failure says what the body waited for, what had arrived and how the connection ended.
    static func connect(_ app: TestApp, headers: HTTPFields = [:], _ body: @escaping @Sendable (ChatWire) async throws -> Void) async throws {
        var configuration = WebSocketClientConfiguration()
        configuration.additionalHeaders = headers
        let failure = NIOLockedValueBox<(any Error)?>(nil)
        let opened = NIOLockedValueBox<ChatWire?>(nil)
        let closeFrame: WebSocketCloseFrame?
        do {
            closeFrame = try await WebSocketClient.connect(url: "ws://127.0.0.1:\(app.client.port!)\(Self.path)", configuration: configuration,
                                                           logger: Logger(label: "chat-test")) { inbound, outbound, _ in
                let wire = ChatWire(outbound: outbound)
                opened.withLockedValue { $0 = wire }
                let reader = Task {
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        if case .text(let s) = message { wire.received.withLockedValue { $0.append(s) } }
                    }
                }
                do {
                    try await body(wire)
                } catch is CancellationError {
                    // The client's handler is cancelled when the connection closes under it: say what came before.
                    failure.withLockedValue { $0 = WireTimeout(description: "the connection closed; received: \(wire.received.withLockedValue { $0 })") }
                } catch {
                    failure.withLockedValue { $0 = error }
                }
                // Close as the protocol says and read on until the server's answering close. The client's own close
                // handshake would read the inbound stream too, and a stream has one reader: cancelling ours under
                // it made the client throw a bare CancellationError after a body that had passed.
                try? await outbound.close(.normalClosure, reason: nil)
                let hangGuard = Task {
                    try await Task.sleep(for: .seconds(30))
                    reader.cancel()
                }
                _ = await reader.result
                hangGuard.cancel()
            }
        } catch {
            // The body's own failure says more than the client's (which ends with the connection it lost).
            if let bodyFailure = failure.withLockedValue({ $0 }) { throw bodyFailure }
            let received = opened.withLockedValue { $0?.received.withLockedValue { $0 } }
            throw WireTimeout(description: "the WebSocket client failed: \(error); received: \(received.map { "\($0)" } ?? "nothing, the connection never opened")")
        }
        if let error = failure.withLockedValue({ $0 }) {
            throw WireTimeout(description: "\(error); the server's close: \(closeFrame.map { "\($0.closeCode) \($0.reason ?? "")" } ?? "none")")
        }
    }

    static let path = "/chat/ws"
}
