import Foundation
import Hummingbird
import Testing

/// #14 CMP-15, PRP-09, RPT-10 over HTTP: a property organisation's complaint closes only after its return visit (409
/// with the reason; the page says why 结案 is not offered); the service centre's month-end and annual report with the
/// collection rate, the complaint handling and return-visit rates against their 100 % targets and the tickets
/// received; its page and export; every refusal of role and unit.
@Suite("Property service quality (#14 CMP-15, PRP-09, RPT-10)")
struct PropertyServiceQualityTests {
    static func complaint(_ app: TestApp, _ token: String, _ subject: String) async throws -> String {
        let t = try await app.createTicket(token, subject: subject, extra: ["type": "complaint", "customer": ["name": "业主王芳", "phone": "13900002222"]])
        #expect(t.status == .created, "\(t.text)")
        let ticketId = try #require(t.string("id"))
        let list = try await app.call(.get, "/api/v1/complaints", token: token)
        return try #require(list.items.first { $0["ticketId"] as? String == ticketId }?["id"] as? String)
    }

    static func classify(_ app: TestApp, _ token: String, _ id: String) async throws {
        try await app.expect(.ok, .post, "/api/v1/complaints/\(id)/classify", token, ["responsibility": "company", "handling": "customer_service"])
    }

    static func estate(_ app: TestApp, _ f: OrgFixture, _ admin: String) async throws -> String {
        let e = try await app.call(.post, "/api/v1/property/estates", token: admin, json: ["name": "翠湖花园", "orgUnitId": f.cs])
        #expect(e.status == .created, "\(e.text)")
        return try #require(e.string("id"))
    }

    @Test func aPropertyComplaintClosesOnlyAfterItsReturnVisit() async throws {
        try await TestApp.run { app in
            let f = try await OrgFixture.make(app)
            let admin = try await app.createUser(f.admin, "sunli", roles: ["property_admin"], unitId: f.cs)
            // Before 客服部 keeps an estate, its complaints close as the complaint loop says.
            let plain = try await Self.complaint(app, f.agent.token, "空调噪音")
            try await Self.classify(app, f.agent.token, plain)
            let closedPlain = try await app.expect(.ok, .post, "/api/v1/complaints/\(plain)/close", f.agent.token, ["note": "已解释"])
            #expect(closedPlain.string("status") == "closed")

            _ = try await Self.estate(app, f, admin.token)
            let id = try await Self.complaint(app, f.agent.token, "电梯故障无人处理")
            let base = "/api/v1/complaints/\(id)"
            try await Self.classify(app, f.agent.token, id)
            let refused = try await app.expect(.conflict, .post, base + "/close", f.agent.token, ["note": "已派人维修"], code: "return_visit_missing")
            #expect(refused.text.contains("回访"), "\(refused.text)")
            #expect(try await app.expect(.ok, .get, base, f.agent.token).string("status") == "classified")

            // The page says why 结案 is not offered, and offers the return visit.
            let agent = PageSession(app)
            _ = try await agent.signIn("agent", "password-agent")
            var page = try await agent.get("/complaints/\(id)")
            #expect(page.status == .ok)
            #expect(page.text.contains("id=\"close-blocked\"") && page.text.contains("须先记录处理情况和回访"), "the page says why")
            #expect(!page.text.contains("action=\"/complaints/\(id)/close\""), "no close form yet")
            #expect(page.text.contains("action=\"/complaints/\(id)/return-visit\""))

            try await app.expect(.ok, .post, base + "/return-visit", f.agent.token, ["note": "业主满意，电梯已修好"])
            page = try await agent.get("/complaints/\(id)")
            #expect(!page.text.contains("id=\"close-blocked\"") && page.text.contains("action=\"/complaints/\(id)/close\""))
            let closed = try await app.expect(.ok, .post, base + "/close", f.agent.token, ["note": "已维修并回访"])
            #expect(closed.string("status") == "closed")
            #expect(closed["returnVisit"] is [String: Any])
        }
    }

