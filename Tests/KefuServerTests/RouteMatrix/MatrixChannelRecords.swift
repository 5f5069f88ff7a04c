import Foundation
import Testing

/// #16.1: a message in the mail quarantine, delivered by a fresh mail-intake account (a JSON object is no mail).
extension MatrixRecords {
    static func mailQuarantineRecord(_ org: MatrixOrg, via c: MatrixClient) async throws -> String {
        let name = "mxmail\(UUID().uuidString.prefix(8).lowercased())"
        try expectOK(try await c.call(.post, "/api/v1/users", token: org.admin, json: ["username": name, "password": "password-\(name)", "displayName": "邮件接收",
                                                                                     "orgUnitId": org.root, "roles": ["mail_intake"], "locale": "zh-CN"]), "mail intake user")
        let token = try await c.call(.post, "/api/v1/auth/token", json: ["username": name, "password": "password-\(name)"]).string("token")
        let held = try await c.call(.post, "/api/v1/inbound/mail", token: token, json: [String: Any]())
        try expectOK(held, "quarantined mail")
        return try #require(held.string("quarantineId"), "quarantined mail: \(held.text)")
    }
}
