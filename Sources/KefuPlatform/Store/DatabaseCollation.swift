import SQLKit

/// Kefu compares unit paths (`/root/unit/…`) and typed prefixes in code-point order: in many features a unit's scope is
/// the range [path, path with its last character raised), and a name or code prefix search the same. PostgreSQL
/// compares text by the database's collation. In C, POSIX or C.UTF-8 that is code-point order. In a language's
/// collation it is not: glibc's zh_CN.UTF-8 and en_US.UTF-8 pass over the slashes at first, so `/a1/b2/c3/` falls
/// outside [`/a1/b2/`, `/a1/b20`) (seen on PostgreSQL 15) and a supervisor would not see the records of the units under
/// theirs; ICU collations sort Chinese by pinyin, so a prefix range misses names. A database in such a collation is
/// refused when it is opened, with how to make one Kefu can use (README "PostgreSQL").
public enum DatabaseCollation {
    public static func isCodePointOrder(provider: String?, collate: String) -> Bool {
        switch provider {
        case "b": return true // PostgreSQL 17's builtin provider knows only C and C.UTF-8: code-point order
        case nil, "c": return ["c", "posix", "c.utf8", "c.utf-8"].contains(collate.lowercased()) // libc
        default: return false // "i": ICU
        }
    }

    /// Throws `DatabaseCollationError` when the connected PostgreSQL database does not compare in code-point order.
    public static func check(_ store: any Store) async throws {
        guard store.dialect == .postgres else { return }
        // `datlocprovider` exists from PostgreSQL 15; read through JSON so that older servers answer null.
        let (collate, provider, name) = try await store.read { db in
            let row = try await db.raw("""
                SELECT d.datname, d.datcollate, to_jsonb(d) ->> 'datlocprovider' AS provider FROM pg_database d
                WHERE d.datname = current_database()
                """).first()!
            return (try row.decode(column: "datcollate", as: String.self), try row.decode(column: "provider", as: String?.self),
                    try row.decode(column: "datname", as: String.self))
        }
        if !isCodePointOrder(provider: provider, collate: collate) {
            throw DatabaseCollationError(database: name, collation: provider == "i" ? "ICU" : collate)
        }
    }
}

public struct DatabaseCollationError: Error, CustomStringConvertible {
    public let database: String
    public let collation: String

    public var description: String {
        """
        PostgreSQL database "\(database)" compares text by the collation \(collation), and Kefu needs code-point order \
        (unit scopes and prefix searches would miss records). Create its database with \
        CREATE DATABASE \(database) TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER libc LOCALE 'C.UTF-8' \
        (existing data: kefu backup, then kefu restore into the new database). \
        数据库排序规则须为 C.UTF-8（否则按组织范围与前缀查询会漏记录）。
        """
    }
}
