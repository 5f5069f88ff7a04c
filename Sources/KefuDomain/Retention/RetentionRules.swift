import Foundation

/// The kinds of filed record Kefu keeps, and how long (RET-01..RET-03). The clock of a record starts on the day it is
/// closed or posted (Asia/Shanghai days); an open record is always kept.
public enum RetainedKind: String, CaseIterable, Sendable, Codable {
    // RET-01 [篇8 §8.0]: records of the after-sales/complaint procedure, and the tickets they come from.
    case ticket, complaint, repairOrder = "repair_order", returnRecord = "return", survey
    // RET-02 [篇15 §4.3.1]
    case workOrder = "work_order"
    // RET-03 filed papers: posted stock documents (delivery notes), posted site daily ledgers, closed material requests.
    case stockDocument = "stock_document", siteLedger = "site_ledger", materialRequest = "material_request"
    // #14 RET-03 the property records filed with the archivist [篇12 职责二.10]: settled fee notices with their payments,
    // building patrols, vacant-unit checks, answered owner proposals, approved work plans.
    case propertyNotice = "property_notice", propertyPatrol = "property_patrol", propertyVacantCheck = "property_vacant_check"
    case propertyProposal = "property_proposal", propertyWorkPlan = "property_work_plan"
    // #14 SAT-10 and ESC-03: supervisors' visits to residents once nothing is left to follow up, owner forums once
    // closed or cancelled, emergencies once closed.
    case propertyVisit = "property_visit", propertyForum = "property_forum", propertyEvent = "property_event"
}

public enum RetentionRules {
    /// RET-01: 3 years; RET-02: 2 years. RET-03 names no period for the filed papers: they are accounting papers of the
    /// materials books, so they get the 3 years of RET-01 as a floor (a decision, not a seed figure).
    public static func years(_ kind: RetainedKind) -> Int {
        switch kind {
        case .workOrder: return 2
        case .ticket, .complaint, .repairOrder, .returnRecord, .survey, .stockDocument, .siteLedger, .materialRequest: return 3
        // #14 RET-03 names no period for the property records either: the same 3-year floor (a decision, not a seed figure).
        case .propertyNotice, .propertyPatrol, .propertyVacantCheck, .propertyProposal, .propertyWorkPlan,
             .propertyVisit, .propertyForum, .propertyEvent: return 3
        }
    }

    /// The last day a record closed on `closedOn` is kept: the same month and day `years` later (29 Feb → 28 Feb), as
    /// `WorkOrderRetention` counts RET-02.
    public static func keptUntil(_ kind: RetainedKind, closedOn: CivilDay) -> CivilDay {
        keptUntil(years: years(kind), closedOn: closedOn)
    }

    /// #17.6: the same with the kind's effective period (`RetentionPolicy.years`), which may be longer than the floor.
    public static func keptUntil(years: Int, closedOn: CivilDay) -> CivilDay {
        let (y, m, d) = closedOn.components
        let year = y + years
        return CivilDay(year: year, month: m, day: min(d, CivilDay.daysIn(year: year, month: m)))
    }

    /// RET-04: a record may be archived (or deleted by the operator) only once its period is over; an open record never.
    public static func mayArchive(_ kind: RetainedKind, closedOn: CivilDay?, today: CivilDay) -> Bool {
        mayArchive(years: years(kind), closedOn: closedOn, today: today)
    }

    /// #17.6 RET-04 with the effective period and legal holds: a record under an active hold is never archived (nor
    /// deleted), whatever its period says.
    public static func mayArchive(years: Int, closedOn: CivilDay?, today: CivilDay, held: Bool = false) -> Bool {
        guard let closedOn, !held else { return false }
        return today > keptUntil(years: years, closedOn: closedOn)
    }

    /// The organisation's zone unless the operator names another (Times.zone in KefuPlatform reads the same setting).
    public static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    /// The civil day `date` falls on in `zone`.
    public static func day(_ date: Date, in zone: TimeZone) -> CivilDay {
        let seconds = Int((date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))).rounded(.down))
        return CivilDay(number: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }

    /// RET-04 on instants: the closing instant and now are read as days of the organisation's zone.
    public static func mayArchive(_ kind: RetainedKind, closedAt: Date?, now: Date, zone: TimeZone = shanghai) -> Bool {
        mayArchive(kind, closedOn: closedAt.map { day($0, in: zone) }, today: day(now, in: zone))
    }

    /// The last closing day whose records may be archived on `today`: a record may be archived exactly when it closed on
    /// or before this day (what the report counts with one `closed < next day` comparison).
    public static func cutoff(_ kind: RetainedKind, today: CivilDay) -> CivilDay {
        cutoff(years: years(kind), today: today)
    }

    /// #17.6: the cut-off day for the kind's effective period.
    public static func cutoff(years: Int, today: CivilDay) -> CivilDay {
        let last = today.adding(days: -1)                    // keptUntil must be at most this day
        let (y, m, d) = last.components
        let year = y - years
        if m == 2 && d == 28 && CivilDay.daysIn(year: year, month: 2) == 29 {
            return CivilDay(year: year, month: 2, day: 29)   // kept until 28 Feb as well
        }
        return CivilDay(year: year, month: m, day: min(d, CivilDay.daysIn(year: year, month: m)))
    }
}
