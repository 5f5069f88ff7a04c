import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #10.3: whether a customer record lies in an administrator's scope. The service desk owns customers and answers;
/// the composition root passes its check in.
public typealias CustomerScopeCheck = @Sendable (any SQLDatabase, _ customerId: String, _ actor: Principal) async throws -> Bool

/// Every change to org units and users: permission, validation, one transaction, audit.
public struct OrgService: Sendable {
    let store: any Store
    let customerInScope: CustomerScopeCheck?

    public init(store: any Store, customerInScope: CustomerScopeCheck? = nil) {
        self.store = store
        self.customerInScope = customerInScope
    }

    /// #10.3: a `customer` account is linked only to a customer in the administrator's scope; else 404.
    func requireCustomerInScope(_ db: any SQLDatabase, _ raw: String?, _ actor: Principal) async throws {
        guard let id = TextRules.trimmed(raw), let check = customerInScope else { return }
        guard try await check(db, id, actor) else { throw AppError.notFound(Text("客户", "Customer")) }
    }

    // MARK: units

    public struct UnitInput: Codable, Sendable {
        public var code: String?
        public var name: String?
        public var kind: String?
        public var parentId: String?
        public var active: Bool?
        public init(code: String? = nil, name: String? = nil, kind: String? = nil, parentId: String? = nil, active: Bool? = nil) {
            self.code = code; self.name = name; self.kind = kind; self.parentId = parentId; self.active = active
        }
    }

    static func requireAdmin(_ actor: Principal) throws {
        guard actor.isAdmin else {
            throw AppError.forbidden(Text("只有系统管理员可以管理组织和用户", "Only administrators manage the organisation and users"))
        }
    }

    /// #10.3: roles that act beyond a unit are given (and their holders managed) by head-office administrators only.
    static func requireMayGrant(_ roles: Set<Role>, _ actor: Principal) throws {
        guard RoleGrants.mayGrant(roles, byRoles: actor.roles, userPath: actor.orgPath) else {
            let names = roles.intersection(RoleGrants.companyWide).map(\.rawValue).sorted().joined(separator: ", ")
            throw AppError.forbidden(Text("只有总部管理员可以授予或管理跨单位的角色（{0}）", "Only a head-office administrator gives or manages roles that act beyond a unit ({0})").with(names))
        }
    }

    static func outOfScope() -> AppError {
        AppError.forbidden(Text("该组织不在您的管辖范围内", "That org unit is outside your scope"))
    }

    public func createUnit(_ input: UnitInput, by actor: Principal) async throws -> OrgUnitRecord {
        try Self.requireAdmin(actor)
        guard let code = TextRules.trimmed(input.code), TextRules.isValidCode(code) else {
            throw AppError.validation("code", Text("编码必填，只能包含字母、数字、-、_、.，最长 40 位", "code is required: letters, digits, - _ . only, at most 40"))
        }
        let name = try Self.validName(input.name)
        guard let kindRaw = input.kind, let kind = OrgUnitKind(rawValue: kindRaw) else {
            throw AppError.validation("kind", Text("请选择组织类型：管理、业务、站点或部门", "kind must be management, business, site or department"))
        }
        guard let parentId = TextRules.trimmed(input.parentId) else {
            throw AppError.validation("parentId", Text("请选择上级组织", "parentId is required"))
        }
        return try await store.write { db in
            guard let parentPath = try await OrgQueries.unitPath(db, unitId: parentId) else {
                throw AppError.validation("parentId", Text("上级组织不存在", "The parent unit does not exist"))
            }
            guard actor.covers(unitPath: parentPath) else { throw Self.outOfScope() }
            if try await db.raw("SELECT 1 AS x FROM org_units WHERE code = \(bind: code)").first() != nil {
                throw AppError.conflict("code_taken", Text("编码 {0} 已被使用", "Code {0} is already used").with(code))
            }
            let id = Clock.newID()
            let now = Clock.millis()
            let path = OrgPath.child(of: parentPath, id: id)
            try await db.raw("""
                INSERT INTO org_units (id, code, name, kind, parent_id, path, active, created_at, updated_at)
                VALUES (\(bind: id), \(bind: code), \(bind: name), \(bind: kind.rawValue), \(bind: parentId), \(bind: path), 1, \(bind: now), \(bind: now))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "org_unit.create", entity: "org_unit", entityId: id,
                                        detail: ["code": code, "name": name, "kind": kind.rawValue, "parentId": parentId])
            return try await Self.unit(db, id: id)!
        }
    }

    /// Name, kind and active can change; the code and the place in the tree stay (ticket scopes hang on them).
    public func updateUnit(id: String, _ input: UnitInput, by actor: Principal) async throws -> OrgUnitRecord {
        try Self.requireAdmin(actor)
        let name = try input.name.map { try Self.validName($0) }
        let kind = try input.kind.map { raw -> OrgUnitKind in
            guard let k = OrgUnitKind(rawValue: raw) else {
                throw AppError.validation("kind", Text("请选择组织类型：管理、业务、站点或部门", "kind must be management, business, site or department"))
            }
            return k
        }
        if input.code != nil || input.parentId != nil {
            throw AppError.validation("code", Text("组织编码和上级组织创建后不能修改", "An org unit's code and parent cannot change after creation"))
        }
        return try await store.write { db in
            guard let current = try await Self.unit(db, id: id) else { throw AppError.notFound(Text("组织", "Org unit")) }
            guard actor.covers(unitPath: current.path) else { throw Self.outOfScope() }
            if input.active == false, current.path == actor.orgPath {
                throw AppError.conflict("own_unit", Text("不能停用自己所在的组织", "You cannot deactivate your own unit"))
            }
            let newName = name ?? current.name
            let newKind = kind?.rawValue ?? current.kind
            let newActive = (input.active ?? current.active) ? 1 : 0
            try await db.raw("""
                UPDATE org_units SET name = \(bind: newName), kind = \(bind: newKind), active = \(bind: newActive), updated_at = \(bind: Clock.millis())
                WHERE id = \(bind: id)
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "org_unit.update", entity: "org_unit", entityId: id,
                                        detail: ["name": newName, "kind": newKind, "active": String(newActive)])
            return try await Self.unit(db, id: id)!
        }
    }

