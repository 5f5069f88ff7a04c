import Foundation
import Testing

/// #12.5, ISS-05: the refusals page — a keeper logs one through the form (a missing reason is refused on its field with
/// what was typed kept), sees its own site's list; another site's keeper neither sees it nor may log one for A1G.
@Suite("Refusals page (#12.5, ISS-05)")
struct IssueRefusalPageTests {
    @Test func aKeeperLogsARefusalOnThePageAndOnlyItsScopeSeesIt() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let s = PageSession(app)
            _ = try await s.signIn("keepa1", "password-keepa1")
            let open = try await s.get("/materials/issue-refusals")
            #expect(open.status == .ok)
            #expect(open.text.contains("id=\"refusal-form\"") && open.text.contains("value=\"\(f.A1G)\""))
            #expect(open.text.contains("id=\"empty-state\""))
            let token = PageSession.csrf(in: open.text) ?? ""
            var form = ["_csrf": token, "warehouseId": f.A1G, "requestedBy": "外包施工队王师傅", "purpose": "自家农机维修", "reason": " "]
            let refused = try await s.post("/materials/issue-refusals", form: form, from: "/materials/issue-refusals")
            #expect(refused.status == .seeOther)
            let again = try await s.get("/materials/issue-refusals")
            #expect(again.text.contains("ISS-05") && again.text.contains("value=\"外包施工队王师傅\""), "\(again.text)")
            #expect(!again.text.contains("class=\"refusal-row\""))

            form["reason"] = "非现场正常工作用料"
            let saved = try await s.post("/materials/issue-refusals", form: form, from: "/materials/issue-refusals")
            #expect(saved.status == .seeOther)
            let list = try await s.get("/materials/issue-refusals")
            #expect(list.text.contains("class=\"refusal-row\"") && list.text.contains("非现场正常工作用料"))

            let other = PageSession(app)
            _ = try await other.signIn("keepa2", "password-keepa2")
            let theirs = try await other.get("/materials/issue-refusals")
            #expect(theirs.status == .ok)
            #expect(!theirs.text.contains("非现场正常工作用料"))
            #expect(!theirs.text.contains("value=\"\(f.A1G)\""))
            var forged = form; forged["_csrf"] = PageSession.csrf(in: theirs.text) ?? ""
            #expect(try await other.post("/materials/issue-refusals", form: forged, from: "/materials/issue-refusals").status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/issue-refusals", token: f.accA).items.count == 1)
        }
    }
}
