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
    /// The ticket's files: those the customer sent from the portal and with their mail.
    public let files: [PortalFile]
    /// The customer's rating (5 很满意 … 1 不满意), when given.
    public let rating: Int?
    /// The ticket may be rated now (resolved or closed, not rated yet, ratings offered).
    public let mayRate: Bool
    public var mayReply: Bool { PortalRules.mayReply(ticket.status) }
}

public struct PortalFile: Sendable {
    public let id: String
    public let name: String
    public let sizeBytes: Int64
    public let fromPortal: Bool
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
            guard let ticket = try await TicketsForPortal.detail(db, email: session.email, number: number) else { return nil }
            let files = try await db.raw("""
                SELECT id, file_name, size_bytes, 1 AS portal, created_at AS at FROM portal_attachments WHERE ticket_id = \(bind: ticket.id)
                UNION ALL SELECT id, file_name, size_bytes, 0 AS portal, 0 AS at FROM inbound_mail_attachments WHERE ticket_id = \(bind: ticket.id)
                ORDER BY at, id LIMIT 100
                """).all().map { r in
                PortalFile(id: try r.decode(column: "id", as: String.self), name: try r.decode(column: "file_name", as: String.self),
                           sizeBytes: try r.decode(column: "size_bytes", as: Int64.self), fromPortal: try r.decode(column: "portal", as: Int.self) == 1)
            }
            let rating = try await ratings?.rating(db, ticketId: ticket.id)
            return PortalTicketModel(email: session.email, ticket: ticket, files: files, rating: rating,
                                     mayRate: ratings != nil && rating == nil && PortalRules.mayRate(ticket.status))
        }
    }
}