    static func validName(_ raw: String?) throws -> String {
        guard let name = TextRules.trimmed(raw), name.count <= 100 else {
            throw AppError.validation("name", Text("名称必填，最长 100 字", "name is required, at most 100 characters"))
        }
        return name
    }

    static func unit(_ db: any SQLDatabase, id: String) async throws -> OrgUnitRecord? {
        try await db.raw("SELECT \(unsafeRaw: OrgUnitRecord.columns) FROM org_units WHERE id = \(bind: id)").first().map { try OrgUnitRecord(row: $0) }
    }

    public func unit(id: String, viewer: Principal) async throws -> OrgUnitRecord {
        try Self.requireStaff(viewer)
        guard let unit = try await store.read({ db in try await Self.unit(db, id: id) }) else {
            throw AppError.notFound(Text("组织", "Org unit"))
        }
        return unit
    }

    static func requireStaff(_ viewer: Principal) throws {
        if viewer.isCustomer { throw AppError.forbidden() }
    }

    /// Staff see the whole tree (to forward tickets to any department); customers see none of it.
    public func units(viewer: Principal, paging: Paging, includeInactive: Bool = true) async throws -> ListPage<OrgUnitRecord> {
        try Self.requireStaff(viewer)
        return try await store.read { db in try await Self.units(db, paging: paging, includeInactive: includeInactive) }
    }

