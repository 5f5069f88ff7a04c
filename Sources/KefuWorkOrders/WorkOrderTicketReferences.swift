import KefuDomain
import KefuPlatform

/// #17.6 RET-04: a work order raised from a ticket names it; while one does, the ticket is kept (wo-004).
public struct WorkOrderTicketReferences: RetentionReferences {
    public init() {}

    public func naming(_ kind: RetainedKind, id: String) -> String? {
        kind == .ticket ? Self.exists([("work_orders", "ticket_id")], id: id) : nil
    }
}
