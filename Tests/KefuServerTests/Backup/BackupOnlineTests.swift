import Foundation
import KefuApp
import KefuDomain
import KefuPlatform
import SQLKit
import Testing

/// #17.1: `kefu backup` while the server takes writes, then `kefu restore` into a fresh file.
@Suite("Backup: online copy and restore (#17.1)")
struct BackupOnlineTests {
    @Test func backupWhileWritingRestoresEveryAcknowledgedTicketAndNothingHalfWritten() async throws {
        let dir = try BackupFixture.tempDir("backup-live")
        defer { try? FileManager.default.removeItem(at: dir) }
        let backupFile = dir.appendingPathComponent("copies/kefu-backup.sqlite")
        try await BackupFixture.serve(dir) { app, path in
            let org = try await OrgFixture.make(app)
            let first = try await app.createTicket(org.agent.token, subject: "附件工单", description: "风机漏油")
            let firstId = try #require(first.string("id"))
            // An attachment the backup must carry (the bytes live on disk, not in the database).
            let pdf = Array("%PDF-1.4\n% kefu backup test \(UUID().uuidString)\n%%EOF\n".utf8)
            let disk = BackupFixture.disk(in: dir)
            let sha = try await app.store.write { db in
                try await Attachments.insert(db, disk: disk, ownerKind: "ticket", ownerId: firstId, label: "scan", fileName: "scan.pdf", bytes: pdf,
                                             type: try Attachments.checked(pdf), actorId: org.agent.id, at: Clock.millis()).sha256
            }
            let acks = BackupFixture.Acks()
            let token = org.agent.token
            let writer = Task {
                var i = 0
                while await !acks.stop {
                    i += 1
                    let r = try await app.createTicket(token, subject: "并发写入 \(i)", description: "备份期间的写入 \(i) 叶片")
                    if r.status == .created, let id = r.string("id") { await acks.add(id) } else { await acks.failed() }
                }
            }
            while await acks.snapshot().count < 20 { try await Task.sleep(for: .milliseconds(20)) }
            let before = await acks.snapshot()
            let report = try await BackupFixture.offThread { try SQLiteBackup.backup(source: path, to: backupFile, disk: disk) }
            let during = await acks.snapshot().count - before.count
            while await acks.snapshot().count < before.count + during + 10 { try await Task.sleep(for: .milliseconds(20)) }
            await acks.halt()
            try await writer.value
            #expect(await acks.failures == 0)
            print("backup of \(before.count + 1) tickets: \(report.bytes) bytes in \(report.milliseconds) ms; \(during) tickets acknowledged during it")
            #expect(report.attachments.files == 1)

            // Restore into a fresh place, with a data directory of its own.
            let restoredDir = try BackupFixture.tempDir("backup-restored")
            defer { try? FileManager.default.removeItem(at: restoredDir) }
            let restoredPath = restoredDir.appendingPathComponent("kefu.sqlite").path
            _ = try SQLiteBackup.restore(from: backupFile, to: restoredPath, disk: BackupFixture.disk(in: restoredDir))
            let restoredBlob = BackupFixture.disk(in: restoredDir).root.appendingPathComponent("\(sha.prefix(2))/\(sha.dropFirst(2).prefix(2))/\(sha)")
            #expect(AttachmentDisk.sha256([UInt8](try Data(contentsOf: restoredBlob))) == sha)
            try await BackupFixture.withSQLite(restoredPath) { store in
                #expect(try await Migrator.migrate(store, KefuServer.migrations).isEmpty)
                let check = try await store.read { db in try await db.raw("PRAGMA integrity_check").all().map { try $0.decode(column: "integrity_check", as: String.self) } }
                #expect(check == ["ok"])
                let ids = Set(try await store.read { db in try await db.raw("SELECT id FROM tickets").all().map { try $0.decode(column: "id", as: String.self) } })
                let missing = (before + [firstId]).filter { !ids.contains($0) }
                #expect(missing.isEmpty, "acknowledged before the backup began but not in it: \(missing.prefix(5))")
                // A ticket's create writes the ticket, its first timeline event and its search document in one transaction:
                // a copy holds all three for every ticket or it caught a transaction half-way.
                #expect(try await BackupFixture.scalar(store, "SELECT COUNT(*) AS n FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id)") == 0)
                #expect(try await BackupFixture.scalar(store, "SELECT COUNT(*) AS n FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM ticket_search s WHERE s.rowid = t.rid)") == 0)
                #expect(try await BackupFixture.scalar(store, "SELECT COUNT(*) AS n FROM ticket_search") == ids.count)
            }
            // The restored database serves: sign in, read a ticket, its attachment, and take a new one.
            try await BackupFixture.serve(restoredDir, prepare: false) { restored, _ in
                let token = try await restored.token("agent", "password-agent")
                #expect(try await restored.call(.get, "/api/v1/tickets/\(firstId)", token: token).status == .ok)
                #expect(try await restored.createTicket(token, subject: "恢复后新建").status == .created)
                let found = try await restored.call(.get, "/api/v1/tickets?q=" + "叶片".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)! + "&view=all", token: try await restored.adminToken())
                #expect((found["total"] as? Int ?? 0) >= before.count)
            }
        }
    }

    @Test func backupRefusesAnExistingFileUnlessForced() async throws {
        let dir = try BackupFixture.tempDir("backup-force")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("kefu.sqlite").path
        try await BackupFixture.withSQLite(path) { store in _ = try await KefuServer.prepare(store, adminPassword: TestApp.adminPassword) }
        let target = dir.appendingPathComponent("copy.sqlite")
        try Data("not a backup".utf8).write(to: target)
        #expect(throws: BackupError.self) { try SQLiteBackup.backup(source: path, to: target, disk: BackupFixture.disk(in: dir)) }
        #expect(try String(contentsOf: target, encoding: .utf8) == "not a backup")
        let report = try SQLiteBackup.backup(source: path, to: target, disk: BackupFixture.disk(in: dir), force: true)
        #expect(report.appliedMigrations == KefuServer.migrations.count)
        // No temporary file is left beside it.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test func restoreRefusesATargetThatHoldsAnything() async throws {
        let dir = try BackupFixture.tempDir("backup-refuse")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("kefu.sqlite").path
        try await BackupFixture.withSQLite(path) { store in _ = try await KefuServer.prepare(store, adminPassword: TestApp.adminPassword) }
        let copy = dir.appendingPathComponent("copy.sqlite")
        _ = try SQLiteBackup.backup(source: path, to: copy, disk: BackupFixture.disk(in: dir))
        // The live database is migrated and has its administrator: refused, and left as it was.
        let error = try #require(throws: BackupError.self) { try SQLiteBackup.restore(from: copy, to: path, disk: BackupFixture.disk(in: dir)) }
        #expect(error.en.contains("not empty"))
        #expect(error.zh.contains("不是空的"))
        try await BackupFixture.withSQLite(path) { store in
            let users = try await BackupFixture.scalar(store, "SELECT COUNT(*) AS n FROM users")
            #expect(users == 1)
        }
        // A database with only migrations applied (no rows of its own) is refused too.
        let migrated = dir.appendingPathComponent("migrated.sqlite").path
        try await BackupFixture.withSQLite(migrated) { store in try await Migrator.migrate(store, [Counters.migration]) }
        #expect(throws: BackupError.self) { try SQLiteBackup.restore(from: copy, to: migrated, disk: BackupFixture.disk(in: dir)) }
        // A file that is not a Kefu database is not restored.
        let junk = dir.appendingPathComponent("junk.sqlite")
        try Data(repeating: 7, count: 4096).write(to: junk)
        #expect(throws: (any Error).self) { try SQLiteBackup.restore(from: junk, to: dir.appendingPathComponent("fresh.sqlite").path, disk: BackupFixture.disk(in: dir)) }
        // An empty file in place of the target is fine.
        let empty = dir.appendingPathComponent("empty.sqlite")
        FileManager.default.createFile(atPath: empty.path, contents: nil)
        _ = try SQLiteBackup.restore(from: copy, to: empty.path, disk: BackupFixture.disk(in: dir))
    }
}
