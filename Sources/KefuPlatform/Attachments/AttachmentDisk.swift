import Crypto
import Foundation

/// Where attachment bytes are kept: `<data dir>/attachments/ab/cd/<sha256>`. The data directory is `KEFU_DATA_DIR`,
/// else the directory of the SQLite file, else `./kefu-data` (PostgreSQL deployments set `KEFU_DATA_DIR` to a volume
/// every node mounts). Files are content-addressed: the same photo sent twice is stored once, and a file whose bytes
/// no longer hash to their name is never served.
public struct AttachmentDisk: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    /// `databaseURL`: the SQLite location, whose directory holds the data when `KEFU_DATA_DIR` is not set.
    public static func fromEnvironment(databaseURL: String? = nil) -> AttachmentDisk {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["KEFU_DATA_DIR"], !dir.isEmpty {
            return AttachmentDisk(root: URL(fileURLWithPath: dir).appendingPathComponent("attachments"))
        }
        if let url = databaseURL ?? env["DATABASE_URL"], case .sqliteFile(let path)? = try? DatabaseLocation.parse(url) {
            let dir = URL(fileURLWithPath: path).deletingLastPathComponent()
            return AttachmentDisk(root: dir.appendingPathComponent("kefu-data").appendingPathComponent("attachments"))
        }
        return AttachmentDisk(root: URL(fileURLWithPath: "kefu-data").appendingPathComponent("attachments"))
    }

    public static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    func url(_ sha: String) -> URL {
        root.appendingPathComponent(String(sha.prefix(2))).appendingPathComponent(String(sha.dropFirst(2).prefix(2))).appendingPathComponent(sha)
    }

    /// Writes the bytes (to a temporary name, then renamed, so a reader never sees half a file); returns their checksum.
    func store(_ bytes: [UInt8]) throws -> String {
        let sha = Self.sha256(bytes)
        let target = url(sha)
        if FileManager.default.fileExists(atPath: target.path), (try? read(sha)) != nil { return sha }
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temp = target.deletingLastPathComponent().appendingPathComponent(".\(sha).\(UUID().uuidString).part")
        try Data(bytes).write(to: temp)
        if FileManager.default.fileExists(atPath: target.path) { try? FileManager.default.removeItem(at: target) }
        try FileManager.default.moveItem(at: temp, to: target)
        return sha
    }

    /// The bytes, verified against their checksum; throws when missing or damaged.
    func read(_ sha: String) throws -> [UInt8] {
        let bytes = [UInt8](try Data(contentsOf: url(sha)))
        guard Self.sha256(bytes) == sha else {
            throw AppError(.internalServerError, "attachment_damaged", Text("附件文件已损坏（校验和不符）", "The attachment file is damaged (checksum mismatch)"))
        }
        return bytes
    }
}
