import KefuDomain
import SQLKit

/// Writes a ticket's clocks back to its row: the stored due times, what the queue shows (`due_at`) and when the
/// breach scanner looks next (`sla_next_at`: the earliest running due time, even a past one whose breach the
/// scanner may not have recorded yet — it records each once and then moves this on).
enum SlaClockColumns {
    static func assignments(_ clocks: SlaClocks) -> [SQLQueryString] {
        [
            "first_response_due_at = \(bind: clocks.firstResponseDueAt)",
            "first_responded_at = \(bind: clocks.firstRespondedAt)",
            "resolution_due_at = \(bind: clocks.resolutionDueAt)",
            "resolved_at = \(bind: clocks.resolvedAt)",
            "sla_paused_at = \(bind: clocks.pausedAt)",
            "due_at = \(bind: clocks.queueDue)",
            "sla_next_at = \(bind: clocks.earliestRunningDue)",
        ]
    }
}
