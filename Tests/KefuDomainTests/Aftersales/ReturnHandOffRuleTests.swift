import KefuDomain
import Testing

/// #11.4: who must act next after each step of a return or exchange (RMA-07..11).
@Suite("Return hand-offs (RMA-07..11)")
struct ReturnHandOffRuleTests {
    @Test(arguments: [
        (ReturnStep.receiveGoods, ReturnStatus.goodsReceived, ReturnNextActor.quality as ReturnNextActor?), // quality questioned: QA inspects
        (.receiveGoods, .accepted, nil),                // the rule accepted at receipt: CS issues the slip itself
        (.receiveGoods, .rejected, .salesManager),      // refused by the 3-month rule: only the sales manager may override
        (.inspect, .accepted, .customerService),        // QA's report accepted it: back to CS for the red copy
        (.inspect, .rejected, .salesManager),
        (.override, .accepted, .customerService),
        (.issueSlip, .slipIssued, .salesperson),
        (.annotate, .slipIssued, .salesManager),
        (.salesManagerSign, .salesManagerSigned, .finance),
        (.financeBook, .bookedByFinance, .customerService),
        (.shipReplacement, .bookedByFinance, nil),
        (.shipReplacement, .slipIssued, nil),
        (.close, .closed, nil),
    ])
    func theNextActor(step: ReturnStep, to: ReturnStatus, expected: ReturnNextActor?) {
        #expect(ReturnHandOffRule.nextActor(after: step, to: to) == expected)
    }
}
