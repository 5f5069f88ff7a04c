import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// Sign-in: password check with throttling, browser sessions, API tokens.
public struct AuthService: Sendable {
    let store: any Store
    /// Sign-in throttling, session and token lifetimes are counted on this clock.
    let clock: WallClock

    public init(store: any Store, clock: WallClock = .system) {
        self.store = store
        self.clock = clock
    }

    public static let sessionLifetimeMillis: Int64 = 12 * 3600 * 1000
    public static let tokenLifetimeMillis: Int64 = 90 * 24 * 3600 * 1000
    /// Longest username a sign-in may send (#10.5); stored usernames are at most 40 characters.
    public static let maxUsernameLength = 64
    public static let maxTokenNameLength = 100

    static let badCredentials = AppError(.unauthorized, "invalid_credentials", Text("用户名或密码错误", "Wrong username or password"))

    /// Where a sign-in attempt comes from: the client address (ClientAddress) and the browser's known-device cookie.
    public struct Source: Sendable {
        public let address: String
        public let device: String?
        public init(address: String, device: String? = nil) {
            self.address = address
            self.device = device.flatMap { $0.isEmpty || $0.count > 100 ? nil : $0 }
        }
    }

    /// Checks a username and password; returns the user's id (#10.4, #10.5, #10.9, #10.14).
    /// Throttled per source address and per account name with growing delays (LoginThrottle); the account's counter
    /// never slows down a source that signed in to the account before, so no stranger can lock the owner out.
    public func verify(username: String, password: String, from source: Source) async throws -> String {
        // #10.5: refuse oversized input before any work or any write.
        guard username.utf8.count <= Self.maxUsernameLength * 4, username.count <= Self.maxUsernameLength,
              password.utf8.count <= PasswordPolicy.maxSignInLength * 4, password.count <= PasswordPolicy.maxSignInLength else {
            throw AppError.badRequest("input_too_long", Text("用户名最长 64 字，密码最长 1024 字", "The username may have at most 64 characters, the password 1024"))
        }
        let throttle = SignInThrottle(store: store)
        let now = clock.millis()
        let accountKey = SignInThrottle.accountKey(username)
        let sourceKey = SignInThrottle.sourceKey(source.address)
        let row = try await store.read { db in
            try await db.raw("""
                SELECT u.id, u.password_hash, u.active, CASE WHEN \(unsafeRaw: OrgQueries.unitsActive) THEN 1 ELSE 0 END AS unit_active
                FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.username = \(bind: username)
                """).first()
        }
        let userId = try row?.decode(column: "id", as: String.self)
        let addressMark = SignInThrottle.addressMark(source.address)
        let deviceMark = source.device.map(SignInThrottle.deviceMark)
        let marks = [addressMark] + (deviceMark.map { [$0] } ?? [])
        // Asked for unknown usernames too: the same work either way (#10.9).
        let known = try await throttle.knownMarks(userId: userId ?? "", marks: marks)
        let knownDevice = deviceMark.map(known.contains) ?? false
        let waits = try await throttle.wait(keys: [accountKey, sourceKey], now: now)
        // A source that failed too often waits, unless the browser carries this account's known-device cookie.
        if !knownDevice, let wait = waits[sourceKey] { throw SignInThrottle.tooMany(waitMillis: wait) }
        // An account attacked from elsewhere slows down only sources that never signed in to it.
        if known.isEmpty, let wait = waits[accountKey] { throw SignInThrottle.tooMany(waitMillis: wait) }

        var ok = false
        if let row, try row.decode(column: "active", as: Int.self) == 1 {
            ok = try await Secrets.verifyPassword(password, hash: try row.decode(column: "password_hash", as: String.self))
        } else {
            // #10.9: the same bcrypt work for an unknown (or deactivated) user.
            ok = try await Secrets.verifyAgainstDummy(password)
        }
        guard ok, let row, let userId else {
            try await throttle.recordFailure(keys: known.isEmpty ? [sourceKey, accountKey] : [sourceKey], now: now)
            throw Self.badCredentials
        }
        // #10.14: a user of a deactivated unit (or of a unit below one) does not sign in.
        guard try row.decode(column: "unit_active", as: Int.self) == 1 else { throw Self.badCredentials }
        try await throttle.recordSuccess(userId: userId, keys: [accountKey, sourceKey], marks: marks, now: now)
        return userId
    }

    public struct IssuedToken: Sendable {
        public let id: String
        public let token: String
        public let expiresAt: Int64
    }

