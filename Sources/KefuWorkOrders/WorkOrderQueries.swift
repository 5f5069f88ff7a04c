import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of the work orders (#14.1), each inside the caller's transaction.
public enum WorkOrderQueries {
    static func requireView(_ viewer: Principal, orgPath: String) throws {
        guard WorkOrderRules.mayView(roles: viewer.roles, userPath: viewer.orgPath, orderPath: orgPath) else {
            throw AppError.forbidden(Text("您不能查看该工作任务单", "You cannot see this work order"))
        }
    }

    /// One order with its signature; 404 when absent, 403 outside the viewer's scope.
    static func view(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> WorkOrderView {
        guard let row = try await db.raw("\(unsafeRaw: WorkOrderView.select) WHERE w.id = \(bind: id)").first() else {
            throw AppError.notFound(Text("工作任务单", "Work order"))
        }
        let signature = try await db.raw("\(unsafeRaw: WorkOrderView.signatureSelect) WHERE s.order_id = \(bind: id)").first()
        let order = try WorkOrderView(row: row, signature: signature, viewer: viewer)
        try requireView(viewer, orgPath: order.orgPath)
        return order
    }

    /// The list's filters: `mine` (the viewer's own open orders, the technician's default), state, kind, `late` (arrived
    /// late or overdue at the door), `q` (number, location or requester), issue days `from`/`to`.
    public struct Filter: Sendable {
        public var mine = false
        public var open = false
        public var status: WorkOrderStatus?
        public var kind: WorkOrderKind?
        public var late = false
        public var q: String?
        public var from: String?
        public var to: String?

        static func parse(_ q: [String: String]) throws -> Filter {
            var f = Filter()
            f.mine = q["mine"] == "1" || q["mine"] == "true"
            f.open = q["open"] == "1" || q["open"] == "true"
            f.late = q["late"] == "1" || q["late"] == "true"
            if let s = TextRules.trimmed(q["status"]) {
                guard let v = WorkOrderStatus(rawValue: s) else {
                    let allowed = WorkOrderStatus.allCases.map(\.rawValue).joined(separator: ", ")
                    throw AppError.validation("status", Text("状态的取值必须是：" + allowed, "State must be one of: " + allowed))
                }
                f.status = v
            }
            if let k = TextRules.trimmed(q["kind"]) {
                guard let v = WorkOrderKind(rawValue: k) else {
                    throw AppError.validation("kind", Text("类型的取值必须是：household, public_facility", "Kind must be one of: household, public_facility"))
                }
                f.kind = v
            }
            f.q = TextRules.trimmed(q["q"])
            for (key, end) in [("from", false), ("to", true)] {
                guard let t = TextRules.trimmed(q[key]) else { continue }
                guard CivilDay(iso: t) != nil else { throw AppError.validation(key, Text("日期格式应为 YYYY-MM-DD", "The date must be YYYY-MM-DD")) }
                if end { f.to = t } else { f.from = t }
            }
            return f
        }
    }

    /// A page of the orders in the viewer's scope (its unit and below), newest first.
    static func list(_ db: any SQLDatabase, _ f: Filter, paging: Paging, viewer: Principal, now: Date) async throws -> ListPage<WorkOrderView> {
        var c: [SQLQueryString] = ["w.org_path >= \(bind: viewer.orgPath) AND w.org_path < \(bind: FindQuery.upperBound(ofPrefix: viewer.orgPath))"]
        if f.mine { c.append("w.technician_id = \(bind: viewer.userId)") }
        if f.open || f.mine { c.append("w.status NOT IN ('completed', 'return_visited')") }
        if let s = f.status { c.append("w.status = \(bind: s.rawValue)") }
        if let k = f.kind { c.append("w.kind = \(bind: k.rawValue)") }
        if f.late {
            let nowMillis = Clock.millis(now)
            c.append("(w.arrived_at > w.arrive_due_at OR (w.arrived_at IS NULL AND w.arrive_due_at < \(bind: nowMillis)))")
        }
        if let q = f.q {
            let like = "%" + q.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            c.append("(w.number = \(bind: q.uppercased()) OR w.location LIKE \(bind: like) OR w.requester_name LIKE \(bind: like) OR w.requester_phone = \(bind: q))")
        }
        if let from = f.from.flatMap(CivilDay.init(iso:)) { c.append("w.issued_at >= \(bind: Self.startMillis(from))") }
        if let to = f.to.flatMap(CivilDay.init(iso:)) { c.append("w.issued_at < \(bind: Self.startMillis(to.adding(days: 1)))") }
        let whereClause: SQLQueryString = "WHERE \(SQLList(c, separator: SQLRaw(" AND ")))"
        let total = try await db.raw("SELECT COUNT(*) AS n FROM work_orders w \(whereClause)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            \(unsafeRaw: WorkOrderView.select) \(whereClause) ORDER BY w.issued_at DESC, w.id DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map { try WorkOrderView(row: $0, signature: nil, viewer: viewer) }
        return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
    }

    /// The first moment of a civil day in the organisation's time zone, in epoch millis.
    static func startMillis(_ day: CivilDay) -> Int64 {
        let (y, m, d) = day.components
        let date = Times.calendar().date(from: DateComponents(year: y, month: m, day: d)) ?? Date(timeIntervalSince1970: 0)
        return Clock.millis(date)
    }

    /// The civil day of `date` in the organisation's time zone.
    static func civilDay(_ date: Date) -> CivilDay {
        let c = Times.calendar().dateComponents([.year, .month, .day], from: date)
        return CivilDay(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }
}
