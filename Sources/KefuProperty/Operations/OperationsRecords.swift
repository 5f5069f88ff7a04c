import Foundation
import KefuDomain
import KefuPlatform

/// PRP-07 a patrol as sent: the flat fields and its findings (`[{"location", "description", "disposition", "ticketRef"}]`).
public struct PropertyPatrolBody: Decodable, Sendable {
    public var fields: FlatBody
    public var findings: [FlatBody]

    public init(fields: FlatBody, findings: [FlatBody]) {
        self.fields = fields
        self.findings = findings
    }

    enum Keys: String, CodingKey { case findings }

    public init(from decoder: any Decoder) throws {
        fields = try FlatBody(from: decoder)
        findings = try decoder.container(keyedBy: Keys.self).decodeIfPresent([FlatBody].self, forKey: .findings) ?? []
    }
}

public struct PatrolFindingView: Encodable, Sendable {
    public let location: String?
    public let description: String
    public let disposition: FindingDisposition
    /// The ticket the finding was turned into (its number), for `ticket`.
    public let ticketRef: String?
}

/// PRP-07 巡楼记录: when, which buildings, who, what was found.
public struct PatrolView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let estateId: String
    public let estateName: String
    public let patrolledOn: String
    public let patrolledTime: String?
    public let buildings: String
    public let patroller: String
    public let status: PatrolStatus
    public let findingCount: Int
    public let note: String?
    public let recordedBy: String
    public var findings: [PatrolFindingView]
    let orgPath: String

    enum CodingKeys: String, CodingKey {
        case id, number, estateId, estateName, patrolledOn, patrolledTime, buildings, patroller, status, findingCount, note, recordedBy, findings
    }
}

/// PRP-07 空置房检查: a vacant unit's doors, windows, water and power on a day.
public struct VacantCheckView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let estateId: String
    public let estateName: String
    public let unitId: String
    public let building: String
    public let room: String
    public let checkedOn: String
    public let checker: String
    public let doors: VacantCheckState
    public let windows: VacantCheckState
    public let water: VacantCheckState
    public let power: VacantCheckState
    public let note: String?
    public let recordedBy: String
    let orgPath: String

    enum CodingKeys: String, CodingKey {
        case id, number, estateId, estateName, unitId, building, room, checkedOn, checker, doors, windows, water, power, note, recordedBy
    }

    public var allOK: Bool { [doors, windows, water, power].allSatisfy { $0 == .ok } }
}

/// PRP-07 a vacant unit of an estate and its latest check.
public struct VacantUnitView: Encodable, Sendable {
    public let unitId: String
    public let estateId: String
    public let estateName: String
    public let building: String
    public let room: String
    public let lastCheckedOn: String?
}

/// PRP-04 a complaint registered in the unit on the day, as the after-sales feature tells it.
public struct PropertyComplaintLine: Encodable, Sendable {
    public let id: String
    public let number: String
    public let subject: String
    public let customerName: String?
    public let status: String
    public let registeredAt: Int64

    public init(id: String, number: String, subject: String, customerName: String?, status: String, registeredAt: Int64) {
        self.id = id
        self.number = number
        self.subject = subject
        self.customerName = customerName
        self.status = status
        self.registeredAt = registeredAt
    }
}

/// PRP-04 a signed daily review.
public struct DailyReviewView: Encodable, Sendable {
    public let id: String
    public let orgUnitId: String
    public let day: String
    public let comment: String
    public let complaints: Int
    public let patrols: Int
    public let logs: Int
    public let reviewedBy: String
    public let reviewedAt: String
}

/// PRP-04 one day of a unit, for the supervisor: the complaints, the patrols, the management logs (vacant-unit checks
/// and owner proposals recorded that day) and the sign-off if given.
public struct DailyReviewDay: Encodable, Sendable {
    public let orgUnitId: String
    public let unitName: String
    public let day: String
    public let complaints: [PropertyComplaintLine]
    public let patrols: [PatrolView]
    public let vacantChecks: [VacantCheckView]
    public let proposals: [ProposalView]
    public let review: DailyReviewView?
    public let maySign: Bool
}

/// PRP-04 a day not yet reviewed, with what it holds.
public struct PendingReviewDay: Encodable, Sendable {
    public let day: String
    public let complaints: Int
    public let patrols: Int
    public let logs: Int
}

public struct PendingReviewDays: Encodable, Sendable {
    public let orgUnitId: String
    public let unitName: String
    public let from: String
    public let to: String
    public let items: [PendingReviewDay]
}

/// PRP-10 业主建议.
public struct ProposalView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let estateId: String
    public let estateName: String
    public let unitId: String?
    public let unitLabel: String?
    public let ownerName: String
    public let ownerPhone: String?
    public let content: String
    public let proposedOn: String
    public let receivedBy: String
    public let status: ProposalStatus
    public let batchId: String?
    public let batchNumber: String?
    public let answer: String?
    public let answeredAt: String?
    let orgPath: String

    enum CodingKeys: String, CodingKey {
        case id, number, estateId, estateName, unitId, unitLabel, ownerName, ownerPhone, content, proposedOn, receivedBy, status, batchId, batchNumber,
             answer, answeredAt
    }
}

/// PRP-10 a submission (提交) of proposals to the project manager.
public struct ProposalBatchView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let orgUnitId: String
    public let unitName: String
    public let status: ProposalBatchStatus
    public let note: String?
    public let proposalCount: Int
    public let answered: Int
    public let submittedAt: String
    public let submittedBy: String
    public let answeredAt: String?
    public var proposals: [ProposalView]
    public var mayAnswer: Bool
    let orgPath: String

    enum CodingKeys: String, CodingKey {
        case id, number, orgUnitId, unitName, status, note, proposalCount, answered, submittedAt, submittedBy, answeredAt, proposals, mayAnswer
    }
}