    public func issueToken(userId: String, name: String) async throws -> IssuedToken {
        guard name.count <= Self.maxTokenNameLength else {
            throw AppError.validation("name", Text("令牌名称最长 100 字", "A token name has at most 100 characters"))
        }
        let token = Secrets.randomToken()
        let id = Clock.newID()
        let now = clock.millis()
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
            try await db.raw("UPDATE api_tokens SET revoked_at = \(bind: clock.millis()) WHERE id = \(bind: id) AND revoked_at IS NULL").run()
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

    /// The user's tokens, newest first, page by page (#10.8: no silent cap).
    public func tokens(of userId: String, paging: Paging) async throws -> ListPage<TokenInfo> {
        try await store.read { db in
            let total = try await db.raw("SELECT COUNT(*) AS n FROM api_tokens WHERE user_id = \(bind: userId)").first()!.decode(column: "n", as: Int.self)
            let items = try await db.raw("""
                SELECT id, name, created_at, expires_at, revoked_at FROM api_tokens WHERE user_id = \(bind: userId)
                ORDER BY created_at DESC, id LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
                """).all().map { row in
                    TokenInfo(
                        id: try row.decode(column: "id", as: String.self),
                        name: try row.decode(column: "name", as: String.self),
                        createdAt: Times.rfc3339(try row.decode(column: "created_at", as: Int64.self)),
                        expiresAt: Times.rfc3339(try row.decode(column: "expires_at", as: Int64.self)),
                        revokedAt: Times.rfc3339(try row.decode(column: "revoked_at", as: Int64?.self))
                    )
                }
            return ListPage(items: items, page: paging.page, per: paging.per, total: total)
        }
    }

    public struct NewSession: Sendable {
        public let cookieValue: String
        public let csrfToken: String
    }

    public func startSession(userId: String) async throws -> NewSession {
        let value = Secrets.randomToken()
        let csrf = Secrets.randomToken()
        let now = clock.millis()
        let dialect = store.dialect
        try await store.write { db in
            try await db.raw("""
                INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at)
                VALUES (\(bind: Secrets.hash(value)), \(bind: userId), \(bind: csrf), \(bind: now), \(bind: now + Self.sessionLifetimeMillis))
                """).run()
            try await Prune.rows(db, dialect: dialect, table: "sessions", key: ["id_hash"], where: "expires_at < \(bind: now)")
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
        let now = clock.millis()
        return try await store.read { db in
            try OrgFeatureQueries.principal(try await db.prepared("""
                SELECT \(unsafeRaw: OrgQueries.principalColumns), \(unsafeRaw: OrgFeatureQueries.aroundUserColumns) FROM api_tokens t
                JOIN users u ON u.id = t.user_id JOIN org_units o ON o.id = u.org_unit_id
                \(unsafeRaw: OrgFeatureQueries.aroundUserJoin)
                WHERE t.token_hash = \(bind: hash) AND t.revoked_at IS NULL AND t.expires_at > \(bind: now) AND u.active = 1
                  AND \(unsafeRaw: OrgQueries.unitsActive)
                """).all()) // #14 item 6: with the features in reach
        }
    }

    /// The active user and CSRF token behind a session cookie, or nil.
    public func session(cookie: String) async throws -> (Principal, WebSession)? {
        let hash = Secrets.hash(cookie)
        let now = clock.millis()
        return try await store.read { db in
            let rows = try await db.prepared("""
                SELECT \(unsafeRaw: OrgQueries.principalColumns), s.csrf_token, \(unsafeRaw: OrgFeatureQueries.aroundUserColumns) FROM sessions s
                JOIN users u ON u.id = s.user_id JOIN org_units o ON o.id = u.org_unit_id
                \(unsafeRaw: OrgFeatureQueries.aroundUserJoin)
                WHERE s.id_hash = \(bind: hash) AND s.expires_at > \(bind: now) AND u.active = 1
                  AND \(unsafeRaw: OrgQueries.unitsActive)
                """).all()
            guard let principal = try OrgFeatureQueries.principal(rows) else { return nil } // #14 item 6: with the features in reach
            return (principal, WebSession(idHash: hash, csrfToken: try rows[0].decode(column: "csrf_token", as: String.self)))
        }
    }

    public func principal(userId: String) async throws -> Principal? {
        try await store.read { db in
            guard let row = try await db.raw("""
                SELECT \(unsafeRaw: OrgQueries.principalColumns) FROM users u JOIN org_units o ON o.id = u.org_unit_id
                WHERE u.id = \(bind: userId)
                """).first() else { return nil }
            return try await OrgFeatureQueries.withFeatures(db, try OrgQueries.principal(row)) // #14 item 6
        }
    }
}
