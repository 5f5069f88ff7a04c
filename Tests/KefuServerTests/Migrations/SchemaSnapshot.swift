import Foundation
import KefuPlatform
import SQLKit

/// The shape of a database as lines of text (tables' columns, indexes, triggers, sequences), comparable between a
/// fresh database and an upgraded one. PostgreSQL names are taken without the test's schema prefix.
enum SchemaSnapshot {
    static func lines(_ store: any Store) async throws -> [String] {
        try await store.read { db in
            let queries: [String]
            switch store.dialect {
            case .sqlite:
                queries = [
                    """
                    SELECT 'column ' || m.name || '.' || p.name || ' ' || p.type || ' notnull=' || p."notnull"
                        || ' default=' || COALESCE(p.dflt_value, '') || ' pk=' || p.pk AS line
                    FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.cid
                    """,
                    "SELECT m.type || ' ' || m.name || ' on ' || m.tbl_name || ': ' || COALESCE(m.sql, '') AS line FROM sqlite_master m WHERE m.type <> 'table' ORDER BY m.type, m.name",
                ]
            case .postgres:
                queries = [
                    """
                    SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' nullable=' || is_nullable
                        || ' default=' || COALESCE(column_default, '') || ' identity=' || is_identity AS line
                    FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
                    """,
                    "SELECT 'index ' || indexname || ' on ' || tablename || ': ' || replace(indexdef, current_schema() || '.', '') AS line FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname",
                    """
                    SELECT 'trigger ' || t.tgname || ' on ' || c.relname AS line FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND n.nspname = current_schema() ORDER BY 1
                    """,
                    "SELECT 'sequence ' || sequence_name AS line FROM information_schema.sequences WHERE sequence_schema = current_schema() ORDER BY 1",
                    """
                    SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ': ' || replace(pg_get_constraintdef(oid), current_schema() || '.', '') AS line
                    FROM pg_constraint WHERE connamespace = current_schema()::regnamespace ORDER BY 1
                    """,
                ]
            }
            var out: [String] = []
            for query in queries {
                out += try await db.raw(SQLQueryString(query)).all().map { try $0.decode(column: "line", as: String.self) }
            }
            return out
        }
    }
}
