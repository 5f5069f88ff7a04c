import Foundation
import Hummingbird
import Testing

@Suite("After-sales pages")
struct AftersalesPageTests {
    @Test func staffPagesShowOnlyTheAllowedNextSteps() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let agent = PageSession(app)
            _ = try await agent.signIn("agent", "password-agent")
            for path in ["/complaints", "/repair-orders", "/returns", "/surveys", "/aftersales/reports", "/repair-orders/new", "/returns/new"] {
                let page = try await agent.get(path)
                #expect(page.status == .ok, "\(path): \(page.status)")
                #expect(page.text.contains("lang=\"zh-CN\""))
            }
            #expect(try await agent.get("/complaints").text.contains("nav-complaints"))
            // Receive a batch through the page.
            let form = try await agent.get("/repair-orders/new")
            let created = try await agent.post("/repair-orders", form: ["_csrf": PageSession.csrf(in: form.text)!, "customerName": "王先生", "model": "PC-300",
                                                                       "defects": "A-1 | 不开机\nA-2 | 显示花屏"])
            #expect(created.status == .seeOther)
            let location = created.headers[.location]!
            let id = String(location.dropFirst("/repair-orders/".count).prefix { $0 != "?" })
            var detail = try await agent.get(location)
            #expect(detail.text.contains("显示花屏") && detail.text.contains("已接收"))
            #expect(!detail.text.contains("form-diagnosis"), "customer service does not diagnose")
            // A step the user may not take is refused with a readable page.
            let denied = try await agent.post("/repair-orders/\(id)/diagnosis", form: ["_csrf": PageSession.csrf(in: detail.text)!, "mainComponentDamaged": "false", "inWarranty": "true"])
            #expect(denied.status == .forbidden)
            #expect(denied.text.contains("只有维修组可以执行此操作"))
            let repairer = PageSession(app)
            _ = try await repairer.signIn("repairer", "password-repairer")
            detail = try await repairer.get("/repair-orders/\(id)")
            #expect(detail.text.contains("form-diagnosis"))
            let done = try await repairer.post("/repair-orders/\(id)/diagnosis", form: ["_csrf": PageSession.csrf(in: detail.text)!, "mainComponentDamaged": "true",
                                                                                     "inWarranty": "false", "fee": "350.00"])
            #expect(done.status == .seeOther)
            detail = try await agent.get("/repair-orders/\(id)")
            #expect(detail.text.contains("待顾客确认费用") && detail.text.contains("form-decision") && detail.text.contains("350.00"))
            // English labels.
            let en = try await agent.get("/repair-orders/\(id)", language: "en")
            #expect(en.text.contains("Awaiting customer approval") || en.text.contains("待顾客确认费用"))

            // A complaint ticket: the case page with the classify form.
            let ticket = try await app.createTicket(f.org.agent.token, subject: "投诉维修太慢", extra: ["type": "complaint"])
            #expect(ticket.status == .created)
            let list = try await agent.get("/complaints")
            let href = list.text.components(separatedBy: "href=\"/complaints/").dropFirst().first.map { String($0.prefix { $0 != "\"" }) }!
            let casePage = try await agent.get("/complaints/\(href)")
            #expect(casePage.text.contains("form-classify"))
            let classified = try await agent.post("/complaints/\(href)/classify", form: ["_csrf": PageSession.csrf(in: casePage.text)!, "responsibility": "company", "handling": "quality"])
            #expect(classified.status == .seeOther)
            let after = try await agent.get("/complaints/\(href)")
            #expect(after.text.contains("品管调查中"))
            // Only the responsible department sees the actions form.
            _ = try await app.call(.post, "/api/v1/complaints/\(href)/analysis", token: f.org.qaUser.token,
                                   json: ["rootCause": "装配工艺问题", "responsibleOrgUnitId": f.production])
            #expect(!(try await agent.get("/complaints/\(href)").text.contains("form-actions")))
            let producer = PageSession(app)
            _ = try await producer.signIn("producer", "password-producer")
            let producerPage = try await producer.get("/complaints/\(href)")
            #expect(producerPage.text.contains("form-actions"))
            let planned = try await producer.post("/complaints/\(href)/actions", form: ["_csrf": PageSession.csrf(in: producerPage.text)!, "corrective": "返工",
                                                                                     "preventive": "修订作业指导书", "dueDate": "2099-06-30"])
            #expect(planned.status == .seeOther)
            #expect(try await agent.get("/complaints/\(href)").text.contains("修订作业指导书"))
            let printed = try await agent.get("/complaints/\(href)/form")
            #expect(printed.text.contains("顾客投诉处理单") && printed.text.contains("bs-cp0703-fm004") && printed.text.contains("管理者代表"))
        }
    }

    @Test func aComplaintTicketLinksItsCase() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let ticket = try await app.createTicket(org.agent.token, subject: "投诉维修太慢", extra: ["type": "complaint"])
            let cases = try await app.call(.get, "/api/v1/complaints", token: org.supervisor.token)
            let caseId = try #require(cases.items.first { $0["ticketId"] as? String == ticket.string("id") }?["id"] as? String)
            let agent = PageSession(app)
            _ = try await agent.signIn("agent", "password-agent")
            let page = try await agent.get("/tickets/\(ticket.string("id")!)")
            #expect(page.text.contains("href=\"/complaints/\(caseId)\""))
            let inquiry = try await app.createTicket(org.agent.token, subject: "咨询")
            #expect(!(try await agent.get("/tickets/\(inquiry.string("id")!)").text.contains("related-record")))
        }
    }

    @Test func publicSurveyPageSubmitsWithoutSignIn() async throws {
        try await TestApp.run { app in
            let o = try await OrgFixture.make(app)
            let ticket = try await app.createTicket(o.agent.token, subject: "咨询").string("id")!
            let url = try await app.call(.post, "/api/v1/survey-invitations", token: o.agent.token, json: ["ticketId": ticket]).string("url")!
            let path = "/s/" + url.components(separatedBy: "/s/").last!
            let visitor = PageSession(app)
            let page = try await visitor.get(path)
            #expect(page.status == .ok)
            #expect(page.text.contains("width=device-width"))
            #expect(!page.text.contains("main-nav"))
            let forged = try await PageSession(app).post(path, form: ["overall": "5"])
            #expect(forged.status == .forbidden)
            let missing = try await visitor.post(path, form: ["_csrf": PageSession.csrf(in: page.text)!])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains("请选择总体评价"))
            let again = try await visitor.get(path)
            let sent = try await visitor.post(path, form: ["_csrf": PageSession.csrf(in: again.text)!, "overall": "5", "item_service.attitude": "5", "comment": "很好"])
            #expect(sent.status == .ok)
            #expect(sent.text.contains("survey-thanks"))
            #expect(try await visitor.get(path).text.contains("survey-closed"))
        }
    }
}
