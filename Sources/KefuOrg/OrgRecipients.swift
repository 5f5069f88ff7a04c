import KefuDomain
import KefuPlatform
import SQLKit

extension OrgQueries {
    /// #11.4: the active staff (not customers) under `unitPath` (nil: everyone), with their roles, unit and language,
    /// for features deciding who must act next.
    public static func activeStaff(_ db: any SQLDatabase, underPath unitPath: String?) async throws
        -> [(id: String, roles: Set<Role>, unitId: String, path: String, locale: AppLocale)] {
        let filter: SQLQueryString = unitPath.map { "AND o.path LIKE \(bind: $0 + "%")" } ?? ""
        return try await db.raw("""
            SELECT u.id, u.roles, u.org_unit_id, u.locale, o.path FROM users u JOIN org_units o ON o.id = u.org_unit_id
            WHERE u.active = 1 \(filter) ORDER BY u.id
            """).all().compactMap { row in
            let roles = Set(RoleList.decode(try row.decode(column: "roles", as: String.self)))
            guard !Role.isCustomerOnly(roles) else { return nil }
            return (try row.decode(column: "id", as: String.self), roles, try row.decode(column: "org_unit_id", as: String.self),
                    try row.decode(column: "path", as: String.self), AppLocale(rawValue: try row.decode(column: "locale", as: String.self)) ?? .zhCN)
        }
    }
}
