import KefuDomain
import Testing

/// #14 the service centre's log rules: PRP-07 patrol status and findings, vacant-unit notes; PRP-04 who reviews which
/// day, once; PRP-10 a submission answered with its last proposal; the log numbers.
@Suite("Property operations rules (#14 PRP-07, PRP-04, PRP-10)")
struct PropertyOperationsRulesTests {
    @Test func aPatrolHasIssuesOnceAFindingIsRecorded() {
        #expect(PropertyOperationsRules.patrolStatus(findings: 0) == .normal)
        #expect(PropertyOperationsRules.patrolStatus(findings: 1) == .issues)
        #expect(PropertyOperationsRules.patrolStatus(findings: 7) == .issues)
    }

    @Test(arguments: [
        (FindingDisposition.noted, String?.none, true),
        (.noted, "GD-1", false),
        (.ticket, "GD-1", true),
        (.ticket, nil, false),
    ])
    func aFindingTurnedIntoATicketNamesIt(disposition: FindingDisposition, ref: String?, ok: Bool) {
        #expect(PropertyOperationsRules.findingIsComplete(disposition, ticketRef: ref) == ok)
    }

    @Test func aVacantCheckWithSomethingAbnormalNeedsANote() {
        #expect(!PropertyOperationsRules.vacantNoteRequired([.ok, .ok, .ok, .ok]))
        #expect(PropertyOperationsRules.vacantNoteRequired([.ok, .abnormal, .ok, .ok]))
    }

    static let centre = "/root/cs/", sub = "/root/cs/east/", other = "/root/qa/"
    static let today = CivilDay(year: 2026, month: 12, day: 2)

    struct ReviewCase: Sendable, CustomStringConvertible {
        let roles: Set<Role>
        let userPath: String
        let unitPath: String
        let offset: Int
        let reviewed: Bool
        let refusal: PropertyOperationsRules.ReviewRefusal?
        var description: String { "\(roles) \(userPath) → \(unitPath) \(offset)" }
    }

    static let reviewCases: [ReviewCase] = [
        ReviewCase(roles: [.csSupervisor], userPath: centre, unitPath: centre, offset: 0, reviewed: false, refusal: nil),
        ReviewCase(roles: [.csSupervisor], userPath: centre, unitPath: sub, offset: -3, reviewed: false, refusal: nil),
        ReviewCase(roles: [.csManager], userPath: "/root/", unitPath: centre, offset: -1, reviewed: false, refusal: nil),
        ReviewCase(roles: [.admin], userPath: "/root/", unitPath: sub, offset: 0, reviewed: false, refusal: nil),
        ReviewCase(roles: [.propertyAdmin], userPath: centre, unitPath: centre, offset: 0, reviewed: false, refusal: .notReviewer),
        ReviewCase(roles: [.csAgent], userPath: centre, unitPath: centre, offset: 0, reviewed: false, refusal: .notReviewer),
        ReviewCase(roles: [.csSupervisor], userPath: sub, unitPath: centre, offset: 0, reviewed: false, refusal: .outsideUnit),
        ReviewCase(roles: [.csSupervisor], userPath: other, unitPath: centre, offset: 0, reviewed: false, refusal: .outsideUnit),
        ReviewCase(roles: [.csSupervisor], userPath: centre, unitPath: centre, offset: 1, reviewed: false, refusal: .futureDay),
        ReviewCase(roles: [.csSupervisor], userPath: centre, unitPath: centre, offset: -2, reviewed: true, refusal: .alreadyReviewed),
    ]

    @Test(arguments: reviewCases)
    func oneReviewPerUnitAndDayByItsSupervisor(_ c: ReviewCase) {
        #expect(PropertyOperationsRules.reviewRefusal(roles: c.roles, userPath: c.userPath, unitPath: c.unitPath, day: Self.today.adding(days: c.offset),
                                                      today: Self.today, alreadyReviewed: c.reviewed) == c.refusal)
    }

    @Test func thePendingDaysAreThoseWithoutAReview() {
        let from = Self.today.adding(days: -4)
        let pending = PropertyOperationsRules.pendingDays(from: from, to: Self.today, reviewed: [Self.today.adding(days: -1), Self.today.adding(days: -3)])
        #expect(pending.map(\.iso) == ["2026-11-28", "2026-11-30", "2026-12-02"])
        #expect(PropertyOperationsRules.pendingDays(from: Self.today, to: from, reviewed: []).isEmpty)
    }

    @Test(arguments: [(0, 3, ProposalBatchStatus.submitted), (2, 3, .submitted), (3, 3, .answered), (0, 0, .submitted)])
    func aSubmissionIsAnsweredWithItsLastProposal(answered: Int, total: Int, status: ProposalBatchStatus) {
        #expect(PropertyOperationsRules.batchStatus(answered: answered, total: total) == status)
    }

    @Test func whoDoesWhat() {
        #expect(PropertyOperationsRules.may(PropertyOperationsRules.recorders, roles: [.propertyAdmin], userPath: Self.centre, recordPath: Self.sub))
        #expect(!PropertyOperationsRules.may(PropertyOperationsRules.recorders, roles: [.csSupervisor], userPath: Self.centre, recordPath: Self.centre))
        #expect(!PropertyOperationsRules.may(PropertyOperationsRules.recorders, roles: [.propertyAdmin], userPath: Self.other, recordPath: Self.centre))
        #expect(PropertyOperationsRules.may(PropertyOperationsRules.answerers, roles: [.csManager], userPath: Self.centre, recordPath: Self.centre))
        #expect(!PropertyOperationsRules.may(PropertyOperationsRules.answerers, roles: [.csSupervisor], userPath: Self.centre, recordPath: Self.centre))
        #expect(PropertyOperationsRules.may(PropertyOperationsRules.proposalTakers, roles: [.csSupervisor], userPath: Self.centre, recordPath: Self.centre))
    }

    @Test(arguments: [
        ("XL-2026-000001", "XL-2026-000001"), ("xl-2026-1", "XL-2026-000001"), ("KZ2026000012", "KZ-2026-000012"),
        ("yj 2026-42", "YJ-2026-000042"), ("TJ-2026-000003", "TJ-2026-000003"),
    ])
    func logNumbersAreReadAsPeopleTypeThem(typed: String, number: String) {
        #expect(PropertyLogNumber.parse(typed)?.number == number)
    }

    @Test func otherTextIsNoLogNumber() {
        for typed in ["XL", "XL-26-1", "JF-202612-000001", "XL-2026-", "XL-2026-0", "XLA-2026-1", "13900001111"] {
            #expect(PropertyLogNumber.parse(typed) == nil, "\(typed)")
        }
        #expect(PropertyLogNumber.make("XL", year: 2026, sequence: 1234567) == "XL-2026-1234567")
    }
}
