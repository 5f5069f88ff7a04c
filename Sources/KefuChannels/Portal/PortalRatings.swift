import Foundation
import SQLKit

/// #16.6 satisfaction from the customer portal: the survey engine (after-sales) records the rating, so that it shows
/// in the satisfaction reports; the composition root supplies it (channels do not depend on after-sales).
public protocol PortalRatings: Sendable {
    /// The ticket's overall rating (5 很满意 … 1 不满意), if it has one; read inside the page's one read.
    func rating(_ db: any SQLDatabase, ticketId: String) async throws -> Int?
    /// Rates the ticket once (409 `ticket_already_rated` after that).
    func rate(ticketId: String, overall: Int, comment: String?, now: Date) async throws
}
