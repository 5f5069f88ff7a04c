/// Class II commercial repair (SPEC DMG-06, DMG-07, ESC-05; seed 篇3 §1.5.1; #13.3). The business department combines
/// the class II damaged parts of its sites into one application (商修申请) under the CommercialRepairRules, HQ
/// (业务管理部) approves it, the department sends the parts to the repairer and tracks them until they come back
/// repaired or scrapped; a repair that is late is escalated to HQ, which coordinates (ESC-05).
/// DMG-07: a class II tool still under warranty is repaired free by its maker: the same application with kind
/// `warranty`, which needs no HQ approval (nothing is paid) and may be started by the site, which calls the maker.

/// `commercial` (DMG-06, paid, approved by HQ) or `warranty` (DMG-07, free, by the maker).
public enum CommercialRepairKind: String, CaseIterable, Codable, Sendable {
    case commercial, warranty
}

/// draft → submitted (department) → approved (HQ) → sent (department) → returned (results recorded) → closed;
/// HQ may send a submitted application back to draft; a draft may be cancelled (its parts are free again).
/// A warranty repair goes draft → sent directly.
public enum CommercialRepairStatus: String, CaseIterable, Codable, Sendable {
    case draft, submitted, approved, sent, returned, closed, cancelled

    /// Holds its parts: a part is in one such application at most (DMG-06).
    public var holdsParts: Bool { self != .cancelled }
}

/// What came back, per part.
public enum CommercialRepairResult: String, CaseIterable, Codable, Sendable {
    /// 修复: repaired, back in use (修复入库, seed 篇2).
    case repaired
    /// 无法修复: scrapped (ISS-04, seed 篇2 报废出库).
    case scrapped
}

public enum CommercialRepairRules {
    public enum Step: String, CaseIterable, Sendable {
        case edit, submit, approve, reject, send, record, close, cancel
    }

    /// The business department's roles (业务部): they combine, submit, send, record and close (DMG-06).
    public static let department: Set<Role> = [.deptAccountant, .deptPlanner, .deptSupervisor, .deptManager, .admin]
    /// DMG-07: the site may call the maker for a tool under warranty.
    public static let site: Set<Role> = [.siteKeeper, .siteLead]
    /// 业务管理部 (materials office): approves commercial repairs and receives the escalations (ESC-05).
    public static let headquarters: Set<Role> = [.mgmtMaterials]

    /// Who may take a step on an application of `kind`, in its unit (the caller checks the unit).
    public static func actors(_ step: Step, kind: CommercialRepairKind) -> Set<Role> {
        switch step {
        case .approve, .reject: return headquarters
        case .close: return kind == .warranty ? department.union(site).union(headquarters) : department.union(headquarters)
        default: return kind == .warranty ? department.union(site) : department
        }
    }

    /// Whether `roles` may take `step` on an application of `kind`; `covers`: the caller's unit is the application's
    /// unit or above it (HQ's materials office covers every department).
    public static func mayAct(_ step: Step, kind: CommercialRepairKind, roles: Set<Role>, covers: Bool) -> Bool {
        guard !roles.isDisjoint(with: actors(step, kind: kind)) else { return false }
        return covers || !roles.isDisjoint(with: headquarters)
    }

    /// Roles that may create an application at all (any kind).
    public static let creators: Set<Role> = department.union(site)

    /// The state a step needs.
    public static func allows(_ step: Step, kind: CommercialRepairKind, status: CommercialRepairStatus) -> Bool {
        switch step {
        case .edit, .cancel: return status == .draft
        case .submit: return kind == .commercial && status == .draft
        case .approve, .reject: return kind == .commercial && status == .submitted
        case .send: return kind == .commercial ? status == .approved : status == .draft
        case .record: return status == .sent
        case .close: return status == .returned
        }
    }

