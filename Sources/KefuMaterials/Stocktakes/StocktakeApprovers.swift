import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// D5: a business department's stocktake approver as configured (none: the department manager, the default).
public struct StocktakeApproverRow: Codable, Sendable {
    public let departmentId: String
    public let departmentCode: String
    public let departmentName: String
    /// The named role, or nil.
    public let role: String?
    /// The named person, or nil.
    public let userId: String?
    public let userName: String?
    /// True while nothing is named (the department manager approves).
    public let isDefault: Bool
    /// Whether the caller may change it (an administrator of the department or above).
    public let canEdit: Bool
}

/// `PUT /api/v1/stocktake-approvers/{departmentId}`: a role, or a person by id or username; neither: back to the default.
public struct StocktakeApproverInput: Codable, Sendable {
    public var role: String?
    public var userId: String?
    public var username: String?

    public init(role: String? = nil, userId: String? = nil, username: String? = nil) {
        self.role = role; self.userId = userId; self.username = username
    }
}

enum StocktakeApproverQueries {
    static func configured(_ db: any SQLDatabase, departmentId: String) async throws -> StocktakeApprover? {
        guard let row = try await db.raw("SELECT approver_role, approver_user_id FROM stocktake_approvers WHERE department_id = \(bind: departmentId)").first() else {
            return nil
        }
        return StocktakeApprover(role: try row.decode(column: "approver_role", as: String?.self).flatMap(Role.init(rawValue:)),
                                 userId: try row.decode(column: "approver_user_id", as: String?.self))
    }

    /// The approver configured for the one business department all the stocktake's warehouses belong to (nil: the
    /// default, also for a stocktake spanning departments).
    static func forStocktake(_ db: any SQLDatabase, id: String) async throws -> StocktakeApprover? {
        let departments = Set(try await StocktakeQueries.warehouses(db, id: id).map { $0.departmentId ?? "" })
        guard departments.count == 1, let department = departments.first, !department.isEmpty else { return nil }
        return try await configured(db, departmentId: department)
    }

    /// The stocktake's approver for its view: the configured one, else the default rule (D5: the department manager).
    static func approverView(_ configured: StocktakeApprover?, names: [String: String]) -> StocktakeView.Approver {
        if let userId = configured?.userId {
            return .init(rule: "user", role: nil, userId: userId, userName: names[userId])
        }
        if let role = configured?.role { return .init(rule: "role", role: role.rawValue, userId: nil, userName: nil) }
        return .init(rule: "department_manager", role: Role.deptManager.rawValue, userId: nil, userName: nil)
    }

    static func mayEdit(_ viewer: Principal, departmentPath: String) -> Bool {
        !viewer.roles.isDisjoint(with: StocktakeApproval.configurators) && viewer.covers(unitPath: departmentPath)
    }

    /// The business departments the viewer sees (every one for HQ and accountants, else its own and those below it).
    static func rows(_ db: any SQLDatabase, viewer: Principal) async throws -> [StocktakeApproverRow] {
        let all = MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath)
        let departments = try await OrgQueries.activeUnitSummaries(db).filter {
            $0.kind == OrgUnitKind.business.rawValue && (all || viewer.covers(unitPath: $0.path) || OrgPath.contains($0.path, viewer.orgPath))
        }
        var configured: [String: (role: String?, userId: String?)] = [:]
        for row in try await db.raw("SELECT department_id, approver_role, approver_user_id FROM stocktake_approvers").all() {
            configured[try row.decode(column: "department_id", as: String.self)] =
                (try row.decode(column: "approver_role", as: String?.self), try row.decode(column: "approver_user_id", as: String?.self))
        }
        let names = try await OrgQueries.displayNames(db, ids: Set(configured.values.compactMap(\.userId)))
        return departments.map { d in
            let c = configured[d.id]
            return StocktakeApproverRow(departmentId: d.id, departmentCode: d.code, departmentName: d.name, role: c?.role, userId: c?.userId,
                                        userName: c?.userId.flatMap { names[$0] }, isDefault: c == nil, canEdit: mayEdit(viewer, departmentPath: d.path))
        }
    }
}

