import Foundation
import Hummingbird
import KefuPlatform
import SQLKit
import Testing

/// #14 item 6 on the newest creates: with the property feature off at the unit, every new property log, plan,
/// register record, event, opinion round and month of fee notices is refused (403 `feature_off`) and nothing is written; with the scenic feature off, mailings and
/// ticket deliveries (VIS-01/02) are refused the same way. A unit elsewhere is not affected.
@Suite("Feature gates on the newest property and scenic creates (#14 item 6)")
struct NewestCreatesFeatureGateTests {
    static func rows(_ app: TestApp, _ table: String) async throws -> Int {
        try await app.store.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? -1
        }
    }

    static func switchOff(_ app: TestApp, _ admin: String, _ unit: String) async throws {
        let r = try await app.call(.put, "/api/v1/org-units/\(unit)/features", token: admin, json: ["enabled": ["service_desk"]])
        #expect(r.status == .ok, "\(r.text)")
    }

    static func expectOff(_ what: String, _ r: TestApp.Reply) {
        #expect(r.status == .forbidden && r.errorCode == "feature_off", "\(what) while off: \(r.status) \(r.text)")
        #expect(r.errorMessage?.contains("未开通") == true, "\(what): a zh-CN message: \(r.text)")
    }

    @Test func propertyLogsPlansAndRegistersAreRefusedWhereThePropertyFeatureIsOff() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let estate = "/api/v1/property/estates/\(w.estate)"
            let sup = w.f.supervisor.token
            // An open proposal while on, so the submission below is refused for the feature, not for having nothing to send.
            #expect(try await app.call(.post, estate + "/proposals", token: w.admin.token, json: ["ownerName": "王芳", "content": "增设快递柜"]).status == .created)
            let tables = ["property_patrols", "property_patrol_findings", "property_vacant_checks", "property_proposals", "property_proposal_batches",
                          "property_daily_reviews", "property_work_plans", "property_contractors", "property_admin_items", "property_admin_logs",
                          "property_notices", "property_notice_lines", "property_events", "property_opinion_rounds",
                          "property_visits", "property_forums"]
            var before: [String: Int] = [:]
            for t in tables { before[t] = try await Self.rows(app, t) }

            try await Self.switchOff(app, w.f.admin, w.f.cs)
            let creates: [(String, TestApp.Reply)] = [
                ("patrol", try await app.call(.post, estate + "/patrols", token: w.admin.token, json: ["buildings": "1栋", "findings": [["description": "路灯不亮"]]])),
                ("vacant check", try await app.call(.post, estate + "/vacant-checks", token: w.admin.token, json: ["building": "1栋", "room": "103"])),
                ("proposal", try await app.call(.post, estate + "/proposals", token: w.admin.token, json: ["ownerName": "李先生", "content": "会所延时"])),
                ("proposal batch", try await app.call(.post, "/api/v1/property/proposal-batches", token: sup, json: ["note": "十一月业主建议"])),
                ("daily review", try await app.call(.post, "/api/v1/property/daily-reviews", token: sup, json: ["comment": "已阅"])),
                ("work plan", try await app.call(.post, "/api/v1/property/work-plans", token: w.admin.token, json: WorkPlanTests.body(w.f.cs, "2099-01"))),
                ("contractor", try await app.call(.post, estate + "/contractors", token: w.admin.token, json: [
                    "serviceType": "保洁", "company": "洁美保洁公司", "contractFrom": "2026-01-01", "contractTo": "2026-12-31"])),
                ("admin item", try await app.call(.post, "/api/v1/property/admin-items", token: w.admin.token, json: ["kind": "工服", "name": "夏季工服"])),
                ("admin log", try await app.call(.post, "/api/v1/property/admin-logs", token: w.admin.token, json: ["kind": "福利发放", "person": "全体", "detail": "中秋月饼"])),
                ("fee notices", try await app.call(.post, estate + "/notices", token: w.admin.token, json: ["month": PropertyFeeTests.monthsAgo(1)])),
                ("event", try await app.call(.post, estate + "/events", token: w.admin.token, json: ["kind": "emergency", "title": "电梯困人", "location": "1栋"])), // ESC-03
                ("opinion round", try await app.call(.post, estate + "/opinion-rounds", token: sup, json: ["halfYear": "2026-H2"])), // SAT-10
                ("visit", try await app.call(.post, estate + "/visits", token: sup, json: ["building": "1栋", "opinions": "电梯噪音大"])), // SAT-10
                ("forum", try await app.call(.post, estate + "/forums", token: sup, json: ["heldOn": "2026-12-20", "place": "会所", "topic": "停车"])), // SAT-10
            ]
            for (what, r) in creates { Self.expectOff(what, r) }
            for t in tables {
                let now = try await Self.rows(app, t)
                #expect(now == before[t], "\(t): nothing written while off (\(before[t] ?? -1) → \(now))")
            }

            // A unit elsewhere keeps the feature; switched back on, the unit records again.
            let other = try await app.call(.post, "/api/v1/property/admin-logs", token: w.outsider.token, json: ["kind": "福利发放", "person": "全体", "detail": "x"])
            #expect(other.status == .created, "another unit is not affected: \(other.text)")
            #expect(try await app.call(.put, "/api/v1/org-units/\(w.f.cs)/features", token: w.f.admin, json: ["inherit": true]).status == .ok)
            let again = try await app.call(.post, estate + "/patrols", token: w.admin.token, json: ["buildings": "1栋"])
            #expect(again.status == .created, "\(again.text)")
        }
    }

    @Test func scenicMailingsAndTicketDeliveriesAreRefusedWhereTheScenicFeatureIsOff() async throws {
        try await TestApp.run { app in
            let a = try await ScenicServicesTests.actors(app)
            try await Self.switchOff(app, a.admin, a.area)
            Self.expectOff("mailing", try await app.call(.post, "/api/v1/scenic/mailings", token: a.marketStaff.token, json: ScenicDeliveryTests.mailingBody))
            Self.expectOff("ticket delivery", try await app.call(.post, "/api/v1/scenic/ticket-deliveries", token: a.marketStaff.token,
                                                                 json: ScenicDeliveryTests.deliveryBody(a.market)))
            #expect(try await Self.rows(app, "scenic_mailings") == 0, "nothing written while off")
            #expect(try await Self.rows(app, "scenic_ticket_deliveries") == 0, "nothing written while off")

            let elsewhere = try await app.call(.post, "/api/v1/scenic/mailings", token: a.outsider.token, json: ScenicDeliveryTests.mailingBody)
            #expect(elsewhere.status == .created, "another scenic area is not affected: \(elsewhere.text)")
            let delivery = try await app.call(.post, "/api/v1/scenic/ticket-deliveries", token: a.outsider.token, json: ScenicDeliveryTests.deliveryBody(a.other))
            #expect(delivery.status == .created, "\(delivery.text)")
        }
    }
}
