import Foundation
import Testing

/// #10.20: tickets go by role and unit. Staff without ticket rights in a CS unit do not work its tickets; a user of the
/// head office without a customer-service role does not read every ticket (nor its internal notes); a department a
/// ticket is forwarded to works it (TKT-04).
@Suite("Tickets: by role and unit (#10.20)")
struct TicketRoleScopeTests {
    @Test func rolesWithoutTicketRightsSeeOnlyWhatIsForwardedToThem() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let finance = try await app.createUser(org.admin, "fin", roles: ["finance"], unitId: org.cs)
            let engineer = try await app.createUser(org.admin, "eng", roles: ["engineer"], unitId: org.cs)
            let hqFinance = try await app.createUser(org.admin, "hqfin", roles: ["finance"], unitId: org.root)
            let id = try await app.createTicket(org.agent.token, subject: "风机偏航异常").string("id")!
            _ = try await app.call(.post, "/api/v1/tickets/\(id)/comments", token: org.agent.token, json: ["body": "内部：客户欠款", "visibility": "internal"])
            for t in [finance.token, engineer.token, hqFinance.token] {
                #expect(try await app.call(.get, "/api/v1/tickets/\(id)", token: t).status == .forbidden)
                #expect(try await app.call(.get, "/api/v1/tickets/\(id)/comments", token: t).status == .forbidden)
                #expect(try await app.call(.post, "/api/v1/tickets/\(id)/comments", token: t, json: ["body": "插一句"]).status == .forbidden)
                #expect(try await app.call(.post, "/api/v1/tickets/\(id)/status", token: t, json: ["status": "resolved"]).status == .forbidden)
                #expect(try await app.call(.get, "/api/v1/tickets", token: t)["total"] as? Int == 0)
                let search = try await app.call(.get, "/api/v1/tickets?q=%E5%81%8F%E8%88%AA", token: t) // 偏航
                #expect(search.items.isEmpty && !search.text.contains("客户欠款"))
            }
            // The colleague with a ticket role works it; QA works it once it is forwarded to QA.
            #expect(try await app.call(.post, "/api/v1/tickets/\(id)/comments", token: org.colleague.token, json: ["body": "跟进"]).status == .created)
            #expect(try await app.call(.get, "/api/v1/tickets/\(id)", token: org.qaUser.token).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/tickets/\(id)/forward", token: org.agent.token, json: ["toOrgUnitId": org.qa]).status == .ok)
            #expect(try await app.call(.post, "/api/v1/tickets/\(id)/comments", token: org.qaUser.token, json: ["body": "品管已接手"]).status == .created)
            #expect(try await app.call(.get, "/api/v1/tickets", token: org.qaUser.token)["total"] as? Int == 1)
        }
    }
}

/// #10.13: the search index's scope tokens cannot be forged from a ticket's text.
@Suite("Search: scope tokens are not forgeable (#10.13)")
struct SearchScopeTokenTests {
    @Test func textNamingAUnitTokenDoesNotShowTheTicketThere() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let other = try await app.createUnit(org.admin, code: "CS2", name: "华东客服部", parentId: org.root)
            let outsider = try await app.createUser(org.admin, "agent2", roles: ["cs_agent"], unitId: other)
            let forged = "zu" + other.replacingOccurrences(of: "-", with: "")
            let id = try await app.createTicket(org.agent.token, subject: "偏航故障", description: "见 \(forged) 与 ZU\(other.uppercased())",
                                                extra: ["customer": ["name": "陈先生", "phone": "13612345678"]]).string("id")!
            #expect(try await app.call(.get, "/api/v1/tickets/\(id)", token: outsider.token).status == .forbidden)
            for q in ["%E5%81%8F%E8%88%AA", forged] { // 偏航, and the forged token itself
                let found = try await app.call(.get, "/api/v1/tickets?q=\(q)", token: outsider.token)
                #expect(found.items.isEmpty, "search \(q): \(found.text.prefix(200))")
                #expect(!found.text.contains("13612345678"))
            }
            // Inside the unit the ticket is found, also by the word in its text.
            #expect(try await app.call(.get, "/api/v1/tickets?q=%E5%81%8F%E8%88%AA", token: org.colleague.token).items.count == 1)
            #expect(try await app.call(.get, "/api/v1/tickets?q=\(forged)", token: org.colleague.token).items.count == 1)
        }
    }
}

/// #10.19: a customer's view of a ticket holds no staff fields, in the API and on the page.
@Suite("Tickets: the customer's view (#10.19)")
struct CustomerTicketViewTests {
    @Test func customerSeesNoStaffFields() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let (customer, id) = try await TicketAccessTests.customerWithTicket(app, org)
            _ = try await app.call(.post, "/api/v1/tickets/\(id)/forward", token: org.agent.token, json: ["toOrgUnitId": org.qa])
            let staffFields = ["ownerId", "assigneeId", "teamId", "orgUnitId", "escalationLevel", "sla"]
            let one = try await app.call(.get, "/api/v1/tickets/\(id)", token: customer)
            #expect(one.status == .ok)
            #expect(one.string("subject") == "偏航系统故障")
            for field in staffFields { #expect(one[field] == nil, "customer sees \(field)") }
            let list = try await app.call(.get, "/api/v1/tickets", token: customer)
            #expect(list.items.count == 1)
            for field in staffFields { #expect(list.items.first?[field] == nil, "customer list shows \(field)") }
            // Staff still get the full view.
            #expect(try await app.call(.get, "/api/v1/tickets/\(id)", token: org.agent.token)["escalationLevel"] != nil)
            // The page: no owner, handling unit, SLA policy or clocks.
            let browser = PageSession(app)
            _ = try await browser.signIn("chen", "password-chen")
            let page = try await browser.get("/tickets/\(id)")
            #expect(page.status == .ok)
            for marker in ["ticket-owner", "ticket-team", "ticket-policy", "ticket-resolution-due"] {
                #expect(!page.text.contains(marker), "customer page shows \(marker)")
            }
        }
    }
}
