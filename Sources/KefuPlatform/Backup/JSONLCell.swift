import Foundation
import SQLKit

/// #17.1 one value of an exported row, exact: integers as JSON integers, text as strings, NULL as null, blobs as
/// `{"$base64": "..."}` and a floating-point value SQLite stored as `{"$real": "..."}` (Kefu stores no quantity or
/// money as a float; the marker keeps any such value bit-exact rather than rounding it through a JSON number).
enum JSONLCell: Decodable, Equatable {
    case null
    case integer(Int64)
    case text(String)
    case bool(Bool)
    case real(Double)
    case blob(Data)

    static let blobKey = "$base64"
    static let realKey = "$real"

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let s = try? c.decode(String.self) { self = .text(s); return }
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let i = try? c.decode(Int64.self) { self = .integer(i); return }
        if let d = try? c.decode(Double.self) { self = .real(d); return }
        let marker = try c.decode([String: String].self)
        if let b = marker[Self.blobKey], let data = Data(base64Encoded: b) { self = .blob(data); return }
        if let r = marker[Self.realKey], let d = Double(r) { self = .real(d); return }
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "unknown value \(marker)")
    }

    /// A bind for the value (an untyped NULL literal, which PostgreSQL accepts in a column of any type).
    var expression: any SQLExpression {
        switch self {
        case .null: return SQLLiteral.null
        case .integer(let i): return SQLBind(i)
        case .text(let s): return SQLBind(s)
        case .bool(let b): return SQLBind(b)
        case .real(let d): return SQLBind(d)
        case .blob(let d): return SQLBind(d)
        }
    }

    static func writeBlob(_ bytes: Data, to out: inout JSONWriter) {
        out.beginObject()
        out.key(named: Self.blobKey)
        out.string(bytes.base64EncodedString())
        out.endObject()
    }

    static func writeReal(_ d: Double, to out: inout JSONWriter) {
        out.beginObject()
        out.key(named: Self.realKey)
        out.string("\(d)")
        out.endObject()
    }
}
