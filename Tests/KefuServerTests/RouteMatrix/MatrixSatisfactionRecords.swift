import Foundation
import Testing

/// #15.5 SAT-09: the matrix's satisfaction notice — 客服部 assessed below a 90% target for this month (Beijing time), from
/// a returned survey of its agent's ticket rated 不太满意. Assessing is idempotent per department and period, so every
/// call names the same notice.
extension MatrixRecords {
    static var thisMonth: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let c = calendar.dateComponents([.year, .month], from: Date())
        return String(format: "%04d-%02d", c.year!, c.month!)
    }

    static func satisfactionNotice(_ org: MatrixOrg, via c: MatrixClient) async throws -> String {
        try expectOK(try await c.call(.put, "/api/v1/settings/satisfaction-target", token: org.admin, json: ["percent": "90"]), "target")
        let ticket = try await c.call(.post, "/api/v1/tickets", token: org.agent.token,
                                      json: ["subject": "矩阵满意度", "type": "repair", "channel": "phone", "priority": "normal", "customerId": org.customerId])
        try expectOK(ticket, "ticket")
        let inv = try await c.call(.post, "/api/v1/survey-invitations", token: org.agent.token, json: ["ticketId": ticket.string("id")!])
        try expectOK(inv, "invitation")
        let token = String(inv.string("url")!.split(separator: "/").last!)
        try expectOK(try await c.call(.post, "/api/v1/public/surveys/\(token)", json: ["overall": 2]), "survey")
        let run = try await c.call(.post, "/api/v1/satisfaction/assessments", token: org.admin, json: ["period": thisMonth])
        try expectOK(run, "assessment")
        let entry = (run.json["departments"] as? [[String: Any]])?.first { $0["orgUnitId"] as? String == org.cs }
        return try #require(entry?["assessmentId"] as? String, "no assessment of 客服部: \(run.text)")
    }
}
