import KefuDomain
import KefuPlatform
import SQLKit

/// RET-01: closed tickets (the records the after-sales and complaint procedure comes from) for the retention report.
/// A closed ticket never changes again (TKT-01), so `closed_at` is its clock. #17.6 RET-04: a closed ticket past its
/// period is due only while no record of another feature names it (`references`, filled by the composition root): a
/// complaint, repair, return, work order, inspection or stock document keeps it, and so does a mail still to be sent or a
/// chat still open.
/// The rows of `parts` (the channels') are part of a ticket's history: they go with it.
public struct TicketRetentionSource: TableRetentionSource {
    let references: [any RetentionReferences]
    let parts: [any TicketArchiveParts]

    public init(references: [any RetentionReferences] = [], parts: [any TicketArchiveParts] = []) {
        self.references = references
        self.parts = parts
    }

    public var kinds: [RetainedKind] { [.ticket] }

    public func table(_ kind: RetainedKind) -> RetentionSQL.Table {
        let named = references.compactMap { $0.naming(.ticket, id: "tickets.id") }
        let condition = named.isEmpty ? "status = 'closed'" : "status = 'closed' AND NOT (\(named.joined(separator: " OR ")))"
        return RetentionSQL.Table(table: "tickets", closed: "closed_at", condition: condition, href: { "/tickets/\($0)" })
    }

    /// #17.6: closed tickets that nothing names are archived with their comments, events, clocks and parts (`TicketArchiver`).
    public func archiver(_ kind: RetainedKind) -> (any RetentionArchiver)? { TicketArchiver(retained: table(kind), parts: parts) }
}
