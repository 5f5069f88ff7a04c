import KefuDomain
import KefuPlatform
import SQLKit

/// RET-01: closed tickets (the records the after-sales and complaint procedure comes from) for the retention report.
/// A closed ticket never changes again (TKT-01), so `closed_at` is its clock.
public struct TicketRetentionSource: RetentionSource {
    public init() {}

    public var kinds: [RetainedKind] { [.ticket] }

    static let table = RetentionSQL.Table(table: "tickets", closed: "closed_at", condition: "status = 'closed'", href: { "/tickets/\($0)" })

    public func count(_ kind: RetainedKind, closedBefore before: Int64, in db: any SQLDatabase) async throws -> RetentionCount {
        try await RetentionSQL.count(Self.table, before: before, in: db)
    }

    public func records(_ kind: RetainedKind, closedBefore before: Int64, paging: Paging, in db: any SQLDatabase) async throws -> [RetainedRecord] {
        try await RetentionSQL.records(Self.table, before: before, paging: paging, in: db)
    }
}
