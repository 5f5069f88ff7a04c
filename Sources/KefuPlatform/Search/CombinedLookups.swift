import Foundation
import SQLKit

/// #11.1 on PostgreSQL: the look-ups of several providers as one prepared statement. Each look-up's rows come back as
/// JSON text (`row_to_json`) beside the look-up's position and the row's position in it, so look-ups of any shape
/// share one `UNION ALL`, and each provider gets its rows in the order its look-up gave them.
enum CombinedLookups {
    /// The rows of every combined provider among `providers`, by the provider's position and the look-up's tag; a
    /// provider with nothing to look up has no entry.
    static func rows(of providers: [any SearchProvider], _ request: SearchRequest, in db: any SQLDatabase) async throws -> [Int: [String: [any SQLRow]]] {
        let planned = try providers.enumerated().compactMap { i, provider -> (Int, [SearchLookup])? in
            guard let c = provider as? any CombinedSearchProvider else { return nil }
            let lookups = try c.lookups(request)
            return lookups.isEmpty ? nil : (i, lookups)
        }
        var rows = try await run(planned.flatMap(\.1), in: db).makeIterator()
        var out: [Int: [String: [any SQLRow]]] = [:]
        for (i, lookups) in planned {
            for lookup in lookups { out[i, default: [:]][lookup.tag, default: []] += rows.next() ?? [] }
        }
        return out
    }

    static func run(_ lookups: [SearchLookup], in db: any SQLDatabase) async throws -> [[any SQLRow]] {
        guard !lookups.isEmpty else { return [] }
        let parts = lookups.enumerated().map { i, lookup -> SQLQueryString in
            let n = String(i)
            return "SELECT \(unsafeRaw: n) AS l, row_number() OVER () AS n, row_to_json(q\(unsafeRaw: n))::text AS j FROM (\(lookup.sql)) q\(unsafeRaw: n)"
        }
        let rows = try await db.prepared("SELECT l, n, j FROM (\(SQLList(parts, separator: SQLRaw(" UNION ALL ")))) u ORDER BY l, n").all()
        var out = Array(repeating: [any SQLRow](), count: lookups.count)
        for row in rows {
            let l = try row.decode(column: "l", as: Int.self)
            out[l].append(try JSONObjectRow(json: try row.decode(column: "j", as: String.self)))
        }
        return out
    }
}
