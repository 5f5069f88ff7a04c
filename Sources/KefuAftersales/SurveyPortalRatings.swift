import Foundation
import KefuDomain
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// #16.6 (SAT-02, SAT-04, SAT-08): the customer portal's rating of a resolved or closed ticket goes through the survey
/// engine — an invitation for the ticket (occasion `ticket`, in the ticket's unit, made by `portal`), then the same
/// submission as the public survey page (one per invitation; 不满意 opens a complaint, SAT-06) — so it counts in the
/// satisfaction reports like any returned form. A ticket is rated once: a second rating, or one after the customer
/// answered a staff-sent survey for the same ticket, is refused (409).
extension SurveyService {
    public static let portalActor = "portal"

    public static let alreadyRated = AppError.conflict("ticket_already_rated", Text("您已经评价过这个工单，谢谢！", "You have already rated this ticket. Thank you!"))

    /// The overall rating (5 很满意 … 1 不满意) of the ticket's latest returned survey, if any.
    public static func ticketRating(_ db: any SQLDatabase, ticketId: String) async throws -> Int? {
        try await db.raw("""
            SELECT r.overall FROM survey_responses r JOIN survey_invitations i ON i.id = r.invitation_id
            WHERE i.ticket_id = \(bind: ticketId) ORDER BY r.submitted_at DESC LIMIT 1
            """).first()?.decode(column: "overall", as: Int.self)
    }

    /// One transaction: the ticket held, the check that it has no rating yet, the invitation and the answer; two
    /// ratings sent at once leave one and refuse the other.
    public func rateTicketFromPortal(ticketId: String, overall: Int, comment: String?, now: Date = Date()) async throws -> SurveyReceipt {
        let answer = try Self.validated(SurveySubmission(overall: overall, answers: nil, comment: comment))
        let at = Clock.millis(now)
        let dialect = store.dialect
        return try await store.write { db in
            guard try await TicketQueries.hold(db, ticketId: ticketId, dialect: dialect),
                  let t = try await TicketQueries.facts(db, ticketId: ticketId) else { throw AppError.notFound(Text("工单", "Ticket")) }
            if try await Self.ticketRating(db, ticketId: t.id) != nil { throw Self.alreadyRated }
            let invitationId = try await Self.insertInvitation(db, occasion: "ticket", ticketId: t.id, repairOrderId: nil, campaignId: nil,
                                                               customerId: t.customerId, customerName: t.customerName, orgUnitId: t.orgUnitId,
                                                               orgPath: t.orgPath, validDays: 1, actorId: Self.portalActor, at: at, baseURL: "").id
            return try await self.record(db, column: "id", value: invitationId, answer, at: at)
        }
    }
}
