import Foundation
import Testing

/// #14 item 2: the matrix's estate of 客服部 (a property-fee rate from 2026-01, one unit) and a fee notice of its unit for
/// 2026-11, owing 170.00 (each probe pays 1.00, so several permitted callers pay part of it).
extension MatrixRecords {
    static func propertyEstate(_ org: MatrixOrg, via c: MatrixClient) async throws -> String {
        let estate = try await c.call(.post, "/api/v1/property/estates", token: org.admin, json: ["name": "矩阵小区 " + UUID().uuidString.prefix(6), "orgUnitId": org.cs])
        try expectOK(estate, "estate")
        let id = estate.string("id")!
        try expectOK(try await c.call(.post, "/api/v1/property/estates/\(id)/fee-rates", token: org.admin,
                                      json: ["fee": "物业费", "kind": "property_fee", "rate": "2.00", "effectiveFrom": "2026-01"]), "fee rate")
        try expectOK(try await c.call(.post, "/api/v1/property/estates/\(id)/units", token: org.admin,
                                      json: ["units": [["building": "1栋", "room": "101", "area": "85.00", "occupantName": "矩阵业主", "occupantPhone": "13811112222"]]]), "units")
        return id
    }

    static func propertyNotice(_ org: MatrixOrg, via c: MatrixClient) async throws -> String {
        let estate = try await propertyEstate(org, via: c)
        try expectOK(try await c.call(.post, "/api/v1/property/estates/\(estate)/notices", token: org.admin, json: ["month": "2026-11"]), "notices")
        let list = try await c.call(.get, "/api/v1/property/notices?estateId=\(estate)", token: org.admin)
        return try #require(list.items.first?["id"] as? String, "no notice: \(list.text)")
    }
}
