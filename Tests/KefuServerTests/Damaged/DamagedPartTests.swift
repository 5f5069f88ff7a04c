import Foundation
import Hummingbird
import Testing

/// #13.3 DMG-01..05, RPT-08 over HTTP: the site's keeper registers parts, packs them into a return batch, ticks the
/// wooden-crate checklist and ships; production is told and receives; the return status warns at 3 m³ and stops
/// warning once the batch has shipped. Every step is refused outside its role and scope.
@Suite("Damaged parts and their returns (#13.3, DMG-01..05, RPT-08)")
struct DamagedPartTests {
    static func part(_ f: MaterialsFixture, warehouse: String? = nil, item: String? = nil, volume: Any? = nil, extra: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = ["warehouseId": warehouse ?? f.A1D, "itemId": item ?? f.gear, "quantity": 1, "turbineNumber": "A1-07",
                                   "replacedBy": "李工", "replacedOn": "2026-11-20", "newSerial": "GB-NEW-1", "oldSerial": "GB-OLD-1", "cause": "齿面点蚀"]
        if let volume { body["packedVolume"] = volume }
        for (k, v) in extra { body[k] = v }
        return body
    }

    static func status(_ app: TestApp, _ token: String, unit: String? = nil) async throws -> [[String: Any]] {
        try await app.call(.get, "/api/v1/damaged-parts/return-status" + (unit.map { "?orgUnitId=\($0)" } ?? ""), token: token).items
    }

    @Test func aSiteRegistersPacksChecksShipsAndProductionReceives() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let root = try await app.rootUnitId(f.admin)
            let production = try await app.createUser(f.admin, "prod", roles: ["production"], unitId: root).token

            // DMG-02: the keeper registers a class II gear (class from the item) with its packed volume, exact.
            let first = try await app.call(.post, "/api/v1/damaged-parts", token: f.keeperA1, json: Self.part(f, volume: "1.750", extra: ["ticketId": "KF2026-000042"]))
            #expect(first.status == .created, "\(first.text)")
            let p1 = try #require(first.string("id"))
            #expect(first.string("number")?.hasPrefix("SH-") == true)
            #expect(first.string("repairClass") == "II" && first.string("status") == "registered" && first.string("ticketId") == "KF2026-000042")
            #expect((first["packedVolume"] as? NSNumber)?.decimalValue == Decimal(string: "1.75"))
            let second = try await app.call(.post, "/api/v1/damaged-parts", token: f.keeperA1, json: Self.part(f, item: f.bolt, volume: 1.25, extra: ["repairClass": "I", "oldSerial": "B-2"]))
            let p2 = try #require(second.string("id"), "\(second.text)")
            #expect(second.string("number") != first.string("number"))

            // RPT-08: 1.750 + 1.250 = 3.000 m³ waiting: the volume warning, exact at the boundary.
            let before = try await Self.status(app, f.accA)
            let site = try #require(before.first, "\(before)")
            #expect(before.count == 1 && site["awaitingParts"] as? Int == 2)
            #expect((site["packedVolume"] as? NSNumber)?.decimalValue == 3)
            #expect(site["warning"] as? Bool == true && (site["warnings"] as? [String]) == ["volume"])
            #expect(site["lastReturnOn"] == nil || site["lastReturnOn"] is NSNull)
            #expect(site["daysSinceReturn"] as? Int == 0)

            // DMG-03: one batch of the site's parts; a part cannot go into two batches.
            let batch = try await app.call(.post, "/api/v1/damaged-returns", token: f.keeperA1, json: ["partIds": [p1, p2], "note": "第一批"])
            #expect(batch.status == .created, "\(batch.text)")
            let b = try #require(batch.string("id"))
            #expect(batch.string("number")?.hasPrefix("FH-") == true && batch.string("status") == "packing")
            #expect((batch["missingChecks"] as? [String]) == ["wooden_crate", "plastic_lining", "separators"])
            let again = try await app.call(.post, "/api/v1/damaged-returns", token: f.keeperA1, json: ["partIds": [p1]])
            #expect(again.status == .conflict && again.errorCode == "part_already_packed", "\(again.text)")
            #expect(try await app.call(.get, "/api/v1/damaged-parts/\(p1)", token: f.keeperA1).string("status") == "packed")

