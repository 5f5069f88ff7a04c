import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// FRT-04..06 background pass beside the SLA scanner: a freight record awaiting its department's approval longer than
/// two working days (`LateReminderRules`, on the working-day calendar of #3) is told once to the people who may decide
/// it. "Once" is a named counter (`freight_approval_late:<id>`) taken in the same transaction as the notice, so several
/// nodes never tell twice and a quiet round writes nothing.
public struct FreightReminders: Sendable {
    let store: any Store
    let notifier: any HandOffNotifier
    let calendar: any MaterialWorkCalendar

    public init(store: any Store, notifier: any HandOffNotifier, calendar: any MaterialWorkCalendar) {
        self.store = store
        self.notifier = notifier
        self.calendar = calendar
    }

    static let markPrefix = "freight_approval_late:"

    /// Two working days are never shorter than 48 hours: older records only are read and judged on the calendar.
    static let shortestWaitMillis: Int64 = 48 * 3_600_000

    /// Tells every late approval not yet told; returns how many records were told.
    @discardableResult
    public func scan(now: Date = Date()) async throws -> Int {
        let at = Clock.millis(now)
        let cal = try await calendar.workCalendar(now: now)
        let waiting = try await store.read { db in
            try await db.raw("""
                SELECT f.id, f.created_at FROM freight_records f
                WHERE f.status = \(bind: FreightStatus.awaitingApproval.rawValue) AND f.created_at <= \(bind: at - Self.shortestWaitMillis)
                    AND NOT EXISTS (SELECT 1 FROM counters c WHERE c.name = \(bind: Self.markPrefix) || f.id)
                ORDER BY f.created_at, f.id LIMIT 500
                """).all().map { (id: try $0.decode(column: "id", as: String.self), recordedAt: try $0.decode(column: "created_at", as: Int64.self)) }
        }
        let late = waiting.filter { LateReminderRules.freightApprovalLateAt(recordedAt: $0.recordedAt, calendar: cal) <= at }.map(\.id)
        guard !late.isEmpty else { return 0 }
        let notifier = self.notifier
        return try await store.write { db in
            var told = 0
            // #18: one counter row at a time, in the order of their names.
            for id in late.sorted() {
                guard let r = try await db.raw("\(unsafeRaw: FreightView.select) WHERE f.id = \(bind: id)").first().map({ try FreightView(row: $0, viewer: nil) }),
                      r.status == .awaitingApproval,
                      try await Counters.next(Self.markPrefix + id, in: db) == 1 else { continue }
                let approval = r.approvalNeeded, deptPath = r.deptPath
                let lateAt = LateReminderRules.freightApprovalLateAt(recordedAt: r.createdMillis, calendar: cal)
                _ = try await notifier.handOff(db, HandOff(
                    kind: "freight_approval_late",
                    recipients: .init(eligible: { roles, userPath in FreightApprovalRule.mayDecide(approval, roles: roles, userPath: userPath, departmentPath: deptPath) }),
                    title: Text("运费审批超期：{0}", "Freight approval late: {0}").with(r.number),
                    body: Text("{0} 的运费 {1} 元（{2}）自 {3} 登记以来已等待审批超过 2 个工作日（截至 {4}）",
                               "{0}: freight of CNY {1} ({2}) recorded on {3} has waited for approval more than 2 working days (since {4})")
                        .with(r.unitName, r.cost, r.shipmentRef, Times.display(r.createdMillis), Times.display(lateAt)),
                    link: "/materials/freight/\(r.id)", actorId: ""), at: at)
                told += 1
            }
            return told
        }
    }
}
