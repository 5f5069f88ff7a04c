import Crypto
import Foundation

/// A `.jsonl` file written line by line through a buffer, hashing what it writes (#17.1: rows are streamed, never a
/// whole table in memory). Called from a row callback that cannot throw, so a failure is kept and thrown at `finish`.
final class JSONLWriter: @unchecked Sendable {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var hasher = SHA256()
    private(set) var rows = 0
    private var failure: (any Error)?

    init(creating url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw BackupError("无法创建 \(url.path)", "cannot create \(url.path)")
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(1 << 20)
    }

    func append(_ line: [UInt8]) {
        buffer.append(contentsOf: line)
        buffer.append(UInt8(ascii: "\n"))
        rows += 1
        if buffer.count >= 1 << 20 { flush() }
    }

    func fail(_ error: any Error) { if failure == nil { failure = error } }

    private func flush() {
        guard failure == nil, !buffer.isEmpty else { return }
        hasher.update(data: buffer)
        do { try handle.write(contentsOf: buffer) } catch { failure = error }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes to disk and closes; returns the file's SHA-256 (hex).
    func finish() throws -> String {
        flush()
        try? handle.synchronize()
        try? handle.close()
        if let failure { throw failure }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

/// Reads a `.jsonl` file one line at a time (1 MB at a time from disk).
final class JSONLReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    init(_ url: URL) throws { handle = try FileHandle(forReadingFrom: url) }
    deinit { try? handle.close() }

    func nextLine() throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[start..<newline]
                start = newline + 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                return line
            }
            buffer.removeFirst(start)
            start = 0
            if let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { buffer.append(contentsOf: chunk) } else { atEnd = true }
        }
    }

    /// SHA-256 and line count of a whole file, read in chunks.
    static func digest(_ url: URL) throws -> (sha256: String, lines: Int) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        var lines = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            lines += chunk.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        }
        return (hasher.finalize().map { String(format: "%02x", $0) }.joined(), lines)
    }
}
