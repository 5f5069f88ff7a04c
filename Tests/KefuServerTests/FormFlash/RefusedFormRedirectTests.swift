import Foundation
import Hummingbird
import KefuPlatform
import Testing

/// #11.2: POST-redirect-GET, refusals included: a refused page form answers 303 to the page it was on, and that page
/// shows the reason (in the user's language, tied to its field) and what was typed, once.
@Suite("Refused page forms come back through a redirect (#11.2)")
struct RefusedFormRedirectTests {
    @Test func aRefusedFormRedirectsToItsPageAndComesBackFilledOnce() async throws {
        try await TestApp.run { app in
            let session = PageSession(app)
            _ = try await session.signIn("admin", TestApp.adminPassword)
            let page = try await session.get("/admin/users/new")
            let csrf = try #require(PageSession.csrf(in: page.text))
            let refused = try await session.post("/admin/users", form: ["_csrf": csrf, "username": "x", "displayName": "王小明", "password": "Summer-2026!",
                                                                        "role_cs_agent": "1", "locale": "zh-CN"], from: "/admin/users/new")
            #expect(refused.status == .seeOther)
            #expect(refused.headers[.location] == "/admin/users/new")
            #expect(session.cookies[FormFlashes.cookieName] != nil)

            let back = try await session.get("/admin/users/new")
            #expect(back.status == .ok)
            // The reason, in Chinese, under the username field; what was typed is there; the password is not.
            #expect(back.text.contains("id=\"user-username-error\""))
            #expect(back.text.contains("用户名 2–40 位"))
            #expect(!back.text.contains("username:"))
            #expect(back.text.contains("value=\"王小明\""))
            #expect(back.text.contains("data-field=\"username\""))
            #expect(!back.text.contains("Summer-2026!"))
            // Shown once: a reload shows the empty form, and nothing was created or posted again.
            let again = try await session.get("/admin/users/new")
            #expect(!again.text.contains("王小明"))
            #expect(!again.text.contains("form-flash"))
            #expect(session.cookies[FormFlashes.cookieName] == nil)
        }
    }

    @Test func theMessageIsInTheUsersLanguage() async throws {
        try await TestApp.run { app in
            let session = PageSession(app)
            _ = try await session.signIn("admin", TestApp.adminPassword)
            let page = try await session.get("/admin/units")
            let csrf = try #require(PageSession.csrf(in: page.text))
            let refused = try await session.post("/admin/units", form: ["_csrf": csrf, "code": "", "name": "北区", "kind": "department"], from: "/admin/units")
            #expect(refused.status == .seeOther)
            let back = try await session.get("/admin/units")
            #expect(back.text.contains("编码必填"))
            #expect(back.text.contains("data-action=\"/admin/units\""))
            #expect(back.text.contains("北区"))
        }
    }

    @Test func aSuccessNamesWhatHappened() async throws {
        try await TestApp.run { app in
            let session = PageSession(app)
            _ = try await session.signIn("admin", TestApp.adminPassword)
            let page = try await session.get("/admin/units")
            let csrf = try #require(PageSession.csrf(in: page.text))
            let root = try #require(page.text.range(of: "name=\"parentId\"").map { _ in () })
            _ = root
            let parent = try #require(Self.firstOption(page.text, select: "unit-parent"))
            let created = try await session.post("/admin/units", form: ["_csrf": csrf, "code": "N-01", "name": "北区", "kind": "department", "parentId": parent],
                                                 from: "/admin/units")
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            #expect(try await session.get(location).text.contains("已创建组织 N-01"))
        }
    }

    static func firstOption(_ html: String, select id: String) -> String? {
        guard let s = html.range(of: "id=\"\(id)\""), let o = html[s.upperBound...].range(of: "<option value=\"") else { return nil }
        return String(html[o.upperBound...].prefix { $0 != "\"" })
    }
}
