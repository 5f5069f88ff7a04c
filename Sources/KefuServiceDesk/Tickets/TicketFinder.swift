import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1: the tickets part of the quick search. A ticket is found by its number, whole (KF2026-000004, KF2026-4) or by
/// its running number alone ("4", "000004": that number in each of the last years), through the unique index on
/// `tickets.number`; what the viewer may not see (`TicketAccess`, as the ticket list) is left out.
public struct TicketFinder: CombinedSearchProvider {
    public init() {}

    public var kinds: [SearchKind] { [SearchKind("ticket", Text("工单", "Tickets"))] }

    public func lookups(_ r: SearchRequest) throws -> [SearchLookup] {
        guard r.wants("ticket") else { return [] }
        let numbers = TicketRules.numbers(for: r.query, currentYear: Times.year(r.now))
        guard !numbers.isEmpty else { return [] }
        return [SearchLookup("number", """
            SELECT \(unsafeRaw: TicketRow.columns) FROM \(unsafeRaw: TicketRow.from) WHERE t.number IN (\(SQLList(numbers.map { SQLBind($0) })))
            """),
            // #17.6 RET-04: an archived ticket's number finds its tombstone, leading to its page (which says when and where it went).
            SearchLookup("archived", RetentionTombstones.lookup(kind: .ticket, numbers: numbers))]
    }

    public func hits(_ r: SearchRequest, rows: [String: [any SQLRow]]) throws -> [SearchHit] {
        let numbers = TicketRules.numbers(for: r.query, currentYear: Times.year(r.now))
        let order = Dictionary(numbers.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let live = try (rows["number"] ?? []).map { try TicketRow(row: $0) }
            .filter { TicketAccess.canView(r.viewer, $0) }
            .map { t in
                SearchHit(kind: "ticket", id: t.id, number: t.number, title: t.subject,
                          detail: [TicketLabels.status(t.status)(r.locale), t.customerName].compactMap { $0 }.joined(separator: " · "),
                          href: "/tickets/\(t.id)")
            }
        let archived = try (rows["archived"] ?? []).map { try RetentionTombstones.Tombstone(row: $0) }
            .filter { TicketAccess.canViewArchived(r.viewer, orgPath: $0.orgPath) }
            .map { $0.searchHit(kind: "ticket", href: "/tickets/\($0.recordId)", locale: r.locale) }
        return Array((live + archived).sorted { (order[$0.number ?? ""] ?? 0) < (order[$1.number ?? ""] ?? 0) }.prefix(r.limit))
    }
}
