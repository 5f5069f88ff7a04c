import Foundation
import KefuDomain
import Testing

/// #16 item 6, TKT-05: an agent proposes flagging a customer as bad (劣质客户); only a CS supervisor confirms it; the
/// flag shows on every ticket of the customer; it is kept as history and audited.
@Suite("Bad-customer flags (TKT-05)", .serialized)
struct CustomerFlagTests {
    static func flags(_ app: TestApp, _ token: String, _ customerId: String) async throws -> TestApp.Reply {
        try await app.call(.get, "/api/v1/customers/\(customerId)/flags", token: token)
    }

    static func open(_ r: TestApp.Reply) -> [String: Any]? { r["open"] as? [String: Any] }

    @Test func anAgentProposesASupervisorConfirmsAndEveryTicketShowsIt() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let first = try await app.createTicket(org.agent.token, subject: "第一次投诉", extra: ["customer": ["name": "赵先生", "phone": "13700001111"]])
            let second = try await app.createTicket(org.agent.token, subject: "第二次投诉", extra: ["customer": ["name": "赵先生", "phone": "13700001111"]])
            let customerId = try #require((first["customer"] as? [String: Any])?["id"] as? String)

            // The reason is required; the agent proposes; a second proposal is refused while one is open.
            let empty = try await app.call(.post, "/api/v1/customers/\(customerId)/flags", token: org.agent.token, json: ["reason": "  "])
            #expect(empty.status == .unprocessableContent)
            let proposed = try await app.call(.post, "/api/v1/customers/\(customerId)/flags", token: org.agent.token, json: ["reason": "辱骂客服，多次无理要求赔偿"])
            #expect(proposed.status == .created, "\(proposed.text)")
            #expect(Self.open(proposed)?["status"] as? String == "proposed")
            #expect(Self.open(proposed)?["proposedBy"] as? String == "用户agent")
            let again = try await app.call(.post, "/api/v1/customers/\(customerId)/flags", token: org.colleague.token, json: ["reason": "再提"])
            #expect(again.status == .conflict)
            #expect(again.errorCode == "flag_open")

