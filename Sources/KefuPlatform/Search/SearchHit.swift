import Foundation
import KefuDomain
import SQLKit

/// #11.1: one kind of record the quick search finds (`ticket`, `customer`, `item` …) and its name on screen.
public struct SearchKind: Sendable {
    public let id: String
    public let label: Text

    public init(_ id: String, _ label: Text) {
        self.id = id
        self.label = label
    }
}

/// One record found: what the picker and the search page show (its human number or code, its name, a short detail
/// such as the status) and where it lives.
public struct SearchHit: Sendable, Encodable, Equatable {
    public let kind: String
    public let id: String
    /// The number, code or username people know the record by; nil for records without one (a customer).
    public let number: String?
    public let title: String
    public let detail: String?
    public let href: String?

    public init(kind: String, id: String, number: String?, title: String, detail: String? = nil, href: String?) {
        self.kind = kind
        self.id = id
        self.number = number
        self.title = title
        self.detail = detail
        self.href = href
    }
}

/// What a provider is asked: the query, the kinds wanted, how many per kind, by whom.
public struct SearchRequest: Sendable {
    public let query: FindQuery
    public let kinds: Set<String>
    /// At most this many hits of each kind.
    public let limit: Int
    public let viewer: Principal
    public let locale: AppLocale
    public let dialect: StoreDialect
    public let now: Date

    public init(query: FindQuery, kinds: Set<String>, limit: Int, viewer: Principal, locale: AppLocale, dialect: StoreDialect, now: Date) {
        self.query = query
        self.kinds = kinds
        self.limit = limit
        self.viewer = viewer
        self.locale = locale
        self.dialect = dialect
        self.now = now
    }

    public func wants(_ kind: String) -> Bool { kinds.contains(kind) }
}

/// A feature's part of the quick search: a query function of the feature's query layer that answers from indexed
/// look-ups only (an exact number, a prefix of a name or code, a whole phone number) and returns only what the viewer
/// may see, exactly as the feature's list pages decide it. A kind the viewer may not list at all returns nothing.
public protocol SearchProvider: Sendable {
    var kinds: [SearchKind] { get }
    func find(_ request: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit]
}
