import PostgresKit
import SQLKit

/// A PostgreSQL row as `SQLRow`, decoding the common column types straight from the cell. PostgresKit's own row sends
/// every `decode(column:as:)` through its Codable translation (a coding path, a dynamic protocol cast, generic metadata
/// per call): on the 50,000-row open-requests report that was a third of the request's CPU (#13.9, bench/requests).
/// Text, integers and booleans, and their optionals, decode here exactly as that translation's fast path decodes them
/// (the cell's own `PostgresDecodable` conformance); every other type goes to PostgresKit's row unchanged.
struct PostgresFastRow: SQLRow {
    let row: PostgresRow
    let cells: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        self.row = row
        self.cells = row.makeRandomAccess()
    }

    struct MissingColumn: Error, CustomStringConvertible {
        let column: String
        var description: String { "no column \"\(column)\" in the row" }
    }

    var allColumns: [String] { cells.map(\.columnName) }

    func contains(column: String) -> Bool { cells.contains(column) }

    func decodeNil(column: String) throws -> Bool {
        !cells.contains(column) || cells[column].bytes == nil
    }

    func decode<T: Decodable>(column: String, as type: T.Type) throws -> T {
        guard cells.contains(column) else { throw MissingColumn(column: column) }
        let cell = cells[column]
        // PostgresKit reads a user-defined type (an enum) as text; leave that, and anything not listed, to it.
        if !cell.dataType.isUserDefined {
            if T.self == String.self { return try cell.decode(String.self) as! T }
            if T.self == String?.self { return try cell.decode(String?.self) as! T }
            if T.self == Int.self { return try cell.decode(Int.self) as! T }
            if T.self == Int?.self { return try cell.decode(Int?.self) as! T }
            if T.self == Int64.self { return try cell.decode(Int64.self) as! T }
            if T.self == Int64?.self { return try cell.decode(Int64?.self) as! T }
            if T.self == Bool.self { return try cell.decode(Bool.self) as! T }
            if T.self == Bool?.self { return try cell.decode(Bool?.self) as! T }
        }
        return try row.sql().decode(column: column, as: type)
    }
}
