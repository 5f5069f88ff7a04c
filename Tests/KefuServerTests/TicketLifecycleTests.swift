import Foundation
import Testing

@Suite("Tickets: ownership, lifecycle, timeline")
struct TicketLifecycleTests {
    @Test func creatingAgentOwnsTheTicket() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let t = try await app.createTicket(org.agent.token, subject: "3号风机齿轮箱漏油", extra: ["customer": ["name": "刘经理", "phone": "138-0013-8000"]])
            #expect(t.status == .created)
            #expect(t.string("ownerId") == org.agent.id)
            #expect(t.string("status") == "new")
            #expect(t.string("number")?.hasPrefix("KF") == true)
            let sla = t["sla"] as? [String: Any]
            #expect(sla?["firstResponseDueAt"] is String)
            // Every documented field is present; an empty one is null.
            #expect(t["assigneeId"] is NSNull)
            #expect(t["closedAt"] is NSNull)
            #expect(sla?["firstRespondedAt"] is NSNull)
            // Same phone, written differently: the same customer.
            let again = try await app.createTicket(org.colleague.token, subject: "再次来电", extra: ["customer": ["phone": "13800138000"]])
            let c1 = (t["customer"] as? [String: Any])?["id"] as? String
            let c2 = (again["customer"] as? [String: Any])?["id"] as? String
            #expect(c1 != nil && c1 == c2)
            #expect(t.string("number") != again.string("number"))
            #expect(again.string("ownerId") == org.colleague.id)
        }
    }

    @Test func statusMachineAndClosedIsFinal() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let id = try await app.createTicket(org.agent.token, subject: "变桨系统报警").string("id")!
            let resolved = try await app.call(.post, "/api/v1/tickets/\(id)/status", token: org.agent.token, json: ["status": "resolved", "note": "已远程复位"])
            #expect(resolved.string("status") == "resolved")
            #expect((resolved["sla"] as? [String: Any])?["resolvedAt"] is String)
            let pending = try await app.call(.post, "/api/v1/tickets/\(id)/status", token: org.agent.token, json: ["status": "pending_customer"])
            #expect(pending.status == .conflict)
            #expect(pending.errorCode == "transition_not_allowed")
            let reopened = try await app.call(.post, "/api/v1/tickets/\(id)/status", token: org.agent.token, json: ["status": "open"])
            #expect(reopened.string("status") == "open")
            #expect((reopened["sla"] as? [String: Any])?["resolvedAt"] is NSNull)
            let closed = try await app.call(.post, "/api/v1/tickets/\(id)/status", token: org.agent.token, json: ["status": "closed"])
            #expect(closed.string("status") == "closed")
            let again = try await app.call(.post, "/api/v1/tickets/\(id)/status", token: org.agent.token, json: ["status": "open"])
            #expect(again.status == .conflict)
            #expect(again.errorCode == "ticket_closed")
            let comment = try await app.call(.post, "/api/v1/tickets/\(id)/comments", token: org.agent.token, json: ["body": "还有问题"])
            #expect(comment.errorCode == "ticket_closed")
            let patch = try await app.call(.patch, "/api/v1/tickets/\(id)", token: org.agent.token, json: ["subject": "改"])
            #expect(patch.errorCode == "ticket_closed")
            let unknown = try await app.call(.post, "/api/v1/tickets/\(id)/status", token: org.agent.token, json: ["status": "deleted"])
            #expect(unknown.status == .unprocessableContent)
            // Tickets are never deleted.
            #expect(try await app.call(.delete, "/api/v1/tickets/\(id)", token: org.admin).status.code >= 400)
            let events = try await app.call(.get, "/api/v1/tickets/\(id)/events", token: org.agent.token)
            let kinds = events.items.map { $0["kind"] as? String ?? "" }
            #expect(kinds == ["created", "status", "status", "status"])
            let seqs = events.items.map { $0["seq"] as? Int ?? 0 }
            #expect(seqs == [1, 2, 3, 4])
        }
    }

    @Test func firstPublicStaffReplyStopsTheFirstResponseClock() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let id = try await app.createTicket(org.agent.token, subject: "叶片裂纹").string("id")!
            _ = try await app.call(.post, "/api/v1/tickets/\(id)/comments", token: org.colleague.token, json: ["body": "内部：请查图纸", "visibility": "internal"])
            var t = try await app.call(.get, "/api/v1/tickets/\(id)", token: org.agent.token)
            #expect((t["sla"] as? [String: Any])?["firstRespondedAt"] is NSNull)
            #expect(t.string("status") == "new")
            let reply = try await app.call(.post, "/api/v1/tickets/\(id)/comments", token: org.agent.token, json: ["body": "您好，已安排工程师", "visibility": "public"])
            #expect(reply.status == .created)
            t = try await app.call(.get, "/api/v1/tickets/\(id)", token: org.agent.token)
            #expect((t["sla"] as? [String: Any])?["firstRespondedAt"] is String)
            #expect(t.string("status") == "open")
            let events = try await app.call(.get, "/api/v1/tickets/\(id)/events", token: org.agent.token)
            #expect(events.items.map { $0["kind"] as? String ?? "" } == ["created", "comment", "comment", "first_response", "status"])
        }
    }

    @Test func receivedAtRules() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let earlier = Date().addingTimeInterval(-3 * 3600).formatted(.iso8601)
            let ok = try await app.createTicket(org.agent.token, subject: "补录来电", extra: ["receivedAt": earlier])
            #expect(ok.status == .created)
            #expect(ok.string("receivedAt")?.prefix(16) == earlier.prefix(16))
            let future = try await app.createTicket(org.agent.token, subject: "未来", extra: ["receivedAt": Date().addingTimeInterval(3600).formatted(.iso8601)])
            #expect(future.status == .unprocessableContent)
            let old = try await app.createTicket(org.agent.token, subject: "太久", extra: ["receivedAt": Date().addingTimeInterval(-31 * 86400).formatted(.iso8601)])
            #expect(old.status == .unprocessableContent)
            let garbage = try await app.createTicket(org.agent.token, subject: "乱", extra: ["receivedAt": "yesterday"])
            #expect((garbage["error"] as? [String: Any])?["field"] as? String == "receivedAt")
        }
    }

    @Test func fieldValidation() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            #expect(try await app.createTicket(org.agent.token, subject: "   ").status == .unprocessableContent)
            #expect(try await app.createTicket(org.agent.token, subject: String(repeating: "长", count: 201)).status == .unprocessableContent)
            #expect(try await app.createTicket(org.agent.token, subject: "x", description: String(repeating: "a", count: 10_001)).status == .unprocessableContent)
            let badType = try await app.createTicket(org.agent.token, subject: "x", extra: ["type": "rant"])
            #expect(badType.status == .unprocessableContent)
            #expect(badType.errorMessage?.contains("inquiry") == true)
            #expect(try await app.createTicket(org.agent.token, subject: "x", extra: ["customer": ["email": "not-an-email"]]).status == .unprocessableContent)
            #expect(try await app.call(.post, "/api/v1/tickets", token: org.agent.token, raw: "").status == .badRequest)
            #expect(try await app.call(.post, "/api/v1/tickets", token: org.agent.token, raw: "[1,2").status == .badRequest)
            let huge = String(repeating: "x", count: 2 * 1024 * 1024)
            #expect(try await app.call(.post, "/api/v1/tickets", token: org.agent.token, raw: "{\"subject\":\"\(huge)\"}").status == .contentTooLarge)
            // Nothing half-written: no ticket exists after all those refusals.
            #expect(try await app.call(.get, "/api/v1/tickets?view=all", token: org.admin)["total"] as? Int == 0)
        }
    }

    @Test func ownerChangesOnlyBySupervisorWithReason() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let id = try await app.createTicket(org.agent.token, subject: "发电机异响").string("id")!
            let viaPatch = try await app.call(.patch, "/api/v1/tickets/\(id)", token: org.supervisor.token, json: ["ownerId": org.colleague.id])
            #expect(viaPatch.status == .unprocessableContent)
            #expect(viaPatch.errorCode == "owner_change_is_explicit")
            let byAgent = try await app.call(.post, "/api/v1/tickets/\(id)/owner", token: org.colleague.token, json: ["ownerId": org.colleague.id, "reason": "我来"])
            #expect(byAgent.status == .forbidden)
            let noReason = try await app.call(.post, "/api/v1/tickets/\(id)/owner", token: org.supervisor.token, json: ["ownerId": org.colleague.id])
            #expect(noReason.status == .unprocessableContent)
            let ok = try await app.call(.post, "/api/v1/tickets/\(id)/owner", token: org.supervisor.token, json: ["ownerId": org.colleague.id, "reason": "张三休假"])
            #expect(ok.status == .ok)
            #expect(ok.string("ownerId") == org.colleague.id)
            let events = try await app.call(.get, "/api/v1/tickets/\(id)/events", token: org.supervisor.token)
            let change = events.items.first { $0["kind"] as? String == "owner_changed" }
            #expect((change?["data"] as? [String: Any])?["reason"] as? String == "张三休假")
            #expect(change?["actorId"] as? String == org.supervisor.id)
        }
    }

    @Test func forwardingRecordsRecipientAndTime() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let id = try await app.createTicket(org.agent.token, subject: "质量问题需品管部分析").string("id")!
            let fwd = try await app.call(.post, "/api/v1/tickets/\(id)/forward", token: org.agent.token,
                                         json: ["toOrgUnitId": org.qa, "toUserId": org.qaUser.id, "note": "请分析原因"])
            #expect(fwd.status == .ok)
            #expect(fwd.string("teamId") == org.qa)
            #expect(fwd.string("assigneeId") == org.qaUser.id)
            #expect(fwd.string("ownerId") == org.agent.id)
            // The QA colleague now sees and works the ticket; the owner stays accountable.
            let seen = try await app.call(.get, "/api/v1/tickets/\(id)", token: org.qaUser.token)
            #expect(seen.status == .ok)
            let note = try await app.call(.post, "/api/v1/tickets/\(id)/comments", token: org.qaUser.token, json: ["body": "原因：密封圈老化", "visibility": "internal"])
            #expect(note.status == .created)
            let events = try await app.call(.get, "/api/v1/tickets/\(id)/events", token: org.agent.token)
            let forwarded = events.items.first { $0["kind"] as? String == "forwarded" }
            let data = forwarded?["data"] as? [String: Any]
            #expect(data?["teamName"] as? String == "品管部")
            #expect(data?["assigneeId"] as? String == org.qaUser.id)
            #expect(forwarded?["at"] is String)
            let mine = try await app.call(.get, "/api/v1/tickets?view=mine", token: org.qaUser.token)
            #expect(mine.items.map { $0["id"] as? String } == [id])
            let badUnit = try await app.call(.post, "/api/v1/tickets/\(id)/forward", token: org.agent.token, json: ["toOrgUnitId": "nope"])
            #expect(badUnit.status == .unprocessableContent)
        }
    }

    @Test func escalationIsRecordedAndLateOnesFlagged() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            // Around the clock, so that "1 hour after receipt" does not depend on the hour the test runs.
            try await app.roundTheClockEmailPolicy(org.admin, escalateAfter: 60)
            let id = try await app.emailTicket(org.agent.token, subject: "超出权限的赔偿要求", minutesAgo: 120)["id"] as! String
            let esc = try await app.call(.post, "/api/v1/tickets/\(id)/escalate", token: org.agent.token, json: ["reason": "需主管决定赔偿"])
            #expect(esc.status == .ok)
            #expect(esc["escalationLevel"] as? Int == 1)
            let events = try await app.call(.get, "/api/v1/tickets/\(id)/events", token: org.agent.token)
            let e = events.items.first { $0["kind"] as? String == "escalated" }
            #expect((e?["data"] as? [String: Any])?["late"] as? String == "true")
            #expect(try await app.call(.post, "/api/v1/tickets/\(id)/escalate", token: org.agent.token, json: [:]).status == .unprocessableContent)
        }
    }
}
