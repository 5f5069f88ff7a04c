import Foundation

/// PRP-07 a building patrol's outcome: 正常 when nothing was found, 有问题 once a finding is recorded.
public enum PatrolStatus: String, CaseIterable, Codable, Sendable {
    case normal, issues
}

/// PRP-07 what became of a patrol finding: only noted, or turned into a ticket (its number kept with the finding).
public enum FindingDisposition: String, CaseIterable, Codable, Sendable {
    case noted, ticket
}

/// PRP-07 the state of a vacant unit's doors, windows, water or power at a check.
public enum VacantCheckState: String, CaseIterable, Codable, Sendable {
    case ok, abnormal
}

/// PRP-10 an owner proposal: recorded (open), put in a submission to the project manager, answered.
public enum ProposalStatus: String, CaseIterable, Codable, Sendable {
    case open, submitted, answered
}

/// PRP-10 a periodic submission (TJ-…) of the open proposals: submitted, then answered once every proposal is.
public enum ProposalBatchStatus: String, CaseIterable, Codable, Sendable {
    case submitted, answered
}

/// Who does what in the service centre's logs (PRP-04, PRP-07, PRP-10), always in the caller's unit and below.
public enum PropertyOperationsRules {
    /// PRP-07 patrols and vacant-unit checks are recorded by the property CS admin (篇1 §4〈5〉).
    public static let recorders: Set<Role> = PropertyRules.workers
    /// PRP-04 the daily review is the supervisor's (篇12 职责一.1): the CS supervisor, the CS manager above, admin.
    public static let reviewers: Set<Role> = [.csSupervisor, .csManager, .admin]
    /// PRP-10 proposals are taken by anyone who works or reads the estate; the supervisor submits them (篇12 职责三.5).
    public static let proposalTakers: Set<Role> = PropertyRules.readers
    /// PRP-10 the project manager's answer: the project manager has no role of their own in Kefu, so the CS manager
    /// (the line manager the supervisor reports to) or admin records it.
    public static let answerers: Set<Role> = [.csManager, .admin]

    public static func may(_ allowed: Set<Role>, roles: Set<Role>, userPath: String, recordPath: String) -> Bool {
        OrgPath.contains(userPath, recordPath) && !roles.isDisjoint(with: allowed)
    }

    /// PRP-07 a patrol's status follows its findings.
    public static func patrolStatus(findings: Int) -> PatrolStatus { findings > 0 ? .issues : .normal }

    /// PRP-07 a finding turned into a ticket names it; a noted one names none.
    public static func findingIsComplete(_ disposition: FindingDisposition, ticketRef: String?) -> Bool {
        switch disposition {
        case .noted: return ticketRef == nil
        case .ticket: return ticketRef != nil
        }
    }

    /// PRP-07 a vacant-unit check that finds something wrong says what in its note.
    public static func vacantNoteRequired(_ states: [VacantCheckState]) -> Bool { states.contains(.abnormal) }

    /// Why a daily review cannot be signed.
    public enum ReviewRefusal: Equatable, Sendable {
        case notReviewer, outsideUnit, futureDay, alreadyReviewed
    }

    /// PRP-04 one review per unit and day, by a reviewer of that unit (or above it), for today or an earlier day.
    public static func reviewRefusal(roles: Set<Role>, userPath: String, unitPath: String, day: CivilDay, today: CivilDay,
                                     alreadyReviewed: Bool) -> ReviewRefusal? {
        if roles.isDisjoint(with: reviewers) { return .notReviewer }
        if !OrgPath.contains(userPath, unitPath) { return .outsideUnit }
        if day > today { return .futureDay }
        if alreadyReviewed { return .alreadyReviewed }
        return nil
    }

    /// PRP-04 the days of `from`…`to` (oldest first) that have no review yet.
    public static func pendingDays(from: CivilDay, to: CivilDay, reviewed: Set<CivilDay>) -> [CivilDay] {
        guard from <= to else { return [] }
        return (from.number...to.number).map(CivilDay.init(number:)).filter { !reviewed.contains($0) }
    }

    /// PRP-10 a submission is answered once every proposal in it is.
    public static func batchStatus(answered: Int, total: Int) -> ProposalBatchStatus {
        total > 0 && answered >= total ? .answered : .submitted
    }
}

/// The numbers of the service centre's logs: "XL-2026-000001" (patrol), "KZ-…" (vacant-unit check), "YJ-…" (owner
/// proposal), "TJ-…" (submission), per kind and year, six digits.
public enum PropertyLogNumber {
    public static let prefixes = ["XL", "KZ", "YJ", "TJ", "ZF", "ZT"] // ZF visits, ZT owner forums (SAT-10)

    public static func make(_ prefix: String, year: Int, sequence: Int) -> String {
        let digits = String(sequence)
        return "\(prefix)-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The number as written from what people type ("xl-2026-1", "XL2026000001"); nil for anything else.
    public static func parse(_ typed: String) -> (prefix: String, number: String)? {
        let code = typed.uppercased().filter { !$0.isWhitespace }
        guard let prefix = prefixes.first(where: { code.hasPrefix($0) }) else { return nil }
        let rest = code.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: true)
        var yearText = Substring(""), seqText = Substring("")
        if rest.count == 2 {
            yearText = rest[0]
            seqText = rest[1]
        } else if rest.count == 1, rest[0].count > 4 {
            yearText = rest[0].prefix(4)
            seqText = rest[0].dropFirst(4)
        } else {
            return nil
        }
        guard yearText.count == 4, yearText.allSatisfy(\.isASCIIDigit), let year = Int(yearText), year >= 2000,
              !seqText.isEmpty, seqText.count <= 9, seqText.allSatisfy(\.isASCIIDigit), let seq = Int(seqText), seq > 0 else { return nil }
        return (prefix, make(prefix, year: year, sequence: seq))
    }
}
