import Foundation

/// PRP-06 the kinds of dated entry in a unit's owner file (业主档案; 篇12 职责三.7, 职责一.14; 篇1 §4〈3〉).
public enum OwnerFileEntryKind: String, CaseIterable, Codable, Sendable {
    /// 入住手续: the move-in formalities.
    case moveIn = "move_in"
    /// 签约: a signed management agreement (its number).
    case agreement
    /// 房屋交接: the handover of the house (keys, meter readings as text).
    case handover
    /// 装修: a renovation, with its own steps (`RenovationStatus`).
    case renovation
    /// 工程档案: a note of the unit's engineering file.
    case engineering
    /// 出租: rental information (tenant, term, agent) — 职责一.14.
    case rental
}

/// PRP-06 a renovation's state: 申请 → 批准 (or 驳回) → 施工监督 → 验收 (passed, or failed with the defects).
public enum RenovationStatus: String, CaseIterable, Codable, Sendable {
    case applied, approved, rejected, supervising, passed, failed
}

/// PRP-06 the renovations of every estate in the viewer's scope, by where they stand: the approver's queue of
/// applications (the default), those under way (approved or under supervision: acceptance to come), the closed ones.
public enum RenovationStage: String, CaseIterable, Sendable {
    case awaiting, underway, closed, all

    /// The states of the stage; every state is in exactly one stage but `all`, and `closed` holds those with no step left.
    public var statuses: [RenovationStatus] {
        switch self {
        case .awaiting: [.applied]
        case .underway: [.approved, .supervising]
        case .closed: [.rejected, .passed, .failed]
        case .all: RenovationStatus.allCases
        }
    }
}

/// PRP-06 a step on a renovation.
public enum RenovationAction: String, CaseIterable, Codable, Sendable {
    case approve, reject, supervise, accept
}

/// PRP-06 the fields an owner-file entry of each kind must carry.
public enum OwnerFileField: String, CaseIterable, Sendable {
    case summary, agreementNo, handoverItems, tenant, termFrom, termTo
}

/// The rules of the owner file (PRP-06): who records, who approves, which fields each kind needs, the renovation steps,
/// and the occupant history.
public enum OwnerFileRules {
    /// The property CS admin keeps the owner file (篇1 §4〈3〉: 办理房屋交接、装修等手续).
    public static let recorders: Set<Role> = PropertyRules.workers
    /// Renovation approval and acceptance: the property CS admin or the CS manager of the unit (篇12 职责三.7 组织验收;
    /// 职责一.12 装修审核). Decision: the CS supervisor reads but does not approve, as elsewhere in the property centre.
    public static let approvers: Set<Role> = PropertyRules.workers.union([.csManager])

    public static func may(_ allowed: Set<Role>, roles: Set<Role>, userPath: String, unitPath: String) -> Bool {
        OrgPath.contains(userPath, unitPath) && !roles.isDisjoint(with: allowed)
    }

    /// The fields a new entry of `kind` cannot do without. Decision (SPEC is silent): every kind says what it is about
    /// (summary) except the handover, whose keys and meter readings are its content; rental names the tenant and term.
    public static func required(_ kind: OwnerFileEntryKind) -> Set<OwnerFileField> {
        switch kind {
        case .moveIn, .engineering, .renovation: return [.summary]
        case .agreement: return [.agreementNo]
        case .handover: return [.handoverItems]
        case .rental: return [.tenant, .termFrom, .termTo]
        }
    }

    /// The first required field missing from `given`, in a stable order (nil when complete).
    public static func missing(_ kind: OwnerFileEntryKind, given: Set<OwnerFileField>) -> OwnerFileField? {
        OwnerFileField.allCases.first { required(kind).contains($0) && !given.contains($0) }
    }

    /// A rental's term: to on or after from.
    public static func termIsValid(from: CivilDay, to: CivilDay) -> Bool { to >= from }

    /// PRP-06 the state a renovation moves to by `action`, or nil when the step is not allowed now. Supervision notes
    /// may be added more than once; acceptance comes only after approval (with or without supervision notes).
    public static func next(_ status: RenovationStatus, _ action: RenovationAction, passed: Bool = true) -> RenovationStatus? {
        switch (status, action) {
        case (.applied, .approve): return .approved
        case (.applied, .reject): return .rejected
        case (.approved, .supervise), (.supervising, .supervise): return .supervising
        case (.approved, .accept), (.supervising, .accept): return passed ? .passed : .failed
        default: return nil
        }
    }

    /// The steps allowed in `status` (the buttons a page shows enabled).
    public static func allowed(_ status: RenovationStatus) -> [RenovationAction] {
        RenovationAction.allCases.filter { next(status, $0) != nil }
    }

    /// A step's required text: the reason of a rejection, the note of a supervision, the defects of a failed acceptance.
    public static func noteRequired(_ action: RenovationAction, passed: Bool) -> Bool {
        switch action {
        case .reject, .supervise: return true
        case .accept: return !passed
        case .approve: return false
        }
    }

    /// Why a move-out is refused: no current occupant of that kind, or a date before the move-in.
    public enum MoveOutRefusal: Equatable, Sendable {
        case noCurrentOccupant, beforeMoveIn
    }

    /// PRP-06 a move-out needs a current occupant of the kind; its date is not before the move-in (an unknown move-in
    /// date, from the register before the history was kept, allows any date).
    public static func moveOutRefusal(current: Bool, movedInOn: CivilDay?, movedOutOn: CivilDay) -> MoveOutRefusal? {
        guard current else { return .noCurrentOccupant }
        if let movedInOn, movedOutOn < movedInOn { return .beforeMoveIn }
        return nil
    }

    /// A current occupant, as the unit row shows it.
    public struct Occupant: Equatable, Sendable {
        public let kind: PropertyOccupantKind
        public let name: String
        public let phone: String?
        public let movedInOn: String?

        public init(kind: PropertyOccupantKind, name: String, phone: String?, movedInOn: String?) {
            self.kind = kind
            self.name = name
            self.phone = phone
            self.movedInOn = movedInOn
        }
    }

    /// The occupant the unit row carries (PRP-06, the register's one "current occupant"): the tenant living there when
    /// there is one, else the owner, else nobody. Decision: the row answers "who lives there" for notices and search.
    public static func onRow(owner: Occupant?, tenant: Occupant?) -> Occupant? { tenant ?? owner }
}
