import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// SAT-10 the survey engine's side of the property centre's half-yearly owners' opinion survey: an invitation per
/// resident made inside the caller's transaction, the answers of a list of invitations, and a paper form typed in by
/// staff (the same submission as the public page: one per invitation, 不满意 opens a complaint, SAT-06).
extension SurveyService {
    /// The occasion of the property rounds' invitations (SAT-02 "other": a survey the company issues itself).
    public static let residentOccasion = "other"

    public static func inviteResident(_ db: any SQLDatabase, name: String, orgUnitId: String, orgPath: String, days: Int, actorId: String, at: Int64,
                                      baseURL: String) async throws -> SurveyInvitationView {
        try await insertInvitation(db, occasion: residentOccasion, ticketId: nil, repairOrderId: nil, campaignId: nil, customerId: nil, customerName: name,
                                   orgUnitId: orgUnitId, orgPath: orgPath, validDays: try Self.validDays(days), actorId: actorId, at: at, baseURL: baseURL)
    }

    /// A submitted answer: the overall rating (5 很满意 … 1 不满意), the comment, when.
    public struct ResidentAnswer: Sendable {
        public let overall: Int
        public let comment: String?
        public let submittedAt: Int64
    }

    public static func residentAnswers(_ db: any SQLDatabase, invitationIds: [String]) async throws -> [String: ResidentAnswer] {
        var out: [String: ResidentAnswer] = [:]
        for chunk in stride(from: 0, to: invitationIds.count, by: 200).map({ Array(invitationIds[$0..<min($0 + 200, invitationIds.count)]) }) {
            for row in try await db.raw("""
                SELECT invitation_id, overall, comment, submitted_at FROM survey_responses WHERE invitation_id IN (\(SQLList(chunk.map { SQLBind($0) })))
                """).all() {
                out[try row.decode(column: "invitation_id", as: String.self)] = ResidentAnswer(
                    overall: try row.decode(column: "overall", as: Int.self), comment: try row.decode(column: "comment", as: String?.self),
                    submittedAt: try row.decode(column: "submitted_at", as: Int64.self))
            }
        }
        return out
    }

    /// A paper form typed in by staff for the invitation `invitationId` (409 survey_already_submitted after the first).
    public func submitPaper(invitationId: String, overall: Int, comment: String?, now: Date = Date()) async throws -> SurveyReceipt {
        try await submit(column: "id", value: invitationId, SurveySubmission(overall: overall, answers: nil, comment: comment), now: now)
    }
}
