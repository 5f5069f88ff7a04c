import Foundation
import Testing

@Suite("Agent console pages")
struct PageTests {
    @Test func signInLogATicketAndSeeItEscaped() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let s = PageSession(app)
            let login = try await s.get("/login")
            #expect(login.text.contains("lang=\"zh-CN\""))
            #expect(login.text.contains("登录"))
            let signedIn = try await s.signIn("agent", "password-agent")
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/")  // #11.5: the home page
            #expect(signedIn.headers[values: .setCookie].contains { $0.contains("kefu_session") && $0.contains("HttpOnly") && $0.contains("SameSite=Lax") })
            let queue = try await s.get("/tickets")
            #expect(queue.status == .ok)
            #expect(queue.text.contains("我的工单"))
            let newForm = try await s.get("/tickets/new")
            let csrf = PageSession.csrf(in: newForm.text)!
            let created = try await s.post("/tickets", form: [
                "_csrf": csrf, "customer_phone": "13800001111", "customer_name": "刘经理", "channel": "phone", "type": "repair",
                "priority": "high", "subject": "<script>alert(1)</script>风机报警", "description": "测试",
            ])
            #expect(created.status == .seeOther)
            let location = created.headers[.location]!
            let page = try await s.get(location)
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;风机报警"))
            #expect(!page.text.contains("<script>alert(1)</script>"))
            let escalated = try await s.post("/tickets/\(String(location.dropFirst("/tickets/".count).prefix { $0 != "?" }))/escalate",
                                             form: ["_csrf": PageSession.csrf(in: page.text)!, "reason": "超出权限"])
            #expect(escalated.headers[.location]?.hasSuffix("notice=escalated") == true)
            #expect(try await s.get(escalated.headers[.location]!).text.contains("已升级"))
            let id = String(location.dropFirst("/tickets/".count).prefix { $0 != "?" })
            let api = try await app.call(.get, "/api/v1/tickets/\(id)", token: org.agent.token)
            #expect(api.string("ownerId") == org.agent.id)
            #expect(api.string("priority") == "high")
        }
    }

    @Test func formsWithoutTheCsrfTokenAreRefused() async throws {
        try await TestApp.run { app in
            _ = try await OrgFixture.make(app)
            let s = PageSession(app)
            _ = try await s.signIn("agent", "password-agent")
            let forged = try await s.post("/tickets", form: ["subject": "伪造"])
            #expect(forged.status == .forbidden)
            #expect(forged.text.contains("表单已过期"))
            let badLogin = try await PageSession(app).post("/login", form: ["username": "agent", "password": "password-agent"])
            #expect(badLogin.status == .forbidden)
            // A change through the API needs a bearer token: the session cookie alone does not do it.
            let viaCookie = try await app.call(.post, "/api/v1/tickets", json: ["subject": "cookie"], headers: [.cookie: s.cookieHeader])
            #expect(viaCookie.status == .unauthorized)
        }
    }

    @Test func wrongPasswordShowsAReadableMessageAndPagesNeedSignIn() async throws {
        try await TestApp.run { app in
            let s = PageSession(app)
            // #11.2 POST-redirect-GET: the refusal redirects to the sign-in page, which says why and keeps the username.
            let refused = try await s.signIn("admin", "nope")
            #expect(refused.status == .seeOther)
            #expect(refused.headers[.location] == "/login")
            let bad = try await s.get("/login")
            #expect(bad.text.contains("flash-error"))
            #expect(bad.text.contains("用户名或密码错误"))
            #expect(bad.text.contains("value=\"admin\""))
            #expect(!bad.text.contains("nope"))
            #expect(!(try await s.get("/login")).text.contains("用户名或密码错误"))
            let anonymous = try await PageSession(app).get("/tickets")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location]?.hasPrefix("/login") == true)
        }
    }

    @Test func englishSwitchAndAdminPagesAreForAdminsOnly() async throws {
        try await TestApp.run { app in
            _ = try await OrgFixture.make(app)
            let s = PageSession(app)
            _ = try await s.signIn("agent", "password-agent")
            let admin = try await s.get("/admin/users")
            #expect(admin.status == .forbidden)
            #expect(admin.text.contains("只有系统管理员"))
            let queue = try await s.get("/tickets")
            let switched = try await s.post("/account/locale", form: ["_csrf": PageSession.csrf(in: queue.text)!, "locale": "en"])
            #expect(switched.status == .seeOther)
            let english = try await s.get("/tickets")
            #expect(english.text.contains("My queue"))
            #expect(english.text.contains("lang=\"en\""))

            let a = PageSession(app)
            _ = try await a.signIn("admin", TestApp.adminPassword)
            let users = try await a.get("/admin/users")
            #expect(users.status == .ok)
            #expect(users.text.contains("agent"))
            let units = try await a.get("/admin/units")
            #expect(units.text.contains("客服部"))
            let form = try await a.get("/admin/users/new")
            let created = try await a.post("/admin/users", form: [
                "_csrf": PageSession.csrf(in: form.text)!, "username": "pageuser", "displayName": "页面用户", "password": "password-1",
                "orgUnitId": try await app.rootUnitId(try await app.adminToken()), "locale": "zh-CN", "role_cs_agent": "1",
            ])
            #expect(created.status == .seeOther)
            #expect(try await app.token("pageuser", "password-1").isEmpty == false)
        }
    }

    @Test func aCustomerFilesAndFollowsARequestOnTheWeb() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let customer = try await app.call(.post, "/api/v1/customers", token: org.agent.token, json: ["name": "周女士", "phone": "13700001111"])
            _ = try await app.createUser(org.admin, "zhou", roles: ["customer"], unitId: org.cs, customerId: customer.string("id"))
            let s = PageSession(app)
            _ = try await s.signIn("zhou", "password-zhou")
            let form = try await s.get("/tickets/new")
            #expect(form.status == .ok)
            #expect(form.text.contains("提交问题"))
            #expect(!form.text.contains("customer-phone"))
            let created = try await s.post("/tickets", form: ["_csrf": PageSession.csrf(in: form.text)!, "type": "repair",
                                                               "subject": "家里空调不制冷", "description": "昨天开始"])
            #expect(created.status == .seeOther)
            let page = try await s.get(created.headers[.location]!)
            #expect(page.text.contains("家里空调不制冷"))
            #expect(!page.text.contains("status-form"))   // customers do not change status
            let queue = try await app.call(.get, "/api/v1/tickets?view=team", token: org.agent.token)
            let ticket = queue.items.first { $0["subject"] as? String == "家里空调不制冷" }
            #expect(ticket?["channel"] as? String == "web")
            #expect(ticket?["ownerId"] is NSNull)
        }
    }
}
