import Foundation
import Testing

/// #15 leftovers (SHF-05): the superior rejects a leave request with a reason; the requester is told in the bell; the
/// same people who may approve may reject, nobody else; a reason is required; a decided request is not decided again.
@Suite("Leave reject (#15 leftovers)")
struct LeaveRejectTests {
    @Test func theSuperiorRejectsWithAReasonAndTheRequesterIsTold() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let ids = try await f.plan(app, "2026-11", [(10, f.ann.id, f.early), (12, f.ann.id, f.early)])
            let asked = try await app.call(.post, "/api/v1/leave-requests", token: f.ann.token, json: ["shiftId": ids["10/\(f.ann.id)/\(f.early)"]!, "reason": "看病"])
            #expect(asked.status == .created, "\(asked.text)")
            let id = asked.string("id")!, number = asked.string("number")!
            let queue = try await app.call(.get, "/api/v1/leave-requests?view=approval", token: f.supervisor.token)
            #expect(queue.items.first?["actions"] as? [String] == ["approve", "reject"])
            // Denials: the requester, a colleague, a manager of another unit.
            for token in [f.ann.token, f.bo.token, f.outsider.token] {
                let r = try await app.call(.post, "/api/v1/leave-requests/\(id)/reject", token: token, json: ["reason": "人手不足"])
                #expect(r.status == .forbidden, "\(r.text)")
            }
            // The reason is required.
            let bare = try await app.call(.post, "/api/v1/leave-requests/\(id)/reject", token: f.supervisor.token, json: ["reason": "  "])
            #expect(bare.status == .unprocessableContent && bare.text.contains("reason"), "\(bare.text)")
            #expect(try await app.bell(f.ann.token).isEmpty)
            let rejected = try await app.call(.post, "/api/v1/leave-requests/\(id)/reject", token: f.supervisor.token, json: ["reason": "当天人手不足"])
            #expect(rejected.status == .ok && rejected.string("status") == "rejected" && rejected.string("decisionNote") == "当天人手不足", "\(rejected.text)")
            #expect(rejected.json["actions"] as? [String] == [])
            let bell = try await app.bell(f.ann.token)
            #expect(bell.map(\.kind) == ["leave_rejected"])
            #expect(bell.first?.title.contains(number) == true)
            #expect(try await app.bell(f.bo.token).isEmpty)
            // Decided: neither approved nor rejected again; the shift is not on leave; the requester sees the reason.
            #expect(try await app.call(.post, "/api/v1/leave-requests/\(id)/approve", token: f.manager.token, json: [String: Any]()).status == .conflict)
            #expect(try await app.call(.post, "/api/v1/leave-requests/\(id)/reject", token: f.manager.token, json: ["reason": "再驳"]).status == .conflict)
            let mine = try await app.call(.get, "/api/v1/leave-requests", token: f.ann.token)
            #expect(mine.items.first?["decisionNote"] as? String == "当天人手不足")
            let roster = try await app.call(.get, "/api/v1/rosters/\(f.cs)/2026-11", token: f.ann.token)
            let entries = (roster.json["days"] as? [[String: Any]] ?? []).flatMap { $0["entries"] as? [[String: Any]] ?? [] }
            #expect(entries.first { $0["id"] as? String == ids["10/\(f.ann.id)/\(f.early)"] }?["onLeave"] as? Bool == false)
            // A rejected request frees the shift: leave may be asked again.
            let again = try await app.call(.post, "/api/v1/leave-requests", token: f.ann.token, json: ["shiftId": ids["10/\(f.ann.id)/\(f.early)"]!, "reason": "复诊"])
            #expect(again.status == .created, "\(again.text)")
        }
    }

    @Test func theApprovalsPageRejectsAndARefusalKeepsTheMessage() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let ids = try await f.plan(app, "2026-11", [(10, f.ann.id, f.early)])
            let asked = try await app.call(.post, "/api/v1/leave-requests", token: f.ann.token, json: ["shiftId": ids["10/\(f.ann.id)/\(f.early)"]!, "reason": "看病"])
            let id = asked.string("id")!
            let supervisor = PageSession(app)
            _ = try await supervisor.signIn("pplsup", "password-pplsup")
            let page = try await supervisor.get("/people/approvals")
            #expect(page.text.contains("action=\"/people/leave/\(id)/reject\""))
            let csrf = PageSession.csrf(in: page.text) ?? ""
            // No reason: back to the page with the message under the reason field of that row.
            let bare = try await supervisor.post("/people/leave/\(id)/reject", form: ["reason": "", "_csrf": csrf], from: "/people/approvals")
            #expect(bare.status == .seeOther, "\(bare.status)")
            let again = try await supervisor.get("/people/approvals")
            #expect(again.text.contains("id=\"leave-reject-\(id)-error\""), "\(again.text.prefix(200))")
            #expect(try await app.call(.get, "/api/v1/leave-requests", token: f.ann.token).items.first?["status"] as? String == "requested")
            let done = try await supervisor.post("/people/leave/\(id)/reject", form: ["reason": "人手不足", "_csrf": csrf], from: "/people/approvals")
            #expect(done.status == .seeOther)
            let mine = try await app.call(.get, "/api/v1/leave-requests", token: f.ann.token).items.first
            #expect(mine?["status"] as? String == "rejected" && mine?["decisionNote"] as? String == "人手不足")
            // The agent has no reject form on its own list.
            let agent = PageSession(app)
            _ = try await agent.signIn("pplann", "password-pplann")
            #expect(!(try await agent.get("/people/my-shifts")).text.contains("/reject\""))
        }
    }
}
