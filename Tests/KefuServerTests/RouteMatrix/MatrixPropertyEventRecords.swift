import Foundation
import Testing

/// #14 ESC-03: the matrix's important event at an estate of 客服部 (reported, so a follow-up and the close both pass once).
extension MatrixRecords {
    static func propertyEvent(_ org: MatrixOrg, via c: MatrixClient) async throws -> String {
        let estate = try await propertyEstate(org, via: c)
        let e = try await c.call(.post, "/api/v1/property/estates/\(estate)/events", token: org.admin,
                                 json: ["kind": "important", "severity": "major", "title": "电梯困人", "location": "1栋2号电梯", "occurredOn": "2026-11-20"])
        try expectOK(e, "property event")
        return e.string("id")!
    }
}

/// #14 SAT-10: the matrix's opinion round of an estate of 客服部 (its one resident, 1栋 101, has a phone).
extension MatrixRecords {
    static func opinionRound(_ org: MatrixOrg, via c: MatrixClient) async throws -> String {
        let estate = try await propertyEstate(org, via: c)
        let r = try await c.call(.post, "/api/v1/property/estates/\(estate)/opinion-rounds", token: org.admin, json: ["halfYear": "2026-H2"])
        try expectOK(r, "opinion round")
        return r.string("id")!
    }
}

/// #14 SAT-10: the matrix's visit to 1栋 101 with an open follow-up, and a planned owner forum, at an estate of 客服部 (the
/// head office's supervisor-level admin records them).
extension MatrixRecords {
    static func visitRecord(_ kind: MatrixRecordKind, _ org: MatrixOrg, via c: MatrixClient) async throws -> String {
        let estate = try await propertyEstate(org, via: c)
        let r = kind == .propertyVisit
            ? try await c.call(.post, "/api/v1/property/estates/\(estate)/visits", token: org.admin,
                               json: ["building": "1栋", "room": "101", "opinions": "楼道灯不亮", "followUp": "修楼道灯", "visitedOn": "2026-11-20"])
            : try await c.call(.post, "/api/v1/property/estates/\(estate)/forums", token: org.admin,
                               json: ["heldOn": "2026-12-20", "place": "会所二楼", "topic": "停车管理"])
        try expectOK(r, kind == .propertyVisit ? "property visit" : "property forum")
        return r.string("id")!
    }
}
