import Foundation
import Testing

/// #13.4, #13.7: the record page is the printable freight approval form: the rule's verdict in words with its figures,
/// who approved and when, the print button and the signature lines (paper only).
@Suite("Freight approval form print (#13.4, FRT-03..06)")
struct FreightPrintTests {
    @Test func theRecordPagePrintsTheVerdictTheApproverAndTheSignatureLines() async throws {
        try await TestApp.run { app in
            let a = try await FreightFlowTests.actors(app)
            let price = try await app.call(.post, "/api/v1/freight-prices", token: a.f.hqMaterials,
                                           json: ["route": "总库—现场A1", "vehicleType": "9.6米厢车", "price": "1000.00", "effectiveFrom": "2026-01-01"]).string("id")!
            let above = try await FreightFlowTests.freight(app, a.f.keeperA1, ["shipmentRef": "FH-77", "mode": "rented_vehicle", "routeId": price,
                                                                                "cost": "1100.01", "shippedOn": "2026-11-10"])
            let aboveId = try #require(above.string("id"))
            let approved = try await app.call(.post, "/api/v1/freight/\(aboveId)/approve", token: a.supervisorA, json: ["comment": "山路绕行"])
            #expect(approved.status == .ok, "\(approved.text)")
            let express = try await FreightFlowTests.freight(app, a.f.keeperA1, ["shipmentRef": "KD-55", "mode": "express", "cost": "200", "shippedOn": "2026-11-11"])
            let expressId = try #require(express.string("id"))

            let keeper = PageSession(app)
            _ = try await keeper.signIn("keepa1", "password-keepa1")
            let page = try await keeper.get("/materials/freight/\(aboveId)")
            #expect(page.status == .ok)
            let t = page.text
            #expect(t.contains("id=\"freight-print\" data-print"), "a print button")
            #expect(t.contains("id=\"document-signatures\""), "signature lines")
            #expect(t.contains("经办人") && t.contains("业务部审批"))
            // FRT-04 with its figures: 1100.01 above 110 % of 1000.00 (1100.00).
            #expect(t.contains("租车运费 1100.01 元，超过参考价 1000.00 元的 110%（1100.00 元）"), "\(t)")
            #expect(t.contains("FRT-04"))
            // Who approved and when, with the comment.
            #expect(t.contains("id=\"freight-approval-state\" data-status=\"approved\""))
            #expect(t.contains("supa") || t.contains("山路绕行"))
            #expect(t.contains("山路绕行"))
            #expect(t.contains("timeline no-print"), "the timeline stays off paper")

            // FRT-06 at 200 yuan: the site decides, nothing to approve.
            let small = try await keeper.get("/materials/freight/\(expressId)").text
            #expect(small.contains("快递运费 200.00 元，不超过 200 元，由现场决定（FRT-06）"), "\(small)")
            #expect(small.contains("id=\"freight-approval-state\" data-status=\"not_needed\""))
        }
    }
}
