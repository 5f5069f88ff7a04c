/// Material requests, the 内部联络单 (SPEC REQ-01..10, state machine 4.4, #13.1): a site asks its business department
/// for tools, consumables or spares; the site chief, the department planner (24 working hours, REQ-04), supervisor and
/// manager sign; 生产管理部 ships from stock or has procurement buy; the site confirms the arrival and the request closes.

/// 4.4's states, named as API.md names them.
public enum MaterialRequestState: String, CaseIterable, Codable, Sendable {
    case draft
    case siteReview = "site_review"
    case plannerReview = "planner_review"
    case supervisorReview = "supervisor_review"
    case managerReview = "manager_review"
    case sentToProduction = "sent_to_production"
    case shippingFromStock = "shipping_from_stock"
    case procurement
    case supplierShipping = "supplier_shipping"
    case arrived
    case closed

    /// The four signing steps (REQ-03..05): each may `approve` (sign) or `return` to the draft with a comment.
    public static let reviews: [MaterialRequestState] = [.siteReview, .plannerReview, .supervisorReview, .managerReview]

    public var isReview: Bool { Self.reviews.contains(self) }
    /// Still waiting for someone (REQ-08: tracked until the site confirms arrival).
    public var isOpen: Bool { self != .closed }
    /// The states in which the request has left the department (REQ-06): the HQ copy is filed.
    public var isFiledAtHQ: Bool { [.sentToProduction, .shippingFromStock, .procurement, .supplierShipping, .arrived, .closed].contains(self) }
}

/// The steps of 4.4 (`POST /api/v1/material-requests/{id}/{action}`).
public enum MaterialRequestAction: String, CaseIterable, Codable, Sendable {
    case submit, approve, `return`, decide, order, ship
    case confirmArrival = "confirm-arrival"
}

/// REQ-02: tools, consumables and spares are separate lists: one request, one kind.
public enum MaterialRequestKind: String, CaseIterable, Codable, Sendable {
    case tool, consumable
    case sparePart = "spare_part"

    /// The item-master category a line's item must have for a request of this kind.
    public var itemCategory: ItemCategory {
        switch self {
        case .tool: return .tool
        case .consumable: return .consumable
        case .sparePart: return .sparePart
        }
    }
}

/// REQ-02 紧急程度. (Decision #13.1: two levels; the seed names the field, not its values.)
public enum MaterialRequestUrgency: String, CaseIterable, Codable, Sendable {
    case normal, urgent
}

/// REQ-07: production covers the quantity from the production warehouse, or procurement buys.
public enum MaterialRequestSource: String, CaseIterable, Codable, Sendable {
    case stock, procurement
}

/// Who acts at each step, and where (a role acts in its unit and below; 生产管理部 and procurement serve every department).
public enum MaterialRequestFlow {
    /// Who opens a form: the site (keeper, chief; REQ-01), the department's planning office writing it with the site
    /// (REQ-04) or releasing urgently on its behalf (REQ-09), and 业务管理部 filing its own forms (REQ-10).
    public static let creators: Set<Role> = [.siteKeeper, .siteLead, .deptPlanner, .deptSupervisor, .deptManager, .mgmtPlanner, .mgmtMaterials]
    /// REQ-09: the business department obtains an urgent release from production on the site's behalf.
    public static let urgentReleasers: Set<Role> = [.deptPlanner, .deptSupervisor, .deptManager]
    /// Who signs each review step (REQ-03, REQ-04, REQ-05).
    public static func reviewer(_ state: MaterialRequestState) -> Role? {
        switch state {
        case .siteReview: return .siteLead
        case .plannerReview: return .deptPlanner
        case .supervisorReview: return .deptSupervisor
        case .managerReview: return .deptManager
        default: return nil
        }
    }
    public static let reviewers: Set<Role> = Set(MaterialRequestState.reviews.compactMap(reviewer))
    /// REQ-07: 生产管理部 decides and ships; procurement orders.
    public static let production: Set<Role> = [.production]
    public static let procurement: Set<Role> = [.procurement]
    /// The site confirms the arrival (REQ-08).
    public static let receivers: Set<Role> = [.siteKeeper, .siteLead]
    /// REQ-09: the department files the form afterwards (its manager signs the back-filled form).
    public static let backfillers: Set<Role> = [.deptManager]

    /// The roles that may take `action` at all (the route's audience); the state decides which of them signs a review.
    public static func actors(_ action: MaterialRequestAction) -> Set<Role> {
        switch action {
        case .submit: return creators
        case .approve, .return: return reviewers
        case .decide, .ship: return production
        case .order: return procurement
        case .confirmArrival: return receivers
        }
    }

    /// Company-wide actors: 生产管理部 and procurement act on every department's requests (REQ-06, REQ-07); the others
    /// on requests of their unit and below.
    public static func companyWide(_ action: MaterialRequestAction) -> Bool {
        [.decide, .ship, .order].contains(action)
    }

    /// May a user with `roles` at `userPath` take `action` on a request of the unit at `requestPath` in `state`?
    /// `false` when the role or scope is wrong (403); the state itself is `next`'s question (409).
    public static func mayAct(_ action: MaterialRequestAction, state: MaterialRequestState, roles: Set<Role>, userPath: String, requestPath: String) -> Bool {
        guard !roles.isDisjoint(with: actors(action)) else { return false }
        guard companyWide(action) || OrgPath.contains(userPath, requestPath) else { return false }
        if action == .approve || action == .return, let signer = reviewer(state) { return roles.contains(signer) }
        return true
    }

