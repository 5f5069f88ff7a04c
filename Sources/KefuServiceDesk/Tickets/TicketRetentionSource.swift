import KefuDomain
import KefuPlatform
import SQLKit

/// RET-01: closed tickets (the records the after-sales and complaint procedure comes from) for the retention report.
/// A closed ticket never changes again (TKT-01), so `closed_at` is its clock.
public struct TicketRetentionSource: TableRetentionSource {
    public init() {}

    public var kinds: [RetainedKind] { [.ticket] }

    static let table = RetentionSQL.Table(table: "tickets", closed: "closed_at", condition: "status = 'closed'", href: { "/tickets/\($0)" })

    public func table(_ kind: RetainedKind) -> RetentionSQL.Table { Self.table }
}
