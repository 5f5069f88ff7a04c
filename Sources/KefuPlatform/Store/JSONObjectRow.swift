import Foundation
import SQLKit

/// A row that arrived as one JSON object (`row_to_json`), read as an `SQLRow` so that the code that decodes the row
/// does not care how it came. Text, integers, booleans and their optionals, as `PostgresFastRow` reads them.
struct JSONObjectRow: SQLRow {
    enum Cell: Sendable {
        case null, text(String), integer(Int64), boolean(Bool), other
    }

    let cells: [String: Cell]

    struct BadJSON: Error, CustomStringConvertible {
        var description: String { "a combined row is not a JSON object" }
    }

    struct Mismatch: Error, CustomStringConvertible {
        let column: String
        let type: Any.Type
        var description: String { "column \"\(column)\" is not a \(type)" }
    }

    init(json: String) throws {
        guard let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { throw BadJSON() }
        cells = object.mapValues(Self.cell)
    }

    /// JSON numbers come back as Swift numbers or `NSNumber`, and `true` as `Bool` or `NSNumber`, depending on the
    /// Foundation; whole numbers are integers here, others are not read.
    static func cell(_ value: Any) -> Cell {
        switch value {
        case is NSNull: return .null
        case let s as String: return .text(s)
        case let b as Bool where !(value is Int): return .boolean(b)
        case let n as Int: return .integer(Int64(n))
        case let n as Int64: return .integer(n)
        case let n as NSNumber:
            let d = n.doubleValue
            return d == d.rounded() ? .integer(n.int64Value) : .other
        default: return .other
        }
    }

    var allColumns: [String] { Array(cells.keys) }

    func contains(column: String) -> Bool { cells[column] != nil }

    func decodeNil(column: String) throws -> Bool {
        if case .null = cells[column] ?? .null { return true }
        return false
    }

    func decode<T: Decodable>(column: String, as type: T.Type) throws -> T {
        let cell = cells[column] ?? .null
        var isNull = false
        if case .null = cell { isNull = true }
        switch (type, cell) {
        case (is String.Type, .text(let s)): return s as! T
        case (is String?.Type, .text(let s)): return Optional(s) as! T
        case (is String?.Type, _) where isNull: return Optional<String>.none as! T
        case (is Int.Type, .integer(let n)): return Int(n) as! T
        case (is Int?.Type, .integer(let n)): return Optional(Int(n)) as! T
        case (is Int?.Type, _) where isNull: return Optional<Int>.none as! T
        case (is Int64.Type, .integer(let n)): return n as! T
        case (is Int64?.Type, .integer(let n)): return Optional(n) as! T
        case (is Int64?.Type, _) where isNull: return Optional<Int64>.none as! T
        case (is Bool.Type, .boolean(let b)): return b as! T
        case (is Bool.Type, .integer(let n)): return (n != 0) as! T
        case (is Bool?.Type, .boolean(let b)): return Optional(b) as! T
        case (is Bool?.Type, .integer(let n)): return Optional(n != 0) as! T
        case (is Bool?.Type, _) where isNull: return Optional<Bool>.none as! T
        case (is Int.Type, .boolean(let b)): return (b ? 1 : 0) as! T
        default: throw Mismatch(column: column, type: type)
        }
    }
}
