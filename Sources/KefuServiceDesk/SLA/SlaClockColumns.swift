import KefuDomain
import SQLKit

/// Writes a ticket's clocks back to its row: the stored due times, what the queue shows (`due_at`) and when the
/// breach scanner looks next (`sla_next_at`: the earliest running due time, even a past one whose breach the
/// scanner may not have recorded yet — it records each once and then moves this on).
enum SlaClockColumns {
    static let names = ["first_response_due_at", "first_responded_at", "resolution_due_at", "resolved_at", "sla_paused_at", "due_at", "sla_next_at"]

    /// The values of `names`, in their order.
    static func values(_ clocks: SlaClocks) -> [Int64?] {
        [clocks.firstResponseDueAt, clocks.firstRespondedAt, clocks.resolutionDueAt, clocks.resolvedAt, clocks.pausedAt,
         clocks.queueDue, clocks.earliestRunningDue]
    }

    static func assignments(_ clocks: SlaClocks) -> [SQLQueryString] {
        zip(names, values(clocks)).map { name, value in SQLQueryString("\(unsafeRaw: name) = \(bind: value)") }
    }

    /// For the INSERT of a new ticket: the column list and the matching values.
    static var columnList: SQLQueryString { "\(unsafeRaw: names.joined(separator: ", "))" }

    static func valueList(_ clocks: SlaClocks) -> SQLList {
        SQLList(values(clocks).map { SQLBind($0) })
    }
}
