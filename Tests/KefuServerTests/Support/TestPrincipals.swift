import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform

extension TestApp {
    /// The signed-in user as routes see them, read from the database (for calling query functions directly).
    func principal(_ userId: String) async throws -> Principal {
        try await store.read { db in
            let row = try await db.raw("""
                SELECT u.username, u.display_name, u.org_unit_id, u.roles, o.path FROM users u JOIN org_units o ON o.id = u.org_unit_id
                WHERE u.id = \(bind: userId)
                """).first()!
            return Principal(userId: userId, username: try row.decode(column: "username", as: String.self),
                             displayName: try row.decode(column: "display_name", as: String.self),
                             orgUnitId: try row.decode(column: "org_unit_id", as: String.self), orgPath: try row.decode(column: "path", as: String.self),
                             roles: Set(RoleList.decode(try row.decode(column: "roles", as: String.self))), locale: .zhCN, customerId: nil)
        }
    }

    /// The built-in administrator, who sees the whole organisation.
    func adminPrincipal() async throws -> Principal {
        let adminId = try await store.read { db in
            try await db.raw("SELECT id FROM users WHERE username = 'admin'").first()!.decode(column: "id", as: String.self)
        }
        return try await principal(adminId)
    }

    /// The bell of `token`'s user: kinds and titles, newest first.
    func bell(_ token: String) async throws -> [(kind: String, title: String, ticketId: String?)] {
        try await call(.get, "/api/v1/notifications", token: token).items.map {
            ($0["kind"] as? String ?? "", $0["title"] as? String ?? "", $0["ticketId"] as? String)
        }
    }
}
