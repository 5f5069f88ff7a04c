import Foundation
import KefuDomain
import Testing

/// #17.6 RET-01..RET-04: periods configurable upward (never below the SPEC floor), and legal holds.
@Suite("Retention policy and legal holds (#17.6, RET-01..04)")
struct RetentionPolicyTests {
    @Test func theEffectivePeriodIsNeverBelowTheFloor() {
        let policy = RetentionPolicy(configured: [.workOrder: 5, .ticket: 1])
        #expect(policy.years(.workOrder) == 5)
        #expect(policy.years(.ticket) == 3, "a stored value below the floor never shortens RET-01")
        #expect(policy.years(.complaint) == 3)
        for kind in RetainedKind.allCases { #expect(RetentionPolicy().years(kind) == RetentionRules.years(kind)) }
    }

    @Test func validationNamesTheFloorAndTheCeiling() {
        #expect(RetentionPolicy.validate(.workOrder, years: 1) == .belowFloor(floor: 2))
        #expect(RetentionPolicy.validate(.workOrder, years: 2) == nil)
        #expect(RetentionPolicy.validate(.complaint, years: 2) == .belowFloor(floor: 3))
        #expect(RetentionPolicy.validate(.complaint, years: 30) == nil)
        #expect(RetentionPolicy.validate(.complaint, years: 31) == .aboveMaximum(maximum: 30))
        #expect(RetentionPolicy.validate(.ticket, years: -3) == .belowFloor(floor: 3))
    }

    @Test func aLongerPeriodMovesTheCutoffBack() {
        let today = CivilDay(year: 2030, month: 6, day: 16)
        let closed = CivilDay(year: 2027, month: 6, day: 15)
        let floor = RetentionPolicy(), longer = RetentionPolicy(configured: [.complaint: 5])
        #expect(floor.mayArchive(.complaint, closedOn: closed, today: today))
        #expect(!longer.mayArchive(.complaint, closedOn: closed, today: today))
        #expect(longer.cutoff(.complaint, today: today) == CivilDay(year: 2025, month: 6, day: 15))
        #expect(longer.keptUntil(.complaint, closedOn: closed) == CivilDay(year: 2032, month: 6, day: 15))
        #expect(longer.mayArchive(.complaint, closedOn: closed, today: CivilDay(year: 2032, month: 6, day: 16)))
        // The floor forms agree with the year forms.
        #expect(RetentionRules.cutoff(.workOrder, today: today) == RetentionRules.cutoff(years: 2, today: today))
    }

    @Test func aHeldRecordIsNeverArchivedWhateverItsPeriod() {
        let policy = RetentionPolicy()
        let closed = CivilDay(year: 2020, month: 1, day: 1), today = CivilDay(year: 2030, month: 1, day: 1)
        #expect(policy.mayArchive(.ticket, closedOn: closed, today: today))
        #expect(!policy.mayArchive(.ticket, closedOn: closed, today: today, held: true))
        #expect(!RetentionRules.mayArchive(years: 3, closedOn: closed, today: today, held: true))
    }

    @Test func aHoldRunsUntilReleasedOrThroughItsLastDay() {
        let today = CivilDay(year: 2030, month: 3, day: 10)
        #expect(LegalHoldRules.isActive(releasedAt: nil, until: nil, today: today))
        #expect(LegalHoldRules.isActive(releasedAt: nil, until: today, today: today), "the last day is inside")
        #expect(!LegalHoldRules.isActive(releasedAt: nil, until: today.adding(days: -1), today: today))
        #expect(!LegalHoldRules.isActive(releasedAt: 1, until: nil, today: today))
    }

    @Test func aHoldNeedsAReasonAndNoPastLastDay() {
        let today = CivilDay(year: 2030, month: 3, day: 10)
        #expect(LegalHoldRules.validatePlace(reason: "  ", until: nil, today: today) == .reasonRequired)
        #expect(LegalHoldRules.validatePlace(reason: "诉讼", until: today.adding(days: -1), today: today) == .untilInThePast)
        #expect(LegalHoldRules.validatePlace(reason: "诉讼", until: today, today: today) == nil)
        #expect(LegalHoldRules.validatePlace(reason: String(repeating: "长", count: 501), until: nil, today: today) == .reasonTooLong)
        #expect(LegalHoldRules.validateRelease(reason: "", releasedAt: nil) == .reasonRequired)
        #expect(LegalHoldRules.validateRelease(reason: "结案", releasedAt: 5) == .alreadyReleased)
        #expect(LegalHoldRules.validateRelease(reason: "结案", releasedAt: nil) == nil)
    }
}