    @Test func theServiceReportCountsAgainstTheFullTargetsWithEveryRefusal() async throws {
        try await TestApp.run { app in
            let f = try await OrgFixture.make(app)
            let admin = try await app.createUser(f.admin, "sunli", roles: ["property_admin"], unitId: f.cs)
            let outsider = try await app.createUser(f.admin, "qaprop", roles: ["property_admin"], unitId: f.qa)
            // Handled without a visit before the estate (1), handled and visited (2), still open (3).
            let first = try await Self.complaint(app, f.agent.token, "噪音扰民")
            try await Self.classify(app, f.agent.token, first)
            try await app.expect(.ok, .post, "/api/v1/complaints/\(first)/close", f.agent.token, ["note": "已协调"])
            let estate = try await Self.estate(app, f, admin.token)
            let second = try await Self.complaint(app, f.agent.token, "垃圾清运不及时")
            try await Self.classify(app, f.agent.token, second)
            try await app.expect(.ok, .post, "/api/v1/complaints/\(second)/return-visit", f.agent.token, ["note": "已回访"])
            try await app.expect(.ok, .post, "/api/v1/complaints/\(second)/close", f.agent.token, ["note": "已清运"])
            _ = try await Self.complaint(app, f.agent.token, "停车位被占")

            // One notice of 200.00 this month, paid in full.
            let month = PropertyFeeTests.monthsAgo(0)
            try await app.expect(.created, .post, "/api/v1/property/estates/\(estate)/fee-rates", admin.token,
                                 ["fee": "物业费", "kind": "property_fee", "rate": "2.00", "effectiveFrom": month])
            try await app.expect(.created, .post, "/api/v1/property/estates/\(estate)/units", admin.token,
                                 ["units": [["building": "1栋", "room": "101", "area": "100.00", "use": "residential", "occupantName": "王芳"]]])
            try await app.expect(.ok, .post, "/api/v1/property/estates/\(estate)/notices", admin.token, ["month": month])
            let notice = try #require(try await app.call(.get, "/api/v1/property/notices?estateId=\(estate)", token: admin.token).items.first?["id"] as? String)
            try await app.expect(.created, .post, "/api/v1/property/notices/\(notice)/payments", admin.token, ["amount": "200.00", "method": "cash"])

            let url = "/api/v1/property/estates/\(estate)/service-report"
            let r = try await app.expect(.ok, .get, url, f.supervisor.token)
            #expect(r.string("period") == month && r.string("estateName") == "翠湖花园")
            #expect(r.string("billed") == "200.00" && r.string("paid") == "200.00" && r.string("collectionRate") == "100.0%", "\(r.text)")
            #expect(r["complaintsReceived"] as? Int == 3 && r["ticketsReceived"] as? Int == 3, "\(r.text)")
            let handling = r["handlingRate"] as? [String: Any] ?? [:], visits = r["returnVisitRate"] as? [String: Any] ?? [:]
            #expect(handling["part"] as? Int == 2 && handling["whole"] as? Int == 3 && handling["rate"] as? String == "66.7%" && handling["met"] as? Bool == false, "\(r.text)")
            #expect(visits["part"] as? Int == 1 && visits["whole"] as? Int == 2 && visits["rate"] as? String == "50.0%" && visits["met"] as? Bool == false, "\(r.text)")
            #expect(handling["target"] as? String == "100%")
            // The annual report covers the month; a month without anything counts nothing and misses nothing.
            let year = String(month.prefix(4))
            let annual = try await app.expect(.ok, .get, url + "?period=\(year)", admin.token)
            #expect(annual.string("period") == year && annual.string("from") == year + "-01" && annual["complaintsReceived"] as? Int == 3, "\(annual.text)")
            let empty = try await app.expect(.ok, .get, url + "?period=2001-01", admin.token)
            #expect(empty["complaintsReceived"] as? Int == 0 && empty.string("collectionRate") == "—")
            #expect((empty["handlingRate"] as? [String: Any])?["met"] as? Bool == true)
            let bad = try await app.call(.get, url + "?period=2026-13", token: admin.token)
            #expect(bad.status == .unprocessableContent || bad.status == .badRequest, "\(bad.text)")

            // Refusals: an agent is no reader; another unit's admin is out of scope; an unknown estate is 404.
            try await app.expect(.forbidden, .get, url, f.agent.token)
            try await app.expect(.forbidden, .get, url, outsider.token)
            try await app.expect(.notFound, .get, "/api/v1/property/estates/nope/service-report", admin.token)
            try await app.expect(.unauthorized, .get, url, nil)

            // The page: met/missed against the targets, print and export.
            let supervisor = PageSession(app)
            _ = try await supervisor.signIn("supervisor", "password-supervisor")
            let page = try await supervisor.get("/property/service-report?estateId=\(estate)&period=\(month)")
            #expect(page.status == .ok)
            #expect(page.text.contains("id=\"prp-sr-handling-rate\" data-met=\"false\"") && page.text.contains("未达标") && page.text.contains("66.7%"))
            #expect(page.text.contains("data-print") && page.text.contains("prp-sr-xlsx"))
            let csv = try await supervisor.get("/property/service-report/export?format=csv&estateId=\(estate)&period=\(month)")
            #expect(csv.status == .ok && csv.text.contains("66.7%") && csv.text.contains("100.0%"), "\(csv.text.prefix(300))")
            let agent = PageSession(app)
            _ = try await agent.signIn("agent", "password-agent")
            #expect(try await agent.get("/property/service-report").status == .forbidden)
        }
    }
}
