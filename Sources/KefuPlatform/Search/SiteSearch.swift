import Foundation
import KefuDomain

/// #11.1: the quick search over every feature, composed by the composition root from the features' providers. One
/// connection per search (on PostgreSQL the combined providers' look-ups in one statement); hits come grouped by kind in the providers' order.
public struct SiteSearch: Sendable {
    public static let defaultLimit = 5
    public static let maxLimit = 20

    let store: any Store
    let providers: [any SearchProvider]

    public init(store: any Store, providers: [any SearchProvider]) {
        self.store = store
        self.providers = providers
    }

    /// Every kind in display order.
    public var kinds: [SearchKind] { providers.flatMap(\.kinds) }

    /// The answer of one search: the query as read, and the hits of each kind in order.
    public struct Result: Sendable, Encodable {
        public let query: String
        public let items: [SearchHit]
    }

    /// The parameters as typed (`q`, `kinds` comma-separated, `limit`), checked: 400 with a clear message otherwise.
    public struct Parameters: Sendable {
        public let query: FindQuery?
        public let raw: String
        public let kinds: Set<String>
        public let limit: Int
    }

    public func parameters(q: String?, kinds rawKinds: String?, limit rawLimit: String?) throws -> Parameters {
        let raw = q ?? ""
        guard raw.count <= FindQuery.maxLength else {
            throw AppError.badRequest("query_too_long", Text("搜索内容最多 \(FindQuery.maxLength) 个字", "The search may be at most \(FindQuery.maxLength) characters"))
        }
        let known = Set(kinds.map(\.id))
        var wanted = known
        if let rawKinds, !rawKinds.trimmingCharacters(in: .whitespaces).isEmpty {
            wanted = Set(rawKinds.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            if let unknown = wanted.subtracting(known).sorted().first {
                throw AppError.badRequest("unknown_kind", Text("未知的搜索类别：{0}（可用：{1}）", "Unknown kind {0} (known: {1})")
                    .with(unknown, kinds.map(\.id).joined(separator: ", ")))
            }
        }
        var limit = Self.defaultLimit
        if let rawLimit {
            guard let n = Int(rawLimit), (1...Self.maxLimit).contains(n) else {
                throw AppError.badRequest("bad_limit", Text("limit 须为 1 到 \(Self.maxLimit) 的整数", "limit must be a whole number from 1 to \(Self.maxLimit)"))
            }
            limit = n
        }
        return Parameters(query: FindQuery(raw), raw: raw, kinds: wanted, limit: limit)
    }

    public func find(_ p: Parameters, viewer: Principal, locale: AppLocale, now: Date = Date()) async throws -> Result {
        guard let query = p.query else { return Result(query: p.raw, items: []) }
        let request = SearchRequest(query: query, kinds: p.kinds, limit: p.limit, viewer: viewer, locale: locale, dialect: store.dialect, now: now)
        let asked = providers.filter { provider in provider.kinds.contains { p.kinds.contains($0.id) } }
        let combine = store.dialect == .postgres
        let hits = try await store.read { db in
            // PostgreSQL: the look-ups of every combined provider first, as one statement (one round trip), then the
            // others one by one; the hits keep the providers' order either way.
            let combined = combine ? try await CombinedLookups.rows(of: asked, request, in: db) : [:]
            var all: [SearchHit] = []
            for (i, provider) in asked.enumerated() {
                if combine, let c = provider as? any CombinedSearchProvider {
                    if let rows = combined[i] { all += try c.hits(request, rows: rows) }
                } else {
                    all += try await provider.find(request, in: db)
                }
            }
            return all
        }
        // Grouped by kind in display order, at most `limit` of each.
        let order = Dictionary(kinds.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var seen: [String: Int] = [:]
        var unique = Set<String>()
        let items = hits.enumerated().sorted { (order[$0.element.kind] ?? .max, $0.offset) < (order[$1.element.kind] ?? .max, $1.offset) }
            .map(\.element)
            .filter { hit in
                guard unique.insert(hit.kind + "/" + hit.id).inserted else { return false }
                seen[hit.kind, default: 0] += 1
                return seen[hit.kind]! <= p.limit
            }
        return Result(query: query.text, items: items)
    }
}
