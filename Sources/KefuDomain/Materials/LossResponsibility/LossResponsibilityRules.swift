/// KPI-06 (seed 篇3 §1.3): material losses caused by a breach of the rules — spoilage or damage (变质、损坏), using a big
/// part where a small one would do (以大代小), misuse (挪用、错用) or loss (丢失) — are the site chief's (现场负责人, the
/// `site_lead` role) direct responsibility; the business department's staff (业务部) propose the penalty.
/// Decision (#15.5, where KPI-06 is silent on who decides): as for the stocktake assessment of KPI-05, the HQ materials
/// office (业务管理部, `mgmt_materials`) approves or rejects the proposal with a reason; the responsible person is told.

/// The breach that caused the loss (KPI-06).
public enum LossCause: String, CaseIterable, Codable, Sendable {
    /// 变质、损坏 (spoilage, damage).
    case spoilage
    /// 以大代小 (a bigger item used where a smaller one would do).
    case bigForSmall = "big_for_small"
    /// 挪用、错用 (misuse, use for another purpose).
    case misuse
    /// 丢失 (lost).
    case lost

    /// The cause as the seed names it (zh) and in English.
    public var label: (zh: String, en: String) {
        switch self {
        case .spoilage: return ("变质/损坏", "Spoilage or damage")
        case .bigForSmall: return ("以大代小", "Big-for-small use")
        case .misuse: return ("挪用/错用", "Misuse")
        case .lost: return ("丢失", "Lost")
        }
    }
}

/// registered → proposed → approved | rejected; a rejected proposal may be proposed again (with a new amount or text).
public enum LossResponsibilityStatus: String, CaseIterable, Codable, Sendable {
    case registered, proposed, approved, rejected

    public var label: (zh: String, en: String) {
        switch self {
        case .registered: return ("已登记", "Registered")
        case .proposed: return ("已提出处罚", "Penalty proposed")
        case .approved: return ("已批准", "Approved")
        case .rejected: return ("已驳回", "Rejected")
        }
    }
}

public enum LossResponsibilityAction: String, CaseIterable, Codable, Sendable {
    case register, propose, approve, reject
}

public enum LossResponsibilityRules {
    /// Who records a loss and proposes its penalty (KPI-06: 业务部人员提出处罚意见): the business department's materials
    /// staff — its accountant (账务员, who keeps the sites' books), supervisor and manager — for the sites their unit covers.
    public static let proposers: Set<Role> = [.deptAccountant, .deptSupervisor, .deptManager]
    /// Who decides the proposal: 业务管理部's materials office (as for KPI-05), for every site.
    public static let approvers: Set<Role> = [.mgmtMaterials]
    /// Who reads the register across the company: the head office.
    public static let headquarters: Set<Role> = [.mgmtMaterials, .mgmtPlanner]
    /// Who reads the records of the units their own unit covers (a site its own, a 业务部 its sites).
    public static let unitReaders: Set<Role> = [.admin, .deptAccountant, .deptPlanner, .deptSupervisor, .deptManager, .siteKeeper, .siteLead]
    /// The site chief, responsible by default (KPI-06).
    public static let siteChief: Role = .siteLead

    /// The state after `action`, or nil when not allowed from `status` (`register` creates: from nil).
    public static func next(_ action: LossResponsibilityAction, from status: LossResponsibilityStatus?) -> LossResponsibilityStatus? {
        switch (action, status) {
        case (.register, nil): return .registered
        case (.propose, .registered?), (.propose, .rejected?): return .proposed
        case (.approve, .proposed?): return .approved
        case (.reject, .proposed?): return .rejected
        default: return nil
        }
    }

    /// Who may take a step. `covers`: the actor's unit is the record's site or above it.
    public static func may(_ action: LossResponsibilityAction, roles: Set<Role>, covers: Bool) -> Bool {
        switch action {
        case .register, .propose: return !roles.isDisjoint(with: approvers) || (covers && !roles.isDisjoint(with: proposers))
        case .approve, .reject: return !roles.isDisjoint(with: approvers)
        }
    }

    /// Who sees a record: HQ all, the others the records of their unit and below, and the responsible person its own.
    public static func maySee(roles: Set<Role>, covers: Bool, isResponsible: Bool) -> Bool {
        isResponsible || !roles.isDisjoint(with: headquarters) || (covers && !roles.isDisjoint(with: unitReaders))
    }

    /// Whether a role could take the step on some record at all (refused with 403 when not; a record out of scope is 404).
    public static func mayEver(_ action: LossResponsibilityAction, roles: Set<Role>) -> Bool {
        switch action {
        case .register, .propose: return !roles.isDisjoint(with: approvers.union(proposers))
        case .approve, .reject: return !roles.isDisjoint(with: approvers)
        }
    }

    /// Whether a role reads records beyond its own (HQ, or in its unit).
    public static func readsRecords(_ roles: Set<Role>) -> Bool { !roles.isDisjoint(with: headquarters.union(unitReaders)) }

    /// A list with no unit filter (HQ).
    public static func seesAll(_ roles: Set<Role>) -> Bool { !roles.isDisjoint(with: headquarters) }

    /// A proposal names a penalty: an amount above zero, a text, or both.
    public static func isCompleteProposal(amountFen: Int64?, text: String?) -> Bool {
        if let amountFen, amountFen <= 0 { return false }
        return amountFen != nil || !(text ?? "").isEmpty
    }

    /// The loss's value: the lines' values added (fen, exact).
    public static func totalFen(_ lineValues: [Int64]) -> Int64 { lineValues.reduce(0, +) }

    /// The most lines a record holds.
    public static let maximumLines = 20
}