            // DMG-04: no shipping before every check is ticked; the refusal names the missing check.
            let early = try await app.call(.post, "/api/v1/damaged-returns/\(b)/ship", token: f.keeperA1)
            #expect(early.status == .unprocessableContent && early.errorCode == "packing_checklist_incomplete", "\(early.text)")
            let partly = try await app.call(.put, "/api/v1/damaged-returns/\(b)/checklist", token: f.keeperA1, json: ["woodenCrate": true, "separators": true])
            #expect((partly["missingChecks"] as? [String]) == ["plastic_lining"], "\(partly.text)")
            let stillEarly = try await app.call(.post, "/api/v1/damaged-returns/\(b)/ship", token: f.keeperA1)
            #expect(stillEarly.errorCode == "packing_checklist_incomplete" && stillEarly.text.contains("六面"), "\(stillEarly.text)")
            #expect(try await app.call(.put, "/api/v1/damaged-returns/\(b)/checklist", token: f.keeperA1, json: ["plasticLining": true]).status == .ok)

            // Production cannot ship the site's crate; the keeper ships it today.
            #expect(try await app.call(.post, "/api/v1/damaged-returns/\(b)/ship", token: production).status == .forbidden)
            let future = try await app.call(.post, "/api/v1/damaged-returns/\(b)/ship", token: f.keeperA1, json: ["shippedOn": "2099-01-01"])
            #expect(future.status == .unprocessableContent)
            let shipped = try await app.call(.post, "/api/v1/damaged-returns/\(b)/ship", token: f.keeperA1, json: [String: Any]())
            #expect(shipped.status == .ok && shipped.string("status") == "shipped" && shipped.string("shippedOn") != nil, "\(shipped.text)")
            #expect(try await app.call(.post, "/api/v1/damaged-returns/\(b)/ship", token: f.keeperA1).status == .conflict)
            #expect(try await app.call(.put, "/api/v1/damaged-returns/\(b)/checklist", token: f.keeperA1, json: ["woodenCrate": false]).status == .conflict)

            // DMG-05: the production warehouse was sent the list (a hand-off with the batch's link) and sees the batch.
            let told = try await app.call(.get, "/api/v1/notifications", token: production).items
            #expect(told.contains { ($0["kind"] as? String) == "damaged_return_shipped" }, "\(told)")
            let seen = try await app.call(.get, "/api/v1/damaged-returns/\(b)", token: production)
            #expect(seen.status == .ok && (seen["parts"] as? [[String: Any]])?.count == 2 && (seen["actions"] as? [String]) == ["receive"], "\(seen.text)")
            #expect(try await app.call(.get, "/api/v1/damaged-returns", token: production).items.count == 1)

            // RPT-08 after shipping: nothing waiting, last return today, no warning.
            let after = try #require(try await Self.status(app, f.accA).first)
            #expect(after["warning"] as? Bool == false && after["awaitingParts"] as? Int == 0 && after["daysSinceReturn"] as? Int == 0, "\(after)")
            #expect(after["lastReturnOn"] as? String == shipped.string("shippedOn"))

