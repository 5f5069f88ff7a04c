import KefuDomain
import KefuPlatform
import SQLKit

/// RET-02: completed work orders (signed, WO-07) for the retention report; the clock starts at completion.
public struct WorkOrderRetentionSource: TableRetentionSource {
    public init() {}

    public var kinds: [RetainedKind] { [.workOrder] }

    static let table = RetentionSQL.Table(table: "work_orders", closed: "completed_at", href: { "\(WorkOrderPages.path)/\($0)" })

    public func table(_ kind: RetainedKind) -> RetentionSQL.Table { Self.table }
}
