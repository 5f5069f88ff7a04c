import Foundation
import Hummingbird
import KefuApp
import KefuDomain
import KefuPlatform
import SQLKit
import Testing

/// #17.6 RET-04: `kefu retention archive` (`RetentionArchive`) writes the records past their effective period and not
/// held as JSON lines, then deletes exactly those; a record one day inside its period, a held one, and one kept by a
/// longer configured period stay; kinds Kefu does not archive are refused by name and left alone.
@Suite("Retention archive (#17.6, RET-04)")
struct RetentionArchiveTests {
    static func millis(_ day: CivilDay) -> Int64 { Int64(RetentionTests.noon(day).timeIntervalSince1970 * 1000) }

    static func patrol(_ app: TestApp, _ id: String, _ number: String, on day: CivilDay, findings: [String]) async throws {
        let at = millis(day)
        try await app.store.write { db in
            try await db.raw("""
                INSERT INTO property_patrols (id, number, estate_id, org_path, patrolled_on, patrolled_time, buildings, patroller, status, findings, note, recorded_at, recorded_by)
                VALUES (\(bind: id), \(bind: number), 'estate-1', '/root/', \(bind: day.iso), '09:30', '1-3栋', '王巡查', 'issues', \(bind: findings.count), NULL, \(bind: at), 'user-1')
                """).run()
            for (i, f) in findings.enumerated() {
                try await db.raw("""
                    INSERT INTO property_patrol_findings (patrol_id, sort, location, description, disposition, ticket_ref)
                    VALUES (\(bind: id), \(bind: i), '2栋', \(bind: f), 'repair', NULL)
                    """).run()
            }
        }
    }

    static func vacantCheck(_ app: TestApp, _ id: String, _ number: String, on day: CivilDay) async throws {
        let at = millis(day)
        try await app.store.write { db in
            try await db.raw("""
                INSERT INTO property_vacant_checks (id, number, estate_id, unit_id, org_path, checked_on, checker, doors, windows, water, power, note, recorded_at, recorded_by)
                VALUES (\(bind: id), \(bind: number), 'estate-1', 'unit-1', '/root/', \(bind: day.iso), '李检查', 'ok', 'ok', 'off', 'off', '无异常', \(bind: at), 'user-1')
                """).run()
        }
    }

    /// A new empty directory for an archive run; the caller removes it.
    /// Dates a record's closing to `day` (noon, Beijing): `assignments` names its columns, `$at` standing for the instant.
    static func close(_ app: TestApp, _ table: String, _ id: String, set assignments: String, on day: CivilDay) async throws {
        let sql = assignments.replacingOccurrences(of: "$at", with: String(millis(day)))
        try await app.store.write { db in
            try await db.raw("UPDATE \(unsafeRaw: table) SET \(unsafeRaw: sql) WHERE id = \(bind: id)").run()
        }
    }

    static func archiveDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-archive-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The root unit's id and path, where the archive tests file their records.
    static func rootUnit(_ app: TestApp, _ admin: String) async throws -> (id: String, path: String) {
        let rootId = try await app.rootUnitId(admin)
        let path = try await app.store.read { db in
            try await db.raw("SELECT path FROM org_units WHERE id = \(bind: rootId)").first()!.decode(column: "path", as: String.self)
        }
        return (rootId, path)
    }