extension StocktakeService {
    /// D5 settings: each business department in scope with its approver (one read).
    public func approvers(viewer: Principal) async throws -> [StocktakeApproverRow] {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await StocktakeApproverQueries.rows(db, viewer: viewer) }
    }

    /// D5: an administrator of the department (or above) names its approver — a role or one person — or, naming
    /// neither, returns it to the default (the department manager). Audited.
    public func setApprover(departmentId: String, _ input: StocktakeApproverInput, by actor: Principal, now: Date = Date()) async throws -> StocktakeApproverRow {
        let typedRole = TextRules.trimmed(input.role)
        let typedPerson = TextRules.trimmed(input.userId) ?? TextRules.trimmed(input.username)
        return try await store.write { db in
            guard let department = try await OrgQueries.unitSummary(db, unitId: departmentId) else { throw AppError.notFound(Text("业务部", "Business department")) }
            guard StocktakeApproverQueries.mayEdit(actor, departmentPath: department.path) else {
                throw AppError.forbidden(Text("只有本业务部（或上级）的管理员可以指定盘点审批人（D5）", "Only an administrator of the department or above names its stocktake approver (D5)"))
            }
            guard department.kind == OrgUnitKind.business.rawValue, department.active else {
                throw AppError.validation("departmentId", Text("盘点审批人按业务部指定", "The stocktake approver is named per business department"))
            }
            let role = try typedRole.map { raw -> Role in
                guard let r = Role(rawValue: raw) else { throw AppError.validation("role", Text("没有角色 {0}", "There is no role {0}").with(raw)) }
                return r
            }
            var person: OrgQueries.UserSummary?
            if let typedPerson {
                guard let id = try await UserReferenceLookup.id(db, typedPerson), let found = try await OrgQueries.userSummary(db, userId: id) else {
                    throw AppError.validation("user", Text("没有用户 {0}", "There is no user {0}").with(typedPerson))
                }
                person = found
            }
            let problem = StocktakeApproval.problem(role: role, personGiven: person != nil, personActive: person?.active ?? false,
                                                    personRoles: Set((person?.roles ?? []).compactMap(Role.init(rawValue:))),
                                                    personCoversDepartment: person.map { OrgPath.contains($0.orgPath, department.path) } ?? false)
            switch problem {
            case .chooseOne?: throw AppError.validation("role", Text("请指定一个审批角色或一位审批人，不能同时指定", "Name a role or a person, not both"))
            case .roleNotNameable?: throw AppError.validation("role", Text("角色 {0} 不能审批盘点", "The role {0} cannot approve stocktakes").with(role?.rawValue ?? ""))
            case .personCannotApprove?:
                throw AppError.validation("user", Text("审批人须是启用的、在本业务部或上级单位、能查看物资账的用户",
                                                       "The approver must be an active user of the department or above who sees the material books"))
            case nil: break
            }
            let at = Clock.millis(now)
            try await db.raw("DELETE FROM stocktake_approvers WHERE department_id = \(bind: department.id)").run()
            if role != nil || person != nil {
                try await db.raw("""
                    INSERT INTO stocktake_approvers (department_id, approver_role, approver_user_id, updated_by, updated_at)
                    VALUES (\(bind: department.id), \(bind: role?.rawValue), \(bind: person?.id), \(bind: actor.userId), \(bind: at))
                    """).run()
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "set_approver", entity: "stocktake_approver", entityId: department.id,
                                        detail: ["role": role?.rawValue ?? "", "user": person?.id ?? "", "default": role == nil && person == nil ? "true" : "false"], at: at)
            return StocktakeApproverRow(departmentId: department.id, departmentCode: department.code, departmentName: department.name, role: role?.rawValue,
                                        userId: person?.id, userName: person?.displayName, isDefault: role == nil && person == nil, canEdit: true)
        }
    }
}
