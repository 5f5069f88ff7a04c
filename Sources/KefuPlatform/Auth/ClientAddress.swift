import Foundation
import HTTPTypes
import Hummingbird

/// The address a request came from, for sign-in throttling (#10.4): the peer address of the connection, or the
/// X-Forwarded-For entry added by a proxy only when the peer is one of `KEFU_TRUSTED_PROXIES` (comma-separated
/// addresses, e.g. "127.0.0.1,::1"). A client cannot choose its address by sending the header itself.
public struct ClientAddress: Sendable {
    public let trustedProxies: Set<String>

    public init(trustedProxies: Set<String>) { self.trustedProxies = trustedProxies }

    public static func fromEnvironment() -> ClientAddress {
        let raw = ProcessInfo.processInfo.environment["KEFU_TRUSTED_PROXIES"] ?? "127.0.0.1,::1"
        return ClientAddress(trustedProxies: Set(raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }))
    }

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// The client address of a request.
    public func resolve(_ request: Request, context: KefuContext) -> String {
        resolve(peer: context.peerAddress, forwardedFor: request.headers[Self.forwardedFor])
    }

    /// Walks X-Forwarded-For from the right (the entries our proxies added) to the first address that is not a trusted proxy.
    public func resolve(peer: String?, forwardedFor: String?) -> String {
        let peer = peer ?? "unknown"
        guard trustedProxies.contains(peer), let forwardedFor else { return peer }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for hop in hops.reversed() where !trustedProxies.contains(hop) {
            return String(hop.prefix(64))
        }
        return peer
    }
}
