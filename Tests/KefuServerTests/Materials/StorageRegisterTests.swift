import Foundation
import Testing

/// STO-06 maintenance due and recorded, STO-07 access register, STO-09 safety checks and cleaning: recorded by those
/// who enter the warehouse's documents, listed within the viewer's scope.
@Suite("Materials: storage registers (STO-06, STO-07, STO-09)")
struct StorageRegisterTests {
    @Test func maintenanceIsDueOneCycleAfterReceiptAndARecordMovesItOn() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            #expect(try await app.call(.patch, "/api/v1/items/\(f.gear)", token: f.hqMaterials, json: ["maintenanceCycleDays": 30]).status == .ok)
            let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "Asia/Shanghai")!, formatOptions: [.withFullDate])
            let receipt = try await f.document(app, f.accA, direction: "in", reason: "spot_purchase", warehouse: f.A1G,
                                               lines: [["itemId": f.gear, "quantity": 2, "batchNo": "M1"]], extra: ["date": today])
            #expect(try await StorageTests.audit(app, f, receipt).status == .ok)
            let batches = try await StorageTests.batches(app, f.keeperA1, item: f.gear, warehouse: f.A1G)
            let due = batches.first?["maintenanceDue"] as? String
            #expect(due != nil && due! > today, "\(batches)")
            #expect(try await app.call(.get, "/api/v1/stock/maintenance-due?warehouseId=\(f.A1G)", token: f.keeperA1).text == "[]", "30 days off: not due yet")
            // A cycle of 3 days: the next receipt's batch is due within the week.
            #expect(try await app.call(.patch, "/api/v1/items/\(f.gear)", token: f.hqMaterials, json: ["maintenanceCycleDays": 3]).status == .ok)
            let soon = try await f.document(app, f.accA, direction: "in", reason: "spot_purchase", warehouse: f.A1G,
                                            lines: [["itemId": f.gear, "quantity": 1, "batchNo": "M2"]], extra: ["date": today])
            #expect(try await StorageTests.audit(app, f, soon).status == .ok)
            let dueNow = try await app.call(.get, "/api/v1/stock/maintenance-due?warehouseId=\(f.A1G)", token: f.keeperA1)
            #expect(dueNow.text.contains("\"M2\"") && !dueNow.text.contains("\"M1\""), "\(dueNow.text)")
            let m2 = (try JSONSerialization.jsonObject(with: Data(dueNow.text.utf8)) as? [[String: Any]])?.first?["batchId"] as? String
            let done = try await app.call(.post, "/api/v1/storage-registers", token: f.keeperA1, json: [
                "kind": "maintenance", "warehouseId": f.A1G, "date": today, "subject": "除锈上油", "itemId": f.gear, "batchId": m2 ?? ""])
            #expect(done.status == .created, "\(done.text)")
            #expect(done.string("batchNo") == "M2")
            // Done today with a 3-day cycle: due again in 3 days, still within the week's look-ahead, on the new date.
            let after = try await StorageTests.batches(app, f.keeperA1, item: f.gear, warehouse: f.A1G).first { $0["batchNo"] as? String == "M2" }
            #expect((after?["maintenanceDue"] as? String) ?? "" > today)
            #expect(try await app.call(.post, "/api/v1/storage-registers", token: f.keeperA1, json: [
                "kind": "maintenance", "warehouseId": f.A1G, "subject": "除锈"]).status == .unprocessableContent, "maintenance names its item")
        }
    }

    @Test func accessSafetyAndCleaningAreRecordedAndScoped() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let access = try await app.call(.post, "/api/v1/storage-registers", token: f.keeperA1, json: [
                "kind": "access", "warehouseId": f.A1G, "date": "2026-11-20", "subject": "李四 京B88888", "finding": "送货"])
            #expect(access.status == .created, "\(access.text)")
            let unfixed = try await app.call(.post, "/api/v1/storage-registers", token: f.keeperA1, json: [
                "kind": "safety", "warehouseId": f.A1G, "date": "2026-11-21", "subject": "消防器材", "finding": "灭火器压力不足"])
            #expect(unfixed.status == .unprocessableContent)
            #expect((unfixed.json["error"] as? [String: Any])?["field"] as? String == "fix")
            #expect(try await app.call(.post, "/api/v1/storage-registers", token: f.keeperA1, json: [
                "kind": "safety", "warehouseId": f.A1G, "date": "2026-11-21", "subject": "消防器材", "finding": "灭火器压力不足", "fix": "已更换"]).status == .created)
            #expect(try await app.call(.post, "/api/v1/storage-registers", token: f.keeperA1, json: [
                "kind": "cleaning", "warehouseId": f.A1G, "date": "2026-11-21", "subject": "货架区"]).status == .created)
            #expect(try await app.call(.post, "/api/v1/storage-registers", token: f.keeperA2, json: [
                "kind": "cleaning", "warehouseId": f.A1G, "subject": "货架区"]).status == .forbidden, "another site's warehouse")
            #expect(try await app.call(.post, "/api/v1/storage-registers", token: f.keeperA1, json: [
                "kind": "burglary", "warehouseId": f.A1G, "subject": "x"]).status == .unprocessableContent)
            #expect(try await app.call(.get, "/api/v1/storage-registers", token: f.agent).status == .forbidden)
            let mine = try await app.call(.get, "/api/v1/storage-registers?kind=safety", token: f.keeperA1)
            #expect(mine.items.count == 1 && mine.items.first?["fix"] as? String == "已更换")
            #expect(try await app.call(.get, "/api/v1/storage-registers", token: f.keeperA2).items.isEmpty, "another site sees none of them")
            #expect(try await app.call(.get, "/api/v1/storage-registers?from=2026-11-21&to=2026-11-30", token: f.accB).items.count == 2)
            let s = PageSession(app)
            _ = try await s.signIn("keepa1", "password-keepa1")
            let page = try await s.get("/materials/registers/safety")
            #expect(page.status == .ok)
            #expect(page.text.contains("灭火器压力不足") && page.text.contains("id=\"register-create\""))
            let s2 = PageSession(app)
            _ = try await s2.signIn("keepa2", "password-keepa2")
            let other = try await s2.get("/materials/registers/access")
            #expect(other.status == .ok && !other.text.contains("李四"), "another site's register is not shown")
            #expect(try await s2.get("/materials/registers/burglary").status == .notFound)
        }
    }
}

