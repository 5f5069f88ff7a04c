import KefuOrg
import KefuPlatform
import SQLKit

/// Command-line administration, run as the built-in administrator.
public enum AdminTasks {
    public static func adminPrincipal(_ store: any Store) async throws -> Principal {
        let auth = AuthService(store: store)
        let id = try await store.read { db in
            try await db.raw("SELECT id FROM users WHERE username = 'admin'").first()?.decode(column: "id", as: String.self)
        }
        guard let id, let principal = try await auth.principal(userId: id) else {
            throw AppError.internalError("no admin user")
        }
        return principal
    }

    public static func unitId(_ store: any Store, code: String?) async throws -> String {
        try await store.read { db in
            let row = try await (code.map { db.raw("SELECT id FROM org_units WHERE code = \(bind: $0)") }
                ?? db.raw("SELECT id FROM org_units WHERE parent_id IS NULL ORDER BY created_at LIMIT 1")).first()
            guard let row else {
                throw AppError.validation("orgUnit", Text("组织 {0} 不存在", "Org unit {0} does not exist").with(code ?? "root"))
            }
            return try row.decode(column: "id", as: String.self)
        }
    }

    public static func createUser(store: any Store, username: String, password: String, displayName: String, roles: [String],
                                  orgUnitCode: String?, locale: String) async throws -> UserRecord {
        let admin = try await adminPrincipal(store)
        let unit = try await unitId(store, code: orgUnitCode)
        return try await OrgService(store: store).createUser(
            .init(username: username, password: password, displayName: displayName, orgUnitId: unit, roles: roles, locale: locale), by: admin)
    }
}
