import KefuDomain
import Testing

/// #14 item 2 planning rules: PRP-08 due the 25th of the month before (D11, calendar day, late recorded), the two
/// approvals in order; PRP-05 the evaluation's overall score (exact, half-up to a tenth) and 合格; PRP-11 balances.
@Suite("Property planning rules (#14 item 2, PRP-08, PRP-05, PRP-11)")
struct PropertyPlanningRulesTests {
    @Test(arguments: [
        ("2027-01", "2026-12-25"), ("2026-03", "2026-02-25"), ("2026-12", "2026-11-25"),
    ])
    func thePlanIsDueOnThe25thOfTheMonthBefore(month: String, due: String) throws {
        #expect(WorkPlanDue.due(for: try #require(BillingMonth(month))).iso == due)
    }

    @Test(arguments: [
        ("2026-12-24", false), ("2026-12-25", false), ("2026-12-26", true), ("2027-01-03", true), ("2026-11-30", false),
    ])
    func submittedAfterThe25thIsLate(on: String, late: Bool) throws {
        let m = try #require(BillingMonth("2027-01")), day = try #require(CivilDay(iso: on))
        #expect(WorkPlanDue.isLate(submittedOn: day, for: m) == late)
    }

    @Test func theStandingOfAUnitsPlan() throws {
        let m = try #require(BillingMonth("2027-01"))
        let d = { (s: String) in CivilDay(iso: s)! }
        #expect(WorkPlanDue.standing(firstSubmittedOn: nil, for: m, today: d("2026-12-25")) == .notYetSubmitted)
        #expect(WorkPlanDue.standing(firstSubmittedOn: nil, for: m, today: d("2026-12-26")) == .overdue)
        #expect(WorkPlanDue.standing(firstSubmittedOn: d("2026-12-25"), for: m, today: d("2027-01-05")) == .onTime)
        #expect(WorkPlanDue.standing(firstSubmittedOn: d("2026-12-27"), for: m, today: d("2027-01-05")) == .late)
    }

    @Test func twoApprovalsInOrder() {
        #expect(WorkPlanFlow.afterApproval(.submitted) == .managerApproved)
        #expect(WorkPlanFlow.afterApproval(.managerApproved) == .approved)
        #expect(WorkPlanFlow.afterApproval(.draft) == nil && WorkPlanFlow.afterApproval(.approved) == nil && WorkPlanFlow.afterApproval(.returned) == nil)
        #expect(WorkPlanFlow.stageRoles(.submitted).contains(.csManager))
        #expect(!WorkPlanFlow.stageRoles(.managerApproved).contains(.csManager) && WorkPlanFlow.stageRoles(.managerApproved).contains(.admin))
        #expect(WorkPlanFlow.stageRoles(.draft).isEmpty && WorkPlanFlow.stageRoles(.approved).isEmpty)
        #expect(WorkPlanFlow.mayEdit(.draft) && WorkPlanFlow.mayEdit(.returned) && !WorkPlanFlow.mayEdit(.submitted))
    }

    @Test(arguments: [
        ([85, 90, 78], 843, true),      // 84.333… → 84.3
        ([80, 80], 800, true),          // exactly 80.0 passes
        ([79, 80], 795, false),         // 79.5
        ([100, 100, 59], 863, false),   // 86.3 but one criterion under 60
        ([60, 100], 800, true),
        ([0], 0, false),
        ([100, 99, 99, 99, 99, 99], 992, true), // 99.1666… → 99.2 (half-up)
        ([81, 82], 815, true),          // 81.5 exactly
    ])
    func theOverallIsTheMeanToATenthHalfUp(scores: [Int], tenths: Int, passed: Bool) {
        #expect(ContractorEvaluationRules.overallTenths(scores) == tenths)
        #expect(ContractorEvaluationRules.passed(scores) == passed)
    }

    @Test func scoresAreWholePointsFrom0To100() {
        #expect(ContractorEvaluationRules.validScore(0) && ContractorEvaluationRules.validScore(100))
        #expect(!ContractorEvaluationRules.validScore(-1) && !ContractorEvaluationRules.validScore(101))
        #expect(ContractorEvaluationRules.text(tenths: 843) == "84.3" && ContractorEvaluationRules.text(tenths: 1000) == "100.0")
        #expect(!ContractorEvaluationRules.passed([]))
    }

    @Test func theBalanceNeverGoesBelowZero() {
        #expect(AdminRegisterRules.balance(after: 5, .stockIn, quantity: 3) == 8)
        #expect(AdminRegisterRules.balance(after: 5, .stockOut, quantity: 5) == 0)
        #expect(AdminRegisterRules.balance(after: 5, .stockOut, quantity: 6) == nil)
        #expect(AdminRegisterRules.balance(after: 5, .stockIn, quantity: 0) == nil)
        #expect(AdminRegisterRules.balance(after: 5, .stockIn, quantity: -2) == nil)
    }

    @Test func numbersAreReadAsTyped() {
        #expect(PlanningNumbers.plan(BillingMonth(year: 2027, month: 1), sequence: 1) == "JH-202701-0001")
        #expect(PlanningNumbers.parse("jh-202701-0001") == "JH-202701-0001")
        #expect(PlanningNumbers.parse("JH2027011") == "JH-202701-0001")
        #expect(PlanningNumbers.parse("wb 12") == "WB-000012")
        #expect(PlanningNumbers.parse("JH-202713-1") == nil)
        #expect(PlanningNumbers.parse("JF-202701-000001") == nil)
        #expect(PlanningNumbers.parse("WB") == nil)
    }
}
