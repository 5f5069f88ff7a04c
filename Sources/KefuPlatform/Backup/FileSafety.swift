import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// #17.1 nothing half-written: files are written under a temporary name beside their target, flushed to disk, and
/// renamed into place (rename(2) replaces atomically), then the directory entry itself is flushed.
enum FileSafety {
    static func temporarySibling(of target: URL, tag: String) -> URL {
        target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(tag)-\(UUID().uuidString.prefix(8))")
    }

    static func fsync(_ url: URL) {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { return }
        _ = Glibc.fsync(fd)
        close(fd)
    }

    /// Renames `from` onto `to`, replacing a file there, and flushes the directory.
    static func rename(_ from: URL, onto to: URL) throws {
        guard Glibc.rename(from.path, to.path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw BackupError("无法把 \(from.path) 改名为 \(to.path)：\(reason)", "cannot rename \(from.path) to \(to.path): \(reason)")
        }
        fsync(to.deletingLastPathComponent())
    }

    static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }
}
