@testable import KefuDomain
import Testing

@Suite("Material requests 内部联络单 (REQ-01..09, 4.4, #13.1)")
struct MaterialRequestFlowTests {
    typealias S = MaterialRequestState
    typealias A = MaterialRequestAction

    @Test(arguments: [
        (S.draft, A.submit, S?.some(.siteReview)),
        (.siteReview, .approve, .plannerReview),
        (.plannerReview, .approve, .supervisorReview),
        (.supervisorReview, .approve, .managerReview),
        (.managerReview, .approve, .sentToProduction),
        (.siteReview, .return, .draft),
        (.plannerReview, .return, .draft),
        (.supervisorReview, .return, .draft),
        (.managerReview, .return, .draft),
        (.procurement, .order, .supplierShipping),
        (.supplierShipping, .confirmArrival, .arrived),
        // Refusals: out of order, from a finished state, returns outside review.
        (.draft, .approve, nil),
        (.siteReview, .submit, nil),
        (.draft, .return, nil),
        (.sentToProduction, .return, nil),
        (.sentToProduction, .approve, nil),
        (.sentToProduction, .order, nil),
        (.sentToProduction, .confirmArrival, nil),
        (.procurement, .confirmArrival, nil),
        (.procurement, .ship, nil),
        (.supplierShipping, .order, nil),
        (.closed, .confirmArrival, nil),
        (.closed, .return, nil),
        (.arrived, .confirmArrival, nil),
        (.managerReview, .decide, nil),
    ])
    func transitions(_ from: S, _ action: A, _ to: S?) {
        #expect(MaterialRequestFlow.next(from, action) == to)
    }

    @Test func productionDecidesStockOrProcurement() {
        #expect(MaterialRequestFlow.next(.sentToProduction, .decide, source: .stock) == .shippingFromStock)
        #expect(MaterialRequestFlow.next(.sentToProduction, .decide, source: .procurement) == .procurement)
        #expect(MaterialRequestFlow.next(.sentToProduction, .decide, source: nil) == nil)
        #expect(MaterialRequestFlow.next(.procurement, .decide, source: .stock) == nil)
    }

    @Test func fromStockTheSiteConfirmsOnlyWhatWasShippedOnce() {
        #expect(MaterialRequestFlow.next(.shippingFromStock, .ship, shipped: false) == .shippingFromStock)
        #expect(MaterialRequestFlow.next(.shippingFromStock, .ship, shipped: true) == nil)
        #expect(MaterialRequestFlow.next(.shippingFromStock, .confirmArrival, shipped: false) == nil)
        #expect(MaterialRequestFlow.next(.shippingFromStock, .confirmArrival, shipped: true) == .arrived)
        #expect(MaterialRequestFlow.afterArrival == .closed)
    }

    static let site = "/hq/d1/s1/", dept = "/hq/d1/", otherDept = "/hq/d2/", otherSite = "/hq/d2/s9/", hq = "/hq/", production = "/hq/prod/"

    static let permissions: [(A, S, Set<Role>, String, Bool)] = [
        (A.submit, S.draft, Set<Role>([.siteKeeper]), site, true),
        (.submit, .draft, [.siteKeeper], otherSite, false),
        (.submit, .draft, [.production], hq, false),
        // Each review step is signed by its own role in scope, and only by it.
        (.approve, .siteReview, [.siteLead], site, true),
        (.approve, .siteReview, [.siteLead], otherSite, false),
        (.approve, .siteReview, [.deptPlanner], dept, false),
        (.approve, .plannerReview, [.deptPlanner], dept, true),
        (.approve, .plannerReview, [.deptPlanner], otherDept, false),
        (.approve, .plannerReview, [.siteLead], site, false),
        (.approve, .supervisorReview, [.deptSupervisor], dept, true),
        (.approve, .supervisorReview, [.deptManager], dept, false),
        (.approve, .managerReview, [.deptManager], dept, true),
        (.approve, .managerReview, [.deptSupervisor], dept, false),
        (.return, .plannerReview, [.deptPlanner], dept, true),
        (.return, .managerReview, [.deptPlanner], dept, false),
        (.return, .siteReview, [.siteKeeper], site, false),
        // 生产管理部 and procurement act for every department.
        (.decide, .sentToProduction, [.production], production, true),
        (.decide, .sentToProduction, [.procurement], production, false),
        (.ship, .shippingFromStock, [.production], production, true),
        (.order, .procurement, [.procurement], production, true),
        (.order, .procurement, [.production], production, false),
        (.confirmArrival, .supplierShipping, [.siteKeeper], site, true),
        (.confirmArrival, .supplierShipping, [.siteKeeper], otherSite, false),
        (.confirmArrival, .supplierShipping, [.production], production, false),
    ]

