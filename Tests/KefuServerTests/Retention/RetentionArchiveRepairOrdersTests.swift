import Foundation
import Hummingbird
import KefuApp
import KefuDomain
import KefuPlatform
import SQLKit
import Testing

/// #17.6 RET-04, RET-01: `kefu retention archive` for repair orders. One closed past its 3 years goes, with its units
/// and QC results, to its JSON line and out of the database, leaving its tombstone; one a survey invitation names (a
/// foreign key; survey responses are kept) stays, and so does one still open. Afterwards its page, API and steps, and
/// the quick search by its number, answer its tombstone (410 `archived`) in the after-sales scope of its unit, 404 outside.
@Suite("Retention archive of repair orders, and their tombstones (#17.6, RET-01, RET-04)")
struct RetentionArchiveRepairOrdersTests {
    static func repairOrder(_ app: TestApp, _ token: String, defect: String) async throws -> (id: String, number: String) {
        let r = try await app.expect(.created, .post, "/api/v1/repair-orders", token,
                                     ["customer": ["name": "李先生", "phone": "13712345678"], "model": "M1", "defect": defect])
        return (try #require(r.string("id")), try #require(r.string("number")))
    }

    static func closeOrder(_ app: TestApp, _ id: String, on day: CivilDay) async throws {
        try await RetentionArchiveTests.close(app, "repair_orders", id, set: "status = 'closed', closed_at = $at", on: day)
        try await app.store.write { db in
            try await db.raw("""
                INSERT INTO repair_qc (id, repair_order_id, passed, note, inspector_id, at) VALUES (\(bind: "qc-" + id), \(bind: id), 1, '通电测试合格', 'user-1', 1)
                """).run()
        }
    }

    @Test func archivesClosedOrdersNoInvitationNamesAndAnswersTheirTombstoneInScope() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let outsiders = try await AftersalesScopeTests.outsiders(app, f)
            let past = RetentionSettingsTests.before(years: 4, days: 0)
            let old = try await Self.repairOrder(app, o.agent.token, defect: "不开机")
            let invited = try await Self.repairOrder(app, o.agent.token, defect: "显示花屏")
            let open = try await Self.repairOrder(app, o.agent.token, defect: "异响")
            try await Self.closeOrder(app, old.id, on: past)
            try await Self.closeOrder(app, invited.id, on: past)
            try await app.store.write { db in
                try await db.raw("""
                    INSERT INTO survey_invitations (id, token_hash, occasion, repair_order_id, org_unit_id, org_path, expires_at, created_by, created_at)
                    SELECT 'inv-1', 'hash-inv-1', 'repair', id, org_unit_id, org_path, 1, 'user-1', 1 FROM repair_orders WHERE id = \(bind: invited.id)
                    """).run()
            }

            let dir = try RetentionArchiveTests.archiveDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let archive = RetentionArchive(store: app.store, sources: KefuServer.retentionSources)
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir, kind: .repairOrder, dryRun: true)) == [.repairOrder: 1])
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir, kind: .repairOrder)) == [.repairOrder: 1])
            let today = Times.day(Date()).iso
            let file = "repair_order-\(today).jsonl"
            let lines = try RetentionArchiveTests.lines(dir.appendingPathComponent(file))
            #expect(lines.map { $0["id"] as? String } == [old.id])
            let data = RetentionArchivePropertyKindsTests.data(try #require(lines.first))
            #expect(data.record?["number"] as? String == old.number && data.record?.count == 30, "every column of repair_orders (aftersales-002)")
            #expect(data.children["repair_units"]?.map { $0["defect"] as? String } == ["不开机"])
            #expect(data.children["repair_qc"]?.map { $0["note"] as? String } == ["通电测试合格"])
            for (table, column) in [("repair_orders", "id"), ("repair_units", "repair_order_id"), ("repair_qc", "repair_order_id")] {
                #expect(try await RetentionArchiveTests.count(app, table, column, old.id) == 0, "\(table)")
            }
            for kept in [invited, open] { #expect(try await RetentionArchiveTests.count(app, "repair_orders", "id", kept.id) == 1, "\(kept.number)") }

            // In the order's unit: 410 with its tombstone on the API, the page and a step; outside it: 404.
            for t in [o.agent.token, f.manager.token] {
                let api = try await app.call(.get, "/api/v1/repair-orders/\(old.id)", token: t)
                #expect(api.status == .gone && api.errorCode == "archived", "\(api.text)")
                #expect(api.errorMessage?.contains("返修单 \(old.number) 已于 \(today) 归档") == true && api.errorMessage?.contains(file) == true, "\(api.text)")
                let page = try await app.call(.get, "/repair-orders/\(old.id)", token: t)
                #expect(page.status == .gone && page.text.contains("<h1>记录已归档</h1>"), "\(page.status)")
            }
            try await app.expect(.gone, .post, "/api/v1/repair-orders/\(old.id)/close", o.agent.token, code: "archived")
            for t in [outsiders.agent.token, outsiders.manager.token] {
                let api = try await app.expect(.notFound, .get, "/api/v1/repair-orders/\(old.id)", t, code: "not_found")
                #expect(!api.text.contains(old.number) && !api.text.contains(file))
            }
            // The quick search by its number leads to that page; outside the unit, nothing.
            let hit = try #require(try await QuickSearchTests.search(app, o.agent.token, old.number).first { $0["kind"] as? String == "repair" })
            #expect(hit["id"] as? String == old.id && hit["href"] as? String == "/repair-orders/\(old.id)" && hit["title"] as? String == "已归档", "\(hit)")
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, outsiders.agent.token, old.number), "repair").isEmpty)
        }
    }
}