    static func units(_ db: any SQLDatabase, paging: Paging, includeInactive: Bool) async throws -> ListPage<OrgUnitRecord> {
        let filter: SQLQueryString = includeInactive ? "1 = 1" : "active = 1"
        let total = try await db.raw("SELECT COUNT(*) AS n FROM org_units WHERE \(filter)").first()!.decode(column: "n", as: Int.self)
        let items = try await db.raw("""
            SELECT \(unsafeRaw: OrgUnitRecord.columns) FROM org_units WHERE \(filter) ORDER BY path LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map { try OrgUnitRecord(row: $0) }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }

    /// The audit trail of one record, for administrators whose scope covers the whole organisation.
    public func auditTrail(entity: String, entityId: String, viewer: Principal) async throws -> [AuditTrail.Entry] {
        guard viewer.isAdmin, viewer.coversWholeOrganisation else {
            throw AppError.forbidden(Text("只有总部系统管理员可以查看审计记录", "Only head-office administrators can read the audit trail"))
        }
        return try await store.read { db in try await AuditTrail.entries(db, entity: entity, entityId: entityId) }
    }

    // MARK: users

    public struct UserInput: Codable, Sendable {
        public var username: String?
        public var password: String?
        public var displayName: String?
        public var orgUnitId: String?
        public var roles: [String]?
        public var locale: String?
        public var active: Bool?
        public var customerId: String?
        /// #10.8: a user changing their own password proves the current one.
        public var currentPassword: String?
        /// #10.8: a password change or reset revokes the user's API tokens unless this is true.
        public var keepTokens: Bool?
        public init(username: String? = nil, password: String? = nil, displayName: String? = nil, orgUnitId: String? = nil,
                    roles: [String]? = nil, locale: String? = nil, active: Bool? = nil, customerId: String? = nil,
                    currentPassword: String? = nil, keepTokens: Bool? = nil) {
            self.username = username; self.password = password; self.displayName = displayName; self.orgUnitId = orgUnitId
            self.roles = roles; self.locale = locale; self.active = active; self.customerId = customerId
            self.currentPassword = currentPassword; self.keepTokens = keepTokens
        }
    }

    static func validRoles(_ raw: [String]?) throws -> [Role] {
        guard let raw, !raw.isEmpty else {
            throw AppError.validation("roles", Text("至少选择一个角色", "At least one role is required"))
        }
        return try raw.map { code in
            guard let role = Role(rawValue: code) else {
                throw AppError.validation("roles", Text("未知角色 {0}", "Unknown role {0}").with(code))
            }
            return role
        }
    }

    /// #10.15: PasswordPolicy for create, reset and change.
    static func validPassword(_ raw: String?, username: String?) throws -> String {
        let p = raw ?? ""
        guard let problem = PasswordPolicy.check(p, username: username) else { return p }
        let message: Text
        switch problem {
        case .tooShort, .tooLong:
            message = Text("密码长度需为 8–256 个字符（可以使用空格和长句）", "A password has 8 to 256 characters (spaces and long passphrases are welcome)")
        case .controlCharacters:
            message = Text("密码不能包含控制字符", "A password cannot contain control characters")
        case .trivial:
            message = Text("密码过于简单（重复字符、连续数字或字母、键盘顺序），请换一个", "The password is too simple (repeated characters, a run of digits or letters, a keyboard row); choose another")
        case .common:
            message = Text("这是最常见的密码之一，请换一个", "This is one of the most common passwords; choose another")
        case .containsUsername:
            message = Text("密码不能是用户名或与用户名过于相近", "The password cannot be the username or close to it")
        }
        throw AppError.validation("password", message)
    }

    static let maxCustomerIdLength = 64

    static func validCustomerId(_ raw: String?) throws -> String? {
        guard let id = TextRules.trimmed(raw) else { return nil }
        guard id.count <= maxCustomerIdLength else {
            throw AppError.validation("customerId", Text("客户编号最长 64 位", "customerId has at most 64 characters"))
        }
        return id
    }

    static func validLocale(_ raw: String?) throws -> AppLocale {
        guard let raw else { return .zhCN }
        guard let l = AppLocale(rawValue: raw) else {
            throw AppError.validation("locale", Text("语言只能是 zh-CN 或 en", "locale must be zh-CN or en"))
        }
        return l
    }

    public func createUser(_ input: UserInput, by actor: Principal) async throws -> UserRecord {
        try Self.requireAdmin(actor)
        guard let username = TextRules.trimmed(input.username), TextRules.isValidUsername(username) else {
            throw AppError.validation("username", Text("用户名 2–40 位，只能包含字母、数字、-、_、.", "username: 2–40 letters, digits, - _ ."))
        }
        let password = try Self.validPassword(input.password, username: username)
        let customerId = try Self.validCustomerId(input.customerId)
        guard let displayName = TextRules.trimmed(input.displayName), displayName.count <= 100 else {
            throw AppError.validation("displayName", Text("姓名必填，最长 100 字", "displayName is required, at most 100 characters"))
        }
        guard let unitId = TextRules.trimmed(input.orgUnitId) else {
            throw AppError.validation("orgUnitId", Text("请选择所属组织", "orgUnitId is required"))
        }
        let roles = try Self.validRoles(input.roles)
        try Self.requireMayGrant(Set(roles), actor)
        let locale = try Self.validLocale(input.locale)
        let hash = try await Secrets.hashPassword(password)
        return try await store.write { db in
            guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId) else {
                throw AppError.validation("orgUnitId", Text("所属组织不存在", "The org unit does not exist"))
            }
            guard actor.covers(unitPath: unit.path) else { throw Self.outOfScope() }
            try await requireCustomerInScope(db, input.customerId, actor)
            guard unit.active else {
                throw AppError.validation("orgUnitId", Text("所属组织已停用", "The org unit is deactivated"))
            }
            // Sign-in throttling folds case (#10.4), so `Admin` next to `admin` is refused too.
            if try await db.raw("SELECT 1 AS x FROM users WHERE LOWER(username) = \(bind: username.lowercased())").first() != nil {
                throw AppError.conflict("username_taken", Text("用户名 {0} 已存在", "Username {0} is already taken").with(username))
            }
            let id = Clock.newID()
            let now = Clock.millis()
            try await db.raw("""
                INSERT INTO users (id, username, password_hash, display_name, org_unit_id, roles, locale, active, customer_id, created_at, updated_at)
                VALUES (\(bind: id), \(bind: username), \(bind: hash), \(bind: displayName), \(bind: unitId), \(bind: RoleList.encode(roles)),
                        \(bind: locale.rawValue), 1, \(bind: customerId), \(bind: now), \(bind: now))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "user.create", entity: "user", entityId: id,
                                        detail: ["username": username, "orgUnitId": unitId, "roles": RoleList.encode(roles)])
            return try await Self.user(db, id: id)!
        }
    }

    /// Users are never deleted (they have history); `active: false` deactivates and ends their sessions and tokens.
    /// `current` is how the actor is signed in now: changing one's own password keeps that one session or token (#10.8).
    public func updateUser(id: String, _ input: UserInput, by actor: Principal, current: Credential? = nil) async throws -> UserRecord {
        let isSelf = id == actor.userId
        let onlyOwnSettings = input.username == nil && input.displayName == nil && input.orgUnitId == nil && input.roles == nil
            && input.active == nil && input.customerId == nil
        if !(isSelf && onlyOwnSettings) { try Self.requireAdmin(actor) }
        if input.username != nil {
            throw AppError.validation("username", Text("用户名创建后不能修改", "A username cannot change"))
        }
        let displayName = try input.displayName.map { raw -> String in
            guard let d = TextRules.trimmed(raw), d.count <= 100 else {
                throw AppError.validation("displayName", Text("姓名必填，最长 100 字", "displayName is required, at most 100 characters"))
            }
            return d
        }
        let roles = try input.roles.map { try Self.validRoles($0) }
        let locale = try input.locale.map { try Self.validLocale($0) }
        let customerId = try input.customerId.map { try Self.validCustomerId($0) ?? "" }
        if isSelf, input.active == false {
            throw AppError.conflict("self_deactivation", Text("不能停用自己的账号", "You cannot deactivate yourself"))
        }
        var newHash: String?
        if let password = input.password {
            guard let stored = try await store.read({ db in
                try await db.raw("SELECT username, password_hash FROM users WHERE id = \(bind: id)").first()
            }) else { throw AppError.notFound(Text("用户", "User")) }
            let valid = try Self.validPassword(password, username: try stored.decode(column: "username", as: String.self))
            if isSelf {
                // #10.8: a stolen session or token alone cannot take the account over.
                let currentPassword = input.currentPassword ?? ""
                guard currentPassword.count <= PasswordPolicy.maxSignInLength,
                      try await Secrets.verifyPassword(currentPassword, hash: try stored.decode(column: "password_hash", as: String.self)) else {
                    throw AppError.validation("currentPassword", Text("当前密码不正确", "The current password is wrong"))
                }
            }
            newHash = try await Secrets.hashPassword(valid)
        }
        let hash = newHash
        let keeping = isSelf ? current : nil
        return try await store.write { db in
            guard let current = try await OrgQueries.userSummary(db, userId: id) else { throw AppError.notFound(Text("用户", "User")) }
            if !isSelf { guard actor.covers(unitPath: current.orgPath) else { throw Self.outOfScope() } }
            if roles != nil || !isSelf {
                try Self.requireMayGrant(Set(roles ?? []).union(isSelf ? [] : Role.set(current.roles)), actor)
            }
            var sets: [SQLQueryString] = []
            var changed: [String: String] = [:]
            if let displayName { sets.append("display_name = \(bind: displayName)"); changed["displayName"] = displayName }
            if let roles { sets.append("roles = \(bind: RoleList.encode(roles))"); changed["roles"] = RoleList.encode(roles) }
            if let locale { sets.append("locale = \(bind: locale.rawValue)"); changed["locale"] = locale.rawValue }
            if let hash { sets.append("password_hash = \(bind: hash)"); changed["password"] = "changed" }
            if let customerId {
                if !customerId.isEmpty { try await requireCustomerInScope(db, customerId, actor) }
                sets.append("customer_id = \(bind: customerId.isEmpty ? nil : customerId)"); changed["customerId"] = customerId
            }
            if let unitId = input.orgUnitId {
                guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId) else {
                    throw AppError.validation("orgUnitId", Text("所属组织不存在", "The org unit does not exist"))
                }
                guard actor.covers(unitPath: unit.path) else { throw Self.outOfScope() }
                sets.append("org_unit_id = \(bind: unitId)"); changed["orgUnitId"] = unitId
            }
            if let active = input.active { sets.append("active = \(bind: active ? 1 : 0)"); changed["active"] = String(active) }
            if !sets.isEmpty {
                sets.append("updated_at = \(bind: Clock.millis())")
                try await db.raw("UPDATE users SET \(SQLList(sets)) WHERE id = \(bind: id)").run()
            }
            if input.active == false {
                // A deactivated user loses every way in.
                try await Credential.revokeAll(db, userId: id, keeping: nil, tokensToo: true)
            } else if hash != nil {
                // #10.8: a changed or reset password ends every other session and (unless kept by choice) every API token;
                // one's own change keeps the session or token it was made with.
                try await Credential.revokeAll(db, userId: id, keeping: keeping, tokensToo: input.keepTokens != true)
                if input.keepTokens == true { changed["keepTokens"] = "true" }
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "user.update", entity: "user", entityId: id, detail: changed)
            return try await Self.user(db, id: id)!
        }
    }

    static func user(_ db: any SQLDatabase, id: String) async throws -> UserRecord? {
        try await db.raw("SELECT \(unsafeRaw: UserRecord.columns) FROM users u WHERE u.id = \(bind: id)").first().map { try UserRecord(row: $0) }
    }

    public func user(id: String, viewer: Principal) async throws -> UserRecord {
        // Staff see any colleague (to forward and assign work); customers only themselves.
        if id != viewer.userId { try Self.requireStaff(viewer) }
        guard let user = try await store.read({ db in try await Self.user(db, id: id) }) else {
            throw AppError.notFound(Text("用户", "User"))
        }
        return user
    }

    public struct UserFilter: Sendable {
        public var orgUnitId: String?
        public var role: String?
        public var q: String?
        public var activeOnly: Bool
        public init(orgUnitId: String? = nil, role: String? = nil, q: String? = nil, activeOnly: Bool = false) {
            self.orgUnitId = orgUnitId; self.role = role; self.q = q; self.activeOnly = activeOnly
        }
    }

    /// Staff list users (to assign work); admins manage those in their scope.
    public func users(viewer: Principal, filter: UserFilter, paging: Paging) async throws -> ListPage<UserRecord> {
        try Self.requireStaff(viewer)
        return try await store.read { db in try await Self.users(db, filter: filter, paging: paging) }
    }

    static func users(_ db: any SQLDatabase, filter: UserFilter, paging: Paging) async throws -> ListPage<UserRecord> {
        var conditions: [SQLQueryString] = ["1 = 1"]
        if let unit = filter.orgUnitId { conditions.append("u.org_unit_id = \(bind: unit)") }
        if let role = filter.role { conditions.append("(',' || u.roles || ',') LIKE \(bind: "%," + role + ",%")") }
        if let q = TextRules.trimmed(filter.q) {
            let like = "%" + q.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            conditions.append("(u.username LIKE \(bind: like) OR u.display_name LIKE \(bind: like))")
        }
        if filter.activeOnly { conditions.append("u.active = 1") }
        let whereClause = SQLList(conditions, separator: SQLRaw(" AND "))
        let total = try await db.raw("SELECT COUNT(*) AS n FROM users u WHERE \(whereClause)").first()!.decode(column: "n", as: Int.self)
        let items = try await db.raw("""
            SELECT \(unsafeRaw: UserRecord.columns) FROM users u WHERE \(whereClause)
            ORDER BY u.username LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map { try UserRecord(row: $0) }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }
}
