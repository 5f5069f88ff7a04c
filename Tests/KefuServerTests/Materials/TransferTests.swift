import Foundation
import Testing

@Suite("Materials: transfers with linked out and in documents (4.2)")
struct TransferTests {
    @Test func intraDepartmentTransferThreeAudits() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 10), f.line(f.gear, 4)])
            let mixed = try await app.call(.post, "/api/v1/transfers", token: f.accA, json: ["fromWarehouseId": f.A1G, "toWarehouseId": f.A1D, "lines": [f.line(f.bolt, 1)]])
            #expect(mixed.errorCode == "transfer_condition_mismatch")
            let created = try await app.call(.post, "/api/v1/transfers", token: f.accA, json: [
                "fromWarehouseId": f.A1G, "toWarehouseId": f.A2G, "lines": [f.line(f.bolt, 6), f.line(f.gear, 4)], "remark": "A2 急需", "date": "2026-11-21"])
            #expect(created.status == .created, "\(created.text)")
            #expect(created["crossDepartment"] as? Bool == false)
            #expect(created.string("number") == "DB-2026-000001")
            let id = created.string("id")!
            let audited = try await app.call(.post, "/api/v1/transfers/\(id)/audit", token: f.accA)
            #expect(audited.string("progress") == "awaiting_dispatch", "\(audited.text)")
            let docs = audited["documents"] as? [[String: Any]] ?? []
            #expect(docs.count == 2)
            let outId = docs.first { $0["direction"] as? String == "out" }?["id"] as! String
            let inId = docs.first { $0["direction"] as? String == "in" }?["id"] as! String
            // 下查 both ways; generated documents are saved, reason transfer, and carry the transfer number.
            let outDoc = try await app.call(.get, "/api/v1/stock-documents/\(outId)", token: f.accA)
            #expect(outDoc.string("transferId") == id)
            #expect(outDoc.string("reason") == "transfer")
            #expect(outDoc.string("remark")?.contains("DB-2026-000001") == true)
            #expect(try await app.call(.patch, "/api/v1/stock-documents/\(outId)", token: f.accA, json: ["remark": "x"]).errorCode == "generated_document_locked")
            // IN cannot be audited before OUT.
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(inId)/audit", token: f.accA).errorCode == "transfer_out_not_audited")
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(outId)/audit", token: f.accA).status == .ok)
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.bolt) == 4)
            #expect(try await f.onHand(app, warehouse: f.A2G, item: f.bolt) == 0)
            #expect(try await app.call(.get, "/api/v1/transfers/\(id)", token: f.accA).string("progress") == "in_transit")
            // The transfer cannot be un-audited once a side is audited.
            #expect(try await app.call(.post, "/api/v1/transfers/\(id)/unaudit", token: f.accA).errorCode == "transfer_documents_audited")
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(inId)/audit", token: f.accA).status == .ok)
            #expect(try await f.onHand(app, warehouse: f.A2G, item: f.bolt) == 6)
            #expect(try await f.onHand(app, warehouse: f.A2G, item: f.gear) == 4)
            #expect(try await app.call(.get, "/api/v1/transfers/\(id)", token: f.keeperA2).string("progress") == "received")
            // OUT cannot be un-audited while IN is audited.
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(outId)/unaudit", token: f.accA).errorCode == "transfer_in_audited")
            // LED-04: the receiving ledger's remark carries the transfer number.
            let ledger = try await app.call(.get, "/api/v1/stock/ledger?warehouseId=\(f.A2G)&from=2026-11-01&to=2026-11-30", token: f.keeperA2)
            let rows = (try JSONSerialization.jsonObject(with: Data(ledger.text.utf8))) as! [[String: Any]]
            #expect(rows.count == 2)
            #expect(rows.allSatisfy { ($0["remark"] as? String)?.contains("调拨单 DB-2026-000001") == true })
            #expect(try await MaterialsAdminCheck.consistent(app))
        }
    }

    @Test func crossDepartmentByHQAndUnauditDeletesGeneratedDocuments() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.AG, [f.line(f.gear, 3)])
            let created = try await app.call(.post, "/api/v1/transfers", token: f.hqPlanner, json: [
                "fromWarehouseId": f.AG, "toWarehouseId": f.B1G, "lines": [f.line(f.gear, 3)], "remark": "北京计划室指令 联络单 LX-88", "date": "2026-11-21"])
            #expect(created["crossDepartment"] as? Bool == true)
            let id = created.string("id")!
            #expect(try await app.call(.post, "/api/v1/transfers/\(id)/audit", token: f.accA).status == .forbidden)
            let audited = try await app.call(.post, "/api/v1/transfers/\(id)/audit", token: f.hqPlanner)
            let docs = audited["documents"] as? [[String: Any]] ?? []
            #expect(docs.count == 2)
            #expect(try await app.call(.patch, "/api/v1/transfers/\(id)", token: f.hqPlanner, json: ["remark": "x"]).errorCode == "transfer_audited")
            // Each side audits its own: the receiving department may not audit the shipping side.
            let outId = docs.first { $0["direction"] as? String == "out" }?["id"] as! String
            let inId = docs.first { $0["direction"] as? String == "in" }?["id"] as! String
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(outId)/audit", token: f.accB).status == .forbidden)
            let un = try await app.call(.post, "/api/v1/transfers/\(id)/unaudit", token: f.hqPlanner)
            #expect(un.string("status") == "saved")
            #expect((un["documents"] as? [Any])?.isEmpty == true)
            #expect(try await app.call(.get, "/api/v1/stock-documents/\(outId)", token: f.hqMaterials).status == .notFound)
            #expect(try await app.call(.get, "/api/v1/stock-documents/\(inId)", token: f.hqMaterials).status == .notFound)
            // Audit again: new numbers, never reused.
            let again = try await app.call(.post, "/api/v1/transfers/\(id)/audit", token: f.hqPlanner)
            let numbers = (again["documents"] as? [[String: Any]] ?? []).compactMap { $0["number"] as? String }.sorted()
            #expect(numbers == ["CK-2026-000002", "RK-2026-000003"])
            let out2 = (again["documents"] as? [[String: Any]] ?? []).first { $0["direction"] as? String == "out" }?["id"] as! String
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(out2)/audit", token: f.accA).status == .ok)
            #expect(try await f.onHand(app, warehouse: f.AG, item: f.gear) == 0)
            #expect(try await app.call(.delete, "/api/v1/transfers/\(id)", token: f.hqPlanner).errorCode == "retention_hold") // RET-04
        }
    }
}
