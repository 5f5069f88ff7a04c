import KefuDomain
import Testing

/// VIS-01/02 mailing (requested → sent → delivered, courier and tracking number to send, exact postage) and ticket
/// delivery (1..500 tickets, delivered once).
@Suite("Scenic mailing and ticket delivery rules (VIS-01/02)")
struct DeliveryRulesTests {
    struct StepCase: Sendable { let from: MailingRules.Status; let step: MailingRules.Step; let to: MailingRules.Status? }

    static let steps: [StepCase] = [
        StepCase(from: .requested, step: .send, to: .sent),
        StepCase(from: .requested, step: .deliver, to: nil),  // not delivered before it is sent
        StepCase(from: .sent, step: .deliver, to: .delivered),
        StepCase(from: .sent, step: .send, to: nil),          // sent once
        StepCase(from: .delivered, step: .send, to: nil),
        StepCase(from: .delivered, step: .deliver, to: nil),
    ]

    @Test(arguments: steps) func mailingMovesForwardOnly(_ c: StepCase) {
        #expect(MailingRules.next(c.from, c.step) == c.to)
    }

    @Test func sendingNamesCourierAndTrackingNumber() {
        #expect(MailingRules.sendProblem(courier: nil, trackingNo: "SF1") == "courier")
        #expect(MailingRules.sendProblem(courier: "顺丰", trackingNo: nil) == "trackingNo")
        #expect(MailingRules.sendProblem(courier: "顺丰", trackingNo: "SF1") == nil)
    }

    @Test(arguments: [(Int64(0), true), (1, true), (1_000_000, true), (1_000_001, false), (-1, false)])
    func postageIsZeroOrMoreAndBounded(_ fen: Int64, _ ok: Bool) {
        #expect(MailingRules.feeAllowed(fen) == ok)
    }

    @Test(arguments: [(0, false), (1, true), (500, true), (501, false), (-3, false)])
    func ticketsPerDelivery(_ n: Int, _ ok: Bool) {
        #expect(TicketDeliveryRules.ticketsAllowed(n) == ok)
    }

    @Test func deliveredOnce() {
        #expect(TicketDeliveryRules.mayDeliver(.scheduled))
        #expect(!TicketDeliveryRules.mayDeliver(.delivered))
    }
}
