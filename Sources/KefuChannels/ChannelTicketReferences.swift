import KefuDomain
import KefuPlatform

/// #17.6 RET-04: the channels' rows of a ticket go with it (`ChannelTicketParts`), except while they still have work to
/// do: a mail of the outbox not yet sent keeps its ticket, and so does a chat not yet closed.
public struct ChannelTicketReferences: RetentionReferences {
    public init() {}

    public func naming(_ kind: RetainedKind, id: String) -> String? {
        guard kind == .ticket else { return nil }
        return """
            EXISTS (SELECT 1 FROM mail_outbox WHERE mail_outbox.ticket_id = \(id) AND mail_outbox.status = 'pending') \
            OR EXISTS (SELECT 1 FROM chat_sessions WHERE chat_sessions.ticket_id = \(id) AND chat_sessions.state <> 'closed')
            """
    }
}
