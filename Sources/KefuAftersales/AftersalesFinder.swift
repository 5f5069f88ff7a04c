import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #11.1: after-sales records in the quick search: complaints (TS…), repair orders (WX…, or a unit's serial number) and
/// returns (TH…, the red-copy slip HL…, or the serial number), each by a unique or indexed column, for staff holding the
/// view step and only within their after-sales scope (`AftersalesScope`, as the lists).
public struct AftersalesFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] {
        [SearchKind("complaint", Text("投诉", "Complaints")), SearchKind("repair", Text("返修单", "Repair orders")),
         SearchKind("return", Text("退换货", "Returns"))]
    }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        let p = r.viewer
        guard AftersalesPermission.granted(.view, to: p.roles) else { return [] }
        func covers(_ path: String, _ responsible: String? = nil) -> Bool {
            AftersalesScope.covers(roles: p.roles, userPath: p.orgPath, recordPath: path, responsiblePath: responsible)
        }
        let number = r.query.number.map { $0.formatted(dash: false, width: 4) }
        let prefix = r.query.number?.prefix
        // Serial numbers are kept as typed: look for the text as typed and upper-cased.
        let serials = Array(Set([r.query.text, r.query.code]))
        var hits: [SearchHit] = []
        if r.wants("complaint"), let number, prefix == "TS" {
            for row in try await db.raw("""
                SELECT c.id, c.number, c.subject, c.status, c.org_path, \(unsafeRaw: OrgQueries.unitPathSQL("c.responsible_org_unit_id")) AS responsible_path
                FROM complaints c WHERE c.number = \(bind: number)
                """).all() where covers(try row.decode(column: "org_path", as: String.self), try row.decode(column: "responsible_path", as: String?.self)) {
                let id = try row.decode(column: "id", as: String.self)
                hits.append(SearchHit(kind: "complaint", id: id, number: number, title: try row.decode(column: "subject", as: String.self),
                                      detail: AftersalesLabels.complaint(try row.decode(column: "status", as: String.self))(r.locale), href: "/complaints/\(id)"))
            }
        }
        // One indexed look-up per form (an OR across columns would let PostgreSQL scan the table instead).
        if r.wants("repair") {
            var conditions: [SQLQueryString] = ["o.id IN (SELECT u.repair_order_id FROM repair_units u WHERE u.serial_number IN (\(SQLList(serials.map { SQLBind($0) }))))"]
            if let number, prefix == "WX" { conditions.append("o.number = \(bind: number)") }
            for condition in conditions {
                for row in try await db.raw("""
                    SELECT o.id, o.number, o.customer_name, o.model, o.status, o.org_path FROM repair_orders o WHERE \(condition)
                    ORDER BY o.received_at DESC LIMIT \(literal: r.limit * 4)
                    """).all() where covers(try row.decode(column: "org_path", as: String.self)) {
                    let id = try row.decode(column: "id", as: String.self)
                    hits.append(SearchHit(kind: "repair", id: id, number: try row.decode(column: "number", as: String.self),
                                          title: (try row.decode(column: "customer_name", as: String.self)) + " · " + (try row.decode(column: "model", as: String.self)),
                                          detail: AftersalesLabels.repair(try row.decode(column: "status", as: String.self))(r.locale), href: "/repair-orders/\(id)"))
                }
            }
        }
        if r.wants("return") {
            var conditions: [SQLQueryString] = ["t.serial_number IN (\(SQLList(serials.map { SQLBind($0) })))"]
            if let number, prefix == "TH" { conditions.append("t.number = \(bind: number)") }
            if let number, prefix == "HL" { conditions.append("t.slip_number = \(bind: number)") }
            for condition in conditions {
                for row in try await db.raw("""
                    SELECT t.id, t.number, t.kind, t.customer_name, t.model, t.status, t.org_path FROM returns t WHERE \(condition)
                    ORDER BY t.created_at DESC LIMIT \(literal: r.limit * 4)
                    """).all() where covers(try row.decode(column: "org_path", as: String.self)) {
                    let id = try row.decode(column: "id", as: String.self)
                    let who = try row.decode(column: "customer_name", as: String?.self)
                    hits.append(SearchHit(kind: "return", id: id, number: try row.decode(column: "number", as: String.self),
                                          title: [AftersalesLabels.kind(try row.decode(column: "kind", as: String.self))(r.locale), who,
                                                  try row.decode(column: "model", as: String.self)].compactMap { $0 }.joined(separator: " · "),
                                          detail: AftersalesLabels.returnStatus(try row.decode(column: "status", as: String.self))(r.locale), href: "/returns/\(id)"))
                }
            }
        }
        return hits
    }
}