    /// The state after a step.
    public static func next(_ step: Step, from status: CommercialRepairStatus) -> CommercialRepairStatus {
        switch step {
        case .edit: return status
        case .submit: return .submitted
        case .approve: return .approved
        case .reject: return .draft
        case .send: return .sent
        case .record: return .returned
        case .close: return .closed
        case .cancel: return .cancelled
        }
    }

    /// The steps the state allows (in toolbar order), before roles.
    public static func steps(kind: CommercialRepairKind, status: CommercialRepairStatus) -> [Step] {
        Step.allCases.filter { allows($0, kind: kind, status: status) }
    }

    /// A part may go into an application: class II (DMG-01), still registered at its site (not packed for return), not
    /// in another application.
    public static func partEligible(repairClass: RepairClass, status: DamagedPartStatus, inOtherApplication: Bool) -> Bool {
        repairClass == .II && status == .registered && !inOtherApplication
    }

    // MARK: due date, lateness, escalation (ESC-05)

    /// Decision (#13.3): the seed and SPEC give no repair period. The department types the expected return date when it
    /// sends the parts; without one the repair is due **20 working days** after the day it was sent (working days on
    /// #3's calendar through `MaterialWorkCalendar`: repairers do not work on holidays).
    public static let defaultWorkingDays = 20

    /// The due date: the typed expected date, else `defaultWorkingDays` working days after `sentOn` (`addWorkingDays`
    /// is the calendar's own addition).
    public static func dueDate(sentOn: CivilDay, expected: CivilDay?, addWorkingDays: (Int, CivilDay) -> CivilDay) -> CivilDay {
        expected ?? addWorkingDays(defaultWorkingDays, sentOn)
    }

    /// Late from the calendar day after the due date while the parts are out (`sent`); nil when not late, else the days.
    public static func daysLate(status: CommercialRepairStatus, dueOn: CivilDay?, today: CivilDay) -> Int? {
        guard status == .sent, let dueOn, today > dueOn else { return nil }
        return today.number - dueOn.number
    }

    /// ESC-05: a late repair is escalated to 业务管理部 once (`escalated`: already done).
    public static func shouldEscalate(status: CommercialRepairStatus, dueOn: CivilDay?, today: CivilDay, escalated: Bool) -> Bool {
        !escalated && daysLate(status: status, dueOn: dueOn, today: today) != nil
    }

    /// Refusals of the sending step.
    public enum SendProblem: Equatable, Sendable {
        case repairerRequired
        case sentInFuture
        case expectedBeforeSent
        /// DMG-07: the warranty must still run on the day the tool is sent.
        case warrantyEnded
        case warrantyRequired
        /// DMG-06 commercial repair has a cost (exact, fen), ≥ 0; a warranty repair is free.
        case costNotAllowed
    }

    public static func checkSend(kind: CommercialRepairKind, repairer: String?, sentOn: CivilDay, expected: CivilDay?, warrantyUntil: CivilDay?,
                                 costFen: Int64?, today: CivilDay) -> SendProblem? {
        guard let r = repairer, !r.isEmpty else { return .repairerRequired }
        if sentOn > today { return .sentInFuture }
        if let expected, expected < sentOn { return .expectedBeforeSent }
        if kind == .warranty {
            guard let warrantyUntil else { return .warrantyRequired }
            if warrantyUntil < sentOn { return .warrantyEnded }
            if let costFen, costFen != 0 { return .costNotAllowed }
        }
        return nil
    }

    /// The results step: every part gets a result, and the return day is not before the sending day nor after today.
    public enum RecordProblem: Equatable, Sendable {
        case missingResult(partId: String)
        case returnedBeforeSent
        case returnedInFuture
    }

    public static func checkRecord(partIds: [String], results: [String: CommercialRepairResult], sentOn: CivilDay, returnedOn: CivilDay,
                                   today: CivilDay) -> RecordProblem? {
        if returnedOn > today { return .returnedInFuture }
        if returnedOn < sentOn { return .returnedBeforeSent }
        if let missing = partIds.first(where: { results[$0] == nil }) { return .missingResult(partId: missing) }
        return nil
    }
}
