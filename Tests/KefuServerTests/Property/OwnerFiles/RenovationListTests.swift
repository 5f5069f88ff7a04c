import Foundation
import Hummingbird
import Testing

/// #14 PRP-06 the renovations across the estates: the approver's queue of applications by default, the ones under
/// way and the closed ones, narrowed by room or occupant, only in the viewer's scope, and the page that lists them.
@Suite("Property renovations across the estates (#14 PRP-06)")
struct RenovationListTests {
    @Test func theQueueListsApplicationsInScopeLongestWaitingFirst() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let manager = try await app.createUser(w.f.admin, "pmzhou", roles: ["cs_manager"], unitId: w.f.cs)
            let units = try await OwnerFileTests.unitIds(app, w)
            func renovation(_ room: String, _ summary: String, on day: String) async throws -> String {
                let r = try await app.call(.post, "/api/v1/property/units/\(units[room] ?? "")/file-entries", token: w.admin.token,
                                           json: ["kind": "renovation", "summary": summary, "entryOn": day])
                #expect(r.status == .created, "\(r.text)")
                return try #require(r.string("id"))
            }
            let kitchen = try await renovation("101", "厨房改造", on: "2026-11-20")
            let shopfront = try await renovation("102", "门头更换", on: "2026-11-10")
            let balcony = try await renovation("103", "阳台封闭", on: "2026-11-15")
            let bath = try await renovation("101", "卫生间防水", on: "2026-11-25")
            #expect(try await app.call(.post, "/api/v1/property/file-entries/\(shopfront)/approve", token: manager.token, json: [:]).status == .ok)
            #expect(try await app.call(.post, "/api/v1/property/file-entries/\(balcony)/reject", token: manager.token, json: ["note": "影响外立面"]).status == .ok)

            func ids(_ query: String, _ token: String) async throws -> [String] {
                let r = try await app.call(.get, "/api/v1/property/renovations" + query, token: token)
                #expect(r.status == .ok, "\(r.text)")
                return r.items.compactMap { $0["id"] as? String }
            }
            #expect(try await ids("", manager.token) == [kitchen, bath], "applications only, the oldest first")
            #expect(try await ids("?stage=underway", w.admin.token) == [shopfront])
            #expect(try await ids("?stage=closed", w.admin.token) == [balcony])
            #expect(try await ids("?stage=all", w.f.supervisor.token) == [shopfront, balcony, kitchen, bath], "a supervisor reads")
            #expect(try await ids("?stage=all&q=" + "1栋-102".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, w.admin.token) == [shopfront])
            #expect(try await ids("?stage=all&q=" + "王".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, w.admin.token) == [kitchen, bath])
            #expect(try await ids("?stage=all&estateId=\(w.estate)&per=1&page=2", w.admin.token) == [balcony])

            let first = try await app.call(.get, "/api/v1/property/renovations", token: w.admin.token)
            let item = try #require(first.items.first)
            #expect(item["estateName"] as? String == "翠湖花园" && item["room"] as? String == "101" && item["status"] as? String == "applied"
                    && item["appliedOn"] as? String == "2026-11-20" && (item["waitingDays"] as? Int ?? -1) >= 0 && first["total"] as? Int == 2, "\(first.text)")
            let approvedRow = try await app.call(.get, "/api/v1/property/renovations?stage=underway", token: w.admin.token)
            #expect(approvedRow.items.first?["lastStepOn"] as? String != nil, "\(approvedRow.text)")

            // Scope and role: the other unit's property admin sees none; an agent may not list; a bad stage is named.
            #expect(try await ids("?stage=all", w.outsider.token).isEmpty)
            #expect(try await app.call(.get, "/api/v1/property/renovations", token: w.f.agent.token).status == .forbidden)
            let bad = try await app.call(.get, "/api/v1/property/renovations?stage=soon", token: w.admin.token)
            #expect((bad.status == .unprocessableContent || bad.status == .badRequest) && bad.text.contains("stage"), "\(bad.text)")
            #expect(try await app.call(.get, "/api/v1/property/renovations").status == .unauthorized)
        }
    }

    @Test func thePageListsTheQueueAndLeadsToTheOwnerFile() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let u101 = try #require(try await OwnerFileTests.unitIds(app, w)["101"])
            let reno = try await app.call(.post, "/api/v1/property/units/\(u101)/file-entries", token: w.admin.token, json: ["kind": "renovation", "summary": "厨房改造"])
            let id = try #require(reno.string("id"))
            let s = PageSession(app)
            _ = try await s.signIn("sunli", "password-sunli")
            let page = try await s.get("/property/renovations")
            #expect(page.status == .ok && page.text.contains("id=\"prp-renovations\"") && page.text.contains("厨房改造"), "\(page.status)")
            #expect(page.text.contains("href=\"/property/units/\(u101)#prp-entry-\(id)\""), "the row leads to the step buttons")
            #expect(page.text.contains("href=\"/property/renovations\""), "the menu has the queue")
            let closed = try await s.get("/property/renovations?stage=closed")
            #expect(closed.status == .ok && closed.text.contains("id=\"empty-state\"") && !closed.text.contains("厨房改造"))
            let outsider = PageSession(app)
            _ = try await outsider.signIn("qaprop", "password-qaprop")
            let none = try await outsider.get("/property/renovations")
            #expect(none.status == .ok && none.text.contains("没有待审批的装修申请") && !none.text.contains("厨房改造"))
        }
    }
}
