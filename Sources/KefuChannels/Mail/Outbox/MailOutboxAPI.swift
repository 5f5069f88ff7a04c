import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #16 item 2 REST: `GET /api/v1/mail-outbox[?status=&ticketId=]` and `POST /api/v1/mail-outbox/{id}/retry`
/// (head-office administrators).
public struct MailOutboxAPI: Sendable {
    let log: MailOutboxLog

    public init(log: MailOutboxLog) { self.log = log }

    static let base = "/api/v1/mail-outbox"

    public func register(_ routes: ApiRoutes) {
        let log = self.log
        let nullableString: JSONValue = ["type": ["string", "null"]]
        let string: JSONValue = ["type": "string"]
        routes.schema("MailOutboxEntry", [
            "type": "object",
            "properties": ["id": string, "ticketId": nullableString, "kind": ["type": "string", "enum": ["reply", "acknowledgement", "portal_link"]], "to": string,
                           "subject": string, "messageId": string, "status": ["type": "string", "enum": ["pending", "sent", "failed"]],
                           "attempts": ["type": "integer"], "nextAttemptAt": nullableString, "lastError": nullableString,
                           "serverReply": nullableString, "createdAt": string, "sentAt": nullableString],
        ])
        routes.pageSchema("MailOutboxPage", item: "MailOutboxEntry")
        routes.add(.init(.get, Self.base, summary: "Outgoing mail (replies, acknowledgements and portal sign-in links), newest first: pending, sent or failed (head-office administrators)",
                         tag: "channels", response: "MailOutboxPage", query: ["status", "ticketId", "page", "per"])) { request, context in
            let q = request.queryDictionary
            return try JSONIO.response(try await log.list(status: q["status"], ticketId: q["ticketId"], paging: try Paging.from(q),
                                                          viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.post, Self.base + "/{id}/retry", summary: "Queue a failed message again, due now; 409 when it did not fail",
                         tag: "channels", response: "MailOutboxEntry")) { _, context in
            try JSONIO.response(try await log.retry(id: try context.parameters.require("id"), by: try context.requirePrincipal()))
        }
    }
}
