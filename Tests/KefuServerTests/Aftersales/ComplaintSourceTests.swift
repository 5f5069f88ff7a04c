import Foundation
import Hummingbird
import Testing

/// #16 item 6 (CMP-01, D15): complaints the sales department accepted, and the first answer by the accepting department.
@Suite("After-sales: complaint source and the first answer (CMP-01, D15)")
struct ComplaintSourceTests {
    @Test func salesRegisterWhatTheyAcceptedAndAnswerFirstWhileCustomerServiceKeepsTheLoop() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let body: [String: Any] = ["subject": "新装机组噪音大", "description": "客户在回访时向业务员反映", "channel": "walk_in",
                                       "customer": ["name": "大唐某风电场", "phone": "13700002222"], "orgUnitId": o.cs]
            // Only sales staff register here; customer service logs complaints as tickets.
            try await app.expect(.forbidden, .post, "/api/v1/complaints/from-sales", o.agent.token, body)
            try await app.expect(.forbidden, .post, "/api/v1/complaints/from-sales", f.engineer.token, body)
            // Bad input is refused whole: no unit, no way to reach the customer, an unknown unit.
            try await app.expect(.unprocessableContent, .post, "/api/v1/complaints/from-sales", f.sales.token, body.filter { $0.key != "orgUnitId" })
            let noContact = try await app.expect(.unprocessableContent, .post, "/api/v1/complaints/from-sales", f.sales.token,
                                                 body.merging(["customer": ["name": "大唐某风电场"]]) { _, b in b })
            #expect(noContact.text.contains("请填写客户的电话或邮箱"))
            try await app.expect(.unprocessableContent, .post, "/api/v1/complaints/from-sales", f.sales.token, body.merging(["orgUnitId": "nope"]) { _, b in b })
            #expect(try await app.expect(.ok, .get, "/api/v1/complaints", o.agent.token).items.isEmpty, "nothing half-written")

            var c = try await app.expect(.created, .post, "/api/v1/complaints/from-sales", f.sales.token, body)
            #expect(c.string("source") == "sales")
            #expect(c.string("answeringDepartment") == "sales")
            #expect(c.string("status") == "registered")
            let id = c.string("id")!, base = "/api/v1/complaints/\(id)"
            // Customer service hears of it in the bell (篇8 §5.2.1).
            let told = try await app.bell(o.agent.token)
            #expect(told.first?.kind == "complaint_from_sales" && told.first?.ticketId == c.string("ticketId"))
            #expect(try await app.bell(o.qaUser.token).isEmpty)
            // The ticket sits in customer service's queue with no owner: the first agent who takes it owns it (TKT-03).
            let ticket = try await app.expect(.ok, .get, "/api/v1/tickets/\(c.string("ticketId")!)", o.agent.token)
            #expect(ticket.string("type") == "complaint")
            #expect(ticket.string("channel") == "walk_in")
            #expect(ticket.string("orgUnitId") == o.cs)
            #expect(ticket["ownerId"] == nil || ticket["ownerId"] is NSNull)

            // D15: sales answers first; customer service may not, and the answer is given once.
            try await app.expect(.conflict, .post, base + "/first-answer", o.agent.token, ["note": "我们会尽快处理"], code: "answered_by_sales")
            try await app.expect(.forbidden, .post, base + "/first-answer", f.engineer.token, ["note": "x"])
            try await app.expect(.unprocessableContent, .post, base + "/first-answer", f.sales.token, ["note": "  "])
            c = try await app.expect(.ok, .post, base + "/first-answer", f.sales.token, ["note": "已安排技术人员三日内到场检测"])
            #expect((c["firstAnswer"] as? [String: Any])?["note"] as? String == "已安排技术人员三日内到场检测")
            #expect((c["firstAnswer"] as? [String: Any])?["by"] as? String == f.sales.id)
            try await app.expect(.conflict, .post, base + "/first-answer", f.salesManager.token, ["note": "再答复"], code: "already_answered")
            try await app.expect(.conflict, .post, base + "/source", o.agent.token, ["source": "direct"], code: "already_answered")

            // The analysis, conclusion and confirmation stay with customer service (CMP-11).
            try await app.expect(.forbidden, .post, base + "/classify", f.sales.token, ["responsibility": "company", "handling": "customer_service"])
            c = try await app.expect(.ok, .post, base + "/classify", o.agent.token, ["responsibility": "company", "handling": "customer_service"])
            #expect(c.string("status") == "classified")
            try await app.expect(.forbidden, .post, base + "/close", f.sales.token, ["note": "x"])
            c = try await app.expect(.ok, .post, base + "/close", o.agent.token, ["note": "更换风扇轴承后噪音消除，顾客确认"])
            #expect(c.string("status") == "closed")
            let actions = (c["history"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
            #expect(actions.contains("source") && actions.contains("first_answer"), "\(actions)")
        }
    }

