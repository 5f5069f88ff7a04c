import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform

/// #11.6: what the ticket page shows, read in one transaction by `TicketQueries.pageModel` (the page never reads).
public struct TicketPageModel: Sendable {
    public let ticket: TicketView
    public let events: [EventView]
    /// Display names of the owner and the assignee, by user id.
    public let people: [String: String]
    public let teamName: String?
    /// Records of other features that belong to this ticket (a complaint case, a repair order …).
    public let related: [TicketLink]
}

/// #11.6: a queue page: its tickets and their owners' display names, read in one transaction.
public struct TicketQueueModel: Sendable {
    public let result: ListPage<TicketView>
    /// Display names of the rows' owners and assignees, by user id.
    public let ownerNames: [String: String]
    /// #11.4: how many open tickets each view holds, for the tabs.
    public let counts: TicketQueueCounts
    /// The working calendar the rows' clocks run on.
    public let calendar: WorkCalendar
}

extension TicketQueries {
    public func pageModel(id: String, viewer: Principal, links: [any TicketLinkProvider]) async throws -> TicketPageModel {
        try await store.read { db in
            let ticket = try await get(id: id, viewer: viewer)
            let events = try await events(ticketId: id, viewer: viewer)
            let people = try await OrgQueries.displayNames(db, ids: Set([ticket.ownerId, ticket.assigneeId].compactMap { $0 }))
            let teams = try await OrgQueries.unitNames(db, ids: Set([ticket.teamId].compactMap { $0 }))
            var related: [TicketLink] = []
            for provider in links { related += try await provider.links(db, ticketId: ticket.id, viewer: viewer) }
            return TicketPageModel(ticket: ticket, events: events, people: people, teamName: ticket.teamId.flatMap { teams[$0] }, related: related)
        }
    }

    public func queueModel(_ filter: TicketFilter, paging: Paging, viewer: Principal, now: Date = Date()) async throws -> TicketQueueModel {
        let calendar = try await settings.current(now: now).calendar
        return try await store.read { db in
            let result = try await list(filter, paging: paging, viewer: viewer, now: now)
            let names = try await OrgQueries.displayNames(db, ids: Set(result.items.flatMap { [$0.ownerId, $0.assigneeId] }.compactMap { $0 }))
            let counts = try await Self.queueCounts(db, viewer: viewer, now: now, calendar: calendar)
            return TicketQueueModel(result: result, ownerNames: names, counts: counts, calendar: calendar)
        }
    }
}
