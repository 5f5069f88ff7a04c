import KefuDomain
import KefuPlatform
import SQLKit

/// RET-02: completed work orders (signed, WO-07) for the retention report; the clock starts at completion.
public struct WorkOrderRetentionSource: RetentionSource {
    public init() {}

    public var kinds: [RetainedKind] { [.workOrder] }

    static let table = RetentionSQL.Table(table: "work_orders", closed: "completed_at", href: { "\(WorkOrderPages.path)/\($0)" })

    public func count(_ window: RetentionWindow, in db: any SQLDatabase) async throws -> RetentionCount {
        try await RetentionSQL.count(Self.table, window, in: db)
    }

    public func records(_ window: RetentionWindow, paging: Paging, in db: any SQLDatabase) async throws -> [RetainedRecord] {
        try await RetentionSQL.records(Self.table, window, paging: paging, in: db)
    }

    public func record(_ kind: RetainedKind, id: String, lock: String, in db: any SQLDatabase) async throws -> RetainedRecordRef? {
        try await RetentionSQL.record(Self.table, id: id, lock: lock, in: db) // #17.6 legal holds
    }
}
