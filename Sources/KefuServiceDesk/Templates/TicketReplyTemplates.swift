import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #16 item 5: the templates in force for the viewer, filled in for one ticket (CH-04: the office, then the agent).
extension ReplyTemplateQueries {
    static func forTicket(_ db: any SQLDatabase, ticket: TicketView, instants: TicketInstants, teamName: String?,
                          viewer: Principal) async throws -> [RenderedReplyTemplate] {
        let rows = try await inForce(db, userPath: viewer.orgPath, channel: ticket.channel, locale: viewer.locale)
        var values = ["ticketNumber": ticket.number, "agent": viewer.displayName]
        values["customer"] = ticket.customer?.name
        values["dueAt"] = instants.resolutionDue?.display
        values["unit"] = teamName
        return render(rows, values: values)
    }
}

extension TicketQueries {
    /// `GET /api/v1/tickets/{id}/reply-templates`: for those who work the ticket.
    public func replyTemplates(ticketId: String, viewer: Principal) async throws -> [RenderedReplyTemplate] {
        try await store.read { db in
            guard let row = try await Self.row(db, id: ticketId, lock: "") else { throw AppError.notFound(Text("工单", "Ticket")) }
            try TicketAccess.requireWork(viewer, row)
            let listing = try await TicketBreaches.listing(db, [row], page: Paging(page: 1, per: 1), total: 1)
            let ticket = listing.page.items[0]
            let teams = try await OrgQueries.unitNames(db, ids: Set([ticket.teamId].compactMap { $0 }))
            return try await ReplyTemplateQueries.forTicket(db, ticket: ticket, instants: listing.instants(of: row.id)!,
                                                            teamName: ticket.teamId.flatMap { teams[$0] }, viewer: viewer)
        }
    }
}
