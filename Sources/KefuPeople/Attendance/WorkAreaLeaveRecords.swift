import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// `POST /api/v1/work-area-leaves` (SHF-12): leave the work area for `minutes` (1…240), with a reason.
public struct WorkAreaLeaveInput: Codable, Sendable {
    public var minutes: Int?
    public var reason: String?
    public init(minutes: Int? = nil, reason: String? = nil) { self.minutes = minutes; self.reason = reason }
}

/// `PUT /api/v1/org-units/{id}/work-area-limit`: the unit's allowed time away from the work area, in minutes.
public struct WorkAreaLimitInput: Codable, Sendable {
    public var allowedMinutes: Int?
    public init(allowedMinutes: Int? = nil) { self.allowedMinutes = allowedMinutes }
}

/// The allowed time of a unit: its own setting, inherited from `fromUnitId` above it, or the default (`fromUnitId` nil).
public struct WorkAreaLimitView: Codable, Sendable {
    public let orgUnitId: String
    public let allowedMinutes: Int
    /// The unit whose setting applies; nil for the default.
    public let fromUnitId: String?
    public let defaultMinutes: Int
    /// `edit` when the viewer sets this unit's limit.
    public let actions: [String]
}

/// A request to leave the work area (离岗) with its decision, departure, return and overstay.
public struct WorkAreaLeaveView: Codable, Sendable {
    public let id: String
    public let number: String
    public let orgUnitId: String
    public let userId: String
    public let userName: String
    public let minutes: Int
    public let allowedMinutes: Int
    /// Beyond the allowed time: the duty manager's approval was needed.
    public let needsApproval: Bool
    public let reason: String
    /// requested, out, rejected, returned.
    public let status: String
    public let decidedBy: String?
    public let decidedByName: String?
    public let decisionNote: String?
    public let leftAt: String?
    public let returnedAt: String?
    /// Whole minutes beyond the approved time; flagged when above 0.
    public let overstayMinutes: Int?
    public let overstayed: Bool
    public let createdAt: String
    /// What the viewer may do: approve, reject, return.
    public let actions: [String]
}

/// A work-area leave as stored.
struct WorkAreaLeaveRow: Sendable {
    let id: String, number: String, orgUnitId: String, orgPath: String, userId: String, userName: String
    let minutes: Int, allowedMinutes: Int, reason: String, status: String
    let decidedBy: String?, decidedByName: String?, decisionNote: String?
    let leftAt: Int64?, returnedAt: Int64?, overstayMinutes: Int?, createdAt: Int64

    static let select = """
        SELECT g.id, g.number, g.org_unit_id, g.org_path, g.user_id, g.minutes, g.allowed_minutes, g.reason, g.status, g.decided_by, g.decision_note,
            g.left_at, g.returned_at, g.overstay_minutes, g.created_at,
            \(OrgQueries.userNameSQL("g.user_id")) AS user_name, \(OrgQueries.userNameSQL("g.decided_by")) AS decided_by_name
        FROM work_area_leaves g
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        userId = try row.decode(column: "user_id", as: String.self)
        userName = try row.decode(column: "user_name", as: String?.self) ?? ""
        minutes = try row.decode(column: "minutes", as: Int.self)
        allowedMinutes = try row.decode(column: "allowed_minutes", as: Int.self)
        reason = try row.decode(column: "reason", as: String.self)
        status = try row.decode(column: "status", as: String.self)
        decidedBy = try row.decode(column: "decided_by", as: String?.self)
        decidedByName = try row.decode(column: "decided_by_name", as: String?.self)
        decisionNote = try row.decode(column: "decision_note", as: String?.self)
        leftAt = try row.decode(column: "left_at", as: Int64?.self)
        returnedAt = try row.decode(column: "returned_at", as: Int64?.self)
        overstayMinutes = try row.decode(column: "overstay_minutes", as: Int?.self)
        createdAt = try row.decode(column: "created_at", as: Int64.self)
    }

    func view(actions: [String]) -> WorkAreaLeaveView {
        WorkAreaLeaveView(id: id, number: number, orgUnitId: orgUnitId, userId: userId, userName: userName, minutes: minutes, allowedMinutes: allowedMinutes,
                          needsApproval: minutes > allowedMinutes, reason: reason, status: status, decidedBy: decidedBy, decidedByName: decidedByName,
                          decisionNote: decisionNote, leftAt: Times.rfc3339(leftAt), returnedAt: Times.rfc3339(returnedAt),
                          overstayMinutes: overstayMinutes, overstayed: (overstayMinutes ?? 0) > 0, createdAt: Times.rfc3339(createdAt), actions: actions)
    }
}
