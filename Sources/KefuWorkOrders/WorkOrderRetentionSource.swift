import KefuDomain
import KefuPlatform
import SQLKit

/// RET-02: completed work orders (signed, WO-07) for the retention report; the clock starts at completion.
public struct WorkOrderRetentionSource: RetentionSource {
    public init() {}

    public var kinds: [RetainedKind] { [.workOrder] }

    static let table = RetentionSQL.Table(table: "work_orders", closed: "completed_at", href: { "\(WorkOrderPages.path)/\($0)" })

    public func count(_ kind: RetainedKind, closedBefore before: Int64, in db: any SQLDatabase) async throws -> RetentionCount {
        try await RetentionSQL.count(Self.table, before: before, in: db)
    }

    public func records(_ kind: RetainedKind, closedBefore before: Int64, paging: Paging, in db: any SQLDatabase) async throws -> [RetainedRecord] {
        try await RetentionSQL.records(Self.table, before: before, paging: paging, in: db)
    }
}
