#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KefuDomain
import NIOPosix

/// The system resolver (`getaddrinfo`, so /etc/hosts counts) on NIO's thread pool: every IPv4 and IPv6 address of a
/// host, for the webhook target check (#10.10). A literal address is answered without a look-up.
public enum HostResolver {
    public static func addresses(of host: String) async throws -> [IPAddress] {
        if let literal = IPAddress(host) { return [literal] }
        return try await NIOThreadPool.singleton.runIfActive { lookUp(host) }
    }

    static func lookUp(_ host: String) -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var out: [IPAddress] = []
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let info = next?.pointee {
            next = info.ai_next
            guard let sa = info.ai_addr else { continue }
            let bytes: [UInt8]
            switch info.ai_family {
            case AF_INET:
                bytes = sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { ptr in
                    withUnsafeBytes(of: ptr.pointee.sin_addr) { Array($0) }
                }
            case AF_INET6:
                bytes = sa.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { ptr in
                    withUnsafeBytes(of: ptr.pointee.sin6_addr) { Array($0) }
                }
            default:
                continue
            }
            if let address = IPAddress(bytes: bytes), !out.contains(address) { out.append(address) }
        }
        return out
    }
}
