import KefuDomain
import Testing

/// TKT-05: the flag's steps from each state, and which need a note.
@Suite("Customer flag rules (TKT-05)")
struct CustomerFlagRulesTests {
    @Test func aProposalIsConfirmedOrRejectedAndAConfirmedFlagCleared() {
        #expect(CustomerFlagRules.steps(from: .proposed) == [.confirm, .reject])
        #expect(CustomerFlagRules.steps(from: .confirmed) == [.clear])
        #expect(CustomerFlagRules.steps(from: .rejected).isEmpty && CustomerFlagRules.steps(from: .cleared).isEmpty)
        #expect(!CustomerFlagRules.needsNote(.confirm) && CustomerFlagRules.needsNote(.reject) && CustomerFlagRules.needsNote(.clear))
        #expect(CustomerFlagRules.mayPropose(over: nil) && !CustomerFlagRules.mayPropose(over: .proposed))
    }
}
