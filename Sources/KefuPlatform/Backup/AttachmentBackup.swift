import Foundation

/// #17.1: a backup carries the attachment files its database names, beside it in `FILE.attachments/`, in the same
/// `ab/cd/<sha256>` layout as the data directory. Only the files the copied database refers to are taken, and they
/// are taken after the database snapshot, so every file the snapshot names exists (files are immutable and
/// content-addressed: a file named in the snapshot is never changed or removed afterwards).
public enum AttachmentBackup {
    public static func directory(for backupFile: URL) -> URL {
        backupFile.deletingLastPathComponent().appendingPathComponent(backupFile.lastPathComponent + ".attachments")
    }

    public struct Copied: Sendable, Equatable {
        public var files = 0
        public var bytes: Int64 = 0
        /// Files the database names that the data directory does not hold (or holds damaged): lost before the backup.
        public var missing: [String] = []
    }

    /// Copies each named file, checked against its checksum, from `disk` into `directory` (created; must not exist).
    static func copy(_ shas: [String], from disk: AttachmentDisk, into directory: URL) throws -> Copied {
        var result = Copied()
        let target = AttachmentDisk(root: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for sha in Set(shas).sorted() where isChecksum(sha) {
            guard let bytes = try? disk.read(sha) else {
                result.missing.append(sha)
                continue
            }
            _ = try target.store(bytes)
            FileSafety.fsync(target.url(sha))
            result.files += 1
            result.bytes += Int64(bytes.count)
        }
        return result
    }

    /// Puts the files of a backup's `directory` into `disk` (those already there stay); returns how many were added.
    static func restore(from directory: URL, into disk: AttachmentDisk) throws -> Int {
        guard FileSafety.exists(directory) else { return 0 }
        let source = AttachmentDisk(root: directory)
        var added = 0
        let names = (FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?.compactMap { ($0 as? URL)?.lastPathComponent }) ?? []
        for sha in names where isChecksum(sha) {
            if (try? disk.read(sha)) != nil { continue }
            let bytes = try source.read(sha)
            _ = try disk.store(bytes)
            added += 1
        }
        return added
    }

    static func isChecksum(_ s: String) -> Bool {
        s.count == 64 && s.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// PostgreSQL: after pg_dump, the files the live database names now (a superset of those in the dump, which is
    /// older) go into `FILE.attachments/`, written under a temporary name and renamed when whole.
    public static func copyReferenced(_ store: any Store, disk: AttachmentDisk, besides backupFile: URL) async throws -> Copied {
        let dialect = store.dialect
        let shas = try await store.read { db -> [String] in
            guard try await DatabaseCatalogue.tables(db, dialect: dialect).contains(where: { $0.name == "attachments" }) else { return [] }
            return try await db.raw("SELECT DISTINCT sha256 FROM attachments").all().map { try $0.decode(column: "sha256", as: String.self) }
        }
        let folder = directory(for: backupFile)
        let temp = FileSafety.temporarySibling(of: folder, tag: "partial")
        defer { try? FileManager.default.removeItem(at: temp) }
        let copied = try copy(shas, from: disk, into: temp)
        if FileSafety.exists(folder) { try FileManager.default.removeItem(at: folder) }
        try FileSafety.rename(temp, onto: folder)
        return copied
    }

    /// The files in `FILE.attachments/` beside a backup go into `disk`; returns how many were added.
    public static func restore(besides backupFile: URL, into disk: AttachmentDisk) throws -> Int {
        try restore(from: directory(for: backupFile), into: disk)
    }
}
