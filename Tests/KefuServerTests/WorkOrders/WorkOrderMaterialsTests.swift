import Foundation
import Hummingbird
import Testing

/// #14 item 1 over HTTP: where the order's unit has a materials store, the materials used at "finish" are issued from it
/// on one issue document (出库) linked both ways, in the step's own transaction: a line the stock cannot cover refuses
/// the whole step — the order stays "working" and no document is written; a line that is not "code quantity" is
/// refused naming the field. Without a store the materials stay free text (`WorkOrderFlowTests`).
@Suite("Work order materials issued from the unit's store (#14 item 1)")
struct WorkOrderMaterialsTests {
    @Test func materialsUsedAreIssuedFromTheStoreAllOrNothing() async throws {
        try await TestApp.run { app in
            let (f, tech, id, number) = try await Self.orderAtWorkInAStockedSite(app)
            let documentsBefore = try await app.call(.get, "/api/v1/stock-documents?warehouseId=\(f.A1G)", token: f.accA)["total"] as? Int

            // A line that is not "code quantity": refused, naming the field.
            let typo = try await app.call(.post, "/api/v1/work-orders/\(id)/finish", token: tech.token, json: ["workNotes": "更换齿轮", "materials": "齿轮 两个"])
            #expect(typo.status == .unprocessableContent || typo.status == .badRequest, "\(typo.text)")
            #expect(typo.text.contains("materials"), "\(typo.text)")
            // The bolt is not in stock: the whole step is refused and nothing is written.
            let short = try await app.call(.post, "/api/v1/work-orders/\(id)/finish", token: tech.token,
                                           json: ["workNotes": "更换齿轮", "materials": "GEAR-01 2 个\nBOLT-M10 1"])
            #expect(short.status == .unprocessableContent && short.errorCode == "insufficient_stock", "\(short.text)")
            #expect(short.errorMessage?.contains("BOLT") == true || short.errorMessage?.contains("第 2 行") == true, "\(short.text)")
            let still = try await app.call(.get, "/api/v1/work-orders/\(id)", token: tech.token)
            #expect(still.string("status") == "working" && still.string("materialsDocumentNumber") == nil, "\(still.text)")
            #expect(try await app.call(.get, "/api/v1/stock-documents?warehouseId=\(f.A1G)", token: f.accA)["total"] as? Int == documentsBefore, "no document")

            // Covered: one issue document from the store, linked both ways.
            let done = try await app.call(.post, "/api/v1/work-orders/\(id)/finish", token: tech.token, json: ["workNotes": "更换齿轮", "materials": "GEAR-01 × 2 个"])
            #expect(done.status == .ok, "\(done.text)")
            let docNumber = try #require(done.string("materialsDocumentNumber"), "\(done.text)")
            let docId = try #require(done.string("materialsDocumentId"))
            #expect(docNumber.hasPrefix("CK-") && done.string("materials") == "GEAR-01 × 2 个", "\(done.text)")
            let doc = try await app.call(.get, "/api/v1/stock-documents/\(docId)", token: f.accA)
            #expect(doc.status == .ok && doc.string("reason") == "self_use" && doc.string("remark")?.contains(number) == true, "\(doc.text)")
            #expect((doc["lines"] as? [[String: Any]])?.count == 1, "\(doc.text)")
            // Stock moves when the accountant audits it (D6).
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(docId)/audit", token: f.accA).status == .ok)
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.gear) == 3)

            // The order's page names the document, linked.
            let page = PageSession(app)
            _ = try await page.signIn("techa1", "password-techa1")
            let shown = try await page.get("/work-orders/\(id)")
            #expect(shown.status == .ok && shown.text.contains("id=\"wo-materials-document\"") && shown.text.contains(docNumber), "\(shown.status)")
        }
    }

    /// A site (A1) whose store holds 5 gears, its duty technician, and an order of that site the technician has
    /// accepted, reached and started: what "finish" with materials needs.
    static func orderAtWorkInAStockedSite(_ app: TestApp) async throws -> (f: MaterialsFixture, tech: (id: String, token: String), id: String, number: String) {
        let f = try await MaterialsFixture.make(app)
        try await f.stock(app, warehouse: f.A1G, [f.line(f.gear, 5)])
        let warehouses = try await app.call(.get, "/api/v1/warehouses", token: f.hqMaterials).items
        let siteA1 = try #require(warehouses.first { $0["id"] as? String == f.A1G }?["orgUnitId"] as? String)
        let tech = try await app.createUser(f.admin, "techa1", roles: ["duty_technician"], unitId: siteA1)
        let issued = try await app.call(.post, "/api/v1/work-orders", token: f.agent, json: WorkOrderFlowTests.body.merging(["orgUnitId": siteA1]) { $1 })
        #expect(issued.status == .created, "\(issued.text)")
        let id = try #require(issued.string("id"))
        let number = try #require(issued.string("number"))
        for step in ["accept", "arrive", "start"] {
            #expect(try await app.call(.post, "/api/v1/work-orders/\(id)/\(step)", token: tech.token, json: [String: Any]()).status == .ok, "\(step)")
        }
        return (f, tech, id, number)
    }
}
