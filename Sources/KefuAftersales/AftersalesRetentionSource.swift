import KefuDomain
import KefuPlatform
import SQLKit

/// RET-01: the after-sales and complaint records — complaints, repair orders, returns (closed) and survey responses
/// (submitted) — for the retention report.
public struct AftersalesRetentionSource: TableRetentionSource {
    public init() {}

    public var kinds: [RetainedKind] { [.complaint, .repairOrder, .returnRecord, .survey] }

    static func table(_ kind: RetainedKind) -> RetentionSQL.Table {
        switch kind {
        // #17.6: a survey invitation names its repair order by a foreign key, and survey responses are kept (below): while
        // one names the order, the order is kept too (indexed by aftersales-008).
        case .repairOrder:
            return .init(table: "repair_orders", closed: "closed_at",
                         condition: "status = 'closed' AND NOT EXISTS (SELECT 1 FROM survey_invitations WHERE survey_invitations.repair_order_id = repair_orders.id)",
                         href: { "/repair-orders/\($0)" })
        case .returnRecord: return .init(table: "returns", closed: "closed_at", condition: "status = 'closed'", href: { "/returns/\($0)" })
        // A response is the filed record of a survey; it has no number of its own, so its id stands for one.
        case .survey: return .init(table: "survey_responses", closed: "submitted_at", number: "id", href: { _ in nil })
        default: return .init(table: "complaints", closed: "closed_at", condition: "status = 'closed'", href: { "/complaints/\($0)" })
        }
    }

    public func table(_ kind: RetainedKind) -> RetentionSQL.Table { Self.table(kind) }

    /// #17.6 RET-04: Kefu archives closed complaints (`ComplaintArchiver`), repair orders (`RepairOrderArchiver`) and
    /// returns (`ReturnArchiver`); survey responses stay for the operator.
    public func archiver(_ kind: RetainedKind) -> (any RetentionArchiver)? {
        switch kind {
        // A survey response is not archived: other records read it as their own state, not as history. A property
        // opinion round (SAT-10, kept with no period of its own) shows each resident's answer read from the response by
        // its invitation: archived, the resident would show as never answered, and the round's response rate, average
        // and return-visit plan would change. The customer portal rates a ticket once (#16.6) by the ticket's responses:
        // archived, the portal would offer the rating again. (Complaints opened from a response name it by id only.)
        case .survey: return nil
        // A closed return is archived: its hand-offs (ReturnHandOffs, notification rows of the service desk's, which
        // this feature does not change) link to its page, which answers its tombstone (`RetentionTombstones`) once it is gone.
        case .returnRecord: return ReturnArchiver()
        // A closed complaint is archived the same way, its hand-offs' links answering its tombstone.
        case .complaint: return ComplaintArchiver()
        // A closed repair order is archived the same way, once no survey invitation names it (`table`).
        case .repairOrder: return RepairOrderArchiver()
        default: return nil
        }
    }
}
