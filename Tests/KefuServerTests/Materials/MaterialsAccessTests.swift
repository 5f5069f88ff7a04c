import Foundation
import Testing

@Suite("Materials: who may do what (DOC-08, D3, D6, MAT-05)")
struct MaterialsAccessTests {
    @Test func everyDenialIsA403WithAClearMessage() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            func denied(_ r: TestApp.Reply, _ what: String) {
                #expect(r.status == .forbidden, "\(what): \(r.status) \(r.text)")
                #expect(r.errorCode == "forbidden", "\(what)")
                #expect((r.errorMessage ?? "").count > 4, "\(what)")
            }
            // MAT-05: only HQ materials adds item codes, suppliers, warehouses.
            denied(try await app.call(.post, "/api/v1/items", token: f.accA, json: ["code": "X1", "name": "x", "unit": "个", "category": "tool", "repairClass": "I"]), "dept adds item")
            denied(try await app.call(.post, "/api/v1/items", token: f.keeperA1, json: ["code": "X1", "name": "x", "unit": "个", "category": "tool", "repairClass": "I"]), "site adds item")
            denied(try await app.call(.post, "/api/v1/suppliers", token: f.accA, json: ["code": "S9", "name": "x"]), "dept adds supplier")
            denied(try await app.call(.post, "/api/v1/warehouses", token: f.keeperA1, json: ["code": "W9", "name": "x", "orgUnitId": "x", "condition": "good"]), "site adds warehouse")
            // Roles without materials duties see nothing.
            denied(try await app.call(.get, "/api/v1/stock-documents", token: f.agent), "agent lists documents")
            denied(try await app.call(.get, "/api/v1/stock/on-hand", token: f.agent), "agent on-hand")
            // D6: a site edits its own warehouses' documents only, and never audits.
            let own = try await f.document(app, f.keeperA1, direction: "in", reason: "spot_purchase", warehouse: f.A1G, lines: [f.line(f.bolt, 3)])
            #expect(own.status == .created)
            let id = own.string("id")!
            #expect(own["actions"] as? [String] == ["edit", "delete"])
            denied(try await f.document(app, f.keeperA1, direction: "in", reason: "spot_purchase", warehouse: f.A2G, lines: [f.line(f.bolt, 3)]), "site books another site")
            denied(try await app.call(.patch, "/api/v1/stock-documents/\(id)", token: f.keeperA2, json: ["remark": "x"]), "other site edits")
            denied(try await app.call(.get, "/api/v1/stock-documents/\(id)", token: f.keeperA2), "other site views")
            denied(try await app.call(.post, "/api/v1/stock-documents/\(id)/audit", token: f.keeperA1), "site audits")
            // Department accountants audit within their department only.
            denied(try await app.call(.post, "/api/v1/stock-documents/\(id)/audit", token: f.accB), "other dept audits")
            denied(try await app.call(.delete, "/api/v1/stock-documents/\(id)", token: f.accB), "other dept deletes")
            #expect(try await app.call(.get, "/api/v1/stock-documents/\(id)", token: f.accB).status == .ok) // DOC-08: views all depts
            denied(try await app.call(.post, "/api/v1/stock-documents/\(id)/audit", token: f.hqPlanner), "planner audits a receipt")
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(id)/audit", token: f.accA).status == .ok)
            denied(try await app.call(.post, "/api/v1/stock-documents/\(id)/unaudit", token: f.keeperA1), "site un-audits")
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(id)/unaudit", token: f.hqMaterials).status == .ok) // HQ across
            // D3: cross-department transfers are HQ's alone.
            let cross: [String: Any] = ["fromWarehouseId": f.A1G, "toWarehouseId": f.B1G, "lines": [f.line(f.bolt, 1)]]
            denied(try await app.call(.post, "/api/v1/transfers", token: f.accA, json: cross), "dept makes cross transfer")
            denied(try await app.call(.post, "/api/v1/transfers", token: f.accB, json: cross), "other dept makes cross transfer")
            #expect(try await app.call(.post, "/api/v1/transfers", token: f.hqPlanner, json: cross).status == .created)
            denied(try await app.call(.post, "/api/v1/transfers", token: f.keeperA1, json: ["fromWarehouseId": f.A1G, "toWarehouseId": f.A2G, "lines": [f.line(f.bolt, 1)]]),
                   "site makes transfer")
            denied(try await app.call(.post, "/api/v1/transfers", token: f.accB, json: ["fromWarehouseId": f.A1G, "toWarehouseId": f.A2G, "lines": [f.line(f.bolt, 1)]]),
                   "other dept makes intra transfer")
            // Lists are scoped: a site sees only its own warehouses and documents.
            let lists = try await app.call(.get, "/api/v1/warehouses", token: f.keeperA2)
            #expect(lists.items.compactMap { $0["code"] as? String } == ["A2G"])
            #expect(try await app.call(.get, "/api/v1/stock-documents", token: f.keeperA2)["total"] as? Int == 0)
            #expect(try await app.call(.get, "/api/v1/stock-documents", token: f.keeperA1)["total"] as? Int == 1)
        }
    }
}
