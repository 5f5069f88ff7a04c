import Foundation
import KefuDomain
import KefuPlatform

/// SAT-10 a resident asked in a round: the unit, the occupant and phone from the register when the round started, the
/// answer if given, and whether a return visit is planned.
public struct OpinionResidentView: Encodable, Sendable {
    public let unitId: String
    public let building: String
    public let room: String
    public let occupantName: String
    public let occupantPhone: String
    public let invitationId: String
    public let overall: Int?
    public let overallLabel: String?
    public let comment: String?
    public let answeredAt: String?
    public let returnVisit: Bool
    /// The public link, only in the answer that started the round (the engine keeps no token to show again).
    public var url: String?
}

/// SAT-10 a half-yearly owners' opinion round of an estate.
public struct OpinionRoundView: Encodable, Sendable {
    public let id: String
    public let estateId: String
    public let estateName: String
    public let halfYear: String
    public let residents: Int
    public let answered: Int
    /// Answered ÷ asked, "62.5%".
    public let responseRate: String
    /// The average overall score (5 很满意 … 1 不满意), "4.3".
    public let averageScore: String
    public let startedAt: String
    public let startedBy: String
    public var items: [OpinionResidentView]
    /// The return-visit plan: below the satisfied mark or with a comment.
    public var returnVisits: [OpinionResidentView]
    public var mayRecord: Bool
    let orgPath: String

    enum CodingKeys: String, CodingKey {
        case id, estateId, estateName, halfYear, residents, answered, responseRate, averageScore, startedAt, startedBy, items, returnVisits, mayRecord
    }
}

/// SAT-10 the rounds page: the rounds in scope and the estates one may be started for.
public struct OpinionRoundsPageModel: Sendable {
    public let estates: [PropertyEstateView]
    public let rounds: ListPage<OpinionRoundView>
    public let mayStart: Bool
}
