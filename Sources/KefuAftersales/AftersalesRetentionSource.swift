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
        case .repairOrder: return .init(table: "repair_orders", closed: "closed_at", condition: "status = 'closed'", href: { "/repair-orders/\($0)" })
        case .returnRecord: return .init(table: "returns", closed: "closed_at", condition: "status = 'closed'", href: { "/returns/\($0)" })
        // A response is the filed record of a survey; it has no number of its own, so its id stands for one.
        case .survey: return .init(table: "survey_responses", closed: "submitted_at", number: "id", href: { _ in nil })
        default: return .init(table: "complaints", closed: "closed_at", condition: "status = 'closed'", href: { "/complaints/\($0)" })
        }
    }

    public func table(_ kind: RetainedKind) -> RetentionSQL.Table { Self.table(kind) }
}
