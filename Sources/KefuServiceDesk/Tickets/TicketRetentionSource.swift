import KefuDomain
import KefuPlatform
import SQLKit

/// RET-01: closed tickets (the records the after-sales and complaint procedure comes from) for the retention report.
/// A closed ticket never changes again (TKT-01), so `closed_at` is its clock.
public struct TicketRetentionSource: RetentionSource {
    public init() {}

    public var kinds: [RetainedKind] { [.ticket] }

    static let table = RetentionSQL.Table(table: "tickets", closed: "closed_at", condition: "status = 'closed'", href: { "/tickets/\($0)" })

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
