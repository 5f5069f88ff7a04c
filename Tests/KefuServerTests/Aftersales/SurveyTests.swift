import Foundation
import Hummingbird
import KefuPlatform
import SQLKit
import Testing

@Suite("After-sales: satisfaction surveys (SAT)")
struct SurveyTests {
    func token(_ url: String) -> String { String(url.split(separator: "/").last!) }

    @Test func invitationPublicPageOneSubmissionAndTheRate() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            // After a repair: only once shipped.
            let repair = try await app.expect(.created, .post, "/api/v1/repair-orders", o.agent.token, ["customer": ["name": "李先生"], "model": "M1", "defect": "不开机"]).string("id")!
            try await app.expect(.conflict, .post, "/api/v1/survey-invitations", o.agent.token, ["repairOrderId": repair], code: "repair_not_shipped")
            try await app.expect(.unprocessableContent, .post, "/api/v1/survey-invitations", o.agent.token, [String: Any]())
            try await app.expect(.ok, .post, "/api/v1/repair-orders/\(repair)/diagnosis", f.engineer.token, ["mainComponentDamaged": false, "inWarranty": true])
            try await app.expect(.ok, .post, "/api/v1/repair-orders/\(repair)/qc", o.qaUser.token, ["passed": true])
            try await app.expect(.ok, .post, "/api/v1/repair-orders/\(repair)/ship", o.agent.token, ["method": "自提"])
            try await app.expect(.forbidden, .post, "/api/v1/survey-invitations", o.qaUser.token, ["repairOrderId": repair])
            let inv = try await app.expect(.created, .post, "/api/v1/survey-invitations", o.agent.token, ["repairOrderId": repair])
            let url = inv.string("url")!
            #expect(url.contains("/s/"))
            let t = token(url)
            #expect(t.count >= 40)
            // The public page needs no sign-in.
            let page = try await app.call(.get, "/s/\(t)")
            #expect(page.status == .ok)
            #expect(page.text.contains("客户总体评价") && page.text.contains("不太满意") && page.text.contains("survey-form"))
            #expect(try await app.call(.get, "/s/not-a-real-token").status == .notFound)
            // Validation.
            try await app.expect(.unprocessableContent, .post, "/api/v1/public/surveys/\(t)", nil, ["answers": [["item": "service.attitude", "level": 5]]])
            try await app.expect(.unprocessableContent, .post, "/api/v1/public/surveys/\(t)", nil, ["overall": 6])
            try await app.expect(.unprocessableContent, .post, "/api/v1/public/surveys/\(t)", nil, ["overall": 4, "answers": [["item": "nope", "level": 4]]])
            let ok = try await app.expect(.created, .post, "/api/v1/public/surveys/\(t)", nil,
                                          ["overall": 4, "answers": [["item": "service.attitude", "level": 5, "comment": "工程师很耐心"], ["item": "service.response", "level": 3]],
                                           "comment": "希望缩短返修周期"])
            #expect(ok["complaintId"] is NSNull)
            try await app.expect(.conflict, .post, "/api/v1/public/surveys/\(t)", nil, ["overall": 5], code: "survey_already_submitted")
            #expect(try await app.call(.get, "/s/\(t)").text.contains("survey-closed"))

            // A ticket survey with one 不满意 item opens a complaint ticket linked to the survey.
            let ticket = try await app.createTicket(o.agent.token, subject: "咨询备件价格", extra: ["customer": ["name": "赵经理", "phone": "13600001111"]]).string("id")!
            let inv2 = try await app.expect(.created, .post, "/api/v1/survey-invitations", o.agent.token, ["ticketId": ticket])
            let receipt = try await app.expect(.created, .post, "/api/v1/public/surveys/\(token(inv2.string("url")!))", nil,
                                               ["overall": 3, "answers": [["item": "service.response", "level": 1, "comment": "三天没人回电话"]]])
            let complaintId = receipt.string("complaintId")!
            let complaintTicket = receipt.string("complaintTicketId")!
            let complaint = try await app.expect(.ok, .get, "/api/v1/complaints/\(complaintId)", o.agent.token)
            #expect(complaint.string("ticketId") == complaintTicket)
            #expect(complaint.string("surveyResponseId") == receipt.string("id"))
            let ct = try await app.expect(.ok, .get, "/api/v1/tickets/\(complaintTicket)", o.agent.token)
            #expect(ct.string("type") == "complaint")
            #expect(ct.string("description")?.contains("三天没人回电话") == true)

