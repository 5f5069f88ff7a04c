import Foundation
import KefuApp
import KefuPlatform
import Logging
import Testing

@Suite("Backup: scheduled copies and their retention (#17.1)")
struct BackupScheduleServiceTests {
    @Test func settingsComeFromTheEnvironment() throws {
        #expect(try ScheduledBackup.Settings.fromEnvironment([:]) == nil)
        let s = try #require(try ScheduledBackup.Settings.fromEnvironment(["KEFU_BACKUP_DIR": "/var/backups/kefu"]))
        #expect(s.every == 86_400 && s.keep == 7 && s.directory.path == "/var/backups/kefu")
        let t = try #require(try ScheduledBackup.Settings.fromEnvironment(["KEFU_BACKUP_DIR": "/b", "KEFU_BACKUP_EVERY": "30m", "KEFU_BACKUP_KEEP": "3"]))
        #expect(t.every == 1_800 && t.keep == 3)
        #expect(throws: BackupError.self) { try ScheduledBackup.Settings.fromEnvironment(["KEFU_BACKUP_DIR": "/b", "KEFU_BACKUP_EVERY": "soon"]) }
        #expect(throws: BackupError.self) { try ScheduledBackup.Settings.fromEnvironment(["KEFU_BACKUP_DIR": "/b", "KEFU_BACKUP_KEEP": "0"]) }
    }

    @Test func eachRunWritesACopyAndKeepsExactlyTheNewestN() async throws {
        let dir = try BackupFixture.tempDir("backup-schedule")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("kefu.sqlite").path
        try await BackupFixture.withSQLite(path) { store in _ = try await KefuServer.prepare(store, adminPassword: TestApp.adminPassword) }
        let backups = dir.appendingPathComponent("backups")
        try FileManager.default.createDirectory(at: backups, withIntermediateDirectories: true)
        try Data("operator's notes".utf8).write(to: backups.appendingPathComponent("README.txt"))
        let settings = ScheduledBackup.Settings(directory: backups, every: 3_600, keep: 3)
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        var written: [URL] = []
        for hour in 0..<5 {
            let copy = await ScheduledBackup.runOnce(path: path, settings: settings, disk: BackupFixture.disk(in: dir), logger: TestDatabase.logger,
                                                     now: start.addingTimeInterval(Double(hour * 3_600)))
            written.append(try #require(copy))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: backups.path).sorted()
        let kept = written.suffix(3).map(\.lastPathComponent)
        #expect(names == (["README.txt"] + kept + kept.map { $0 + ".attachments" }).sorted())
        // A failure (the database is gone) is logged and reported as no copy; nothing is deleted.
        let failed = await ScheduledBackup.runOnce(path: dir.appendingPathComponent("gone.sqlite").path, settings: settings,
                                                   disk: BackupFixture.disk(in: dir), logger: TestDatabase.logger, now: start.addingTimeInterval(99_000))
        #expect(failed == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: backups.path).sorted() == names)
    }
}
