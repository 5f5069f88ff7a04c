import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform

/// #11.6: one step of the ticket's timeline as the page shows it: the API step and its instants.
public struct TicketTimelineEntry: Sendable {
    public let event: EventView
    public let at: Instant
    /// A breach step's due time.
    public let dueAt: Instant?
}

/// #11.6: what the ticket page shows, read in one transaction by `TicketQueries.pageModel` (the page never reads).
public struct TicketPageModel: Sendable {
    public let ticket: TicketView
    public let instants: TicketInstants
    public let timeline: [TicketTimelineEntry]
    /// Display names of the owner and the assignee, by user id.
    public let people: [String: String]
    public let teamName: String?
    /// Records of other features that belong to this ticket (a complaint case, a repair order …).
    public let related: [TicketLink]
    /// What the viewer may do with the ticket in its state.
    public let actions: TicketActions
    /// The active staff (assign to, forward to, owner) and active units (forward to), read through Org's query API
    /// only when the actions offer a choice of people or units.
    public let staff: [OrgQueries.StaffMember]
    /// The people a ticket may go to are chosen from one list: a page of 100 (the list limit) left out everyone after the
    /// hundredth username, so forwarding to them was impossible in a larger centre (seen in the browser suite at 100+ users).
    public static let staffChoices = 2_000
    public let units: [OrgQueries.UnitSummary]
    /// #13.6: the parts the ticket used and the broken parts removed (nil: no materials feature, or a customer).
    public var parts: TicketPartsSection? = nil
    /// #16 item 5: the reply templates in force for the viewer, filled in for this ticket (staff who may reply).
    public var replyTemplates: [RenderedReplyTemplate] = []
    /// #16 item 6 TKT-05: the customer's bad-customer flag and history, for customer-service staff.
    public var customerFlags: CustomerFlagsView? = nil
}

/// #11.6: a queue page: its tickets and their owners' display names, read in one transaction.
public struct TicketQueueModel: Sendable {
    public let result: ListPage<TicketView>
    /// The rows' instants, by ticket id.
    public let instants: [String: TicketInstants]
    /// Display names of the rows' owners and assignees, by user id.
    public let ownerNames: [String: String]
    /// #11.4: how many open tickets each view holds, for the tabs.
    public let counts: TicketQueueCounts
    /// The working calendar the rows' clocks run on.
    public let calendar: WorkCalendar
    /// #17.7: a queue page counts its tickets exactly up to this many ("10,000+" beyond): counting a million took
    /// longer than the rest of the page.
    public static let exactTotalLimit = 10_000
}

extension TicketQueries {
    public func pageModel(id: String, viewer: Principal, links: [any TicketLinkProvider], parts: (any TicketPartsProvider)? = nil) async throws -> TicketPageModel {
        try await store.read { db in
            guard let row = try await Self.row(db, id: id, lock: "") else { throw try await Self.missing(db, id: id, viewer: viewer) }
            try TicketAccess.requireView(viewer, row)
            let listing = try await TicketBreaches.listing(db, [row], page: Paging(page: 1, per: 1), total: 1)
            let ticket = listing.page.items[0]
            let timeline = try await Self.timeline(db, ticketId: row.id, publicOnly: viewer.isCustomer)
            let people = try await OrgQueries.displayNames(db, ids: Set([ticket.ownerId, ticket.assigneeId].compactMap { $0 }))
            let teams = try await OrgQueries.unitNames(db, ids: Set([ticket.teamId].compactMap { $0 }))
            var related: [TicketLink] = []
            for provider in links { related += try await provider.links(db, ticketId: ticket.id, viewer: viewer) }
            let actions = TicketActions.offered(status: row.status, staff: !viewer.isCustomer && viewer.has(.workTicket),
                                                supervisor: viewer.has(.superviseTickets), owned: row.ownerId != nil)
            let choosesPeople = actions.assign || actions.forward || actions.changeOwner
            let partsSection = viewer.isCustomer ? nil
                : try await parts?.section(db, ticketId: row.id, ticketNumber: ticket.number, viewer: viewer, closed: row.status == .closed)
            let teamName = ticket.teamId.flatMap { teams[$0] }
            let templates = actions.reply && actions.note
                ? try await ReplyTemplateQueries.forTicket(db, ticket: ticket, instants: listing.instants(of: row.id)!, teamName: teamName, viewer: viewer) : []
            var flags: CustomerFlagsView?
            if let customer = ticket.customer, CustomerFlagRules.mayPropose(viewer.roles) {
                flags = try await CustomerFlagQueries.flags(db, customerId: customer.id, viewer: viewer)
            }
            return TicketPageModel(ticket: ticket, instants: listing.instants(of: row.id)!, timeline: timeline, people: people,
                                   teamName: teamName, related: related, actions: actions,
                                   staff: choosesPeople ? try await OrgQueries.activeStaff(db, limit: TicketPageModel.staffChoices) : [],
                                   units: choosesPeople ? try await OrgQueries.activeUnitSummaries(db) : [], parts: partsSection,
                                   replyTemplates: templates, customerFlags: flags)
        }
    }

    public func queueModel(_ filter: TicketFilter, paging: Paging, viewer: Principal, now: Date = Date()) async throws -> TicketQueueModel {
        let calendar = try await settings.current(now: now).calendar
        let dialect = store.dialect
        return try await store.read { db in
            let listing = try await Self.listing(db, filter, paging: paging, viewer: viewer, now: now, calendar: calendar, dialect: dialect,
                                                 countLimit: TicketQueueModel.exactTotalLimit)
            let result = listing.page
            let names = try await OrgQueries.displayNames(db, ids: Set(result.items.flatMap { [$0.ownerId, $0.assigneeId] }.compactMap { $0 }))
            let counts = try await Self.queueCounts(db, viewer: viewer, now: now, calendar: calendar, dialect: dialect)
            return TicketQueueModel(result: result, instants: listing.instants, ownerNames: names, counts: counts, calendar: calendar)
        }
    }
}
