import SQLKit

/// Nullable columns as after-sales rows read them.
extension SQLRow {
    func int(_ c: String) throws -> Int? { try decode(column: c, as: Int?.self) }
    func flag(_ c: String) throws -> Bool? { try decode(column: c, as: Int?.self).map { $0 != 0 } }
    func str(_ c: String) throws -> String? { try decode(column: c, as: String?.self) }
    func millis(_ c: String) throws -> Int64? { try decode(column: c, as: Int64?.self) }
}
