import KefuPlatform
import KefuServiceDesk
import SQLKit

/// #17.6 RET-04: what came in or went out on a channel for a ticket is part of its history, and goes with it when it is
/// archived (`TicketArchiver`): the mail taken in with its attachments (their bytes written out as base64), the calls
/// with their events, the chats with their messages, the portal's files and the outbox's mail. A mail that later
/// answers an archived ticket's number or message finds no ticket and opens a new one. Columns as of ch-007.
public struct ChannelTicketParts: TicketArchiveParts {
    public init() {}

    static let mail = ArchivedTable("inbound_mail", key: "ticket_id", order: "received_at, id", columns: [
        ("id", .text), ("message_id", .text), ("from_address", .text), ("from_name", .text), ("recipient", .text), ("subject", .text),
        ("received_at", .integer), ("ticket_id", .text), ("outcome", .text), ("reason", .text), ("warnings", .text), ("size_bytes", .integer),
        ("raw_sha256", .text), ("created_by", .text),
    ])
    static let mailAttachments = ArchivedTable("inbound_mail_attachments", key: "mail_id", through: ("inbound_mail", "ticket_id"),
                                               order: "mail_id, seq", columns: [
        ("id", .text), ("mail_id", .text), ("ticket_id", .text), ("seq", .integer), ("file_name", .text), ("content_type", .text),
        ("size_bytes", .integer), ("sha256", .text), ("content_id", .text), ("is_inline", .integer), ("bytes", .bytes),
    ])
    static let calls = ArchivedTable("telephony_calls", key: "ticket_id", order: "created_at, id", columns: [
        ("id", .text), ("call_id", .text), ("caller_number", .text), ("extension", .text), ("agent_id", .text), ("customer_id", .text),
        ("state", .text), ("rings", .integer), ("ringing_at", .integer), ("answered_at", .integer), ("ended_at", .integer), ("ticket_id", .text),
        ("quality_call_id", .text), ("org_unit_id", .text), ("org_path", .text), ("created_at", .integer), ("updated_at", .integer),
    ])
    static let callEvents = ArchivedTable("telephony_call_events", key: "call_row_id", through: ("telephony_calls", "ticket_id"),
                                          order: "received_at, id", columns: [
        ("id", .text), ("call_row_id", .text), ("call_id", .text), ("event", .text), ("rings", .integer), ("received_at", .integer),
    ])
    static let chats = ArchivedTable("chat_sessions", key: "ticket_id", order: "created_at, id", columns: [
        ("id", .text), ("org_unit_id", .text), ("org_path", .text), ("visitor_token_hash", .text), ("visitor_name", .text), ("contact", .text),
        ("state", .text), ("agent_id", .text), ("ticket_id", .text), ("last_seq", .integer), ("created_at", .integer), ("taken_at", .integer),
        ("closed_at", .integer), ("updated_at", .integer),
    ])
    static let chatMessages = ArchivedTable("chat_messages", key: "session_id", through: ("chat_sessions", "ticket_id"),
                                            order: "session_id, seq", columns: [
        ("id", .text), ("session_id", .text), ("seq", .integer), ("author", .text), ("agent_id", .text), ("client_message_id", .text),
        ("body", .text), ("created_at", .integer),
    ])
    static let portalFiles = ArchivedTable("portal_attachments", key: "ticket_id", order: "created_at, id", columns: [
        ("id", .text), ("ticket_id", .text), ("comment_id", .text), ("file_name", .text), ("content_type", .text), ("size_bytes", .integer),
        ("sha256", .text), ("bytes", .bytes), ("created_at", .integer),
    ])
    static let outbox = ArchivedTable("mail_outbox", key: "ticket_id", order: "created_at, id", columns: [
        ("id", .text), ("ticket_id", .text), ("comment_id", .text), ("kind", .text), ("from_address", .text), ("to_address", .text),
        ("subject", .text), ("message_id", .text), ("raw", .text), ("status", .text), ("attempts", .integer), ("next_attempt_at", .integer),
        ("last_error", .text), ("server_reply", .text), ("created_by", .text), ("created_at", .integer), ("sent_at", .integer),
    ])

    public var tables: [ArchivedTable] { [Self.mail, Self.mailAttachments, Self.calls, Self.callEvents, Self.chats, Self.chatMessages, Self.portalFiles, Self.outbox] }

    public func delete(ticketId id: String, in db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM inbound_mail_attachments WHERE mail_id IN (SELECT id FROM inbound_mail WHERE ticket_id = \(bind: id))").run()
        try await db.raw("DELETE FROM inbound_mail WHERE ticket_id = \(bind: id)").run()
        try await db.raw("DELETE FROM telephony_call_events WHERE call_row_id IN (SELECT id FROM telephony_calls WHERE ticket_id = \(bind: id))").run()
        try await db.raw("DELETE FROM telephony_calls WHERE ticket_id = \(bind: id)").run()
        try await db.raw("DELETE FROM chat_messages WHERE session_id IN (SELECT id FROM chat_sessions WHERE ticket_id = \(bind: id))").run()
        try await db.raw("DELETE FROM chat_sessions WHERE ticket_id = \(bind: id)").run()
        try await db.raw("DELETE FROM portal_attachments WHERE ticket_id = \(bind: id)").run()
        try await db.raw("DELETE FROM mail_outbox WHERE ticket_id = \(bind: id)").run()
    }
}
