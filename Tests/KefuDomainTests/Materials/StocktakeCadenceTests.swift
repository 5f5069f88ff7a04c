import Testing
@testable import KefuDomain

@Suite("Stocktake cadence (STK-01/02)")
struct StocktakeCadenceTests {
    @Test func siteWarehousesMonthlyDepartmentWarehousesQuarterly() {
        #expect(StocktakeCadence.of(departmentWarehouse: false) == .monthly)
        #expect(StocktakeCadence.of(departmentWarehouse: true) == .quarterly)
    }

    @Test func monthlyCount() {
        let m = StocktakeCadence.monthly
        #expect(m.due(lastCount: "2026-12-01", today: "2026-12-31") == .done)
        #expect(m.due(lastCount: "2026-11-30", today: "2026-12-01") == .due)
        #expect(m.due(lastCount: "2026-10-31", today: "2026-12-01") == .overdue)
        #expect(m.due(lastCount: "2025-12-15", today: "2026-01-02") == .due)  // across the year end
        #expect(m.due(lastCount: nil, today: "2026-12-01") == .overdue)
    }

    @Test func quarterlyCount() {
        let q = StocktakeCadence.quarterly
        #expect(q.due(lastCount: "2026-10-01", today: "2026-12-31") == .done)
        #expect(q.due(lastCount: "2026-09-30", today: "2026-10-01") == .due)
        #expect(q.due(lastCount: "2026-07-01", today: "2026-12-31") == .due)
        #expect(q.due(lastCount: "2026-06-30", today: "2026-10-01") == .overdue)
        #expect(q.due(lastCount: "2025-11-10", today: "2026-02-01") == .due)
        #expect(q.due(lastCount: nil, today: "2026-02-01") == .overdue)
    }

    @Test func malformedDates() {
        #expect(StocktakeCadence.monthly.period("2026-13-01") == nil)
        #expect(StocktakeCadence.monthly.due(lastCount: "garbage", today: "2026-12-01") == .overdue)
    }
}
