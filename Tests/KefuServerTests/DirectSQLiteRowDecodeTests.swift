@testable import KefuPlatform
import SQLiteNIO
import Testing

/// #17.4: a SQLite row hands back text and integers without the decoder or a dynamic cast, and answers every type
/// exactly as SQLiteKit's decoder does.
@Suite("SQLite row decoding")
struct DirectSQLiteRowDecodeTests {
    let row: DirectSQLiteRow = {
        let columns = ["text", "empty", "int", "negative", "null", "real", "cjk"]
        return DirectSQLiteRow(columns: columns, index: ColumnPositions(columns),
                               values: [.text("客服 ticket"), .text(""), .integer(42), .integer(-7), .null, .float(2.5), .text("工单")])
    }()

    @Test func textAndIntegersComeBackAsTheirOwnTypes() throws {
        #expect(try row.decode(column: "text", as: String.self) == "客服 ticket")
        #expect(try row.decode(column: "text", as: String?.self) == "客服 ticket")
        #expect(try row.decode(column: "empty", as: String.self) == "")
        #expect(try row.decode(column: "cjk", as: String?.self) == .some("工单"))
        #expect(try row.decode(column: "int", as: Int.self) == 42)
        #expect(try row.decode(column: "int", as: Int64.self) == 42)
        #expect(try row.decode(column: "negative", as: Int?.self) == .some(-7))
        #expect(try row.decode(column: "negative", as: Int64?.self) == .some(-7))
        #expect(try row.decode(column: "null", as: String?.self) == nil)
        #expect(try row.decode(column: "null", as: Int?.self) == nil)
        #expect(try row.decode(column: "null", as: Int64?.self) == nil)
        #expect(try row.decodeNil(column: "null") && !row.decodeNil(column: "int"))
    }

    @Test func otherTypesAndMismatchesAnswerAsTheDecoderDoes() throws {
        let decoder = DirectSQLiteRow.decoder // SQLiteKit's
        func same<T: Decodable & Equatable>(_ column: String, _ value: SQLiteData, _ type: T.Type) {
            let mine = Result { try row.decode(column: column, as: T.self) }
            let theirs = Result { try decoder.decode(T.self, from: value) }
            switch (mine, theirs) {
            case let (.success(a), .success(b)): #expect(a == b, "\(column) as \(T.self)")
            case (.failure, .failure): break
            default: Issue.record("\(column) as \(T.self): \(mine) against the decoder's \(theirs)")
            }
        }
        same("real", .float(2.5), Double.self)
        same("int", .integer(42), Bool.self)
        same("int", .integer(42), Int32.self)
        same("int", .integer(42), String.self)
        same("int", .integer(42), String?.self)
        same("text", .text("客服 ticket"), Int.self)
        same("text", .text("客服 ticket"), Int64?.self)
        same("null", .null, String.self)
        same("null", .null, Int.self)
        same("null", .null, Double?.self)
        #expect(try row.decode(column: "int", as: Int32.self) == 42)
        #expect(throws: (any Error).self) { try row.decode(column: "null", as: String.self) }
        #expect(throws: (any Error).self) { try row.decode(column: "missing", as: String.self) }
    }
}
