import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #11.1: after-sales records in the quick search: complaints (TS…), repair orders (WX…, or a unit's serial number) and
/// returns (TH…, the red-copy slip HL…, or the serial number), each by a unique or indexed column, for staff holding the
/// view step and only within their after-sales scope (`AftersalesScope`, as the lists). An archived complaint's or
/// return's number (#17.6 RET-04) finds its tombstone, whose link answers when and where it was archived.
public struct AftersalesFinder: CombinedSearchProvider {
    public init() {}

    public var kinds: [SearchKind] {
        [SearchKind("complaint", Text("投诉", "Complaints")), SearchKind("repair", Text("返修单", "Repair orders")),
         SearchKind("return", Text("退换货", "Returns"))]
    }

    public func lookups(_ r: SearchRequest) throws -> [SearchLookup] {
        guard AftersalesPermission.granted(.view, to: r.viewer.roles) else { return [] }
        let number = r.query.number.map { $0.formatted(dash: false, width: 4) }
        let prefix = r.query.number?.prefix
        // Serial numbers are kept as typed: look for the text as typed and upper-cased (only code-shaped text).
        let serials = Array(Set([r.query.text, r.query.code]))
        var lookups: [SearchLookup] = []
        if r.wants("complaint"), let number, prefix == "TS" {
            lookups.append(SearchLookup("complaint", """
                SELECT c.id, c.number, c.subject, c.status, c.org_path, \(unsafeRaw: OrgQueries.unitPathSQL("c.responsible_org_unit_id")) AS responsible_path
                FROM complaints c WHERE c.number = \(bind: number)
                """))
        }
        if r.wants("complaint"), let number, prefix == "TS" {
            lookups.append(SearchLookup("archived_complaint", RetentionTombstones.lookup(kind: .complaint, number: number)))
        }
        // One indexed look-up per form (an OR across columns would let PostgreSQL scan the table instead), all the forms
        // of repairs and returns in one statement (`UNION ALL`, one round trip: pgperf, bench/README.md "Quick search").
        // `part` keeps the forms' order (repairs before returns, each form's newest first), as one statement per form did.
        var parts: [SQLQueryString] = []
        func form(_ select: SQLQueryString) {
            parts.append("SELECT * FROM (\(select)) q\(unsafeRaw: String(parts.count))")
        }
        let serialList = SQLList(serials.map { SQLBind($0) })
        let repairColumns: SQLQueryString = "o.id, o.number, NULL AS kind, o.customer_name, o.model, o.status, o.org_path, o.received_at AS at"
        let returnColumns: SQLQueryString = "t.id, t.number, t.kind, t.customer_name, t.model, t.status, t.org_path, t.created_at AS at"
        if r.wants("repair") {
            var conditions: [SQLQueryString] = []
            if r.query.mayBeCode { conditions.append("o.id IN (SELECT u.repair_order_id FROM repair_units u WHERE u.serial_number IN (\(serialList)))") }
            if let number, prefix == "WX" { conditions.append("o.number = \(bind: number)") }
            for condition in conditions {
                form("SELECT \(unsafeRaw: String(parts.count)) AS part, 'repair' AS src, \(repairColumns) FROM repair_orders o WHERE \(condition) ORDER BY o.received_at DESC LIMIT \(bind: r.limit * 4)")
            }
        }
        if r.wants("return") {
            var conditions: [SQLQueryString] = []
            if r.query.mayBeCode { conditions.append("t.serial_number IN (\(serialList))") }
            if let number, prefix == "TH" { conditions.append("t.number = \(bind: number)") }
            if let number, prefix == "HL" { conditions.append("t.slip_number = \(bind: number)") }
            for condition in conditions {
                form("SELECT \(unsafeRaw: String(parts.count)) AS part, 'return' AS src, \(returnColumns) FROM returns t WHERE \(condition) ORDER BY t.created_at DESC LIMIT \(bind: r.limit * 4)")
            }
        }
        // #17.6 RET-04: an archived return's or repair order's number finds its tombstone, leading to its page (which says
        // when and where it went).
        if r.wants("return"), let number, prefix == "TH" {
            lookups.append(SearchLookup("archived_return", RetentionTombstones.lookup(kind: .returnRecord, number: number)))
        }
        if r.wants("repair"), let number, prefix == "WX" {
            lookups.append(SearchLookup("archived_repair", RetentionTombstones.lookup(kind: .repairOrder, number: number)))
        }
        if !parts.isEmpty { lookups.append(SearchLookup("units", "\(SQLList(parts, separator: SQLRaw(" UNION ALL "))) ORDER BY part, at DESC")) }
        return lookups
    }

    public func hits(_ r: SearchRequest, rows: [String: [any SQLRow]]) throws -> [SearchHit] {
        let p = r.viewer
        func covers(_ path: String, _ responsible: String? = nil) -> Bool {
            AftersalesScope.covers(roles: p.roles, userPath: p.orgPath, recordPath: path, responsiblePath: responsible)
        }
        var hits: [SearchHit] = []
        for row in rows["complaint"] ?? [] where covers(try row.decode(column: "org_path", as: String.self), try row.decode(column: "responsible_path", as: String?.self)) {
            let id = try row.decode(column: "id", as: String.self)
            hits.append(SearchHit(kind: "complaint", id: id, number: try row.decode(column: "number", as: String.self), title: try row.decode(column: "subject", as: String.self),
                                  detail: AftersalesLabels.complaint(try row.decode(column: "status", as: String.self))(r.locale), href: "/complaints/\(id)"))
        }
        for row in rows["units"] ?? [] where covers(try row.decode(column: "org_path", as: String.self)) {
            let id = try row.decode(column: "id", as: String.self)
            let number = try row.decode(column: "number", as: String.self)
            let who = try row.decode(column: "customer_name", as: String?.self)
            let model = try row.decode(column: "model", as: String.self)
            let status = try row.decode(column: "status", as: String.self)
            if try row.decode(column: "src", as: String.self) == "repair" {
                hits.append(SearchHit(kind: "repair", id: id, number: number, title: (who ?? "") + " · " + model,
                                      detail: AftersalesLabels.repair(status)(r.locale), href: "/repair-orders/\(id)"))
            } else {
                hits.append(SearchHit(kind: "return", id: id, number: number,
                                      title: [AftersalesLabels.kind(try row.decode(column: "kind", as: String.self))(r.locale), who, model]
                                        .compactMap { $0 }.joined(separator: " · "),
                                      detail: AftersalesLabels.returnStatus(status)(r.locale), href: "/returns/\(id)"))
            }
        }
        for (lookup, kind, path) in [("archived_complaint", "complaint", "/complaints/"), ("archived_return", "return", "/returns/"),
                                     ("archived_repair", "repair", "/repair-orders/")] {
            for row in rows[lookup] ?? [] {
                let t = try RetentionTombstones.Tombstone(row: row)
                guard covers(t.orgPath ?? "") else { continue }
                hits.append(t.searchHit(kind: kind, href: path + t.recordId, locale: r.locale))
            }
        }
        return hits
    }
}
