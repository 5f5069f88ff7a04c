import Foundation
import KefuMaterials
import Testing

/// #12.4: bins (STO-03), storage attributes (STO-01), batches and shelf life with FEFO (STO-05, ISS-06), and that
/// bins and batches stay equal to the warehouse balance through audit and un-audit.
@Suite("Materials: bins, batches and FEFO (#12.4)")
struct StorageTests {
    static func bin(_ app: TestApp, _ token: String, _ warehouse: String, _ rack: String, _ tier: String = "1", _ position: String = "1",
                    hazardous: Bool = false) async throws -> TestApp.Reply {
        try await app.call(.post, "/api/v1/bins", token: token, json: ["warehouseId": warehouse, "rack": rack, "tier": tier, "position": position, "hazardous": hazardous])
    }

    static func batches(_ app: TestApp, _ token: String, item: String, warehouse: String) async throws -> [[String: Any]] {
        let r = try await app.call(.get, "/api/v1/stock/batches?itemId=\(item)&warehouseId=\(warehouse)", token: token)
        #expect(r.status == .ok, "\(r.text)")
        return (try? JSONSerialization.jsonObject(with: Data(r.text.utf8))) as? [[String: Any]] ?? []
    }

    static func quantity(_ row: [String: Any]) -> Decimal { (row["quantity"] as? NSNumber)?.decimalValue ?? -1 }

    static func audit(_ app: TestApp, _ f: MaterialsFixture, _ reply: TestApp.Reply) async throws -> TestApp.Reply {
        #expect(reply.status == .created, "\(reply.text)")
        return try await app.call(.post, "/api/v1/stock-documents/\(reply.string("id") ?? "")/audit", token: f.accA)
    }

