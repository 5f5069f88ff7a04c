import Foundation
import KefuPlatform
import SQLKit

/// #10.22: the sign-in form's CSRF token is bound to a pre-session kept in the database (so any node can check it),
/// not to a cookie that merely repeats it: a token/cookie pair the server did not issue is refused. The browser holds
/// the pre-session id in an HttpOnly cookie (only its hash is stored); a pre-session lives an hour and is deleted at
/// sign-in; expired ones are pruned whenever a new one is issued.
public struct LoginPresessions: Sendable {
    public static let cookieName = "kefu_prelogin"
    public static let lifetimeMillis: Int64 = 3600 * 1000
    let store: any Store

    public init(store: any Store) { self.store = store }

    public struct Issued: Sendable {
        public let cookieValue: String
        public let csrfToken: String
    }

    /// The form token of a live pre-session, or nil for an unknown, expired or empty cookie.
    public func csrfToken(cookie: String?) async throws -> String? {
        guard let cookie, !cookie.isEmpty, cookie.utf8.count <= 128 else { return nil }
        let hash = Secrets.hash(cookie), now = Clock.millis()
        return try await store.read { db in
            try await db.raw("SELECT csrf_token FROM login_presessions WHERE id_hash = \(bind: hash) AND expires_at > \(bind: now)")
                .first()?.decode(column: "csrf_token", as: String.self)
        }
    }

    /// The browser's live pre-session again (one per browser, however often the form is shown), or a new one.
    public func issue(reusing cookie: String?) async throws -> Issued {
        if let cookie, let token = try await csrfToken(cookie: cookie) { return Issued(cookieValue: cookie, csrfToken: token) }
        let value = Secrets.randomToken(), token = Secrets.randomToken(), now = Clock.millis()
        let dialect = store.dialect
        try await store.write { db in
            try await Prune.rows(db, dialect: dialect, table: "login_presessions", key: ["id_hash"], where: "expires_at <= \(bind: now)")
            try await db.raw("""
                INSERT INTO login_presessions (id_hash, csrf_token, expires_at)
                VALUES (\(bind: Secrets.hash(value)), \(bind: token), \(bind: now + Self.lifetimeMillis))
                """).run()
        }
        return Issued(cookieValue: value, csrfToken: token)
    }

    /// Ends the pre-session once the user has signed in.
    public func end(cookie: String?) async throws {
        guard let cookie, !cookie.isEmpty else { return }
        let hash = Secrets.hash(cookie)
        try await store.write { db in try await db.raw("DELETE FROM login_presessions WHERE id_hash = \(bind: hash)").run() }
    }

    static let migration = Migration(id: "org-003-login-presessions", common: [
        """
        CREATE TABLE login_presessions (
            id_hash TEXT PRIMARY KEY,
            csrf_token TEXT NOT NULL,
            expires_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX login_presessions_expiry ON login_presessions (expires_at)",
    ])
}
