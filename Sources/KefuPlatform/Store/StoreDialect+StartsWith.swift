import SQLKit

extension StoreDialect {
    /// `column` starts with `prefix` (an org path and the like), in the form each engine answers from an index.
    /// SQLite never uses an index for LIKE on its default (BINARY, case-sensitive) columns, because its LIKE is
    /// case-insensitive: `org_path LIKE '/a/b/%'` read every ticket (#17.7). So SQLite gets the byte range
    /// [prefix, prefix with its last byte raised by one), which holds exactly the strings that start with the prefix.
    /// PostgreSQL keeps LIKE: a range there would compare by the database's collation, not by bytes.
    public func startsWith(_ column: String, _ prefix: String) -> SQLQueryString {
        if self == .sqlite, let last = prefix.unicodeScalars.last, last.isASCII, last.value < 0x7F {
            let upper = String(prefix.unicodeScalars.dropLast()) + String(UnicodeScalar(UInt8(last.value + 1)))
            return "(\(unsafeRaw: column) >= \(bind: prefix) AND \(unsafeRaw: column) < \(bind: upper))"
        }
        return "\(unsafeRaw: column) LIKE \(bind: prefix + "%")"
    }
}
