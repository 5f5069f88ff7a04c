import KefuDomain
import Testing

/// DMG-06, DMG-07, ESC-05: the commercial-repair application's states, who acts, the due date and the escalation.
@Suite("Materials: class II commercial repair (DMG-06, DMG-07, ESC-05)")
struct CommercialRepairRulesTests {
    typealias R = CommercialRepairRules
    static let today = CivilDay(year: 2026, month: 12, day: 1)

    @Test func aCommercialRepairGoesThroughHQApproval() {
        #expect(R.steps(kind: .commercial, status: .draft) == [.edit, .submit, .cancel])
        #expect(R.steps(kind: .commercial, status: .submitted) == [.approve, .reject])
        #expect(R.steps(kind: .commercial, status: .approved) == [.send])
        #expect(R.steps(kind: .commercial, status: .sent) == [.record])
        #expect(R.steps(kind: .commercial, status: .returned) == [.close])
        #expect(R.steps(kind: .commercial, status: .closed).isEmpty)
        #expect(R.steps(kind: .commercial, status: .cancelled).isEmpty)
        #expect(R.next(.reject, from: .submitted) == .draft)
        #expect(R.next(.approve, from: .submitted) == .approved)
    }

    @Test func aWarrantyRepairIsSentWithoutApproval() {
        #expect(R.steps(kind: .warranty, status: .draft) == [.edit, .send, .cancel])
        #expect(!R.allows(.submit, kind: .warranty, status: .draft))
        #expect(!R.allows(.approve, kind: .warranty, status: .submitted))
    }

    @Test func whoActs() {
        // HQ approves; a department role cannot, even in its own unit.
        #expect(R.mayAct(.approve, kind: .commercial, roles: [.mgmtMaterials], covers: false))
        #expect(!R.mayAct(.approve, kind: .commercial, roles: [.deptManager], covers: true))
        // The department sends, in its unit only.
        #expect(R.mayAct(.send, kind: .commercial, roles: [.deptPlanner], covers: true))
        #expect(!R.mayAct(.send, kind: .commercial, roles: [.deptPlanner], covers: false))
        // A site does not apply for commercial repair, but calls the maker for a tool under warranty (DMG-07).
        #expect(!R.mayAct(.submit, kind: .commercial, roles: [.siteKeeper], covers: true))
        #expect(!R.mayAct(.send, kind: .commercial, roles: [.siteKeeper], covers: true))
        #expect(R.mayAct(.send, kind: .warranty, roles: [.siteKeeper], covers: true))
        #expect(!R.mayAct(.send, kind: .warranty, roles: [.siteKeeper], covers: false))
        // HQ may close (it coordinates, ESC-05) but does not send.
        #expect(R.mayAct(.close, kind: .commercial, roles: [.mgmtMaterials], covers: false))
        #expect(!R.mayAct(.send, kind: .commercial, roles: [.mgmtMaterials], covers: false))
    }

    @Test(arguments: [
        (RepairClass.II, DamagedPartStatus.registered, false, true),
        (.I, .registered, false, false),
        (.II, .packed, false, false),
        (.II, .shipped, false, false),
        (.II, .registered, true, false),
    ])
    func partsThatMayGoIn(cls: RepairClass, status: DamagedPartStatus, elsewhere: Bool, expected: Bool) {
        #expect(R.partEligible(repairClass: cls, status: status, inOtherApplication: elsewhere) == expected)
    }

    @Test func dueDateIsTheTypedDateElseTwentyWorkingDays() {
        let sent = CivilDay(year: 2026, month: 11, day: 2)
        let typed = CivilDay(year: 2026, month: 11, day: 20)
        #expect(R.dueDate(sentOn: sent, expected: typed, addWorkingDays: { _, _ in Issue.record("not used"); return sent }) == typed)
        var asked: (Int, CivilDay)?
        let due = R.dueDate(sentOn: sent, expected: nil, addWorkingDays: { n, d in asked = (n, d); return d.adding(days: 28) })
        #expect(asked?.0 == 20 && asked?.1 == sent)
        #expect(due == sent.adding(days: 28))
    }

    @Test func lateFromTheDayAfterTheDueDateWhileOut() {
        let due = Self.today
        #expect(R.daysLate(status: .sent, dueOn: due, today: Self.today) == nil)
        #expect(R.daysLate(status: .sent, dueOn: due, today: Self.today.adding(days: 1)) == 1)
        #expect(R.daysLate(status: .returned, dueOn: due, today: Self.today.adding(days: 5)) == nil)
        #expect(R.daysLate(status: .sent, dueOn: nil, today: Self.today) == nil)
    }

    @Test func escalatesOnceWhenLate() {
        let due = Self.today.adding(days: -1)
        #expect(R.shouldEscalate(status: .sent, dueOn: due, today: Self.today, escalated: false))
        #expect(!R.shouldEscalate(status: .sent, dueOn: due, today: Self.today, escalated: true))
        #expect(!R.shouldEscalate(status: .sent, dueOn: Self.today, today: Self.today, escalated: false))
        #expect(!R.shouldEscalate(status: .closed, dueOn: due, today: Self.today, escalated: false))
    }

    @Test func sendingChecks() {
        let t = Self.today
        #expect(R.checkSend(kind: .commercial, repairer: "华锐", sentOn: t, expected: nil, warrantyUntil: nil, costFen: 12_345, today: t) == nil)
        #expect(R.checkSend(kind: .commercial, repairer: nil, sentOn: t, expected: nil, warrantyUntil: nil, costFen: nil, today: t) == .repairerRequired)
        #expect(R.checkSend(kind: .commercial, repairer: "x", sentOn: t.adding(days: 1), expected: nil, warrantyUntil: nil, costFen: nil, today: t) == .sentInFuture)
        #expect(R.checkSend(kind: .commercial, repairer: "x", sentOn: t, expected: t.adding(days: -1), warrantyUntil: nil, costFen: nil, today: t) == .expectedBeforeSent)
        // DMG-07: the warranty runs on the sending day (inclusive), and the maker's repair is free.
        #expect(R.checkSend(kind: .warranty, repairer: "厂家", sentOn: t, expected: nil, warrantyUntil: t, costFen: nil, today: t) == nil)
        #expect(R.checkSend(kind: .warranty, repairer: "厂家", sentOn: t, expected: nil, warrantyUntil: t.adding(days: -1), costFen: nil, today: t) == .warrantyEnded)
        #expect(R.checkSend(kind: .warranty, repairer: "厂家", sentOn: t, expected: nil, warrantyUntil: nil, costFen: nil, today: t) == .warrantyRequired)
        #expect(R.checkSend(kind: .warranty, repairer: "厂家", sentOn: t, expected: nil, warrantyUntil: t, costFen: 100, today: t) == .costNotAllowed)
    }

    @Test func resultsForEveryPart() {
        let t = Self.today, sent = t.adding(days: -10)
        #expect(R.checkRecord(partIds: ["a", "b"], results: ["a": .repaired, "b": .scrapped], sentOn: sent, returnedOn: t, today: t) == nil)
        #expect(R.checkRecord(partIds: ["a", "b"], results: ["a": .repaired], sentOn: sent, returnedOn: t, today: t) == .missingResult(partId: "b"))
        #expect(R.checkRecord(partIds: ["a"], results: ["a": .repaired], sentOn: sent, returnedOn: sent.adding(days: -1), today: t) == .returnedBeforeSent)
        #expect(R.checkRecord(partIds: ["a"], results: ["a": .repaired], sentOn: sent, returnedOn: t.adding(days: 1), today: t) == .returnedInFuture)
    }
}
