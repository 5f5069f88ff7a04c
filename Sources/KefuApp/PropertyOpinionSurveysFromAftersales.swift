import Foundation
import KefuAftersales
import KefuProperty
import SQLKit

/// SAT-10: the property opinion rounds use the after-sales survey engine (#5) through its own functions.
struct PropertyOpinionSurveysFromAftersales: PropertyOpinionSurveys {
    let surveys: SurveyService

    func invite(_ db: any SQLDatabase, name: String, orgUnitId: String, orgPath: String, days: Int, actorId: String, at: Int64,
                baseURL: String) async throws -> (id: String, url: String) {
        let v = try await SurveyService.inviteResident(db, name: name, orgUnitId: orgUnitId, orgPath: orgPath, days: days, actorId: actorId, at: at, baseURL: baseURL)
        return (v.id, v.url)
    }

    func answers(_ db: any SQLDatabase, invitationIds: [String]) async throws -> [String: PropertyOpinionAnswer] {
        try await SurveyService.residentAnswers(db, invitationIds: invitationIds).mapValues {
            PropertyOpinionAnswer(overall: $0.overall, comment: $0.comment, submittedAt: $0.submittedAt)
        }
    }

    func submitPaper(invitationId: String, overall: Int, comment: String?, now: Date) async throws {
        _ = try await surveys.submitPaper(invitationId: invitationId, overall: overall, comment: comment, now: now)
    }
}
