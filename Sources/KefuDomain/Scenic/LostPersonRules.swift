/// VIS-04 lost person (篇11 §3.2): staff help the reporter reach the broadcast station, which broadcasts in Mandarin
/// (普通话) at least three times; each broadcast is logged and the case cannot be closed before the third.
public enum LostPersonRules {
    public static let minBroadcasts = 3
    /// §3.2.3: the broadcast language is fixed.
    public static let language = "mandarin"

    public enum Status: String, CaseIterable, Codable, Sendable {
        case open, broadcasting, closed
    }

    public enum Outcome: String, CaseIterable, Codable, Sendable {
        case found
        case handedOver = "handed_over"
        case other
    }

    /// Logging a broadcast: open or broadcasting → broadcasting; nil once closed.
    public static func afterBroadcast(_ s: Status) -> Status? { s == .closed ? nil : .broadcasting }

    public enum CloseProblem: Equatable, Sendable {
        case alreadyClosed
        /// VIS-04: fewer than three broadcasts logged (how many so far).
        case tooFewBroadcasts(logged: Int)
        /// "other" needs a note saying what happened.
        case noteRequired
    }

    public static func closeProblem(status: Status, broadcasts: Int, outcome: Outcome, note: String?) -> CloseProblem? {
        if status == .closed { return .alreadyClosed }
        if broadcasts < minBroadcasts { return .tooFewBroadcasts(logged: broadcasts) }
        if outcome == .other, TextRules.trimmed(note) == nil { return .noteRequired }
        return nil
    }
}