@Suite("Materials: storage attributes on the item form (STO-01)")
struct ItemStorageFormTests {
    @Test func theItemFormSetsAndClearsStorageAttributesAndTheNearExpiryThreshold() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let hq = PageSession(app)
            _ = try await hq.signIn("hqmat", "password-hqmat")
            let page = try await hq.get("/materials/items/\(f.bolt)")
            #expect(page.text.contains("储存属性") && page.text.contains("name=\"sa_hazardous\"") && page.text.contains("易挥发"))
            let csrf = PageSession.csrf(in: page.text)!
            let base = ["_csrf": csrf, "name": "螺栓M10", "unit": "个", "category": "consumable", "repairClass": "I", "abcClass": "C", "active": "1"]
            let saved = try await hq.post("/materials/items/\(f.bolt)", form: base.merging(["sa_hazardous": "1", "sa_damp_sensitive": "1", "nearExpiryDays": "45"]) { a, _ in a })
            #expect(saved.status == .seeOther, "\(saved.text.prefix(300))")
            var item = try await app.call(.get, "/api/v1/items/\(f.bolt)", token: f.hqMaterials)
            #expect(item["storageAttributes"] as? [String] == ["hazardous", "damp_sensitive"])
            #expect(item["nearExpiryDays"] as? Int == 45)
            #expect(try await hq.get("/materials/items/\(f.bolt)").text.contains("id=\"item-sa_hazardous\" name=\"sa_hazardous\" value=\"1\" checked"))
            _ = try await hq.post("/materials/items/\(f.bolt)", form: base)
            item = try await app.call(.get, "/api/v1/items/\(f.bolt)", token: f.hqMaterials)
            #expect(item["storageAttributes"] as? [String] == [])
            #expect(item["nearExpiryDays"] is NSNull || item["nearExpiryDays"] == nil)
            let history = try await app.call(.get, "/api/v1/items/\(f.bolt)/history", token: f.hqMaterials)
            #expect(history.text.contains("storageAttributes"))
        }
    }
}
