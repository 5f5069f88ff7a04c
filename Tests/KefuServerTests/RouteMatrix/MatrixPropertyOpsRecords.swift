import Foundation
import Testing

/// #14 PRP-07, PRP-10: the matrix's patrol of an estate of 客服部, an owner proposal (open, or put in a submission to the
/// project manager by admin), and a submission.
extension MatrixRecords {
    static func propertyOpsRecord(_ kind: MatrixRecordKind, _ org: MatrixOrg, via c: MatrixClient) async throws -> String {
        let estate = try await propertyEstate(org, via: c)
        if kind == .propertyPatrol {
            let p = try await c.call(.post, "/api/v1/property/estates/\(estate)/patrols", token: org.admin,
                                     json: ["buildings": "1栋", "patrolledOn": "2026-11-20", "findings": [["location": "1栋大堂", "description": "地面湿滑"]]])
            try expectOK(p, "patrol")
            return p.string("id")!
        }
        let p = try await c.call(.post, "/api/v1/property/estates/\(estate)/proposals", token: org.admin,
                                 json: ["ownerName": "矩阵业主", "content": "增设充电桩", "proposedOn": "2026-11-20"])
        try expectOK(p, "proposal")
        if kind == .propertyProposal { return p.string("id")! }
        let b = try await c.call(.post, "/api/v1/property/proposal-batches", token: org.admin, json: ["orgUnitId": org.cs, "note": "矩阵"])
        try expectOK(b, "proposal batch")
        return kind == .proposalBatch ? b.string("id")! : p.string("id")!
    }
}