            // Only a CS supervisor decides: not the agent, not QA.
            #expect(try await app.call(.post, "/api/v1/customers/\(customerId)/flags/confirm", token: org.agent.token, json: [:]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/customers/\(customerId)/flags/confirm", token: org.qaUser.token, json: [:]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/customers/\(customerId)/flags/clear", token: org.supervisor.token, json: ["note": "x"]).status == .conflict,
                    "nothing confirmed to clear yet")
            let pending = try await app.call(.get, "/api/v1/customer-flags", token: org.supervisor.token)
            #expect(pending.items.map { $0["customerName"] as? String } == ["赵先生"])
            #expect(try await app.call(.get, "/api/v1/customer-flags", token: org.agent.token).status == .forbidden)

            let confirmed = try await app.call(.post, "/api/v1/customers/\(customerId)/flags/confirm", token: org.supervisor.token, json: [:])
            #expect(confirmed.status == .ok, "\(confirmed.text)")
            #expect(Self.open(confirmed)?["status"] as? String == "confirmed")
            #expect(Self.open(confirmed)?["decidedBy"] as? String == "用户supervisor")
            #expect(try await app.call(.get, "/api/v1/customer-flags", token: org.supervisor.token).items.isEmpty)

            // Both of the customer's tickets show the flag.
            let session = PageSession(app)
            #expect(try await session.signIn("colleague", "password-colleague").status == .seeOther)
            for t in [first, second] {
                let page = try await session.get("/tickets/\(t.string("id")!)")
                #expect(page.text.contains("id=\"customer-flag\" data-status=\"confirmed\""), "no flag on \(t.string("number")!)")
                #expect(page.text.contains("辱骂客服"))
            }

            // Cleared with a note: history of one, nothing open, audited at each step.
            let noNote = try await app.call(.post, "/api/v1/customers/\(customerId)/flags/clear", token: org.supervisor.token, json: [:])
            #expect(noNote.status == .unprocessableContent)
            let cleared = try await app.call(.post, "/api/v1/customers/\(customerId)/flags/clear", token: org.supervisor.token, json: ["note": "半年无不当行为"])
            #expect(cleared.status == .ok)
            #expect(cleared["open"] is NSNull)
            #expect((cleared["history"] as? [[String: Any]])?.first?["status"] as? String == "cleared")
            #expect(cleared["mayPropose"] as? Bool == true)
            let audit = try await app.call(.get, "/api/v1/audit-log?entity=customer&entityId=\(customerId)", token: org.admin)
            let actions = Set(audit.items.compactMap { $0["action"] as? String })
            #expect(actions.isSuperset(of: ["customer_flag.propose", "customer_flag.confirm", "customer_flag.clear"]), "\(actions)")
        }
    }

    @Test func aRejectedProposalNeedsANoteAndCustomersOutsideTheScopeAreHidden() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let t = try await app.createTicket(org.agent.token, subject: "咨询", extra: ["customer": ["name": "钱女士", "phone": "13700002222"]])
            let customerId = try #require((t["customer"] as? [String: Any])?["id"] as? String)
            #expect(try await app.call(.post, "/api/v1/customers/\(customerId)/flags", token: org.agent.token, json: ["reason": "恶意投诉"]).status == .created)
            let bare = try await app.call(.post, "/api/v1/customers/\(customerId)/flags/reject", token: org.supervisor.token, json: [:])
            #expect(bare.status == .unprocessableContent)
            let rejected = try await app.call(.post, "/api/v1/customers/\(customerId)/flags/reject", token: org.supervisor.token, json: ["note": "证据不足"])
            #expect(rejected.status == .ok)
            #expect(rejected["open"] is NSNull)
            #expect((rejected["history"] as? [[String: Any]])?.first?["decisionNote"] as? String == "证据不足")

            // A supervisor of another unit, who cannot see the customer, is told it does not exist.
            let qaUnitSupervisor = try await app.createUser(org.admin, "qasup", roles: ["cs_supervisor"], unitId: org.qa)
            #expect(try await Self.flags(app, qaUnitSupervisor.token, customerId).status == .notFound)
            #expect(try await app.call(.post, "/api/v1/customers/\(customerId)/flags", token: qaUnitSupervisor.token, json: ["reason": "x"]).status == .notFound)
            #expect(try await Self.flags(app, org.qaUser.token, customerId).status == .forbidden, "QA has no customer-service role")
        }
    }

    @Test func theTicketPageProposesAndTheSupervisorConfirmsFromIt() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let t = try await app.createTicket(org.agent.token, subject: "维修", extra: ["customer": ["name": "孙先生", "phone": "13700003333"]])
            let path = "/tickets/\(t.string("id")!)"
            let agent = PageSession(app)
            #expect(try await agent.signIn("agent", "password-agent").status == .seeOther)
            let page = try await agent.get(path)
            #expect(page.text.contains("id=\"customer-flag-form\""))
            #expect(!page.text.contains("id=\"customer-flag-decide\""), "agents do not decide")
            let csrf = try #require(PageSession.csrf(in: page.text))
            let customerId = try #require((t["customer"] as? [String: Any])?["id"] as? String)
            let refused = try await agent.post("\(path)/customer-flag", form: ["_csrf": csrf, "customerId": customerId, "reason": ""], from: path)
            #expect(refused.status == .seeOther)
            #expect(try await agent.get(refused.headers[.location] ?? path).text.contains("请填写标记原因"))
            let done = try await agent.post("\(path)/customer-flag", form: ["_csrf": csrf, "customerId": customerId, "reason": "威胁曝光"], from: path)
            #expect(done.headers[.location]?.contains("notice=flag-proposed") == true)
            #expect(try await agent.get(path).text.contains("data-status=\"proposed\""))

            let supervisor = PageSession(app)
            #expect(try await supervisor.signIn("supervisor", "password-supervisor").status == .seeOther)
            let sp = try await supervisor.get(path)
            #expect(sp.text.contains("id=\"customer-flag-confirm\""))
            let token = try #require(PageSession.csrf(in: sp.text))
            let confirmed = try await supervisor.post("\(path)/customer-flag/decide", form: ["_csrf": token, "customerId": customerId, "step": "confirm"], from: path)
            #expect(confirmed.headers[.location]?.contains("notice=flag-confirm") == true)
            #expect(try await supervisor.get(path).text.contains("id=\"customer-flag-clear\""))
        }
    }

    /// #16 item 6: the supervisors over the proposer's unit hear of a proposal in the bell, linked to the ticket where
    /// they decide; agents, QA and a supervisor of another unit do not.
    @Test func aProposalTellsTheSupervisorsOverTheProposersUnit() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let other = try await app.createUnit(org.admin, code: "CS2", name: "客服二部", parentId: org.root)
            let otherSupervisor = try await app.createUser(org.admin, "supervisor2", roles: ["cs_supervisor"], unitId: other)
            let older = try await app.createTicket(org.agent.token, subject: "早先的报修", extra: ["customer": ["name": "钱女士", "phone": "13700005555"]])
            let ticket = try await app.createTicket(org.agent.token, subject: "无理索赔", extra: ["customer": ["name": "钱女士", "phone": "13700005555"]])
            let customerId = try #require((ticket["customer"] as? [String: Any])?["id"] as? String)
            #expect(try await app.bell(org.supervisor.token).isEmpty)

            // Proposed from the older ticket's page: the notice links there.
            let session = PageSession(app)
            _ = try await session.signIn("agent", "password-agent")
            let page = try await session.get("/tickets/\(older.string("id")!)")
            let posted = try await session.post("/tickets/\(older.string("id")!)/customer-flag",
                                                form: ["_csrf": PageSession.csrf(in: page.text)!, "customerId": customerId, "reason": "多次威胁投诉媒体"])
            #expect(posted.status == .seeOther)
            let told = try await app.bell(org.supervisor.token)
            #expect(told.map(\.kind) == ["customer_flag_proposed"])
            #expect(told.first?.title.contains("钱女士") == true)
            #expect(told.first?.ticketId == older.string("id"))
            for token in [org.agent.token, org.colleague.token, org.qaUser.token, otherSupervisor.token] {
                #expect(try await app.bell(token).allSatisfy { $0.kind != "customer_flag_proposed" })
            }

            // Through the API without a ticket: the customer's newest ticket is linked.
            _ = try await app.call(.post, "/api/v1/customers/\(customerId)/flags/reject", token: org.supervisor.token, json: ["note": "证据不足"])
            let again = try await app.call(.post, "/api/v1/customers/\(customerId)/flags", token: org.colleague.token, json: ["reason": "再次辱骂"])
            #expect(again.status == .created)
            let newest = try await app.bell(org.supervisor.token).first
            #expect(newest?.kind == "customer_flag_proposed" && newest?.ticketId == ticket.string("id"))
        }
    }
}
