import Foundation
import Testing

/// #15.2: the matrix's handover and announcement records. A handover of 客服部's agent for its shift on the 10th of a
/// month of its own (from 2031 on: nobody is on duty then, so no caller may take it over); an announcement of 客服部's
/// supervisor to 客服部.
extension MatrixRecords {
    static func handoverRecord(_ org: MatrixOrg, via c: MatrixClient) async throws -> String {
        let shift = try await months.shiftId {
            let r = try await c.call(.post, "/api/v1/shifts", token: org.admin, json: ["orgUnitId": org.cs, "code": "MX-FIX", "name": "矩阵班", "start": "08:00", "end": "16:00"])
            try expectOK(r, "shift")
            return r.string("id")!
        }
        let month = months.take()
        let plan = try await c.call(.put, "/api/v1/rosters/\(org.cs)/\(month)", token: org.admin, json: ["entries": [
            ["date": "\(month)-10", "userId": org.agent.id, "shiftId": shift]]])
        try expectOK(plan, "roster")
        let entries = (plan.json["days"] as? [[String: Any]] ?? []).flatMap { $0["entries"] as? [[String: Any]] ?? [] }
        let r = try await c.call(.post, "/api/v1/handovers", token: org.agent.token, json: ["entryId": entries.first?["id"] as? String ?? "", "notes": "矩阵"])
        try expectOK(r, "handover")
        return r.string("id")!
    }

    static func announcementRecord(_ org: MatrixOrg, via c: MatrixClient) async throws -> String {
        let r = try await c.call(.post, "/api/v1/announcements", token: org.supervisor.token, json: ["orgUnitId": org.cs, "title": "矩阵公告", "body": "请注意"])
        try expectOK(r, "announcement")
        return r.string("id")!
    }
}
