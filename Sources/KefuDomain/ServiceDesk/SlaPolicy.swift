/// A service standard's targets (SLA-01, SLA-05, ESC-01, D9), in working minutes of its calendar.
public struct SlaTargets: Equatable, Codable, Sendable {
    public var calendar: ClockCalendar
    public var firstResponseMinutes: Int
    public var resolutionMinutes: Int
    public var escalateAfterMinutes: Int

    public init(calendar: ClockCalendar, firstResponseMinutes: Int, resolutionMinutes: Int, escalateAfterMinutes: Int) {
        self.calendar = calendar
        self.firstResponseMinutes = firstResponseMinutes
        self.resolutionMinutes = resolutionMinutes
        self.escalateAfterMinutes = escalateAfterMinutes
    }

    /// The seed's standards: first response in 5 minutes (SLA-01), escalation within 1 hour (ESC-01), and —
    /// the seed gives no resolution time — 3 working days of 9 business hours (D9), on the business-hours calendar.
    public static let seed = SlaTargets(calendar: .businessHours, firstResponseMinutes: ServiceStandards.firstResponseMinutes,
                                        resolutionMinutes: 3 * 9 * 60, escalateAfterMinutes: ServiceStandards.escalateWithinMinutes)

    /// Upper bound of any target: a year of minutes.
    public static let maxMinutes = 366 * 24 * 60

    public enum Problem: Equatable, Sendable {
        case outOfRange(field: String)
        case resolutionBeforeFirstResponse
    }

    public var problem: Problem? {
        for (field, v) in [("firstResponseMinutes", firstResponseMinutes), ("resolutionMinutes", resolutionMinutes),
                           ("escalateAfterMinutes", escalateAfterMinutes)] where v < 1 || v > Self.maxMinutes {
            return .outOfRange(field: field)
        }
        return resolutionMinutes < firstResponseMinutes ? .resolutionBeforeFirstResponse : nil
    }
}

/// What a policy matches on; nil matches anything.
public struct SlaMatch: Equatable, Codable, Sendable {
    public var type: TicketType?
    public var priority: TicketPriority?
    public var channel: TicketChannel?

    public init(type: TicketType? = nil, priority: TicketPriority? = nil, channel: TicketChannel? = nil) {
        self.type = type
        self.priority = priority
        self.channel = channel
    }

    public var specificity: Int { (type == nil ? 0 : 1) + (priority == nil ? 0 : 1) + (channel == nil ? 0 : 1) }

    public func matches(type t: TicketType, priority p: TicketPriority, channel c: TicketChannel) -> Bool {
        (type == nil || type == t) && (priority == nil || priority == p) && (channel == nil || channel == c)
    }
}

public struct SlaPolicyCandidate: Sendable {
    public let id: String
    public let match: SlaMatch
    public let active: Bool
    /// Creation order: among equally specific matches the older policy wins, so adding one never silently
    /// re-routes tickets that an existing policy of the same specificity already covered.
    public let createdAt: Int64

    public init(id: String, match: SlaMatch, active: Bool, createdAt: Int64) {
        self.id = id
        self.match = match
        self.active = active
        self.createdAt = createdAt
    }
}

public enum SlaPolicySelection {
    /// API.md: the most specific active policy that matches applies.
    public static func choose(_ policies: [SlaPolicyCandidate], type: TicketType, priority: TicketPriority,
                              channel: TicketChannel) -> SlaPolicyCandidate? {
        policies.filter { $0.active && $0.match.matches(type: type, priority: priority, channel: channel) }
            .min { a, b in
                a.match.specificity != b.match.specificity ? a.match.specificity > b.match.specificity
                    : (a.createdAt, a.id) < (b.createdAt, b.id)
            }
    }
}
