import Foundation
import Hummingbird
import KefuApp
import KefuDomain
import KefuPlatform
import SQLKit
import Testing

/// #17.6 RET-04, RET-03: `kefu retention archive` for the site's daily ledger (流水账). A day written, submitted,
/// posted (drafting and auditing its issue document), filed with the scan of its signed print, and past its 3 years
/// goes to its JSON line with its lines, its document links and its file's row (the bytes stay in the store under
/// their SHA-256), and out of the database, leaving its tombstone numbered as the report numbers a day; a day a day
/// inside its period, a held one and a draft stay. The drafted document stays and still names the day. The day's
/// page and API answer the tombstone to whom could see it; no day can be written again for that warehouse and date.
@Suite("Retention archive of site ledger days (#17.6, RET-03, RET-04)")
struct RetentionArchiveSiteLedgersTests {
    @Test func archivesAPostedDayWithItsLinesDocumentsAndFilesAndClosesItsDate() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 10)])
            let today = Times.day(Date())
            func yearsAgo(_ n: Int) -> CivilDay { RetentionSettingsTests.before(years: n, days: 0) }
            func write(_ date: String) async throws -> String {
                let r = try await app.call(.post, "/api/v1/site-ledgers", token: f.keeperA1, json: [
                    "warehouseId": f.A1G, "date": date, "lateReason": "补记", "lines": [SiteLedgerTests.selfUse(f.bolt, 2)]])
                #expect(r.status == .created, "\(r.text)")
                return try #require(r.string("id"))
            }
            let date = SiteLedgerTests.day(0)
            let id = try await write(date)
            try await app.expect(.ok, .post, "/api/v1/site-ledgers/\(id)/submit", f.keeperA1)
            let posted = try await app.expect(.ok, .post, "/api/v1/site-ledgers/\(id)/post", f.accA, ["audit": true])
            let documentId = try #require((posted["documents"] as? [[String: Any]])?.first?["id"] as? String)
            let scan = try await app.call(.post, "/api/v1/attachments", token: f.keeperA1, json: [
                "ownerKind": "site_ledger", "ownerId": id, "fileName": "签字.png", "label": "signed", "data": Data(AttachmentTests.png).base64EncodedString()])
            #expect(scan.status == .created, "\(scan.text)")
            let scanId = try #require(scan.string("id")), sha = try #require(scan.string("sha256"))
            try await app.expect(.ok, .post, "/api/v1/site-ledgers/\(id)/file", f.keeperA1)
            try await RetentionArchiveTests.close(app, "site_ledger_days", id, set: "posted_at = $at", on: yearsAgo(3).adding(days: -10))
            // Kept: a day inside, held, a draft.
            let inside = try await write(SiteLedgerTests.day(-1)), held = try await write(SiteLedgerTests.day(-2)), draft = try await write(SiteLedgerTests.day(-3))
            try await RetentionArchiveTests.close(app, "site_ledger_days", inside, set: "status = 'posted', posted_at = $at", on: yearsAgo(3))
            try await RetentionArchiveTests.close(app, "site_ledger_days", held, set: "status = 'posted', posted_at = $at", on: yearsAgo(5))
            let hold = try await app.call(.post, "/api/v1/retention/holds", token: f.admin, json: ["kind": "site_ledger", "recordId": held, "reason": "审计"])
            #expect(hold.status == .created, "\(hold.text)")

            let dir = try RetentionArchiveTests.archiveDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let archive = RetentionArchive(store: app.store, sources: KefuServer.retentionSources)
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir, kind: .siteLedger, dryRun: true)) == [.siteLedger: 1])
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir)) == [.siteLedger: 1])
            let file = dir.appendingPathComponent("site_ledger-\(today.iso).jsonl")
            let lines = try RetentionArchiveTests.lines(file)
            #expect(lines.map { $0["id"] as? String } == [id])
            let data = RetentionArchivePropertyKindsTests.data(try #require(lines.first))
            #expect(data.record?["ledger_date"] as? String == date && data.record?["status"] as? String == "posted" && data.record?.count == 17)
            #expect(data.record?["filed_by"] is String, "filed (LED-06)")
            #expect(data.children["site_ledger_lines"]?.map { $0["kind"] as? String } == ["self_use"])
            #expect(data.children["site_ledger_documents"]?.map { $0["document_id"] as? String } == [documentId])
            let files = try #require(data.children["attachments"])
            #expect(files.map { $0["id"] as? String } == [scanId] && files.first?["sha256"] as? String == sha && files.first?["file_name"] as? String == "签字.png")
            for (table, column) in [("site_ledger_days", "id"), ("site_ledger_lines", "ledger_id"), ("site_ledger_documents", "ledger_id"), ("attachments", "owner_id")] {
                #expect(try await RetentionArchiveTests.count(app, table, column, id) == 0, "\(table)")
            }
            for kept in [inside, held, draft] {
                #expect(try await RetentionArchiveTests.count(app, "site_ledger_days", "id", kept) == 1)
            }
            let tomb = try #require(try await app.store.read { db in try await RetentionTombstones.find(kind: .siteLedger, id: id, in: db) })
            #expect(tomb.number == "A1G \(date)", "numbered as the report numbers a day")

            // The drafted document stays and names the day; the day's page and API answer the tombstone.
            let document = try await app.expect(.ok, .get, "/api/v1/stock-documents/\(documentId)", f.accA)
            #expect(document.string("remark")?.contains("现场流水账 A1G \(date)") == true)
            let page = try await app.call(.get, "/materials/site-ledgers/\(id)", token: f.keeperA1)
            #expect(page.status == .gone && page.text.contains("现场流水账 A1G \(date) 已于 \(today.iso) 归档"), "\(page.status) \(page.text.prefix(1500))")
            for token in [f.keeperA1, f.accA, f.accB] {
                try await app.expect(.gone, .get, "/api/v1/site-ledgers/\(id)", token, code: "archived")
            }
            try await app.expect(.gone, .post, "/api/v1/site-ledgers/\(id)/file", f.keeperA1, code: "archived")
            let refused = try await app.call(.get, "/api/v1/site-ledgers/\(id)", token: f.agent)
            #expect(refused.status != .gone && !refused.text.contains(file.lastPathComponent), "\(refused.text)")
            try await app.expect(.notFound, .get, "/api/v1/attachments/\(scanId)", f.keeperA1)
            // The day is not written a second time.
            let again = try await app.call(.post, "/api/v1/site-ledgers", token: f.keeperA1, json: [
                "warehouseId": f.A1G, "date": date, "lines": [SiteLedgerTests.selfUse(f.bolt, 1)]])
            #expect(again.status == .conflict && again.errorCode == "ledger_day_archived", "\(again.text)")
        }
    }
}
