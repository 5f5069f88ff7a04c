import Foundation
import Hummingbird
import KefuApp
import KefuDomain
import KefuPlatform
import SQLKit
import Testing

/// #17.6 RET-04, RET-01: `kefu retention archive` for returns and exchanges: one closed past its 3 years goes to its JSON
/// line (a return has no child rows) and out of the database, leaving its tombstone; one a day inside its period, one
/// held and one not closed stay; a second run changes nothing. Afterwards the hand-off notification's link, the page and
/// the API of the return answer its tombstone (410 `archived`: number, day, file) to whom could see the return, and
/// the usual 404 to others; the quick search by its number leads there.
@Suite("Retention archive of returns, and their tombstones (#17.6, RET-01, RET-04)")
struct RetentionArchiveReturnsTests {
    static func millis(_ day: CivilDay) -> Int64 { RetentionArchiveTests.millis(day) }

    static func ret(_ app: TestApp, _ id: String, unit: (id: String, path: String), status: String, closedOn: CivilDay?, createdOn: CivilDay) async throws {
        let created = millis(createdOn), closed = closedOn.map(Self.millis)
        try await app.store.write { db in
            try await db.raw("""
                INSERT INTO returns (id, number, kind, ticket_id, customer_name, model, serial_number, purchase_date, shipped_at, requested_on, reason,
                    quality_issue, status, inspection_report, responsibility, eligible, override_reason, override_by, slip_number, salesperson_id,
                    salesperson_ship_date, salesperson_note, signed_by, signed_at, booked_by, booked_at, replacement_shipped_at, replacement_tracking,
                    goods_received_at, closed_at, org_unit_id, org_path, created_by, created_at, updated_at)
                VALUES (\(bind: id), \(bind: id.uppercased()), 'exchange', NULL, '钱女士', 'KF-100', 'SN-1', '2020-01-01', \(bind: createdOn.iso),
                    \(bind: createdOn.iso), '外壳破损', 1, \(bind: status), '外壳注塑缺陷', 'product', 1, NULL, NULL, 'HL-1', 'user-9', \(bind: createdOn.iso),
                    '质量换货', 'user-7', \(bind: created + 1000), 'user-8', \(bind: created + 2000), \(bind: closed == nil ? nil : created + 3000), 'SF123',
                    \(bind: created + 500), \(bind: closed), \(bind: unit.id), \(bind: unit.path), 'user-1', \(bind: created), \(bind: closed ?? created))
                """).run()
        }
    }

