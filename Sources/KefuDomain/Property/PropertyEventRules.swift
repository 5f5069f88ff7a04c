import Foundation

/// ESC-03 an event at an estate: 重要事件 (important: reported to the management-office director) or 突发事件 (emergency:
/// followed up by the CS supervisor). [篇12 职责一.4, .6]
public enum PropertyEventKind: String, CaseIterable, Codable, Sendable {
    case important, emergency
}

/// ESC-03 how grave the event is: 一般, 较大, 重大.
public enum PropertyEventSeverity: String, CaseIterable, Codable, Sendable {
    case minor, major, critical
}

/// ESC-03 where an event stands: an important event is 已上报 (reported) once recorded; an emergency is 待跟进 (assigned
/// to the supervisor) until its first follow-up note, then 跟进中; both end 已关闭 with a result.
public enum PropertyEventStatus: String, CaseIterable, Codable, Sendable {
    case reported, assigned, following, closed
}

/// ESC-03 the steps on an event after it is recorded.
public enum PropertyEventAction: String, CaseIterable, Sendable {
    case followUp, close
}

/// ESC-03: who records, follows up and closes estate events, the states they pass and when an emergency is late.
public enum PropertyEventRules {
    /// Anyone who works or reads the estates records what happened there.
    public static let recorders: Set<Role> = PropertyRules.readers
    /// Follow-up notes and the closing result: the CS supervisor (篇12 职责一.6), the CS manager above (the office
    /// director's side of an important event) or admin.
    public static let handlers: Set<Role> = [.csSupervisor, .csManager, .admin]
    /// An emergency not followed up within two hours of being recorded shows 逾期. The seed says only 跟进处理 (follow up);
    /// two hours sits between ESC-01's one-hour escalation and the working day.
    public static let followUpWindowMillis: Int64 = 2 * 3_600_000

    /// The state an event starts in.
    public static func initialStatus(_ kind: PropertyEventKind) -> PropertyEventStatus {
        kind == .important ? .reported : .assigned
    }

    /// The state after `action`, nil when the step is not open from `status` (409 invalid_transition). An emergency
    /// is closed only after it has been followed up at least once.
    public static func next(_ status: PropertyEventStatus, _ action: PropertyEventAction) -> PropertyEventStatus? {
        switch (status, action) {
        case (.closed, _): return nil
        case (_, .followUp): return .following
        case (.reported, .close), (.following, .close): return .closed
        case (.assigned, .close): return nil
        }
    }

    public static func may(roles: Set<Role>, userPath: String, recordPath: String) -> Bool {
        OrgPath.contains(userPath, recordPath) && !roles.isDisjoint(with: handlers)
    }

    /// ESC-03 逾期: an emergency whose first follow-up came (or, still missing, is due) later than the window after it was
    /// recorded. Important events and closed-in-time emergencies are never late.
    public static func overdue(kind: PropertyEventKind, recordedAt: Int64, firstFollowUpAt: Int64?, now: Int64) -> Bool {
        guard kind == .emergency else { return false }
        return (firstFollowUpAt ?? now) - recordedAt > followUpWindowMillis
    }
}

/// ESC-03 an event's number: "SJ-2026-000001" (per year, six digits), as the service centre's other logs.
public enum PropertyEventNumber {
    public static let prefix = "SJ"

    public static func make(year: Int, sequence: Int) -> String {
        let digits = String(sequence)
        return "\(prefix)-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The number as written from what people type ("sj-2026-1", "SJ2026000001"); nil for anything else.
    public static func parse(_ typed: String) -> String? {
        let code = typed.uppercased().filter { !$0.isWhitespace }
        guard code.hasPrefix(prefix) else { return nil }
        let rest = code.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: true)
        let yearText: Substring, seqText: Substring
        if rest.count == 2 {
            yearText = rest[0]
            seqText = rest[1]
        } else if rest.count == 1, rest[0].count > 4 {
            yearText = rest[0].prefix(4)
            seqText = rest[0].dropFirst(4)
        } else {
            return nil
        }
        guard yearText.count == 4, yearText.allSatisfy(\.isASCIIDigit), let year = Int(yearText), year >= 2000,
              !seqText.isEmpty, seqText.count <= 9, seqText.allSatisfy(\.isASCIIDigit), let seq = Int(seqText), seq > 0 else { return nil }
        return make(year: year, sequence: seq)
    }
}
