import Foundation
import Hummingbird
import KefuApp
import KefuDomain
import KefuPlatform
import SQLKit
import Testing

/// #17.6 RET-04, RET-03: `kefu retention archive` for estate events (ESC-03): an emergency closed past its 3 years goes
/// to its JSON line with its follow-up notes and out of the database, leaving its tombstone; one a day inside its
/// period, one held and one still open stay with their notes; a second run changes nothing. Afterwards the hand-off's
/// link (the emergency assigned to the CS supervisor), the page and the API answer the tombstone (410 `archived`) to
/// the estate's readers, the usual 404 to a reader of another unit; the quick search by its number leads there.
@Suite("Retention archive of estate events, and their tombstones (#17.6, RET-04)")
struct RetentionArchivePropertyEventsTests {
    static func millis(_ day: CivilDay) -> Int64 { RetentionArchiveTests.millis(day) }

    static func event(_ app: TestApp, _ id: String, estate: String, path: String, status: String, closedOn: CivilDay?, recordedOn: CivilDay) async throws {
        let recorded = millis(recordedOn), closed = closedOn.map(Self.millis)
        try await app.store.write { db in
            try await db.raw("""
                INSERT INTO property_events (id, number, estate_id, org_path, kind, severity, title, location, occurred_on, occurred_time, description, status,
                    assignee_id, reported_to, reported_at, first_follow_up_at, follow_ups, result, closed_at, closed_by, recorded_at, recorded_by)
                VALUES (\(bind: id), \(bind: id.uppercased()), \(bind: estate), \(bind: path), 'emergency', 'major', '电梯困人', '1栋电梯', \(bind: recordedOn.iso),
                    '09:00', NULL, \(bind: status), 'user-2', NULL, NULL, \(bind: recorded + 600_000), 1, \(bind: closed == nil ? nil : "已解救"),
                    \(bind: closed), \(bind: closed == nil ? nil : "user-2"), \(bind: recorded), 'user-1')
                """).run()
            try await db.raw("""
                INSERT INTO property_event_notes (event_id, seq, note, noted_at, noted_by) VALUES (\(bind: id), 1, '已通知维保', \(bind: recorded + 600_000), 'user-2')
                """).run()
        }
    }