            // Production receives; the keeper cannot.
            #expect(try await app.call(.post, "/api/v1/damaged-returns/\(b)/receive", token: f.keeperA1).status == .forbidden)
            let received = try await app.call(.post, "/api/v1/damaged-returns/\(b)/receive", token: production)
            #expect(received.status == .ok && received.string("status") == "received", "\(received.text)")
            #expect(try await app.call(.get, "/api/v1/damaged-parts/\(p2)", token: f.keeperA1).string("status") == "received")
            #expect(try await app.call(.post, "/api/v1/damaged-returns/\(b)/receive", token: production).status == .conflict)
        }
    }

    @Test func everyStepIsRefusedOutsideItsRoleAndScope() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            // Registering at another site's warehouse, or without a keeping role.
            #expect(try await app.call(.post, "/api/v1/damaged-parts", token: f.keeperA2, json: Self.part(f)).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/damaged-parts", token: f.accB, json: Self.part(f)).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/damaged-parts", token: f.agent, json: Self.part(f)).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/damaged-parts", json: Self.part(f)).status == .unauthorized)
            // The department's accountant registers for its sites.
            let byAcc = try await app.call(.post, "/api/v1/damaged-parts", token: f.accA, json: Self.part(f))
            #expect(byAcc.status == .created, "\(byAcc.text)")
            let p = try #require(byAcc.string("id"))

            // Validation: every DMG-02 column, a positive quantity and volume, no future replacement day.
            for (field, value) in [("turbineNumber", "" as Any), ("oldSerial", ""), ("cause", " "), ("quantity", 0), ("packedVolume", "0"), ("replacedOn", "2099-01-01")] {
                let r = try await app.call(.post, "/api/v1/damaged-parts", token: f.keeperA1, json: Self.part(f, extra: [field: value]))
                #expect(r.status == .unprocessableContent || r.status == .badRequest, "\(field): \(r.text)")
            }
            #expect(try await app.call(.post, "/api/v1/damaged-parts", token: f.keeperA1, json: Self.part(f, extra: ["repairClass": "III"])).status == .unprocessableContent)

            // Reads are scoped: another site's keeper neither reads the part nor lists it; a service agent is refused.
            #expect(try await app.call(.get, "/api/v1/damaged-parts/\(p)", token: f.keeperA2).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/damaged-parts", token: f.keeperA2).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/damaged-parts", token: f.keeperA1).items.count == 1)
            #expect(try await app.call(.get, "/api/v1/damaged-parts", token: f.agent).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/damaged-parts/return-status", token: f.agent).status == .forbidden)
            #expect(try await Self.status(app, f.keeperA2).isEmpty)

            // Packing: only the site's keepers, one site per batch.
            #expect(try await app.call(.post, "/api/v1/damaged-returns", token: f.keeperA2, json: ["partIds": [p]]).status == .forbidden)
            let other = try await app.call(.post, "/api/v1/damaged-parts", token: f.keeperA2, json: Self.part(f, warehouse: f.A2G))
            let p2 = try #require(other.string("id"), "\(other.text)")
            let mixed = try await app.call(.post, "/api/v1/damaged-returns", token: f.accA, json: ["partIds": [p, p2]])
            #expect(mixed.status == .unprocessableContent, "\(mixed.text)")
            #expect(try await app.call(.post, "/api/v1/damaged-returns", token: f.keeperA1, json: ["partIds": [String]()]).status == .unprocessableContent)
            let batch = try await app.call(.post, "/api/v1/damaged-returns", token: f.keeperA1, json: ["partIds": [p]])
            let b = try #require(batch.string("id"), "\(batch.text)")
            #expect(try await app.call(.get, "/api/v1/damaged-returns/\(b)", token: f.keeperA2).status == .forbidden)
            #expect(try await app.call(.put, "/api/v1/damaged-returns/\(b)/checklist", token: f.keeperA2, json: ["woodenCrate": true]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/damaged-returns/\(b)/ship", token: f.accB).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/damaged-returns", token: f.keeperA2).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/damaged-returns/\(UUID().uuidString.lowercased())", token: f.accA).status == .notFound)
        }
    }

    /// Every record findable by its number: a part (SH-…) and a batch (FH-…) in the quick search, within the scope.
    @Test func partsAndBatchesAreFoundByTheirNumbers() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let part = try await app.call(.post, "/api/v1/damaged-parts", token: f.keeperA1, json: Self.part(f))
            let batch = try await app.call(.post, "/api/v1/damaged-returns", token: f.keeperA1, json: ["partIds": [try #require(part.string("id"))]])
            for (number, kind, id) in [(part.string("number")!, "damaged_part", part.string("id")!), (batch.string("number")!, "damaged_return", batch.string("id")!)] {
                let mine = try await QuickSearchTests.search(app, f.keeperA1, number)
                #expect(mine.contains { $0["kind"] as? String == kind && $0["id"] as? String == id }, "\(number): \(mine)")
                let other = try await QuickSearchTests.search(app, f.keeperA2, number)
                #expect(!other.contains { $0["kind"] as? String == kind }, "\(number) found outside its site: \(other)")
            }
        }
    }
}
