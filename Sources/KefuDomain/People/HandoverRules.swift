/// Two-person shift handover (SHF-02..04, 篇6 §三): the outgoing person drafts the log of the shift and signs it
/// (submits); the incoming person accepts it (signs) or sends it back with a reason. The outgoing shift is closed only
/// once the handover is accepted (SHF-02). API code of each refusal.
public enum HandoverStatus: String, CaseIterable, Codable, Sendable {
    /// Being written by the outgoing person.
    case draft
    /// Signed by the outgoing person, waiting for the incoming one.
    case submitted
    /// Signed by both: the outgoing shift is closed (SHF-02).
    case accepted
    /// Sent back by the incoming person with a reason; the outgoing person corrects it and signs again.
    case returned

    /// The outgoing person may still change the log.
    public var editable: Bool { self == .draft || self == .returned }
    /// SHF-02: the outgoing shift is closed only when the incoming person has accepted.
    public var closesShift: Bool { self == .accepted }
}

public enum HandoverRules {
    /// The steps on a handover.
    public enum Step: String, Sendable { case edit, submit, accept, `return` }

    public enum Refusal: String, Equatable, Sendable {
        /// Only the outgoing person writes and signs its handover.
        case notOutgoing = "not_outgoing"
        /// SHF-02: only the incoming person (the next rostered shift of the unit, or, when none is rostered, someone on
        /// duty in the unit) takes over.
        case notIncoming = "not_incoming"
        /// The step does not fit the handover's state (accepting twice, editing a signed log, …).
        case wrongState = "wrong_state"
        /// A handover is sent back only with a reason.
        case reasonMissing = "reason_missing"
    }

    /// Whether `step` may be taken now on a handover in `status` by the outgoing person (`isOutgoing`) or an eligible
    /// incoming person (`isIncoming`). The outgoing person never accepts its own handover.
    public static func check(_ step: Step, status: HandoverStatus, isOutgoing: Bool, isIncoming: Bool, reason: String? = nil) -> Refusal? {
        switch step {
        case .edit, .submit:
            guard isOutgoing else { return .notOutgoing }
            guard status.editable else { return .wrongState }
        case .accept, .return:
            guard isIncoming, !isOutgoing else { return .notIncoming }
            guard status == .submitted else { return .wrongState }
            if step == .return, (reason ?? "").isEmpty { return .reasonMissing }
        }
        return nil
    }

    /// A roster shift as the handover sees it: who works, and when (minutes since 1970-01-01, local).
    public struct Shift: Equatable, Sendable {
        public let userId: String
        public let start: Int
        public let end: Int
        public init(userId: String, start: Int, end: Int) { self.userId = userId; self.start = start; self.end = end }
    }

    /// How long after the outgoing shift ends the next rostered shift still counts as "the next shift" (a gap longer
    /// than this, e.g. a unit closed overnight, means nobody is rostered to take over: anyone on duty may).
    public static let nextShiftWindowMinutes = 12 * 60

    /// SHF-02: who takes over from `outgoing`: the people of the unit's next shift, i.e. the shifts starting earliest
    /// after the outgoing one starts and no later than `nextShiftWindowMinutes` after it ends (an overlapping shift
    /// counts), the outgoing person excluded. Empty when none is rostered.
    public static func incoming(after outgoing: Shift, among unitShifts: [Shift]) -> Set<String> {
        let later = unitShifts.filter {
            $0.userId != outgoing.userId && $0.start > outgoing.start && $0.start <= outgoing.end + nextShiftWindowMinutes
        }
        guard let first = later.map(\.start).min() else { return [] }
        return Set(later.filter { $0.start == first }.map(\.userId))
    }

    /// Whether `userId` may accept: one of the next shift's people; when none is rostered, anyone of the unit on duty at
    /// `now` (its own shift spans the minute), never the outgoing person.
    public static func mayTakeOver(_ userId: String, outgoing: Shift, unitShifts: [Shift], now: Int) -> Bool {
        guard userId != outgoing.userId else { return false }
        let next = incoming(after: outgoing, among: unitShifts)
        if !next.isEmpty { return next.contains(userId) }
        return unitShifts.contains { $0.userId == userId && $0.start <= now && now < $0.end }
    }

    /// The longest text of each part of the log (equipment, issues, staffing changes, notes) and of a return reason.
    public static let maxTextLength = 4000
}

/// Announcements (公告, SHF-04) with read receipts: published by a supervisor or manager to a unit and everyone below,
/// shown until their optional expiry.
public enum AnnouncementRules {
    /// SHF-04: supervisors and managers (and administrators) publish to their unit and below.
    public static let publishers: Set<Role> = [.admin, .csSupervisor, .csManager, .deptSupervisor, .deptManager]
    public static let maxTitleLength = 100
    public static let maxBodyLength = 4000

    /// Shown (and counted unread) while not expired: an expiry is the first instant it is no longer shown.
    public static func isActive(expiresAt: Int64?, now: Int64) -> Bool { expiresAt.map { now < $0 } ?? true }
}
