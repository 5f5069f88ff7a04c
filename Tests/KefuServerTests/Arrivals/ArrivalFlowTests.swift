import Foundation
import Testing

/// #13.2 ARR-01..07: a site checks a delivery against its papers, reports short, over or damaged lines with photos to the
/// site chief and the department, completes the check (the receipt drafted with the counted quantities, linked both
/// ways); goods without papers wait for the production warehouse's shipper (ARR-05); the check is due 5 working days
/// after arrival on #3's calendar, and late checks are flagged to the site chief (ARR-06).
@Suite("Arrival checks (#13.2, ARR-01..07)")
struct ArrivalFlowTests {
    struct People { let siteLead: String; let deptManager: String; let producer: String; let siteA1: String }

    static func people(_ app: TestApp, _ f: MaterialsFixture) async throws -> People {
        let warehouses = try await app.call(.get, "/api/v1/warehouses?per=100", token: f.hqMaterials).items
        let siteA1 = try #require(warehouses.first { $0["id"] as? String == f.A1G }?["orgUnitId"] as? String)
        let root = try await app.rootUnitId(f.admin)
        return People(siteLead: try await app.createUser(f.admin, "leada1", roles: ["site_lead"], unitId: siteA1).token,
                      deptManager: try await app.createUser(f.admin, "mgra", roles: ["dept_manager"], unitId: f.deptA).token,
                      producer: try await app.createUser(f.admin, "shipper", roles: ["production"], unitId: root).token, siteA1: siteA1)
    }

    static func kinds(_ app: TestApp, _ token: String) async throws -> [String] {
        try await app.call(.get, "/api/v1/notifications", token: token).items.compactMap { $0["kind"] as? String }
    }

