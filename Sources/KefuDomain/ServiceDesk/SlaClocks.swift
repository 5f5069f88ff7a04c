/// A ticket's service clocks (SLA-01..03, D9), in epoch milliseconds:
/// - first response runs from receipt until the first public staff reply;
/// - resolution runs from receipt until the ticket is resolved, and from the reopening again (full target);
/// - both pause while the ticket waits on the customer (`pending_customer`) and resume with the working time
///   they had left; a clock already overdue when paused stays overdue.
public struct SlaClocks: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case firstResponse = "first_response"
        case resolution
    }

    public var targets: SlaTargets
    public var firstResponseDueAt: Int64
    public var firstRespondedAt: Int64?
    public var resolutionDueAt: Int64
    public var resolvedAt: Int64?
    public var pausedAt: Int64?
    public var closed: Bool

    public init(targets: SlaTargets, firstResponseDueAt: Int64, firstRespondedAt: Int64?, resolutionDueAt: Int64,
                resolvedAt: Int64?, pausedAt: Int64?, closed: Bool) {
        self.targets = targets
        self.firstResponseDueAt = firstResponseDueAt
        self.firstRespondedAt = firstRespondedAt
        self.resolutionDueAt = resolutionDueAt
        self.resolvedAt = resolvedAt
        self.pausedAt = pausedAt
        self.closed = closed
    }

    /// The clocks of a ticket received at `receivedAt`: both start at receipt (API.md).
    public static func start(_ targets: SlaTargets, receivedAt: Int64, on calendar: WorkCalendar) -> SlaClocks {
        SlaClocks(targets: targets,
                  firstResponseDueAt: calendar.adding(minutes: targets.firstResponseMinutes, to: receivedAt, targets.calendar),
                  firstRespondedAt: nil,
                  resolutionDueAt: calendar.adding(minutes: targets.resolutionMinutes, to: receivedAt, targets.calendar),
                  resolvedAt: nil, pausedAt: nil, closed: false)
    }

    /// ESC-01: the time by which an escalation is on time (from receipt, not paused: the seed counts the hour
    /// from the customer's contact).
    public static func escalationDue(_ targets: SlaTargets, receivedAt: Int64, on calendar: WorkCalendar) -> Int64 {
        calendar.adding(minutes: targets.escalateAfterMinutes, to: receivedAt, targets.calendar)
    }

    /// The due time of a clock while it runs; nil once it has stopped or while paused.
    public func runningDue(_ kind: Kind) -> Int64? {
        guard !closed, pausedAt == nil else { return nil }
        switch kind {
        case .firstResponse: return firstRespondedAt == nil ? firstResponseDueAt : nil
        case .resolution: return resolvedAt == nil ? resolutionDueAt : nil
        }
    }

    /// Running clocks whose due time has come by `now`: each is a breach (recorded once per due time).
    public func elapsed(at now: Int64) -> [(kind: Kind, dueAt: Int64)] {
        Kind.allCases.compactMap { k in runningDue(k).flatMap { $0 <= now ? (k, $0) : nil } }
    }

    /// The earliest due time of a running clock, past or not.
    public var earliestRunningDue: Int64? {
        Kind.allCases.compactMap { runningDue($0) }.min()
    }

    /// When the breach scanner must look at this ticket next: the earliest running due time after `now`.
    public func nextCheck(after now: Int64) -> Int64? {
        Kind.allCases.compactMap { runningDue($0) }.filter { $0 > now }.min()
    }

    /// The due time a queue shows (SLA-03): first response until answered, then resolution.
    public var queueDue: Int64? {
        runningDue(.firstResponse) ?? runningDue(.resolution)
    }

    public mutating func respond(at: Int64) {
        if firstRespondedAt == nil { firstRespondedAt = at }
    }

    public mutating func pause(at: Int64) {
        if pausedAt == nil { pausedAt = at }
    }

    /// Resumes after waiting on the customer: each running clock gets back the working time it had left.
    public mutating func resume(at: Int64, on calendar: WorkCalendar) {
        guard let paused = pausedAt else { return }
        pausedAt = nil
        func shifted(_ due: Int64) -> Int64 {
            guard due > paused else { return due }
            return calendar.adding(calendar.workingMillis(from: paused, to: due, targets.calendar), to: at, targets.calendar)
        }
        if firstRespondedAt == nil { firstResponseDueAt = shifted(firstResponseDueAt) }
        if resolvedAt == nil { resolutionDueAt = shifted(resolutionDueAt) }
    }

    public mutating func resolve(at: Int64) {
        pausedAt = nil
        if resolvedAt == nil { resolvedAt = at }
    }

    /// Reopening restarts the resolution clock with its full target from the moment of reopening.
    public mutating func reopen(at: Int64, on calendar: WorkCalendar) {
        resolvedAt = nil
        resolutionDueAt = calendar.adding(minutes: targets.resolutionMinutes, to: at, targets.calendar)
    }

    public mutating func close() {
        closed = true
        pausedAt = nil
    }
}

extension SlaClocks {
    /// What a status change does to the clocks (API.md; D9).
    public mutating func apply(from: TicketStatus, to: TicketStatus, at: Int64, on calendar: WorkCalendar) {
        if from == .pendingCustomer, to != .pendingCustomer { resume(at: at, on: calendar) }
        switch to {
        case .pendingCustomer: pause(at: at)
        case .resolved: resolve(at: at)
        case .closed: close()
        case .new, .open, .pendingInternal:
            if from == .resolved { reopen(at: at, on: calendar) }
        }
    }
}
