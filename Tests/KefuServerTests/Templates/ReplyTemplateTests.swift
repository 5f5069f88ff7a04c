import Foundation
import KefuDomain
import Testing

/// #16 item 5 (CH-03, CH-04): the phrase library — company-wide defaults, a unit's own templates written by its CS
/// supervisor, scope, validation in the user's language, switching off with an audit trail, and the templates filled
/// in for a ticket on the API and the ticket page.
@Suite("Reply templates (#16 item 5)", .serialized)
struct ReplyTemplateTests {
    static func titles(_ app: TestApp, _ token: String, _ query: String = "") async throws -> [String] {
        let r = try await app.call(.get, "/api/v1/reply-templates?per=100" + query, token: token)
        #expect(r.status == .ok, "\(r.text)")
        return r.items.compactMap { $0["title"] as? String }
    }

    @Test func aSupervisorWritesTheUnitsTemplatesAndOnlyItsPeopleGetThem() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            // The company-wide defaults: both languages, the CH-04 telephone greeting and (#16 item 2) the mail acknowledgement among them.
            let zh = try await Self.titles(app, org.agent.token, "&locale=zh-CN")
            #expect(zh.contains("电话问候") && zh.contains("已收到") && zh.contains("邮件受理回执") && zh.count == 8, "\(zh)")

            let made = try await app.call(.post, "/api/v1/reply-templates", token: org.supervisor.token, json: [
                "kind": "phrase", "category": "维修", "title": "上门时间", "code": "Visit", "locale": "zh-CN",
                "body": "{客户}您好，工程师将于{dueAt}前上门，工单号{ticketNumber}。"])
            #expect(made.status == .created, "\(made.text)")
            #expect(made.string("orgUnitId") == org.cs)
            #expect(made.string("code") == "visit")
            #expect(made["mayEdit"] as? Bool == true)
            let id = try #require(made.string("id"))

            #expect(try await Self.titles(app, org.agent.token).contains("上门时间"))
            #expect(try await Self.titles(app, org.agent.token, "&q=%E4%B8%8A%E9%97%A8").count == 1)
            // Another unit's people do not get 客服部's template, nor may they change it.
            #expect(try await !Self.titles(app, org.qaUser.token).contains("上门时间"))
            #expect(try await app.call(.put, "/api/v1/reply-templates/\(id)", token: org.qaUser.token, json: ["title": "x", "body": "y"]).status == .forbidden)

