import Foundation
import Hummingbird
import KefuApp
import Testing

/// #13.3 DMG-06, DMG-07, ESC-05 over HTTP: the department combines its sites' class II parts into one application,
/// HQ approves, the department sends, records the results and closes; a warranty tool goes to the maker from the site;
/// a late repair is escalated to HQ once. Every step is refused outside its role and unit.
@Suite("Commercial repair of class II parts (#13.3, DMG-06, DMG-07, ESC-05)")
struct CommercialRepairFlowTests {
    static func register(_ app: TestApp, _ f: MaterialsFixture, token: String? = nil, warehouse: String? = nil, item: String? = nil, serial: String) async throws -> String {
        let r = try await app.call(.post, "/api/v1/damaged-parts", token: token ?? f.keeperA1, json: [
            "warehouseId": warehouse ?? f.A1D, "itemId": item ?? f.gear, "quantity": 1, "turbineNumber": "A1-07", "replacedBy": "李工",
            "replacedOn": "2026-11-20", "newSerial": "N-" + serial, "oldSerial": serial, "cause": "齿面点蚀"])
        #expect(r.status == .created, "\(r.text)")
        return try #require(r.string("id"))
    }

    static func kinds(_ app: TestApp, _ token: String) async throws -> [String] {
        try await app.call(.get, "/api/v1/notifications", token: token).items.compactMap { $0["kind"] as? String }
    }

    @Test func theDepartmentAppliesHQApprovesTheRepairIsTrackedToClosed() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let planner = try await app.createUser(f.admin, "plana", roles: ["dept_planner"], unitId: f.deptA).token
            let gear1 = try await Self.register(app, f, serial: "G-1")
            let gear2 = try await Self.register(app, f, token: f.keeperA2, warehouse: f.A2G, serial: "G-2")
            let bolt = try await Self.register(app, f, item: f.bolt, serial: "B-1")
            let ofB = try await Self.register(app, f, token: f.hqMaterials, warehouse: f.B1G, serial: "G-B")

            // Refused: a site (commercial repair is the department's), another department, a class I part, a part of
            // department B; all or nothing: no application is left behind and the good part stays free.
            #expect(try await app.call(.post, "/api/v1/commercial-repairs", token: f.keeperA1, json: ["orgUnitId": f.deptA, "partIds": [gear1]]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/commercial-repairs", token: f.accB, json: ["orgUnitId": f.deptA, "partIds": [gear1]]).status == .forbidden)
            let classI = try await app.call(.post, "/api/v1/commercial-repairs", token: planner, json: ["orgUnitId": f.deptA, "partIds": [gear1, bolt]])
            #expect(classI.status == .unprocessableContent && classI.text.contains("DMG-01"), "\(classI.text)")
            let foreign = try await app.call(.post, "/api/v1/commercial-repairs", token: planner, json: ["orgUnitId": f.deptA, "partIds": [gear1, ofB]])
            #expect(foreign.status == .unprocessableContent, "\(foreign.text)")
            #expect(try await app.call(.get, "/api/v1/commercial-repairs", token: planner)["total"] as? Int == 0)

