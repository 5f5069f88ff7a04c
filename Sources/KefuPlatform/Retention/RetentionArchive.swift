import Foundation
import KefuDomain
import SQLKit
#if canImport(Glibc)
import Glibc
#endif

/// #17.6 RET-04: `kefu retention archive --to DIR [--kind K] [--dry-run]`. For each kind whose source can archive
/// (`RetentionSource.archiver`), the records past their effective period and under no active legal hold are written,
/// one JSON line each (the record row and its child rows), to `DIR/<kind>-<day>.jsonl`; the file is fsynced; then exactly
/// those rows are deleted, in the same transaction that chose them — one transaction per batch. Each record is checked
/// again against the rule (`RetentionPolicy.mayArchive` with its hold) inside that transaction, so a period raised or a
/// hold placed a moment before is honoured. If the commit fails after the fsync, the lines stay in the file and the
/// records in the database: the next run writes them again (a line may repeat; no record is lost). With each delete the
/// archive writes the record's tombstone (`RetentionTombstones`, platform-006) in the same transaction, so a link to it
/// answers "archived on D, kept in file F"; a dry run writes none.
public struct RetentionArchive: Sendable {
    let store: any Store
    let sources: [any RetentionSource]

    public init(store: any Store, sources: [any RetentionSource]) {
        self.store = store
        self.sources = sources
    }

    /// The kinds Kefu archives, and those it does not (yet): their records stay for the operator.
    public var archivable: [RetainedKind] { sources.flatMap { s in s.kinds.filter { s.archiver($0) != nil } } }
    public var notArchivable: [RetainedKind] { sources.flatMap { s in s.kinds.filter { s.archiver($0) == nil } } }

    public struct KindResult: Sendable, Equatable {
        public let kind: RetainedKind
        /// Records archived and deleted (with `dryRun`: that would be).
        public let count: Int
        /// The file written (nil when nothing was archived, or on a dry run).
        public let file: String?
    }

    public enum Refusal: Error, CustomStringConvertible {
        case notArchivable(RetainedKind)
        public var description: String {
            switch self {
            case .notArchivable(let k): return "Kefu does not archive \(k.rawValue) records (yet): they stay for the operator"
            }
        }
    }

    /// `batchSize`: records per transaction. Each batch holds the database's writer while it runs, so the server's own
    /// writes wait for it: 50 tickets take about 71 ms (bench/retention; 200 took 226 ms).
    public func run(to directory: URL, kind only: RetainedKind? = nil, dryRun: Bool = false, now: Date = Date(), batchSize: Int = 50) async throws -> [KindResult] {
        if let only, !archivable.contains(only) { throw Refusal.notArchivable(only) }
        var results: [KindResult] = []
        for source in sources {
            for kind in source.kinds where only == nil || kind == only {
                guard let archiver = source.archiver(kind) else { continue }
                if dryRun {
                    results.append(KindResult(kind: kind, count: try await dueCount(source, kind, now: now), file: nil))
                } else {
                    results.append(try await archive(kind, archiver, to: directory, now: now, batchSize: batchSize))
                }
            }
        }
        return results
    }

    func dueCount(_ source: any RetentionSource, _ kind: RetainedKind, now: Date) async throws -> Int {
        try await store.read { db in
            let today = Times.day(now)
            let policy = try await RetentionSettings.policy(in: db)
            return try await source.count(Self.window(kind, policy, today), in: db).count
        }
    }

    static func window(_ kind: RetainedKind, _ policy: RetentionPolicy, _ today: CivilDay) -> RetentionWindow {
        RetentionWindow(kind: kind, before: RetentionReport.startMillis(policy.cutoff(kind, today: today).adding(days: 1)), today: today)
    }

    func archive(_ kind: RetainedKind, _ archiver: any RetentionArchiver, to directory: URL, now: Date, batchSize: Int) async throws -> KindResult {
        let today = Times.day(now)
        let file = directory.appendingPathComponent("\(kind.rawValue)-\(today.iso).jsonl")
        let dialect = store.dialect
        let lock = dialect.rowLock()
        let at = Int64(now.timeIntervalSince1970 * 1000)
        var total = 0
        while true {
            let done: (archived: Int, candidates: Int) = try await store.write { db in
                let policy = try await RetentionSettings.policy(in: db)
                let candidates = try await archiver.due(Self.window(kind, policy, today), limit: batchSize, lock: lock, in: db)
                var chosen: [String] = []
                for c in candidates {
                    // The rule again, inside the transaction: past the effective period and not held.
                    let held = try await RetentionSettings.isHeld(db, kind: kind, id: c.id, today: today)
                    if policy.mayArchive(kind, closedOn: Times.day(Date(timeIntervalSince1970: Double(c.closedAt) / 1000)), today: today, held: held) {
                        chosen.append(c.id)
                    }
                }
                guard !chosen.isEmpty else { return (0, candidates.count) }
                var lines = Data()
                let encoder = JSONEncoder()
                var tombstones: [String: (number: String, orgPath: String?)] = [:]
                for id in chosen {
                    let data = try await archiver.export(id: id, in: db)
                    let line: JSONValue = .object([("kind", .string(kind.rawValue)), ("id", .string(id)), ("archivedAt", .string(Times.rfc3339(at))),
                                                   ("data", data)])
                    lines.append(try encoder.encode(line))
                    lines.append(0x0A)
                    tombstones[id] = (try await archiver.tombstoneNumber(id: id, in: db) ?? id, Self.field(data, "org_path"))
                }
                try Self.appendDurably(lines, to: file)
                for id in chosen {
                    try await archiver.delete(id: id, in: db, dialect: dialect)
                    // The tombstone, in the transaction of the delete: a link to the record now says where it went.
                    try await RetentionTombstones.write(db, kind: kind, id: id, number: tombstones[id]?.number ?? id, orgPath: tombstones[id]?.orgPath,
                                                        file: file.lastPathComponent, at: at)
                    try await AuditTrail.record(db, actorId: nil, action: "retention.archive", entity: kind.rawValue, entityId: id,
                                                detail: ["file": file.lastPathComponent], at: at)
                }
                return (chosen.count, candidates.count)
            }
            total += done.archived
            if done.archived == 0 || done.candidates < batchSize { break }
        }
        return KindResult(kind: kind, count: total, file: total > 0 ? file.path : nil)
    }

    /// A text field of the exported record (`{"record": {…}, …}`), e.g. its org path.
    static func field(_ data: JSONValue, _ name: String) -> String? {
        guard case .object(let top) = data, case .object(let record)? = top.first(where: { $0.0 == "record" })?.1,
              case .string(let value)? = record.first(where: { $0.0 == name })?.1 else { return nil }
        return value
    }

    /// Appends `data` to `file` (created if need be) and fsyncs it (and, for a new file, its directory); on a failed
    /// write the file is cut back to where it was, so it never ends in half a line.
    static func appendDurably(_ data: Data, to file: URL) throws {
        let fm = FileManager.default
        let created = !fm.fileExists(atPath: file.path)
        if created {
            guard fm.createFile(atPath: file.path, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: file.path])
            }
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        let start = try handle.seekToEnd()
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            try? handle.truncate(atOffset: start)
            try? handle.synchronize()
            throw error
        }
        #if canImport(Glibc)
        if created {
            let fd = open(file.deletingLastPathComponent().path, O_RDONLY)
            if fd >= 0 { _ = fsync(fd); close(fd) }
        }
        #endif
    }
}
