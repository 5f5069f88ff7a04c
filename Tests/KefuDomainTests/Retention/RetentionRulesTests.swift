import Foundation
import KefuDomain
import Testing

/// RET-01..RET-04: retention periods, the boundary day, leap days and Asia/Shanghai days.
@Suite("Retention rules (RET-01..RET-04)")
struct RetentionRulesTests {
    @Test(arguments: [
        (RetainedKind.ticket, 3), (.complaint, 3), (.repairOrder, 3), (.returnRecord, 3), (.survey, 3), // RET-01
        (.workOrder, 2),                                                                                  // RET-02
        (.stockDocument, 3), (.siteLedger, 3), (.materialRequest, 3),                                     // RET-03 (decided floor)
        (.propertyNotice, 3), (.propertyPatrol, 3), (.propertyVacantCheck, 3), (.propertyProposal, 3), (.propertyWorkPlan, 3), // #14 RET-03 (decided floor)
    ])
    func periods(kind: RetainedKind, years: Int) {
        #expect(RetentionRules.years(kind) == years)
    }

    @Test func theLastDayIsKeptAndTheNextMayBeArchived() {
        let closed = CivilDay(year: 2023, month: 6, day: 15)
        let table: [(RetainedKind, CivilDay, Bool)] = [
            (.complaint, CivilDay(year: 2026, month: 6, day: 14), false),
            (.complaint, CivilDay(year: 2026, month: 6, day: 15), false), // the anniversary is still inside
            (.complaint, CivilDay(year: 2026, month: 6, day: 16), true),
            (.workOrder, CivilDay(year: 2025, month: 6, day: 15), false),
            (.workOrder, CivilDay(year: 2025, month: 6, day: 16), true),
            (.stockDocument, CivilDay(year: 2025, month: 6, day: 16), false),
        ]
        for (kind, today, expected) in table {
            #expect(RetentionRules.mayArchive(kind, closedOn: closed, today: today) == expected, "\(kind) on \(today)")
        }
    }

    @Test func anOpenRecordIsAlwaysKept() {
        for kind in RetainedKind.allCases {
            #expect(!RetentionRules.mayArchive(kind, closedOn: nil, today: CivilDay(year: 2100, month: 1, day: 1)))
            #expect(!RetentionRules.mayArchive(kind, closedAt: nil, now: Date(timeIntervalSince1970: 4_000_000_000)))
        }
    }

    @Test func aLeapDayIsKeptUntilTheTwentyEighth() {
        let leap = CivilDay(year: 2024, month: 2, day: 29)
        #expect(RetentionRules.keptUntil(.ticket, closedOn: leap) == CivilDay(year: 2027, month: 2, day: 28))
        #expect(!RetentionRules.mayArchive(.ticket, closedOn: leap, today: CivilDay(year: 2027, month: 2, day: 28)))
        #expect(RetentionRules.mayArchive(.ticket, closedOn: leap, today: CivilDay(year: 2027, month: 3, day: 1)))
        #expect(RetentionRules.keptUntil(.workOrder, closedOn: leap) == CivilDay(year: 2026, month: 2, day: 28))
        // Into a leap year: 29 Feb 2028 is one day past a ticket closed on 28 Feb 2025.
        #expect(RetentionRules.mayArchive(.ticket, closedOn: CivilDay(year: 2025, month: 2, day: 28), today: CivilDay(year: 2028, month: 2, day: 29)))
    }

    /// The report's cut-off agrees with `mayArchive` on every closing day around every day of two leap cycles.
    @Test func theCutoffAgreesWithMayArchive() {
        for kind in [RetainedKind.ticket, .workOrder] {
            var today = CivilDay(year: 2027, month: 1, day: 1)
            while today < CivilDay(year: 2029, month: 4, day: 1) {
                let cutoff = RetentionRules.cutoff(kind, today: today)
                for offset in -3...3 {
                    let closed = cutoff.adding(days: offset)
                    #expect(RetentionRules.mayArchive(kind, closedOn: closed, today: today) == (closed <= cutoff), "\(kind) \(today) \(closed)")
                }
                today = today.adding(days: 1)
            }
        }
    }

    @Test func daysAreShanghaiDays() {
        // 2023-06-15 16:30 UTC is already 2023-06-16 00:30 in Shanghai: the clock starts on the 16th.
        let closed = Date(timeIntervalSince1970: 1_686_846_600)
        #expect(RetentionRules.day(closed, in: RetentionRules.shanghai) == CivilDay(year: 2023, month: 6, day: 16))
        let lastKept = Date(timeIntervalSince1970: 1_781_541_000)   // 2026-06-16 00:30 Shanghai
        let firstFree = Date(timeIntervalSince1970: 1_781_541_000 + 86_400)
        #expect(!RetentionRules.mayArchive(.complaint, closedAt: closed, now: lastKept))
        #expect(RetentionRules.mayArchive(.complaint, closedAt: closed, now: firstFree))
        // Just before midnight Shanghai on the 16th is still the 16th.
        #expect(!RetentionRules.mayArchive(.complaint, closedAt: closed, now: Date(timeIntervalSince1970: 1_781_541_000 + 86_400 - 1_860)))
    }
}
