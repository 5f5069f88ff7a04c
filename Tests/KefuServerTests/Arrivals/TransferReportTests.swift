import Foundation
import Testing

/// #13.2: transfers in transit (RPT-11), the month's negotiated cross-department transfers (TRF-05, RPT-06) and a
/// transfer's shipping papers (TRF-10), each in the reader's scope.
@Suite("Transfers in transit, negotiated transfers, shipping papers (#13.2)")
struct TransferReportTests {
    @Test func aTransferIsInTransitFromItsOutAuditUntilItsInAudit() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.AG, [f.line(f.bolt, 10)])
            let transfer = try await app.call(.post, "/api/v1/transfers", token: f.accA,
                                              json: ["fromWarehouseId": f.AG, "toWarehouseId": f.A1G, "date": "2026-11-20", "lines": [f.line(f.bolt, 4)]])
            let tid = try #require(transfer.string("id"))
            let audited = try await app.call(.post, "/api/v1/transfers/\(tid)/audit", token: f.accA)
            func inTransit(_ token: String) async throws -> [[String: Any]] { try await app.call(.get, "/api/v1/reports/transfers-in-transit", token: token).items }
            // Audited transfer, out side not yet: not in transit.
            #expect(try await inTransit(f.accA).isEmpty)
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(audited.string("outDocumentId")!)/audit", token: f.accA).status == .ok)
            let rows = try await inTransit(f.keeperA1)
            #expect(rows.map { $0["id"] as? String } == [tid])
            #expect((rows.first?["ageDays"] as? NSNumber)?.intValue == 0)
            #expect(rows.first?["toWarehouseId"] as? String == f.A1G)
            // Outside the two warehouses' units: not shown; a role without the books: refused.
            #expect(try await inTransit(f.keeperA2).isEmpty)
            #expect(try await app.call(.get, "/api/v1/reports/transfers-in-transit", token: f.agent).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(audited.string("inDocumentId")!)/audit", token: f.accA).status == .ok)
            #expect(try await inTransit(f.accA).isEmpty)
        }
    }

    @Test func theMonthEndReportListsCrossDepartmentTransfersTheManagerAgreedTo() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            func transfer(_ token: String, _ from: String, _ to: String, _ date: String, _ remark: String) async throws -> String {
                let r = try await app.call(.post, "/api/v1/transfers", token: token,
                                           json: ["fromWarehouseId": from, "toWarehouseId": to, "date": date, "remark": remark, "lines": [f.line(f.bolt, 1)]])
                #expect(r.status == .created, "\(r.text)")
                return r.string("id")!
            }
            let negotiated = try await transfer(f.hqPlanner, f.AG, f.B1G, "2026-11-05", "协商调剂，业务部B经理同意")
            _ = try await transfer(f.hqPlanner, f.AG, f.B1G, "2026-11-06", "总部指令调拨")
            _ = try await transfer(f.hqPlanner, f.AG, f.B1G, "2026-10-30", "业务部B经理同意")
            _ = try await transfer(f.accA, f.AG, f.A1G, "2026-11-07", "经理同意")
            let report = try await app.call(.get, "/api/v1/reports/negotiated-transfers?month=2026-11", token: f.hqPlanner)
            #expect(report.string("month") == "2026-11")
            let rows = report.json["transfers"] as? [[String: Any]] ?? []
            #expect(rows.map { $0["id"] as? String } == [negotiated])
            #expect((rows.first?["lines"] as? [[String: Any]])?.count == 1)
            #expect(try await app.call(.get, "/api/v1/reports/negotiated-transfers?month=2026-13", token: f.hqPlanner).status == .unprocessableContent)
            // Department B's accountant sees it (its warehouse receives); a site of department A elsewhere does not.
            #expect((try await app.call(.get, "/api/v1/reports/negotiated-transfers?month=2026-11", token: f.keeperA2).json["transfers"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func theShippingWarehouseRecordsItsPapers() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let transfer = try await app.call(.post, "/api/v1/transfers", token: f.hqPlanner,
                                              json: ["fromWarehouseId": f.AG, "toWarehouseId": f.B1G, "date": "2026-11-20", "lines": [f.line(f.bolt, 1)]])
            let tid = try #require(transfer.string("id"))
            let path = "/api/v1/transfers/\(tid)/shipping-papers"
            #expect(try await app.call(.get, path, token: f.accA).string("shippingListRef") == "")
            #expect(try await app.call(.put, path, token: f.accB, json: ["shippingListRef": "FH-1"]).status == .forbidden)
            #expect(try await app.call(.put, path, token: f.accA, json: [:]).status == .unprocessableContent)
            let saved = try await app.call(.put, path, token: f.accA, json: ["shippingListRef": "FH-2026-07", "deliveryNoteRef": "SH-88", "packingListRef": "ZX-88"])
            #expect(saved.status == .ok, "\(saved.text)")
            #expect(try await app.call(.get, path, token: f.accB).string("packingListRef") == "ZX-88")
            #expect(try await app.call(.get, path, token: f.keeperA1).status == .forbidden)
        }
    }
}
