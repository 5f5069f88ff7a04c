import KefuDomain
import Testing

/// SAT-10 the supervisor's visits and owner forums: the quarter a visit falls in, the buildings due (each building with
/// units visited at least once a quarter), the follow-up's start and close, and the forum's state machine.
@Suite("Property visit and forum rules (SAT-10)")
struct PropertyVisitRulesTests {
    @Test func aQuarterIsReadAndSpansItsMonths() throws {
        let q = try #require(VisitQuarter("2026-Q4"))
        #expect(q.iso == "2026-Q4" && q.first.iso == "2026-10-01" && q.last.iso == "2026-12-31" && q.zh == "2026年第四季度")
        #expect(VisitQuarter("2026q1")?.last.iso == "2026-03-31")
        #expect(VisitQuarter("2024年第1季度")?.last.iso == "2024-03-31")
        #expect(VisitQuarter("2026-Q5") == nil && VisitQuarter("Q4") == nil && VisitQuarter("") == nil)
        #expect(VisitQuarter(CivilDay(year: 2026, month: 7, day: 1)).iso == "2026-Q3")
        #expect(VisitQuarter(CivilDay(year: 2026, month: 6, day: 30)).iso == "2026-Q2")
        #expect(VisitQuarter(year: 2026, quarter: 1)! < VisitQuarter(year: 2026, quarter: 2)!)
    }

    @Test func theBuildingsNotVisitedInTheQuarterAreDue() {
        #expect(PropertyVisitRules.buildingsDue(buildings: ["1栋", "2栋", "3栋"], visited: ["2栋"]) == ["1栋", "3栋"])
        #expect(PropertyVisitRules.buildingsDue(buildings: ["1栋", "1栋"], visited: []) == ["1栋"])
        #expect(PropertyVisitRules.buildingsDue(buildings: ["1栋"], visited: ["1栋", "9栋"]).isEmpty)
        #expect(PropertyVisitRules.buildingsDue(buildings: [], visited: []).isEmpty)
    }

    @Test func aFollowUpOpensWhenNeededAndOnlyAnOpenOneCloses() {
        #expect(PropertyVisitRules.initialFollowUp(needed: true) == .open)
        #expect(PropertyVisitRules.initialFollowUp(needed: false) == VisitFollowUpStatus.none)
        #expect(PropertyVisitRules.mayCloseFollowUp(.open))
        #expect(!PropertyVisitRules.mayCloseFollowUp(.closed) && !PropertyVisitRules.mayCloseFollowUp(.none))
    }

    @Test func theSupervisorOfTheUnitOrAboveVisitsAndHosts() {
        #expect(PropertyVisitRules.may(PropertyVisitRules.visitors, roles: [.csSupervisor], userPath: "/root/cs/", recordPath: "/root/cs/east/"))
        #expect(!PropertyVisitRules.may(PropertyVisitRules.visitors, roles: [.csSupervisor], userPath: "/root/qa/", recordPath: "/root/cs/"))
        #expect(!PropertyVisitRules.may(PropertyVisitRules.visitors, roles: [.propertyAdmin], userPath: "/root/cs/", recordPath: "/root/cs/"))
        #expect(PropertyVisitRules.may(PropertyVisitRules.followUpClosers, roles: [.propertyAdmin], userPath: "/root/cs/", recordPath: "/root/cs/"))
        #expect(PropertyForumRules.hosts.contains(.csSupervisor) && !PropertyForumRules.hosts.contains(.propertyAdmin))
    }

    @Test(arguments: [
        (ForumStatus.planned, ForumAction.hold, ForumStatus?.some(.held)),
        (.planned, .cancel, .cancelled),
        (.planned, .addResolution, nil),
        (.planned, .closeResolution, nil),
        (.planned, .close, nil),
        (.held, .addResolution, .held),
        (.held, .closeResolution, .held),
        (.held, .close, .closed),
        (.held, .hold, nil),
        (.held, .cancel, nil),
        (.closed, .addResolution, nil),
        (.closed, .close, nil),
        (.cancelled, .hold, nil),
        (.cancelled, .cancel, nil),
    ])
    func forumStepsOpenFromEachState(from: ForumStatus, action: ForumAction, to: ForumStatus?) {
        #expect(PropertyForumRules.next(from, action) == to)
    }

    @Test func aForumIsHeldWithMinutesCancelledWithAReasonAndClosedWithNoResolutionOpen() {
        #expect(PropertyForumRules.refusal(.planned, .hold, minutes: nil) == .minutesRequired)
        #expect(PropertyForumRules.refusal(.planned, .hold, minutes: "  ") == .minutesRequired)
        #expect(PropertyForumRules.refusal(.planned, .hold, minutes: "纪要") == nil)
        #expect(PropertyForumRules.refusal(.held, .hold, minutes: "纪要") == .invalidTransition)
        #expect(PropertyForumRules.refusal(.planned, .cancel, reason: nil) == .reasonRequired)
        #expect(PropertyForumRules.refusal(.planned, .cancel, reason: "下雨") == nil)
        #expect(PropertyForumRules.refusal(.held, .close, openResolutions: 2) == .resolutionsOpen)
        #expect(PropertyForumRules.refusal(.held, .close, openResolutions: 0) == nil)
        #expect(PropertyForumRules.refusal(.planned, .close, openResolutions: 0) == .invalidTransition)
    }
}
