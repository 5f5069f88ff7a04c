@testable import KefuDomain
import Testing

@Suite("Annual demand plan rules (REQ-10, #13.1 item 2)")
struct DemandPlanRulesTests {
    static let hq = "/root/", dept = "/root/deptA/", site = "/root/deptA/site1/", other = "/root/deptB/"

    @Test func onlyHQPlannersWrite() {
        #expect(DemandPlanRules.mayWrite([.mgmtPlanner], userPath: Self.hq))
        #expect(DemandPlanRules.mayWrite([.mgmtMaterials], userPath: Self.hq))
        #expect(!DemandPlanRules.mayWrite([.mgmtPlanner], userPath: Self.dept))
        #expect(!DemandPlanRules.mayWrite([.deptManager, .deptPlanner], userPath: Self.dept))
        #expect(!DemandPlanRules.mayWrite([.admin], userPath: Self.hq))
    }

    @Test func draftsAreHQsAndPublishedPlansAreTheDepartmentsAndProductions() {
        #expect(DemandPlanRules.mayView([.mgmtPlanner], userPath: Self.hq, planPath: Self.dept, published: false))
        #expect(!DemandPlanRules.mayView([.deptManager], userPath: Self.dept, planPath: Self.dept, published: false))
        #expect(!DemandPlanRules.mayView([.production], userPath: Self.hq, planPath: Self.dept, published: false))
        #expect(DemandPlanRules.mayView([.deptManager], userPath: Self.dept, planPath: Self.dept, published: true))
        #expect(DemandPlanRules.mayView([.production], userPath: Self.other, planPath: Self.dept, published: true))
        #expect(DemandPlanRules.mayView([.procurement], userPath: Self.other, planPath: Self.dept, published: true))
        #expect(!DemandPlanRules.mayView([.deptManager], userPath: Self.other, planPath: Self.dept, published: true))
        #expect(!DemandPlanRules.mayView([.siteKeeper, .siteLead], userPath: Self.site, planPath: Self.dept, published: true))
        #expect(!DemandPlanRules.mayView([.deptPlanner], userPath: Self.site, planPath: Self.dept, published: true))
    }

    @Test func linesAreCheckedInOrder() {
        #expect(DemandPlanRules.problem(year: 2026, lines: [("a", 1000), ("b", 1)]) == nil)
        #expect(DemandPlanRules.problem(year: 1999, lines: [("a", 1000)]) == .yearOutOfRange)
        #expect(DemandPlanRules.problem(year: 2101, lines: [("a", 1000)]) == .yearOutOfRange)
        #expect(DemandPlanRules.problem(year: 2026, lines: []) == .noLines)
        #expect(DemandPlanRules.problem(year: 2026, lines: [("a", 1000), ("b", 0)]) == .quantityNotPositive(line: 2))
        #expect(DemandPlanRules.problem(year: 2026, lines: [("a", 1000), ("b", 5), ("a", 1)]) == .duplicateItem(line: 3))
        #expect(DemandPlanRules.problem(year: 2026, lines: (0...DemandPlanRules.maxLines).map { ("i\($0)", 1) }) == .tooManyLines)
    }

    @Test func planAgainstActual() {
        let under = DemandPlanRules.Figure(planned: Quantity(milli: 100_000), requested: Quantity(milli: 22_000), shipped: Quantity(milli: 2_000))
        #expect(under.remaining == Quantity(milli: 78_000))
        #expect(!under.overPlan)
        let exact = DemandPlanRules.Figure(planned: Quantity(milli: 10_000), requested: Quantity(milli: 10_000), shipped: Quantity(milli: 0))
        #expect(exact.remaining == Quantity(milli: 0))
        #expect(!exact.overPlan)
        let over = DemandPlanRules.Figure(planned: Quantity(milli: 10_000), requested: Quantity(milli: 10_001), shipped: Quantity(milli: 0))
        #expect(over.remaining == Quantity(milli: 0))
        #expect(over.overPlan)
    }
}
