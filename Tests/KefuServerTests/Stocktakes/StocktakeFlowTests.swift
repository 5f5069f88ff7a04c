import Foundation
import Hummingbird
import HummingbirdTesting
import KefuPlatform
import NIOCore
import Testing

extension TestApp {
    /// A raw upload (a filled-in count sheet).
    func upload(_ path: String, token: String, bytes: [UInt8], contentType: String) async throws -> Reply {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(token)"
        headers[.contentType] = contentType
        let response = try await client.executeRequest(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
        return Reply(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    func download(_ path: String, token: String) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, bytes: [UInt8]) {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(token)"
        let response = try await client.executeRequest(uri: path, method: .get, headers: headers, body: nil)
        return (response.status, response.headers, Array(response.body.readableBytesView))
    }
}

/// #12.1: a stocktake through every step of 4.3 over HTTP, with the denials of each step.
@Suite("Stocktakes (#12.1, 4.3)")
struct StocktakeFlowTests {
    static func line(_ r: TestApp.Reply, item: String) -> [String: Any]? {
        (r["lines"] as? [[String: Any]])?.first { $0["itemId"] as? String == item }
    }

    static func num(_ v: Any?) -> Decimal? { (v as? NSNumber)?.decimalValue }

    @Test func everyStepWithItsDenials() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let root = try await app.rootUnitId(f.admin)
            _ = root
            let manager = try await app.createUser(f.admin, "mgra", roles: ["dept_manager"], unitId: f.deptA).token
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 10), f.line(f.gear, 5)])
            let body: [String: Any] = ["warehouseIds": [f.A1G], "kind": "monthly", "deadline": "2026-12-10", "counter": "张三", "supervisor": "李四"]

            // Create: the department accountant of the warehouse's department, not a site keeper, not another department.
            #expect(try await app.call(.post, "/api/v1/stocktakes", token: f.keeperA1, json: body).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/stocktakes", token: f.accB, json: body).status == .forbidden)
            let created = try await app.call(.post, "/api/v1/stocktakes", token: f.accA, json: body)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.string("id"))
            #expect(created.string("status") == "draft")
            #expect(created.string("number")?.hasPrefix("PD-") == true)

            // Distribute freezes the snapshot.
            #expect(try await app.call(.post, "/api/v1/stocktakes/\(id)/distribute", token: f.keeperA1).status == .forbidden)
            let distributed = try await app.call(.post, "/api/v1/stocktakes/\(id)/distribute", token: f.accA)
            #expect(distributed.string("status") == "counting", "\(distributed.text)")
            #expect(Self.num(Self.line(distributed, item: f.bolt)?["snapshotQuantity"]) == 10)
            #expect(try await app.call(.post, "/api/v1/stocktakes/\(id)/distribute", token: f.accA).errorCode == "invalid_state")

            // Stock moves while counting: 2 bolts issued.
            let issue = try await f.document(app, f.accA, direction: "out", reason: "self_use", warehouse: f.A1G, lines: [f.line(f.bolt, 2)])
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(issue.string("id")!)/audit", token: f.accA).status == .ok)

            // Counting: the site keeper of the warehouse, not another site's.
            let counts: [String: Any] = ["lines": [["itemId": f.bolt, "countedQuantity": 7], ["itemCode": "GEAR-01", "countedQuantity": "5"]]]
            #expect(try await app.call(.put, "/api/v1/stocktakes/\(id)/counts", token: f.keeperA2, json: counts).status == .forbidden)
            let counted = try await app.call(.put, "/api/v1/stocktakes/\(id)/counts", token: f.keeperA1, json: counts)
            #expect(counted.status == .ok, "\(counted.text)")
            let bolt = try #require(Self.line(counted, item: f.bolt))
            #expect(Self.num(bolt["movementsSince"]) == -2)
            #expect(Self.num(bolt["difference"]) == -1)
            #expect(Self.num(Self.line(counted, item: f.gear)?["difference"]) == 0)

            // A difference without a reason is refused at submission.
            let refused = try await app.call(.post, "/api/v1/stocktakes/\(id)/submit", token: f.keeperA1)
            #expect(refused.errorCode == "reason_required", "\(refused.text)")
            #expect(try await app.call(.put, "/api/v1/stocktakes/\(id)/counts", token: f.keeperA1,
                                       json: ["lines": [["itemId": f.bolt, "countedQuantity": 7, "reasonCode": "nonsense", "reason": "x"]]]).status == .unprocessableContent)
            #expect(try await app.call(.put, "/api/v1/stocktakes/\(id)/counts", token: f.keeperA1,
                                       json: ["lines": [["itemId": f.bolt, "countedQuantity": 7, "reasonCode": "shortage", "reason": "搬运丢失"]]]).status == .ok)
            #expect(try await app.call(.post, "/api/v1/stocktakes/\(id)/submit", token: f.keeperA1).string("status") == "submitted")
            #expect(try await app.call(.put, "/api/v1/stocktakes/\(id)/counts", token: f.keeperA1, json: counts).errorCode == "invalid_state")

            // Approval: the department manager (D5); not the accountant, not before submission. Return, resubmit, approve.
            #expect(try await app.call(.post, "/api/v1/stocktakes/\(id)/approve", token: f.accA).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/stocktakes/\(id)/post", token: f.accA).errorCode == "invalid_state")
            let returned = try await app.call(.post, "/api/v1/stocktakes/\(id)/return", token: manager, json: ["comment": "请复盘齿轮"])
            #expect(returned.string("status") == "counting", "\(returned.text)")
            #expect(returned.string("returnComment") == "请复盘齿轮")
            #expect(try await app.call(.post, "/api/v1/stocktakes/\(id)/submit", token: f.keeperA1).string("status") == "submitted")
            #expect(try await app.call(.post, "/api/v1/stocktakes/\(id)/approve", token: manager).string("status") == "approved")

            // Posting: the accountant; one 盘亏 issue carrying the stocktake reference; on-hand = counted.
            #expect(try await app.call(.post, "/api/v1/stocktakes/\(id)/post", token: f.keeperA1).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/stocktakes/\(id)/post", token: manager).status == .forbidden)
            let posted = try await app.call(.post, "/api/v1/stocktakes/\(id)/post", token: f.accA)
            #expect(posted.string("status") == "adjusted", "\(posted.text)")
            let docs = posted["documents"] as? [[String: Any]] ?? []
            #expect(docs.count == 1)
            #expect(docs.first?["direction"] as? String == "out")
            let doc = try await app.call(.get, "/api/v1/stock-documents/\(docs.first?["id"] as? String ?? "")", token: f.accA)
            #expect(doc.string("reason") == "stocktake_loss")
            #expect(doc.string("status") == "audited")
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.bolt) == 7)
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.gear) == 5)
            // Frozen after posting: a later movement no longer changes the line.
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 1)])
            let after = try await app.call(.get, "/api/v1/stocktakes/\(id)", token: f.accA)
            #expect(Self.num(Self.line(after, item: f.bolt)?["movementsSince"]) == -2)

            // Assessment: the HQ materials office, with a note (KPI-05).
            #expect(try await app.call(.post, "/api/v1/stocktakes/\(id)/assess", token: f.accA, json: ["note": "扣分"]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/stocktakes/\(id)/assess", token: f.hqMaterials, json: [String: Any]()).status == .unprocessableContent)
            let closed = try await app.call(.post, "/api/v1/stocktakes/\(id)/assess", token: f.hqMaterials, json: ["note": "盘亏 1 个，责任人扣 5 分"])
            #expect(closed.string("status") == "closed", "\(closed.text)")

            // Reads: another department's accountant sees it (D16), another site's keeper does not; the trail has every step.
            #expect(try await app.call(.get, "/api/v1/stocktakes/\(id)", token: f.keeperA2).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/stocktakes", token: f.keeperA2).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/stocktakes", token: f.keeperA1).items.count == 1)
            let trail = try await app.call(.get, "/api/v1/stocktakes/\(id)/history", token: f.accA).items.compactMap { $0["action"] as? String }
            for step in ["create", "distribute", "count", "submit", "return", "approve", "post", "assess"] { #expect(trail.contains(step), "\(step) not in \(trail)") }
        }
    }

    @Test func sheetExportAndImportAllOrNothing() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 10), f.line(f.gear, 5)])
            let id = try #require(try await app.call(.post, "/api/v1/stocktakes", token: f.accA,
                                                     json: ["warehouseIds": [f.A1G], "kind": "spot", "scope": "spot", "itemIds": [f.bolt, f.gear]]).string("id"))
            #expect(try await app.download("/api/v1/stocktakes/\(id)/sheet.xlsx", token: f.accA).status == .conflict)
            #expect(try await app.call(.post, "/api/v1/stocktakes/\(id)/distribute", token: f.accA).status == .ok)
            let sheet = try await app.download("/api/v1/stocktakes/\(id)/sheet.xlsx", token: f.keeperA1)
            #expect(sheet.status == .ok)
            #expect(sheet.headers[.contentType] == XLSXWriter.contentType)
            var rows = try XLSXReader.firstSheet(sheet.bytes)
            #expect(rows.first?.contains("实盘数量") == true)
            #expect(rows.count == 3)
            let counted = rows[0].firstIndex(of: "实盘数量")!, code = rows[0].firstIndex(of: "存货编码")!
            let reasonCode = rows[0].firstIndex(of: "差异原因")!, reason = rows[0].firstIndex(of: "差异说明")!
            func padded(_ r: [String]) -> [String] { r + Array(repeating: "", count: max(0, rows[0].count - r.count)) }

            // A bad file: nothing applied, errors name row and column.
            let bad = "\u{FEFF}存货编码,实盘数量\r\nBOLT-M10,9\r\nGEAR-01,abc\r\nNOPE-1,1\r\n"
            let refused = try await app.upload("/api/v1/stocktakes/\(id)/counts/import", token: f.keeperA1, bytes: Array(bad.utf8), contentType: "text/csv")
            #expect(refused.errorCode == "import_rejected", "\(refused.text)")
            #expect(refused.errorMessage?.contains("第 3 行「实盘数量」列") == true, "\(refused.errorMessage ?? "")")
            #expect(refused.errorMessage?.contains("第 4 行「存货编码」列") == true, "\(refused.errorMessage ?? "")")
            let untouched = try await app.call(.get, "/api/v1/stocktakes/\(id)", token: f.accA)
            #expect((untouched["lines"] as? [[String: Any]])?.allSatisfy { $0["countedQuantity"] == nil || $0["countedQuantity"] is NSNull } == true)
            // GBK is refused with a sentence saying how to save the file.
            let gbk = try await app.upload("/api/v1/stocktakes/\(id)/counts/import", token: f.keeperA1, bytes: [0xB4, 0xE6, 0xBB, 0xF5, 0x2C, 0x31], contentType: "text/csv")
            #expect(gbk.errorCode == "file_not_utf8")

            // The exported sheet filled in and written back as XLSX.
            for i in 1..<rows.count {
                rows[i] = padded(rows[i])
                if rows[i][code] == "BOLT-M10" { rows[i][counted] = "9.5"; rows[i][reasonCode] = "盘亏"; rows[i][reason] = "受潮报损未入账" } else { rows[i][counted] = "5" }
            }
            let table = ExportTable(sheetName: "盘点表", columns: rows[0].map { ExportTable.Column($0) }, rows: rows.dropFirst().map { $0.map { ExportTable.Cell.text($0) } })
            let imported = try await app.upload("/api/v1/stocktakes/\(id)/counts/import", token: f.keeperA1, bytes: XLSXWriter.workbook(table), contentType: XLSXWriter.contentType)
            #expect(imported.status == .ok, "\(imported.text)")
            #expect(Self.num(Self.line(imported, item: f.bolt)?["difference"]) == Decimal(string: "-0.5"))
            #expect(Self.line(imported, item: f.bolt)?["reasonCode"] as? String == "shortage")
            #expect(try await app.call(.post, "/api/v1/stocktakes/\(id)/submit", token: f.keeperA1).string("status") == "submitted")
            // Another site's keeper may not import.
            #expect(try await app.upload("/api/v1/stocktakes/\(id)/counts/import", token: f.keeperA2, bytes: Array(bad.utf8), contentType: "text/csv").status == .forbidden)
        }
    }
}
