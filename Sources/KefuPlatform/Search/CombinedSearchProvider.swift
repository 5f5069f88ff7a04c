import Foundation
import SQLKit

/// One look-up of a search provider: a `SELECT` (with its own `ORDER BY` and `LIMIT` if it needs them) and a tag the
/// provider knows its rows by.
public struct SearchLookup: Sendable {
    public let tag: String
    public let sql: SQLQueryString

    public init(_ tag: String, _ sql: SQLQueryString) {
        self.tag = tag
        self.sql = sql
    }
}

/// #11.1 on PostgreSQL: a provider whose look-ups need nothing from one another, so that the quick search can run the
/// look-ups of every such provider as ONE statement (`SiteSearch`), one round trip instead of one per provider. The
/// provider says what to look up (no I/O) and makes its hits from the rows; on SQLite, or when it is asked alone, each
/// look-up runs as its own prepared statement, with the same answer.
public protocol CombinedSearchProvider: SearchProvider {
    /// What this search needs looked up; empty when the provider has nothing to find for it (the kind not wanted, the
    /// role not allowed, the text of no form the provider knows).
    func lookups(_ r: SearchRequest) throws -> [SearchLookup]
    /// The hits, from the rows of each look-up by its tag (a look-up that found nothing has no entry).
    func hits(_ r: SearchRequest, rows: [String: [any SQLRow]]) throws -> [SearchHit]
}

extension CombinedSearchProvider {
    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        let lookups = try lookups(r)
        guard !lookups.isEmpty else { return [] }
        var rows: [String: [any SQLRow]] = [:]
        for lookup in lookups { rows[lookup.tag, default: []] += try await db.prepared(lookup.sql).all() }
        return try hits(r, rows: rows)
    }
}
