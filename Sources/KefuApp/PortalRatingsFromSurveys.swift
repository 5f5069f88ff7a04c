import Foundation
import KefuAftersales
import KefuChannels
import SQLKit

/// #16.6: the customer portal's ratings go through the after-sales survey engine (SAT-02, SAT-08).
struct PortalRatingsFromSurveys: PortalRatings {
    let surveys: SurveyService

    func rating(_ db: any SQLDatabase, ticketId: String) async throws -> Int? {
        try await SurveyService.ticketRating(db, ticketId: ticketId)
    }

    func rate(ticketId: String, overall: Int, comment: String?, now: Date) async throws {
        _ = try await surveys.rateTicketFromPortal(ticketId: ticketId, overall: overall, comment: comment, now: now)
    }
}
