/// Ticket lifecycle (TKT-01): every step is recorded, `closed` is final, nothing is deleted.
public enum TicketStatus: String, CaseIterable, Codable, Sendable {
    case new
    case open
    case pendingCustomer = "pending_customer"
    case pendingInternal = "pending_internal"
    case resolved
    case closed

    /// Allowed next statuses. A resolved ticket may be reopened (the customer comes back) or closed;
    /// a closed ticket never changes again (TKT-01: closed is final).
    public var allowedNext: [TicketStatus] {
        switch self {
        case .new: return [.open, .pendingCustomer, .pendingInternal, .resolved, .closed]
        case .open: return [.pendingCustomer, .pendingInternal, .resolved, .closed]
        case .pendingCustomer: return [.open, .pendingInternal, .resolved, .closed]
        case .pendingInternal: return [.open, .pendingCustomer, .resolved, .closed]
        case .resolved: return [.open, .closed]
        case .closed: return []
        }
    }

    public func canMove(to next: TicketStatus) -> Bool { allowedNext.contains(next) }

    public var isOpen: Bool { self != .resolved && self != .closed }
}

public enum TicketTransitionError: Error, Equatable, Sendable {
    case closedIsFinal
    case notAllowed(from: TicketStatus, to: TicketStatus)
    case sameStatus
}

public enum TicketLifecycle {
    /// Validates a status change; returns the error naming the rule that forbids it.
    public static func validate(from current: TicketStatus, to next: TicketStatus) -> TicketTransitionError? {
        if current == .closed { return .closedIsFinal }
        if current == next { return .sameStatus }
        if !current.canMove(to: next) { return .notAllowed(from: current, to: next) }
        return nil
    }

    /// A public staff reply on a `new` ticket moves it to `open` (the agent has started working on it);
    /// a customer reply while the ticket waits on the customer puts it back to `open`.
    public static func statusAfterPublicReply(current: TicketStatus, byStaff: Bool) -> TicketStatus? {
        if byStaff, current == .new { return .open }
        if !byStaff, current == .pendingCustomer || current == .resolved { return .open }
        return nil
    }
}