            func awaiting() async throws -> Int {
                try await app.call(.get, "/api/v1/damaged-parts/return-status", token: f.accA).items
                    .filter { ($0["orgUnitName"] as? String)?.hasPrefix("现场A") == true }.compactMap { $0["awaitingParts"] as? Int }.reduce(0, +)
            }
            #expect(try await awaiting() == 3)
            // DMG-06: both sites' class II parts in one application of department A.
            let created = try await app.call(.post, "/api/v1/commercial-repairs", token: planner, json: ["orgUnitId": f.deptA, "partIds": [gear1, gear2], "note": "齿轮箱"])
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.string("id"))
            #expect(created.string("number")?.hasPrefix("SX-") == true && created.string("status") == "draft" && created["partCount"] as? Int == 2)
            #expect((created["actions"] as? [String]) == ["submit", "cancel"], "\(created.text)")
            // RPT-08: the two parts in the application no longer wait at their sites for the crate (decision #13.3).
            #expect(try await awaiting() == 1)
            // A part is in one application only, and is not packed for return while in it.
            let twice = try await app.call(.post, "/api/v1/commercial-repairs", token: planner, json: ["orgUnitId": f.deptA, "partIds": [gear1]])
            #expect(twice.status == .conflict && twice.errorCode == "part_in_other_repair", "\(twice.text)")
            let packed = try await app.call(.post, "/api/v1/damaged-returns", token: f.keeperA1, json: ["partIds": [gear1]])
            #expect(packed.status == .conflict && packed.errorCode == "part_in_repair", "\(packed.text)")
            // The keeper of the other site does not see the department's application.
            #expect(try await app.call(.get, "/api/v1/commercial-repairs/\(id)", token: f.keeperA2).status == .forbidden)

            // Submit (the department), then HQ decides; a department cannot approve, HQ cannot send.
            #expect(try await app.call(.post, "/api/v1/commercial-repairs/\(id)/submit", token: f.keeperA1).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/commercial-repairs/\(id)/approve", token: planner).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/commercial-repairs/\(id)/approve", token: f.hqMaterials).status == .conflict)
            let submitted = try await app.call(.post, "/api/v1/commercial-repairs/\(id)/submit", token: planner)
            #expect(submitted.string("status") == "submitted", "\(submitted.text)")
            #expect(try await Self.kinds(app, f.hqMaterials).contains("commercial_repair_submitted"))
            let noReason = try await app.call(.post, "/api/v1/commercial-repairs/\(id)/reject", token: f.hqMaterials, json: [String: Any]())
            #expect(noReason.status == .unprocessableContent)
            let back = try await app.call(.post, "/api/v1/commercial-repairs/\(id)/reject", token: f.hqMaterials, json: ["comment": "请附报价"])
            #expect(back.string("status") == "draft" && back.string("reviewComment") == "请附报价", "\(back.text)")
            #expect(try await Self.kinds(app, planner).contains("commercial_repair_returned"))
            #expect(try await app.call(.post, "/api/v1/commercial-repairs/\(id)/submit", token: planner).string("status") == "submitted")
            let approved = try await app.call(.post, "/api/v1/commercial-repairs/\(id)/approve", token: f.hqMaterials, json: ["comment": "同意"])
            #expect(approved.string("status") == "approved", "\(approved.text)")
            #expect(try await app.call(.post, "/api/v1/commercial-repairs/\(id)/send", token: f.hqMaterials, json: ["repairer": "华锐"]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/commercial-repairs/\(id)/send", token: f.accB, json: ["repairer": "华锐"]).status == .forbidden)

            // Sending: the repairer is required; the cost is exact yuan; the due date is 20 working days on (decision #13.3).
            let noRepairer = try await app.call(.post, "/api/v1/commercial-repairs/\(id)/send", token: planner, json: ["cost": "100"])
            #expect(noRepairer.status == .unprocessableContent && noRepairer.text.contains("repairer"), "\(noRepairer.text)")
            let sent = try await app.call(.post, "/api/v1/commercial-repairs/\(id)/send", token: planner,
                                          json: ["repairer": "华锐修理厂", "sentOn": "2026-11-02", "cost": "1,250.50"])
            #expect(sent.string("status") == "sent" && sent.string("cost") == "1250.50" && sent.string("dueOn") == "2026-11-30", "\(sent.text)")

            // Results: every part, else nothing changes.
            let half = try await app.call(.post, "/api/v1/commercial-repairs/\(id)/results", token: planner,
                                          json: ["returnedOn": "2026-11-20", "results": [["partId": gear1, "result": "repaired"]]])
            #expect(half.status == .unprocessableContent && half.errorCode == "result_missing", "\(half.text)")
            #expect(try await app.call(.get, "/api/v1/commercial-repairs/\(id)", token: planner).string("status") == "sent")
            let returned = try await app.call(.post, "/api/v1/commercial-repairs/\(id)/results", token: planner, json: [
                "returnedOn": "2026-11-20", "cost": "1300", "results": [["partId": gear1, "result": "repaired"], ["partId": gear2, "result": "scrapped", "note": "壳体裂"]]])
            #expect(returned.string("status") == "returned" && returned.string("cost") == "1300.00", "\(returned.text)")
            let parts = returned["parts"] as? [[String: Any]] ?? []
            #expect(Set(parts.compactMap { $0["result"] as? String }) == ["repaired", "scrapped"], "\(parts)")
            #expect(try await app.call(.post, "/api/v1/commercial-repairs/\(id)/close", token: f.keeperA1).status == .forbidden)
            let closed = try await app.call(.post, "/api/v1/commercial-repairs/\(id)/close", token: planner)
            #expect(closed.string("status") == "closed" && (closed["actions"] as? [String]) == [], "\(closed.text)")
            #expect(try await app.call(.post, "/api/v1/commercial-repairs/\(id)/close", token: planner).status == .conflict)

            // Every step is in the audit trail, with who and when.
            let audit = try await app.call(.get, "/api/v1/audit-log?entity=commercial_repair&entityId=\(id)", token: f.admin).items.compactMap { $0["action"] as? String }
            #expect(audit.sorted() == ["approve", "close", "create", "record", "reject", "send", "submit", "submit"], "\(audit)")
            // Found by its number.
            let number = try #require(closed.string("number"))
            let found = try await app.call(.get, "/api/v1/commercial-repairs?q=\(number)", token: f.hqMaterials)
            #expect(found["total"] as? Int == 1)
            // The quick search finds it by its number, within the viewer's scope (#11.1).
            let hits = try await QuickSearchTests.search(app, f.accA, number, kinds: "commercial_repair")
            #expect(QuickSearchTests.found(hits, "commercial_repair") == [id], "\(hits)")
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, f.keeperA2, number, kinds: "commercial_repair"), "commercial_repair").isEmpty)
        }
    }

    @Test func aToolUnderWarrantyGoesToTheMakerFromTheSite() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let tool = try await Self.register(app, f, serial: "T-1")
            let made = try await app.call(.post, "/api/v1/commercial-repairs", token: f.keeperA1, json: ["orgUnitId": f.deptA, "kind": "warranty", "partIds": [tool]])
            // The site lies below department A: the keeper acts for its own parts only as far as its unit reaches.
            #expect(made.status == .forbidden, "\(made.text)")
            let siteUnit = try await app.call(.get, "/api/v1/damaged-parts/\(tool)", token: f.keeperA1).string("orgUnitId")!
            let r = try await app.call(.post, "/api/v1/commercial-repairs", token: f.keeperA1, json: ["orgUnitId": siteUnit, "kind": "warranty", "partIds": [tool]])
            #expect(r.status == .created && (r["actions"] as? [String]) == ["send", "cancel"], "\(r.text)")
            let id = try #require(r.string("id"))
            #expect(try await app.call(.post, "/api/v1/commercial-repairs/\(id)/submit", token: f.keeperA1).status == .conflict)
            let noWarranty = try await app.call(.post, "/api/v1/commercial-repairs/\(id)/send", token: f.keeperA1, json: ["repairer": "博世"])
            #expect(noWarranty.status == .unprocessableContent && noWarranty.text.contains("warrantyUntil"), "\(noWarranty.text)")
            let ended = try await app.call(.post, "/api/v1/commercial-repairs/\(id)/send", token: f.keeperA1,
                                           json: ["repairer": "博世", "sentOn": "2026-11-20", "warrantyUntil": "2026-11-19"])
            #expect(ended.status == .unprocessableContent && ended.text.contains("DMG-07"), "\(ended.text)")
            let paid = try await app.call(.post, "/api/v1/commercial-repairs/\(id)/send", token: f.keeperA1,
                                          json: ["repairer": "博世", "sentOn": "2026-11-20", "warrantyUntil": "2027-06-30", "cost": "80"])
            #expect(paid.status == .unprocessableContent && paid.text.contains("cost"), "\(paid.text)")
            let sent = try await app.call(.post, "/api/v1/commercial-repairs/\(id)/send", token: f.keeperA1,
                                          json: ["repairer": "博世", "sentOn": "2026-11-20", "warrantyUntil": "2027-06-30", "expectedOn": "2026-11-25"])
            #expect(sent.string("status") == "sent" && sent.string("cost") == "0.00" && sent.string("warrantyUntil") == "2027-06-30", "\(sent.text)")
            #expect(try await app.call(.get, "/api/v1/commercial-repairs?kind=warranty", token: f.accA)["total"] as? Int == 1)
        }
    }

    @Test func aLateRepairIsEscalatedToHQOnce() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let gear = try await Self.register(app, f, serial: "L-1")
            let id = try #require(try await app.call(.post, "/api/v1/commercial-repairs", token: f.accA, json: ["orgUnitId": f.deptA, "partIds": [gear]]).string("id"))
            #expect(try await app.call(.post, "/api/v1/commercial-repairs/\(id)/submit", token: f.accA).status == .ok)
            #expect(try await app.call(.post, "/api/v1/commercial-repairs/\(id)/approve", token: f.hqMaterials).status == .ok)
            let sent = try await app.call(.post, "/api/v1/commercial-repairs/\(id)/send", token: f.accA,
                                          json: ["repairer": "华锐", "sentOn": "2026-10-08", "expectedOn": "2026-10-20"])
            #expect(sent.string("dueOn") == "2026-10-20" && sent["late"] as? Bool == true && sent["escalatedToHQ"] as? Bool == false, "\(sent.text)")
            let late = try await app.call(.get, "/api/v1/commercial-repairs?late=1", token: f.hqMaterials)
            #expect(late["total"] as? Int == 1, "\(late.text)")

            _ = try await KefuServer.scanOnce(app.store)
            _ = try await KefuServer.scanOnce(app.store)
            let told = try await Self.kinds(app, f.hqMaterials).filter { $0 == "commercial_repair_escalated" }
            #expect(told.count == 1, "\(told)")
            #expect(try await Self.kinds(app, f.accA).contains("commercial_repair_escalated"))
            let after = try await app.call(.get, "/api/v1/commercial-repairs/\(id)", token: f.accA)
            #expect(after["escalatedToHQ"] as? Bool == true && after.string("escalatedAt") != nil, "\(after.text)")
            // The list page flags it for HQ: the late count, the row's late and escalated badges.
            let hq = PageSession(app)
            _ = try await hq.signIn("hqmat", "password-hqmat")
            let page = try await hq.get("/materials/commercial-repairs?late=1")
            #expect(page.status == .ok && page.text.contains("id=\"repair-late-count\"") && page.text.contains("repair-late")
                    && page.text.contains("repair-escalated") && page.text.contains(after.string("number")!), "\(page.text.prefix(400))")
        }
    }
}
