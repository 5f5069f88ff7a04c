import Foundation
import Hummingbird
import Testing

/// #14 PRP-04 over HTTP: the supervisor's day of a unit gathers the complaints registered (through the after-sales
/// queries), the patrol reports and the management logs; it is signed off once with a comment; the days not yet reviewed
/// are listed; other roles and units are refused.
@Suite("Property daily review (#14 PRP-04)")
struct PropertyDailyReviewTests {
    @Test func theSupervisorSeesTheDayAndSignsItOffOnce() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let today = PropertyPatrolTests.today()
            let ticket = try await app.createTicket(w.f.agent.token, subject: "楼上漏水投诉", extra: ["type": "complaint"])
            #expect(ticket.status == .created, "\(ticket.text)")
            let estate = "/api/v1/property/estates/\(w.estate)"
            #expect(try await app.call(.post, estate + "/patrols", token: w.admin.token, json: ["buildings": "1栋", "findings": [["description": "路灯不亮"]]]).status == .created)
            #expect(try await app.call(.post, estate + "/patrols", token: w.admin.token, json: ["buildings": "2栋", "patrolledOn": "2026-11-20"]).status == .created)
            #expect(try await app.call(.post, estate + "/vacant-checks", token: w.admin.token, json: ["building": "1栋", "room": "103"]).status == .created)
            #expect(try await app.call(.post, estate + "/proposals", token: w.admin.token, json: ["ownerName": "王芳", "content": "增设快递柜"]).status == .created)

            let sup = w.f.supervisor.token
            let day = try await app.call(.get, "/api/v1/property/daily-review", token: sup)
            #expect(day.status == .ok && day.string("day") == today && day.string("orgUnitId") == w.f.cs, "\(day.text)")
            let complaints = day["complaints"] as? [[String: Any]] ?? []
            #expect(complaints.count == 1 && complaints.first?["subject"] as? String == "楼上漏水投诉", "\(day.text)")
            #expect((day["patrols"] as? [[String: Any]])?.count == 1 && (day["vacantChecks"] as? [[String: Any]])?.count == 1, "\(day.text)")
            #expect((day["proposals"] as? [[String: Any]])?.count == 1 && day["review"] == nil && day["maySign"] as? Bool == true, "\(day.text)")
            let pending = try await app.call(.get, "/api/v1/property/daily-reviews/pending", token: sup)
            let todayRow = pending.items.first { $0["day"] as? String == today }
            #expect(pending.items.count == 14 && todayRow?["complaints"] as? Int == 1 && todayRow?["patrols"] as? Int == 1 && todayRow?["logs"] as? Int == 2, "\(pending.text)")

            let signed = try await app.call(.post, "/api/v1/property/daily-reviews", token: sup, json: ["comment": "漏水投诉请明天回访"])
            #expect(signed.status == .created && signed["complaints"] as? Int == 1 && signed["patrols"] as? Int == 1 && signed["logs"] as? Int == 2, "\(signed.text)")
            let again = try await app.call(.post, "/api/v1/property/daily-reviews", token: sup, json: ["orgUnitId": w.f.cs, "day": today, "comment": "再签"])
            #expect(again.status == .conflict && again.errorCode == "already_reviewed", "\(again.text)")
            let after = try await app.call(.get, "/api/v1/property/daily-review?day=\(today)", token: sup)
            #expect((after["review"] as? [String: Any])?["comment"] as? String == "漏水投诉请明天回访" && after["maySign"] as? Bool == false, "\(after.text)")
            let pendingAfter = try await app.call(.get, "/api/v1/property/daily-reviews/pending", token: sup)
            #expect(pendingAfter.items.count == 13 && !pendingAfter.items.contains { $0["day"] as? String == today }, "\(pendingAfter.text)")

            // An earlier day shows only its own records; a future day and an empty comment are refused.
            let earlier = try await app.call(.get, "/api/v1/property/daily-review?day=2026-11-20", token: sup)
            #expect((earlier["patrols"] as? [[String: Any]])?.count == 1 && (earlier["complaints"] as? [[String: Any]])?.isEmpty == true, "\(earlier.text)")
            let future = try await app.call(.post, "/api/v1/property/daily-reviews", token: sup, json: ["day": "2099-01-01", "comment": "x"])
            #expect(future.status == .unprocessableContent && future.text.contains("day"), "\(future.text)")
            let empty = try await app.call(.post, "/api/v1/property/daily-reviews", token: sup, json: ["day": "2026-11-20"])
            #expect(empty.status == .unprocessableContent && empty.text.contains("comment"), "\(empty.text)")
            #expect(try await app.call(.post, "/api/v1/property/daily-reviews", token: w.f.admin, json: ["orgUnitId": w.f.cs, "day": "2026-11-20", "comment": "管理员审阅"]).status == .created)

            // Roles and units: the property admin and an agent do not review; a supervisor of another unit reviews only its own.
            let qaSup = try await app.createUser(w.f.admin, "qasup", roles: ["cs_supervisor"], unitId: w.f.qa)
            #expect(try await app.call(.get, "/api/v1/property/daily-review", token: w.admin.token).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/daily-reviews", token: w.admin.token, json: ["comment": "x"]).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/daily-reviews/pending", token: w.f.agent.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/daily-review?orgUnitId=\(w.f.cs)", token: qaSup.token).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/daily-reviews", token: qaSup.token, json: ["orgUnitId": w.f.cs, "day": "2026-11-19", "comment": "x"]).status == .forbidden)
            let own = try await app.call(.get, "/api/v1/property/daily-review", token: qaSup.token)
            #expect(own.status == .ok && (own["complaints"] as? [[String: Any]])?.isEmpty == true && (own["patrols"] as? [[String: Any]])?.isEmpty == true, "\(own.text)")
            #expect(try await app.call(.get, "/api/v1/property/daily-review", token: nil).status == .unauthorized)
        }
    }

    @Test func theReviewPageSignsTheDayAndListsThePendingDays() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            #expect(try await app.call(.post, "/api/v1/property/estates/\(w.estate)/patrols", token: w.admin.token, json: ["buildings": "1栋"]).status == .created)
            let s = PageSession(app)
            _ = try await s.signIn("supervisor", "password-supervisor")
            let page = try await s.get("/property/daily-review")
            #expect(page.status == .ok && page.text.contains("id=\"prp-review-form\"") && page.text.contains("XL-"), "\(page.status)")
            #expect(page.text.components(separatedBy: "class=\"prp-pending-day\"").count == 15)
            let refused = try await s.post("/property/daily-reviews", form: ["_csrf": PageSession.csrf(in: page.text) ?? "", "orgUnitId": w.f.cs,
                                                                             "day": PropertyPatrolTests.today(), "comment": ""], from: "/property/daily-review")
            #expect(refused.status == .seeOther, "\(refused.status)")
            let signed = try await s.post("/property/daily-reviews", form: ["_csrf": PageSession.csrf(in: page.text) ?? "", "orgUnitId": w.f.cs,
                                                                            "day": PropertyPatrolTests.today(), "comment": "已阅，正常"], from: "/property/daily-review")
            #expect(signed.status == .seeOther && (signed.headers[.location] ?? "").contains("what=review"), "\(signed.status) \(signed.text)")
            let after = try await s.get(signed.headers[.location] ?? "/property/daily-review")
            #expect(after.text.contains("id=\"prp-review-signed\"") && after.text.contains("已阅，正常") && !after.text.contains("id=\"prp-review-form\""))
            #expect(after.text.components(separatedBy: "class=\"prp-pending-day\"").count == 14)
        }
    }
}
