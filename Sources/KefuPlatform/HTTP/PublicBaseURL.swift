import Foundation

/// #11.4: the address people open Kefu at (`KEFU_BASE_URL`, e.g. `https://kefu.example.com` or
/// `https://intra.example.com/kefu`), for links that leave the site — a webhook event's `link`. Unset, such links stay
/// paths on the site (`/tickets/{id}`), as the bell's are.
public struct PublicBaseURL: Sendable, Equatable {
    /// `scheme://host[:port][/prefix]`, without a trailing slash.
    public let origin: String

    /// nil unless `raw` is an http(s) address with a host and no query, fragment or credentials.
    public init?(_ raw: String) {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard let url = URLComponents(string: trimmed), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil, url.user == nil, url.password == nil else { return nil }
        var origin = trimmed
        while origin.hasSuffix("/") { origin.removeLast() }
        self.origin = origin
    }

    /// `KEFU_BASE_URL`; unset or empty: nil; not an http(s) address: an error naming it.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PublicBaseURL? {
        guard let raw = environment["KEFU_BASE_URL"], !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let base = PublicBaseURL(raw) else { throw Invalid(value: raw) }
        return base
    }

    /// A site path made absolute; anything else (already absolute, empty) is returned as it is.
    public func absolute(_ path: String) -> String {
        path.hasPrefix("/") && !path.hasPrefix("//") ? origin + path : path
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let value: String
        public var description: String { "KEFU_BASE_URL '\(value)' is not an http(s) address such as https://kefu.example.com" }
    }
}
