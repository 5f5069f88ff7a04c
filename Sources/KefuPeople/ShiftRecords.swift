import KefuDomain
import KefuPlatform
import SQLKit

/// `POST /api/v1/shifts` (SHF-13): a shift of a unit, times as "HH:MM" (an end at or before the start ends the next
/// day); the meal break defaults to 12:00–13:30 for a shift that spans it; `cleaningDuty` for the late shift.
public struct ShiftInput: Codable, Sendable {
    public var orgUnitId: String?
    public var code: String?
    public var name: String?
    public var start: String?
    public var end: String?
    public var mealStart: String?
    public var mealEnd: String?
    public var cleaningDuty: Bool?

    public init(orgUnitId: String? = nil, code: String? = nil, name: String? = nil, start: String? = nil, end: String? = nil,
                mealStart: String? = nil, mealEnd: String? = nil, cleaningDuty: Bool? = nil) {
        self.orgUnitId = orgUnitId; self.code = code; self.name = name; self.start = start; self.end = end
        self.mealStart = mealStart; self.mealEnd = mealEnd; self.cleaningDuty = cleaningDuty
    }
}

public struct ShiftView: Codable, Sendable, Equatable {
    public let id: String
    public let orgUnitId: String
    public let code: String
    public let name: String
    public let start: String
    public let end: String
    public let mealStart: String?
    public let mealEnd: String?
    public let cleaningDuty: Bool

    var times: ShiftTimes {
        ShiftTimes(startMinute: ShiftTimes.minute(start) ?? 0, endMinute: ShiftTimes.minute(end) ?? 0,
                   mealStartMinute: mealStart.flatMap(ShiftTimes.minute), mealEndMinute: mealEnd.flatMap(ShiftTimes.minute), cleaningDuty: cleaningDuty)
    }

    static let columns = "s.id AS s_id, s.org_unit_id AS s_unit, s.code AS s_code, s.name AS s_name, s.start_minute AS s_start, s.end_minute AS s_end, s.meal_start AS s_meal_start, s.meal_end AS s_meal_end, s.cleaning_duty AS s_cleaning"

    init(row: any SQLRow) throws {
        id = try row.decode(column: "s_id", as: String.self)
        orgUnitId = try row.decode(column: "s_unit", as: String.self)
        code = try row.decode(column: "s_code", as: String.self)
        name = try row.decode(column: "s_name", as: String.self)
        start = ShiftTimes.text(try row.decode(column: "s_start", as: Int.self))
        end = ShiftTimes.text(try row.decode(column: "s_end", as: Int.self))
        mealStart = try row.decode(column: "s_meal_start", as: Int?.self).map(ShiftTimes.text)
        mealEnd = try row.decode(column: "s_meal_end", as: Int?.self).map(ShiftTimes.text)
        cleaningDuty = try row.decode(column: "s_cleaning", as: Int.self) != 0
    }
}

/// `PUT /api/v1/rosters/{orgUnitId}/{yyyy-mm}`: the whole month's plan, one line per person, day and shift.
public struct RosterInput: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public var date: String?
        public var userId: String?
        public var shiftId: String?
        public init(date: String? = nil, userId: String? = nil, shiftId: String? = nil) { self.date = date; self.userId = userId; self.shiftId = shiftId }
    }
    public var entries: [Entry]?
    public init(entries: [Entry]? = nil) { self.entries = entries }
}

/// One person's shift on one day of a roster.
public struct RosterEntryView: Codable, Sendable {
    public let id: String
    public let date: String
    public let userId: String
    public let userName: String
    public let shiftId: String
    public let shiftCode: String
    public let shiftName: String
    public let start: String
    public let end: String
    /// The shift changed hands by an effective swap (SHF-09: no leave on it).
    public let swapped: Bool
    /// An approved leave request covers it.
    public let onLeave: Bool
}

public struct RosterDayView: Codable, Sendable {
    public let date: String
    /// workday, weekend, holiday (放假), adjusted_workday (调休上班).
    public let kind: String
    public let holidayName: String?
    public let entries: [RosterEntryView]
}

/// A unit's roster for one month on the working-day calendar (SHF-01).
public struct RosterView: Codable, Sendable {
    public let orgUnitId: String
    public let orgUnitName: String
    public let month: String
    public let days: [RosterDayView]
    public let shifts: [ShiftView]
    /// `edit` when the viewer plans this unit's roster.
    public let actions: [String]
}

/// `POST /api/v1/shift-swaps` (4.9): the requester's own shift and the colleague's shift to exchange.
public struct SwapInput: Codable, Sendable {
    public var requesterShiftId: String?
    public var counterpartShiftId: String?
    public var reason: String?
    public init(requesterShiftId: String? = nil, counterpartShiftId: String? = nil, reason: String? = nil) {
        self.requesterShiftId = requesterShiftId; self.counterpartShiftId = counterpartShiftId; self.reason = reason
    }
}

public struct DecisionInput: Codable, Sendable {
    public var note: String?
    public init(note: String? = nil) { self.note = note }
}

public struct SwapShiftView: Codable, Sendable {
    public let entryId: String
    public let date: String
    public let shiftCode: String
    public let start: String
    public let end: String
}

public struct SwapView: Codable, Sendable {
    public let id: String
    public let number: String
    public let orgUnitId: String
    /// requested, effective, rejected (4.9).
    public let status: String
    public let requesterId: String
    public let requesterName: String
    public let counterpartId: String
    public let counterpartName: String
    public let requesterShift: SwapShiftView
    public let counterpartShift: SwapShiftView
    public let reason: String
    public let consented: Bool
    public let decidedBy: String?
    public let decidedByName: String?
    public let decisionNote: String?
    public let createdAt: String
    /// The steps the viewer may take now: consent, approve, reject.
    public let actions: [String]
}

/// `POST /api/v1/leave-requests` (SHF-05): leave from one of the requester's own shifts.
public struct LeaveInput: Codable, Sendable {
    public var shiftId: String?
    public var reason: String?
    public init(shiftId: String? = nil, reason: String? = nil) { self.shiftId = shiftId; self.reason = reason }
}

public struct LeaveView: Codable, Sendable {
    public let id: String
    public let number: String
    public let orgUnitId: String
    /// requested, approved, rejected.
    public let status: String
    public let userId: String
    public let userName: String
    public let shift: SwapShiftView
    public let reason: String
    public let decidedBy: String?
    public let decidedByName: String?
    /// Why it was rejected (#15 leftovers), or the approver's note.
    public let decisionNote: String?
    public let createdAt: String
    /// `approve` and `reject` when the viewer may decide it now.
    public let actions: [String]
}
