/// Requests for a new item code (SPEC MAT-05, #12.5): only 业务管理部 adds item codes; a site needing one sends photos
/// (distant view, close-up, spec/model) to its business department, which forwards the request to HQ.

/// draft → submitted (by the site) → forwarded (by the department) → approved (HQ creates the item) | rejected (reason).
public enum ItemRequestStatus: String, CaseIterable, Codable, Sendable {
    case draft, submitted, forwarded, approved, rejected
}

/// MAT-05: the three photos a request carries before it may be submitted.
public enum ItemRequestPhotoKind: String, CaseIterable, Codable, Sendable {
    /// 远景
    case distant
    /// 近景
    case closeUp = "close_up"
    /// 规格型号（铭牌）
    case spec
}

public enum ItemRequestAction: String, CaseIterable, Sendable {
    case submit, forward, approve, reject
}

public enum ItemRequestRules {
    /// Who asks: the site's keeper or chief, or the department's accountant (decision #12.5: a department may ask for
    /// itself, its request then starts at the department and is forwarded by it).
    public static let requesters: Set<Role> = [.siteKeeper, .siteLead, .deptAccountant]
    /// Who forwards to HQ: the business department (accountant or manager) above the requesting unit.
    public static let forwarders: Set<Role> = [.deptAccountant, .deptManager]
    /// Who decides: the HQ materials office (MAT-05), as the only role that adds item codes.
    public static let deciders: Set<Role> = [.mgmtMaterials]

    /// The state an action needs and the state it leaves. Reject is allowed on a submitted request (the department
    /// refuses to forward it) and on a forwarded one (HQ refuses it).
    public static func next(_ status: ItemRequestStatus, _ action: ItemRequestAction) -> ItemRequestStatus? {
        switch (action, status) {
        case (.submit, .draft): return .submitted
        case (.forward, .submitted): return .forwarded
        case (.approve, .forwarded): return .approved
        case (.reject, .submitted), (.reject, .forwarded): return .rejected
        default: return nil
        }
    }

    /// Who may take `action` on a request of the unit at `requestPath` in `status`. `userPath`: the actor's unit.
    public static func mayAct(_ action: ItemRequestAction, status: ItemRequestStatus, roles: Set<Role>, userPath: String, requestPath: String) -> Bool {
        let covers = OrgPath.contains(userPath, requestPath)
        switch action {
        case .submit:
            return covers && !roles.isDisjoint(with: requesters)
        case .forward:
            return covers && !roles.isDisjoint(with: forwarders)
        case .approve:
            return covers && !roles.isDisjoint(with: deciders)
        case .reject:
            if status == .forwarded { return covers && !roles.isDisjoint(with: deciders) }
            return covers && !roles.isDisjoint(with: forwarders.union(deciders))
        }
    }

    /// Who opens a draft: the requesters, and the HQ materials office recording a request it received on paper for a
    /// unit (decision #12.5); only the requesting unit submits it.
    public static let creators: Set<Role> = requesters.union(deciders)

    /// May create a request for the unit at `requestPath` (its own unit or below).
    public static func mayCreate(roles: Set<Role>, userPath: String, requestPath: String) -> Bool {
        OrgPath.contains(userPath, requestPath) && !roles.isDisjoint(with: creators)
    }

    /// MAT-05: the photo kinds still missing before submit, in the order the site takes them.
    public static func missingPhotos(_ present: Set<ItemRequestPhotoKind>) -> [ItemRequestPhotoKind] {
        ItemRequestPhotoKind.allCases.filter { !present.contains($0) }
    }
}
