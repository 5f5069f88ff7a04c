import Foundation

/// `DATABASE_URL` forms of API.md: `sqlite:///abs/path`, `sqlite://relative`, `postgres://user:pass@host:port/db`.
public enum DatabaseLocation: Equatable, Sendable {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgres(PostgresLocation)

    public static let defaultURL = "sqlite://kefu.sqlite"

    public static func parse(_ url: String) throws -> DatabaseLocation {
        if url == "sqlite::memory:" || url == "sqlite://:memory:" { return .sqliteMemory }
        if url.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw DatabaseURLError.invalid(url) }
            return .sqliteFile(path: path)
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
                throw DatabaseURLError.invalid(url)
            }
            let database = String(components.path.drop(while: { $0 == "/" }))
            let query = Dictionary(
                (components.queryItems ?? []).map { ($0.name.lowercased(), $0.value ?? "") },
                uniquingKeysWith: { _, last in last }
            )
            let tlsMode = (query["tlsmode"] ?? query["sslmode"] ?? "disable").lowercased()
            var pool: Int?
            if let raw = query["pool"] {
                guard let n = Int(raw), (1...500).contains(n) else { throw DatabaseURLError.invalid(url) }
                pool = n
            }
            return .postgres(PostgresLocation(
                host: host,
                port: components.port ?? 5432,
                username: components.user.flatMap { $0.removingPercentEncoding } ?? "postgres",
                password: components.password.flatMap { $0.removingPercentEncoding },
                database: database.isEmpty ? "postgres" : database,
                requireTLS: tlsMode == "require" || tlsMode == "verify-full",
                pool: pool
            ))
        }
        throw DatabaseURLError.invalid(url)
    }
}

public struct PostgresLocation: Equatable, Sendable {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var requireTLS: Bool
    /// #18.5: `?pool=N`, the most connections this node opens (default `PostgresStore.defaultPool`).
    public var pool: Int? = nil
}

public enum DatabaseURLError: Error, CustomStringConvertible {
    case invalid(String)
    public var description: String {
        switch self {
        case .invalid(let url):
            return "DATABASE_URL '\(url)' is not understood; use sqlite:///abs/path.sqlite, sqlite://relative.sqlite or postgres://user:pass@host:port/db (pool=N: 1 to 500)"
        }
    }
}
