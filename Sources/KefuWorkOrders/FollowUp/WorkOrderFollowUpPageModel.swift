import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// WO-10 (篇15 §3): the engineering assistant's daily follow-up (工程助理跟进) — every order of the viewer's unit and below
/// not yet completed or not yet visited back, oldest first — and the department manager's assessment (工程部经理考核)
/// per technician over a period: orders done, arrivals on time within the 5 minutes of WO-02, late arrivals, signed
/// completions and return visits. Read in one transaction.
struct WorkOrderFollowUpPageModel: Sendable {
    struct TechnicianRow: Sendable {
        let name: String
        var accepted = 0
        var arrived = 0
        var late = 0
        var completed = 0
        var visited = 0
        /// Arrivals within the 5 minutes, in per cent of arrivals (nil without arrivals).
        var onTimePercent: Int? { arrived == 0 ? nil : (arrived - late) * 100 / arrived }
    }

    let pending: [WorkOrderView]
    let technicians: [TechnicianRow]
    let from: CivilDay
    let to: CivilDay
    let nowMillis: Int64
    static let limit = 300
}

extension WorkOrderService {
    func followUpModel(from rawFrom: String?, to rawTo: String?, viewer: Principal, now: Date = Date()) async throws -> WorkOrderFollowUpPageModel {
        try Self.requireViewer(viewer)
        let today = WorkOrderQueries.civilDay(now)
        let (y, m, _) = today.components
        let from = try rawFrom.flatMap { TextRules.trimmed($0) }.map { try Self.day($0, field: "from") } ?? CivilDay(year: y, month: m, day: 1)
        let to = try rawTo.flatMap { TextRules.trimmed($0) }.map { try Self.day($0, field: "to") } ?? today
        guard from <= to else { throw AppError.validation("to", Text("结束日期不能早于开始日期", "The end cannot be before the start")) }
        let scope: SQLQueryString = "w.org_path >= \(bind: viewer.orgPath) AND w.org_path < \(bind: FindQuery.upperBound(ofPrefix: viewer.orgPath))"
        let start = WorkOrderQueries.startMillis(from), end = WorkOrderQueries.startMillis(to.adding(days: 1))
        return try await store.read { db in
            let pending = try await db.raw("""
                \(unsafeRaw: WorkOrderView.select) WHERE \(scope) AND w.status <> 'return_visited'
                ORDER BY w.issued_at, w.id LIMIT \(bind: WorkOrderFollowUpPageModel.limit)
                """).all().map { try WorkOrderView(row: $0, signature: nil, viewer: viewer) }
            let period = try await db.raw("""
                \(unsafeRaw: WorkOrderView.select) WHERE \(scope) AND w.technician_id IS NOT NULL AND w.accepted_at >= \(bind: start) AND w.accepted_at < \(bind: end)
                """).all().map { try WorkOrderView(row: $0, signature: nil, viewer: nil) }
            var rows: [String: WorkOrderFollowUpPageModel.TechnicianRow] = [:]
            for o in period {
                guard let t = o.technicianId else { continue }
                var r = rows[t] ?? .init(name: o.technicianName ?? "—")
                r.accepted += 1
                if o.arrivedMillis != nil { r.arrived += 1 }
                if o.arrivedLate == true { r.late += 1 }
                if o.completedMillis != nil { r.completed += 1 }
                if o.returnVisitMillis != nil { r.visited += 1 }
                rows[t] = r
            }
            return WorkOrderFollowUpPageModel(pending: pending, technicians: rows.values.sorted { $0.name < $1.name }, from: from, to: to, nowMillis: Clock.millis(now))
        }
    }

    static func day(_ text: String, field: String) throws -> CivilDay {
        guard let d = CivilDay(iso: text) else { throw AppError.validation(field, Text("日期格式应为 YYYY-MM-DD", "The date must be YYYY-MM-DD")) }
        return d
    }
}
