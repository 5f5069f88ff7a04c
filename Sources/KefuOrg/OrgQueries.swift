import KefuDomain
import KefuPlatform
import SQLKit

/// Small reads of the organisation shared by the services.
public enum OrgQueries {
    static let principalColumns = "u.id AS user_id, u.username, u.display_name, u.org_unit_id, u.roles, u.locale, u.customer_id, o.path AS org_path"

    /// True when the unit `o` and every unit above it are active (#10.14: users of a deactivated unit neither sign in
    /// nor keep working with an existing session or token). A unit's path starts with the path of each of its ancestors.
    static let unitsActive = "NOT EXISTS (SELECT 1 FROM org_units a WHERE a.active = 0 AND substr(o.path, 1, length(a.path)) = a.path)"

    static func principal(_ row: any SQLRow) throws -> Principal {
        Principal(
            userId: try row.decode(column: "user_id", as: String.self),
            username: try row.decode(column: "username", as: String.self),
            displayName: try row.decode(column: "display_name", as: String.self),
            orgUnitId: try row.decode(column: "org_unit_id", as: String.self),
            orgPath: try row.decode(column: "org_path", as: String.self),
            roles: Set(RoleList.decode(try row.decode(column: "roles", as: String.self))),
            locale: AppLocale(rawValue: try row.decode(column: "locale", as: String.self)) ?? .zhCN,
            customerId: try row.decode(column: "customer_id", as: String?.self)
        )
    }

    public static func unitPath(_ db: any SQLDatabase, unitId: String) async throws -> String? {
        try await db.raw("SELECT path FROM org_units WHERE id = \(bind: unitId)").first()?.decode(column: "path", as: String.self)
    }

    public static func userUnitPath(_ db: any SQLDatabase, userId: String) async throws -> String? {
        try await db.raw("SELECT o.path FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.id = \(bind: userId)")
            .first()?.decode(column: "path", as: String.self)
    }

    public struct UserSummary: Codable, Sendable {
        public let id: String
        public let displayName: String
        public let orgUnitId: String
        public let orgPath: String
        public let roles: [String]
        public let active: Bool
    }

    public static func userSummary(_ db: any SQLDatabase, userId: String) async throws -> UserSummary? {
        guard let row = try await db.raw("""
            SELECT u.id, u.display_name, u.org_unit_id, u.roles, u.active, o.path FROM users u JOIN org_units o ON o.id = u.org_unit_id
            WHERE u.id = \(bind: userId)
            """).first() else { return nil }
        return UserSummary(
            id: try row.decode(column: "id", as: String.self),
            displayName: try row.decode(column: "display_name", as: String.self),
            orgUnitId: try row.decode(column: "org_unit_id", as: String.self),
            orgPath: try row.decode(column: "path", as: String.self),
            roles: RoleList.decode(try row.decode(column: "roles", as: String.self)).map(\.rawValue),
            active: try row.decode(column: "active", as: Int.self) == 1
        )
    }

    public struct UnitSummary: Codable, Sendable {
        public let id: String
        public let code: String
        public let name: String
        public let kind: String
        public let path: String
        public let active: Bool
    }

    public static func unitSummary(_ db: any SQLDatabase, unitId: String) async throws -> UnitSummary? {
        guard let row = try await db.raw("SELECT id, code, name, kind, path, active FROM org_units WHERE id = \(bind: unitId)").first() else { return nil }
        return UnitSummary(
            id: try row.decode(column: "id", as: String.self),
            code: try row.decode(column: "code", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            kind: try row.decode(column: "kind", as: String.self),
            path: try row.decode(column: "path", as: String.self),
            active: try row.decode(column: "active", as: Int.self) == 1
        )
    }

    /// #16.4: the unit with this code (the chat widget's `/chat/{orgUnitCode}`); nil when there is none.
    public static func unitSummary(_ db: any SQLDatabase, code: String) async throws -> UnitSummary? {
        guard let id = try await db.raw("SELECT id FROM org_units WHERE code = \(bind: code)").first()?.decode(column: "id", as: String.self) else { return nil }
        return try await unitSummary(db, unitId: id)
    }

    /// Display names by id, for timelines and lists.
    public static func displayNames(_ db: any SQLDatabase, ids: Set<String>) async throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        let list = SQLList(ids.sorted().map { SQLBind($0) })
        return Dictionary(uniqueKeysWithValues: try await db.raw("SELECT id, display_name FROM users WHERE id IN (\(list))").all().map {
            (try $0.decode(column: "id", as: String.self), try $0.decode(column: "display_name", as: String.self))
        })
    }

    public static func unitNames(_ db: any SQLDatabase, ids: Set<String>) async throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        let list = SQLList(ids.sorted().map { SQLBind($0) })
        return Dictionary(uniqueKeysWithValues: try await db.raw("SELECT id, name FROM org_units WHERE id IN (\(list))").all().map {
            (try $0.decode(column: "id", as: String.self), try $0.decode(column: "name", as: String.self))
        })
    }
}

extension OrgQueries {
    /// Active units in tree order, for pickers of other features.
    public static func activeUnits(_ db: any SQLDatabase) async throws -> [(id: String, name: String, path: String)] {
        try await db.raw("SELECT id, name, path FROM org_units WHERE active = 1 ORDER BY path").all().map {
            (try $0.decode(column: "id", as: String.self), try $0.decode(column: "name", as: String.self), try $0.decode(column: "path", as: String.self))
        }
    }

    /// Active users holding any of `roles`, by display name, for pickers of other features: those of the unit at `path`
    /// and below (#16.3: an administrator's pickers offer their own units' staff).
    public static func activeUsers(_ db: any SQLDatabase, withAnyOf roles: Set<Role>, underPath path: String) async throws -> [(id: String, name: String)] {
        try await db.raw("""
            SELECT u.id, u.display_name, u.roles FROM users u JOIN org_units o ON o.id = u.org_unit_id
            WHERE u.active = 1 AND o.path LIKE \(bind: path + "%") ORDER BY u.display_name
            """).all().compactMap { row in
            guard !Set(RoleList.decode(try row.decode(column: "roles", as: String.self))).isDisjoint(with: roles) else { return nil }
            return (try row.decode(column: "id", as: String.self), try row.decode(column: "display_name", as: String.self))
        }
    }

    /// The same, in every unit.
    public static func activeUsers(_ db: any SQLDatabase, withAnyOf roles: Set<Role>) async throws -> [(id: String, name: String)] {
        try await activeUsers(db, withAnyOf: roles, underPath: "")
    }
}
