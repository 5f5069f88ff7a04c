import KefuPlatform
import SQLKit

/// Features that act when a ticket is created (after-sales opens a complaint case for a `complaint` ticket, API.md).
/// Called inside the creating transaction, so the ticket and what the observer writes commit together.
public protocol TicketCreationObserver: Sendable {
    func ticketCreated(_ db: any SQLDatabase, ticket: TicketView, by actor: Principal, at: Int64) async throws
}
