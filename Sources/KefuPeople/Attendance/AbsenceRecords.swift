import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// `POST /api/v1/absences` (SHF-05, SHF-09, SHF-11): the supervisor records that the person rostered on a shift did not
/// work it. `unclearHandover` with `shares` (whole percent per party, totalling 100) when the shift was a swapped or
/// payback shift whose handover between the two parties was unclear.
public struct AbsenceInput: Codable, Sendable {
    public struct Share: Codable, Sendable {
        public var userId: String?
        public var percent: Int?
        public init(userId: String? = nil, percent: Int? = nil) { self.userId = userId; self.percent = percent }
    }
    public var shiftId: String?
    public var unclearHandover: Bool?
    public var shares: [Share]?
    /// The same shares by party instead of by person (the page's form): the absentee's, and the swap's other party's.
    public var absenteePercent: Int?
    public var otherPartyPercent: Int?
    public var note: String?

    public init(shiftId: String? = nil, unclearHandover: Bool? = nil, shares: [Share]? = nil, absenteePercent: Int? = nil, otherPartyPercent: Int? = nil,
                note: String? = nil) {
        self.shiftId = shiftId; self.unclearHandover = unclearHandover; self.shares = shares
        self.absenteePercent = absenteePercent; self.otherPartyPercent = otherPartyPercent; self.note = note
    }
}

/// One person's share of blame for an absence.
public struct AbsenceShareView: Codable, Sendable, Equatable {
    public let userId: String
    public let userName: String
    public let percent: Int
}

/// An absenteeism record (旷工) with the shares of blame of the people answerable for it.
public struct AbsenceView: Codable, Sendable {
    public let id: String
    public let number: String
    public let orgUnitId: String
    public let userId: String
    public let userName: String
    public let shift: SwapShiftView
    /// The effective swap that gave the shift to its holder (换班/还班), when there is one.
    public let swapId: String?
    public let unclearHandover: Bool
    public let note: String
    public let recordedBy: String
    public let recordedByName: String
    public let createdAt: String
    public let shares: [AbsenceShareView]
}

/// An absence as stored.
struct AbsenceRow: Sendable {
    let id: String, number: String, orgUnitId: String, orgPath: String, entryId: String, day: String, shiftId: String
    let userId: String, userName: String, swapId: String?, unclearHandover: Bool, note: String
    let recordedBy: String, recordedByName: String, createdAt: Int64

    static let select = """
        SELECT a.id, a.number, a.org_unit_id, a.org_path, a.entry_id, a.day, a.shift_id, a.user_id, a.swap_id, a.unclear_handover, a.note,
            a.recorded_by, a.created_at, \(OrgQueries.userNameSQL("a.user_id")) AS user_name, \(OrgQueries.userNameSQL("a.recorded_by")) AS recorded_by_name
        FROM absences a
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        entryId = try row.decode(column: "entry_id", as: String.self)
        day = try row.decode(column: "day", as: String.self)
        shiftId = try row.decode(column: "shift_id", as: String.self)
        userId = try row.decode(column: "user_id", as: String.self)
        userName = try row.decode(column: "user_name", as: String?.self) ?? ""
        swapId = try row.decode(column: "swap_id", as: String?.self)
        unclearHandover = try row.decode(column: "unclear_handover", as: Int.self) != 0
        note = try row.decode(column: "note", as: String.self)
        recordedBy = try row.decode(column: "recorded_by", as: String.self)
        recordedByName = try row.decode(column: "recorded_by_name", as: String?.self) ?? ""
        createdAt = try row.decode(column: "created_at", as: Int64.self)
    }
}
