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
    public let ownerNames: [String: String]
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

    public func queueModel(_ filter: TicketFilter, paging: Paging, viewer: Principal) async throws -> TicketQueueModel {
        try await store.read { db in
            let result = try await list(filter, paging: paging, viewer: viewer)
            let names = try await OrgQueries.displayNames(db, ids: Set(result.items.compactMap(\.ownerId)))
            return TicketQueueModel(result: result, ownerNames: names)
        }
    }
}
