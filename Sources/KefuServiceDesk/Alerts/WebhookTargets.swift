import Foundation
import KefuDomain
import KefuPlatform

/// Where webhooks may go (#10.10): public addresses only, plus the hosts the operator allows in
/// `KEFU_WEBHOOK_ALLOW_HOSTS` (comma-separated `host`, `host:port` or `[v6]:port`). A host is resolved and every address
/// checked when a webhook is saved and again before each delivery, which then connects to a checked address.
public struct WebhookTargets: Sendable {
    public typealias Resolver = @Sendable (_ host: String) async throws -> [IPAddress]

    public let allowHosts: [WebhookTargetRule.AllowedHost]
    let resolve: Resolver

    /// `resolve` replaces the system resolver (tests simulate DNS answers with it; the address check stays the same).
    public init(allowHosts: [WebhookTargetRule.AllowedHost] = [], resolve: Resolver? = nil) {
        self.allowHosts = allowHosts
        self.resolve = resolve ?? { try await HostResolver.addresses(of: $0) }
    }

    public struct ConfigurationError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The allow-list from `KEFU_WEBHOOK_ALLOW_HOSTS`; an entry that is not a host is an error naming it.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> WebhookTargets {
        let entries = (environment["KEFU_WEBHOOK_ALLOW_HOSTS"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return WebhookTargets(allowHosts: try entries.map { entry in
            guard let host = WebhookTargetRule.AllowedHost(entry: entry) else {
                throw ConfigurationError(description: "KEFU_WEBHOOK_ALLOW_HOSTS: \"\(entry)\" is not a host, host:port or [IPv6]:port")
            }
            return host
        })
    }

    /// An http(s) URL taken apart for a pinned connection.
    struct Endpoint {
        let useTLS: Bool
        /// Without brackets.
        let host: String
        let port: Int
        let hostHeader: String
        let target: String

        init?(_ url: String) {
            guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  var host = parts.host, !host.isEmpty else { return nil }
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            useTLS = scheme == "https"
            let defaultPort = useTLS ? 443 : 80
            self.host = host
            port = parts.port ?? defaultPort
            guard (1...65535).contains(port) else { return nil }
            let shown = host.contains(":") ? "[\(host)]" : host
            hostHeader = port == defaultPort ? shown : "\(shown):\(port)"
            let path = parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath
            target = path + (parts.percentEncodedQuery.map { "?" + $0 } ?? "")
        }
    }

    enum Checked {
        case connect(Endpoint, [IPAddress])
        case badURL
        case refused(host: String, IPAddress, WebhookTargetRule.AddressClass)
        case unresolved(host: String)
    }

    /// Resolves the URL's host now and checks every address it has.
    func check(_ url: String) async -> Checked {
        guard let endpoint = Endpoint(url) else { return .badURL }
        let resolved = (try? await resolve(endpoint.host)) ?? []
        let allowed = WebhookTargetRule.isAllowListed(host: endpoint.host, port: endpoint.port, allowList: allowHosts)
        switch WebhookTargetRule.verdict(resolved: resolved, allowListed: allowed) {
        case .connect(let addresses): return .connect(endpoint, addresses)
        case .refused(let address, let why): return .refused(host: endpoint.host, address, why)
        case .unresolved: return .unresolved(host: endpoint.host)
        }
    }

    /// At save time: a host that is or resolves to an internal address is refused (a host that does not resolve yet
    /// is accepted; each delivery checks again).
    func requireAllowed(_ url: String) async throws {
        guard case .refused(let host, let address, let why) = await check(url) else { return }
        throw AppError(.unprocessableContent, "webhook_target_forbidden", Text(
            "推送地址 \(host) 指向内部地址 \(address)（\(Self.label(why).zh)），不能使用；如确需推送到内部主机，请服务器管理员在 KEFU_WEBHOOK_ALLOW_HOSTS 中允许该主机",
            "The webhook host \(host) points to the internal address \(address) (\(Self.label(why).en)); ask the server's operator to allow the host in KEFU_WEBHOOK_ALLOW_HOSTS if it really must be used"),
            details: ["field": "url", "address": address.description, "range": why.rawValue])
    }

    static func label(_ why: WebhookTargetRule.AddressClass) -> Text {
        switch why {
        case .unspecified: Text("未指定地址", "unspecified address")
        case .loopback: Text("本机回环地址", "loopback")
        case .linkLocal: Text("链路本地地址", "link-local")
        case .privateNetwork: Text("内网地址", "private network")
        case .sharedAddressSpace: Text("运营商共享地址", "carrier-grade NAT")
        case .multicast: Text("组播地址", "multicast")
        case .broadcast: Text("广播地址", "broadcast")
        case .reserved: Text("保留地址", "reserved range")
        }
    }
}
