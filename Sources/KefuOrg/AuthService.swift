import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// Sign-in: password check with throttling, browser sessions, API tokens.
public struct AuthService: Sendable {
    let store: any Store

    public init(store: any Store) { self.store = store }

    /// Repeated failures lock an account name for a while: 5 failures within 15 minutes.
    public static let maxFailures = 5
    public static let failureWindowMillis: Int64 = 15 * 60 * 1000
    public static let sessionLifetimeMillis: Int64 = 12 * 3600 * 1000
    public static let tokenLifetimeMillis: Int64 = 90 * 24 * 3600 * 1000

    static let badCredentials = AppError(.unauthorized, "invalid_credentials", Text("用户名或密码错误", "Wrong username or password"))

    /// Checks a username and password; returns the user's id. Throttled per username.
    public func verify(username: String, password: String) async throws -> String {
        let key = username.lowercased()
        let now = Clock.millis()
        let since = now - Self.failureWindowMillis
        let failures = try await store.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM login_failures WHERE username_key = \(bind: key) AND at > \(bind: since)")
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
        if failures >= Self.maxFailures {
            throw AppError(.tooManyRequests, "too_many_attempts",
                           Text("登录失败次数过多，请 15 分钟后再试", "Too many failed sign-ins; try again in 15 minutes"))
        }
        let row = try await store.read { db in
            try await db.raw("SELECT id, password_hash, active FROM users WHERE username = \(bind: username)").first()
        }
        var ok = false
        if let row, try row.decode(column: "active", as: Int.self) == 1 {
            ok = try await Secrets.verifyPassword(password, hash: try row.decode(column: "password_hash", as: String.self))
        }
        guard ok, let row else {
            try await store.write { db in
                try await db.raw("INSERT INTO login_failures (id, username_key, at) VALUES (\(bind: Clock.newID()), \(bind: key), \(bind: now))").run()
                try await db.raw("DELETE FROM login_failures WHERE at < \(bind: now - 24 * 3600 * 1000)").run()
            }
            throw Self.badCredentials
        }
        let userId = try row.decode(column: "id", as: String.self)
        try await store.write { db in
            try await db.raw("DELETE FROM login_failures WHERE username_key = \(bind: key)").run()
        }
        return userId
    }

    public struct IssuedToken: Sendable {
        public let id: String
        public let token: String
        public let expiresAt: Int64
    }

    public func issueToken(userId: String, name: String) async throws -> IssuedToken {
        let token = Secrets.randomToken()
        let id = Clock.newID()
        let now = Clock.millis()
        let expires = now + Self.tokenLifetimeMillis
        try await store.write { db in
            try await db.raw("""
                INSERT INTO api_tokens (id, token_hash, user_id, name, created_at, expires_at)
                VALUES (\(bind: id), \(bind: Secrets.hash(token)), \(bind: userId), \(bind: name), \(bind: now), \(bind: expires))
                """).run()
            try await AuditTrail.record(db, actorId: userId, action: "token.issue", entity: "user", entityId: userId, detail: ["tokenId": id])
        }
        return IssuedToken(id: id, token: token, expiresAt: expires)
    }

