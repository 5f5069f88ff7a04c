import Foundation
import KefuPlatform
import SQLKit

/// SAT-10 the survey engine as the opinion rounds use it (the after-sales feature's survey service, wired in the
/// composition root, so this feature neither depends on after-sales nor touches its tables).
public protocol PropertyOpinionSurveys: Sendable {
    /// An invitation for one resident, inside the caller's transaction: (invitation id, public link).
    func invite(_ db: any SQLDatabase, name: String, orgUnitId: String, orgPath: String, days: Int, actorId: String, at: Int64,
                baseURL: String) async throws -> (id: String, url: String)
    /// The answers given so far, by invitation id.
    func answers(_ db: any SQLDatabase, invitationIds: [String]) async throws -> [String: PropertyOpinionAnswer]
    /// A paper form typed in by staff: the engine's own submission (its transaction; 409 when already answered).
    func submitPaper(invitationId: String, overall: Int, comment: String?, now: Date) async throws
}

/// SAT-10 an answer as the engine keeps it: overall 5 很满意 … 1 不满意.
public struct PropertyOpinionAnswer: Sendable {
    public let overall: Int
    public let comment: String?
    public let submittedAt: Int64

    public init(overall: Int, comment: String?, submittedAt: Int64) {
        self.overall = overall
        self.comment = comment
        self.submittedAt = submittedAt
    }
}

/// For a service built without the survey engine (tests of one feature): invitations without links, no answers.
public struct NoOpinionSurveys: PropertyOpinionSurveys {
    public init() {}
    public func invite(_ db: any SQLDatabase, name: String, orgUnitId: String, orgPath: String, days: Int, actorId: String, at: Int64,
                       baseURL: String) async throws -> (id: String, url: String) { (Clock.newID(), "") }
    public func answers(_ db: any SQLDatabase, invitationIds: [String]) async throws -> [String: PropertyOpinionAnswer] { [:] }
    public func submitPaper(invitationId: String, overall: Int, comment: String?, now: Date) async throws {
        throw AppError(.serviceUnavailable, "surveys_unavailable", Text("调查功能不可用", "Surveys are unavailable"))
    }
}
