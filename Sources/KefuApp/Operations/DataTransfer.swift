import Foundation
import KefuPlatform
import KefuServiceDesk

/// #17.1 export and import of every record as JSON Lines, for moving between SQLite and PostgreSQL or to another
/// system. The composition root knows what the platform does not: which tables are rebuilt indexes, and the
/// migrations that make the schema.
public enum DataTransfer {
    /// The ticket search index: an FTS5 table on SQLite, a token array and its scope rows (desk-017) on PostgreSQL;
    /// rebuilt after an import.
    public static let derivedTables: Set<String> = ["ticket_search", "ticket_search_scopes"]

    public static func export(_ store: any Store, to directory: URL) async throws -> ExportManifest {
        try await JSONLExport.run(store: store, to: directory, derived: derivedTables)
    }

    public struct ImportReport: Sendable {
        public let rows: [String: Int]
        /// Migrations newer than the export, applied after the rows were in.
        public let migratedAfter: [String]
    }

    /// Into an empty database only: checks the files, makes the schema at the export's version, loads the rows in one
    /// transaction, then brings the schema up to date and rebuilds the search index.
    public static func importJSONL(_ store: any Store, from directory: URL) async throws -> ImportReport {
        let manifest = try JSONLImport.verified(directory)
        let shipped = Set(KefuServer.migrations.map(\.id))
        let unknown = manifest.migrations.filter { !shipped.contains($0) }
        guard unknown.isEmpty else {
            throw BackupError("导出来自更新的版本，本程序不认识这些迁移：\(unknown.joined(separator: ", "))",
                              "the export comes from a newer Kefu; unknown migrations: \(unknown.joined(separator: ", "))")
        }
        try await JSONLImport.requireEmpty(store)
        let wanted = Set(manifest.migrations)
        try await Migrator.migrate(store, KefuServer.migrations.filter { wanted.contains($0.id) })
        let rows = try await JSONLImport.load(store, from: directory, manifest: manifest, derived: derivedTables)
        let later = try await Migrator.migrate(store, KefuServer.migrations)
        try await TicketSearchRebuild.request(store)
        try await TicketSearchRebuild.runIfRequested(store)
        return ImportReport(rows: rows, migratedAfter: later)
    }
}
