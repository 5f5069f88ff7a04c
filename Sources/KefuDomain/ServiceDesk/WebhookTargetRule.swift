import Foundation

/// Where a webhook may be sent (#10.10): only to public unicast addresses, unless the operator allows a host
/// explicitly. Every address a host name resolves to is checked, at save time and again at send time, and the
/// connection goes to a checked address (no second resolution), so DNS rebinding cannot reach the inside.
public enum WebhookTargetRule {
    /// Why an address is not a public one.
    public enum AddressClass: String, Sendable, CaseIterable {
        case unspecified, loopback, linkLocal, privateNetwork, sharedAddressSpace, multicast, broadcast, reserved
    }

    /// nil for a public unicast address; otherwise the class that refuses it.
    public static func classify(_ address: IPAddress) -> AddressClass? {
        address.isIPv4 ? classifyIPv4(address.bytes) : classifyIPv6(address)
    }

    static func classifyIPv4(_ b: [UInt8]) -> AddressClass? {
        switch (b[0], b[1], b[2]) {
        case (0, 0, 0) where b[3] == 0: return .unspecified
        case (0, _, _): return .reserved                              // 0.0.0.0/8 "this network"
        case (10, _, _): return .privateNetwork                      // 10/8
        case (100, 64...127, _): return .sharedAddressSpace          // 100.64/10 carrier-grade NAT
        case (127, _, _): return .loopback                           // 127/8
        case (169, 254, _): return .linkLocal                        // 169.254/16 (cloud metadata lives here)
        case (172, 16...31, _): return .privateNetwork               // 172.16/12
        case (192, 0, 0), (192, 0, 2): return .reserved              // IETF assignments, documentation
        case (192, 168, _): return .privateNetwork                   // 192.168/16
        case (198, 18...19, _): return .reserved                     // benchmarking
        case (198, 51, 100), (203, 0, 113): return .reserved         // documentation
        case (224...239, _, _): return .multicast                    // 224/4
        case (255, 255, 255) where b[3] == 255: return .broadcast
        case (240...255, _, _): return .reserved                     // 240/4
        default: return nil
        }
    }

    static func classifyIPv6(_ a: IPAddress) -> AddressClass? {
        let b = a.bytes
        let zeros = { (range: Range<Int>) in b[range].allSatisfy { $0 == 0 } }
        if zeros(0..<16) { return .unspecified }                                       // ::
        if zeros(0..<15), b[15] == 1 { return .loopback }                              // ::1
        if zeros(0..<10), b[10] == 0xff, b[11] == 0xff { return classify(a.embeddedIPv4(at: 12)!) } // ::ffff:0:0/96 mapped
        if b[0...11].elementsEqual([0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]) { return classify(a.embeddedIPv4(at: 12)!) } // 64:ff9b::/96 NAT64
        if b[0...1].elementsEqual([0x20, 0x02]) { return classify(a.embeddedIPv4(at: 2)!) }        // 2002::/16 6to4
        if b[0] == 0xff { return .multicast }                                          // ff00::/8
        if b[0] & 0xfe == 0xfc { return .privateNetwork }                              // fc00::/7 unique local
        if b[0] == 0xfe, b[1] & 0xc0 == 0x80 { return .linkLocal }                     // fe80::/10
        if b[0] == 0xfe, b[1] & 0xc0 == 0xc0 { return .privateNetwork }                // fec0::/10 site-local
        if b[0...3].elementsEqual([0x20, 0x01, 0x0d, 0xb8]) { return .reserved }                   // 2001:db8::/32 documentation
        if b[0...3].elementsEqual([0x20, 0x01, 0, 0]) { return .reserved }                         // 2001::/32 Teredo (hides an IPv4)
        if b[0] & 0xe0 != 0x20 { return .reserved }                                    // outside 2000::/3 global unicast
        return nil
    }

    /// One entry of the operator's allow-list: `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 literal.
    public struct AllowedHost: Equatable, Sendable, CustomStringConvertible {
        public let host: String
        /// nil: any port.
        public let port: Int?

        public init?(entry: String) {
            let text = entry.trimmingCharacters(in: .whitespaces)
            var host = Substring(text), port: Int?
            if text.hasPrefix("[") {
                guard let close = text.firstIndex(of: "]") else { return nil }
                host = text[text.index(after: text.startIndex)..<close]
                let rest = text[text.index(after: close)...]
                if !rest.isEmpty {
                    guard rest.hasPrefix(":"), let p = Int(rest.dropFirst()) else { return nil }
                    port = p
                }
                guard IPAddress(String(host)) != nil else { return nil }
            } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
                host = text[..<colon]
                guard let p = Int(text[text.index(after: colon)...]) else { return nil }
                port = p
            }
            if let port, !(1...65535).contains(port) { return nil }
            let normal = WebhookTargetRule.normalHost(String(host))
            guard !normal.isEmpty, normal.count <= 253, !normal.contains(where: { $0.isWhitespace || "/?#@".contains($0) }) else { return nil }
            if normal.contains(":"), IPAddress(normal) == nil { return nil }
            self.host = normal
            self.port = port
        }

        public func matches(host other: String, port otherPort: Int) -> Bool {
            if let port, port != otherPort { return false }
            let normal = WebhookTargetRule.normalHost(other)
            if let mine = IPAddress(host), let theirs = IPAddress(normal) { return mine == theirs }
            return host == normal
        }

        public var description: String {
            let shown = host.contains(":") ? "[\(host)]" : host
            return port.map { "\(shown):\($0)" } ?? shown
        }
    }

    /// Lower case, without brackets or a final dot.
    public static func normalHost(_ host: String) -> String {
        var h = host.lowercased()
        if h.hasPrefix("["), h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        while h.hasSuffix(".") { h.removeLast() }
        return h
    }

    public static func isAllowListed(host: String, port: Int, allowList: [AllowedHost]) -> Bool {
        allowList.contains { $0.matches(host: host, port: port) }
    }

    public enum Verdict: Equatable, Sendable {
        /// Connect to these addresses, in order.
        case connect([IPAddress])
        /// One of the host's addresses is not public: nothing is sent.
        case refused(IPAddress, AddressClass)
        /// The host has no address.
        case unresolved
    }

    /// The verdict on every address the host resolved to: one internal address refuses the host, whichever the
    /// connection would have used.
    public static func verdict(resolved: [IPAddress], allowListed: Bool) -> Verdict {
        guard !resolved.isEmpty else { return .unresolved }
        if !allowListed {
            for address in resolved {
                if let refusal = classify(address) { return .refused(address, refusal) }
            }
        }
        return .connect(resolved)
    }
}
