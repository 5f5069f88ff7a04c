import Foundation
import Hummingbird
import KefuApp
import KefuDomain
import KefuPlatform
import SQLKit
import Testing

/// #17.6 RET-04, RET-03: `kefu retention archive` for settled fee notices (交费通知单). A notice chased, paid in two
/// parts and settled past its 3 years goes to its JSON line with its lines, payments and chase note, and out of the
/// database, leaving its tombstone; the same month's unsettled notice, one settled a day inside its period and a held
/// one stay. The month's collection figures do not change. The month's notice run is closed from then on (409
/// `notice_month_archived`, nothing made); the notice's page, API and quick search answer its tombstone to the estate's
/// readers and nothing to others.
@Suite("Retention archive of settled fee notices (#17.6, RET-03, RET-04)")
struct RetentionArchiveNoticesTests {
    @Test func archivesASettledNoticeWithItsLinesPaymentsAndChasesAndClosesItsMonth() async throws {
        try await TestApp.run { app in
            let f = try await OrgFixture.make(app)
            let admin = try await app.createUser(f.admin, "sunli", roles: ["property_admin"], unitId: f.cs)
            let outsider = try await app.createUser(f.admin, "qaprop", roles: ["property_admin"], unitId: f.qa)
            let estate = try #require(try await app.call(.post, "/api/v1/property/estates", token: admin.token, json: ["name": "翠湖花园", "orgUnitId": f.cs]).string("id"))
            let rate = try await app.call(.post, "/api/v1/property/estates/\(estate)/fee-rates", token: admin.token,
                                          json: ["fee": "物业费", "kind": "property_fee", "rate": "2.00", "effectiveFrom": "2015-01"])
            #expect(rate.status == .created, "\(rate.text)")
            let units = try await app.call(.post, "/api/v1/property/estates/\(estate)/units", token: admin.token, json: ["units": [
                ["building": "1栋", "room": "101", "area": "50.00", "occupantName": "王芳"], ["building": "1栋", "room": "102", "area": "60.00"]]])
            #expect(units.status == .created, "\(units.text)")
            let today = Times.day(Date())
            func yearsAgo(_ n: Int) -> CivilDay { RetentionSettingsTests.before(years: n, days: 0) }
            let old = PropertyFeeTests.monthsAgo(52), recent = PropertyFeeTests.monthsAgo(2)
            var byMonth: [String: [String: [String: Any]]] = [:]
            for month in [old, recent] {
                let run = try await app.call(.post, "/api/v1/property/estates/\(estate)/notices", token: admin.token, json: ["month": month])
                #expect(run["made"] as? Int == 2, "\(run.text)")
                byMonth[month] = PropertyFeeTests.byRoom(try await PropertyFeeTests.notices(app, admin.token, "estateId=\(estate)&month=\(month)"))
            }
            let gone = try #require(byMonth[old]?["101"]?["id"] as? String), number = try #require(byMonth[old]?["101"]?["number"] as? String)
            let unsettled = try #require(byMonth[old]?["102"]?["id"] as? String)
            let inside = try #require(byMonth[recent]?["101"]?["id"] as? String)
            let held = try #require(byMonth[recent]?["102"]?["id"] as? String), heldNumber = try #require(byMonth[recent]?["102"]?["number"] as? String)
            // 101 of the old month: chased, paid 60.00 then the rest (100.00 billed), settled past its 3 years.
            try await app.expect(.created, .post, "/api/v1/property/notices/\(gone)/chases", admin.token, ["method": "phone", "result": "答应月底交"])
            try await app.expect(.created, .post, "/api/v1/property/notices/\(gone)/payments", admin.token, ["amount": "60.00", "method": "cash"])
            try await app.expect(.created, .post, "/api/v1/property/notices/\(gone)/payments", admin.token, ["amount": "40.00", "method": "wechat", "receiptNo": "SJ-9"])
            try await RetentionArchiveTests.close(app, "property_notices", gone, set: "settled_at = $at", on: yearsAgo(3).adding(days: -10))
            for (id, amount, day) in [(inside, "100.00", yearsAgo(3)), (held, "120.00", yearsAgo(5))] {
                try await app.expect(.created, .post, "/api/v1/property/notices/\(id)/payments", admin.token, ["amount": amount, "method": "cash"])
                try await RetentionArchiveTests.close(app, "property_notices", id, set: "settled_at = $at", on: day)
            }
            let hold = try await app.call(.post, "/api/v1/retention/holds", token: f.admin, json: ["kind": "property_notice", "recordId": heldNumber, "reason": "业主诉讼"])
            #expect(hold.status == .created, "\(hold.text)")
            let collection = "/api/v1/property/estates/\(estate)/collection-rate?period=month&from=\(old)&to=\(old)"
            let figuresBefore = try #require(try await app.expect(.ok, .get, collection, admin.token)["rows"] as? NSArray)
            #expect(figuresBefore.count == 2, "物业费 and the whole notices")

            let dir = try RetentionArchiveTests.archiveDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let archive = RetentionArchive(store: app.store, sources: KefuServer.retentionSources)
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir, kind: .propertyNotice, dryRun: true)) == [.propertyNotice: 1])
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir, kind: .propertyNotice)) == [.propertyNotice: 1])
            let file = dir.appendingPathComponent("property_notice-\(today.iso).jsonl")
            let lines = try RetentionArchiveTests.lines(file)
            #expect(lines.map { $0["id"] as? String } == [gone])
            let data = RetentionArchivePropertyKindsTests.data(try #require(lines.first))
            #expect(data.record?["number"] as? String == number && (data.record?["paid_fen"] as? NSNumber)?.int64Value == 10_000 && data.record?.count == 13)
            #expect(data.children["property_notice_lines"]?.map { $0["fee"] as? String } == ["物业费"])
            #expect(data.children["property_payments"]?.map { ($0["amount_fen"] as? NSNumber)?.int64Value } == [6_000, 4_000])
            #expect(data.children["property_chases"]?.map { $0["result"] as? String } == ["答应月底交"])
            for table in ["property_notice_lines", "property_payments", "property_chases"] {
                #expect(try await RetentionArchiveTests.count(app, table, "notice_id", gone) == 0, "\(table)")
            }
            #expect(try await RetentionArchiveTests.count(app, "property_notices", "id", gone) == 0)
            for id in [unsettled, inside, held] {
                #expect(try await RetentionArchiveTests.count(app, "property_notices", "id", id) == 1, "\(id)")
            }
            let figuresAfter = try #require(try await app.expect(.ok, .get, collection, admin.token)["rows"] as? NSArray)
            #expect(figuresAfter.isEqual(figuresBefore), "the month's figures are sums kept apart: \(figuresBefore) → \(figuresAfter)")

            // The month is closed for billing; another month still runs.
            let again = try await app.expect(.conflict, .post, "/api/v1/property/estates/\(estate)/notices", admin.token, ["month": old], code: "notice_month_archived")
            #expect(again.errorMessage?.contains(old) == true, "\(again.text)")
            #expect(try await RetentionArchiveTests.count(app, "property_notices", "unit_id", try #require(byMonth[old]?["101"]?["unitId"] as? String)) == 1)
            let recentRun = try await app.expect(.ok, .post, "/api/v1/property/estates/\(estate)/notices", admin.token, ["month": recent])
            #expect(recentRun["made"] as? Int == 0 && recentRun["already"] as? Int == 2, "\(recentRun.text)")

            // Its page, API and quick search answer the tombstone to the estate's readers; others get nothing of it.
            let page = try await app.call(.get, "/property/notices/\(gone)", token: admin.token)
            #expect(page.status == .gone && page.text.contains("交费通知单 \(number) 已于 \(today.iso) 归档") && page.text.contains(file.lastPathComponent),
                    "\(page.status) \(page.text.prefix(1500))")
            let api = try await app.expect(.gone, .get, "/api/v1/property/notices/\(gone)", admin.token, code: "archived")
            #expect(api.errorMessage?.contains(number) == true)
            try await app.expect(.gone, .post, "/api/v1/property/notices/\(gone)/chases", admin.token, ["method": "phone", "result": "x"], code: "archived")
            let refused = try await app.expect(.notFound, .get, "/api/v1/property/notices/\(gone)", outsider.token, code: "not_found")
            #expect(!refused.text.contains(number))
            let hits = try await QuickSearchTests.search(app, admin.token, number)
            let hit = try #require(hits.first { $0["kind"] as? String == "property_notice" }, "\(hits)")
            #expect(hit["href"] as? String == "/property/notices/\(gone)" && hit["title"] as? String == "已归档", "\(hit)")
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, outsider.token, number), "property_notice").isEmpty)
        }
    }
}
