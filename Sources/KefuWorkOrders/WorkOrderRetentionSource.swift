import KefuDomain
import KefuPlatform
import SQLKit

/// RET-02: completed work orders (signed, WO-07) for the retention report; the clock starts at completion. RET-04: no
/// source deletes them but the archive job (#17.6, `WorkOrderArchiver`: past their period and not held).
public struct WorkOrderRetentionSource: TableRetentionSource {
    public init() {}

    public var kinds: [RetainedKind] { [.workOrder] }

    static let table = RetentionSQL.Table(table: "work_orders", closed: "completed_at", href: { "\(WorkOrderPages.path)/\($0)" })

    public func table(_ kind: RetainedKind) -> RetentionSQL.Table { Self.table }

    /// #17.6: `kefu retention archive` moves completed work orders past their period out of the database.
    public func archiver(_ kind: RetainedKind) -> (any RetentionArchiver)? { kind == .workOrder ? WorkOrderArchiver() : nil }
}
