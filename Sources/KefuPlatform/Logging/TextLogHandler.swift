import Logging

/// The default text lines: swift-log's `StreamLogHandler` on standard error, the same lines, but with the logger's
/// metadata turned into text when a line is written. `StreamLogHandler` does it each time a key is set, and every
/// request sets its request id (#17.4: 1 % of a request's CPU, for lines that are seldom written).
public struct TextLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String
    let stream: (any TextOutputStream & Sendable)?

    /// Lines go to standard error, or to `stream` (tests).
    public init(label: String, stream: (any TextOutputStream & Sendable)? = nil) {
        self.label = label
        self.stream = stream
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        var lines = stream.map { StreamLogHandler(label: label, stream: $0, metadataProvider: nil) } ?? StreamLogHandler.standardError(label: label, metadataProvider: nil)
        lines.logLevel = logLevel
        lines.metadata = metadata
        lines.log(level: level, message: message, metadata: extra, source: source, file: file, function: function, line: line)
    }
}