    @Test(arguments: permissions)
    func whoActs(_ action: A, _ state: S, _ roles: Set<Role>, _ userPath: String, _ allowed: Bool) {
        #expect(MaterialRequestFlow.mayAct(action, state: state, roles: roles, userPath: userPath, requestPath: Self.site) == allowed)
    }

    @Test func urgentReleaseIsTheDepartments() {
        #expect(MaterialRequestFlow.mayCreate(roles: [.deptPlanner], userPath: Self.dept, requestPath: Self.site, urgent: true))
        #expect(!MaterialRequestFlow.mayCreate(roles: [.siteKeeper], userPath: Self.site, requestPath: Self.site, urgent: true))
        #expect(MaterialRequestFlow.mayCreate(roles: [.siteKeeper], userPath: Self.site, requestPath: Self.site, urgent: false))
        #expect(!MaterialRequestFlow.mayCreate(roles: [.deptPlanner], userPath: Self.otherDept, requestPath: Self.site, urgent: true))
    }

    @Test func linesAreOfOneKindWithPositiveQuantities() {
        #expect(MaterialRequestFlow.problems(kind: .tool, lines: []) == [.noLines])
        #expect(MaterialRequestFlow.problems(kind: .tool, lines: [("a", .tool, 1000), ("b", .tool, 500)]).isEmpty)
        #expect(MaterialRequestFlow.problems(kind: .tool, lines: [("a", .tool, 0)]) == [.quantityNotPositive(line: 1)])
        #expect(MaterialRequestFlow.problems(kind: .tool, lines: [("a", .tool, 1), ("b", .consumable, 1)]) == [.wrongKind(line: 2)])
        #expect(MaterialRequestFlow.problems(kind: .sparePart, lines: [("a", .sparePart, 1), ("a", .sparePart, 2)]) == [.duplicateItem(line: 2)])
        #expect(MaterialRequestFlow.problems(kind: .consumable, lines: [("a", .consumable, -1000)]) == [.quantityNotPositive(line: 1)])
    }

    @Test func waitingFor() {
        #expect(MaterialRequestFlow.waitingFor(.plannerReview, shipped: false) == .deptPlanner)
        #expect(MaterialRequestFlow.waitingFor(.shippingFromStock, shipped: false) == .production)
        #expect(MaterialRequestFlow.waitingFor(.shippingFromStock, shipped: true) == .siteKeeper)
        #expect(MaterialRequestFlow.waitingFor(.closed, shipped: true) == nil)
    }

    /// REQ-04: 24 working hours of business time: Friday 2026-11-27 10:00 (+08:00) → Tuesday 2026-12-01 16:00 with 9-hour days.
    @Test func plannerClockSkipsTheWeekend() {
        let calendar = WorkCalendar(schedule: HolidaySchedule(years: ShippedHolidays.years))
        let friday10 = Int64(1_795_744_800_000) // 2026-11-27T02:00:00Z
        let due = MaterialRequestFlow.plannerDue(enteredAt: friday10, on: calendar)
        // Fri 8 h (10–18), Mon 9 h, Tue 7 h → Tue 16:00 local = 08:00Z on 2026-12-01.
        #expect(due == 1_796_112_000_000, "due \(due)")
        #expect(MaterialRequestFlow.plannerBreached(state: .plannerReview, dueAt: due, now: due + 1))
        #expect(!MaterialRequestFlow.plannerBreached(state: .plannerReview, dueAt: due, now: due))
        #expect(!MaterialRequestFlow.plannerBreached(state: .supervisorReview, dueAt: due, now: due + 1))
    }

    @Test func theWeeklyReportIsForMondayAndTheDepartment() {
        #expect(MaterialRequestFlow.weeklyReportDue(on: CivilDay(year: 2026, month: 11, day: 30)))   // a Monday
        #expect(!MaterialRequestFlow.weeklyReportDue(on: CivilDay(year: 2026, month: 12, day: 1)))
        #expect(!MaterialRequestFlow.weeklyReportDue(on: CivilDay(year: 2026, month: 11, day: 29)))
        #expect(MaterialRequestFlow.department(of: "/hq/d1/s1/") == "/hq/d1/")
        #expect(MaterialRequestFlow.department(of: "/hq/d1/") == "/hq/d1/")
        #expect(MaterialRequestFlow.department(of: "/hq/") == nil)
    }
}
