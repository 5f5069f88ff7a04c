import Foundation
import Logging
import NIOPosix
import SQLKit

/// #17.1 `kefu backup` and `kefu restore` on SQLite. The backup is taken online: `VACUUM INTO` on a connection of
/// its own reads one snapshot of the database (WAL mode lets the server keep writing meanwhile) and writes it into
/// a new, compact file, which is checked (`PRAGMA integrity_check`) before it is renamed into place.
public enum SQLiteBackup {
    public struct Report: Sendable {
        public let file: URL
        public let bytes: Int64
        public let milliseconds: Int
        public let attachments: AttachmentBackup.Copied
        public let appliedMigrations: Int
    }

    /// Copies the database at `source` (and the attachment files it names, from `disk`) into `target`. An existing
    /// `target` is refused unless `force`.
    public static func backup(source: String, to target: URL, disk: AttachmentDisk, force: Bool = false) throws -> Report {
        let started = ContinuousClock.now
        guard FileSafety.exists(URL(fileURLWithPath: source)) else {
            throw BackupError("找不到数据库文件 \(source)", "there is no database file at \(source)")
        }
        let attachmentsDir = AttachmentBackup.directory(for: target)
        if !force, FileSafety.exists(target) || FileSafety.exists(attachmentsDir) {
            throw BackupError("\(target.path) 已存在；要覆盖请加 --force", "\(target.path) already exists; add --force to replace it")
        }
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temp = FileSafety.temporarySibling(of: target, tag: "partial")
        let tempAttachments = FileSafety.temporarySibling(of: attachmentsDir, tag: "partial")
        defer {
            try? FileManager.default.removeItem(at: temp)
            try? FileManager.default.removeItem(at: tempAttachments)
        }
        do {
            let live = try DirectSQLiteConnection(path: source)
            defer { live.close() }
            try live.run("VACUUM INTO '\(temp.path.replacingOccurrences(of: "'", with: "''"))'", []) { _ in }
        }
        // SQLite does not flush the file VACUUM INTO writes.
        FileSafety.fsync(temp)
        let (shas, applied) = try check(temp)
        let copied = try AttachmentBackup.copy(shas, from: disk, into: tempAttachments)
        if FileSafety.exists(attachmentsDir) { try FileManager.default.removeItem(at: attachmentsDir) }
        try FileSafety.rename(tempAttachments, onto: attachmentsDir)
        // The database last: a FILE that exists is a whole backup.
        try FileSafety.rename(temp, onto: target)
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: target.path))?[.size] as? NSNumber)?.int64Value ?? 0
        let elapsed = ContinuousClock.now - started
        return Report(file: target, bytes: bytes, milliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
                      attachments: copied, appliedMigrations: applied)
    }

    /// A copy passes `PRAGMA integrity_check` and is a Kefu database; returns the attachment files it names and
    /// how many migrations it applied.
    static func check(_ file: URL) throws -> (shas: [String], applied: Int) {
        let c = try DirectSQLiteConnection(path: file.path)
        defer { c.close() }
        var verdicts: [String] = []
        try c.run("PRAGMA integrity_check", []) { row in
            if case .text(let t) = row.values.first { verdicts.append(t) }
        }
        guard verdicts == ["ok"] else {
            throw BackupError("\(file.path) 未通过完整性检查：\(verdicts.prefix(5).joined(separator: "; "))",
                              "\(file.path) fails the integrity check: \(verdicts.prefix(5).joined(separator: "; "))")
        }
        var tables: Set<String> = []
        try c.run("SELECT name FROM sqlite_master WHERE type = 'table'", []) { row in
            if case .text(let t) = row.values.first { tables.insert(t) }
        }
        guard tables.contains("schema_migrations") else {
            throw BackupError("\(file.path) 不是客服系统的数据库（没有 schema_migrations 表）", "\(file.path) is not a Kefu database (no schema_migrations table)")
        }
        var applied = 0
        try c.run("SELECT COUNT(*) FROM schema_migrations", []) { row in
            if case .integer(let n) = row.values.first { applied = Int(n) }
        }
        var shas: [String] = []
        if tables.contains("attachments") {
            try c.run("SELECT DISTINCT sha256 FROM attachments", []) { row in
                if case .text(let t) = row.values.first { shas.append(t) }
            }
        }
        return (shas, applied)
    }

    public struct RestoreReport: Sendable {
        public let attachmentsAdded: Int
    }

    /// Puts the backup `from` in place as the database at `target` (which must hold no rows and no migrations), and
    /// its attachment files into `disk`. The caller then runs the migrator, so an older backup is brought up to date.
    public static func restore(from backup: URL, to target: String, disk: AttachmentDisk) throws -> RestoreReport {
        guard FileSafety.exists(backup) else {
            throw BackupError("找不到备份文件 \(backup.path)", "there is no backup file at \(backup.path)")
        }
        _ = try check(backup)
        let targetURL = URL(fileURLWithPath: target)
        if FileSafety.exists(targetURL) {
            let busy = try nonEmptyTables(path: target)
            if !busy.isEmpty {
                throw BackupError("目标数据库 \(target) 不是空的（有数据的表：\(busy.prefix(8).joined(separator: ", "))）；只能恢复到空数据库",
                                  "the target database \(target) is not empty (tables with rows: \(busy.prefix(8).joined(separator: ", "))); restore goes into an empty database only")
            }
        }
        try FileManager.default.createDirectory(at: targetURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temp = FileSafety.temporarySibling(of: targetURL, tag: "restoring")
        defer { try? FileManager.default.removeItem(at: temp) }
        try FileManager.default.copyItem(at: backup, to: temp)
        FileSafety.fsync(temp)
        _ = try check(temp)
        // An empty target's leftover journal must not be replayed onto the restored file.
        for suffix in ["-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: target + suffix) }
        let added = try AttachmentBackup.restore(from: AttachmentBackup.directory(for: backup), into: disk)
        try FileSafety.rename(temp, onto: targetURL)
        return RestoreReport(attachmentsAdded: added)
    }

    static func nonEmptyTables(path: String) throws -> [String] {
        let c = try DirectSQLiteConnection(path: path)
        defer { c.close() }
        var names: [String] = []
        try c.run("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL%'", []) { row in
            if case .text(let t) = row.values.first { names.append(t) }
        }
        var busy: [String] = []
        for name in names {
            var any = false
            try c.run("SELECT 1 FROM \"\(name.replacingOccurrences(of: "\"", with: "\"\""))\" LIMIT 1", []) { _ in any = true }
            if any { busy.append(name) }
        }
        return busy
    }
}
