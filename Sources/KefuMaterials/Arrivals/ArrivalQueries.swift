import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// Which arrival checks a list shows: open ones (checking), those due (open, due within two days or late), the late
/// ones (ARR-06), the completed ones; of one warehouse; arrived within a range of days (the receiving log, ARR-03).
public struct ArrivalFilter: Sendable {
    public enum State: String, CaseIterable, Sendable { case open, due, late, completed }
    public var state: State?
    public var warehouseId: String?
    public var from: String?
    public var to: String?

    static func parse(_ q: [String: String]) throws -> ArrivalFilter {
        var f = ArrivalFilter()
        if let s = TextRules.trimmed(q["state"]) {
            guard let state = State(rawValue: s) else {
                throw AppError.validation("state", Text("状态只能是 open、due、late 或 completed", "The state is open, due, late or completed"))
            }
            f.state = state
        }
        f.warehouseId = TextRules.trimmed(q["warehouseId"])
        for key in ["from", "to"] {
            guard let raw = TextRules.trimmed(q[key]) else { continue }
            guard let day = UsualInput.day(raw)?.iso ?? CivilDay(iso: raw)?.iso else {
                throw AppError.validation(key, Text("日期格式应为 YYYY-MM-DD", "The date must be YYYY-MM-DD"))
            }
            if key == "from" { f.from = day } else { f.to = day }
        }
        return f
    }
}

extension ArrivalService {
    /// Newest arrival first; in the viewer's scope (D16). Each row carries its lines (the receiving log shows the papers'
    /// names and specs, ARR-03).
    public func list(_ filter: ArrivalFilter, paging: Paging, viewer: Principal, now: Date = Date()) async throws -> ListPage<ArrivalView> {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await Self.list(db, filter, paging: paging, viewer: viewer, at: Clock.millis(now)) }
    }

    static func list(_ db: any SQLDatabase, _ filter: ArrivalFilter, paging: Paging, viewer: Principal, at: Int64) async throws -> ListPage<ArrivalView> {
        var conditions: [SQLQueryString] = []
        if !MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) {
            if viewer.roles.isDisjoint(with: ArrivalRules.confirmers) {
                conditions.append("a.org_path LIKE \(bind: viewer.orgPath + "%")")
            } else {
                conditions.append("(a.org_path LIKE \(bind: viewer.orgPath + "%") OR a.provisional = 1)")
            }
        }
        if let w = filter.warehouseId { conditions.append("a.warehouse_id = \(bind: w)") }
        switch filter.state {
        case .open?: conditions.append("a.status = \(bind: ArrivalStatus.checking.rawValue)")
        case .due?: conditions.append("a.status = \(bind: ArrivalStatus.checking.rawValue) AND a.check_due_at <= \(bind: at + 2 * 86_400_000)")
        case .late?: conditions.append("((a.status = \(bind: ArrivalStatus.checking.rawValue) AND a.check_due_at < \(bind: at)) OR a.completed_at > a.check_due_at)")
        case .completed?: conditions.append("a.status = \(bind: ArrivalStatus.completed.rawValue)")
        case nil: break
        }
        let offset = Int64(Times.zone.secondsFromGMT()) * 1000
        if let from = filter.from.flatMap(CivilDay.init(iso:)) { conditions.append("a.arrived_at >= \(bind: Int64(from.number) * 86_400_000 - offset)") }
        if let to = filter.to.flatMap(CivilDay.init(iso:)) { conditions.append("a.arrived_at < \(bind: Int64(to.number + 1) * 86_400_000 - offset)") }
        let whereClause: SQLQueryString = conditions.isEmpty ? "" : "WHERE \(SQLList(conditions, separator: SQLRaw(" AND ")))"
        let order: SQLQueryString = filter.state == .due || filter.state == .late ? "a.check_due_at, a.id" : "a.arrived_at DESC, a.id DESC"
        let total = try await db.raw("SELECT COUNT(*) AS n FROM arrivals a \(whereClause)").first()?.decode(column: "n", as: Int.self) ?? 0
        var rows = try await db.raw("\(unsafeRaw: ArrivalView.select) \(whereClause) ORDER BY \(order) LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)")
            .all().map { try ArrivalView(row: $0, now: at) }
        if !rows.isEmpty {
            var byArrival: [String: [ArrivalLineView]] = [:]
            let ids = rows.map(\.id)
            for row in try await db.raw("\(unsafeRaw: ArrivalLineView.select.replacingOccurrences(of: "SELECT l.line_no", with: "SELECT l.arrival_id, l.line_no")) WHERE l.arrival_id IN (\(SQLList(ids.map { SQLBind($0) }))) ORDER BY l.arrival_id, l.line_no").all() {
                byArrival[try row.decode(column: "arrival_id", as: String.self), default: []].append(try ArrivalLineView(row: row))
            }
            for i in rows.indices { rows[i].lines = byArrival[rows[i].id] ?? [] }
        }
        return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
    }

    /// The arrival a receipt was drafted from (the receipt's side of the link), nil when none.
    static func arrivalOfReceipt(_ db: any SQLDatabase, documentId: String) async throws -> (id: String, number: String)? {
        guard let row = try await db.raw("SELECT id, number FROM arrivals WHERE receipt_document_id = \(bind: documentId)").first() else { return nil }
        return (try row.decode(column: "id", as: String.self), try row.decode(column: "number", as: String.self))
    }
}
