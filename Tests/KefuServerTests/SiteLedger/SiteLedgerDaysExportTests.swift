import Foundation
import Hummingbird
import KefuPlatform
import Testing

/// The ledger days list (LED-01..07) exported as XLSX and CSV with the page's filters, in the viewer's scope.
@Suite("Site-ledger days export")
struct SiteLedgerDaysExportTests {
    @Test func theDaysListExportsWithThePagesFilters() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            func day(_ token: String, _ warehouse: String, _ date: String) async throws -> String {
                let r = try await app.call(.post, "/api/v1/site-ledgers", token: token, json: [
                    "warehouseId": warehouse, "date": date, "lateReason": "补录",
                    "lines": [["kind": "transfer_in", "itemId": f.bolt, "quantityIn": 1, "remark": "调入", "reference": "DB-2026-000001"]]])
                #expect(r.status == .created, "\(r.text)")
                return r.string("id") ?? ""
            }
            _ = try await day(f.keeperA1, f.A1G, "2026-11-18")
            let submitted = try await day(f.keeperA1, f.A1G, "2026-11-19")
            #expect(try await app.call(.post, "/api/v1/site-ledgers/\(submitted)/submit", token: f.keeperA1, json: ["lateReason": "补录"]).status == .ok)
            _ = try await day(f.keeperA2, f.A2G, "2026-11-19")

            // XLSX (read back by the shared reader): the accountant's days from the 19th, dates as dates.
            let xlsx = try await app.download("/materials/site-ledger-days.xlsx?from=2026-11-19&to=2026-11-30", token: f.accA)
            #expect(xlsx.status == .ok)
            let rows = try XLSXReader.firstSheet(xlsx.bytes)
            #expect(rows.first?.first == "日期", "\(rows)")
            let body = rows.dropFirst()
            #expect(body.count == 2 && body.allSatisfy { $0.count > 3 }, "\(rows)")
            #expect(Set(body.map { $0[1] }) == ["A1G", "A2G"], "\(rows)")
            // CSV with a status filter: the one submitted day.
            let csv = try await app.download("/materials/site-ledger-days.csv?status=submitted", token: f.accA)
            let text = String(decoding: csv.bytes, as: UTF8.self)
            #expect(text.contains("A1G") && text.contains("2026-11-19") && !text.contains("2026-11-18") && !text.contains("A2G"), "\(text)")
            // Another site's keeper exports only its own days.
            let other = String(decoding: try await app.download("/materials/site-ledger-days.csv", token: f.keeperA2).bytes, as: UTF8.self)
            #expect(other.contains("A2G") && !other.contains("A1G"), "\(other)")
            // The page links the export with its filters.
            let page = PageSession(app)
            _ = try await page.signIn("acca", "password-acca")
            let list = try await page.get("/materials/site-ledgers?from=2026-11-19&status=submitted")
            #expect(list.text.contains("/materials/site-ledger-days.xlsx?from=2026-11-19&amp;status=submitted")
                    || list.text.contains("/materials/site-ledger-days.xlsx?from=2026-11-19&status=submitted"), "\(list.text)")
        }
    }
}