    @Test func closedEventsPastTheirPeriodGoWithTheirNotesAndTheirLinksAnswerTheTombstone() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let admin = w.f.admin
            let today = Times.day(Date())
            func yearsAgo(_ n: Int) -> CivilDay { RetentionSettingsTests.before(years: n, days: 0) }
            // An emergency recorded, assigned to the CS supervisor (told, with a link), followed up and closed …
            let e = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/events", token: w.admin.token,
                                       json: ["kind": "emergency", "severity": "major", "title": "水管爆裂", "location": "3栋地下室"])
            #expect(e.status == .created, "\(e.text)")
            let id = try #require(e.string("id")), number = try #require(e.string("number"))
            let sup = w.f.supervisor.token
            let notice = try #require(try await app.call(.get, "/api/v1/notifications", token: sup).items.first { $0["kind"] as? String == "property_emergency_assigned" })
            #expect(notice["link"] as? String == "/property/events/\(id)", "\(notice)")
            let noticeId = try #require(notice["id"] as? String)
            #expect(try await app.call(.post, "/api/v1/property/events/\(id)/follow-ups", token: sup, json: ["note": "已关总阀"]).status == .created)
            #expect(try await app.call(.post, "/api/v1/property/events/\(id)/close", token: sup, json: ["result": "水管已更换"]).status == .ok)
            // … three years and ten days ago (RET-03 floor: 3 years).
            let past = yearsAgo(3).adding(days: -10), inside = yearsAgo(3)
            #expect(RetentionRules.keptUntil(.propertyEvent, closedOn: inside) == today)
            let path = try await app.store.write { db in
                try await db.raw("UPDATE property_events SET closed_at = \(bind: Self.millis(past)) WHERE id = \(bind: id)").run()
                return try await db.raw("SELECT org_path FROM property_events WHERE id = \(bind: id)").first()!.decode(column: "org_path", as: String.self)
            }
            try await Self.event(app, "sj-inside", estate: w.estate, path: path, status: "closed", closedOn: inside, recordedOn: inside.adding(days: -1))
            try await Self.event(app, "sj-held", estate: w.estate, path: path, status: "closed", closedOn: yearsAgo(5), recordedOn: yearsAgo(5).adding(days: -1))
            try await Self.event(app, "sj-open", estate: w.estate, path: path, status: "following", closedOn: nil, recordedOn: yearsAgo(6))
            let hold = try await app.call(.post, "/api/v1/retention/holds", token: admin, json: ["kind": "property_event", "recordId": "SJ-HELD", "reason": "保险理赔"])
            #expect(hold.status == .created, "\(hold.text)")

            let dir = try RetentionArchiveTests.archiveDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let archive = RetentionArchive(store: app.store, sources: KefuServer.retentionSources)
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir, kind: .propertyEvent, dryRun: true)) == [.propertyEvent: 1])
            #expect(try await RetentionArchiveTests.tombstones(app) == 0, "a dry run writes no tombstone")
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir)) == [.propertyEvent: 1])
            let file = dir.appendingPathComponent("property_event-\(today.iso).jsonl")
            let lines = try RetentionArchiveTests.lines(file)
            #expect(lines.map { $0["id"] as? String } == [id])
            let data = RetentionArchivePropertyKindsTests.data(try #require(lines.first))
            #expect(data.record?["number"] as? String == number && data.record?["result"] as? String == "水管已更换" && data.record?.count == 22)
            #expect(data.children["property_event_notes"]?.compactMap { $0["note"] as? String } == ["已关总阀"])

            #expect(try await RetentionArchiveTests.count(app, "property_events", "id", id) == 0)
            #expect(try await RetentionArchiveTests.count(app, "property_event_notes", "event_id", id) == 0)
            for kept in ["sj-inside", "sj-held", "sj-open"] {
                #expect(try await RetentionArchiveTests.count(app, "property_events", "id", kept) == 1, "\(kept)")
                #expect(try await RetentionArchiveTests.count(app, "property_event_notes", "event_id", kept) == 1, "\(kept)")
            }
            let tomb = try #require(try await app.store.read { db in try await RetentionTombstones.find(kind: .propertyEvent, id: id, in: db) })
            #expect(tomb.number == number && tomb.orgPath == path && tomb.file == file.lastPathComponent)
            let before = try Data(contentsOf: file)
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir)).isEmpty)
            #expect(try Data(contentsOf: file) == before)
            #expect(try await RetentionArchiveTests.tombstones(app) == 1)

            // The supervisor's notification still leads to the event's page, which answers the tombstone; so does the API.
            let open = try await app.call(.get, "/notifications/\(noticeId)/open", token: sup)
            #expect(open.headers[.location] == "/property/events/\(id)", "\(open.status)")
            let page = try await app.call(.get, "/property/events/\(id)", token: sup)
            #expect(page.status == .gone && page.text.contains("事件 \(number) 已于 \(today.iso) 归档") && page.text.contains(file.lastPathComponent),
                    "\(page.status) \(page.text.prefix(1500))")
            let api = try await app.call(.get, "/api/v1/property/events/\(id)", token: w.admin.token)
            #expect(api.status == .gone && api.errorCode == "archived" && api.errorMessage?.contains(number) == true, "\(api.text)")
            // A reader of another unit: the usual 404; a role that reads no events: the usual 403.
            let qaSup = try await app.createUser(admin, "qasup", roles: ["cs_supervisor"], unitId: w.f.qa)
            let refused = try await app.call(.get, "/api/v1/property/events/\(id)", token: qaSup.token)
            #expect(refused.status == .notFound && refused.errorCode == "not_found" && !refused.text.contains(number), "\(refused.text)")
            #expect(try await app.call(.get, "/property/events/\(id)", token: qaSup.token).status == .notFound)
            #expect(try await app.call(.get, "/api/v1/property/events/\(id)", token: w.f.agent.token).status == .forbidden)
            // The quick search by its number finds the tombstone (leading to that page) for a reader; not for the other unit.
            let hits = try await QuickSearchTests.search(app, sup, number)
            let hit = try #require(hits.first { $0["kind"] as? String == "property_event" }, "\(hits)")
            #expect(hit["id"] as? String == id && hit["href"] as? String == "/property/events/\(id)" && hit["title"] as? String == "已归档", "\(hit)")
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, qaSup.token, number), "property_event").isEmpty)
            // The events kept still show.
            let list = try await app.call(.get, "/api/v1/property/events?per=50", token: sup).items.compactMap { $0["number"] as? String }
            #expect(Set(list) == ["SJ-INSIDE", "SJ-HELD", "SJ-OPEN"], "\(list)")
        }
    }
}
