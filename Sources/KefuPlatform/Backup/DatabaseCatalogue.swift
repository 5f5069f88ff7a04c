import SQLKit

/// #17.1: the tables and columns of the database as its own catalogue lists them (sqlite_master /
/// information_schema), so that export, import and the emptiness check cover every table, migration bookkeeping too.
public enum DatabaseCatalogue {
    public struct Table: Sendable, Equatable {
        public let name: String
        /// An index rebuilt from other tables (a search index, SQLite's FTS5 virtual table and its shadow tables):
        /// exported like any table, but on import rebuilt rather than copied, since its form differs per engine.
        public let derived: Bool
        /// SQLite's virtual table itself (its rows are read through the module, not stored under its name).
        public let virtual: Bool
    }

    public struct Column: Sendable, Equatable {
        public let name: String
        /// The declared type, lower case (`bigint`, `text`, … ; on PostgreSQL information_schema's data_type).
        public let type: String
    }

    /// Every table of the current schema in name order. `derived`: names the caller knows to be rebuilt indexes.
    public static func tables(_ db: any SQLDatabase, dialect: StoreDialect, derived: Set<String> = []) async throws -> [Table] {
        switch dialect {
        case .sqlite:
            let rows = try await db.raw("""
                SELECT name, COALESCE(sql, '') AS sql FROM sqlite_master
                WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name
                """).all()
            let all = try rows.map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "sql", as: String.self)) }
            let virtuals = Set(all.filter { $0.1.uppercased().hasPrefix("CREATE VIRTUAL TABLE") }.map(\.0))
            return all.map { name, _ in
                let shadow = virtuals.contains { name.hasPrefix($0 + "_") }
                return Table(name: name, derived: derived.contains(name) || virtuals.contains(name) || shadow, virtual: virtuals.contains(name))
            }
        case .postgres:
            let rows = try await db.raw("""
                SELECT table_name::text AS name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name
                """).all()
            return try rows.map {
                let name = try $0.decode(column: "name", as: String.self)
                return Table(name: name, derived: derived.contains(name), virtual: false)
            }
        }
    }

    public static func columns(_ db: any SQLDatabase, dialect: StoreDialect, table: String) async throws -> [Column] {
        let rows: [any SQLRow]
        switch dialect {
        case .sqlite:
            rows = try await db.raw("SELECT name, type FROM pragma_table_info(\(bind: table)) ORDER BY cid").all()
        case .postgres:
            rows = try await db.raw("""
                SELECT column_name::text AS name, data_type::text AS type FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = \(bind: table) ORDER BY ordinal_position
                """).all()
        }
        return try rows.map { Column(name: try $0.decode(column: "name", as: String.self), type: try $0.decode(column: "type", as: String.self).lowercased()) }
    }

    /// The tables that hold at least one row (a restore or an import goes only into a database where this is empty).
    public static func tablesWithRows(_ db: any SQLDatabase, dialect: StoreDialect) async throws -> [String] {
        var found: [String] = []
        for table in try await tables(db, dialect: dialect) where !table.virtual {
            if try await db.raw("SELECT 1 AS one FROM \(ident: table.name) LIMIT 1").first() != nil { found.append(table.name) }
        }
        return found
    }

    /// The migration ids the database has applied, in the order applied (empty when it has none).
    public static func appliedMigrations(_ db: any SQLDatabase, dialect: StoreDialect) async throws -> [String] {
        guard try await tables(db, dialect: dialect).contains(where: { $0.name == "schema_migrations" }) else { return [] }
        return try await db.raw("SELECT id FROM schema_migrations ORDER BY applied_at, id").all().map { try $0.decode(column: "id", as: String.self) }
    }
}
