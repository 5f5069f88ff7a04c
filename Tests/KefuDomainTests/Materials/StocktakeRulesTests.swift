@testable import KefuDomain
import Testing

@Suite("Stocktake rules (4.3, STK-05/06, D5)")
struct StocktakeRulesTests {
    @Test func stateMachineFollows43() {
        #expect(StocktakeRules.next(.distribute, from: .draft) == .counting)
        #expect(StocktakeRules.next(.submit, from: .counting) == .submitted)
        #expect(StocktakeRules.next(.return, from: .submitted) == .counting)
        #expect(StocktakeRules.next(.approve, from: .submitted) == .approved)
        #expect(StocktakeRules.next(.post, from: .approved) == .adjusted)
        #expect(StocktakeRules.next(.assess, from: .adjusted) == .closed)
        // No adjustment without approval; no counting once submitted; nothing after closing.
        #expect(StocktakeRules.next(.post, from: .submitted) == nil)
        #expect(StocktakeRules.next(.post, from: .counting) == nil)
        #expect(StocktakeRules.next(.count, from: .submitted) == nil)
        #expect(StocktakeRules.next(.approve, from: .counting) == nil)
        for a in StocktakeAction.allCases { #expect(StocktakeRules.next(a, from: .closed) == nil) }
        #expect(StocktakeRules.actions(in: .submitted) == [.return, .approve])
    }

    @Test func whoMayTakeEachStep() {
        #expect(StocktakeRules.may(.distribute, roles: [.deptAccountant], covers: true))
        #expect(!StocktakeRules.may(.distribute, roles: [.deptAccountant], covers: false))
        #expect(!StocktakeRules.may(.distribute, roles: [.siteKeeper], covers: true))
        #expect(StocktakeRules.may(.count, roles: [.siteKeeper], covers: true))
        #expect(!StocktakeRules.may(.count, roles: [.siteKeeper], covers: false))
        #expect(StocktakeRules.may(.approve, roles: [.deptManager], covers: true))
        #expect(!StocktakeRules.may(.approve, roles: [.deptAccountant], covers: true))
        #expect(!StocktakeRules.may(.approve, roles: [.deptManager], covers: false))
        #expect(StocktakeRules.may(.post, roles: [.mgmtMaterials], covers: false))
        #expect(!StocktakeRules.may(.post, roles: [.deptManager], covers: true))
        #expect(StocktakeRules.may(.assess, roles: [.mgmtMaterials], covers: false))
        #expect(!StocktakeRules.may(.assess, roles: [.deptAccountant, .deptManager, .admin], covers: true))
    }

    @Test func differenceCountsMovementsSinceTheSnapshot() {
        let q = { Quantity.parse($0)! }
        #expect(StocktakeRules.difference(snapshot: q("10"), movementsSince: q("-2"), counted: q("7")) == q("-1"))
        #expect(StocktakeRules.difference(snapshot: q("10"), movementsSince: q("3.5"), counted: q("13.5")) == q("0"))
        #expect(StocktakeRules.difference(snapshot: q("0"), movementsSince: q("0"), counted: q("0.125")) == q("0.125"))
        #expect(StocktakeRules.difference(snapshot: q("10"), movementsSince: q("0"), counted: nil) == nil)
    }

    @Test func everyDifferenceNeedsReasonCodeAndText() {
        let q = { Quantity.parse($0)! }
        #expect(StocktakeRules.problem(counted: nil, difference: nil, reasonCode: nil, reason: "") == .notCounted)
        #expect(StocktakeRules.problem(counted: q("9"), difference: q("-1"), reasonCode: nil, reason: "丢失") == .reasonRequired)
        #expect(StocktakeRules.problem(counted: q("9"), difference: q("-1"), reasonCode: .shortage, reason: "  ") == .reasonRequired)
        #expect(StocktakeRules.problem(counted: q("9"), difference: q("-1"), reasonCode: .shortage, reason: "丢失") == nil)
        #expect(StocktakeRules.problem(counted: q("10"), difference: q("0"), reasonCode: nil, reason: "") == nil)
        #expect(StocktakeRules.problem(counted: q("-1"), difference: q("-11"), reasonCode: .other, reason: "x") == .negativeCount)
    }

    @Test func adjustmentsAreGainReceiptsAndLossIssues() {
        let q = { Quantity.parse($0)! }
        #expect(StocktakeRules.adjustment(q("2")).map { [$0.direction.rawValue, $0.quantity.text] } == ["in", "2"])
        #expect(StocktakeRules.adjustment(q("-1.5")).map { [$0.direction.rawValue, $0.quantity.text] } == ["out", "1.5"])
        #expect(StocktakeRules.adjustment(q("0")) == nil)
        #expect(!StockReason.userChoices(.in).contains(.stocktakeGain))
        #expect(!StockReason.userChoices(.out).contains(.stocktakeLoss))
        #expect(DocumentRules.validate(direction: .in, reason: .stocktakeGain, condition: .good, quantities: [q("1")], hasSupplier: false, hasApproval: false)
            == .reasonNotForDirection)
    }
}
