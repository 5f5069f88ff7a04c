import KefuDomain
import Testing

private func s(_ user: String, _ startHour: Int, _ endHour: Int) -> HandoverRules.Shift {
    HandoverRules.Shift(userId: user, start: startHour * 60, end: endHour * 60)
}

@Suite("Shift handover rules (SHF-02, SHF-03)")
struct HandoverRulesTests {
    @Test func theNextShiftTakesOver() {
        let evening = s("ann", 16, 24)
        let unit = [evening, s("bo", 24, 32), s("cy", 24, 32), s("dan", 32, 40), s("eve", 8, 16)]
        #expect(HandoverRules.incoming(after: evening, among: unit) == ["bo", "cy"])
        #expect(HandoverRules.mayTakeOver("bo", outgoing: evening, unitShifts: unit, now: 23 * 60))
        // Someone on duty now but not on the next shift may not (the next shift is rostered).
        #expect(!HandoverRules.mayTakeOver("dan", outgoing: evening, unitShifts: unit, now: 33 * 60))
        #expect(!HandoverRules.mayTakeOver("ann", outgoing: evening, unitShifts: unit + [s("ann", 24, 32)], now: 25 * 60))
    }

    @Test func anOverlappingShiftCountsAndAFarOneDoesNot() {
        let day = s("ann", 8, 17)
        #expect(HandoverRules.incoming(after: day, among: [day, s("bo", 16, 24)]) == ["bo"], "starts before the outgoing shift ends")
        // The next shift 13 hours after the end is not "the next shift": nobody rostered, anyone on duty may take over.
        let far = [day, s("bo", 30, 38), s("cy", 0, 48)]
        #expect(HandoverRules.incoming(after: day, among: far).isEmpty)
        #expect(HandoverRules.mayTakeOver("cy", outgoing: day, unitShifts: far, now: 20 * 60))
        #expect(!HandoverRules.mayTakeOver("bo", outgoing: day, unitShifts: far, now: 20 * 60), "not on duty at 20:00")
        #expect(HandoverRules.mayTakeOver("bo", outgoing: day, unitShifts: far, now: 31 * 60))
    }

    @Test(arguments: [
        (HandoverRules.Step.submit, HandoverStatus.draft, true, false, nil as HandoverRules.Refusal?),
        (.submit, .returned, true, false, nil), (.submit, .submitted, true, false, .wrongState), (.edit, .accepted, true, false, .wrongState),
        (.edit, .draft, false, true, .notOutgoing), (.accept, .submitted, false, true, nil), (.accept, .draft, false, true, .wrongState),
        (.accept, .accepted, false, true, .wrongState), (.accept, .submitted, false, false, .notIncoming), (.accept, .submitted, true, true, .notIncoming),
    ])
    func steps(_ step: HandoverRules.Step, _ status: HandoverStatus, _ outgoing: Bool, _ incoming: Bool, _ expected: HandoverRules.Refusal?) {
        #expect(HandoverRules.check(step, status: status, isOutgoing: outgoing, isIncoming: incoming, reason: "x") == expected)
    }

    @Test func aReturnNeedsAReasonAndOnlyAnAcceptedHandoverClosesTheShift() {
        #expect(HandoverRules.check(.return, status: .submitted, isOutgoing: false, isIncoming: true, reason: "") == .reasonMissing)
        #expect(HandoverStatus.allCases.filter(\.closesShift) == [.accepted])
        #expect(AnnouncementRules.isActive(expiresAt: nil, now: 5) && AnnouncementRules.isActive(expiresAt: 6, now: 5) && !AnnouncementRules.isActive(expiresAt: 5, now: 5))
    }
}