            // SAT-08: two responses, overall 4 and 3 → both 基本满意 or better; a third with 2 → 2/3.
            let inv3 = try await app.expect(.created, .post, "/api/v1/survey-invitations", o.agent.token, ["ticketId": ticket])
            try await app.expect(.created, .post, "/api/v1/public/surveys/\(token(inv3.string("url")!))", nil, ["overall": 2])
            var report = try await app.expect(.ok, .get, "/api/v1/reports/satisfaction?groupBy=department", o.supervisor.token)
            #expect(report["responses"] as? Int == 3)
            #expect(report["satisfied"] as? Int == 2)
            #expect(report.string("percent") == "66.67")
            #expect((report["rate"] as? NSNumber)?.stringValue == "0.6667")
            #expect((report["groups"] as? [[String: Any]])?.first?["name"] as? String == "客服部")
            #expect(report["meetsTarget"] is NSNull)
            // SAT-09: the configured target.
            try await app.expect(.forbidden, .put, "/api/v1/settings/satisfaction-target", o.agent.token, ["percent": "90"])
            // #10.20: the company's target is set from the head office; a unit's CS manager may not.
            try await app.expect(.forbidden, .put, "/api/v1/settings/satisfaction-target", f.manager.token, ["percent": "90"])
            let hqManager = try await app.createUser(o.admin, "hqmanager", roles: ["cs_manager"], unitId: o.root)
            try await app.expect(.unprocessableContent, .put, "/api/v1/settings/satisfaction-target", hqManager.token, ["percent": "120"])
            try await app.expect(.ok, .put, "/api/v1/settings/satisfaction-target", hqManager.token, ["percent": "90"])
            report = try await app.expect(.ok, .get, "/api/v1/reports/satisfaction?groupBy=month", o.supervisor.token)
            #expect(report.string("target") == "90.00")
            #expect(report["meetsTarget"] as? Bool == false)
            try await app.expect(.unprocessableContent, .get, "/api/v1/reports/satisfaction?groupBy=agent", o.supervisor.token)
            // SAT-05: per-item analysis and the returned forms themselves.
            let response = (report["items"] as? [[String: Any]])?.first { $0["item"] as? String == "service.response" }
            #expect(response?["levels"] as? [Int] == [0, 0, 1, 0, 1])
            #expect(response?["satisfiedPercent"] as? String == "50.00")
            let returned = try await app.expect(.ok, .get, "/api/v1/survey-responses?overall=3", o.supervisor.token)
            #expect(returned["total"] as? Int == 1)
            #expect((returned.items.first?["answers"] as? [[String: Any]])?.first?["comment"] as? String == "三天没人回电话")
            #expect(returned.items.first?["complaintId"] as? String == complaintId)
            try await app.expect(.unprocessableContent, .get, "/api/v1/survey-responses?overall=9", o.supervisor.token)
            let staffPage = PageSession(app)
            _ = try await staffPage.signIn("agent", "password-agent")
            #expect(try await staffPage.get("/surveys").text.contains("三天没人回电话"))
            #expect(try await staffPage.get("/aftersales/reports").text.contains("satisfaction-by-item"))
        }
    }

    @Test func expiredLinksAndQuarterlyCampaigns() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let c1 = try await app.call(.post, "/api/v1/customers", token: o.supervisor.token, json: ["name": "客户甲", "phone": "13500000001"]).string("id")!
            let c2 = try await app.call(.post, "/api/v1/customers", token: o.supervisor.token, json: ["name": "客户乙", "phone": "13500000002"]).string("id")!
            try await app.expect(.unprocessableContent, .post, "/api/v1/survey-campaigns", o.agent.token, ["name": "四季度", "quarter": "2026-Q5", "customerIds": [c1]])
            try await app.expect(.notFound, .post, "/api/v1/survey-campaigns", o.agent.token, ["name": "四季度", "quarter": "2026-Q4", "customerIds": ["missing-id"]])
            let campaign = try await app.expect(.created, .post, "/api/v1/survey-campaigns", o.agent.token, ["name": "2026年四季度满意度调查", "quarter": "2026-Q4", "customerIds": [c1, c2]])
            let invitations = campaign["invitations"] as? [[String: Any]] ?? []
            #expect(invitations.count == 2)
            #expect(invitations.first?["occasion"] as? String == "campaign")
            let visit = try await app.expect(.created, .post, "/api/v1/survey-campaigns", o.agent.token,
                                             ["name": "业务员拜访", "quarter": "2026-Q4", "customerIds": [c1], "occasion": "visit"])
            #expect((visit["invitations"] as? [[String: Any]])?.first?["occasion"] as? String == "visit")
            try await app.expect(.unprocessableContent, .post, "/api/v1/survey-campaigns", o.agent.token,
                                 ["name": "x", "quarter": "2026-Q4", "customerIds": [c1], "occasion": "party"])
            let t = String((invitations[0]["url"] as! String).split(separator: "/").last!)
            try await app.store.write { db in try await db.raw("UPDATE survey_invitations SET expires_at = 1").run() }
            try await app.expect(.conflict, .post, "/api/v1/public/surveys/\(t)", nil, ["overall": 5], code: "survey_expired")
            #expect(try await app.call(.get, "/s/\(t)").text.contains("survey-closed"))
        }
    }
}
