import Foundation
import KefuDomain

/// A number sent as JSON number or text ("25", 25, 12.5, "１２.５"): kept as the text typed, parsed by the rule.
public struct NumberText: Codable, Sendable, Equatable {
    public let text: String
    public init(_ text: String) { self.text = text }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { text = s } else { text = (try c.decode(Decimal.self)).description }
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}

/// `POST /api/v1/inspection-standards`, `PUT /api/v1/inspection-standards/{id}` (KPI-03): a unit's standard; the
/// weights (two decimals at most) total exactly 100.
public struct InspectionStandardInput: Codable, Sendable {
    public struct Item: Codable, Sendable {
        public var label: String?
        public var weight: NumberText?
        public init(label: String? = nil, weight: NumberText? = nil) { self.label = label; self.weight = weight }
    }
    public var orgUnitId: String?
    public var name: String?
    /// ticket or call.
    public var kind: String?
    public var items: [Item]?
    /// active (the default) or retired.
    public var status: String?
    public init(orgUnitId: String? = nil, name: String? = nil, kind: String? = nil, items: [Item]? = nil, status: String? = nil) {
        self.orgUnitId = orgUnitId; self.name = name; self.kind = kind; self.items = items; self.status = status
    }
}

public struct InspectionItemView: Codable, Sendable {
    public let label: String
    /// "25.00"
    public let weight: String
    /// The score given, 0–100 (an inspection's items only).
    public let score: Int?
}

public struct InspectionStandardView: Codable, Sendable {
    public let id: String
    public let orgUnitId: String
    public let orgUnitName: String
    public let name: String
    public let kind: String
    public let status: String
    public let items: [InspectionItemView]
    /// `edit` when the viewer keeps this standard.
    public let actions: [String]
}

/// `POST /api/v1/calls` (KPI-02): a call entered for inspection; more than 3 rings produces a penalty record.
public struct CallRecordInput: Codable, Sendable {
    public var agentId: String?
    /// "2026-11-20 14:30" (also 2026/11/20 14:30, 2026年11月20日 14:30), in the organisation's zone.
    public var calledAt: String?
    public var callerNumber: String?
    public var rings: Int?
    public var durationSeconds: Int?
    public var note: String?
    public init(agentId: String? = nil, calledAt: String? = nil, callerNumber: String? = nil, rings: Int? = nil, durationSeconds: Int? = nil, note: String? = nil) {
        self.agentId = agentId; self.calledAt = calledAt; self.callerNumber = callerNumber; self.rings = rings; self.durationSeconds = durationSeconds; self.note = note
    }
}

public struct CallRecordView: Codable, Sendable {
    public let id: String
    public let orgUnitId: String
    public let agentId: String
    public let agentName: String
    public let calledAt: String
    public let callerNumber: String
    public let rings: Int
    public let durationSeconds: Int
    public let note: String
    /// More than 3 rings before the answer (KPI-02).
    public let lateAnswer: Bool
    /// The penalty record the late answer produced.
    public let penaltyId: String?
}

/// `POST /api/v1/inspections` (KPI-03): a ticket (by number) or an entered call scored against an active standard of
/// the same kind; one score 0–100 per item, in the standard's order.
public struct InspectionInput: Codable, Sendable {
    public var standardId: String?
    /// For a ticket standard: the ticket's number (KF2026-000004) or id.
    public var ticketNumber: String?
    /// For a call standard: the call entered with `POST /api/v1/calls`.
    public var callId: String?
    /// For a ticket: the agent inspected; by default the ticket's first-contact owner.
    public var agentId: String?
    public var scores: [Int]?
    public var comment: String?
    /// The inspection proposes a penalty record with this reason (KPI-02).
    public var penaltyReason: String?
    public init(standardId: String? = nil, ticketNumber: String? = nil, callId: String? = nil, agentId: String? = nil, scores: [Int]? = nil,
                comment: String? = nil, penaltyReason: String? = nil) {
        self.standardId = standardId; self.ticketNumber = ticketNumber; self.callId = callId; self.agentId = agentId; self.scores = scores
        self.comment = comment; self.penaltyReason = penaltyReason
    }
}

public struct InspectionView: Codable, Sendable {
    public let id: String
    /// ZJ-2026-000001 (质检)
    public let number: String
    public let orgUnitId: String
    public let agentId: String
    public let agentName: String
    public let standardId: String
    public let standardName: String
    public let kind: String
    public let ticketId: String?
    public let ticketNumber: String?
    public let callId: String?
    /// The weighted total, 0–100 with two decimals ("87.50").
    public let total: String
    /// The items as scored: the standard's snapshot at the time.
    public let items: [InspectionItemView]
    public let comment: String
    public let inspectorId: String
    public let inspectorName: String
    public let inspectedAt: String
    public let penaltyId: String?
}

public struct QualityPenaltyView: Codable, Sendable {
    public let id: String
    /// CF-2026-000001 (处罚)
    public let number: String
    public let orgUnitId: String
    public let agentId: String
    public let agentName: String
    /// late_answer, complaints, inspection.
    public let source: String
    public let reason: String
    /// proposed, confirmed, waived.
    public let status: String
    public let occurredAt: String
    public let callId: String?
    public let inspectionId: String?
    public let decidedBy: String?
    public let decidedByName: String?
    public let decisionReason: String?
    /// confirm and waive while proposed, for the department supervisor.
    public let actions: [String]
}

/// `POST /api/v1/quality-penalties/scan`: what the complaint pass created.
public struct PenaltyScanView: Codable, Sendable {
    public let created: Int
}
