import KefuDomain
import KefuPlatform

/// #17.6 RET-04: what came in or went out on a channel names the ticket it became part of — a mail and its files, a
/// call, a chat, a file of the portal, a mail of the outbox; while one does, the ticket is kept. These rows are the
/// ticket's conversation rather than records with a period of their own, and Kefu does not archive them (yet): a
/// ticket that came by mail, phone integration, chat or the portal stays until they can go with it (ch-008 indexes the
/// calls and chats by ticket).
public struct ChannelTicketReferences: RetentionReferences {
    public init() {}

    public func naming(_ kind: RetainedKind, id: String) -> String? {
        guard kind == .ticket else { return nil }
        return Self.exists([("inbound_mail", "ticket_id"), ("inbound_mail_attachments", "ticket_id"), ("telephony_calls", "ticket_id"),
                            ("chat_sessions", "ticket_id"), ("portal_attachments", "ticket_id"), ("mail_outbox", "ticket_id")], id: id)
    }
}
