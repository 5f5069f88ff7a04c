import Crypto
import Foundation

/// A versioned schema step. Shipped migrations are never edited; a change is a new migration (#11.7): the checksum
/// of every shipped migration is pinned by a test, and `Migrator` refuses a database that applied a different one.
/// `sqlite` and `postgres` hold the statements where the engines differ; `common` runs on both first.
public struct Migration: Sendable {
    public let id: String
    public let common: [String]
    public let sqlite: [String]
    public let postgres: [String]

    public init(id: String, common: [String] = [], sqlite: [String] = [], postgres: [String] = []) {
        self.id = id
        self.common = common
        self.sqlite = sqlite
        self.postgres = postgres
    }

    public func statements(for dialect: StoreDialect) -> [String] {
        common + (dialect == .sqlite ? sqlite : postgres)
    }

    /// SHA-256 over the id and the statements this engine runs, in order: any edit of a shipped statement changes it.
    public func checksum(for dialect: StoreDialect) -> String {
        let text = ([id] + statements(for: dialect)).joined(separator: "\n;\n")
        return Secrets.hex(SHA256.hash(data: Data(text.utf8)))
    }
}
