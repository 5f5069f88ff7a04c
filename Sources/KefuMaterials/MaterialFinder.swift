import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1: the material books in the quick search. Items by the start of their code (unique index) or name
/// (`items_name`), for every role that may see the books (MAT-04); receipts and issues (RK-/CK-…) and transfers
/// (DB-…) by their whole number (unique indexes), only where the viewer may see the warehouse (D16), as the lists do.
public struct MaterialFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] {
        [SearchKind("item", Text("存货", "Items")), SearchKind("stock_document", Text("出入库单", "Receipts and issues")),
         SearchKind("transfer", Text("调拨单", "Transfers"))]
    }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        let roles = r.viewer.roles
        guard !roles.isDisjoint(with: MaterialPermissions.viewers) else { return [] }
        func sees(_ path: String) -> Bool { MaterialPermissions.canView(roles, covers: r.viewer.covers(unitPath: path)) }
        var hits: [SearchHit] = []
        if r.wants("item") { hits += try await items(r, db) }
        let number = r.query.number?.formatted(dash: true, width: 6)
        if r.wants("stock_document"), let number, ["RK", "CK"].contains(r.query.number!.prefix) {
            for row in try await db.prepared("""
                SELECT d.id, d.number, d.direction, d.reason, d.status, d.org_path, w.name AS warehouse FROM stock_documents d
                JOIN warehouses w ON w.id = d.warehouse_id WHERE d.number = \(bind: number)
                """).all() where sees(try row.decode(column: "org_path", as: String.self)) {
                let id = try row.decode(column: "id", as: String.self)
                hits.append(SearchHit(kind: "stock_document", id: id, number: number,
                                      title: MaterialLabels.reasonText(try row.decode(column: "reason", as: String.self))(r.locale)
                                        + " · " + (try row.decode(column: "warehouse", as: String.self)),
                                      detail: MaterialLabels.status(try row.decode(column: "status", as: String.self))(r.locale),
                                      href: "/materials/documents/\(id)"))
            }
        }
        if r.wants("transfer"), let number, r.query.number!.prefix == "DB" {
            for row in try await db.prepared("""
                SELECT t.id, t.status, f.name AS from_name, f.org_path AS from_path, o.name AS to_name, o.org_path AS to_path FROM transfers t
                JOIN warehouses f ON f.id = t.from_warehouse_id JOIN warehouses o ON o.id = t.to_warehouse_id WHERE t.number = \(bind: number)
                """).all() {
                let from = try row.decode(column: "from_path", as: String.self), to = try row.decode(column: "to_path", as: String.self)
                guard sees(from) || sees(to) else { continue }
                let id = try row.decode(column: "id", as: String.self)
                hits.append(SearchHit(kind: "transfer", id: id, number: number,
                                      title: (try row.decode(column: "from_name", as: String.self)) + " → " + (try row.decode(column: "to_name", as: String.self)),
                                      detail: MaterialLabels.status(try row.decode(column: "status", as: String.self))(r.locale),
                                      href: "/materials/transfers/\(id)"))
            }
        }
        return hits
    }

    func items(_ r: SearchRequest, _ db: any SQLDatabase) async throws -> [SearchHit] {
        // The start of the code and the start of the name in one statement (`UNION ALL`, one round trip: pgperf); `form`
        // keeps the code's hits first, each form in its own order, as two statements did.
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
        guard !forms.isEmpty else { return [] }
        let rows = try await db.prepared("""
            \(SQLList(forms, separator: SQLRaw(" UNION ALL "))) ORDER BY form, sort_key, code
            """).all()
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
