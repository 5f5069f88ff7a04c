import Foundation

/// #10.7: where a page may send the browser after sign-in (`next`): a path on this site, never another host.
/// Browsers drop tabs and newlines from a URL and read `\` as `/`, so `/%09/host`, `/\host`, `//host` and
/// `%2F%2Fhost` all lead elsewhere; such a target (raw or percent-decoded) is refused, as is anything with a scheme.
public enum LocalRedirect {
    public static func path(_ next: String?) -> String? {
        guard let next, !next.isEmpty, next.utf8.count <= 2048 else { return nil }
        var forms = [next]
        var current = next
        // Undo percent-encoding a few times: a target encoded twice must not slip through either.
        for _ in 0..<3 {
            guard let decoded = current.removingPercentEncoding, decoded != current else { break }
            forms.append(decoded)
            current = decoded
        }
        guard !next.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
        for form in forms {
            // The path part decides the host a browser goes to; the query may hold anything (e.g. an encoded space).
            let path = form.prefix { $0 != "?" && $0 != "#" }
            guard path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\"),
                  !path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.isWhitespace })
            else { return nil }
        }
        guard let url = URLComponents(string: next), url.scheme == nil, url.host == nil else { return nil }
        return next
    }
}
