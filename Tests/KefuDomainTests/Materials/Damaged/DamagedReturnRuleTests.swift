import KefuDomain
import Testing

/// DMG-03, RPT-08: the 15-day and 3 m³ warnings at their boundaries; DMG-04: the packing checklist.
@Suite("Materials: damaged-part returns (DMG-03, DMG-04, RPT-08)")
struct DamagedReturnRuleTests {
    static let today = CivilDay(year: 2026, month: 12, day: 1)
    static func ago(_ n: Int) -> CivilDay { CivilDay(number: today.number - n) }

    @Test(arguments: [
        // (days since the last return, awaiting parts, volume in litres, expected warnings)
        (14, 1, Int64(0), [DamagedReturnRule.Warning]()),
        (15, 1, Int64(0), [.days]),
        (16, 1, Int64(0), [.days]),
        (0, 1, Int64(2_999), []),
        (0, 1, Int64(3_000), [.volume]),
        (14, 2, Int64(2_999), []),
        (15, 2, Int64(3_000), [.days, .volume]),
        // nothing waiting: no 15-day warning however long ago the last return was (decision #13.3)
        (40, 0, Int64(0), []),
    ])
    func boundaries(days: Int, awaiting: Int, volume: Int64, expected: [DamagedReturnRule.Warning]) {
        let s = DamagedReturnRule.standing(lastReturn: Self.ago(days), firstRegistered: Self.ago(100), awaiting: awaiting, volumeMilli: volume, today: Self.today)
        #expect(s.daysSinceReturn == days)
        #expect(s.warnings == expected)
        #expect(s.warns == !expected.isEmpty)
    }

    @Test func aSiteThatNeverReturnedCountsFromItsFirstPart() {
        let fresh = DamagedReturnRule.standing(lastReturn: nil, firstRegistered: Self.ago(14), awaiting: 3, volumeMilli: 500, today: Self.today)
        #expect(fresh.daysSinceReturn == 14 && !fresh.warns)
        let old = DamagedReturnRule.standing(lastReturn: nil, firstRegistered: Self.ago(15), awaiting: 3, volumeMilli: 500, today: Self.today)
        #expect(old.daysSinceReturn == 15 && old.warnings == [.days])
        let none = DamagedReturnRule.standing(lastReturn: nil, firstRegistered: nil, awaiting: 0, volumeMilli: 0, today: Self.today)
        #expect(none.daysSinceReturn == nil && !none.warns)
    }

    @Test func calendarDaysCrossWeekendsAndMonths() {
        // 2026-11-16 (Monday) to 2026-12-01: 15 calendar days, weekends included.
        let s = DamagedReturnRule.standing(lastReturn: CivilDay(year: 2026, month: 11, day: 16), firstRegistered: nil, awaiting: 1, volumeMilli: 0, today: Self.today)
        #expect(s.daysSinceReturn == 15 && s.warnings == [.days])
    }

    @Test func aBatchShipsOnlyWithEveryCheckTicked() {
        #expect(DamagedReturnRule.missingChecks([]) == [.woodenCrate, .plasticLining, .separators])
        #expect(DamagedReturnRule.missingChecks([.woodenCrate, .separators]) == [.plasticLining])
        #expect(DamagedReturnRule.missingChecks(Set(DamagedPackingCheck.allCases)).isEmpty)
    }

    @Test func stepsFollowTheBatchState() {
        #expect(DamagedReturnRule.allows(.ship, .packing) && !DamagedReturnRule.allows(.ship, .shipped))
        #expect(DamagedReturnRule.allows(.check, .packing) && !DamagedReturnRule.allows(.check, .received))
        #expect(DamagedReturnRule.allows(.receive, .shipped) && !DamagedReturnRule.allows(.receive, .packing))
    }

    @Test func productionSeesEveryBatchButRegistersNone() {
        #expect(DamagedReturnRule.canSeeBatch([.production], covers: false))
        #expect(!DamagedReturnRule.canRegister([.production], covers: true))
        #expect(DamagedReturnRule.canRegister([.siteKeeper], covers: true) && !DamagedReturnRule.canRegister([.siteKeeper], covers: false))
        #expect(!DamagedReturnRule.canSeeBatch([.siteKeeper], covers: false))
        #expect(DamagedReturnRule.canReceive([.production]) && !DamagedReturnRule.canReceive([.siteKeeper]))
    }
}