    /// Who sees a request: the material books' viewers in scope (D16), and 生产管理部 and procurement for every department.
    public static func canView(_ roles: Set<Role>, covers: Bool) -> Bool {
        MaterialPermissions.canView(roles, covers: covers) || !roles.isDisjoint(with: production.union(procurement))
    }

    public static func mayCreate(roles: Set<Role>, userPath: String, requestPath: String, urgent: Bool) -> Bool {
        guard OrgPath.contains(userPath, requestPath) else { return false }
        return !roles.isDisjoint(with: urgent ? urgentReleasers : creators)
    }

    /// 4.4: the state `action` leads to from `state`, nil when the state does not allow it. `source` is production's
    /// decision (only for `decide`); `shipped`: production has recorded the shipment from stock (needed before the
    /// site confirms an arrival from stock). `confirm-arrival` leads to `arrived`; the request then closes itself
    /// (`afterArrival`).
    public static func next(_ state: MaterialRequestState, _ action: MaterialRequestAction, source: MaterialRequestSource? = nil,
                            shipped: Bool = false) -> MaterialRequestState? {
        switch (action, state) {
        case (.submit, .draft): return .siteReview
        case (.approve, .siteReview): return .plannerReview
        case (.approve, .plannerReview): return .supervisorReview
        case (.approve, .supervisorReview): return .managerReview
        case (.approve, .managerReview): return .sentToProduction
        case (.return, let s) where s.isReview: return .draft
        case (.decide, .sentToProduction):
            switch source {
            case .stock: return .shippingFromStock
            case .procurement: return .procurement
            case nil: return nil
            }
        case (.order, .procurement): return .supplierShipping
        case (.ship, .shippingFromStock): return shipped ? nil : .shippingFromStock
        case (.confirmArrival, .shippingFromStock): return shipped ? .arrived : nil
        case (.confirmArrival, .supplierShipping): return .arrived
        default: return nil
        }
    }

    /// 4.4 `arrived → closed`: the site's arrival confirmation closes the request (issue #13: "the request closes itself").
    public static let afterArrival: MaterialRequestState = .closed

    /// Who the request waits for in `state` (REQ-08's progress report), nil once closed.
    public static func waitingFor(_ state: MaterialRequestState, shipped: Bool) -> Role? {
        switch state {
        case .draft: return .siteKeeper
        case .siteReview, .plannerReview, .supervisorReview, .managerReview: return reviewer(state)
        case .sentToProduction: return .production
        case .shippingFromStock: return shipped ? .siteKeeper : .production
        case .procurement: return .procurement
        case .supplierShipping, .arrived: return .siteKeeper
        case .closed: return nil
        }
    }

    // MARK: the planner's clock (REQ-04, SLA-05)

    /// REQ-04: the planner has 24 working hours from receipt (decision #13.1: hours of business time on the working-day
    /// calendar of #3, as the SLA clocks count them).
    public static let plannerHours = 24

    public static func plannerDue(enteredAt: Int64, on calendar: WorkCalendar) -> Int64 {
        calendar.adding(Int64(plannerHours) * 3_600_000, to: enteredAt, .businessHours)
    }

    /// Past due while the planner still has it.
    public static func plannerBreached(state: MaterialRequestState, dueAt: Int64?, now: Int64) -> Bool {
        guard state == .plannerReview, let dueAt else { return false }
        return now > dueAt
    }

    // MARK: the weekly progress report (REQ-08, RPT-05)

    /// REQ-08: the open requests' progress goes to the department's leaders every Monday (decision #13.1: Monday, local
    /// calendar day, whether or not it is a working day).
    public static func weeklyReportDue(on day: CivilDay) -> Bool { day.weekday == 1 }
    /// Who leads a business department and receives its weekly report.
    public static let leaders: Set<Role> = [.deptManager, .deptSupervisor, .deptPlanner]

    /// The business department a unit belongs to: the level under the centre (业务部 under 风电服务中心), nil for the centre.
    public static func department(of path: String) -> String? {
        let ids = OrgPath.ids(path)
        guard ids.count >= 2 else { return nil }
        return "/" + ids.prefix(2).joined(separator: "/") + "/"
    }

    // MARK: validation (REQ-02)

    public enum LineProblem: Equatable, Sendable {
        case noLines
        case quantityNotPositive(line: Int)
        case wrongKind(line: Int)
        case duplicateItem(line: Int)
    }

    /// REQ-02: at least one line; every quantity above zero; every item of the request's kind; an item once.
    /// `lines`: (item id, its category, quantity in thousandths).
    public static func problems(kind: MaterialRequestKind, lines: [(itemId: String, category: ItemCategory, milli: Int64)]) -> [LineProblem] {
        if lines.isEmpty { return [.noLines] }
        var seen: Set<String> = []
        var out: [LineProblem] = []
        for (i, line) in lines.enumerated() {
            if line.milli <= 0 { out.append(.quantityNotPositive(line: i + 1)) }
            if line.category != kind.itemCategory { out.append(.wrongKind(line: i + 1)) }
            if !seen.insert(line.itemId).inserted { out.append(.duplicateItem(line: i + 1)) }
        }
        return out
    }
}
