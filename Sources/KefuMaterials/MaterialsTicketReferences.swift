import KefuDomain
import KefuPlatform

/// #17.6 RET-04: a stock document issuing parts for a ticket (#13) and a damaged part taken out on one name it; while
/// one does, the ticket is kept (both indexed by it already).
public struct MaterialsTicketReferences: RetentionReferences {
    public init() {}

    public func naming(_ kind: RetainedKind, id: String) -> String? {
        kind == .ticket ? Self.exists([("stock_documents", "ticket_id"), ("damaged_parts", "ticket_id")], id: id) : nil
    }
}
