import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #16.1 REST: `POST /api/v1/inbound/mail` (raw `message/rfc822`, a bearer token of a `mail_intake` account) and the
/// quarantine for head-office administrators.
public struct MailIntakeAPI: Sendable {
    let intake: MailIntakeService
    let quarantine: MailQuarantine

    public init(intake: MailIntakeService, quarantine: MailQuarantine) {
        self.intake = intake
        self.quarantine = quarantine
    }

    static let quarantineBase = "/api/v1/mail-quarantine"

    public func register(_ routes: ApiRoutes) {
        Self.declareSchemas(routes)
        let intake = self.intake, quarantine = self.quarantine
        routes.add(.init(.post, "/api/v1/inbound/mail",
                         summary: "Take in one raw RFC 5322 message (body message/rfc822): 201 created or appended to a ticket, 200 duplicate, ignored auto-reply or quarantined, 413 over the size limit; only a mail_intake account. `recipient`: the envelope recipient (routes the ticket to its unit)",
                         tag: "channels", response: "InboundMailResult", status: 201, query: ["recipient"])) { request, context in
            let principal = try context.requirePrincipal()
            try MailIntakeService.requireIntake(principal)
            let limit = intake.limits.maxMessageBytes
            let buffer: ByteBuffer
            do { buffer = try await request.body.collect(upTo: limit) } catch {
                throw MailIntakeService.tooLarge(limit + 1, limit: limit)
            }
            let result = try await intake.ingest(Array(buffer.readableBytesView), recipient: request.queryDictionary["recipient"], by: principal)
            let status: HTTPResponse.Status = result.outcome == .created || result.outcome == .appended ? .created : .ok
            return try JSONIO.response(result, status: status)
        }
        routes.add(.init(.get, Self.quarantineBase, summary: "Quarantined inbound mail, newest first (head-office administrators)", tag: "channels",
                         response: "MailQuarantinePage", query: ["status", "page", "per"])) { request, context in
            let q = request.queryDictionary
            return try JSONIO.response(try await quarantine.list(status: q["status"], paging: try Paging.from(q), viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.get, Self.quarantineBase + "/{id}", summary: "One quarantined message: reason and header fields", tag: "channels",
                         response: "MailQuarantineEntry")) { _, context in
            try JSONIO.response(try await quarantine.get(id: try context.parameters.require("id"), viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.get, Self.quarantineBase + "/{id}/raw", summary: "The quarantined message as received (message/rfc822)", tag: "channels")) { _, context in
            let id = try context.parameters.require("id")
            let bytes = try await quarantine.raw(id: id, viewer: try context.requirePrincipal())
            var headers = HTTPFields()
            headers[.contentType] = "message/rfc822"
            headers[.contentDisposition] = "attachment; filename=\"quarantine-\(id).eml\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        routes.add(.init(.post, Self.quarantineBase + "/{id}/reingest", summary: "Take the quarantined message in again (no rate limit); 409 when it was dealt with",
                         tag: "channels", response: "InboundMailResult")) { _, context in
            try JSONIO.response(try await quarantine.reingest(id: try context.parameters.require("id"), by: try context.requirePrincipal()))
        }
        routes.add(.init(.post, Self.quarantineBase + "/{id}/discard", summary: "Discard the quarantined message (kept, marked discarded); 409 when it was dealt with",
                         tag: "channels", response: "MailQuarantineEntry")) { _, context in
            try JSONIO.response(try await quarantine.discard(id: try context.parameters.require("id"), by: try context.requirePrincipal()))
        }
    }

    static func declareSchemas(_ routes: ApiRoutes) {
        let string: JSONValue = ["type": "string"]
        let nullableString: JSONValue = ["type": ["string", "null"]]
        routes.schema("InboundMailResult", [
            "type": "object",
            "properties": ["outcome": ["type": "string", "enum": ["created", "appended", "duplicate", "ignored_autoreply", "quarantined"]],
                           "mailId": nullableString, "ticketId": nullableString, "ticketNumber": nullableString, "reason": nullableString,
                           "quarantineId": nullableString],
        ])
        routes.schema("MailQuarantineEntry", [
            "type": "object",
            "properties": ["id": string, "reason": string, "detail": string, "from": string, "subject": string, "recipient": nullableString,
                           "size": ["type": "integer"], "sha256": string, "receivedAt": string,
                           "status": ["type": "string", "enum": ["held", "reingested", "discarded"]],
                           "resolvedAt": nullableString, "resolvedBy": nullableString, "resultMailId": nullableString,
                           "headers": ["type": "array", "items": ["type": "array", "items": string]]],
        ])
        routes.pageSchema("MailQuarantinePage", item: "MailQuarantineEntry")
    }
}
