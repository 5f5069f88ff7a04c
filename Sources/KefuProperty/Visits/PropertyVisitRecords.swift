import Foundation
import KefuDomain
import KefuPlatform

/// SAT-10 a supervisor's visit to residents (走访): where, whom, what was heard, the satisfaction if asked, and the
/// follow-up with its owner until it is closed with a note.
public struct PropertyVisitView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let estateId: String
    public let estateName: String
    public let unitId: String?
    public let building: String
    public let room: String?
    public let residentName: String?
    public let visitedOn: String
    public let visitedTime: String?
    public let opinions: String
    /// 5 很满意 … 1 不满意, as the opinion rounds; nil when not asked.
    public let satisfaction: Int?
    public let satisfactionLabel: String?
    public let followUpStatus: VisitFollowUpStatus
    public let followUp: String?
    public let followUpOwner: String?
    public let followUpNote: String?
    public let followUpClosedAt: String?
    public let followUpClosedBy: String?
    public let visitor: String
    public let recordedAt: String
    public var mayCloseFollowUp: Bool
    let orgPath: String

    enum CodingKeys: String, CodingKey {
        case id, number, estateId, estateName, unitId, building, room, residentName, visitedOn, visitedTime, opinions, satisfaction, satisfactionLabel,
             followUpStatus, followUp, followUpOwner, followUpNote, followUpClosedAt, followUpClosedBy, visitor, recordedAt, mayCloseFollowUp
    }
}

/// SAT-10 a building of an estate in the visits-due view: its units, the visits of the quarter, the last one.
public struct VisitBuildingView: Encodable, Sendable {
    public let building: String
    public let units: Int
    public let visits: Int
    public let lastVisitedOn: String?
    public let due: Bool
}

/// SAT-10 the visit plan of an estate for a quarter: every building with units is visited at least once.
public struct VisitsDueView: Encodable, Sendable {
    public let estateId: String
    public let estateName: String
    public let quarter: String
    public let from: String
    public let to: String
    public let buildings: [VisitBuildingView]
    /// The buildings not visited in the quarter.
    public let due: [String]
}

/// SAT-10 the visits page: the estates, the list, the chosen estate's visit plan.
public struct PropertyVisitsPageModel: Sendable {
    public let estates: [PropertyEstateView]
    public let visits: ListPage<PropertyVisitView>
    public let due: VisitsDueView?
    public let mayRecord: Bool
}

/// SAT-10 a resolution taken at an owner forum: what, who owns it, by when; closed with a note.
public struct ForumResolutionView: Encodable, Sendable {
    public let seq: Int
    public let content: String
    public let owner: String
    public let dueOn: String
    public let closed: Bool
    public let closedNote: String?
    public let closedAt: String?
    public let closedBy: String?
}

/// SAT-10 an owner forum (业主座谈会).
public struct PropertyForumView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let estateId: String
    public let estateName: String
    public let status: ForumStatus
    public let heldOn: String
    public let heldTime: String?
    public let place: String
    public let topic: String
    public let host: String
    public let attendeeCount: Int?
    public let attendees: String?
    public let minutes: String?
    public let cancelReason: String?
    public let resolutionCount: Int
    public let openResolutions: Int
    public let recordedAt: String
    public let recordedBy: String
    public var resolutions: [ForumResolutionView]
    public var mayHold: Bool
    public var mayCancel: Bool
    public var mayAddResolution: Bool
    public var mayCloseResolutions: Bool
    public var mayClose: Bool
    let orgPath: String

    enum CodingKeys: String, CodingKey {
        case id, number, estateId, estateName, status, heldOn, heldTime, place, topic, host, attendeeCount, attendees, minutes, cancelReason,
             resolutionCount, openResolutions, recordedAt, recordedBy, resolutions, mayHold, mayCancel, mayAddResolution, mayCloseResolutions, mayClose
    }
}

/// SAT-10 the forums page: the list and the form to plan one.
public struct PropertyForumsPageModel: Sendable {
    public let estates: [PropertyEstateView]
    public let forums: ListPage<PropertyForumView>
    public let mayPlan: Bool
}
