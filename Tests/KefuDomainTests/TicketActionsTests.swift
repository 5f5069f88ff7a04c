import KefuDomain
import Testing

/// #11.4: the ticket page offers what the state machine allows.
@Suite("Ticket actions by state")
struct TicketActionsTests {
    @Test func aResolvedTicketIsNotHandedOn() {
        let resolved = TicketActions.offered(status: .resolved, staff: true, supervisor: true, owned: true)
        #expect(!resolved.forward && !resolved.escalate && !resolved.assign)
        #expect(resolved.reply && resolved.note)
        #expect(resolved.statuses == [.open, .closed])
    }

    @Test func workInProgressOffersEverything() {
        for status in [TicketStatus.new, .open, .pendingCustomer, .pendingInternal] {
            let a = TicketActions.offered(status: status, staff: true, supervisor: false, owned: false)
            #expect(a.forward && a.escalate && a.assign && a.take && a.reply && a.note)
            #expect(!a.changeOwner)
            #expect(a.statuses == status.allowedNext)
            #expect(TicketActions.handsOn(status))
        }
    }

    @Test func closedTakesNothingAndCustomersOnlyReply() {
        let closed = TicketActions.offered(status: .closed, staff: true, supervisor: true, owned: true)
        #expect(!closed.reply && !closed.note && closed.statuses.isEmpty && !closed.assign && !closed.forward && !closed.escalate && !closed.take && !closed.changeOwner)
        let customer = TicketActions.offered(status: .open, staff: false, supervisor: false, owned: true)
        #expect(customer.reply && !customer.note && customer.statuses.isEmpty && !customer.forward && !customer.take)
    }
}
