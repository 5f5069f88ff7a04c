import Foundation
import Hummingbird
import KefuPlatform
import Testing

/// #10.2 / #10.6: after-sales records stay in their unit. Another unit's site keeper, CS agent, CS manager and engineer
/// get 404 on the records of 客服部 (their existence does not leak); inside 客服部 the same steps succeed.
@Suite("After-sales: unit scope (#10.2, #10.6)")
struct AftersalesScopeTests {
    struct Outsiders {
        let keeper, agent, manager, engineer: (id: String, token: String)
    }

    static func outsiders(_ app: TestApp, _ f: AftersalesFixture) async throws -> Outsiders {
        let other = try await app.createUnit(f.org.admin, code: "CS2", name: "华东客服部", parentId: f.org.root)
        return Outsiders(
            keeper: try await app.createUser(f.org.admin, "keeper2", roles: ["site_keeper"], unitId: other),
            agent: try await app.createUser(f.org.admin, "agent2", roles: ["cs_agent"], unitId: other),
            manager: try await app.createUser(f.org.admin, "manager2", roles: ["cs_manager"], unitId: other),
            engineer: try await app.createUser(f.org.admin, "engineer2", roles: ["engineer"], unitId: other))
    }

    @Test func repairOrdersAndReturnsStayInTheirUnit() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let x = try await Self.outsiders(app, f)
            let repair = try await app.expect(.created, .post, "/api/v1/repair-orders", o.agent.token,
                                              ["customer": ["name": "李先生", "phone": "13712345678"], "model": "M1", "defect": "不开机"]).string("id")!
            let ret = try await app.expect(.created, .post, "/api/v1/returns", o.agent.token,
                                           ["kind": "return", "model": "M2", "shippedAt": "2026-01-01", "reason": "过热", "qualityIssue": true, "customerName": "王女士"]).string("id")!
            // Outside the unit: 404 on reads and steps, empty lists, nothing in the reports.
            for t in [x.keeper.token, x.agent.token, x.manager.token, x.engineer.token] {
                let read = try await app.expect(.notFound, .get, "/api/v1/repair-orders/\(repair)", t)
                #expect(!read.text.contains("13712345678") && !read.text.contains("李先生"))
                try await app.expect(.notFound, .get, "/api/v1/returns/\(ret)", t)
                #expect(try await app.call(.get, "/api/v1/repair-orders", token: t).items.isEmpty)
                #expect(try await app.call(.get, "/api/v1/returns", token: t).items.isEmpty)
                #expect(try await app.call(.get, "/api/v1/reports/repairs", token: t)["received"] as? Int == 0)
                #expect(try await app.call(.get, "/repair-orders/\(repair)", token: t).status == .notFound)
            }
            try await app.expect(.notFound, .post, "/api/v1/repair-orders/\(repair)/diagnosis", x.engineer.token, ["mainComponentDamaged": false, "inWarranty": true])
            try await app.expect(.notFound, .post, "/api/v1/returns/\(ret)/receive", x.agent.token)
            // Inside the unit: visible; a role that may not act gets 403.
            #expect(try await app.call(.get, "/api/v1/repair-orders", token: o.agent.token).items.count == 1)
            #expect(try await app.call(.get, "/api/v1/reports/repairs", token: o.agent.token)["received"] as? Int == 1)
            try await app.expect(.forbidden, .post, "/api/v1/repair-orders/\(repair)/diagnosis", o.agent.token, ["mainComponentDamaged": false, "inWarranty": true])
            try await app.expect(.ok, .post, "/api/v1/repair-orders/\(repair)/diagnosis", f.engineer.token, ["mainComponentDamaged": false, "inWarranty": true])
            try await app.expect(.ok, .post, "/api/v1/returns/\(ret)/receive", o.agent.token)
            // The company-wide departments of the procedure (品管部) act on every unit's records.
            try await app.expect(.ok, .get, "/api/v1/repair-orders/\(repair)", o.qaUser.token)
            // The head office (root unit) sees every unit.
            try await app.expect(.ok, .get, "/api/v1/repair-orders/\(repair)", o.admin)
        }
    }

    @Test func complaintsAndSurveysStayInTheirUnit() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let x = try await Self.outsiders(app, f)
            let ticket = try await app.createTicket(o.agent.token, subject: "风机频繁报故障",
                                                    extra: ["type": "complaint", "customer": ["name": "华能某风电场", "phone": "13900001111"]]).string("id")!
            let complaint = try await app.call(.get, "/api/v1/complaints", token: o.agent.token).items.first?["id"] as? String ?? ""
            #expect(!complaint.isEmpty)
            for t in [x.keeper.token, x.agent.token, x.manager.token, x.engineer.token] {
                try await app.expect(.notFound, .get, "/api/v1/complaints/\(complaint)", t)
                #expect(try await app.call(.get, "/api/v1/complaints", token: t).items.isEmpty)
                #expect(try await app.call(.get, "/api/v1/reports/complaints", token: t)["total"] as? Int == 0)
            }
            try await app.expect(.notFound, .post, "/api/v1/complaints/\(complaint)/classify", x.agent.token, ["responsibility": "company", "handling": "quality"])
            try await app.expect(.notFound, .post, "/api/v1/complaints/\(complaint)/actions/approve", x.manager.token)
            try await app.expect(.ok, .post, "/api/v1/complaints/\(complaint)/classify", o.agent.token, ["responsibility": "company", "handling": "quality"])
            #expect(try await app.call(.get, "/api/v1/reports/complaints", token: o.agent.token)["total"] as? Int == 1)

            // #10.6: another unit's ticket id opens nothing and leaks no name or phone.
            let repairTry = try await app.expect(.notFound, .post, "/api/v1/repair-orders", x.agent.token, ["ticketId": ticket, "model": "M1", "defect": "坏"])
            #expect(!repairTry.text.contains("华能") && !repairTry.text.contains("13900001111"))
            try await app.expect(.notFound, .post, "/api/v1/returns", x.agent.token,
                                 ["kind": "return", "ticketId": ticket, "model": "M2", "shippedAt": "2026-01-01", "reason": "过热", "qualityIssue": true])
            try await app.expect(.notFound, .post, "/api/v1/survey-invitations", x.agent.token, ["ticketId": ticket])
            try await app.expect(.notFound, .post, "/api/v1/complaints", x.agent.token, ["ticketId": ticket])
            try await app.expect(.created, .post, "/api/v1/repair-orders", o.agent.token, ["ticketId": ticket, "model": "M1", "defect": "坏"])

            // Survey responses of the unit are seen in the unit only; the public page greets no one by name.
            let inv = try await app.expect(.created, .post, "/api/v1/survey-invitations", o.agent.token, ["ticketId": ticket])
            let token = String(inv.string("url")!.split(separator: "/").last!)
            let page = try await app.call(.get, "/s/\(token)")
            #expect(page.status == .ok)
            #expect(!page.text.contains("华能某风电场"))
            try await app.expect(.created, .post, "/api/v1/public/surveys/\(token)", nil, ["overall": 4])
            #expect(try await app.call(.get, "/api/v1/survey-responses", token: o.agent.token).items.count == 1)
            #expect(try await app.call(.get, "/api/v1/survey-responses", token: x.manager.token).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/reports/satisfaction?groupBy=none", token: x.manager.token)["responses"] as? Int == 0)
        }
    }
}
