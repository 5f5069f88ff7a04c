import Foundation
import HTTPTypes
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

/// #16 item 2: a public reply on an e-mail ticket of 客服部 queues a message (the matrix's server has outbound mail set
/// up and never runs the sender): its id, from the outbox list.
extension MatrixRecords {
    static func mailOutboxRecord(_ org: MatrixOrg, via c: MatrixClient) async throws -> String {
        let ticket = try await c.call(.post, "/api/v1/tickets", token: org.agent.token,
                                      json: ["subject": "邮件工单", "type": "inquiry", "channel": "email", "priority": "normal",
                                             "customer": ["name": "邮件客户", "email": "mx-\(UUID().uuidString.prefix(6))@customer.example"]])
        try expectOK(ticket, "e-mail ticket")
        let id = try #require(ticket.string("id"), "e-mail ticket: \(ticket.text)")
        try expectOK(try await c.call(.post, "/api/v1/tickets/\(id)/comments", token: org.agent.token, json: ["body": "已收到", "visibility": "public"]), "reply")
        let outbox = try await c.call(.get, "/api/v1/mail-outbox?ticketId=\(id)", token: org.admin)
        return try #require(outbox.items.first?["id"] as? String, "queued mail: \(outbox.text)")
    }
}

/// #16.3: an extension of 客服部's agent (fresh for each record), and a call answered on it, posted as the PBX would.
extension MatrixRecords {
    static func telephonyRecord(_ kind: MatrixRecordKind, _ org: MatrixOrg, via c: MatrixClient) async throws -> String {
        let ext = String(Int.random(in: 100_000...999_999))
        try expectOK(try await c.call(.put, "/api/v1/telephony/extensions/\(ext)", token: org.admin, json: ["agentId": org.agent.id]), "extension")
        if kind == .telephonyExtension || kind == .spareTelephonyExtension { return ext }
        let callId = "mx-\(UUID().uuidString)"
        var last: TestApp.Reply?
        for event in ["ringing", "answered"] {
            let body = try TelephonySigning.body(["callId": callId, "event": event, "callerNumber": "13911112222", "extension": ext, "rings": 2])
            last = try await c.send(.post, "/api/v1/telephony/events", raw: body, headers: TelephonySigning.headers(body))
            try expectOK(last!, "telephony \(event)")
        }
        return try #require((last?.json["call"] as? [String: Any])?["id"] as? String, "call: \(last?.text ?? "")")
    }
}

/// #16.4: a visitor's chat in 客服部, waiting for an agent (the matrix's server answers chat at all hours).
extension MatrixRecords {
    static func chatRecord(_ org: MatrixOrg, via c: MatrixClient) async throws -> String {
        // Each record from a visitor address of its own: one address starts at most 5 chats in 10 minutes.
        let visitor = "198.18.\(UInt8.random(in: 0...255)).\(UInt8.random(in: 1...254))"
        let started = try await c.send(.post, "/api/v1/chat/sessions", json: ["orgUnitCode": "CS", "name": "矩阵访客", "contact": "13911112222", "message": "你好"],
                                       headers: [HTTPField.Name("X-Forwarded-For")!: visitor])
        try expectOK(started, "chat")
        return try #require(started.string("sessionId"), "chat: \(started.text)")
    }
}
