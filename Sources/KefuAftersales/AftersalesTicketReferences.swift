import KefuDomain
import KefuPlatform

/// #17.6 RET-04: a complaint case, repair order, return or survey invitation names the ticket it came from; while one
/// does, the ticket is kept (each is archived, or kept, on its own period; indexed by aftersales-008).
public struct AftersalesTicketReferences: RetentionReferences {
    public init() {}

    public func naming(_ kind: RetainedKind, id: String) -> String? {
        guard kind == .ticket else { return nil }
        return Self.exists([("complaints", "ticket_id"), ("repair_orders", "ticket_id"), ("returns", "ticket_id"),
                            ("survey_invitations", "ticket_id")], id: id)
    }
}
