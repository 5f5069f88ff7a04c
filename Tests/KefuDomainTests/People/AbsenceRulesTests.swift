import KefuDomain
import Testing

@Suite("Absenteeism rules (SHF-05, SHF-09, SHF-11)")
struct AbsenceRulesTests {
    static let swap = AbsenceRules.SwapParties(requesterId: "ann", counterpartId: "bo")

    static func claim(leave: Bool = false, swap: AbsenceRules.SwapParties? = nil, unclear: Bool = false, _ shares: [String: Int] = [:]) -> AbsenceRules.Claim {
        AbsenceRules.Claim(absentUserId: "bo", onApprovedLeave: leave, swap: swap, unclearHandover: unclear, shares: shares)
    }

    @Test(arguments: [
        // Approved leave is not absenteeism (SHF-05), whatever else is said.
        (claim(leave: true), AbsenceRules.Decision.refused(.onApprovedLeave)),
        (claim(leave: true, swap: swap, unclear: true, ["ann": 50, "bo": 50]), .refused(.onApprovedLeave)),
        // Unapproved absence: the absentee alone (SHF-05), also on a swapped shift with a clear handover (SHF-09).
        (claim(), .record(shares: ["bo": 100])),
        (claim(swap: swap), .record(shares: ["bo": 100])),
        (claim(swap: swap, ["ann": 50, "bo": 50]), .refused(.sharesUnexpected)),
        // Unclear handover of a swap: both parties by share (SHF-11), exact, totalling 100.
        (claim(swap: swap, unclear: true, ["ann": 40, "bo": 60]), .record(shares: ["ann": 40, "bo": 60])),
        (claim(swap: swap, unclear: true, ["ann": 0, "bo": 100]), .record(shares: ["ann": 0, "bo": 100])),
        (claim(swap: swap, unclear: true), .refused(.sharesMissing)),
        (claim(swap: swap, unclear: true, ["ann": 40, "bo": 50]), .refused(.sharesInvalid)),
        (claim(swap: swap, unclear: true, ["ann": 60, "bo": 50]), .refused(.sharesInvalid)),
        (claim(swap: swap, unclear: true, ["bo": 100]), .refused(.sharesInvalid)),
        (claim(swap: swap, unclear: true, ["ann": 50, "cy": 50]), .refused(.sharesInvalid)),
        (claim(swap: swap, unclear: true, ["ann": 50, "bo": 50, "cy": 0]), .refused(.sharesInvalid)),
        (claim(swap: swap, unclear: true, ["ann": -10, "bo": 110]), .refused(.sharesInvalid)),
        // No swap, no shared blame.
        (claim(unclear: true, ["ann": 50, "bo": 50]), .refused(.notSwapped)),
    ])
    func decides(_ claim: AbsenceRules.Claim, _ expected: AbsenceRules.Decision) {
        #expect(AbsenceRules.decide(claim) == expected)
    }

    @Test func percentagesAsTyped() {
        #expect(AbsenceRules.percent("60") == 60)
        #expect(AbsenceRules.percent(" 60% ") == 60)
        #expect(AbsenceRules.percent("６０") == 60)
        #expect(AbsenceRules.percent("0") == 0 && AbsenceRules.percent("100") == 100)
        for bad in ["", "101", "-5", "33.5", "abc", "1000"] { #expect(AbsenceRules.percent(bad) == nil, "\(bad)") }
    }

    @Test func recordersAreTheLeaveApprovers() {
        #expect(AbsenceRules.recorders == RosterRoles.leaveApprovers)
        #expect(!AbsenceRules.recorders.contains(.csAgent))
    }
}
