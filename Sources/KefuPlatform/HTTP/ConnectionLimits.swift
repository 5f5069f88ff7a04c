import Foundation
import NIOCore

/// #10.1: the limits that keep idle, half-sent and excess connections from exhausting the server's descriptors.
/// Read from the environment by `kefu serve`; every value is a positive whole number.
public struct ConnectionLimits: Sendable, Equatable {
    /// Connections served at once; one more is answered 503 and closed (`KEFU_MAX_CONNECTIONS`).
    public var maxConnections: Int
    /// A new connection must send a whole request head within this time (`KEFU_HEADER_TIMEOUT_SECONDS`).
    public var headerTimeout: TimeAmount
    /// A request body must arrive whole within this time after its head (`KEFU_BODY_TIMEOUT_SECONDS`).
    public var bodyTimeout: TimeAmount
    /// A kept-alive connection is closed when no next request head arrives within this time (`KEFU_IDLE_TIMEOUT_SECONDS`).
    public var idleTimeout: TimeAmount
    /// #16.4: a WebSocket (live chat) is pinged this often; one that has not answered by the next ping is closed.
    public var webSocketPingInterval: TimeAmount = .seconds(60)

    public static let defaults = ConnectionLimits(maxConnections: 4096, headerTimeout: .seconds(10), bodyTimeout: .seconds(60),
                                                  idleTimeout: .seconds(30))

    public init(maxConnections: Int, headerTimeout: TimeAmount, bodyTimeout: TimeAmount, idleTimeout: TimeAmount) {
        self.maxConnections = maxConnections
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
    }

    /// The limits from `KEFU_MAX_CONNECTIONS`, `KEFU_HEADER_TIMEOUT_SECONDS`, `KEFU_BODY_TIMEOUT_SECONDS` and
    /// `KEFU_IDLE_TIMEOUT_SECONDS`; an unset variable keeps its default, a bad one is an error naming it.
    public static func fromEnvironment(_ environment: [String: String]) throws -> ConnectionLimits {
        func value(_ name: String, _ fallback: Int, max: Int) throws -> Int {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return fallback }
            guard let number = Int(text), number >= 1, number <= max else {
                throw AppError.validation(name, Text("{0} 须为 1 到 {1} 之间的整数", "{0} must be a whole number from 1 to {1}").with(name, "\(max)"))
            }
            return number
        }
        let d = defaults
        return ConnectionLimits(
            maxConnections: try value("KEFU_MAX_CONNECTIONS", d.maxConnections, max: 1_000_000),
            headerTimeout: .seconds(Int64(try value("KEFU_HEADER_TIMEOUT_SECONDS", Int(d.headerTimeout.nanoseconds / 1_000_000_000), max: 3600))),
            bodyTimeout: .seconds(Int64(try value("KEFU_BODY_TIMEOUT_SECONDS", Int(d.bodyTimeout.nanoseconds / 1_000_000_000), max: 3600))),
            idleTimeout: .seconds(Int64(try value("KEFU_IDLE_TIMEOUT_SECONDS", Int(d.idleTimeout.nanoseconds / 1_000_000_000), max: 3600))))
    }

    /// The cap that fits the descriptor limit: each connection holds one descriptor, and `reserve` stay free for the
    /// database, the log and the listening socket.
    public func fitting(descriptorLimit: Int, reserve: Int = 128) -> ConnectionLimits {
        var limits = self
        limits.maxConnections = Swift.max(1, Swift.min(maxConnections, descriptorLimit - reserve))
        return limits
    }
}