    static func count(_ app: TestApp, _ table: String, _ column: String, _ id: String) async throws -> Int {
        try await app.store.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: column) = \(bind: id)").first()?.decode(column: "n", as: Int.self) ?? -1
        }
    }

    /// How many tombstones (`retention_archived`) there are.
    static func tombstones(_ app: TestApp) async throws -> Int {
        try await app.store.read { db in try await db.raw("SELECT COUNT(*) AS n FROM retention_archived").first()?.decode(column: "n", as: Int.self) ?? -1 }
    }

    /// The kinds a run archived something of, with how many (the kinds with nothing to do left out).
    static func tally(_ results: [RetentionArchive.KindResult]) -> [RetainedKind: Int] {
        Dictionary(uniqueKeysWithValues: results.filter { $0.count > 0 }.map { ($0.kind, $0.count) })
    }

    static func lines(_ url: URL) throws -> [[String: Any]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    @Test func archivesWhatIsPastItsPeriodAndNotHeldAndNothingElse() async throws {
        try await TestApp.run { app in
            let admin = try await app.adminToken()
            let today = Times.day(Date())
            func yearsAgo(_ n: Int) -> CivilDay { RetentionSettingsTests.before(years: n, days: 0) }
            // Patrols (floor 3 years): one past it, one whose last kept day is today (one day inside), one past it but held.
            try await Self.patrol(app, "p-old", "XL-OLD", on: yearsAgo(3).adding(days: -10), findings: ["楼道灯不亮", "消防栓锈蚀"])
            try await Self.patrol(app, "p-inside", "XL-INSIDE", on: yearsAgo(3), findings: ["门禁故障"])
            try await Self.patrol(app, "p-held", "XL-HELD", on: yearsAgo(5), findings: ["外墙渗水"])
            #expect(RetentionRules.keptUntil(.propertyPatrol, closedOn: yearsAgo(3)) == today)
            let hold = try await app.call(.post, "/api/v1/retention/holds", token: admin, json: ["kind": "property_patrol", "recordId": "XL-HELD", "reason": "业主诉讼"])
            #expect(hold.status == .created, "\(hold.text)")
            // Vacant checks, kept 6 years by the administrator: 5 years old stays, 7 years old goes.
            #expect(try await app.call(.put, "/api/v1/retention/periods/property_vacant_check", token: admin, json: ["years": 6]).status == .ok)
            try await Self.vacantCheck(app, "v-five", "KZ-FIVE", on: yearsAgo(5))
            try await Self.vacantCheck(app, "v-seven", "KZ-SEVEN", on: yearsAgo(7))

            let dir = try RetentionArchiveTests.archiveDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let archive = RetentionArchive(store: app.store, sources: KefuServer.retentionSources)
            #expect(archive.archivable == [.ticket, .complaint, .repairOrder, .returnRecord, .workOrder, .siteLedger, .materialRequest, .propertyNotice, .propertyPatrol, .propertyVacantCheck, .propertyProposal, .propertyWorkPlan, .propertyVisit, .propertyForum, .propertyEvent])
            #expect(!archive.notArchivable.contains(.ticket) && archive.notArchivable.contains(.survey) && !archive.notArchivable.contains(.returnRecord))
            #expect(Set(archive.notArchivable) == [.survey, .stockDocument])
            #expect(!archive.notArchivable.contains(.propertyNotice) && !archive.notArchivable.contains(.propertyEvent))

            // A dry run counts and touches nothing.
            let dry = try await archive.run(to: dir, dryRun: true)
            #expect(dry.map(\.kind) == archive.archivable && dry.allSatisfy { $0.file == nil })
            #expect(Self.tally(dry) == [.propertyPatrol: 1, .propertyVacantCheck: 1])
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
            #expect(try await Self.count(app, "property_patrols", "id", "p-old") == 1)
            #expect(try await Self.tombstones(app) == 0, "a dry run writes no tombstone")

            let done = try await archive.run(to: dir, batchSize: 1) // batches of one: the loop runs
            #expect(done.map(\.kind) == archive.archivable)
            #expect(Self.tally(done) == [.propertyPatrol: 1, .propertyVacantCheck: 1])
            let patrolFile = dir.appendingPathComponent("property_patrol-\(today.iso).jsonl")
            let vacantFile = dir.appendingPathComponent("property_vacant_check-\(today.iso).jsonl")
            #expect(done.compactMap(\.file) == [patrolFile.path, vacantFile.path])

            // The file holds what was deleted: the record row and its children.
            let patrolLines = try Self.lines(patrolFile)
            #expect(patrolLines.count == 1)
            let line = try #require(patrolLines.first)
            #expect(line["kind"] as? String == "property_patrol" && line["id"] as? String == "p-old")
            let data = line["data"] as? [String: Any]
            let record = data?["record"] as? [String: Any]
            #expect(record?["number"] as? String == "XL-OLD" && (record?["findings"] as? NSNumber)?.intValue == 2)
            #expect((record?["recorded_at"] as? NSNumber)?.int64Value == Self.millis(yearsAgo(3).adding(days: -10)))
            let findings = (data?["children"] as? [String: Any])?["property_patrol_findings"] as? [[String: Any]]
            #expect(findings?.compactMap { $0["description"] as? String } == ["楼道灯不亮", "消防栓锈蚀"])
            let vacantLines = try Self.lines(vacantFile)
            #expect(vacantLines.map { $0["id"] as? String } == ["v-seven"])
            #expect(((vacantLines.first?["data"] as? [String: Any])?["record"] as? [String: Any])?["note"] as? String == "无异常")

            // Gone: exactly those rows. Kept: inside the period, held, kept longer.
            #expect(try await Self.count(app, "property_patrols", "id", "p-old") == 0)
            #expect(try await Self.count(app, "property_patrol_findings", "patrol_id", "p-old") == 0)
            #expect(try await Self.count(app, "property_patrols", "id", "p-inside") == 1)
            #expect(try await Self.count(app, "property_patrols", "id", "p-held") == 1)
            #expect(try await Self.count(app, "property_patrol_findings", "patrol_id", "p-held") == 1)
            #expect(try await Self.count(app, "property_vacant_checks", "id", "v-seven") == 0)
            #expect(try await Self.count(app, "property_vacant_checks", "id", "v-five") == 1)
            // Each archived record leaves its tombstone, written with the delete: number, day, file; none for those kept.
            let tomb = try #require(try await app.store.read { db in try await RetentionTombstones.find(kind: .propertyPatrol, id: "p-old", in: db) })
            #expect(tomb.number == "XL-OLD" && tomb.file == patrolFile.lastPathComponent && tomb.archivedOn == today && tomb.orgPath == "/root/")
            #expect(try await Self.count(app, "retention_archived", "record_id", "v-seven") == 1)
            for id in ["p-inside", "p-held", "v-five"] { #expect(try await Self.count(app, "retention_archived", "record_id", id) == 0, "\(id)") }
            let audit = try await app.call(.get, "/api/v1/audit-log?entity=property_patrol&entityId=p-old", token: admin)
            #expect(audit.items.contains { $0["action"] as? String == "retention.archive" }, "\(audit.text)")

            // Again: nothing more to do, the files unchanged.
            #expect(Self.tally(try await archive.run(to: dir)).isEmpty)
            #expect(try Self.lines(patrolFile).count == 1)
            // Released, the held patrol goes on the next run.
            let holdId = try #require(hold.string("id"))
            #expect(try await app.call(.post, "/api/v1/retention/holds/\(holdId)/release", token: admin, json: ["reason": "诉讼结束"]).status == .ok)
            #expect(try await archive.run(to: dir, kind: .propertyPatrol).map(\.count) == [1])
            #expect(try Self.lines(patrolFile).map { $0["id"] as? String } == ["p-old", "p-held"])
            #expect(try await Self.count(app, "property_patrols", "id", "p-inside") == 1)

            // A kind Kefu does not archive is refused by name: survey responses (opinion rounds and the portal's rated-once
            // rule read them as state), RET-04.
            for kind in [RetainedKind.survey] {
                await #expect(throws: RetentionArchive.Refusal.self, "\(kind)") { _ = try await archive.run(to: dir, kind: kind) }
            }
            let report = try await app.call(.get, "/api/v1/retention", token: admin)
            let archivedByKefu = (report["items"] as? [[String: Any]] ?? []).filter { $0["archivable"] as? Bool == true }.compactMap { $0["kind"] as? String }
            #expect(archivedByKefu == archive.archivable.map(\.rawValue), "\(report.text)")
        }
    }
}

/// The archivers list the columns they write by hand: a column a later migration adds to these tables would be deleted
/// without being archived. This holds every archiver's lists (record and child tables) to the tables as migrated, names
/// and types, on the engine at hand.
@Suite("Retention archive columns (#17.6)")
struct RetentionArchiveColumnTests {
    /// Column name → its type as the engine reports it (SQLite's declared type, PostgreSQL's `data_type`), upper-cased.
    static func columns(_ app: TestApp, _ table: String) async throws -> [String: String] {
        try await app.store.read { db in
            let sql: SQLQueryString = app.store.dialect == .sqlite
                ? "SELECT name, type FROM pragma_table_info(\(bind: table))"
                : "SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = \(bind: table)"
            return Dictionary(uniqueKeysWithValues: try await db.raw(sql).all().map {
                (try $0.decode(column: "name", as: String.self), try $0.decode(column: "type", as: String.self).uppercased())
            })
        }
    }

    /// Every archiver of the composition (each is a `TableArchiver`), in the order of the report.
    static var archivers: [any TableArchiver] {
        KefuServer.retentionSources.flatMap { s in s.kinds.compactMap { s.archiver($0) } }.compactMap { $0 as? any TableArchiver }
    }

    @Test func theArchiversWriteEveryColumnOfTheTablesTheyDeleteFrom() async throws {
        let archivers = Self.archivers
        #expect(archivers.map(\.kind) == [.ticket, .complaint, .repairOrder, .returnRecord, .workOrder, .siteLedger, .materialRequest, .propertyNotice, .propertyPatrol, .propertyVacantCheck, .propertyProposal, .propertyWorkPlan, .propertyVisit, .propertyForum, .propertyEvent])
        #expect(archivers.count == KefuServer.retentionSources.flatMap { s in s.kinds.filter { s.archiver($0) != nil } }.count, "every archiver is a TableArchiver")
        try await TestApp.run { app in
            for table in archivers.flatMap({ [$0.record] + $0.children }) {
                let actual = try await Self.columns(app, table.name)
                #expect(!actual.isEmpty, "\(table.name)")
                let listed = table.columns.map(\.0)
                #expect(Set(listed) == Set(actual.keys), "\(table.name): the archiver lists \(listed.sorted()), the table has \(actual.keys.sorted())")
                #expect(listed.count == Set(listed).count, "\(table.name) lists a column twice")
                #expect(Set(listed).contains(table.key), "\(table.name): \(table.key)")
                for (name, type) in table.columns {
                    guard let migrated = actual[name] else { continue }
                    let expected: Set<String> = switch type {
                    case .integer: ["INTEGER", "BIGINT"]
                    case .text: ["TEXT"]
                    case .bytes: ["BLOB", "BYTEA"]
                    }
                    #expect(expected.contains(migrated), "\(table.name).\(name) is \(migrated), the archiver reads it as \(type)")
                }
            }
        }
    }
}
