/// #15 leftovers (SHF-02, SHF-03): which roster shifts the calendar marks "交接未完成" (handover not complete).
///
/// Decided where SPEC is silent: a shift is marked when its handover exists but is not accepted (draft, submitted or
/// returned — the outgoing shift is not closed until the incoming person accepts, SHF-02), or when it has ended with no
/// handover at all although somebody was rostered to take over (`HandoverRules.incoming` not empty: the unit's next
/// shift within the window). A shift still running or not begun without a handover is not marked (the handover is
/// written at its end), nor one after which nobody was rostered (nobody to hand over to).
public enum HandoverCalendarRules {
    public enum Mark: String, Sendable, Equatable {
        /// A handover exists and waits (draft, submitted, or returned to the outgoing person).
        case pending
        /// The shift ended, someone was rostered to take over, and no handover was written.
        case missing
    }

    public static func mark(status: HandoverStatus?, ended: Bool, hasIncoming: Bool) -> Mark? {
        if let status { return status.closesShift ? nil : .pending }
        return ended && hasIncoming ? .missing : nil
    }

    /// For each of a unit's shifts, whether anybody is rostered to take over from it — `HandoverRules.incoming` is not
    /// empty — computed over the shifts sorted by start (a month of a large unit has thousands of shifts).
    public static func hasIncoming(_ shifts: [HandoverRules.Shift]) -> [Bool] {
        let sorted = shifts.sorted { $0.start < $1.start }
        let starts = sorted.map(\.start)
        return shifts.map { outgoing in
            // The first shift starting after the outgoing one starts (binary search), then forward within the window.
            var low = 0, high = starts.count
            while low < high { let mid = (low + high) / 2; if starts[mid] <= outgoing.start { low = mid + 1 } else { high = mid } }
            var i = low
            while i < sorted.count, sorted[i].start <= outgoing.end + HandoverRules.nextShiftWindowMinutes {
                if sorted[i].userId != outgoing.userId { return true }
                i += 1
            }
            return false
        }
    }
}