            // Agents read but do not write; a supervisor writes for the unit and below, never company-wide or a sibling.
            let byAgent = try await app.call(.post, "/api/v1/reply-templates", token: org.agent.token, json: ["title": "t", "body": "b"])
            #expect(byAgent.status == .forbidden)
            #expect(try await app.call(.put, "/api/v1/reply-templates/\(id)", token: org.agent.token, json: ["title": "t", "body": "b"]).status == .forbidden)
            let companyWide = try await app.call(.post, "/api/v1/reply-templates", token: org.supervisor.token, json: ["orgUnitId": "", "title": "t", "body": "b"])
            #expect(companyWide.status == .forbidden)
            #expect(((companyWide["error"] as? [String: Any])?["message"] as? String)?.contains("总部") == true, "\(companyWide.text)")
            #expect(try await app.call(.post, "/api/v1/reply-templates", token: org.supervisor.token,
                                       json: ["orgUnitId": org.qa, "title": "t", "body": "b"]).status == .forbidden)
            // The head office's administrator writes company-wide ones, which everyone gets.
            let admins = try await app.call(.post, "/api/v1/reply-templates", token: org.admin, json: ["orgUnitId": "", "title": "节日问候", "kind": "greeting", "body": "节日快乐"])
            #expect(admins.status == .created, "\(admins.text)")
            #expect(admins["orgUnitId"] is NSNull)
            #expect(try await Self.titles(app, org.qaUser.token).contains("节日问候"))

            // Switched off: gone for the agents, kept (and marked) for the supervisor, audited with the old wording.
            let off = try await app.call(.put, "/api/v1/reply-templates/\(id)", token: org.supervisor.token, json: [
                "kind": "phrase", "category": "维修", "title": "上门时间", "code": "visit", "locale": "zh-CN", "body": "工程师将按约上门。", "active": false])
            #expect(off.status == .ok, "\(off.text)")
            #expect(off["active"] as? Bool == false)
            #expect(try await !Self.titles(app, org.agent.token).contains("上门时间"))
            #expect(try await !Self.titles(app, org.supervisor.token).contains("上门时间"))
            #expect(try await Self.titles(app, org.supervisor.token, "&includeInactive=true").contains("上门时间"))
            let audit = try await app.call(.get, "/api/v1/audit-log?entity=reply_template&entityId=\(id)", token: org.admin)
            let actions = audit.items.compactMap { $0["action"] as? String }
            #expect(actions.contains("reply_template.create") && actions.contains("reply_template.update"), "\(audit.text)")
            #expect(audit.text.contains("{客户}您好"), "the old wording is kept in the audit trail")
        }
    }

    @Test func refusalsNameTheFieldInTheUsersLanguageAndWriteNothing() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let before = try await app.count("SELECT COUNT(*) AS n FROM reply_templates")
            let cases: [([String: Any], String, String)] = [
                (["title": "t", "body": "您好{客户名}"], "body", "客户名"),
                (["body": "内容"], "title", "标题"),
                (["title": "t", "body": "b", "code": "你好"], "code", "快捷码"),
                (["title": "t", "body": "b", "kind": "joke"], "kind", "类型"),
                (["title": "t", "body": "b", "channel": "fax"], "channel", "渠道"),
                (["title": "t", "body": String(repeating: "字", count: 2_001)], "body", "2000"),
            ]
            for (body, field, says) in cases {
                let r = try await app.call(.post, "/api/v1/reply-templates", token: org.supervisor.token, json: body)
                #expect(r.status == .unprocessableContent, "\(body): \(r.text)")
                let error = r["error"] as? [String: Any]
                #expect(r.errorCode == "validation_failed")
                #expect(error?["field"] as? String == field, "\(r.text)")
                #expect((error?["message"] as? String)?.contains(says) == true, "\(r.text)")
            }
            #expect(try await app.count("SELECT COUNT(*) AS n FROM reply_templates") == before)
            #expect(try await app.call(.get, "/api/v1/reply-templates?kind=joke", token: org.agent.token).status == .unprocessableContent)
            #expect(try await app.call(.get, "/api/v1/reply-templates/nope", token: org.agent.token).status == .notFound)
        }
    }

    @Test func aTicketsTemplatesAreFilledInForItAndItsChannel() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let phone = try await app.createTicket(org.agent.token, subject: "空调不制冷", extra: ["customer": ["name": "王先生", "phone": "13900001111"]])
            #expect(phone.status == .created, "\(phone.text)")
            let id = try #require(phone.string("id")), number = try #require(phone.string("number"))
            let r = try await app.call(.get, "/api/v1/tickets/\(id)/reply-templates", token: org.agent.token)
            #expect(r.status == .ok, "\(r.text)")
            let texts = r.items.reduce(into: [String: String]()) { $0[$1["id"] as! String] = $1["text"] as? String }
            // CH-04: the office first, then the agent.
            #expect(texts["rt-greet-phone-zh"] == "您好，这里是客服部，我是用户agent，请问有什么可以帮您？", "\(r.text)")
            #expect(texts["rt-received-zh"]?.contains(number) == true)
            #expect(texts["rt-forwarded-zh"]?.contains("{dueAt}") == false, "the due time is filled in: \(texts["rt-forwarded-zh"] ?? "")")
            #expect(r.items.first?["kind"] as? String == "greeting", "greetings come first")

            // A phone greeting is not offered on an e-mail ticket.
            let mail = try await app.createTicket(org.agent.token, subject: "发票", extra: ["channel": "email", "customer": ["name": "李女士", "email": "li@example.com"]])
            let m = try await app.call(.get, "/api/v1/tickets/\(mail.string("id")!)/reply-templates", token: org.agent.token)
            #expect(!m.items.contains { $0["id"] as? String == "rt-greet-phone-zh" })
            #expect(m.items.contains { $0["id"] as? String == "rt-received-zh" })
            // Only those who work the ticket: not another unit's QA.
            #expect(try await app.call(.get, "/api/v1/tickets/\(id)/reply-templates", token: org.qaUser.token).status == .forbidden)

            // The ticket page offers them, filled in, with the keyboard search.
            let session = PageSession(app)
            #expect(try await session.signIn("agent", "password-agent").status == .seeOther)
            let page = try await session.get("/tickets/\(id)")
            #expect(page.text.contains("id=\"phrase-search\""))
            #expect(page.text.contains("这里是客服部，我是用户agent"), "the greeting is filled in on the page")
            #expect(page.text.contains("data-code=\"hello\""))
        }
    }

    @Test func theLibraryPageKeepsWhatWasTypedOnARefusal() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let agent = PageSession(app)
            #expect(try await agent.signIn("agent", "password-agent").status == .seeOther)
            let read = try await agent.get("/reply-templates")
            #expect(read.status == .ok)
            #expect(read.text.contains("电话问候"))
            #expect(!read.text.contains("id=\"rt-form\""), "agents read the library but get no form")

            let supervisor = PageSession(app)
            #expect(try await supervisor.signIn("supervisor", "password-supervisor").status == .seeOther)
            let list = try await supervisor.get("/reply-templates")
            let csrf = try #require(PageSession.csrf(in: list.text))
            let refused = try await supervisor.post("/reply-templates", form: ["_csrf": csrf, "orgUnitId": org.cs, "kind": "phrase", "title": "催单回复",
                                                                                "body": "已为您催办{坏变量}", "locale": "zh-CN"], from: "/reply-templates")
            #expect(refused.status == .seeOther)
            let again = try await supervisor.get(refused.headers[.location] ?? "/reply-templates")
            #expect(again.text.contains("催单回复"), "the title typed is kept")
            #expect(again.text.contains("坏变量"), "the reason names the variable")
            let saved = try await supervisor.post("/reply-templates", form: ["_csrf": csrf, "orgUnitId": org.cs, "kind": "phrase", "title": "催单回复",
                                                                              "body": "已为您催办，工单号{工单号}", "locale": "zh-CN"], from: "/reply-templates")
            #expect(saved.status == .seeOther)
            let after = try await supervisor.get("/reply-templates?q=%E5%82%AC%E5%8D%95")
            #expect(after.text.contains("已为您催办，工单号{工单号}"))
            #expect(after.text.contains("class=\"rt-link\""))
        }
    }
}
