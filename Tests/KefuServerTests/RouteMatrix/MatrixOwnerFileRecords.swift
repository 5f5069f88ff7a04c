import Foundation
import Testing

/// #14 PRP-06: the matrix's unit of an estate of 客服部 (its owner 矩阵业主 current since registration), a renovation applied
/// on it, and one approved by admin.
extension MatrixRecords {
    static func ownerFileRecord(_ kind: MatrixRecordKind, _ org: MatrixOrg, via c: MatrixClient) async throws -> String {
        let estate = try await propertyEstate(org, via: c)
        let units = try await c.call(.get, "/api/v1/property/estates/\(estate)/units", token: org.admin)
        let unit = try #require(units.items.first?["id"] as? String, "no unit: \(units.text)")
        if kind == .propertyUnit { return unit }
        let r = try await c.call(.post, "/api/v1/property/units/\(unit)/file-entries", token: org.admin,
                                 json: ["kind": "renovation", "summary": "卫生间防水翻新", "entryOn": "2026-11-20"])
        try expectOK(r, "renovation")
        let id = r.string("id")!
        if kind == .approvedRenovation {
            try expectOK(try await c.call(.post, "/api/v1/property/file-entries/\(id)/approve", token: org.admin, json: [:]), "approve")
        }
        return id
    }
}
