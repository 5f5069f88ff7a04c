import KefuDomain
import Testing

/// #16 item 8: how an outbox batch is split over the relay connections.
@Suite("Outbound mail batches")
struct OutboundMailBatchTests {
    @Test func aBatchIsSplitEvenlyOverTheConnectionsAndNoneIsEmpty() {
        #expect(OutboundMailRules.chunks(0).isEmpty)
        #expect(OutboundMailRules.chunks(1) == [0..<1])
        #expect(OutboundMailRules.chunks(3, connections: 4) == [0..<1, 1..<2, 2..<3])
        #expect(OutboundMailRules.chunks(10, connections: 4) == [0..<2, 2..<5, 5..<7, 7..<10])
        let big = OutboundMailRules.chunks(OutboundMailRules.batch)
        #expect(big.count == OutboundMailRules.connections && big.map(\.count).reduce(0, +) == OutboundMailRules.batch)
    }
}
