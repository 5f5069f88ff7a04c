import KefuDomain
import Testing

/// #14.4 the front desk rules (FRD-03, FRD-04, FRD-05, FRD-02) and the registers' steps.
@Suite("Front desk rules (#14.4)")
struct FrontDeskRulesTests {
    @Test func lostPropertyIsHandedOverOnlyAfterThirtyDays() {
        let found = CivilDay(year: 2026, month: 11, day: 1)
        #expect(LostPropertyRules.handOverFrom(foundOn: found) == CivilDay(year: 2026, month: 12, day: 1))
        #expect(!LostPropertyRules.mayHandOver(foundOn: found, today: CivilDay(year: 2026, month: 11, day: 30)))
        #expect(LostPropertyRules.mayHandOver(foundOn: found, today: CivilDay(year: 2026, month: 12, day: 1)))
    }

    @Test func aClaimNeedsTheIdCheckedAndItsNumber() {
        #expect(LostPropertyRules.claimProblem(idChecked: false, idNumber: "110101") == .idNotChecked)
        #expect(LostPropertyRules.claimProblem(idChecked: true, idNumber: "  ") == .idNumberMissing)
        #expect(LostPropertyRules.claimProblem(idChecked: true, idNumber: "110101") == nil)
    }

    @Test func aBagIsOverdueFromClosingOnItsDay() {
        let day = CivilDay(year: 2026, month: 12, day: 1)
        #expect(!BagStorageRules.isOverdue(storedOn: day, today: day, minuteOfDay: 21 * 60 + 59))
        #expect(BagStorageRules.isOverdue(storedOn: day, today: day, minuteOfDay: 22 * 60))
        #expect(BagStorageRules.isOverdue(storedOn: day, today: day.adding(days: 1), minuteOfDay: 9 * 60))
    }

    @Test func theTagMustMatchWhateverTheWidthOrSpaces() {
        #expect(BagStorageRules.tagMatches(handedOut: "A 12", presented: "ａ１２"))
        #expect(!BagStorageRules.tagMatches(handedOut: "A12", presented: "A13"))
        #expect(!BagStorageRules.tagMatches(handedOut: "A12", presented: " "))
    }

    @Test func giftStockNeverGoesNegative() {
        #expect(GiftStockRules.balanceAfterHandout(balance: 3, quantity: 3) == 0)
        #expect(GiftStockRules.balanceAfterHandout(balance: 3, quantity: 4) == nil)
        #expect(GiftStockRules.balanceAfterHandout(balance: 3, quantity: 0) == nil)
    }

    @Test func invoiceAmountsAreExact() {
        #expect(FrontDeskMoney.normalised("3,500.5") == "3500.50")
        #expect(FrontDeskMoney.normalised("12") == "12.00")
        #expect(FrontDeskMoney.normalised("12.345") == nil)
        #expect(FrontDeskMoney.normalised("-1") == nil)
        #expect(FrontDeskMoney.normalised("abc") == nil)
    }

    @Test func eachRegisterTakesOnlyItsOwnSteps() {
        #expect(FrontDeskRules.next(.lostProperty, .held, .claim) == .claimed)
        #expect(FrontDeskRules.next(.lostProperty, .claimed, .handOver) == nil)
        #expect(FrontDeskRules.next(.bagStorage, .stored, .retrieve) == .retrieved)
        #expect(FrontDeskRules.next(.bagStorage, .stored, .claim) == nil)
        #expect(FrontDeskRules.next(.membershipCard, .applied, .issueCard) == .issued)
        #expect(FrontDeskRules.next(.invoice, .recorded, .retrieve) == nil)
        #expect(Set(FrontDeskRegister.allCases.map(\.numberPrefix)).count == FrontDeskRegister.allCases.count)
    }

    @Test func theDeskWorksItsUnitAndBelowOnly() {
        #expect(FrontDeskRules.mayWork(roles: [.frontDesk], userPath: "/r/cs/", recordPath: "/r/cs/a/"))
        #expect(!FrontDeskRules.mayWork(roles: [.frontDesk], userPath: "/r/cs/", recordPath: "/r/qa/"))
        #expect(!FrontDeskRules.mayWork(roles: [.csAgent], userPath: "/r/cs/", recordPath: "/r/cs/"))
    }
}
