/// Absenteeism (旷工) as the seed defines it (篇6 §七; SHF-05, SHF-09, SHF-11): a rostered person who did not work a shift
/// without approved leave is absent; on a swapped or payback shift (换班/还班, an effective swap) whose handover between
/// the two parties was unclear, both parties are assessed by their share of blame.
public enum AbsenceRules {
    /// Who records an absence: the superiors who approve leave today (SHF-05: department supervisor or manager).
    public static let recorders: Set<Role> = RosterRoles.leaveApprovers

    /// The two parties of the effective swap that gave the shift its present holder.
    public struct SwapParties: Equatable, Sendable {
        public let requesterId: String
        public let counterpartId: String
        public init(requesterId: String, counterpartId: String) {
            self.requesterId = requesterId
            self.counterpartId = counterpartId
        }
        public var both: Set<String> { [requesterId, counterpartId] }
    }

    /// What the supervisor states about the missed shift.
    public struct Claim: Equatable, Sendable {
        /// The person rostered on the shift (the absentee).
        public let absentUserId: String
        /// An approved leave request covers the shift.
        public let onApprovedLeave: Bool
        /// The shift changed hands by an effective swap, with its two parties.
        public let swap: SwapParties?
        /// The supervisor finds the swap's handover between the parties unclear (SHF-11).
        public let unclearHandover: Bool
        /// Blame shares in whole percent per person, as entered (empty: none entered).
        public let shares: [String: Int]

        public init(absentUserId: String, onApprovedLeave: Bool, swap: SwapParties?, unclearHandover: Bool, shares: [String: Int]) {
            self.absentUserId = absentUserId
            self.onApprovedLeave = onApprovedLeave
            self.swap = swap
            self.unclearHandover = unclearHandover
            self.shares = shares
        }
    }

    public enum Refusal: String, Equatable, Sendable, CaseIterable {
        /// SHF-05: approved leave is not absenteeism.
        case onApprovedLeave = "on_approved_leave"
        /// SHF-11: shared blame only for a swapped or payback shift.
        case notSwapped = "not_a_swapped_shift"
        /// SHF-11: an unclear swap handover needs the shares of both parties.
        case sharesMissing = "blame_shares_missing"
        /// Shares name exactly the two parties, each 0...100, together 100.
        case sharesInvalid = "blame_shares_invalid"
        /// Shares were entered although the handover was clear: the absentee alone is answerable.
        case sharesUnexpected = "blame_shares_unexpected"
    }

    /// The outcome: refused, or the absenteeism record's shares (person → whole percent, totalling 100).
    public enum Decision: Equatable, Sendable {
        case refused(Refusal)
        case record(shares: [String: Int])
    }

    /// Decides a claim. Decision (the seed gives no unit): shares are whole percentages, exact, totalling 100; a party
    /// may carry 0 (the supervisor found it blameless), but both parties are named.
    public static func decide(_ claim: Claim) -> Decision {
        if claim.onApprovedLeave { return .refused(.onApprovedLeave) }
        guard claim.unclearHandover else {
            if !claim.shares.isEmpty { return .refused(.sharesUnexpected) }
            return .record(shares: [claim.absentUserId: 100])
        }
        guard let swap = claim.swap else { return .refused(.notSwapped) }
        if claim.shares.isEmpty { return .refused(.sharesMissing) }
        guard Set(claim.shares.keys) == swap.both,
              claim.shares.values.allSatisfy({ (0...100).contains($0) }),
              claim.shares.values.reduce(0, +) == 100 else { return .refused(.sharesInvalid) }
        return .record(shares: claim.shares)
    }

    /// Parses a percentage as typed ("60", "60%", "６０"): a whole number 0...100, else nil.
    public static func percent(_ text: String) -> Int? {
        var t = UsualInput.halfWidth(text)
        if t.hasSuffix("%") || t.hasSuffix("％") { t.removeLast() }
        guard !t.isEmpty, t.allSatisfy(\.isASCIIDigit), t.count <= 3, let n = Int(t), (0...100).contains(n) else { return nil }
        return n
    }
}