    @Test func archivesClosedReturnsPastTheirPeriodAndNothingElse() async throws {
        try await TestApp.run { app in
            let admin = try await app.adminToken()
            let unit = try await RetentionArchiveTests.rootUnit(app, admin)
            let rootPath = unit.path
            let today = Times.day(Date())
            func yearsAgo(_ n: Int) -> CivilDay { RetentionSettingsTests.before(years: n, days: 0) }
            let past = yearsAgo(3).adding(days: -10), inside = yearsAgo(3)   // RET-01: 3 years; `inside` is kept until today
            #expect(RetentionRules.keptUntil(.returnRecord, closedOn: inside) == today)
            try await Self.ret(app, "th-old", unit: unit, status: "closed", closedOn: past, createdOn: past.adding(days: -30))
            try await Self.ret(app, "th-inside", unit: unit, status: "closed", closedOn: inside, createdOn: inside.adding(days: -30))
            try await Self.ret(app, "th-held", unit: unit, status: "closed", closedOn: yearsAgo(5), createdOn: yearsAgo(5).adding(days: -30))
            try await Self.ret(app, "th-open", unit: unit, status: "booked_by_finance", closedOn: nil, createdOn: yearsAgo(6))
            let hold = try await app.call(.post, "/api/v1/retention/holds", token: admin, json: ["kind": "return", "recordId": "TH-HELD", "reason": "客户诉讼"])
            #expect(hold.status == .created, "\(hold.text)")

            let dir = try RetentionArchiveTests.archiveDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let archive = RetentionArchive(store: app.store, sources: KefuServer.retentionSources)
            #expect(archive.archivable.contains(.returnRecord) && !archive.notArchivable.contains(.returnRecord))
            // A dry run counts, writes no file and no tombstone.
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir, kind: .returnRecord, dryRun: true)) == [.returnRecord: 1])
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
            #expect(try await RetentionArchiveTests.tombstones(app) == 0)
            #expect(try await RetentionArchiveTests.count(app, "returns", "id", "th-old") == 1)

            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir)) == [.returnRecord: 1])
            let file = dir.appendingPathComponent("return-\(today.iso).jsonl")
            let lines = try RetentionArchiveTests.lines(file)
            #expect(lines.map { $0["id"] as? String } == ["th-old"] && lines.first?["kind"] as? String == "return")
            let data = RetentionArchivePropertyKindsTests.data(try #require(lines.first))
            #expect(data.record?["number"] as? String == "TH-OLD" && data.record?["status"] as? String == "closed")
            #expect((data.record?["closed_at"] as? NSNumber)?.int64Value == Self.millis(past) && data.record?["replacement_tracking"] as? String == "SF123")
            #expect(data.record?["salesperson_note"] as? String == "质量换货" && (data.record?["quality_issue"] as? NSNumber)?.intValue == 1)
            #expect(data.record?["override_reason"] is NSNull && data.record?.count == 35, "every column of returns (aftersales-002)")
            #expect(data.children.isEmpty, "a return has no child rows")

            // Gone, with its tombstone written with the delete; kept: a day inside, held, not closed — and no tombstone for them.
            #expect(try await RetentionArchiveTests.count(app, "returns", "id", "th-old") == 0)
            let tomb = try #require(try await app.store.read { db in try await RetentionTombstones.find(kind: .returnRecord, id: "th-old", in: db) })
            #expect(tomb.number == "TH-OLD" && tomb.orgPath == rootPath && tomb.file == file.lastPathComponent && tomb.archivedOn == today)
            for id in ["th-inside", "th-held", "th-open"] {
                #expect(try await RetentionArchiveTests.count(app, "returns", "id", id) == 1, "\(id)")
                #expect(try await RetentionArchiveTests.count(app, "retention_archived", "record_id", id) == 0, "\(id)")
            }
            let audit = try await app.call(.get, "/api/v1/audit-log?entity=return&entityId=th-old", token: admin)
            #expect(audit.items.contains { $0["action"] as? String == "retention.archive" }, "\(audit.text)")

            // Again: nothing more to do, the file byte for byte as it was, still one tombstone.
            let before = try Data(contentsOf: file)
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir)).isEmpty)
            #expect(try Data(contentsOf: file) == before)
            #expect(try await RetentionArchiveTests.tombstones(app) == 1)

            // The returns kept still show; the list no longer has the archived one.
            for id in ["th-inside", "th-held", "th-open"] {
                #expect(try await app.call(.get, "/api/v1/returns/\(id)", token: admin).string("number") == id.uppercased(), "\(id)")
            }
            let list = try await app.call(.get, "/api/v1/returns?per=100", token: admin).items.compactMap { $0["number"] as? String }
            #expect(Set(list) == ["TH-INSIDE", "TH-HELD", "TH-OPEN"], "\(list)")
            let report = try await app.call(.get, "/api/v1/retention?kind=return", token: admin)
            let summary = (report["items"] as? [[String: Any]])?.first { $0["kind"] as? String == "return" }
            #expect(summary?["archivable"] as? Bool == true && (summary?["count"] as? NSNumber)?.intValue == 0, "\(report.text)")
        }
    }

    @Test func anArchivedReturnsHandOffLinkPageAndAPIAnswerItsTombstoneInScope() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let outsiders = try await AftersalesScopeTests.outsiders(app, f)
            let (id, number, base) = try await ReturnHandOffTests.requested(app, o.agent.token, model: "SL1500 变频器", shippedDaysAgo: 50,
                                                                            reason: "运行一周后过热停机", qualityIssue: true)
            try await app.expect(.ok, .post, base + "/receive", o.agent.token)   // QA is told, with a link to the return
            let notice = try #require(try await app.call(.get, "/api/v1/notifications", token: o.qaUser.token).items.first)
            #expect(notice["link"] as? String == "/returns/\(id)", "\(notice)")
            let noticeId = try #require(notice["id"] as? String)
            // Closed four years ago: past its 3 years (RET-01).
            let closed = Self.millis(RetentionSettingsTests.before(years: 4, days: 0))
            try await app.store.write { db in
                try await db.raw("UPDATE returns SET status = 'closed', closed_at = \(bind: closed) WHERE id = \(bind: id)").run()
            }
            let dir = try RetentionArchiveTests.archiveDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let done = try await RetentionArchive(store: app.store, sources: KefuServer.retentionSources).run(to: dir, kind: .returnRecord)
            #expect(done.map(\.count) == [1])
            #expect(try await RetentionArchiveTests.count(app, "returns", "id", id) == 0)
            let today = Times.day(Date()).iso
            let file = "return-\(today).jsonl"

            // The notification stays (the service desk's row) and still leads to the return's page …
            #expect(try await app.call(.get, "/api/v1/notifications", token: o.qaUser.token).items.first?["link"] as? String == "/returns/\(id)")
            let open = try await app.call(.get, "/notifications/\(noticeId)/open", token: o.qaUser.token)
            #expect(open.headers[.location] == "/returns/\(id)", "\(open.status) \(open.headers)")
            // … which says, in the user's language, that it was archived, when, and in which file: 410 Gone.
            for t in [o.qaUser.token, o.agent.token, f.manager.token] {
                let page = try await app.call(.get, "/returns/\(id)", token: t)
                #expect(page.status == .gone, "\(page.status)")
                #expect(page.text.contains("退换货单 \(number) 已于 \(today) 归档") && page.text.contains(file), "\(page.text.prefix(2000))")
                #expect(page.text.contains("<h1>记录已归档</h1>") && !page.text.contains("出错了"), "headed as archived")
                let api = try await app.call(.get, "/api/v1/returns/\(id)", token: t)
                #expect(api.status == .gone && api.errorCode == "archived", "\(api.text)")
                #expect(api.errorMessage?.contains(number) == true && api.errorMessage?.contains(today) == true && api.errorMessage?.contains(file) == true)
            }
            // In English for a user who reads English (the user's language, API.md).
            #expect(try await app.call(.patch, "/api/v1/users/\(o.qaUser.id)", token: o.admin, json: ["locale": "en"]).status == .ok)
            let english = try await app.call(.get, "/returns/\(id)", token: o.qaUser.token)
            #expect(english.text.contains("<h1>Record archived</h1>"), "headed as archived")
            #expect(english.status == .gone && english.text.contains("Return \(number) was archived on \(today)") && english.text.contains(file),
                    "\(english.text.prefix(2000))")
            let englishAPI = try await app.call(.get, "/api/v1/returns/\(id)", token: o.qaUser.token)
            #expect(englishAPI.errorMessage?.hasPrefix("Return \(number) was archived on \(today)") == true, "\(englishAPI.text)")
            // A step on it says the same.
            try await app.expect(.gone, .post, base + "/close", o.agent.token, code: "archived")
            // Outside the return's unit: the usual 404, nothing of the tombstone.
            for t in [outsiders.agent.token, outsiders.manager.token] {
                let api = try await app.expect(.notFound, .get, "/api/v1/returns/\(id)", t, code: "not_found")
                #expect(!api.text.contains(number) && !api.text.contains(file))
                let page = try await app.call(.get, "/returns/\(id)", token: t)
                #expect(page.status == .notFound && !page.text.contains(number) && !page.text.contains(file))
            }
            // An id never archived: the usual 404.
            try await app.expect(.notFound, .get, "/api/v1/returns/no-such-return", o.agent.token, code: "not_found")

            // The quick search by its number finds the tombstone, leading to that page; outside the unit, nothing.
            let hits = try await QuickSearchTests.search(app, o.agent.token, number)
            let hit = try #require(hits.first { $0["kind"] as? String == "return" }, "\(hits)")
            #expect(hit["id"] as? String == id && hit["href"] as? String == "/returns/\(id)" && hit["number"] as? String == number, "\(hit)")
            #expect(hit["title"] as? String == "已归档" && (hit["detail"] as? String)?.contains(today) == true, "\(hit)")
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, outsiders.agent.token, number), "return").isEmpty)
        }
    }
}
