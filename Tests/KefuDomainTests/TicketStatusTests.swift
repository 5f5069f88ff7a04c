import KefuDomain
import Testing

@Suite("Ticket state machine")
struct TicketStatusTests {
    @Test func closedIsFinal() {
        for next in TicketStatus.allCases {
            #expect(TicketLifecycle.validate(from: .closed, to: next) == .closedIsFinal)
        }
    }

    @Test func everyStatusCanBeClosedExceptClosed() {
        for s in TicketStatus.allCases where s != .closed {
            #expect(TicketLifecycle.validate(from: s, to: .closed) == nil)
        }
    }

    @Test func resolvedOnlyReopensOrCloses() {
        #expect(TicketStatus.resolved.allowedNext == [.open, .closed])
        #expect(TicketLifecycle.validate(from: .resolved, to: .pendingCustomer) == .notAllowed(from: .resolved, to: .pendingCustomer))
    }

    @Test func nothingReturnsToNew() {
        for s in TicketStatus.allCases { #expect(!s.canMove(to: .new)) }
    }

    @Test func sameStatusIsNotAChange() {
        #expect(TicketLifecycle.validate(from: .open, to: .open) == .sameStatus)
    }

    @Test func repliesMoveTheTicket() {
        #expect(TicketLifecycle.statusAfterPublicReply(current: .new, byStaff: true) == .open)
        #expect(TicketLifecycle.statusAfterPublicReply(current: .open, byStaff: true) == nil)
        #expect(TicketLifecycle.statusAfterPublicReply(current: .pendingCustomer, byStaff: false) == .open)
        #expect(TicketLifecycle.statusAfterPublicReply(current: .resolved, byStaff: false) == .open)
        #expect(TicketLifecycle.statusAfterPublicReply(current: .pendingInternal, byStaff: false) == nil)
    }
}
