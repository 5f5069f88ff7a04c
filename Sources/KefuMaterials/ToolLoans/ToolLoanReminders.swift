import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// LND-02 background pass beside the SLA scanner: an open tool loan past its due date is told to the site lead who
/// keeps the loan form (LND-01) and to whoever lent it, once per loan and due date. "Once" is remembered by a named
/// counter taken in the same transaction as the notice (`tool_loan_overdue:<id>:<due>`), so several nodes never tell
/// twice and a quiet round writes nothing (the loans already told are left out by the read).
public struct ToolLoanReminders: Sendable {
    let store: any Store
    let notifier: any HandOffNotifier

    public init(store: any Store, notifier: any HandOffNotifier) {
        self.store = store
        self.notifier = notifier
    }

    static let markPrefix = "tool_loan_overdue:"

    static func mark(id: String, dueOn: String) -> String { markPrefix + id + ":" + dueOn }

    struct Due: Sendable {
        let id: String, number: String, orgPath: String, dueOn: String, borrower: String, workGroup: String, lentBy: String, warehouseName: String
    }

    /// Tells every overdue loan not yet told; returns how many loans were told.
    @discardableResult
    public func scan(now: Date = Date()) async throws -> Int {
        let today = ToolLoanService.today(now)
        let at = Clock.millis(now)
        let due = try await store.read { db in
            try await db.raw("""
                SELECT t.id, t.number, t.org_path, t.due_on, t.borrower, t.work_group, t.created_by, w.name AS warehouse_name
                FROM tool_loans t JOIN warehouses w ON w.id = t.warehouse_id
                WHERE t.status = 'open' AND t.due_on < \(bind: today.iso)
                    AND NOT EXISTS (SELECT 1 FROM counters c WHERE c.name = \(bind: Self.markPrefix) || t.id || ':' || t.due_on)
                ORDER BY t.due_on, t.id LIMIT 500
                """).all().map {
                Due(id: try $0.decode(column: "id", as: String.self), number: try $0.decode(column: "number", as: String.self),
                    orgPath: try $0.decode(column: "org_path", as: String.self), dueOn: try $0.decode(column: "due_on", as: String.self),
                    borrower: try $0.decode(column: "borrower", as: String.self), workGroup: try $0.decode(column: "work_group", as: String.self),
                    lentBy: try $0.decode(column: "created_by", as: String.self), warehouseName: try $0.decode(column: "warehouse_name", as: String.self))
            }
        }
        guard !due.isEmpty else { return 0 }
        let notifier = self.notifier
        return try await store.write { db in
            var told = 0
            // #18: one counter row at a time, in the order of their names.
            for d in due.sorted(by: { Self.mark(id: $0.id, dueOn: $0.dueOn) < Self.mark(id: $1.id, dueOn: $1.dueOn) }) {
                // Returned meanwhile: nothing to tell.
                guard try await db.raw("SELECT 1 AS x FROM tool_loans WHERE id = \(bind: d.id) AND status = 'open' AND due_on = \(bind: d.dueOn)").first() != nil,
                      let dueOn = CivilDay(iso: d.dueOn), LateReminderRules.loanOverdue(dueOn: dueOn, today: today),
                      try await Counters.next(Self.mark(id: d.id, dueOn: d.dueOn), in: db) == 1 else { continue }
                let days = today.number - dueOn.number
                _ = try await notifier.handOff(db, HandOff(
                    kind: "tool_loan_overdue",
                    recipients: .init(userIds: [d.lentBy], unitPath: d.orgPath, eligible: { roles, _ in roles.contains(.siteLead) }),
                    title: Text("工具借用逾期：{0}", "Tool loan overdue: {0}").with(d.number),
                    body: Text("{0}（{1}）借用 {2} 的工具应于 {3} 归还，已逾期 {4} 天（LND-02）",
                               "{0} ({1}) was to return the tool of {2} by {3}; {4} days overdue (LND-02)")
                        .with(d.borrower, d.workGroup, d.warehouseName, d.dueOn, String(days)),
                    link: "/materials/tool-loans/\(d.id)", actorId: ""), at: at)
                told += 1
            }
            return told
        }
    }
}
