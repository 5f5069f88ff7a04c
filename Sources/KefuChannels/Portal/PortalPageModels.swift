import Foundation
import KefuDomain
import KefuPlatform
import KefuServiceDesk

/// #16.6 the customer portal's page models, each built by one query function in one read.
public struct PortalTicketsModel: Sendable {
    public let email: String
    public let items: [TicketsForPortal.Summary]
    public let page: Int
    public let per: Int
    public let total: Int
}

public struct PortalTicketModel: Sendable {
    public let email: String
    public let ticket: TicketsForPortal.Detail
    public var mayReply: Bool { PortalRules.mayReply(ticket.status) }
}

extension PortalService {
    /// "My tickets": the signed-in address's tickets, the latest changed first.
    public func ticketsPage(session: Session, paging: Paging) async throws -> PortalTicketsModel {
        try await store.read { db in
            let list = try await TicketsForPortal.list(db, email: session.email, paging: paging)
            return PortalTicketsModel(email: session.email, items: list.items, page: paging.page, per: paging.per, total: list.total)
        }
    }

    /// One of the signed-in address's tickets with its public thread; nil when it is not theirs or does not exist.
    public func ticketPage(session: Session, number: String) async throws -> PortalTicketModel? {
        try await store.read { db in
            try await TicketsForPortal.detail(db, email: session.email, number: number).map { PortalTicketModel(email: session.email, ticket: $0) }
        }
    }
}
