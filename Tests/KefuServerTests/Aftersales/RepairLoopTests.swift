import Foundation
import Hummingbird
import KefuPlatform
import Testing

@Suite("After-sales: repair orders (RMA-01..06, 4.5)")
struct RepairLoopTests {
    @Test func outOfWarrantyMainComponentWaitsForConsentAndQC() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let order: [String: Any] = ["customer": ["name": "金风某风电场", "phone": "0471-1234567"], "model": "变桨控制器 PC-300", "shippedAt": "2024-03-01",
                                        "units": [["serialNumber": "PC3-0001", "defect": "上电无显示"], ["serialNumber": "PC3-0002", "defect": "通讯中断"]]]
            try await app.expect(.forbidden, .post, "/api/v1/repair-orders", o.qaUser.token, order)
            try await app.expect(.unprocessableContent, .post, "/api/v1/repair-orders", o.agent.token, order.merging(["quantity": 3]) { _, b in b }, code: "quantity_mismatch")
            var r = try await app.expect(.created, .post, "/api/v1/repair-orders", o.agent.token, order)
            let id = r.string("id")!
            let base = "/api/v1/repair-orders/\(id)"
            #expect(r.string("status") == "received")
            #expect(r["quantity"] as? Int == 2)
            #expect((r["units"] as? [[String: Any]])?.map { $0["defect"] as? String } == ["上电无显示", "通讯中断"])
            // Nothing ships or passes QC before diagnosis.
            try await app.expect(.conflict, .post, base + "/ship", o.agent.token, ["method": "顺丰"], code: "diagnosis_missing")
            // Diagnosis by the repair group only; out of warranty with a damaged main component needs a fee quote.
            try await app.expect(.forbidden, .post, base + "/diagnosis", o.agent.token, ["mainComponentDamaged": true, "inWarranty": false, "fee": ["amount": "350.00", "currency": "CNY"]])
            try await app.expect(.unprocessableContent, .post, base + "/diagnosis", f.engineer.token, ["mainComponentDamaged": true, "inWarranty": false])
            try await app.expect(.unprocessableContent, .post, base + "/diagnosis", f.engineer.token, ["mainComponentDamaged": true, "inWarranty": false, "fee": ["amount": "350.001"]])
            try await app.expect(.unprocessableContent, .post, base + "/diagnosis", f.engineer.token, ["mainComponentDamaged": true, "inWarranty": false, "fee": ["amount": 350]])
            r = try await app.expect(.ok, .post, base + "/diagnosis", f.engineer.token,
                                     ["mainComponentDamaged": true, "inWarranty": false, "fee": ["amount": "1350.5", "currency": "CNY"], "note": "主控板烧毁"])
            #expect(r.string("status") == "awaiting_customer_approval")
            #expect((r["fee"] as? [String: Any])?["amount"] as? String == "1350.50")
            #expect(r.string("feedbackNumber")?.hasPrefix("FK") == true)
            #expect(r["chargeSlipNumber"] is NSNull)
            try await app.expect(.conflict, .post, base + "/qc", o.qaUser.token, ["passed": true], code: "customer_consent_missing")
            try await app.expect(.conflict, .post, base + "/ship", o.agent.token, ["method": "顺丰"], code: "customer_consent_missing")
            // Signed consent: the signer is required; then the charge slip.
            try await app.expect(.unprocessableContent, .post, base + "/customer-decision", o.agent.token, ["approved": true])
            try await app.expect(.forbidden, .post, base + "/customer-decision", f.engineer.token, ["approved": true, "signedBy": "王工"])
            r = try await app.expect(.ok, .post, base + "/customer-decision", o.agent.token, ["approved": true, "signedBy": "王工（场长）"])
            #expect(r.string("status") == "repairing")
            #expect(r.string("chargeSlipNumber")?.hasPrefix("SF") == true)
            // No dispatch without QC pass; QC by quality only.
            try await app.expect(.conflict, .post, base + "/ship", o.agent.token, ["method": "顺丰"], code: "qc_pass_missing")
            try await app.expect(.forbidden, .post, base + "/qc", o.agent.token, ["passed": true])
            try await app.expect(.forbidden, .post, base + "/qc", f.engineer.token, ["passed": true])
            try await app.expect(.unprocessableContent, .post, base + "/qc", o.qaUser.token, ["passed": false])
            r = try await app.expect(.ok, .post, base + "/qc", o.qaUser.token, ["passed": false, "note": "老化测试 2 小时后复现"])
            #expect(r.string("status") == "repairing")
            r = try await app.expect(.ok, .post, base + "/qc", o.qaUser.token, ["passed": true, "note": "72 小时老化通过"])
            #expect(r.string("status") == "ready_to_ship")
            try await app.expect(.unprocessableContent, .post, base + "/ship", o.agent.token, ["trackingNumber": "SF1"])
            r = try await app.expect(.ok, .post, base + "/ship", o.agent.token, ["method": "顺丰快递", "trackingNumber": "SF1234567890"])
            #expect(r.string("status") == "shipped")
            #expect((r["dispatch"] as? [String: Any])?["number"] as? String != nil)
            // The printable forms.
            for (form, title) in [("feedback", "返回品信息反馈单"), ("fee", "维修收费单"), ("outbound", "返修品出库单"), ("service-report", "维修服务报告")] {
                let page = try await app.call(.get, "/repair-orders/\(id)/forms/\(form)", token: o.agent.token)
                #expect(page.status == .ok)
                #expect(page.text.contains(title) && page.text.contains("size: A4") && page.text.contains("class=\"sign\""))
            }
            #expect(try await app.call(.get, "/repair-orders/\(id)/forms/outbound", token: o.agent.token).text.contains("顺丰快递"))
            #expect(try await app.call(.get, "/repair-orders/\(id)/forms/fee", token: o.agent.token).text.contains("1350.50"))
            r = try await app.expect(.ok, .post, base + "/close", o.agent.token)
            #expect(r.string("status") == "closed")
            try await app.expect(.conflict, .post, base + "/close", o.agent.token, code: "repair_closed")
            let del = try await app.call(.delete, base, token: o.admin)
            #expect(del.status.code >= 400 && del.status.code < 500)
            // The monthly report (RPT-03).
            let month = String(Times.calendar().component(.year, from: Date())) + "-" + String(format: "%02d", Times.calendar().component(.month, from: Date()))
            let report = try await app.expect(.ok, .get, "/api/v1/reports/repairs?month=\(month)", o.supervisor.token)
            #expect(report["received"] as? Int == 1)
            #expect(report["units"] as? Int == 2)
            #expect(report["shipped"] as? Int == 2)
            #expect(report["fees"] as? String == "1350.50")
            try await app.expect(.unprocessableContent, .get, "/api/v1/reports/repairs?month=2026-13", o.supervisor.token)
        }
    }

    @Test func declinedRepairGoesBackUnrepairedAndInWarrantyNeedsNoFee() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let a = try await app.expect(.created, .post, "/api/v1/repair-orders", o.agent.token, ["customer": ["name": "某客户"], "model": "M1", "quantity": 1, "defect": "不开机"]).string("id")!
            try await app.expect(.ok, .post, "/api/v1/repair-orders/\(a)/diagnosis", f.engineer.token, ["mainComponentDamaged": true, "inWarranty": false, "fee": ["amount": "800"]])
            var r = try await app.expect(.ok, .post, "/api/v1/repair-orders/\(a)/customer-decision", o.agent.token, ["approved": false])
            #expect(r.string("status") == "returning_unrepaired")
            #expect(r["chargeSlipNumber"] is NSNull)
            try await app.expect(.conflict, .post, "/api/v1/repair-orders/\(a)/qc", o.qaUser.token, ["passed": true], code: "not_under_repair")
            r = try await app.expect(.ok, .post, "/api/v1/repair-orders/\(a)/ship", o.agent.token, ["method": "德邦物流"])
            #expect(r.string("status") == "shipped")

            let b = try await app.expect(.created, .post, "/api/v1/repair-orders", o.agent.token, ["customer": ["name": "某客户"], "model": "M1", "defect": "风扇异响"]).string("id")!
            try await app.expect(.unprocessableContent, .post, "/api/v1/repair-orders/\(b)/diagnosis", f.engineer.token,
                                 ["mainComponentDamaged": true, "inWarranty": true, "fee": ["amount": "100"]], code: "fee_not_applicable")
            r = try await app.expect(.ok, .post, "/api/v1/repair-orders/\(b)/diagnosis", f.engineer.token, ["mainComponentDamaged": true, "inWarranty": true])
            #expect(r.string("status") == "repairing")
            try await app.expect(.conflict, .post, "/api/v1/repair-orders/\(b)/customer-decision", o.agent.token, ["approved": true, "signedBy": "x"], code: "no_decision_pending")
            let list = try await app.expect(.ok, .get, "/api/v1/repair-orders?status=repairing", o.agent.token)
            #expect(list.items.map { $0["id"] as? String } == [b])
        }
    }
}
