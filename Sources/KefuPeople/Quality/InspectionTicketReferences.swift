import KefuDomain
import KefuPlatform

/// #17.6 RET-04: a quality inspection of a ticket (QA-04) names it; while one does, the ticket is kept (ppl-010).
public struct InspectionTicketReferences: RetentionReferences {
    public init() {}

    public func naming(_ kind: RetainedKind, id: String) -> String? {
        kind == .ticket ? Self.exists([("inspections", "ticket_id")], id: id) : nil
    }
}
