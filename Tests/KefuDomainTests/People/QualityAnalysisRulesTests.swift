import KefuDomain
import Testing

@Suite("Quality analysis rules (KPI-07)")
struct QualityAnalysisRulesTests {
    typealias R = QualityAnalysisRules
    typealias S = R.Status

    @Test(arguments: [
        ("2026-11", "2026-11", "2026-11-01", "2026-11-30"), ("2026-Q4", "2026-Q4", "2026-10-01", "2026-12-31"),
        ("2024-q1", "2024-Q1", "2024-01-01", "2024-03-31"), ("2024-02", "2024-02", "2024-02-01", "2024-02-29"),
        (" 2026-Q2 ", "2026-Q2", "2026-04-01", "2026-06-30"),
    ])
    func periods(_ typed: String, _ text: String, _ first: String, _ last: String) {
        let p = R.Period(typed)
        #expect(p?.description == text)
        #expect(p?.first.iso == first)
        #expect(p?.last.iso == last)
    }

    @Test(arguments: ["", "2026", "2026-13", "2026-Q5", "2026-Q0", "26-11", "2026-11-05x", "Q4-2026"])
    func badPeriods(_ typed: String) { #expect(R.Period(typed) == nil) }

    static func figures(fr: (Int, Int) = (0, 0), res: (Int, Int) = (0, 0), late: Int = 0, sat: (Int, Int) = (0, 0), target: Int? = nil) -> R.Figures {
        var f = R.Figures()
        f.firstResponseOnTime = fr.0; f.firstResponseDue = fr.1
        f.resolvedWithinTarget = res.0; f.resolutionDue = res.1
        f.escalations = late; f.lateEscalations = late
        f.satisfied = sat.0; f.surveys = sat.1
        f.satisfactionTargetBasisPoints = target
        return f
    }

    /// KPI-07 with SLA-01 (100 %), SLA-03 (90 %), ESC-01 (none late), SAT-09 (the company target, when set).
    @Test(arguments: [
        (figures(), [R.Metric]()),
        (figures(fr: (10, 10), res: (9, 10)), []),
        (figures(fr: (9, 10), res: (9, 10)), [.firstResponse]),
        (figures(fr: (10, 10), res: (8, 10)), [.resolution]),
        (figures(res: (899, 1000)), [.resolution]),
        (figures(res: (900, 1000)), []),
        (figures(late: 1), [.escalation]),
        (figures(sat: (8, 10)), []),
        (figures(sat: (8, 10), target: 8500), [.satisfaction]),
        (figures(sat: (9, 10), target: 8500), []),
        (figures(sat: (0, 0), target: 8500), []),
        (figures(fr: (0, 1), res: (0, 1), late: 2, sat: (0, 1), target: 9000), [.firstResponse, .resolution, .escalation, .satisfaction]),
    ])
    func misses(_ f: R.Figures, _ expected: [R.Metric]) { #expect(R.misses(f) == expected) }

    @Test(arguments: [(S.draft, R.Step.submit, S.submitted), (.submitted, .approve, .approved), (.submitted, .return, .draft)])
    func transitions(_ from: S, _ step: R.Step, _ to: S) { #expect(R.next(after: from, step) == to) }

    @Test func everyOtherTransitionIsRefused() {
        let allowed: Set<String> = ["draft/submit", "submitted/approve", "submitted/return"]
        for s in S.allCases {
            for step in R.Step.allCases where !allowed.contains("\(s.rawValue)/\(step.rawValue)") {
                #expect(R.next(after: s, step) == nil, "\(s) \(step)")
                #expect(R.check(step, status: s, roles: [.csSupervisor, .csManager], isAuthor: false, reason: "x") == .wrongState, "\(s) \(step)")
            }
        }
    }

    struct Case: Sendable {
        let step: R.Step, status: S, roles: Set<Role>, isAuthor: Bool, reason: String, misses: [R.Metric], lines: Int, refusal: R.Refusal?
        init(_ step: R.Step, _ status: S, _ roles: Set<Role>, _ isAuthor: Bool, _ reason: String, _ misses: [R.Metric], _ lines: Int, _ refusal: R.Refusal?) {
            self.step = step; self.status = status; self.roles = roles; self.isAuthor = isAuthor; self.reason = reason
            self.misses = misses; self.lines = lines; self.refusal = refusal
        }
    }

    static let cases: [Case] = [
        Case(.submit, .draft, [.csSupervisor], true, "", [], 0, nil),
        Case(.submit, .draft, [.csSupervisor], true, "", [.resolution], 0, .planMissing),
        Case(.submit, .draft, [.csSupervisor], true, "", [.resolution], 1, nil),
        Case(.submit, .draft, [.csAgent], false, "", [], 1, .notAllowed),
        Case(.submit, .draft, [.qa], false, "", [], 1, .notAllowed),
        Case(.submit, .submitted, [.csSupervisor], true, "", [], 1, .wrongState),
        Case(.approve, .submitted, [.csManager], false, "", [], 1, nil),
        Case(.approve, .submitted, [.csManager], true, "", [], 1, .ownAnalysis),
        Case(.approve, .submitted, [.csSupervisor], false, "", [], 1, .notAllowed),
        Case(.approve, .submitted, [.admin], false, "", [], 1, .notAllowed),
        Case(.approve, .draft, [.csManager], false, "", [], 1, .wrongState),
        Case(.approve, .approved, [.csManager], false, "", [], 1, .wrongState),
        Case(.return, .submitted, [.csManager], false, "数据不全", [], 1, nil),
        Case(.return, .submitted, [.csManager], false, "", [], 1, .reasonMissing),
        Case(.return, .completed, [.csManager], false, "x", [], 1, .wrongState),
    ]

    @Test(arguments: cases)
    func steps(_ c: Case) {
        #expect(R.check(c.step, status: c.status, roles: c.roles, isAuthor: c.isAuthor, reason: c.reason, misses: c.misses, lines: c.lines) == c.refusal)
    }

    @Test func buttons() {
        #expect(R.steps(status: .draft, roles: [.csSupervisor], isAuthor: true) == [.submit])
        #expect(R.steps(status: .submitted, roles: [.csManager], isAuthor: false) == [.approve, .return])
        #expect(R.steps(status: .submitted, roles: [.csSupervisor], isAuthor: true).isEmpty)
        #expect(R.steps(status: .approved, roles: [.csManager], isAuthor: false).isEmpty)
    }

    @Test(arguments: [
        (S.approved, true, false, false, R.Refusal?.none), (.approved, false, true, false, nil), (.approved, false, false, false, .notAllowed),
        (.approved, true, false, true, .wrongState), (.submitted, true, false, false, .wrongState), (.draft, false, true, false, .wrongState),
        (.completed, true, true, true, .wrongState),
    ])
    func lineDone(_ s: S, _ responsible: Bool, _ author: Bool, _ done: Bool, _ refusal: R.Refusal?) {
        #expect(R.mayMarkDone(status: s, isResponsible: responsible, isAuthorRole: author, alreadyDone: done) == refusal)
    }

    @Test func overdue() {
        let today = CivilDay(iso: "2026-12-02")!
        #expect(R.isOverdue(due: CivilDay(iso: "2026-12-01")!, done: false, today: today))
        #expect(!R.isOverdue(due: CivilDay(iso: "2026-12-02")!, done: false, today: today))
        #expect(!R.isOverdue(due: CivilDay(iso: "2026-11-01")!, done: true, today: today))
    }

    @Test func frozenAndEditable() {
        #expect(S.allCases.filter(\.editable) == [.draft])
        #expect(S.allCases.filter(\.frozen) == [.submitted, .approved, .completed])
    }
}
