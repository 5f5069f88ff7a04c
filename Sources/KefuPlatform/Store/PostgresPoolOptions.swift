import PostgresNIO

/// How a node holds its PostgreSQL connections.
///
/// #17.7/#18.5: PostgresNIO's pool, by default, arms two timers each time a connection goes back to it: a keep-alive
/// (`SELECT 1` after 30 s idle) and, for connections above the minimum, an idle timeout (closed after 60 s). Each is a
/// task sleeping until its deadline; when the connection is leased again the sleep is cancelled, but on Linux the
/// runtime keeps the cancelled sleep's dispatch timer, and the task with it, until the deadline passes. At 900 creates a
/// second (two or three leases each) that was 230,000 sleeping tasks alive at once: 150 MB more memory than on SQLite,
/// and a quarter of the server's CPU per ticket (bench/README.md, "PostgreSQL pool timers").
///
/// The server's store (`keepOpen`) therefore opens all its connections at start and keeps them (every connection is a
/// "minimum" one, so none gets an idle timer) and runs no keep-alive queries. Instead each connection asks PostgreSQL
/// for TCP keep-alive probes (`tcp_keepalives_*`, a session setting any role may set): an idle connection still carries
/// traffic every minute, so a firewall or NAT between node and database does not silently drop it, and PostgreSQL
/// closes a connection whose node is gone. A connection PostgreSQL closes (a restart, `pg_terminate_backend`) leaves
/// the pool at once and is opened again, as before.
public enum PostgresPoolOptions {
    /// Seconds of idleness before PostgreSQL's first probe, between probes, and unanswered probes before it closes.
    public static let keepaliveIdle = 60
    public static let keepaliveInterval = 10
    public static let keepaliveCount = 6

    /// `applicationName` is what `pg_stat_activity` shows for the node's connections.
    public static func options(maxConnections: Int, searchPath: String?, keepOpen: Bool,
                               applicationName: String = "kefu") -> PostgresClient.Configuration.Options {
        var options = PostgresClient.Configuration.Options()
        options.maximumConnections = maxConnections
        var startup: [(String, String)] = [("application_name", applicationName)]
        if let searchPath { startup.append(("search_path", searchPath)) }
        if keepOpen {
            options.minimumConnections = maxConnections
            options.keepAliveBehavior = nil
            startup += [("tcp_keepalives_idle", "\(keepaliveIdle)"), ("tcp_keepalives_interval", "\(keepaliveInterval)"),
                        ("tcp_keepalives_count", "\(keepaliveCount)")]
        }
        options.additionalStartupParameters = startup
        return options
    }
}
