import Foundation
import Hummingbird

/// #10.11: whether a request reached us over HTTPS. Kefu itself speaks plain HTTP; HTTPS ends at a reverse proxy,
/// which says so with `X-Forwarded-Proto: https`. That header counts only from a trusted proxy's address
/// (`KEFU_TRUSTED_PROXIES`, comma-separated IP addresses, default `127.0.0.1,::1`); `KEFU_COOKIE_SECURE=true` declares
/// every request HTTPS.
public struct RequestOrigin: Sendable {
    public let alwaysHTTPS: Bool
    public let trustedProxies: Set<String>

    public init(alwaysHTTPS: Bool = false, trustedProxies: Set<String> = ["127.0.0.1", "::1"]) {
        self.alwaysHTTPS = alwaysHTTPS
        self.trustedProxies = trustedProxies
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> RequestOrigin {
        let proxies = environment["KEFU_TRUSTED_PROXIES"].map {
            Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        return RequestOrigin(alwaysHTTPS: environment["KEFU_COOKIE_SECURE"] == "true", trustedProxies: proxies ?? ["127.0.0.1", "::1"])
    }

    public func isHTTPS(_ request: Request, peer: String?) -> Bool {
        if alwaysHTTPS { return true }
        guard let peer, trustedProxies.contains(Self.plain(peer)) else { return false }
        return request.headers[.xForwardedProto]?.split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased() == "https"
    }

    /// `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) is `127.0.0.1`.
    static func plain(_ address: String) -> String {
        address.hasPrefix("::ffff:") ? String(address.dropFirst(7)) : address
    }
}
