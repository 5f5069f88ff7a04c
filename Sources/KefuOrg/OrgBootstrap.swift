import KefuDomain
import KefuPlatform
import SQLKit

/// First start of an empty database: the root unit and the `admin` user.
public enum OrgBootstrap {
    public struct Result: Sendable {
        public let createdAdmin: Bool
        /// Set when the password was generated and must be shown once.
        public let generatedPassword: String?
    }

    public static func ensureAdmin(store: any Store, password: String?) async throws -> Result {
        let hasUsers = try await store.read { db in try await db.raw("SELECT 1 AS x FROM users LIMIT 1").first() != nil }
        if hasUsers { return Result(createdAdmin: false, generatedPassword: nil) }
        let chosen = password.flatMap { TextRules.trimmed($0) }
        // #10.15: a chosen KEFU_ADMIN_PASSWORD follows the password policy too (the generated one always does).
        if let chosen { _ = try OrgService.validPassword(chosen, username: "admin") }
        let plain = chosen ?? Secrets.randomToken(bytes: 12)
        let hash = try await Secrets.hashPassword(plain)
        let created = try await store.write { db -> Bool in
            // Another node may have done it in the meantime.
            if try await db.raw("SELECT 1 AS x FROM users LIMIT 1").first() != nil { return false }
            let now = Clock.millis()
            let rootId: String
            if let root = try await db.raw("SELECT id FROM org_units WHERE parent_id IS NULL ORDER BY created_at LIMIT 1").first() {
                rootId = try root.decode(column: "id", as: String.self)
            } else {
                rootId = Clock.newID()
                try await db.raw("""
                    INSERT INTO org_units (id, code, name, kind, parent_id, path, active, created_at, updated_at)
                    VALUES (\(bind: rootId), 'HQ', '客服中心', 'management', NULL, \(bind: OrgPath.child(of: nil, id: rootId)), 1, \(bind: now), \(bind: now))
                    """).run()
            }
            let adminId = Clock.newID()
            try await db.raw("""
                INSERT INTO users (id, username, password_hash, display_name, org_unit_id, roles, locale, active, customer_id, created_at, updated_at)
                VALUES (\(bind: adminId), 'admin', \(bind: hash), '系统管理员', \(bind: rootId), 'admin', 'zh-CN', 1, NULL, \(bind: now), \(bind: now))
                """).run()
            try await AuditTrail.record(db, actorId: nil, action: "user.bootstrap_admin", entity: "user", entityId: adminId)
            return true
        }
        return Result(createdAdmin: created, generatedPassword: created && chosen == nil ? plain : nil)
    }
}
