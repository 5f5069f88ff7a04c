/// #11.4: what may be done to a ticket in its present state, so that pages offer only what the state machine allows.
/// A resolved ticket waits for the customer's confirmation: it may be reopened or closed (TicketStatus.allowedNext),
/// and it takes a reply or note, but it is no longer handed on — no assignment, forward or escalation (TKT-04, ESC-01
/// concern work still to do). A closed ticket takes nothing (TKT-01: closed is final).
public struct TicketActions: Equatable, Sendable {
    public let reply: Bool
    public let note: Bool
    public let statuses: [TicketStatus]
    public let assign: Bool
    public let forward: Bool
    public let escalate: Bool
    public let take: Bool
    public let changeOwner: Bool

    /// `staff`: the viewer works tickets; `supervisor`: may change the owner; `owned`: the ticket has an owner.
    public static func offered(status: TicketStatus, staff: Bool, supervisor: Bool, owned: Bool) -> TicketActions {
        let open = status.isOpen
        let notClosed = status != .closed
        return TicketActions(
            reply: notClosed,
            note: notClosed && staff,
            statuses: staff ? status.allowedNext : [],
            assign: staff && open,
            forward: staff && open,
            escalate: staff && open,
            take: staff && notClosed && !owned,
            changeOwner: staff && supervisor && notClosed)
    }

    /// Whether a change of assignee or handling unit is allowed in `status` (the service's check, same rule).
    public static func handsOn(_ status: TicketStatus) -> Bool { status.isOpen }
}
