import Foundation
import KefuDomain
import KefuPlatform
import Logging
import ServiceLifecycle

/// #17.1 `KEFU_BACKUP_DIR`: `kefu serve` backs the SQLite database up into that directory every `KEFU_BACKUP_EVERY`
/// (default 24h) as `kefu-YYYYMMDD-HHMMSS.sqlite` (UTC) with its `.attachments/`, and keeps the newest
/// `KEFU_BACKUP_KEEP` (default 7). A failure is logged and tried again next period; it never stops the server. On
/// PostgreSQL scheduling pg_dump is the operator's (one line in the log says so): several nodes would each take it.
public struct ScheduledBackup: Service {
    public struct Settings: Sendable, Equatable {
        public let directory: URL
        public let every: Int
        public let keep: Int

        public init(directory: URL, every: Int = BackupSchedule.defaultEvery, keep: Int = BackupSchedule.defaultKeep) {
            self.directory = directory
            self.every = every
            self.keep = keep
        }

        /// nil when `KEFU_BACKUP_DIR` is not set; an error naming the setting when a value is not understood.
        public static func fromEnvironment(_ env: [String: String]) throws -> Settings? {
            guard let dir = env["KEFU_BACKUP_DIR"]?.trimmingCharacters(in: .whitespaces), !dir.isEmpty else { return nil }
            var every = BackupSchedule.defaultEvery, keep = BackupSchedule.defaultKeep
            if let text = env["KEFU_BACKUP_EVERY"], !text.isEmpty {
                guard let s = BackupSchedule.parsePeriod(text) else {
                    throw BackupError("KEFU_BACKUP_EVERY=\(text) 无法识别：应如 24h、30m、7d（至少 1 分钟）",
                                      "KEFU_BACKUP_EVERY=\(text) is not understood: use e.g. 24h, 30m, 7d (at least one minute)")
                }
                every = s
            }
            if let text = env["KEFU_BACKUP_KEEP"], !text.isEmpty {
                guard let n = BackupSchedule.parseKeep(text) else {
                    throw BackupError("KEFU_BACKUP_KEEP=\(text) 应为 1 到 10000 的整数", "KEFU_BACKUP_KEEP=\(text) must be a whole number from 1 to 10000")
                }
                keep = n
            }
            return Settings(directory: URL(fileURLWithPath: dir), every: every, keep: keep)
        }
    }

    let settings: Settings
    let databaseURL: String
    let disk: AttachmentDisk
    let logger: Logger

    public init(settings: Settings, databaseURL: String, disk: AttachmentDisk, logger: Logger) {
        self.settings = settings
        self.databaseURL = databaseURL
        self.disk = disk
        self.logger = logger
    }

    public func run() async throws {
        guard case .sqliteFile(let path)? = try? DatabaseLocation.parse(databaseURL) else {
            logger.notice("KEFU_BACKUP_DIR is set, but the database is not a SQLite file: schedule pg_dump yourself (README, Operations: backup and restore)")
            return
        }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: settings.directory.path)) ?? []
                let due = BackupSchedule.nextDue(existing: names, every: settings.every, now: Date())
                let wait = max(0, due.timeIntervalSinceNow)
                if wait > 0 {
                    do { try await Task.sleep(for: .milliseconds(Int64(wait * 1000))) } catch { return }
                }
                if await Self.runOnce(path: path, settings: settings, disk: disk, logger: logger) == nil {
                    // Failed: the next try one period later, not at once.
                    do { try await Task.sleep(for: .seconds(settings.every)) } catch { return }
                }
            }
        }
    }

    /// One backup and the pruning after it; errors are logged. Returns the new copy, if any.
    @discardableResult
    public static func runOnce(path: String, settings: Settings, disk: AttachmentDisk, logger: Logger, now: Date = Date()) async -> URL? {
        let target = settings.directory.appendingPathComponent(BackupSchedule.fileName(at: now))
        do {
            // Blocking file work: on a thread of its own, off the server's executors.
            let report = try await offThread { try SQLiteBackup.backup(source: path, to: target, disk: disk) }
            logger.info("backup written", metadata: ["file": "\(target.path)", "bytes": "\(report.bytes)", "ms": "\(report.milliseconds)",
                                                     "attachments": "\(report.attachments.files)"])
            if !report.attachments.missing.isEmpty {
                logger.error("backup: attachment files named by the database are missing from the data directory",
                             metadata: ["missing": "\(report.attachments.missing.prefix(10).joined(separator: ","))"])
            }
        } catch {
            logger.error("backup failed; trying again next period", metadata: ["file": "\(target.path)", "error": "\(error)"])
            return nil
        }
        prune(settings: settings, logger: logger)
        return target
    }

    /// Deletes the scheduled copies beyond the newest `keep` (with their attachment folders); other files stay.
    static func prune(settings: Settings, logger: Logger) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: settings.directory.path)) ?? []
        for name in BackupSchedule.toPrune(names, keep: settings.keep) {
            let file = settings.directory.appendingPathComponent(name)
            do {
                try FileManager.default.removeItem(at: file)
                let folder = AttachmentBackup.directory(for: file)
                if FileManager.default.fileExists(atPath: folder.path) { try FileManager.default.removeItem(at: folder) }
            } catch {
                logger.error("backup: cannot delete an old copy", metadata: ["file": "\(file.path)", "error": "\(error)"])
            }
        }
    }

    static func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }
}
