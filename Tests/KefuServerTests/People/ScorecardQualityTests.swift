import Foundation
import KefuDomain
import KefuPlatform
import Testing

/// #15.5: the scorecard (KPI-01) reads quality inspection (KPI-02/03) through `InspectionQualitySource`, as wired in the
/// composition root: an agent's inspections, their mean score and the penalties in the period land in their row.
@Suite("Scorecard with quality inspection (#15.5, KPI-01..03)")
struct ScorecardQualityTests {
    @Test func inspectionsAndPenaltiesOfThePeriodAppearInTheAgentsRow() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let qa = try await app.createUser(f.admin, "qascore", roles: ["qa"], unitId: f.cs)
            let standard = try await app.expect(.created, .post, "/api/v1/inspection-standards", qa.token,
                                                ["orgUnitId": f.cs, "name": "来电服务规范", "kind": "call",
                                                 "items": [["label": "礼貌用语", "weight": 60], ["label": "问题记录", "weight": 40]]]).string("id")!
            let yesterday = CivilDay(number: Times.day(Date()).number - 1).iso
            func call(rings: Int) -> [String: Any] {
                ["agentId": f.ann.id, "calledAt": "\(yesterday) 10:00", "callerNumber": "13900001111", "rings": rings, "durationSeconds": 60]
            }
            let onTime = try await app.expect(.created, .post, "/api/v1/calls", qa.token, call(rings: 3)).string("id")!
            let late = try await app.expect(.created, .post, "/api/v1/calls", qa.token, call(rings: 4))
            #expect(late.string("penaltyId") != nil, "4 rings propose a penalty: \(late.text)")
            try await app.expect(.created, .post, "/api/v1/inspections", qa.token, ["standardId": standard, "callId": onTime, "scores": [90, 80]])

            let path = "/api/v1/reports/agent-scorecards?\(ScorecardFlowTests.period())&orgUnitId=\(f.cs)"
            let report = try await app.expect(.ok, .get, path, f.supervisor.token)
            let ann = ScorecardFlowTests.row(report, f.ann.id)
            #expect(ann?["inspections"] as? Int == 1, "\(report.text)")
            #expect(ann?["qualityScore"] as? String == "86.00")
            #expect(ann?["penalties"] as? Int == 1)
            // A colleague without inspections shows none (null score), not zero.
            let bo = ScorecardFlowTests.row(report, f.bo.id)
            #expect(bo?["inspections"] as? Int == 0)
            #expect(bo?["qualityScore"] is NSNull)
        }
    }
}
