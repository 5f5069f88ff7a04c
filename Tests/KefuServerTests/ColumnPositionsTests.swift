@testable import KefuPlatform
import Testing

/// #17.4: a row's columns are found by a table that hashes only a name's length and three bytes; names that share
/// those still each find their own column, the first of two columns of one name wins, and a name not there is nil.
@Suite("Column positions")
struct ColumnPositionsTests {
    @Test func eachNameFindsItsFirstColumn() {
        // a_x_b, a_y_b …: one length, first, middle and last byte, so they all hash alike.
        let alike = (0..<40).map { "a_\(Character(UnicodeScalar(UInt8(65 + $0))))_b" }
        let names = ["id", "created_at", "updated_at", "customer_phone", "customer_email", "", "名称", "id"] + alike
        let positions = ColumnPositions(names)
        for (i, name) in names.enumerated() {
            #expect(positions.position(of: name) == names.firstIndex(of: name), "\(i) \(name)")
        }
        #expect(positions.position(of: "id") == 0)
        for missing in ["ID", "created_a", "a_z_c", "customer_phonE", "x"] {
            #expect(positions.position(of: missing) == nil)
        }
        #expect(ColumnPositions([]).position(of: "id") == nil)
    }
}
