import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform
import Testing

/// #11.4: every hand-off tells whoever must act next — and only them — in the bell.
@Suite("Hand-off notifications (#11.4)", .serialized)
struct HandOffNotificationTests {
    static func kinds(_ app: TestApp, _ token: String) async throws -> [String] {
        try await app.bell(token).map(\.kind)
    }

    @Test func aComplaintsStepsReachTheNextActorOnly() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let t = try await app.createTicket(o.agent.token, subject: "变流器频繁报故障", extra: ["type": "complaint"])
            let ticketId = t.string("id")!
            let complaint = try await app.call(.get, "/api/v1/complaints", token: o.agent.token).items.first { $0["ticketId"] as? String == ticketId }
            let id = try #require(complaint?["id"] as? String), number = try #require(complaint?["number"] as? String)
            let base = "/api/v1/complaints/\(id)"
            // CMP-05: to QA.
            try await app.expect(.ok, .post, base + "/classify", o.agent.token, ["responsibility": "company", "handling": "quality"])
            let qa = try await app.bell(o.qaUser.token)
            #expect(qa.map(\.kind) == ["complaint_quality"])
            #expect(qa.first?.title.contains(number) == true)
            #expect(qa.first?.ticketId == ticketId)
            for token in [o.agent.token, o.colleague.token, o.supervisor.token, f.engineer.token, f.producer.token, f.manager.token] {
                #expect(try await Self.kinds(app, token).isEmpty)
            }
            // CMP-06/09: the responsible department plans the actions.
            try await app.expect(.ok, .post, base + "/analysis", o.qaUser.token, ["rootCause": "IGBT 模块焊接不良", "responsibleOrgUnitId": f.production])
            #expect(try await Self.kinds(app, f.producer.token) == ["complaint_responsible_unit"])
            #expect(try await Self.kinds(app, f.sales.token).isEmpty)
            // CMP-09: the management representative approves.
            try await app.expect(.ok, .post, base + "/actions", f.producer.token, ["corrective": "更换模块", "preventive": "增加检验", "dueDate": "2099-12-31"])
            #expect(try await Self.kinds(app, f.manager.token) == ["complaint_approvers"])
            #expect(try await Self.kinds(app, o.agent.token).isEmpty)
            // CMP-11: customer service gives the customer the conclusion (the approver, though CS, acted: not told).
            try await app.expect(.ok, .post, base + "/actions/approve", f.manager.token)
            #expect(try await Self.kinds(app, o.agent.token) == ["complaint_customer_service"])
            #expect(try await Self.kinds(app, o.supervisor.token) == ["complaint_customer_service"])
            #expect(try await Self.kinds(app, f.manager.token) == ["complaint_approvers"])
            #expect(try await Self.kinds(app, o.qaUser.token) == ["complaint_quality"])
            // CMP-12: accepted by the customer: the responsible department carries the actions out.
            try await app.expect(.ok, .post, base + "/customer-confirmation", o.agent.token, ["accepted": true])
            #expect(try await Self.kinds(app, f.producer.token) == ["complaint_responsible_unit", "complaint_responsible_unit"])
        }
    }

    @Test func aRepairFeeGoesToCustomerServiceForApprovalThenToTheRepairGroup() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let order: [String: Any] = ["customer": ["name": "某风电场", "phone": "0471-1234567"], "model": "变桨控制器 PC-300", "shippedAt": "2024-03-01",
                                        "units": [["serialNumber": "PC3-0001", "defect": "上电无显示"]]]
            let id = try await app.expect(.created, .post, "/api/v1/repair-orders", o.agent.token, order).string("id")!
            let base = "/api/v1/repair-orders/\(id)"
            let r = try await app.expect(.ok, .post, base + "/diagnosis", f.engineer.token,
                                         ["mainComponentDamaged": true, "inWarranty": false, "fee": ["amount": "1350.5", "currency": "CNY"]])
            let number = r.string("number")!
            let cs = try await app.bell(o.agent.token)
            #expect(cs.map(\.kind) == ["repair_customer_service"])
            #expect(cs.first?.title.contains(number) == true && cs.first?.title.contains("1350.50") == true)
            #expect(try await Self.kinds(app, o.supervisor.token) == ["repair_customer_service"])
            #expect(try await Self.kinds(app, f.engineer.token).isEmpty)
            #expect(try await Self.kinds(app, o.qaUser.token).isEmpty)
            try await app.expect(.ok, .post, base + "/customer-decision", o.agent.token, ["approved": true, "signedBy": "王工（场长）"])
            #expect(try await Self.kinds(app, f.engineer.token) == ["repair_repair_group"])
            #expect(try await Self.kinds(app, o.agent.token) == ["repair_customer_service"])
        }
    }

    @Test func aSavedDocumentTellsThoseWhoMayAuditIt() async throws {
        try await TestApp.run { app in
            let m = try await MaterialsFixture.make(app)
            let r = try await m.document(app, m.keeperA1, direction: "in", reason: "purchase", warehouse: m.A1G, lines: [m.line(m.bolt, "5")],
                                         extra: ["supplierId": m.supplier])
            #expect(r.status == .created, "\(r.text)")
            let number = r.string("number")!
            let accountant = try await app.bell(m.accA)
            #expect(accountant.map(\.kind) == ["document_awaiting_audit"])
            #expect(accountant.first?.title.contains(number) == true)
            #expect(try await Self.kinds(app, m.hqMaterials) == ["document_awaiting_audit"])
            // Another department's accountant, the keeper who made it, a planner: not theirs to audit.
            #expect(try await Self.kinds(app, m.accB).isEmpty)
            #expect(try await Self.kinds(app, m.keeperA1).isEmpty)
            #expect(try await Self.kinds(app, m.hqPlanner).isEmpty)
        }
    }

    @Test func aSavedTransferTellsThoseWhoMayAuditIt() async throws {
        try await TestApp.run { app in
            let m = try await MaterialsFixture.make(app)
            let t = try await app.call(.post, "/api/v1/transfers", token: m.accA, json: ["fromWarehouseId": m.A1G, "toWarehouseId": m.A2G, "lines": [m.line(m.bolt, 2)]])
            #expect(t.status == .created, "\(t.text)")
            let number = t.string("number")!
            // TRF-04/06, D16: head office manages every transfer; the department accountant made it and is not told of her own act.
            let hq = try await app.bell(m.hqMaterials)
            #expect(hq.map(\.kind) == ["transfer_awaiting_audit"])
            #expect(hq.first?.title.contains(number) == true)
            #expect(try await Self.kinds(app, m.hqPlanner) == ["transfer_awaiting_audit"])
            #expect(try await Self.kinds(app, m.accA).isEmpty)
            #expect(try await Self.kinds(app, m.accB).isEmpty)
            #expect(try await Self.kinds(app, m.keeperA1).isEmpty)
        }
    }
}