    static func checkInvariant(_ app: TestApp) async throws {
        let problems = try await StorageCheck.problems(app.store)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func binsAreCodedUniquePerWarehouseAndKeptToTheirUnit() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let made = try await Self.bin(app, f.keeperA1, f.A1G, "a1", "2", "03")
            #expect(made.status == .created, "\(made.text)")
            #expect(made.string("code") == "A1-2-03")
            #expect(made.string("location") == "A1G-A1-2-03")
            #expect(try await Self.bin(app, f.keeperA1, f.A1G, "A1", "2", "03").errorCode == "duplicate_bin")
            #expect(try await Self.bin(app, f.keeperA1, f.A2G, "A1", "2", "03").status == .forbidden, "another site's warehouse")
            #expect(try await Self.bin(app, f.keeperA2, f.A2G, "A1", "2", "03").status == .created, "the same code in another warehouse")
            #expect(try await Self.bin(app, f.keeperA1, f.A1G, "A-1").status == .unprocessableContent)
            #expect(try await Self.bin(app, f.agent, f.A1G, "Z").status == .forbidden)
            let mine = try await app.call(.get, "/api/v1/bins", token: f.keeperA1)
            #expect(mine.items.map { $0["location"] as? String } == ["A1G-A1-2-03"], "a site sees its own bins only")
            let all = try await app.call(.get, "/api/v1/bins", token: f.accB)
            #expect(all.items.count == 2)
            #expect(try await app.call(.get, "/api/v1/bins", token: f.agent).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/stock/batches", token: f.agent).status == .forbidden)
        }
    }

    @Test func shelfLifeReceiptsNeedBatchDataAndIssuesTakeTheEarliestExpiryFirst() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            #expect(try await app.call(.patch, "/api/v1/items/\(f.gear)", token: f.hqMaterials, json: ["shelfLifeDays": 365]).status == .ok)
            let shelf = try await Self.bin(app, f.keeperA1, f.A1G, "S", "1", "1")
            let binId = shelf.string("id")!
            let bare = try await f.document(app, f.accA, direction: "in", reason: "purchase", warehouse: f.A1G, lines: [f.line(f.gear, 5)], extra: ["supplierId": f.supplier])
            #expect(bare.status == .unprocessableContent)
            #expect((bare.json["error"] as? [String: Any])?["field"] as? String == "lines[0].productionDate", "\(bare.text)")
            let late = try await f.document(app, f.accA, direction: "in", reason: "purchase", warehouse: f.A1G,
                                            lines: [["itemId": f.gear, "quantity": 5, "batchNo": "L-LATE", "expiryDate": "2027-06-01", "binId": binId]], extra: ["supplierId": f.supplier])
            #expect(try await Self.audit(app, f, late).status == .ok)
            // No bin named: put with the stock already there (the default bin).
            let early = try await f.document(app, f.accA, direction: "in", reason: "purchase", warehouse: f.A1G,
                                             lines: [["itemId": f.gear, "quantity": 5, "batchNo": "L-EARLY", "productionDate": "2026-03-01"]], extra: ["supplierId": f.supplier])
            #expect(try await Self.audit(app, f, early).status == .ok)
            var rows = try await Self.batches(app, f.keeperA1, item: f.gear, warehouse: f.A1G)
            #expect(rows.map { $0["batchNo"] as? String } == ["L-EARLY", "L-LATE"], "FEFO order: 2027-03-01 (production + 365 days) before 2027-06-01")
            #expect(rows.first?["expiryDate"] as? String == "2027-03-01")
            #expect(rows.allSatisfy { $0["binCode"] as? String == "S-1-1" })
            #expect(rows.first?["issueOrder"] as? Int == 1)

            let issue = try await f.document(app, f.accA, direction: "out", reason: "self_use", warehouse: f.A1G, lines: [f.line(f.gear, 7)])
            let proposed = try await app.call(.get, "/api/v1/stock-documents/\(issue.string("id") ?? "")/placements", token: f.keeperA1)
            #expect(proposed.items.map { "\($0["batchNo"] as? String ?? "")=\(($0["quantity"] as? NSNumber)?.intValue ?? -1)" } == ["L-EARLY=5", "L-LATE=2"], "\(proposed.text)")
            #expect(proposed.items.allSatisfy { $0["done"] as? Bool == false })
            #expect(try await app.call(.get, "/api/v1/stock-documents/\(issue.string("id") ?? "")/placements", token: f.keeperA2).status == .forbidden)
            let issued = try await Self.audit(app, f, issue)
            #expect(issued.status == .ok, "\(issued.text)")
            rows = try await Self.batches(app, f.keeperA1, item: f.gear, warehouse: f.A1G)
            #expect(rows.map { $0["batchNo"] as? String } == ["L-LATE"])
            #expect(rows.first.map(Self.quantity) == 3)

            // Un-audit of the issue puts back exactly what it took.
            let lateId = rows.first?["batchId"] as? String
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(issue.string("id")!)/unaudit", token: f.accA).status == .ok)
            rows = try await Self.batches(app, f.keeperA1, item: f.gear, warehouse: f.A1G)
            #expect(rows.map { $0["batchNo"] as? String } == ["L-EARLY", "L-LATE"])
            #expect(rows.map(Self.quantity) == [5, 5])
            // Naming a batch that holds too little is refused at audit (the warehouse holds enough), and nothing moves.
            // Another batch than the first to expire needs a reason (#12 §4).
            let unexplained = try await f.document(app, f.accA, direction: "out", reason: "self_use", warehouse: f.A1G, lines: [["itemId": f.gear, "quantity": 1, "batchId": lateId ?? ""]])
            #expect(unexplained.status == .unprocessableContent && (unexplained.json["error"] as? [String: Any])?["field"] as? String == "lines[0].remark", "\(unexplained.text)")
            let named = try await f.document(app, f.accA, direction: "out", reason: "self_use", warehouse: f.A1G,
                                             lines: [["itemId": f.gear, "quantity": 6, "batchId": lateId ?? "", "remark": "客户指定批次"]])
            #expect(named.status == .created, "\(named.text)")
            let short = try await app.call(.post, "/api/v1/stock-documents/\(named.string("id")!)/audit", token: f.accA)
            #expect(short.status == .conflict && short.errorCode == "batch_short", "\(short.text)")
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.gear) == 10)
            // A named batch with enough is taken even when another expires first.
            let take = try await f.document(app, f.accA, direction: "out", reason: "self_use", warehouse: f.A1G, lines: [["itemId": f.gear, "quantity": 2, "batchId": lateId ?? "", "remark": "客户指定批次"]])
            #expect(try await Self.audit(app, f, take).status == .ok)
            rows = try await Self.batches(app, f.keeperA1, item: f.gear, warehouse: f.A1G)
            #expect(rows.map(Self.quantity) == [5, 3])
            // Near expiry (threshold 1000 days makes both near).
            #expect(try await app.call(.patch, "/api/v1/items/\(f.gear)", token: f.hqMaterials, json: ["nearExpiryDays": 1000]).status == .ok)
            let near = try await app.call(.get, "/api/v1/stock/batches?near=1&warehouseId=\(f.A1G)", token: f.keeperA1)
            #expect(near.text.contains("L-EARLY") && near.text.contains("\"nearExpiry\":true"), "\(near.text)")
            try await Self.checkInvariant(app)
        }
    }

    @Test func hazardousGoodsOnlyInDesignatedBins() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let set = try await app.call(.patch, "/api/v1/items/\(f.bolt)", token: f.hqMaterials, json: ["storageAttributes": ["hazardous", "volatile"]])
            #expect(set.status == .ok, "\(set.text)")
            #expect(set.json["storageAttributes"] as? [String] == ["hazardous", "volatile"])
            #expect(try await app.call(.patch, "/api/v1/items/\(f.bolt)", token: f.hqMaterials, json: ["storageAttributes": ["explosive"]]).status == .unprocessableContent)
            let hazardous = try await Self.bin(app, f.keeperA1, f.A1G, "H", hazardous: true).string("id")!
            let ordinary = try await Self.bin(app, f.keeperA1, f.A1G, "N").string("id")!
            let wrongBin = try await f.document(app, f.accA, direction: "in", reason: "spot_purchase", warehouse: f.A1G, lines: [["itemId": f.bolt, "quantity": 2, "binId": ordinary]])
            #expect(wrongBin.errorCode == "hazardous_bin_required", "\(wrongBin.text)")
            let noBin = try await f.document(app, f.accA, direction: "in", reason: "spot_purchase", warehouse: f.A1G, lines: [f.line(f.bolt, 2)])
            let refused = try await Self.audit(app, f, noBin)
            #expect(refused.status == .conflict && refused.errorCode == "hazardous_bin_required", "\(refused.text)")
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.bolt) == 0, "the refused audit moved nothing")
            let right = try await f.document(app, f.accA, direction: "in", reason: "spot_purchase", warehouse: f.A1G, lines: [["itemId": f.bolt, "quantity": 2, "binId": hazardous]])
            #expect(try await Self.audit(app, f, right).status == .ok)
            let ordinaryIn = try await f.document(app, f.accA, direction: "in", reason: "spot_purchase", warehouse: f.A1G, lines: [["itemId": f.gear, "quantity": 1, "binId": hazardous]])
            #expect(ordinaryIn.errorCode == "bin_hazardous_only", "\(ordinaryIn.text)")
            let move = try await app.call(.post, "/api/v1/bins/moves", token: f.keeperA1,
                                          json: ["warehouseId": f.A1G, "itemId": f.bolt, "fromBinId": hazardous, "toBinId": ordinary, "quantity": 1])
            #expect(move.errorCode == "hazardous_bin_required", "\(move.text)")
            try await Self.checkInvariant(app)
        }
    }

    @Test func movesKeepTheBalanceAndUnauditReversesExactlyOrRefuses() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let a = try await Self.bin(app, f.keeperA1, f.A1G, "A").string("id")!
            let b = try await Self.bin(app, f.keeperA1, f.A1G, "B").string("id")!
            let receipt = try await f.document(app, f.accA, direction: "in", reason: "spot_purchase", warehouse: f.A1G, lines: [["itemId": f.bolt, "quantity": 10, "binId": a]])
            #expect(try await Self.audit(app, f, receipt).status == .ok)
            let denied = try await app.call(.post, "/api/v1/bins/moves", token: f.keeperA2, json: ["warehouseId": f.A1G, "itemId": f.bolt, "fromBinId": a, "toBinId": b, "quantity": 4])
            #expect(denied.status == .forbidden)
            let moved = try await app.call(.post, "/api/v1/bins/moves", token: f.keeperA1, json: ["warehouseId": f.A1G, "itemId": f.bolt, "fromBinId": a, "toBinId": b, "quantity": 4])
            #expect(moved.status == .ok, "\(moved.text)")
            var rows = try await Self.batches(app, f.keeperA1, item: f.bolt, warehouse: f.A1G)
            #expect(Set(rows.map { "\($0["binCode"] as? String ?? "")=\(Self.quantity($0))" }) == ["A-1-1=6", "B-1-1=4"])
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.bolt) == 10)
            let tooMuch = try await app.call(.post, "/api/v1/bins/moves", token: f.keeperA1, json: ["warehouseId": f.A1G, "itemId": f.bolt, "fromBinId": a, "toBinId": b, "quantity": 7])
            #expect(tooMuch.errorCode == "bin_short")
            // The receipt put 10 into A; 4 of them lie in B now: un-audit cannot take them back from A.
            let undo = try await app.call(.post, "/api/v1/stock-documents/\(receipt.string("id")!)/unaudit", token: f.accA)
            #expect(undo.status == .conflict && undo.errorCode == "place_below_zero", "\(undo.text)")
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.bolt) == 10, "the refused un-audit moved nothing")
            #expect(try await app.call(.post, "/api/v1/bins/moves", token: f.keeperA1, json: ["warehouseId": f.A1G, "itemId": f.bolt, "fromBinId": b, "toBinId": a, "quantity": 4]).status == .ok)
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(receipt.string("id")!)/unaudit", token: f.accA).status == .ok)
            rows = try await Self.batches(app, f.keeperA1, item: f.bolt, warehouse: f.A1G)
            #expect(rows.isEmpty)
            try await Self.checkInvariant(app)
        }
    }
}

