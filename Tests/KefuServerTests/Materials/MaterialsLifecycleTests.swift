import Foundation
import KefuMaterials
import Testing

@Suite("Materials: documents, audit, un-audit, ledger")
struct MaterialsLifecycleTests {
    @Test func receiptAuditMovesStockAndUnauditReverses() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let r = try await f.document(app, f.keeperA1, direction: "in", reason: "purchase", warehouse: f.A1G,
                                         lines: [f.line(f.bolt, 10), f.line(f.gear, "2.5")], extra: ["supplierId": f.supplier, "remark": "到货"])
            #expect(r.status == .created, "\(r.text)")
            #expect(r.string("status") == "saved")
            #expect(r.string("number") == "RK-2026-000001")
            #expect(r.string("polarity") == "blue")
            let id = r.string("id")!
            // Only audited documents move stock (DOC-06).
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.bolt) == 0)
            let audited = try await app.call(.post, "/api/v1/stock-documents/\(id)/audit", token: f.accA)
            #expect(audited.status == .ok, "\(audited.text)")
            #expect(audited.string("status") == "audited")
            #expect(audited["actions"] as? [String] == ["unaudit"])
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.bolt) == 10)
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.gear) == Decimal(string: "2.5"))
            // Audited documents are read-only (DOC-04).
            let edit = try await app.call(.patch, "/api/v1/stock-documents/\(id)", token: f.accA, json: ["remark": "改"])
            #expect(edit.status == .conflict)
            #expect(edit.errorCode == "document_audited")
            #expect(try await app.call(.delete, "/api/v1/stock-documents/\(id)", token: f.accA).errorCode == "retention_hold") // RET-04
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(id)/audit", token: f.accA).errorCode == "document_already_audited")
            // Un-audit reverses; the ledger keeps both movements (append-only).
            let un = try await app.call(.post, "/api/v1/stock-documents/\(id)/unaudit", token: f.accA)
            #expect(un.string("status") == "saved")
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.bolt) == 0)
            let ledger = try await app.call(.get, "/api/v1/stock/ledger?warehouseId=\(f.A1G)&from=2026-11-01&to=2026-11-30", token: f.accA)
            let rows = (try JSONSerialization.jsonObject(with: Data(ledger.text.utf8))) as! [[String: Any]]
            #expect(rows.count == 4)
            #expect(rows.compactMap { ($0["balance"] as? NSNumber)?.decimalValue } == [10, Decimal(string: "2.5")!, 0, 0])
            #expect(rows.first?["remark"] as? String == "到货")
            #expect(rows.first?["documentNumber"] as? String == "RK-2026-000001")
            // DOC-10: the audit and un-audit are in the trail (on PostgreSQL they are written inside the ledger insert),
            // and the stored status agrees with the answer.
            let trail = try await app.call(.get, "/api/v1/stock-documents/\(id)/history", token: f.accA).items.compactMap { $0["action"] as? String }
            #expect(trail.sorted() == ["audit", "create", "unaudit"], "\(trail)")
            #expect(try await app.call(.get, "/api/v1/stock-documents/\(id)", token: f.accA).string("status") == "saved")
            #expect((rows[2]["quantityIn"] as? NSNumber)?.intValue == -10)
            // Saved again: editable; the warehouse cannot change (DOC-05).
            let moved = try await app.call(.patch, "/api/v1/stock-documents/\(id)", token: f.keeperA1, json: ["warehouseId": f.A2G])
            #expect(moved.errorCode == "warehouse_locked")
            let edited = try await app.call(.patch, "/api/v1/stock-documents/\(id)", token: f.keeperA1, json: ["lines": [f.line(f.bolt, 4)], "remark": "少到"])
            #expect(edited.status == .ok, "\(edited.text)")
            #expect((edited["lines"] as? [[String: Any]])?.count == 1)
            #expect(edited.string("remark") == "少到")
            // Deleted numbers are not reused (DOC-11).
            #expect(try await app.call(.delete, "/api/v1/stock-documents/\(id)", token: f.keeperA1).status == .noContent)
            let next = try await f.document(app, f.keeperA1, direction: "in", reason: "purchase", warehouse: f.A1G, lines: [f.line(f.bolt, 1)], extra: ["supplierId": f.supplier])
            #expect(next.string("number") == "RK-2026-000002")
            let history = try await app.call(.get, "/api/v1/stock-documents/\(next.string("id")!)/history", token: f.accA)
            #expect(history.items.map { $0["action"] as? String } == ["create"])
            #expect(try await MaterialsAdminCheck.consistent(app))
        }
    }

    @Test func stockNeverGoesBelowZero() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let receipt = try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 5)])
            let issue = try await f.document(app, f.keeperA1, direction: "out", reason: "self_use", warehouse: f.A1G, lines: [f.line(f.bolt, 6)])
            #expect(issue.status == .created)
            let refused = try await app.call(.post, "/api/v1/stock-documents/\(issue.string("id")!)/audit", token: f.accA)
            #expect(refused.status == .conflict)
            #expect(refused.errorCode == "stock_below_zero")
            #expect(refused.errorMessage?.contains("BOLT-M10") == true)
            #expect(refused.errorMessage?.contains("A1G") == true)
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.bolt) == 5)
            // Issue 3, then un-auditing the receipt would leave −3: refused too.
            let ok = try await f.document(app, f.keeperA1, direction: "out", reason: "self_use", warehouse: f.A1G, lines: [f.line(f.bolt, 3)])
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(ok.string("id")!)/audit", token: f.accA).status == .ok)
            let unaudit = try await app.call(.post, "/api/v1/stock-documents/\(receipt)/unaudit", token: f.accA)
            #expect(unaudit.errorCode == "stock_below_zero")
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.bolt) == 2)
            // A red material return lowers stock and cannot exceed it (RTN-03).
            let ret = try await f.document(app, f.accA, direction: "in", reason: "material_return", warehouse: f.A1G, lines: [f.line(f.bolt, -2)])
            #expect(ret.string("polarity") == "red")
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(ret.string("id")!)/audit", token: f.accA).status == .ok)
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.bolt) == 0)
            let tooMuch = try await f.document(app, f.accA, direction: "in", reason: "material_return", warehouse: f.A1G, lines: [f.line(f.bolt, -1)])
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(tooMuch.string("id")!)/audit", token: f.accA).errorCode == "stock_below_zero")
            // A red self-use issue brings leftovers back (D2).
            let back = try await f.document(app, f.accA, direction: "out", reason: "self_use", warehouse: f.A1G, lines: [f.line(f.bolt, -1)])
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(back.string("id")!)/audit", token: f.accA).status == .ok)
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.bolt) == 1)
            #expect(try await MaterialsAdminCheck.consistent(app))
        }
    }

    @Test func documentRulesAreEnforced() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let noSupplier = try await f.document(app, f.accA, direction: "in", reason: "purchase", warehouse: f.A1G, lines: [f.line(f.bolt, 1)])
            #expect(noSupplier.errorCode == "supplier_required")
            let wrongWarehouse = try await f.document(app, f.accA, direction: "in", reason: "damaged", warehouse: f.A1G, lines: [f.line(f.gear, 1)])
            #expect(wrongWarehouse.status == .unprocessableContent)
            #expect(wrongWarehouse.errorCode == "category_condition_mismatch")
            let repairFromGood = try await f.document(app, f.accA, direction: "out", reason: "repair_return", warehouse: f.A1G, lines: [f.line(f.gear, 1)])
            #expect(repairFromGood.errorCode == "category_condition_mismatch")
            let scrap = try await f.document(app, f.keeperA1, direction: "out", reason: "scrap", warehouse: f.A1D, lines: [f.line(f.gear, 1)])
            #expect(scrap.errorCode == "scrap_approval_required")
            let approved = try await f.document(app, f.keeperA1, direction: "out", reason: "scrap", warehouse: f.A1D, lines: [f.line(f.gear, 1)],
                                                extra: ["approvalRef": "业务部经理张工 2026-11-19 批准"])
            #expect(approved.status == .created)
            #expect(approved.string("number") == "CK-2026-000001")
            let blueReturn = try await f.document(app, f.accA, direction: "in", reason: "material_return", warehouse: f.A1G, lines: [f.line(f.bolt, 1)])
            #expect(blueReturn.errorCode == "material_return_must_be_red")
            let redPurchase = try await f.document(app, f.accA, direction: "in", reason: "spot_purchase", warehouse: f.A1G, lines: [f.line(f.bolt, -1)])
            #expect(redPurchase.errorCode == "red_not_allowed")
            let handTransfer = try await f.document(app, f.accA, direction: "in", reason: "transfer", warehouse: f.A1G, lines: [f.line(f.bolt, 1)])
            #expect(handTransfer.errorCode == "reason_not_for_direction")
            let tooPrecise = try await f.document(app, f.accA, direction: "in", reason: "spot_purchase", warehouse: f.A1G, lines: [f.line(f.bolt, "1.0001")])
            #expect(tooPrecise.status == .unprocessableContent)
            let badDate = try await f.document(app, f.accA, direction: "in", reason: "spot_purchase", warehouse: f.A1G, lines: [f.line(f.bolt, 1)], extra: ["date": "2026-02-30"])
            #expect(badDate.status == .unprocessableContent)
            let list = try await app.call(.get, "/api/v1/stock-documents?reason=scrap&warehouseId=\(f.A1D)", token: f.accA)
            #expect(list["total"] as? Int == 1)
        }
    }

    @Test func itemImportReportsEveryBadRowAndImportsNothing() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let bad = "code,name,unit,category,repairClass,shelfLifeDays\nNEW-1,新件,个,tool,I,\nBOLT-M10,重复,个,tool,I,\nNEW-2,,个,tool,I,\nNEW-3,件,个,gadget,I,\nNEW-1,再次,个,tool,II,x\n"
            let report = try await app.call(.post, "/api/v1/items/import", token: f.hqMaterials, json: ["csv": bad])
            #expect(report.status == .ok)
            #expect(report["imported"] as? Int == 0)
            let errors = report["errors"] as? [[String: Any]] ?? []
            #expect(errors.compactMap { $0["row"] as? Int } == [3, 4, 5, 6])
            #expect(errors.first?["code"] as? String == "code_taken")
            let good = "\u{FEFF}code,name,spec,unit,category,repairClass,abcClass\r\nNEW-1,\"轴承, 6205\",6205,个,spare_part,II,A\r\nNEW-2,密封圈,,个,consumable,I,C\r\n"
            let ok = try await app.call(.post, "/api/v1/items/import", token: f.hqMaterials, json: ["csv": good])
            #expect(ok["imported"] as? Int == 2, "\(ok.text)")
            let items = try await app.call(.get, "/api/v1/items?q=NEW", token: f.keeperA1)
            #expect(items["total"] as? Int == 2)
            #expect(items.items.first?["name"] as? String == "轴承, 6205")
            #expect(try await app.call(.post, "/api/v1/items/import", token: f.accA, json: ["csv": good]).status == .forbidden)
        }
    }
}

/// The ledger check of `kefu check-ledger`, plus "never negative", run against the test database.
enum MaterialsAdminCheck {
    static func consistent(_ app: TestApp) async throws -> Bool {
        try await app.store.read { db in
            let diffs = try await LedgerCheck.differences(db)
            let negative = try await db.raw("SELECT COUNT(*) AS n FROM stock_balances WHERE quantity < 0").first()!.decode(column: "n", as: Int.self)
            // The latest balance_after of each pair equals the balance.
            let stale = try await db.raw("""
                SELECT COUNT(*) AS n FROM stock_balances b WHERE b.quantity <> COALESCE((SELECT m.balance_after FROM stock_movements m
                WHERE m.warehouse_id = b.warehouse_id AND m.item_id = b.item_id ORDER BY m.seq DESC LIMIT 1), 0)
                """).first()!.decode(column: "n", as: Int.self)
            if !diffs.isEmpty || negative > 0 || stale > 0 { Issue.record("ledger: \(diffs) negative \(negative) stale \(stale)") }
            return diffs.isEmpty && negative == 0 && stale == 0
        }
    }
}
