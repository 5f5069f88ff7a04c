import KefuDomain
import KefuPlatform
import SQLKit

/// #11.6: what other features may ask of the organisation's tables. A feature never names `org_units` or `users`
/// in its own SQL; where it needs them inside one of its statements it takes a fragment from here, so the
/// organisation's schema stays this feature's to change.
extension OrgQueries {
    /// SQL selecting the ids of the units at or below the path prefix `pathPrefix` (for `IN (…)`).
    public static func unitIdsUnder(pathPrefix: String) -> SQLQueryString {
        "SELECT id FROM org_units WHERE path LIKE \(bind: pathPrefix + "%")"
    }

    /// SQL condition: the user in `userColumn` belongs to a unit at or below `pathPrefix`.
    public static func userUnder(userColumn: String, pathPrefix: String) -> SQLQueryString {
        "EXISTS (SELECT 1 FROM users ou JOIN org_units oou ON oou.id = ou.org_unit_id WHERE ou.id = \(unsafeRaw: userColumn) AND oou.path LIKE \(bind: pathPrefix + "%"))"
    }

    /// SQL expression: the name of the unit whose id is in `idColumn` (NULL when none).
    public static func unitNameSQL(_ idColumn: String) -> String { "(SELECT oun.name FROM org_units oun WHERE oun.id = \(idColumn))" }

    /// SQL expression: the path of the unit whose id is in `idColumn` (NULL when none).
    public static func unitPathSQL(_ idColumn: String) -> String { "(SELECT oup.path FROM org_units oup WHERE oup.id = \(idColumn))" }

    /// SQL expression: the display name of the user whose id is in `idColumn` (NULL when none).
    public static func userNameSQL(_ idColumn: String) -> String { "(SELECT oud.display_name FROM users oud WHERE oud.id = \(idColumn))" }

    /// Active units in tree order with their codes (the warehouse form's choices).
    public static func activeUnitSummaries(_ db: any SQLDatabase) async throws -> [UnitSummary] {
        try await db.raw("SELECT id, code, name, kind, path, active FROM org_units WHERE active = 1 ORDER BY path").all().map {
            UnitSummary(id: try $0.decode(column: "id", as: String.self), code: try $0.decode(column: "code", as: String.self),
                        name: try $0.decode(column: "name", as: String.self), kind: try $0.decode(column: "kind", as: String.self),
                        path: try $0.decode(column: "path", as: String.self), active: true)
        }
    }

    /// The first unit of `kind` among `ids` (e.g. the 业务部 on a unit's path).
    public static func firstUnit(_ db: any SQLDatabase, ofKind kind: String, among ids: [String]) async throws -> String? {
        guard !ids.isEmpty else { return nil }
        return try await db.raw("SELECT id FROM org_units WHERE kind = \(bind: kind) AND id IN (\(SQLList(ids.map { SQLBind($0) })))")
            .all().first?.decode(column: "id", as: String.self)
    }

    /// Paths of the units `ids`, by id.
    public static func unitPaths(_ db: any SQLDatabase, ids: Set<String>) async throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await db.raw("SELECT id, path FROM org_units WHERE id IN (\(SQLList(ids.sorted().map { SQLBind($0) })))").all().map {
            (try $0.decode(column: "id", as: String.self), try $0.decode(column: "path", as: String.self))
        })
    }

    public struct ActiveMember: Sendable {
        public let id: String
        public let orgUnitId: String
        public let roles: Set<Role>
        public let locale: AppLocale
    }

    /// The active users of the units `unitIds` with their roles (who to notify there).
    public static func activeMembers(_ db: any SQLDatabase, ofUnits unitIds: [String]) async throws -> [ActiveMember] {
        guard !unitIds.isEmpty else { return [] }
        return try await db.raw("""
            SELECT id, org_unit_id, roles, locale FROM users WHERE active = 1 AND org_unit_id IN (\(SQLList(unitIds.map { SQLBind($0) })))
            """).all().map { row in
            ActiveMember(id: try row.decode(column: "id", as: String.self), orgUnitId: try row.decode(column: "org_unit_id", as: String.self),
                         roles: Set(RoleList.decode(try row.decode(column: "roles", as: String.self))),
                         locale: AppLocale(rawValue: try row.decode(column: "locale", as: String.self)) ?? .zhCN)
        }
    }

    public struct StaffMember: Sendable {
        public let id: String
        public let displayName: String
        public let roles: Set<Role>
    }

    /// #11.6: the active staff (users whose roles are more than a customer's), by user name, at most `limit` — whom a
    /// record may be assigned or forwarded to (the ticket page's choices).
    public static func activeStaff(_ db: any SQLDatabase, limit: Int) async throws -> [StaffMember] {
        try await db.raw("SELECT id, display_name, roles FROM users WHERE active = 1 ORDER BY username LIMIT \(bind: limit)").all().compactMap { row in
            let roles = Set(RoleList.decode(try row.decode(column: "roles", as: String.self)))
            guard !Role.isCustomerOnly(roles) else { return nil }
            return StaffMember(id: try row.decode(column: "id", as: String.self), displayName: try row.decode(column: "display_name", as: String.self),
                               roles: roles)
        }
    }
}
