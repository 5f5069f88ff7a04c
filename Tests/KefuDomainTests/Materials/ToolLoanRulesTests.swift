import KefuDomain
import Testing

/// #13.5 tool loans (LND-01, LND-02, LND-04): the loan form's checks, the return once, the overdue count.
@Suite("Tool loans (LND-01/02/04, #13.5)")
struct ToolLoanRulesTests {
    static func day(_ iso: String) -> CivilDay { CivilDay(iso: iso)! }
    static func q(_ n: Int64) -> Quantity { Quantity(milli: n * 1000) }
    let today = day("2026-12-01")

    func loan(_ quantity: Int64, onHand: Int64 = 5, lentOut: Int64 = 0, lent: String = "2026-12-01", due: String = "2026-12-05") -> ToolLoanRules.Problem? {
        ToolLoanRules.checkLoan(quantity: Self.q(quantity), onHand: Self.q(onHand), lentOut: Self.q(lentOut), lentOn: Self.day(lent), dueOn: Self.day(due), today: today)
    }

    @Test func aLoanWithinWhatTheSiteHoldsPasses() {
        #expect(loan(1) == nil)
        #expect(loan(5) == nil)
        #expect(loan(2, lentOut: 3) == nil)
        // Due back the same day it is lent.
        #expect(loan(1, lent: "2026-11-30", due: "2026-11-30") == nil)
    }

    @Test func quantityMustBeAboveZero() {
        #expect(loan(0) == .quantityNotPositive)
        #expect(ToolLoanRules.checkLoan(quantity: Quantity(milli: -1000), onHand: Self.q(5), lentOut: .zero, lentOn: today, dueOn: today, today: today) == .quantityNotPositive)
    }

    @Test func notMoreThanOnHandLessWhatIsOut() {
        #expect(loan(6) == .notEnoughOnSite(available: Self.q(5)))
        #expect(loan(3, lentOut: 3) == .notEnoughOnSite(available: Self.q(2)))
        // More out than on hand (the books went down after the loan): nothing is available, never a negative figure.
        #expect(loan(1, onHand: 1, lentOut: 2) == .notEnoughOnSite(available: .zero))
        #expect(ToolLoanRules.available(onHand: Self.q(1), lentOut: Self.q(2)) == .zero)
    }

    @Test func dueOnOrAfterLentAndNotLentInTheFuture() {
        #expect(loan(1, lent: "2026-11-20", due: "2026-11-19") == .dueBeforeLent)
        #expect(loan(1, lent: "2026-12-02", due: "2026-12-05") == .lentInFuture)
    }

    @Test func returnOnlyOnceOnlyOpenAndNotBeforeTheLoan() {
        let lent = Self.day("2026-11-20")
        #expect(ToolLoanRules.checkReturn(status: .open, lentOn: lent, returnedOn: today, today: today, condition: .good, note: nil) == nil)
        #expect(ToolLoanRules.checkReturn(status: .returned, lentOn: lent, returnedOn: today, today: today, condition: .good, note: nil) == .alreadyReturned)
        #expect(ToolLoanRules.checkReturn(status: .open, lentOn: lent, returnedOn: Self.day("2026-11-19"), today: today, condition: .good, note: nil) == .returnedBeforeLent)
        #expect(ToolLoanRules.checkReturn(status: .open, lentOn: lent, returnedOn: Self.day("2026-12-02"), today: today, condition: .good, note: nil) == .returnedInFuture)
        #expect(ToolLoanRules.checkReturn(status: .open, lentOn: lent, returnedOn: lent, today: today, condition: .good, note: nil) == nil)
    }

    /// LND-04: a damaged tool says what is wrong and goes to repair.
    @Test func aDamagedReturnNeedsANoteAndGoesToRepair() {
        let lent = Self.day("2026-11-20")
        #expect(ToolLoanRules.checkReturn(status: .open, lentOn: lent, returnedOn: today, today: today, condition: .damaged, note: "  ") == .damageNoteRequired)
        #expect(ToolLoanRules.checkReturn(status: .open, lentOn: lent, returnedOn: today, today: today, condition: .damaged, note: "手柄断裂") == nil)
        #expect(ToolLoanRules.sendsToRepair(.damaged))
        #expect(!ToolLoanRules.sendsToRepair(.good))
    }

    /// Calendar days after the due date (decision #13.5): due yesterday is one day overdue, due today is not overdue.
    @Test(arguments: [("2026-12-01", Int?.none), ("2026-11-30", 1), ("2026-11-24", 7), ("2026-12-09", nil)])
    func overdueDays(_ due: String, _ days: Int?) {
        #expect(ToolLoanRules.daysOverdue(status: .open, dueOn: Self.day(due), today: today) == days)
    }

    @Test func aReturnedLoanIsNeverOverdue() {
        #expect(ToolLoanRules.daysOverdue(status: .returned, dueOn: Self.day("2026-10-01"), today: today) == nil)
    }

    @Test func theSiteLendsAndItsLeadSignsOff() {
        let site = "/hq/d1/s1/", other = "/hq/d2/s9/"
        #expect(ToolLoanRules.mayLend(roles: [.siteKeeper], userPath: site, warehousePath: site))
        #expect(ToolLoanRules.mayLend(roles: [.siteLead], userPath: site, warehousePath: site))
        #expect(!ToolLoanRules.mayLend(roles: [.siteKeeper], userPath: other, warehousePath: site))
        #expect(!ToolLoanRules.mayLend(roles: [.deptAccountant], userPath: "/hq/d1/", warehousePath: site))
        #expect(!ToolLoanRules.mayLend(roles: [.mgmtMaterials], userPath: "/hq/", warehousePath: site))
        #expect(ToolLoanRules.maySignOffReturn(roles: [.siteLead], userPath: site, warehousePath: site))
        #expect(!ToolLoanRules.maySignOffReturn(roles: [.siteKeeper], userPath: site, warehousePath: site))
        #expect(!ToolLoanRules.maySignOffReturn(roles: [.siteLead], userPath: other, warehousePath: site))
    }
}
