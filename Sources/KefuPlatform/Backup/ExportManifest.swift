import Foundation

/// #17.1 `manifest.json` of a JSON Lines export: what was exported, from which schema version, and each file's
/// row count and SHA-256 (checked before anything is imported).
public struct ExportManifest: Codable, Sendable, Equatable {
    public static let formatName = "kefu-jsonl"
    public static let currentVersion = 1
    public static let fileName = "manifest.json"

    public struct Table: Codable, Sendable, Equatable {
        public var name: String
        public var file: String
        public var rows: Int
        public var sha256: String
        /// A rebuilt index (search); exported for completeness, rebuilt instead of copied on import.
        public var derived: Bool
    }

    public var format = ExportManifest.formatName
    public var formatVersion = ExportManifest.currentVersion
    /// The engine exported from: `sqlite` or `postgres`.
    public var dialect: String
    public var exportedAt: String
    /// The schema version: the migration ids applied, in the order applied.
    public var migrations: [String]
    public var tables: [Table]
    /// PostgreSQL's `kefu_seq_*` sequences (ticket row ids and numbers) and the last value each gave out.
    public var sequences: [String: Int64]

    public static func read(from directory: URL) throws -> ExportManifest {
        let url = directory.appendingPathComponent(fileName)
        guard let data = try? Data(contentsOf: url) else {
            throw BackupError("\(directory.path) 中没有 manifest.json", "\(directory.path) holds no manifest.json")
        }
        let manifest: ExportManifest
        do { manifest = try JSONDecoder().decode(ExportManifest.self, from: data) } catch {
            throw BackupError("manifest.json 无法读取：\(error)", "manifest.json cannot be read: \(error)")
        }
        guard manifest.format == formatName, manifest.formatVersion == currentVersion else {
            throw BackupError("manifest.json 的格式 \(manifest.format) v\(manifest.formatVersion) 不受支持", "manifest.json format \(manifest.format) v\(manifest.formatVersion) is not supported")
        }
        for table in manifest.tables where table.file != table.name + ".jsonl" || table.name.contains("/") || table.name.hasPrefix(".") {
            throw BackupError("manifest.json 中的文件名 \(table.file) 不合规", "manifest.json names an unexpected file \(table.file)")
        }
        return manifest
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
