import Foundation
import Testing

@Suite("Tickets: who sees what")
struct TicketAccessTests {
    /// A customer account linked to a customer record, with one ticket logged for that customer.
    static func customerWithTicket(_ app: TestApp, _ org: OrgFixture) async throws -> (token: String, ticketId: String) {
        let customer = try await app.call(.post, "/api/v1/customers", token: org.agent.token, json: ["name": "陈先生", "phone": "13911112222"])
        #expect(customer.status == .created)
        let customerId = customer.string("id")!
        // Customer accounts sit in the unit that serves them; what they file on the web lands in that unit's queue.
        let user = try await app.createUser(org.admin, "chen", roles: ["customer"], unitId: org.cs, customerId: customerId)
        let ticket = try await app.createTicket(org.agent.token, subject: "偏航系统故障", extra: ["customerId": customerId])
        return (user.token, ticket.string("id")!)
    }

    @Test func customerNeverSeesInternalNotes() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let (customer, id) = try await Self.customerWithTicket(app, org)
            _ = try await app.call(.post, "/api/v1/tickets/\(id)/comments", token: org.agent.token, json: ["body": "内部：客户脾气急", "visibility": "internal"])
            _ = try await app.call(.post, "/api/v1/tickets/\(id)/comments", token: org.agent.token, json: ["body": "已派工程师上门", "visibility": "public"])
            let comments = try await app.call(.get, "/api/v1/tickets/\(id)/comments", token: customer)
            #expect(comments.items.map { $0["body"] as? String } == ["已派工程师上门"])
            let events = try await app.call(.get, "/api/v1/tickets/\(id)/events", token: customer)
            #expect(!events.text.contains("客户脾气急"))
            #expect(events.items.allSatisfy { $0["visibility"] as? String == "public" })
            // Staff see both.
            let staff = try await app.call(.get, "/api/v1/tickets/\(id)/comments", token: org.colleague.token)
            #expect(staff.items.count == 2)
            // A customer cannot write internal notes, and searching cannot reveal them.
            let internalTry = try await app.call(.post, "/api/v1/tickets/\(id)/comments", token: customer, json: ["body": "x", "visibility": "internal"])
            #expect(internalTry.status == .forbidden)
            let search = try await app.call(.get, "/api/v1/tickets?q=%E8%84%BE%E6%B0%94", token: customer) // 脾气
            #expect(search["total"] as? Int == 0)
            let staffSearch = try await app.call(.get, "/api/v1/tickets?q=%E8%84%BE%E6%B0%94", token: org.colleague.token)
            #expect(staffSearch["total"] as? Int == 1)
            // The customer finds their ticket by its subject and by a public reply.
            for q in ["偏航", "派工程师", "偏航 工程师", "偏"] {
                let encoded = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let found = try await app.call(.get, "/api/v1/tickets?q=\(encoded)", token: customer)
                #expect(found.items.map { $0["id"] as? String } == [id], "customer search \(q)")
            }
            let notTogether = try await app.call(.get, "/api/v1/tickets?q=%E8%88%AA%E5%81%8F", token: customer) // 航偏
            #expect(notTogether["total"] as? Int == 0)
        }
    }

    @Test func customerSeesOnlyOwnTicketsAndCannotWorkThem() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let (customer, id) = try await Self.customerWithTicket(app, org)
            let other = try await app.createTicket(org.agent.token, subject: "别人的工单").string("id")!
            let list = try await app.call(.get, "/api/v1/tickets", token: customer)
            #expect(list.items.map { $0["id"] as? String } == [id])
            #expect(try await app.call(.get, "/api/v1/tickets/\(other)", token: customer).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/tickets/\(id)/status", token: customer, json: ["status": "closed"]).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/customers", token: customer).status == .forbidden)
            // The customer's reply on a resolved ticket reopens it.
            _ = try await app.call(.post, "/api/v1/tickets/\(id)/status", token: org.agent.token, json: ["status": "resolved"])
            let reply = try await app.call(.post, "/api/v1/tickets/\(id)/comments", token: customer, json: ["body": "还是坏的"])
            #expect(reply.status == .created)
            #expect(try await app.call(.get, "/api/v1/tickets/\(id)", token: org.agent.token).string("status") == "open")
        }
    }

    @Test func webTicketsFromCustomersWaitForAnOwner() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let (customer, _) = try await Self.customerWithTicket(app, org)
            let web = try await app.createTicket(customer, subject: "网上报修：叶片异响")
            #expect(web.status == .created)
            #expect(web.string("channel") == "web")
            #expect(web.string("ownerId") == nil)
            let id = web.string("id")!
            let taken = try await app.call(.post, "/api/v1/tickets/\(id)/take", token: org.agent.token)
            #expect(taken.string("ownerId") == org.agent.id)
            let twice = try await app.call(.post, "/api/v1/tickets/\(id)/take", token: org.colleague.token)
            #expect(twice.errorCode == "already_owned")
        }
    }

    @Test func roleOutsideItsUnitIsRefused() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let other = try await app.createUnit(org.admin, code: "CS2", name: "客服二部", parentId: org.root)
            let outsider = try await app.createUser(org.admin, "outsider", roles: ["cs_agent"], unitId: other)
            let id = try await app.createTicket(org.agent.token, subject: "客服部的工单").string("id")!
            let refused = try await app.call(.get, "/api/v1/tickets/\(id)", token: outsider.token)
            #expect(refused.status == .forbidden)
            #expect(refused.errorMessage == "该工单不在您的权限范围内")
            #expect(try await app.call(.post, "/api/v1/tickets/\(id)/comments", token: outsider.token, json: ["body": "插一句"]).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/tickets/\(id)/events", token: outsider.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/tickets?view=all", token: outsider.token)["total"] as? Int == 0)
            // Colleagues in the unit and the supervisor above see it.
            #expect(try await app.call(.get, "/api/v1/tickets/\(id)", token: org.colleague.token).status == .ok)
            #expect(try await app.call(.get, "/api/v1/tickets?view=team", token: org.supervisor.token)["total"] as? Int == 1)
            // The customer register is for supervisors only.
            #expect(try await app.call(.get, "/api/v1/customers", token: org.agent.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/customers", token: org.supervisor.token).status == .ok)
            // Agents may look a caller up by number while logging a call; other departments may not.
            _ = try await app.createTicket(org.agent.token, subject: "x", extra: ["customer": ["name": "王", "phone": "13612345678"]])
            let lookup = try await app.call(.get, "/api/v1/customers/lookup?phone=136-1234-5678", token: org.agent.token)
            #expect(lookup.items.first?["name"] as? String == "王")
            // #10.6: the whole number only; a prefix finds no one.
            #expect(try await app.call(.get, "/api/v1/customers/lookup?phone=136123", token: org.agent.token).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/customers/lookup?phone=136", token: org.qaUser.token).status == .forbidden)
            // Only CS staff log tickets.
            #expect(try await app.createTicket(org.qaUser.token, subject: "x").status == .forbidden)
        }
    }

    @Test func queuesAndPaging() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            for i in 1...5 { _ = try await app.createTicket(org.agent.token, subject: "工单 \(i)") }
            _ = try await app.createTicket(org.colleague.token, subject: "同事的工单")
            let mine = try await app.call(.get, "/api/v1/tickets?view=mine", token: org.agent.token)
            #expect(mine["total"] as? Int == 5)
            let team = try await app.call(.get, "/api/v1/tickets?view=team", token: org.agent.token)
            #expect(team["total"] as? Int == 6)
            let page2 = try await app.call(.get, "/api/v1/tickets?view=mine&per=2&page=2", token: org.agent.token)
            #expect(page2.items.count == 2)
            #expect(page2["page"] as? Int == 2)
            #expect(page2["per"] as? Int == 2)
            let page3 = try await app.call(.get, "/api/v1/tickets?view=mine&per=2&page=3", token: org.agent.token)
            #expect(page3.items.count == 1)
            #expect(try await app.call(.get, "/api/v1/tickets?per=500", token: org.agent.token).status == .unprocessableContent)
            #expect(try await app.call(.get, "/api/v1/tickets?page=0", token: org.agent.token).status == .unprocessableContent)
            #expect(try await app.call(.get, "/api/v1/tickets?status=bogus", token: org.agent.token).status == .unprocessableContent)
            let byOwner = try await app.call(.get, "/api/v1/tickets?ownerId=\(org.colleague.id)", token: org.supervisor.token)
            #expect(byOwner["total"] as? Int == 1)
            let due = try await app.call(.get, "/api/v1/tickets?view=team&sort=due", token: org.agent.token)
            let dues = due.items.compactMap { ($0["sla"] as? [String: Any])?["firstResponseDueAt"] as? String }
            #expect(dues == dues.sorted())
            let open = try await app.call(.get, "/api/v1/tickets?status=new,open&breached=false", token: org.agent.token)
            #expect(open["total"] as? Int == 6)
        }
    }
}
