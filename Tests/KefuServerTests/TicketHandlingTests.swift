import Foundation
import KefuDomain
import SQLKit
import KefuPlatform
@testable import KefuServiceDesk
import Testing

/// #11.4: the ticket page's one form — reply or note, status and assignee in one submit, one transaction — and the
/// actions a ticket's state allows.
@Suite("Tickets: one-form handling (#11.4)", .serialized)
struct TicketHandlingTests {
    static func eventKinds(_ app: TestApp, _ id: String, _ token: String) async throws -> [String] {
        try await app.call(.get, "/api/v1/tickets/\(id)/events", token: token).items.map { $0["kind"] as? String ?? "" }
    }

    @Test func oneSubmitRepliesSetsWaitingOnTheCustomerAndAssigns() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let id = try await app.createTicket(org.agent.token, subject: "风机偏航异常").string("id")!
            let session = PageSession(app)
            _ = try await session.signIn("agent", "password-agent")
            let page = try await session.get("/tickets/\(id)")
            #expect(page.text.contains("id=\"handle-form\"") == false) // one form, named comment-form
            #expect(page.text.contains("action=\"/tickets/\(id)/handle\""))
            #expect(page.text.contains("id=\"shortcut-help\""))
            #expect(page.text.contains("id=\"phrase-select\""))
            let csrf = PageSession.csrf(in: page.text)!
            let sent = try await session.post("/tickets/\(id)/handle", form: [
                "body": "请提供风机编号和报警截图", "visibility": "public", "status": "pending_customer", "assigneeId": org.colleague.id, "_csrf": csrf])
            #expect(sent.status == .seeOther)
            #expect(sent.headers[.location] == "/tickets/\(id)?notice=replied")
            let ticket = try await app.call(.get, "/api/v1/tickets/\(id)", token: org.agent.token)
            #expect(ticket.string("status") == "pending_customer")
            #expect(ticket.string("assigneeId") == org.colleague.id)
            #expect((ticket["sla"] as? [String: Any])?["firstRespondedAt"] is String)
            #expect((ticket["sla"] as? [String: Any])?["pausedAt"] is String)
            let comments = try await app.call(.get, "/api/v1/tickets/\(id)/comments", token: org.agent.token).items
            #expect(comments.map { $0["body"] as? String } == ["请提供风机编号和报警截图"])
            // new → open by the reply, then open → waiting on the customer as asked; the assignment; all on the timeline.
            #expect(try await Self.eventKinds(app, id, org.agent.token) == ["created", "comment", "first_response", "status", "status", "assigned"])
            // The assignee hears of it; the agent who assigned does not.
            let bell = try await app.bell(org.colleague.token)
            #expect(bell.map(\.kind) == ["ticket_assigned"])
            #expect(bell.first?.ticketId == id)
            #expect(try await app.bell(org.agent.token).isEmpty)
            // The page after the redirect: the timeline reads in words, no internal values.
            let after = try await session.get("/tickets/\(id)?notice=replied")
            #expect(after.text.contains("已添加回复"))
            #expect(after.text.contains("处理中 → 等待客户"))
            #expect(!after.text.contains("commentId") && !after.text.contains("pending_customer →"))
        }
    }

    @Test func aRefusedSubmitChangesNothingAndKeepsWhatWasTyped() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let id = try await app.createTicket(org.agent.token, subject: "齿轮箱温度高").string("id")!
            let before = try await Self.eventKinds(app, id, org.agent.token)
            let session = PageSession(app)
            _ = try await session.signIn("agent", "password-agent")
            let csrf = PageSession.csrf(in: try await session.get("/tickets/\(id)").text)!
            // The reply would move new → open; "new" is then not a status it may go back to: the whole submit is refused.
            let refused = try await session.post("/tickets/\(id)/handle", form: [
                "body": "已安排工程师", "status": "new", "assigneeId": org.colleague.id, "_csrf": csrf])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("已安排工程师"))
            #expect(refused.text.contains("不能从“处理中”变为“新建”"))
            let ticket = try await app.call(.get, "/api/v1/tickets/\(id)", token: org.agent.token)
            #expect(ticket.string("status") == "new")
            #expect(ticket["assigneeId"] is NSNull)
            #expect((ticket["sla"] as? [String: Any])?["firstRespondedAt"] is NSNull)
            #expect(try await app.call(.get, "/api/v1/tickets/\(id)/comments", token: org.agent.token).items.isEmpty)
            #expect(try await Self.eventKinds(app, id, org.agent.token) == before)
            #expect(try await app.bell(org.colleague.token).isEmpty)
            // Nothing at all to do is refused under the text box; an unknown assignee under its field.
            let empty = try await session.post("/tickets/\(id)/handle", form: ["body": "  ", "status": "", "_csrf": csrf])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("id=\"comment-body-error\""))
            let stranger = try await session.post("/tickets/\(id)/handle", form: ["body": "转给他", "assigneeId": "nobody", "_csrf": csrf])
            #expect(stranger.status == .unprocessableContent)
            #expect(stranger.text.contains("id=\"assignee-select-error\""))
            #expect(stranger.text.contains("转给他"))
            #expect(try await app.call(.get, "/api/v1/tickets/\(id)/comments", token: org.agent.token).items.isEmpty)
        }
    }

    @Test func aResolvedTicketOffersNoForwardOrEscalationAndRefusesThem() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let id = try await app.createTicket(org.agent.token, subject: "远程复位").string("id")!
            let session = PageSession(app)
            _ = try await session.signIn("supervisor", "password-supervisor")
            let open = try await session.get("/tickets/\(id)")
            #expect(open.text.contains("id=\"forward-form\"") && open.text.contains("id=\"escalate-form\"") && open.text.contains("id=\"assignee-select\""))
            _ = try await app.call(.post, "/api/v1/tickets/\(id)/status", token: org.agent.token, json: ["status": "resolved"])
            let resolved = try await session.get("/tickets/\(id)")
            #expect(!resolved.text.contains("id=\"forward-form\""))
            #expect(!resolved.text.contains("id=\"escalate-form\""))
            #expect(!resolved.text.contains("id=\"assignee-select\""))
            // Reopen and close stay offered (TicketStatus.allowedNext), and a reply.
            #expect(resolved.text.contains("<option value=\"open\">") && resolved.text.contains("<option value=\"closed\">"))
            #expect(!resolved.text.contains("<option value=\"pending_customer\">"))
            #expect(resolved.text.contains("id=\"comment-body\""))
            let forward = try await app.call(.post, "/api/v1/tickets/\(id)/forward", token: org.agent.token, json: ["toOrgUnitId": org.qa])
            #expect(forward.status == .conflict)
            #expect(forward.errorCode == "ticket_not_in_progress")
            let escalate = try await app.call(.post, "/api/v1/tickets/\(id)/escalate", token: org.agent.token, json: ["reason": "客户不满意"])
            #expect(escalate.errorCode == "ticket_not_in_progress")
            _ = try await app.call(.post, "/api/v1/tickets/\(id)/status", token: org.agent.token, json: ["status": "closed"])
            let closed = try await session.get("/tickets/\(id)")
            #expect(!closed.text.contains("id=\"comment-form\""))
            #expect(!closed.text.contains("id=\"owner-form\""))
        }
    }

    @Test func forwardingTellsTheRecipientOnlyAndTheWebhook() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let created = try await app.createTicket(org.agent.token, subject: "叶片裂纹")
            let number = created.string("number")!, ticketId = created.string("id")!
            let engineer = try await app.createUser(org.admin, "engineer", roles: ["engineer"], unitId: org.qa)
            let qaBoss = try await app.createUser(org.admin, "qaboss", roles: ["cs_supervisor"], unitId: org.qa)
            try await app.store.write { db in
                try await db.raw("""
                    INSERT INTO org_unit_webhooks (org_unit_id, url, secret, format, active, updated_by, updated_at)
                    VALUES (\(bind: org.qa), 'https://hooks.example.com/qa', 'secret-secret-secret', 'kefu', 1, NULL, 0)
                    """).run()
            }
            let forward = try await app.call(.post, "/api/v1/tickets/\(ticketId)/forward", token: org.agent.token,
                                             json: ["toOrgUnitId": org.qa, "toUserId": engineer.id, "note": "请现场检查"])
            #expect(forward.status == .ok)
            let bell = try await app.bell(engineer.token)
            #expect(bell.map(\.kind) == ["ticket_forwarded"])
            #expect(bell.first?.title.contains(number) == true)
            #expect(try await app.bell(qaBoss.token).isEmpty)
            #expect(try await app.bell(org.agent.token).isEmpty)
            #expect(try await app.bell(org.supervisor.token).isEmpty)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE event = 'ticket_forwarded'") == 1)
            // To the unit without a person: its supervisors.
            _ = try await app.call(.post, "/api/v1/tickets/\(ticketId)/forward", token: org.agent.token, json: ["toOrgUnitId": org.qa])
            #expect(try await app.bell(qaBoss.token).map(\.kind) == ["ticket_forwarded"])
            #expect(try await app.bell(engineer.token).count == 1)
        }
    }

    @Test func theApiTakesTheSameOneSubmit() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let id = try await app.createTicket(org.agent.token, subject: "接口一次提交").string("id")!
            let done = try await app.call(.post, "/api/v1/tickets/\(id)/handle", token: org.agent.token,
                                          json: ["body": "内部：已联系厂家", "visibility": "internal", "status": "pending_internal"])
            #expect(done.status == .ok)
            #expect(done.string("status") == "pending_internal")
            #expect(try await Self.eventKinds(app, id, org.agent.token) == ["created", "comment", "status"])
            // Not staff of this ticket: refused, nothing written.
            let outsider = try await app.call(.post, "/api/v1/tickets/\(id)/handle", token: org.qaUser.token, json: ["body": "看看"])
            #expect([403, 404].contains(outsider.status.code))
            let bad = try await app.call(.post, "/api/v1/tickets/\(id)/handle", token: org.agent.token, json: ["body": "x", "status": "deleted"])
            #expect(bad.status == .unprocessableContent)
            #expect(try await Self.eventKinds(app, id, org.agent.token) == ["created", "comment", "status"])
        }
    }
}
