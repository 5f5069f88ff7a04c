import Foundation
import Hummingbird
import Testing

/// #14.3 the scenic pages: each renders for the visitor-service staff, a form refusal comes back with the reason and
/// what was typed (a free entry at 69), a role without the services is refused, the day's register exports as CSV.
@Suite("Scenic visitor services pages (#14.3)")
struct ScenicPagesTests {
    @Test func pagesRenderRefuseKeepTypingAndExport() async throws {
        try await TestApp.run { app in
            let a = try await ScenicServicesTests.actors(app)
            let s = PageSession(app)
            #expect(try await s.signIn("zhaoyun", "password-zhaoyun").status == .seeOther)
            for path in ["/scenic", "/scenic/free-entries", "/scenic/lost", "/scenic/items", "/scenic/plans", "/scenic/plans/new"] {
                let r = try await s.get(path)
                #expect(r.status == .ok, "\(path): \(r.status)")
            }
            let page = try await s.get("/scenic/free-entries")
            let csrf = PageSession.csrf(in: page.text) ?? ""
            let almost = ScenicServicesTests.residentId(ScenicServicesTests.day(-70, plusDays: 1))
            let refused = try await s.post("/scenic/free-entries", form: ["_csrf": csrf, "visitorName": "张阿姨", "idKind": "resident_id", "idNumber": almost, "gate": "东门"],
                                           from: "/scenic/free-entries")
            #expect(refused.status == .seeOther, "\(refused.status)")
            let back = try await s.get("/scenic/free-entries")
            #expect(back.text.contains("未满 70 周岁") && back.text.contains("张阿姨"), "the reason and what was typed")
            let seventy = ScenicServicesTests.residentId(ScenicServicesTests.day(-75))
            let ok = try await s.post("/scenic/free-entries", form: ["_csrf": csrf, "visitorName": "李大爷", "idKind": "resident_id", "idNumber": seventy, "gate": "东门"],
                                      from: "/scenic/free-entries")
            #expect(ok.status == .seeOther)
            let csv = try await s.get("/scenic/free-entries/export?format=csv")
            #expect(csv.status == .ok && csv.text.contains("李大爷") && csv.text.contains("110105********"), "\(csv.text.prefix(300))")
            #expect(!csv.text.contains(seventy))

            _ = a
            let agent = PageSession(app)
            #expect(try await agent.signIn("agent1", "password-agent1").status == .seeOther)
            #expect(try await agent.get("/scenic/lost").status == .forbidden)
        }
    }
}
