import Foundation
import KefuDomain
import Testing

/// #15.6 (ESC-02, ESC-04): the rules of the units' escalation paths.
@Suite("Escalation path rules (#15.6)")
struct EscalationPathRulesTests {
    typealias R = EscalationPathRules
    let chain = ["root", "cs", "team"]
    let role = R.RecipientInput(kind: "role", role: "cs_supervisor")

    func refusal(_ levels: [R.LevelInput], users: Set<String> = []) -> R.Refusal? {
        if case .failure(let r) = R.validate(levels, unitChain: chain, activeUserIds: users) { return r }
        return nil
    }

    @Test(arguments: [
        // (level given, minutes of level 1, minutes of level 2, expected reason)
        (nil, 0, 1, nil),
        (nil, 5, 30, nil),
        (nil, -1, 30, R.Reason.firstLevelMinutes),
        (nil, 0, 0, R.Reason.laterLevelMinutes),
        (nil, 0, R.maxMinutes + 1, R.Reason.laterLevelMinutes),
        (3, 0, 30, R.Reason.levelOutOfOrder),
    ] as [(Int?, Int, Int, R.Reason?)])
    func levelsComeInOrderWithMinutes(given: Int?, first: Int, second: Int, reason: R.Reason?) {
        let levels: [R.LevelInput] = [.init(level: given, afterMinutes: first, recipients: [role]), .init(level: nil, afterMinutes: second, recipients: [role])]
        #expect(refusal(levels)?.reason == reason)
    }

    @Test func recipientsAreStaffRolesUnitsAboveOrActivePeople() {
        func one(_ r: R.RecipientInput) -> R.Reason? { refusal([.init(level: 1, afterMinutes: 0, recipients: [r])], users: ["u1"])?.reason }
        #expect(one(.init(kind: "role", role: "cs_manager")) == nil)
        #expect(one(.init(kind: "role", role: "customer")) == .badRole)
        #expect(one(.init(kind: "role", role: "boss")) == .badRole)
        #expect(one(.init(kind: "unit_role", role: "cs_manager", orgUnitId: "root")) == nil)
        #expect(one(.init(kind: "unit_role", role: "cs_manager", orgUnitId: "qa")) == .unitNotAbove)
        #expect(one(.init(kind: "user", userId: "u1")) == nil)
        #expect(one(.init(kind: "user", userId: "gone")) == .inactiveUser)
        #expect(one(.init(kind: "team")) == .badKind)
        #expect(refusal([.init(level: nil, afterMinutes: 0, recipients: [])])?.reason == .noRecipient)
        #expect(refusal([.init(level: nil, afterMinutes: 0, recipients: [role, role])])?.reason == .duplicateRecipient)
        #expect(refusal(Array(repeating: .init(level: nil, afterMinutes: 1, recipients: [role]), count: R.maxLevels + 1))?.reason == .tooManyLevels)
        #expect(refusal([])?.reason == nil, "no levels: the unit inherits")
    }

    @Test func aUnitFollowsItsOwnPathElseTheNearestAbove() {
        #expect(R.effective(unitChain: chain, paths: ["root": 1, "cs": 2])?.unitId == "cs")
        #expect(R.effective(unitChain: chain, paths: ["root": 1])?.unitId == "root")
        #expect(R.effective(unitChain: chain, paths: ["team": 3])?.path == 3)
        #expect(R.effective(unitChain: chain, paths: ["qa": 4]) == nil)
    }

    @Test func levelsFallDueInWorkingTime() {
        let cal = WorkCalendar(schedule: HolidaySchedule(years: ShippedHolidays.years))
        let monday10: Int64 = 1_772_416_800_000
        #expect(R.due(of: .init(afterMinutes: 0, recipients: [.role(.csSupervisor)]), after: monday10, on: cal, .businessHours) == monday10)
        #expect(R.due(of: .init(afterMinutes: 30, recipients: [.role(.csSupervisor)]), after: monday10, on: cal, .allDay) == monday10 + 30 * 60_000)
        // Business hours: 10 working hours from Monday 10:00 ends on Tuesday, not Monday 20:00.
        let later = R.due(of: .init(afterMinutes: 600, recipients: [.role(.csSupervisor)]), after: monday10, on: cal, .businessHours)
        #expect(later == cal.adding(minutes: 600, to: monday10, .businessHours))
        #expect(later > monday10 + 600 * 60_000)
    }

    @Test func difficultComplaintsAreComplaintsOfHighOrUrgentPriority() {
        #expect(R.isDifficultComplaint(type: .complaint, priority: .urgent))
        #expect(R.isDifficultComplaint(type: .complaint, priority: .high))
        #expect(!R.isDifficultComplaint(type: .complaint, priority: .normal))
        #expect(!R.isDifficultComplaint(type: .repair, priority: .urgent))
    }

    @Test func whoALevelNames() {
        let members: [EscalationRecipients.Member] = [
            .init(id: "boss", unitId: "root", roles: [.csManager]),
            .init(id: "sup", unitId: "cs", roles: [.csSupervisor]),
            .init(id: "agent", unitId: "team", roles: [.csAgent]),
        ]
        let path = "/root/cs/team/"
        // A role passes upward to the nearest unit with a holder.
        #expect(R.people(of: .init(afterMinutes: 0, recipients: [.role(.csSupervisor)]), path: path, members: members) == ["sup"])
        #expect(R.people(of: .init(afterMinutes: 0, recipients: [.unitRole(.csManager, unitId: "root"), .user("x"), .role(.csSupervisor)]),
                         path: path, members: members, except: "sup") == ["boss", "x"])
        #expect(R.people(of: .init(afterMinutes: 0, recipients: [.unitRole(.csManager, unitId: "cs")]), path: path, members: members).isEmpty)
    }
}
