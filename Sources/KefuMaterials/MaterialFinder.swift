import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1: the material books in the quick search. Items by the start of their code (unique index) or name
/// (`items_name`), for every role that may see the books (MAT-04); receipts and issues (RK-/CK-…) and transfers
/// (DB-…) by their whole number (unique indexes), only where the viewer may see the warehouse (D16), as the lists do.
public struct MaterialFinder: CombinedSearchProvider {
    public init() {}

    public var kinds: [SearchKind] {
        [SearchKind("item", Text("存货", "Items")), SearchKind("stock_document", Text("出入库单", "Receipts and issues")),
         SearchKind("transfer", Text("调拨单", "Transfers"))]
    }

    public func lookups(_ r: SearchRequest) throws -> [SearchLookup] {
        guard !r.viewer.roles.isDisjoint(with: MaterialPermissions.viewers) else { return [] }
        var lookups: [SearchLookup] = []
        if r.wants("item"), let items = itemLookup(r) { lookups.append(items) }
        if let n = r.query.number {
            let number = n.formatted(dash: true, width: 6)
            if r.wants("stock_document"), ["RK", "CK"].contains(n.prefix) {
                lookups.append(SearchLookup("stock_document", """
                    SELECT d.id, d.number, d.direction, d.reason, d.status, d.org_path, w.name AS warehouse FROM stock_documents d
                    JOIN warehouses w ON w.id = d.warehouse_id WHERE d.number = \(bind: number)
                    """))
            }
            if r.wants("transfer"), n.prefix == "DB" {
                lookups.append(SearchLookup("transfer", """
                    SELECT t.id, t.number, t.status, f.name AS from_name, f.org_path AS from_path, o.name AS to_name, o.org_path AS to_path FROM transfers t
                    JOIN warehouses f ON f.id = t.from_warehouse_id JOIN warehouses o ON o.id = t.to_warehouse_id WHERE t.number = \(bind: number)
                    """))
            }
        }
        return lookups
    }

    public func hits(_ r: SearchRequest, rows: [String: [any SQLRow]]) throws -> [SearchHit] {
        func sees(_ path: String) -> Bool { MaterialPermissions.canView(r.viewer.roles, covers: r.viewer.covers(unitPath: path)) }
        var hits = try itemHits(rows["items"] ?? [])
        for row in rows["stock_document"] ?? [] where sees(try row.decode(column: "org_path", as: String.self)) {
            let id = try row.decode(column: "id", as: String.self)
            hits.append(SearchHit(kind: "stock_document", id: id, number: try row.decode(column: "number", as: String.self),
                                  title: MaterialLabels.reasonText(try row.decode(column: "reason", as: String.self))(r.locale)
                                    + " · " + (try row.decode(column: "warehouse", as: String.self)),
                                  detail: MaterialLabels.status(try row.decode(column: "status", as: String.self))(r.locale),
                                  href: "/materials/documents/\(id)"))
        }
        for row in rows["transfer"] ?? [] {
            let from = try row.decode(column: "from_path", as: String.self), to = try row.decode(column: "to_path", as: String.self)
            guard sees(from) || sees(to) else { continue }
            let id = try row.decode(column: "id", as: String.self)
            hits.append(SearchHit(kind: "transfer", id: id, number: try row.decode(column: "number", as: String.self),
                                  title: (try row.decode(column: "from_name", as: String.self)) + " → " + (try row.decode(column: "to_name", as: String.self)),
                                  detail: MaterialLabels.status(try row.decode(column: "status", as: String.self))(r.locale),
                                  href: "/materials/transfers/\(id)"))
        }
        return hits
    }

    /// The start of the code and the start of the name in one statement (`UNION ALL`, one round trip: pgperf); `form`
    /// keeps the code's hits first, each form in its own order, as two statements did.
    func itemLookup(_ r: SearchRequest) -> SearchLookup? {
        var forms: [SQLQueryString] = []
        func form(_ n: String, _ condition: SQLQueryString, sortKey: String, order: String, when wanted: Bool) {
            guard wanted else { return }
            forms.append("""
                SELECT * FROM (SELECT \(unsafeRaw: n) AS form, \(unsafeRaw: sortKey) AS sort_key, id, code, name, spec, model FROM items WHERE \(condition)
                ORDER BY \(unsafeRaw: order) LIMIT \(bind: r.limit)) q\(unsafeRaw: n)
                """)
        }
        let code = r.query.code
        form("0", "code >= \(bind: code) AND code < \(bind: FindQuery.upperBound(ofPrefix: code))", sortKey: "code", order: "code", when: r.query.mayBeCode)
        form("1", "name >= \(bind: r.query.text) AND name < \(bind: FindQuery.upperBound(ofPrefix: r.query.text))", sortKey: "name", order: "name, code", when: r.query.mayBeName)
        guard !forms.isEmpty else { return nil }
        return SearchLookup("items", "\(SQLList(forms, separator: SQLRaw(" UNION ALL "))) ORDER BY form, sort_key, code")
    }

    func itemHits(_ rows: [any SQLRow]) throws -> [SearchHit] {
        var seen = Set<String>()
        var hits: [SearchHit] = []
        for row in rows {
            let id = try row.decode(column: "id", as: String.self)
            guard seen.insert(id).inserted else { continue }
            let spec = [try row.decode(column: "spec", as: String.self), try row.decode(column: "model", as: String.self)].filter { !$0.isEmpty }
            hits.append(SearchHit(kind: "item", id: id, number: try row.decode(column: "code", as: String.self),
                                  title: try row.decode(column: "name", as: String.self),
                                  detail: spec.isEmpty ? nil : spec.joined(separator: " · "), href: "/materials/items/\(id)"))
        }
        return hits
    }
}
