import Foundation
import Logging

/// #17 item 5: `KEFU_LOG_FORMAT=json` — one JSON object per line on standard error, for log collectors (Loki, ELK):
/// `{"ts":"2026-12-03T08:30:00.125Z","level":"info","label":"kefu","msg":"request","request_id":"…",…}`. The metadata
/// of the logger and of the line are flattened into the object (the line's win); values are strings.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let label: String
    let write: @Sendable (String) -> Void

    public init(label: String, level: Logger.Level = .info, write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError) {
        self.label = label
        self.logLevel = level
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        write(Self.line(date: Date(), level: level, label: label, message: "\(message)", metadata: metadata.merging(extra ?? [:]) { $1 }))
    }

    static let reserved: Set<String> = ["ts", "level", "label", "msg"]

    /// The line for one log event (keys sorted after the four fixed ones, so lines compare and grep well).
    public static func line(date: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var out = JSONWriter()
        out.beginObject()
        for (key, value) in [("ts", timestamp(date)), ("level", level.rawValue), ("label", label), ("msg", message)] {
            out.key(named: key); out.string(value)
        }
        for key in metadata.keys.sorted() where !reserved.contains(key) {
            out.key(named: key); out.string(text(metadata[key]!))
        }
        out.endObject()
        return String(decoding: out.bytes, as: UTF8.self)
    }

    static func text(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let s): return s
        case .stringConvertible(let c): return c.description
        case .array(let a): return "[" + a.map(text).joined(separator: ",") + "]"
        case .dictionary(let d): return "{" + d.keys.sorted().map { "\($0)=\(text(d[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    static func timestamp(_ date: Date) -> String {
        Times.rfc3339(Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
