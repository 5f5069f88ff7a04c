import Hummingbird
import KefuDomain

/// #11.1: `GET /api/v1/search?q=&kinds=&limit=`, the quick search and the pickers' source. Staff only; each kind is
/// limited by the feature's own list rules (a kind the role cannot list is absent).
public struct SearchAPI: Sendable {
    let search: SiteSearch

    public init(search: SiteSearch) { self.search = search }

    public func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        routes.schema("SearchHit", ["type": "object", "required": ["kind", "id", "title"], "properties": [
            "kind": ["type": "string", "enum": .array(search.kinds.map { .string($0.id) })],
            "id": str, "number": optStr, "title": str, "detail": optStr, "href": optStr,
        ]])
        routes.schema("SearchResult", ["type": "object", "properties": [
            "query": str, "items": ["type": "array", "items": ["$ref": "#/components/schemas/SearchHit"]],
        ]])
        routes.add(.init(.get, "/api/v1/search", summary: "Find records by the numbers, names, codes, phones and e-mails people know, grouped by kind",
                         tag: "search", response: "SearchResult", query: ["q", "kinds", "limit"])) { [search] request, context in
            let principal = try Self.requireStaff(context)
            let query = request.uri.queryParameters
            let p = try search.parameters(q: query.get("q"), kinds: query.get("kinds"), limit: query.get("limit"))
            return try JSONIO.response(try await search.find(p, viewer: principal, locale: context.locale))
        }
    }

    static func requireStaff(_ context: KefuContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        guard !principal.isCustomer else {
            throw AppError.forbidden(Text("搜索仅供员工使用", "Search is for staff"))
        }
        return principal
    }
}
