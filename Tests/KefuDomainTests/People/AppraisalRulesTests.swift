import KefuDomain
import Testing

@Suite("Appraisal plan rules (KPI-04)")
struct AppraisalRulesTests {
    typealias S = AppraisalRules.Status

    /// KPI-04: the whole state table: only submit from draft/returned, only a decision from submitted.
    @Test(arguments: [
        (S.draft, AppraisalRules.Step.submit, S.submitted), (.returned, .submit, .submitted), (.submitted, .approve, .effective),
        (.submitted, .return, .returned),
    ])
    func transitions(_ from: S, _ step: AppraisalRules.Step, _ to: S) {
        #expect(AppraisalRules.next(after: from, step) == to)
    }

    @Test func everyOtherTransitionIsRefused() {
        let allowed: Set<String> = ["draft/submit", "returned/submit", "submitted/approve", "submitted/return"]
        for s in S.allCases {
            for step in AppraisalRules.Step.allCases where !allowed.contains("\(s.rawValue)/\(step.rawValue)") {
                #expect(AppraisalRules.next(after: s, step) == nil, "\(s) \(step)")
            }
        }
    }

    /// KPI-04: only effective counts; only draft and returned are editable.
    @Test func onlyEffectiveCounts() {
        #expect(S.allCases.filter(\.counts) == [.effective])
        #expect(Set(S.allCases.filter(\.editable)) == [.draft, .returned])
    }

    struct Case: Sendable {
        let step: AppraisalRules.Step, status: S, roles: Set<Role>, isAuthor: Bool, reason: String, refusal: AppraisalRules.Refusal?
        init(_ step: AppraisalRules.Step, _ status: S, _ roles: Set<Role>, _ isAuthor: Bool, _ reason: String, _ refusal: AppraisalRules.Refusal?) {
            self.step = step; self.status = status; self.roles = roles; self.isAuthor = isAuthor; self.reason = reason; self.refusal = refusal
        }
    }

    static let cases: [Case] = [
        Case(.submit, .draft, [.csSupervisor], true, "", nil),
        Case(.submit, .draft, [.deptManager], false, "", nil),
        Case(.submit, .draft, [.csAgent], false, "", .notAllowed),
        Case(.submit, .draft, [.generalManager], false, "", .notAllowed),
        Case(.submit, .draft, [.admin], false, "", .notAllowed),
        Case(.submit, .effective, [.csManager], true, "", .wrongState),
        Case(.approve, .submitted, [.generalManager], false, "", nil),
        Case(.approve, .submitted, [.csManager], false, "", .notAllowed),     // a department head cannot make its plan effective
        Case(.approve, .submitted, [.admin], false, "", .notAllowed),         // nor an administrator
        Case(.approve, .submitted, [.generalManager, .csManager], true, "", .ownPlan), // the author cannot approve
        Case(.approve, .draft, [.generalManager], false, "", .wrongState),    // not before it is submitted
        Case(.approve, .effective, [.generalManager], false, "", .wrongState),
        Case(.return, .submitted, [.generalManager], false, "", .reasonMissing),
        Case(.return, .submitted, [.generalManager], false, "金额过高", nil),
        Case(.return, .returned, [.generalManager], false, "x", .wrongState),
    ]

    @Test func whoMayTakeAStep() {
        for c in Self.cases {
            #expect(AppraisalRules.check(c.step, status: c.status, roles: c.roles, isAuthor: c.isAuthor, reason: c.reason) == c.refusal, "\(c)")
        }
    }

    @Test func stepsOffered() {
        #expect(AppraisalRules.steps(status: .submitted, roles: [.generalManager], isAuthor: false) == [.approve, .return])
        #expect(AppraisalRules.steps(status: .submitted, roles: [.csManager], isAuthor: true).isEmpty)
        #expect(AppraisalRules.steps(status: .returned, roles: [.csSupervisor], isAuthor: false) == [.submit])
        #expect(AppraisalRules.steps(status: .effective, roles: [.generalManager, .csManager], isAuthor: false).isEmpty)
    }

    @Test(arguments: [
        ("200", Int64?.some(20_000)), ("1,500.50", 150_050), ("¥300元", 30_000), ("３５", 3_500), ("0.01", 1), ("100000", 10_000_000),
        ("0", nil), ("0.00", nil), ("-5", nil), ("100000.01", nil), ("1.234", nil), ("abc", nil), ("", nil),
    ])
    func amounts(_ typed: String, _ fen: Int64?) {
        #expect(AppraisalRules.amountFen(typed) == fen)
    }

    @Test func kindsAndNet() {
        #expect(AppraisalRules.Kind(typed: "奖励") == .reward && AppraisalRules.Kind(typed: "罚") == .penalty && AppraisalRules.Kind(typed: "Penalty") == .penalty)
        #expect(AppraisalRules.Kind(typed: "bonus") == nil)
        #expect(AppraisalRules.net([(.reward, 20_000), (.penalty, 5_050), (.reward, 1)]) == 14_951)
    }
}