    /// Revokes one of the user's tokens (or, for an admin in scope, anyone's). Returns false when there was none.
    public func revokeToken(id: String, by actor: Principal) async throws {
        try await store.write { db in
            guard let row = try await db.raw("SELECT user_id, revoked_at FROM api_tokens WHERE id = \(bind: id)").first() else {
                throw AppError.notFound(Text("令牌", "Token"))
            }
            let owner = try row.decode(column: "user_id", as: String.self)
            if owner != actor.userId {
                guard actor.isAdmin, let path = try await OrgQueries.userUnitPath(db, userId: owner), actor.covers(unitPath: path) else {
                    throw AppError.forbidden()
                }
            }
            try await db.raw("UPDATE api_tokens SET revoked_at = \(bind: Clock.millis()) WHERE id = \(bind: id) AND revoked_at IS NULL").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "token.revoke", entity: "user", entityId: owner, detail: ["tokenId": id])
        }
    }

    public func revokeToken(plain token: String, by actor: Principal) async throws {
        let hash = Secrets.hash(token)
        let id = try await store.read { db in
            try await db.raw("SELECT id FROM api_tokens WHERE token_hash = \(bind: hash)").first()?.decode(column: "id", as: String.self)
        }
        guard let id else { throw AppError.notFound(Text("令牌", "Token")) }
        try await revokeToken(id: id, by: actor)
    }

    public struct TokenInfo: Codable, Sendable {
        public let id: String
        public let name: String
        public let createdAt: String
        public let expiresAt: String
        public let revokedAt: String?
    }

    public func tokens(of userId: String) async throws -> [TokenInfo] {
        try await store.read { db in
            try await db.raw("SELECT id, name, created_at, expires_at, revoked_at FROM api_tokens WHERE user_id = \(bind: userId) ORDER BY created_at DESC LIMIT 200")
                .all().map { row in
                    TokenInfo(
                        id: try row.decode(column: "id", as: String.self),
                        name: try row.decode(column: "name", as: String.self),
                        createdAt: Times.rfc3339(try row.decode(column: "created_at", as: Int64.self)),
                        expiresAt: Times.rfc3339(try row.decode(column: "expires_at", as: Int64.self)),
                        revokedAt: Times.rfc3339(try row.decode(column: "revoked_at", as: Int64?.self))
                    )
                }
        }
    }

    public struct NewSession: Sendable {
        public let cookieValue: String
        public let csrfToken: String
    }

    public func startSession(userId: String) async throws -> NewSession {
        let value = Secrets.randomToken()
        let csrf = Secrets.randomToken()
        let now = Clock.millis()
        try await store.write { db in
            try await db.raw("""
                INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at)
                VALUES (\(bind: Secrets.hash(value)), \(bind: userId), \(bind: csrf), \(bind: now), \(bind: now + Self.sessionLifetimeMillis))
                """).run()
            try await db.raw("DELETE FROM sessions WHERE expires_at < \(bind: now)").run()
            try await AuditTrail.record(db, actorId: userId, action: "session.start", entity: "user", entityId: userId)
        }
        return NewSession(cookieValue: value, csrfToken: csrf)
    }

    public func endSession(idHash: String) async throws {
        try await store.write { db in
            try await db.raw("DELETE FROM sessions WHERE id_hash = \(bind: idHash)").run()
        }
    }

    /// The active user behind a bearer token, or nil.
    public func principal(forToken token: String) async throws -> Principal? {
        let hash = Secrets.hash(token)
        let now = Clock.millis()
        return try await store.read { db in
            guard let row = try await db.prepared("""
                SELECT \(unsafeRaw: OrgQueries.principalColumns) FROM api_tokens t
                JOIN users u ON u.id = t.user_id JOIN org_units o ON o.id = u.org_unit_id
                WHERE t.token_hash = \(bind: hash) AND t.revoked_at IS NULL AND t.expires_at > \(bind: now) AND u.active = 1
                """).first() else { return nil }
            return try OrgQueries.principal(row)
        }
    }

    /// The active user and CSRF token behind a session cookie, or nil.
    public func session(cookie: String) async throws -> (Principal, WebSession)? {
        let hash = Secrets.hash(cookie)
        let now = Clock.millis()
        return try await store.read { db in
            guard let row = try await db.prepared("""
                SELECT \(unsafeRaw: OrgQueries.principalColumns), s.csrf_token FROM sessions s
                JOIN users u ON u.id = s.user_id JOIN org_units o ON o.id = u.org_unit_id
                WHERE s.id_hash = \(bind: hash) AND s.expires_at > \(bind: now) AND u.active = 1
                """).first() else { return nil }
            return (try OrgQueries.principal(row), WebSession(idHash: hash, csrfToken: try row.decode(column: "csrf_token", as: String.self)))
        }
    }

    public func principal(userId: String) async throws -> Principal? {
        try await store.read { db in
            guard let row = try await db.raw("""
                SELECT \(unsafeRaw: OrgQueries.principalColumns) FROM users u JOIN org_units o ON o.id = u.org_unit_id
                WHERE u.id = \(bind: userId)
                """).first() else { return nil }
            return try OrgQueries.principal(row)
        }
    }
}