    @Test func aSupplierDeliveryWithAShortDamagedLineIsReportedCompletedAndItsReceiptDrafted() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let p = try await Self.people(app, f)
            let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "Asia/Shanghai")!, formatOptions: [.withFullDate])
            let created = try await app.call(.post, "/api/v1/arrivals", token: f.keeperA1, json: [
                "warehouseId": f.A1G, "supplierId": f.supplier, "arrivedAt": today, "deliveryNoteRef": "SH-2026-118", "packingListRef": "ZX-7",
                "lines": [["itemCode": "bolt-m10", "expectedQuantity": "10", "countedQuantity": 8, "note": "少两个"],
                          ["itemId": f.gear, "expectedQuantity": 1, "countedQuantity": 1, "damaged": true, "note": "外箱破损"]]])
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.string("id"))
            #expect(created.string("status") == "checking")
            #expect(created.string("source") == "supplier")
            #expect(created.string("number")?.hasPrefix("DH-") == true)
            #expect(created.json["provisional"] as? Bool == false)
            #expect(created.json["hasDiscrepancy"] as? Bool == true)
            #expect(created.string("clock") == "running" || created.string("clock") == "due_soon")
            let lines = created.json["lines"] as? [[String: Any]] ?? []
            #expect(lines.count == 2)
            #expect((lines.first?["difference"] as? NSNumber)?.intValue == -2)
            #expect(lines.first?["itemCode"] as? String == "BOLT-M10")
            // ARR-04: the site chief and the department are told; another site's keeper neither sees it nor adds photos.
            #expect(try await Self.kinds(app, p.siteLead).contains("arrival_discrepancy"))
            #expect(try await Self.kinds(app, p.deptManager).contains("arrival_discrepancy"))
            #expect(try await app.call(.get, "/api/v1/arrivals/\(id)", token: f.keeperA2).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/arrivals", token: f.keeperA2).items.isEmpty)
            #expect(try await app.call(.post, "/api/v1/attachments", token: f.keeperA2,
                                       json: ["ownerKind": "arrival", "ownerId": id, "label": "damage", "fileName": "a.png", "data": MatrixRecords.pngBase64]).status == .forbidden)
            let photo = try await app.call(.post, "/api/v1/attachments", token: f.keeperA1,
                                           json: ["ownerKind": "arrival", "ownerId": id, "label": "damage", "fileName": "box.png", "data": MatrixRecords.pngBase64])
            #expect(photo.status == .created, "\(photo.text)")
            #expect(try await app.call(.get, "/api/v1/attachments?ownerKind=arrival&ownerId=\(id)", token: p.siteLead).items.count == 1)
            // The site chief sees but does not complete; another site's keeper cannot.
            #expect(try await app.call(.post, "/api/v1/arrivals/\(id)/complete", token: p.siteLead).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/arrivals/\(id)/complete", token: f.keeperA2).status == .forbidden)
            let done = try await app.call(.post, "/api/v1/arrivals/\(id)/complete", token: f.keeperA1)
            #expect(done.status == .ok, "\(done.text)")
            #expect(done.string("status") == "completed")
            #expect(done.string("clock") == "checked_in_time")
            let receiptId = try #require(done.string("receiptDocumentId"))
            // The receipt: a saved purchase receipt of the counted quantities, naming the arrival and its papers.
            let receipt = try await app.call(.get, "/api/v1/stock-documents/\(receiptId)", token: f.keeperA1)
            #expect(receipt.string("status") == "saved")
            #expect(receipt.string("direction") == "in")
            #expect(receipt.string("supplierId") == f.supplier)
            #expect(receipt.string("remark")?.contains(created.string("number")!) == true)
            #expect(receipt.string("remark")?.contains("SH-2026-118") == true)
            let receiptLines = receipt.json["lines"] as? [[String: Any]] ?? []
            #expect(receiptLines.map { ($0["quantity"] as? NSNumber)?.intValue } == [8, 1])
            // Completed once; no photos after.
            #expect(try await app.call(.post, "/api/v1/arrivals/\(id)/complete", token: f.keeperA1).errorCode == "arrival_completed")
            #expect(try await app.call(.post, "/api/v1/attachments", token: f.keeperA1,
                                       json: ["ownerKind": "arrival", "ownerId": id, "label": "damage", "fileName": "b.png", "data": MatrixRecords.pngBase64]).status == .conflict)
            // Findable by its number in the quick search, in scope only.
            let number = created.string("number")!
            #expect(try await QuickSearchTests.search(app, f.keeperA1, number.lowercased()).compactMap { $0["href"] as? String } == ["/materials/arrivals/\(id)"])
            #expect(try await QuickSearchTests.search(app, f.keeperA2, number).isEmpty)
            // The receiving log (ARR-03): completed arrivals of the warehouse with their papers and lines.
            let log = try await app.call(.get, "/api/v1/arrivals?warehouseId=\(f.A1G)&state=completed", token: p.siteLead).items
            #expect(log.map { $0["id"] as? String } == [id])
            #expect((log.first?["lines"] as? [[String: Any]])?.count == 2)
        }
    }

    @Test func refusalsNameTheirField() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            func post(_ token: String, _ body: [String: Any]) async throws -> TestApp.Reply { try await app.call(.post, "/api/v1/arrivals", token: token, json: body) }
            let line: [[String: Any]] = [["itemId": f.bolt, "expectedQuantity": 2, "countedQuantity": 2]]
            #expect(try await post(f.keeperA2, ["warehouseId": f.A1G, "supplierId": f.supplier, "lines": line]).status == .forbidden)
            #expect(try await post(f.agent, ["warehouseId": f.A1G, "supplierId": f.supplier, "lines": line]).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/arrivals", token: f.agent).status == .forbidden)
            let noSource = try await post(f.keeperA1, ["warehouseId": f.A1G, "lines": line])
            #expect(noSource.status == .unprocessableContent)
            #expect((noSource.json["error"] as? [String: Any])?["field"] as? String == "source")
            // #13.1 item 1: a request is named by its id or number and must exist (ArrivalRequestLoopTests follow a real one).
            let requestOnly = try await post(f.keeperA1, ["warehouseId": f.A1G, "materialRequestId": "REQ-1", "lines": line])
            #expect((requestOnly.json["error"] as? [String: Any])?["field"] as? String == "materialRequestId")
            #expect(try await post(f.keeperA1, ["warehouseId": f.A1G, "materialRequestId": "REQ 1;", "supplierId": f.supplier, "lines": line]).status == .unprocessableContent)
            #expect(try await post(f.keeperA1, ["warehouseId": f.A1G, "supplierId": f.supplier, "lines": [["itemId": f.bolt, "expectedQuantity": 2]]]).errorCode == "validation_failed")
            #expect(try await post(f.keeperA1, ["warehouseId": f.A1G, "supplierId": f.supplier, "lines": [["itemId": f.bolt, "expectedQuantity": 2, "countedQuantity": -1]]]).errorCode == "quantity_invalid")
            #expect(try await post(f.keeperA1, ["warehouseId": f.A1G, "supplierId": f.supplier, "arrivedAt": "2099-01-01", "lines": line]).status == .unprocessableContent)
            let unknownRequest = try await post(f.keeperA1, ["warehouseId": f.A1G, "materialRequestId": "LL-2026-000031", "supplierId": f.supplier, "deliveryNoteRef": "SH-9", "lines": line])
            #expect(unknownRequest.status == .unprocessableContent, "\(unknownRequest.text)")
        }
    }

    /// ARR-06 on #3's calendar: arrived the day before National Day, the check is due 5 working days later counting the
    /// 调休 Saturday (2026-10-13, not 10-07 as plain weeks would have it); a check past due is flagged to the site chief.
    @Test func theClockRunsOnWorkingDaysAndALateCheckIsFlaggedToTheSiteChief() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let p = try await Self.people(app, f)
            let line: [[String: Any]] = [["itemId": f.bolt, "expectedQuantity": 2, "countedQuantity": 2]]
            let holiday = try await app.call(.post, "/api/v1/arrivals", token: f.keeperA1,
                                             json: ["warehouseId": f.A1G, "supplierId": f.supplier, "arrivedAt": "2026-09-30", "deliveryNoteRef": "SH-1", "lines": line])
            #expect(holiday.status == .created, "\(holiday.text)")
            #expect(holiday.string("checkDueOn") == "2026-10-13")
            #expect(holiday.string("checkDueAt") == "2026-10-13T16:00:00.000Z")
            let friday = try await app.call(.post, "/api/v1/arrivals", token: f.keeperA1,
                                            json: ["warehouseId": f.A1G, "supplierId": f.supplier, "arrivedAt": "2026-11-20", "deliveryNoteRef": "SH-2", "lines": line])
            #expect(friday.string("checkDueOn") == "2026-11-27")
            // Both were recorded after their due time: late, flagged once each to the site chief (not to another site's).
            #expect(friday.string("clock") == "late")
            #expect(try await Self.kinds(app, p.siteLead).filter { $0 == "arrival_check_late" }.count == 2)
            let late = try await app.call(.get, "/api/v1/arrivals?state=late", token: p.siteLead).items.compactMap { $0["id"] as? String }
            #expect(Set(late) == Set([holiday.string("id")!, friday.string("id")!]))
            #expect(try await app.call(.get, "/api/v1/arrivals?state=late", token: f.keeperA2).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/arrivals?state=soon", token: p.siteLead).status == .unprocessableContent)
            // Completing a late check does not flag it twice.
            #expect(try await app.call(.post, "/api/v1/arrivals/\(friday.string("id")!)/complete", token: f.keeperA1).string("clock") == "checked_late")
            #expect(try await Self.kinds(app, p.siteLead).filter { $0 == "arrival_check_late" }.count == 2)
        }
    }

    /// ARR-06: the server's background pass flags an open check once its due time has passed, once.
    @Test func theBackgroundPassFlagsAnOpenCheckOnceItIsLate() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let p = try await Self.people(app, f)
            let created = try await app.call(.post, "/api/v1/arrivals", token: f.keeperA1,
                                             json: ["warehouseId": f.A1G, "supplierId": f.supplier, "deliveryNoteRef": "SH-1",
                                                    "lines": [["itemId": f.bolt, "expectedQuantity": 2, "countedQuantity": 2]]])
            #expect(created.status == .created, "\(created.text)")
            #expect(try await Self.kinds(app, p.siteLead).contains("arrival_check_late") == false)
            let early = try await app.jobs.runRound(now: Date(), logger: TestDatabase.logger)
            #expect(early.passes.first { $0.name == "arrival_late_checks" }?.count == 0)
            let later = Date().addingTimeInterval(20 * 86_400)
            let round = try await app.jobs.runRound(now: later, logger: TestDatabase.logger)
            #expect(round.passes.first { $0.name == "arrival_late_checks" }?.count == 1)
            #expect(try await app.jobs.runRound(now: later, logger: TestDatabase.logger).passes.first { $0.name == "arrival_late_checks" }?.count == 0)
        }
    }

    /// ARR-05: goods without papers are received provisionally only after the production warehouse's shipper confirms.
    @Test func goodsWithoutPapersWaitForTheShippersConfirmation() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let p = try await Self.people(app, f)
            let created = try await app.call(.post, "/api/v1/arrivals", token: f.keeperA1,
                                             json: ["warehouseId": f.A1G, "supplierId": f.supplier, "lines": [["itemId": f.bolt, "expectedQuantity": 5, "countedQuantity": 5]]])
            let id = try #require(created.string("id"))
            #expect(created.json["provisional"] as? Bool == true)
            #expect(try await Self.kinds(app, p.producer).contains("arrival_awaiting_confirmation"))
            #expect(try await app.call(.post, "/api/v1/arrivals/\(id)/complete", token: f.keeperA1).errorCode == "confirmation_required")
            #expect(try await app.call(.post, "/api/v1/arrivals/\(id)/confirm", token: f.keeperA1, json: [:]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/arrivals/\(id)/confirm", token: f.hqMaterials, json: [:]).status == .forbidden)
            // The shipper sees what it must confirm, and confirms once.
            #expect(try await app.call(.get, "/api/v1/arrivals/\(id)", token: p.producer).status == .ok)
            let confirmed = try await app.call(.post, "/api/v1/arrivals/\(id)/confirm", token: p.producer, json: ["note": "按申请单发出，单据随后补寄"])
            #expect(confirmed.status == .ok, "\(confirmed.text)")
            #expect(confirmed.string("confirmedByName")?.contains("shipper") == true)
            #expect(confirmed.string("confirmedAt") != nil)
            #expect(try await app.call(.post, "/api/v1/arrivals/\(id)/confirm", token: p.producer, json: [:]).errorCode == "confirmation_not_needed")
            #expect(try await Self.kinds(app, f.keeperA1).contains("arrival_confirmed"))
            let done = try await app.call(.post, "/api/v1/arrivals/\(id)/complete", token: f.keeperA1)
            #expect(done.status == .ok, "\(done.text)")
            let receipt = try await app.call(.get, "/api/v1/stock-documents/\(done.string("receiptDocumentId")!)", token: f.keeperA1)
            #expect(receipt.string("remark")?.contains("暂估入库") == true)
        }
    }

    /// ARR-07: a transfer's goods are checked like any delivery; the lines' expected quantities come from the transfer and
    /// completion links the in document the transfer's audit generated.
    @Test func aTransfersGoodsAreCheckedAndReceivedOnItsInDocument() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let transfer = try await app.call(.post, "/api/v1/transfers", token: f.accA,
                                              json: ["fromWarehouseId": f.AG, "toWarehouseId": f.A1G, "date": "2026-11-20", "lines": [f.line(f.bolt, 4)]])
            let tid = try #require(transfer.string("id"))
            let wrong = try await app.call(.post, "/api/v1/arrivals", token: f.keeperA2,
                                           json: ["warehouseId": f.A2G, "transferId": tid, "deliveryNoteRef": "SH-1", "lines": [["itemId": f.bolt, "countedQuantity": 4]]])
            #expect((wrong.json["error"] as? [String: Any])?["field"] as? String == "transferId")
            let created = try await app.call(.post, "/api/v1/arrivals", token: f.keeperA1,
                                             json: ["warehouseId": f.A1G, "transferId": tid, "deliveryNoteRef": "SH-1", "lines": [["itemId": f.bolt, "countedQuantity": 3]]])
            #expect(created.status == .created, "\(created.text)")
            #expect(created.string("transferNumber") == transfer.string("number"))
            #expect(((created.json["lines"] as? [[String: Any]])?.first?["expectedQuantity"] as? NSNumber)?.intValue == 4)
            let id = try #require(created.string("id"))
            #expect(try await app.call(.post, "/api/v1/arrivals/\(id)/complete", token: f.keeperA1).errorCode == "transfer_not_audited")
            let audited = try await app.call(.post, "/api/v1/transfers/\(tid)/audit", token: f.accA)
            #expect(audited.status == .ok, "\(audited.text)")
            let done = try await app.call(.post, "/api/v1/arrivals/\(id)/complete", token: f.keeperA1)
            #expect(done.string("receiptDocumentId") == audited.string("inDocumentId"))
        }
    }
}