@Suite("Materials: on-hand report with drill-down (RPT-01)")
struct OnHandReportTests {
    @Test func departmentsDrillDownToSiteWarehouseBinAndBatchWithinScope() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let shelf = try await StorageTests.bin(app, f.keeperA1, f.A1G, "R").string("id")!
            let r1 = try await f.document(app, f.accA, direction: "in", reason: "spot_purchase", warehouse: f.A1G,
                                          lines: [["itemId": f.bolt, "quantity": 4, "binId": shelf, "batchNo": "K1", "expiryDate": "2027-01-01"], f.line(f.bolt, 1)])
            #expect(try await StorageTests.audit(app, f, r1).status == .ok)
            try await f.stock(app, warehouse: f.A2G, [f.line(f.bolt, 2)])
            try await f.stock(app, warehouse: f.AG, [f.line(f.gear, 3)])
            let dept = try await app.call(.get, "/api/v1/reports/on-hand", token: f.hqMaterials)
            #expect(dept.status == .ok, "\(dept.text)")
            let rows = dept.json["rows"] as? [[String: Any]] ?? []
            let bolt = rows.first { $0["itemCode"] as? String == "BOLT-M10" }
            #expect(bolt?["groupLabel"] as? String == "业务部A" && (bolt?["quantity"] as? NSNumber)?.intValue == 7, "\(rows)")
            let drill = bolt?["drill"] as? String ?? ""
            let sites = try await app.call(.get, "/api/v1/reports/on-hand?" + drill, token: f.hqMaterials).json["rows"] as? [[String: Any]] ?? []
            #expect(Set(sites.map { "\($0["groupLabel"] as? String ?? "")=\(($0["quantity"] as? NSNumber)?.intValue ?? -1)" }) == ["现场A1=5", "现场A2=2", "业务部A=3"], "\(sites)")
            let a1 = sites.first { $0["groupLabel"] as? String == "现场A1" }?["drill"] as? String ?? ""
            let whs = try await app.call(.get, "/api/v1/reports/on-hand?" + a1, token: f.hqMaterials).json["rows"] as? [[String: Any]] ?? []
            #expect(whs.map { $0["groupLabel"] as? String } == ["A1G 仓库A1G"])
            let bins = try await app.call(.get, "/api/v1/reports/on-hand?" + (whs.first?["drill"] as? String ?? ""), token: f.hqMaterials).json["rows"] as? [[String: Any]] ?? []
            #expect(Set(bins.map { "\($0["groupLabel"] as? String ?? "")=\(($0["quantity"] as? NSNumber)?.intValue ?? -1)" }) == ["R-1-1=5"], "\(bins)")
            let batches = try await app.call(.get, "/api/v1/reports/on-hand?" + (bins.first?["drill"] as? String ?? ""), token: f.hqMaterials).json
            let batchRows = batches["rows"] as? [[String: Any]] ?? []
            #expect(Set(batchRows.map { $0["groupLabel"] as? String ?? "" }) == ["K1 @ R-1-1", "无批次 @ R-1-1"], "\(batchRows)")
            #expect(batchRows.contains { $0["expiryDate"] as? String == "2027-01-01" })
            // Scope: a site sees only its own warehouses.
            let siteView = try await app.call(.get, "/api/v1/reports/on-hand?level=warehouse", token: f.keeperA2).json["rows"] as? [[String: Any]] ?? []
            #expect(siteView.map { $0["groupLabel"] as? String } == ["A2G 仓库A2G"])
            #expect(try await app.call(.get, "/api/v1/reports/on-hand", token: f.agent).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/reports/on-hand?level=planet", token: f.hqMaterials).status == .unprocessableContent)
            let s = PageSession(app)
            _ = try await s.signIn("keepa1", "password-keepa1")
            let csv = try await s.get("/materials/reports/on-hand.csv?level=bin&warehouseId=\(f.A1G)")
            #expect(csv.text.contains("库位,存货编码,存货名称,单位,现存量,有效期至"), "\(csv.text)")
            #expect(csv.text.contains("R-1-1,BOLT-M10"))
            let xlsx = try await s.get("/materials/reports/on-hand.xlsx?level=batch&warehouseId=\(f.A1G)")
            #expect(xlsx.status == .ok && xlsx.headers[.contentType]?.contains("spreadsheetml") == true && xlsx.text.hasPrefix("PK"))
            let page = try await s.get("/materials/reports/on-hand?level=site")
            #expect(page.status == .ok && page.text.contains("现场A1") && !page.text.contains("现场A2"))
            // STO-08: damaged stock lies in the site's damaged-goods warehouse and is reported apart, marked.
            let damaged = try await f.document(app, f.accA, direction: "in", reason: "damaged", warehouse: f.A1D, lines: [f.line(f.gear, 1)])
            #expect(try await StorageTests.audit(app, f, damaged).status == .ok)
            let site = try await app.call(.get, "/api/v1/reports/on-hand?" + a1, token: f.hqMaterials).json["rows"] as? [[String: Any]] ?? []
            #expect(site.map { $0["groupLabel"] as? String } == ["A1D 仓库A1D（损坏品库）", "A1G 仓库A1G"], "\(site)")
        }
    }
}
