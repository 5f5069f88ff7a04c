import Foundation
import KefuDomain
import KefuPlatform

/// #11.6: a ticket's moments as its pages show them, decoded from the row in the query (epoch millis), so the views
/// only format them and never parse the API's time strings back.
public struct TicketInstants: Sendable {
    public struct Breach: Sendable {
        public let kind: String
        public let at: Instant
    }

    public let received: Instant
    public let firstResponseDue: Instant?
    public let firstResponded: Instant?
    public let resolutionDue: Instant?
    public let resolved: Instant?
    public let escalationDue: Instant?
    /// Set while the clocks are paused (waiting on the customer).
    public let paused: Instant?
    /// The due time the queue shows (first response, then resolution); nil while paused, resolved or closed.
    public let nextDue: Instant?
    public let breaches: [Breach]

    /// Breached: a breach is on record, or a running clock is past due and the scanner has yet to record it
    /// (the same rule as the `breached` filter of `TicketQueries.list`).
    public func isBreached(atMillis now: Int64) -> Bool {
        !breaches.isEmpty || (nextDue.map { $0.millis < now } ?? false)
    }
}

extension TicketRow {
    func instants(breaches: [TicketInstants.Breach]) -> TicketInstants {
        TicketInstants(received: Instant(millis: receivedAt), firstResponseDue: Instant(millis: firstResponseDueAt),
                       firstResponded: Instant(millis: firstRespondedAt), resolutionDue: Instant(millis: resolutionDueAt),
                       resolved: Instant(millis: resolvedAt), escalationDue: Instant(millis: escalationDueAt),
                       paused: Instant(millis: slaPausedAt), nextDue: Instant(millis: dueAt), breaches: breaches)
    }
}

/// #11.6: one page of tickets as the queue shows it: the API views and, by ticket id, their instants. The instants are
/// made when a page asks for them (#17.4: the API's list never does, and making them was 1.3 % of a 50-row list).
struct TicketListing: Sendable {
    let page: ListPage<TicketView>
    private let rows: [TicketRow]
    private let breaches: [String: [TicketInstants.Breach]]

    init(page: ListPage<TicketView>, rows: [TicketRow], breaches: [String: [TicketInstants.Breach]]) {
        self.page = page
        self.rows = rows
        self.breaches = breaches
    }

    /// Every row's instants, by ticket id (made anew at each call: a queue page asks once).
    var instants: [String: TicketInstants] {
        Dictionary(rows.map { ($0.id, $0.instants(breaches: breaches[$0.id] ?? [])) }, uniquingKeysWith: { first, _ in first })
    }

    /// One ticket's instants (the ticket page and its reply templates).
    func instants(of id: String) -> TicketInstants? {
        rows.first { $0.id == id }.map { $0.instants(breaches: breaches[id] ?? []) }
    }

    static func empty(_ paging: Paging, total: Int = 0, exact: Bool = true) -> TicketListing {
        TicketListing(page: ListPage(items: [], page: paging.page, per: paging.per, total: total, totalExact: exact), rows: [], breaches: [:])
    }
}
