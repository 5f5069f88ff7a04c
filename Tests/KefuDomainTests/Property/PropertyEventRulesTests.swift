import KefuDomain
import Testing

/// ESC-03 estate events: the start state per kind, the steps open from each state, who handles them, when an
/// emergency is late (2 hours without a follow-up), the SJ- numbers.
@Suite("Property event rules (ESC-03)")
struct PropertyEventRulesTests {
    @Test func anImportantEventIsReportedAndAnEmergencyAssigned() {
        #expect(PropertyEventRules.initialStatus(.important) == .reported)
        #expect(PropertyEventRules.initialStatus(.emergency) == .assigned)
    }

    @Test(arguments: [
        (PropertyEventStatus.reported, PropertyEventAction.followUp, PropertyEventStatus?.some(.following)),
        (.reported, .close, .closed),
        (.assigned, .followUp, .following),
        (.assigned, .close, nil),
        (.following, .followUp, .following),
        (.following, .close, .closed),
        (.closed, .followUp, nil),
        (.closed, .close, nil),
    ])
    func stepsOpenFromEachState(from: PropertyEventStatus, action: PropertyEventAction, to: PropertyEventStatus?) {
        #expect(PropertyEventRules.next(from, action) == to)
    }

    static let centre = "/root/cs/", sub = "/root/cs/east/", other = "/root/qa/"

    @Test func theSupervisorOrManagerHandlesEventsOfTheirUnitAndBelow() {
        let cases: [(Set<Role>, String, String, Bool)] = [
            ([.csSupervisor], Self.centre, Self.sub, true),
            ([.csManager], Self.centre, Self.centre, true),
            ([.admin], "/root/", Self.sub, true),
            ([.propertyAdmin], Self.centre, Self.centre, false),
            ([.csAgent], Self.centre, Self.centre, false),
            ([.csSupervisor], Self.sub, Self.centre, false),
            ([.csManager], Self.other, Self.centre, false),
        ]
        for (roles, userPath, recordPath, ok) in cases {
            #expect(PropertyEventRules.may(roles: roles, userPath: userPath, recordPath: recordPath) == ok, "\(roles) \(userPath) → \(recordPath)")
        }
    }

    @Test func recordersAreTheEstateReaders() {
        #expect(PropertyEventRules.recorders == PropertyRules.readers)
        #expect(PropertyEventRules.recorders.contains(.propertyAdmin) && !PropertyEventRules.recorders.contains(.csAgent))
    }

    static let hour: Int64 = 3_600_000

    @Test(arguments: [
        (PropertyEventKind.emergency, Int64?.none, 1 * hour, false),
        (.emergency, nil, 2 * hour, false),
        (.emergency, nil, 2 * hour + 1, true),
        (.emergency, 90 * 60_000, 5 * hour, false),
        (.emergency, 3 * hour, 5 * hour, true),
        (.important, nil, 30 * hour, false),
    ])
    func anEmergencyNotFollowedUpWithinTwoHoursIsLate(kind: PropertyEventKind, firstFollowUp: Int64?, now: Int64, late: Bool) {
        #expect(PropertyEventRules.overdue(kind: kind, recordedAt: 0, firstFollowUpAt: firstFollowUp, now: now) == late)
    }

    @Test(arguments: [
        ("SJ-2026-000001", String?.some("SJ-2026-000001")),
        ("sj-2026-12", "SJ-2026-000012"),
        ("SJ2026000003", "SJ-2026-000003"),
        ("SJ-26-1", nil),
        ("XL-2026-000001", nil),
        ("SJ-2026-0", nil),
    ])
    func eventNumbersAreReadAsTyped(typed: String, number: String?) {
        #expect(PropertyEventNumber.parse(typed) == number)
        #expect(PropertyEventNumber.make(year: 2026, sequence: 1) == "SJ-2026-000001")
    }
}