    @Test func aDirectComplaintIsAnsweredByCustomerServiceAndItsSourceCanBeCorrectedBeforeTheAnswer() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let t = try await app.createTicket(o.agent.token, subject: "维修后仍漏油", extra: ["type": "complaint", "customer": ["name": "王先生", "phone": "13900003333"]])
            let list = try await app.expect(.ok, .get, "/api/v1/complaints", o.agent.token)
            let id = list.items.first { $0["ticketId"] as? String == t.string("id") }?["id"] as? String ?? ""
            let base = "/api/v1/complaints/\(id)"
            var c = try await app.expect(.ok, .get, base, o.agent.token)
            #expect(c.string("source") == "direct" && c.string("answeringDepartment") == "customer_service")
            try await app.expect(.conflict, .post, base + "/first-answer", f.sales.token, ["note": "x"], code: "answered_by_customer_service")
            try await app.expect(.forbidden, .post, base + "/source", f.sales.token, ["source": "sales"])
            try await app.expect(.unprocessableContent, .post, base + "/source", o.agent.token, ["source": "fax"])
            // The salesperson's feedback reached CS by phone: CS records it as sales', and sales answers.
            c = try await app.expect(.ok, .post, base + "/source", o.agent.token, ["source": "sales"])
            #expect(c.string("answeringDepartment") == "sales")
            try await app.expect(.conflict, .post, base + "/first-answer", o.agent.token, ["note": "x"], code: "answered_by_sales")
            try await app.expect(.ok, .post, base + "/source", o.agent.token, ["source": "direct"])
            c = try await app.expect(.ok, .post, base + "/first-answer", o.agent.token, ["note": "已收到，今日内回电"])
            #expect(c["firstAnswer"] is [String: Any])
            // A closed case takes neither.
            let other = try await app.createTicket(o.agent.token, subject: "态度不好", extra: ["type": "complaint"])
            let list2 = try await app.expect(.ok, .get, "/api/v1/complaints", o.agent.token)
            let id2 = list2.items.first { $0["ticketId"] as? String == other.string("id") }?["id"] as? String ?? ""
            try await app.expect(.ok, .post, "/api/v1/complaints/\(id2)/classify", o.agent.token, ["responsibility": "not_company", "handling": "customer_service"])
            try await app.expect(.ok, .post, "/api/v1/complaints/\(id2)/close", o.agent.token, ["note": "已解释"])
            try await app.expect(.conflict, .post, "/api/v1/complaints/\(id2)/source", o.agent.token, ["source": "sales"], code: "complaint_closed")
            try await app.expect(.conflict, .post, "/api/v1/complaints/\(id2)/first-answer", o.agent.token, ["note": "x"], code: "complaint_closed")
        }
    }

    @Test func salesRegisterThroughTheirPageAndTheCasePageOffersTheAnswerToTheAcceptingDepartment() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let sales = PageSession(app)
            _ = try await sales.signIn("salesrep", "password-salesrep")
            let list = try await sales.get("/complaints")
            #expect(list.text.contains("register-from-sales"))
            let form = try await sales.get("/complaints/new")
            #expect(form.status == .ok && form.text.contains("complaint-from-sales-form") && form.text.contains("客服部"))
            let csrf = PageSession.csrf(in: form.text)!
            // A refusal keeps what was typed.
            let refused = try await sales.post("/complaints/new", form: ["_csrf": csrf, "customer_name": "李经理", "subject": "交货延迟", "orgUnitId": f.org.cs])
            #expect(refused.status == .seeOther)
            let again = try await sales.get(refused.headers[.location] ?? "/complaints/new")
            #expect(again.text.contains("请填写客户的电话或邮箱") && again.text.contains("交货延迟"), "\(again.text.prefix(200))")
            let created = try await sales.post("/complaints/new", form: ["_csrf": csrf, "customer_name": "李经理", "customer_phone": "13600004444",
                                                                         "subject": "交货延迟", "orgUnitId": f.org.cs, "channel": "phone"])
            #expect(created.status == .seeOther)
            let location = created.headers[.location]!
            #expect(location.hasPrefix("/complaints/"))
            let casePage = try await sales.get(location)
            #expect(casePage.text.contains("销售部受理") && casePage.text.contains("form-first-answer"))
            #expect(!casePage.text.contains("form-classify"), "sales does not classify")
            let agent = PageSession(app)
            _ = try await agent.signIn("agent", "password-agent")
            let agentView = try await agent.get(String(location.prefix { $0 != "?" }))
            #expect(agentView.text.contains("form-classify") && !agentView.text.contains("form-first-answer"))
            #expect(agentView.text.contains("form-source"))
            #expect(try await agent.get("/complaints/new").status == .forbidden)
            let answered = try await sales.post(String(location.prefix { $0 != "?" }) + "/first-answer",
                                                form: ["_csrf": PageSession.csrf(in: casePage.text)!, "note": "已与物流核实，明日送达"])
            #expect(answered.status == .seeOther)
            let after = try await agent.get(String(location.prefix { $0 != "?" }))
            #expect(after.text.contains("明日送达") && !after.text.contains("form-source"))
        }
    }
}
