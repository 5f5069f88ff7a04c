import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #13.1 background pass beside the SLA scanner: on Mondays the weekly progress of open requests goes to each business
/// department's leaders (REQ-08, RPT-05), and a planner review past its 24 working hours (REQ-04) is told to the
/// department's planner and supervisor once. Idempotent with several nodes: each message takes a counter first
/// (`Counters`, in the same transaction), and only the transaction that takes it first tells anyone.
public struct MaterialRequestScanner: Sendable {
    let store: any Store
    let notifier: any HandOffNotifier
    let calendar: any MaterialWorkCalendar

    public init(store: any Store, notifier: any HandOffNotifier, calendar: any MaterialWorkCalendar) {
        self.store = store
        self.notifier = notifier
        self.calendar = calendar
    }

    /// Breaches older than this are not told any more (a server down longer than that tells nobody of them).
    static let breachWindowMillis: Int64 = 24 * 3_600_000

    @discardableResult
    public func scan(now: Date = Date()) async throws -> Int {
        let cal = try await calendar.workCalendar(now: now)
        let at = Clock.millis(now)
        let today = cal.day(of: at)
        let notifier = self.notifier
        return try await store.write { db in
            var told = 0
            // REQ-04: planner reviews past due, each told once (its request and deadline name the counter).
            for row in try await db.raw("""
                SELECT id, number, org_path, planner_due_at FROM material_requests
                WHERE state = \(bind: MaterialRequestState.plannerReview.rawValue) AND planner_due_at < \(bind: at) AND planner_due_at >= \(bind: at - Self.breachWindowMillis)
                ORDER BY id
                """).all() {
                let id = try row.decode(column: "id", as: String.self), due = try row.decode(column: "planner_due_at", as: Int64.self)
                guard try await Counters.next("material_request_breach:\(id):\(due)", in: db) == 1 else { continue }
                let path = try row.decode(column: "org_path", as: String.self)
                _ = try await notifier.handOff(db, HandOff(
                    kind: "material_request_planner_breach",
                    recipients: .init(eligible: { roles, userPath in !roles.isDisjoint(with: [.deptPlanner, .deptSupervisor]) && OrgPath.contains(userPath, path) }),
                    title: Text("内部联络单 {0} 计划员确认超时", "Material request {0}: planner review overdue").with(try row.decode(column: "number", as: String.self)),
                    body: Text("已超过 24 个工作小时（REQ-04）", "More than 24 working hours have passed (REQ-04)"),
                    link: "/materials/requests/\(id)", actorId: ""), at: at)
                told += 1
            }
            // REQ-08: Monday's weekly report, once per department and week.
            guard MaterialRequestFlow.weeklyReportDue(on: today) else { return told }
            var perDepartment: [String: Int] = [:]
            for row in try await db.raw("SELECT org_path, COUNT(*) AS n FROM material_requests WHERE state <> \(bind: MaterialRequestState.closed.rawValue) GROUP BY org_path").all() {
                guard let dept = MaterialRequestFlow.department(of: try row.decode(column: "org_path", as: String.self)) else { continue }
                perDepartment[dept, default: 0] += try row.decode(column: "n", as: Int.self)
            }
            for (dept, open) in perDepartment.sorted(by: { $0.key < $1.key }) {
                guard try await Counters.next("material_request_weekly:\(dept):\(today.iso)", in: db) == 1 else { continue }
                _ = try await notifier.handOff(db, HandOff(
                    kind: "material_request_weekly",
                    recipients: .init(eligible: { roles, userPath in !roles.isDisjoint(with: MaterialRequestFlow.leaders) && OrgPath.contains(userPath, dept) }),
                    title: Text("未结内部联络单周报（{0}）", "Open material requests, week of {0}").with(today.iso),
                    body: Text("本部门未结联络单 {0} 张", "{0} open requests in your department").with(String(open)),
                    link: "/materials/reports/open-requests", actorId: ""), at: at)
                told += 1
            }
            return told
        }
    }
}
