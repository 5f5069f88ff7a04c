import Foundation
import Hummingbird
import KefuPlatform
import SQLKit
import Testing

@Suite("After-sales: complaint closed loop (CMP, 4.7)")
struct ComplaintLoopTests {
    func complaintTicket(_ app: TestApp, _ token: String, _ subject: String = "风机变流器频繁报故障") async throws -> (ticket: String, complaint: String) {
        let t = try await app.createTicket(token, subject: subject, extra: ["type": "complaint", "customer": ["name": "华能某风电场", "phone": "13900001111"]])
        #expect(t.status == .created)
        let ticketId = t.string("id")!
        let list = try await app.call(.get, "/api/v1/complaints", token: token)
        let complaint = list.items.first { $0["ticketId"] as? String == ticketId }
        #expect(complaint != nil, "a complaint ticket opens a case at once")
        return (ticketId, complaint?["id"] as? String ?? "")
    }

    @Test func fullLoopThroughQualityWithPermissionDenials() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let (ticketId, id) = try await complaintTicket(app, o.agent.token)
            let base = "/api/v1/complaints/\(id)"
            var c = try await app.expect(.ok, .get, base, o.agent.token)
            #expect(c.string("status") == "registered")
            #expect(c.string("number")?.hasPrefix("TS") == true)
            // The case exists once per ticket; a non-complaint ticket opens none.
            try await app.expect(.conflict, .post, "/api/v1/complaints", o.agent.token, ["ticketId": ticketId], code: "complaint_exists")
            let repairTicket = try await app.createTicket(o.agent.token, subject: "普通报修").string("id")!
            try await app.expect(.conflict, .post, "/api/v1/complaints", o.agent.token, ["ticketId": repairTicket], code: "not_a_complaint_ticket")
            // Nothing skips a step.
            try await app.expect(.conflict, .post, base + "/close", o.agent.token, ["note": "已处理"], code: "classification_missing")
            try await app.expect(.conflict, .post, base + "/analysis", o.qaUser.token, ["rootCause": "x"], code: "not_referred_to_quality")
            // Only customer service classifies.
            try await app.expect(.forbidden, .post, base + "/classify", o.qaUser.token, ["responsibility": "company", "handling": "quality"], code: "forbidden")
            try await app.expect(.unprocessableContent, .post, base + "/classify", o.agent.token, ["responsibility": "company", "handling": "nobody"])
            c = try await app.expect(.ok, .post, base + "/classify", o.agent.token, ["responsibility": "company", "handling": "quality"])
            #expect(c.string("status") == "investigating")
            // Only QA records root cause; samples are re-inspected 100%.
            let analysis: [String: Any] = ["rootCause": "IGBT 模块批次焊接不良", "responsibleOrgUnitId": f.production]
            try await app.expect(.forbidden, .post, base + "/analysis", o.agent.token, analysis)
            try await app.expect(.unprocessableContent, .post, base + "/analysis", o.qaUser.token,
                                 ["rootCause": "x", "samplesQuantity": 10, "samplesInspected": 5, "samplesFailed": 1], code: "full_reinspection_required")
            c = try await app.expect(.ok, .post, base + "/analysis", o.qaUser.token,
                                     analysis.merging(["samplesQuantity": 10, "samplesInspected": 10, "samplesFailed": 3]) { a, _ in a })
            #expect(c.string("responsibleOrgUnitName") == "生产管理部")
            // 会审 while investigating.
            c = try await app.expect(.ok, .post, base + "/review-meeting", o.agent.token, ["minutes": "责任明确，由生产管理部整改", "participants": ["客服部主管", "品管部主管", "生产管理部主管"]])
            #expect((c["meetings"] as? [[String: Any]])?.count == 1)
            // Approval needs actions; actions only by the responsible department.
            try await app.expect(.conflict, .post, base + "/actions/approve", f.manager.token, code: "actions_missing")
            let actions: [String: Any] = ["corrective": "更换该批次模块", "preventive": "增加焊接工序检验", "dueDate": "2099-12-31"]
            try await app.expect(.forbidden, .post, base + "/actions", o.agent.token, actions)
            try await app.expect(.unprocessableContent, .post, base + "/actions", f.producer.token, actions.merging(["dueDate": "2020-01-01"]) { _, b in b })
            c = try await app.expect(.ok, .post, base + "/actions", f.producer.token, actions)
            #expect(c.string("status") == "action_planned")
            try await app.expect(.conflict, .post, base + "/close", o.agent.token, ["note": "x"], code: "approval_missing")
            // Only the management representative approves.
            try await app.expect(.forbidden, .post, base + "/actions/approve", o.qaUser.token)
            try await app.expect(.forbidden, .post, base + "/actions/approve", o.supervisor.token)
            c = try await app.expect(.ok, .post, base + "/actions/approve", f.manager.token)
            #expect(c.string("status") == "awaiting_confirmation")
            try await app.expect(.conflict, .post, base + "/verification", o.qaUser.token, ["effective": true], code: "customer_confirmation_missing")
            try await app.expect(.forbidden, .post, base + "/customer-confirmation", f.producer.token, ["accepted": true])
            c = try await app.expect(.ok, .post, base + "/customer-confirmation", o.agent.token, ["accepted": true, "comment": "顾客认可分析结论"])
            #expect(c.string("status") == "action_in_progress")
            // Verification by QA and CS; not effective goes back to planning.
            c = try await app.expect(.ok, .post, base + "/verification", o.qaUser.token, ["effective": false, "note": "仍有故障"])
            #expect(c.string("status") == "action_planned")
            #expect(c["planRound"] as? Int == 2)
            try await app.expect(.conflict, .post, base + "/actions/approve", f.manager.token, code: "actions_missing")
            try await app.expect(.ok, .post, base + "/actions", f.producer.token, actions)
            try await app.expect(.ok, .post, base + "/actions/approve", f.manager.token)
            try await app.expect(.ok, .post, base + "/customer-confirmation", o.agent.token, ["accepted": true])
            c = try await app.expect(.ok, .post, base + "/verification", o.qaUser.token, ["effective": true])
            #expect(c.string("status") == "action_in_progress")
            #expect((c["verification"] as? [String: Any])?["quality"] as? Bool == true)
            try await app.expect(.forbidden, .post, base + "/verification", f.producer.token, ["effective": true])
            c = try await app.expect(.ok, .post, base + "/verification", o.agent.token, ["effective": true])
            #expect(c.string("status") == "closed")
            #expect(c["closedAt"] is String)
            let kinds = (c["history"] as? [[String: Any]] ?? []).map { $0["action"] as? String ?? "" }
            #expect(kinds.first == "registered")
            #expect(kinds.contains("sent_to_quality") && kinds.contains("analysis") && kinds.contains("actions_approved") && kinds.contains("review_meeting"))
            #expect(kinds.last == "closed")
            try await app.expect(.conflict, .post, base + "/close", o.agent.token, ["note": "x"], code: "complaint_closed")
            // RET: nothing is deletable.
            let del = try await app.call(.delete, base, token: o.admin)
            #expect(del.status.code >= 400 && del.status.code < 500)
            // CMP-13: the year's statistics.
            let year = String(Calendar(identifier: .gregorian).component(.year, from: Date()))
            let report = try await app.expect(.ok, .get, "/api/v1/reports/complaints?year=\(year)", o.supervisor.token)
            #expect(report["total"] as? Int == 1)
            #expect(report["closed"] as? Int == 1)
            #expect((report["byDepartment"] as? [[String: Any]])?.first?["name"] as? String == "生产管理部")
            try await app.expect(.unprocessableContent, .get, "/api/v1/reports/complaints?year=20x6", o.supervisor.token)
        }
    }

    @Test func customerServiceAloneAndNoInternalFaultClose() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let (_, a) = try await complaintTicket(app, o.agent.token, "客户误操作导致停机")
            try await app.expect(.conflict, .post, "/api/v1/complaints/\(a)/classify", o.agent.token, ["responsibility": "not_company", "handling": "quality"],
                                 code: "not_company_goes_to_customer_service")
            var c = try await app.expect(.ok, .post, "/api/v1/complaints/\(a)/classify", o.agent.token, ["responsibility": "not_company", "handling": "customer_service"])
            #expect(c.string("status") == "classified")
            try await app.expect(.unprocessableContent, .post, "/api/v1/complaints/\(a)/close", o.agent.token, ["note": "  "])
            try await app.expect(.forbidden, .post, "/api/v1/complaints/\(a)/close", o.qaUser.token, ["note": "已说明"])
            c = try await app.expect(.ok, .post, "/api/v1/complaints/\(a)/close", o.agent.token, ["note": "已向顾客说明操作规程并远程协助复位"])
            #expect(c.string("status") == "closed")
            // CMP-15: the return visit is recorded after handling, also on a closed case.
            try await app.expect(.unprocessableContent, .post, "/api/v1/complaints/\(a)/return-visit", o.agent.token, ["note": ""])
            c = try await app.expect(.ok, .post, "/api/v1/complaints/\(a)/return-visit", o.agent.token, ["note": "回访：顾客满意"])
            #expect((c["returnVisit"] as? [String: Any])?["note"] as? String == "回访：顾客满意")

            let (_, b) = try await complaintTicket(app, o.agent.token, "外观划伤")
            try await app.expect(.ok, .post, "/api/v1/complaints/\(b)/classify", o.agent.token, ["responsibility": "company", "handling": "quality"])
            try await app.expect(.conflict, .post, "/api/v1/complaints/\(b)/close", o.agent.token, ["note": "x"], code: "analysis_missing")
            c = try await app.expect(.ok, .post, "/api/v1/complaints/\(b)/analysis", o.qaUser.token, ["rootCause": "运输途中包装破损，承运方责任"])
            #expect(c["internalFault"] as? Bool == false)
            // #10.2: no department is responsible, so 生产管理部 does not even see the case; the head office is told why.
            try await app.expect(.notFound, .post, "/api/v1/complaints/\(b)/actions", f.producer.token,
                                 ["corrective": "x", "preventive": "y", "dueDate": "2099-01-01"])
            try await app.expect(.conflict, .post, "/api/v1/complaints/\(b)/actions", o.admin,
                                 ["corrective": "x", "preventive": "y", "dueDate": "2099-01-01"], code: "no_internal_fault")
            c = try await app.expect(.ok, .post, "/api/v1/complaints/\(b)/close", o.agent.token, ["note": "已答复顾客并附维修服务报告"])
            #expect(c.string("status") == "closed")
        }
    }

    /// CMP-16 the supervisor's daily review, CMP-17 the agent complained about, CMP-15 the return-visit rate.
    @Test func supervisorReviewAgentAttitudeAndReturnVisitRate() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let (_, id) = try await complaintTicket(app, o.agent.token, "坐席态度恶劣")
            try await app.expect(.conflict, .post, "/api/v1/complaints/\(id)/return-visit", o.agent.token, ["note": "x"], code: "classification_missing")
            try await app.expect(.unprocessableContent, .post, "/api/v1/complaints/\(id)/classify", o.agent.token,
                                 ["responsibility": "company", "handling": "customer_service", "aboutUserId": "00000000-0000-0000-0000-000000000000"])
            var c = try await app.expect(.ok, .post, "/api/v1/complaints/\(id)/classify", o.agent.token,
                                         ["responsibility": "company", "handling": "customer_service", "aboutUserId": o.colleague.id])
            #expect(c.string("aboutUserId") == o.colleague.id)
            var unreviewed = try await app.expect(.ok, .get, "/api/v1/complaints?reviewed=false", o.supervisor.token)
            #expect(unreviewed.items.map { $0["id"] as? String } == [id])
            try await app.expect(.forbidden, .post, "/api/v1/complaints/\(id)/supervisor-review", o.agent.token, ["note": "x"])
            c = try await app.expect(.ok, .post, "/api/v1/complaints/\(id)/supervisor-review", o.supervisor.token)
            #expect(c["supervisorReview"] is [String: Any])
            unreviewed = try await app.expect(.ok, .get, "/api/v1/complaints?reviewed=false", o.supervisor.token)
            #expect(unreviewed.items.isEmpty)
            try await app.expect(.ok, .post, "/api/v1/complaints/\(id)/close", o.agent.token, ["note": "已向顾客致歉，对坐席进行批评教育"])
            let year = String(Times.calendar().component(.year, from: Date()))
            var report = try await app.expect(.ok, .get, "/api/v1/reports/complaints?year=\(year)", o.supervisor.token)
            #expect(report.string("returnVisitRate") == "0.00")
            #expect((report["byAgent"] as? [[String: Any]])?.first?["name"] as? String == "用户colleague")
            #expect(report["unreviewed"] as? Int == 0)
            try await app.expect(.ok, .post, "/api/v1/complaints/\(id)/return-visit", o.agent.token, ["note": "顾客表示接受"])
            report = try await app.expect(.ok, .get, "/api/v1/reports/complaints?year=\(year)", o.supervisor.token)
            #expect(report.string("returnVisitRate") == "100.00")
        }
    }

    @Test func overdueActionsAreFlagged() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let (_, id) = try await complaintTicket(app, o.agent.token)
            try await app.expect(.ok, .post, "/api/v1/complaints/\(id)/classify", o.agent.token, ["responsibility": "company", "handling": "quality"])
            try await app.expect(.ok, .post, "/api/v1/complaints/\(id)/analysis", o.qaUser.token, ["rootCause": "来料不良", "responsibleOrgUnitId": f.production])
            try await app.expect(.ok, .post, "/api/v1/complaints/\(id)/actions", f.producer.token, ["corrective": "退换来料", "preventive": "加严来料检验", "dueDate": "2099-01-01"])
            var list = try await app.expect(.ok, .get, "/api/v1/complaints?overdue=true", o.agent.token)
            #expect(list.items.isEmpty)
            // The due date passes.
            try await app.store.write { db in try await db.raw("UPDATE complaint_actions SET due_date = '2020-01-01'").run() }
            list = try await app.expect(.ok, .get, "/api/v1/complaints?overdue=true", o.agent.token)
            #expect(list.items.map { $0["id"] as? String } == [id])
            #expect(list.items.first?["overdue"] as? Bool == true)
            let c = try await app.expect(.ok, .get, "/api/v1/complaints/\(id)", o.agent.token)
            #expect((c["actions"] as? [[String: Any]])?.first?["overdue"] as? Bool == true)
            try await app.expect(.unprocessableContent, .get, "/api/v1/complaints?overdue=maybe", o.agent.token)
            try await app.expect(.unprocessableContent, .get, "/api/v1/complaints?status=deleted", o.agent.token)
        }
    }

    @Test func customersCannotReadComplaints() async throws {
        try await TestApp.run { app in
            let o = try await OrgFixture.make(app)
            let customer = try await app.call(.post, "/api/v1/customers", token: o.supervisor.token, json: ["name": "张先生", "phone": "13700001111"])
            let user = try await app.createUser(o.admin, "cust1", roles: ["customer"], unitId: o.root, customerId: customer.string("id"))
            try await app.expect(.forbidden, .get, "/api/v1/complaints", user.token)
            try await app.expect(.unauthorized, .get, "/api/v1/complaints", nil)
        }
    }
}
