import Foundation
import Testing

/// A centre with more than a hundred staff: the ticket page still offers every one of them to forward or assign to
/// (the choices used to stop at the hundredth username).
@Suite("Ticket page: every staff member can be chosen")
struct ForwardChoicesTests {
    @Test func theHundredAndFirstColleagueIsOffered() async throws {
        try await TestApp.run { app in
            let admin = try await app.adminToken()
            let root = try await app.rootUnitId(admin)
            for i in 0..<100 {
                let r = try await app.call(.post, "/api/v1/users", token: admin, json: [
                    "username": String(format: "aa%03d", i), "password": "password-aa-\(i)-x", "displayName": "坐席\(i)",
                    "orgUnitId": root, "roles": ["cs_agent"], "locale": "zh-CN"])
                #expect(r.status == .created, "\(r.text)")
            }
            let engineer = try await app.call(.post, "/api/v1/users", token: admin, json: [
                "username": "zz-engineer", "password": "password-zz-engineer", "displayName": "最后的工程师",
                "orgUnitId": root, "roles": ["engineer"], "locale": "zh-CN"])
            let engineerId = try #require(engineer.string("id"))
            let ticket = try await app.createTicket(admin, subject: "转交给第一百零一位")
            let browser = PageSession(app)
            #expect(try await browser.signIn("admin", TestApp.adminPassword).status == .seeOther)
            let page = try await browser.get("/tickets/\(try #require(ticket.string("id")))")
            #expect(page.text.contains("<option value=\"\(engineerId)\""), "the 101st colleague is missing from the choices")
        }
    }
}
