import Foundation
import SQLKit

/// #11.2: where refused forms wait for the page view after the redirect. A flash belongs to one browser (the
/// `kefu_form_flash` cookie, stored only as its hash) and to the session it was typed in; it is shown once, on the
/// page it was sent back to, and then deleted. A form sent after the session expired has no session: it waits for
/// whoever signs in again in that browser within `anonymousLifetimeMillis`. Expired flashes are pruned at each stash.
public struct FormFlashes: Sendable {
    public static let cookieName = "kefu_form_flash"
    public static let lifetimeMillis: Int64 = 10 * 60 * 1000
    public static let anonymousLifetimeMillis: Int64 = 30 * 60 * 1000
    let store: any Store

    public init(store: any Store) { self.store = store }

    /// Keeps `flash` for the next view of `pagePath` in this browser; returns the cookie value the browser must hold.
    public func stash(_ flash: FormFlash, pagePath: String, cookie: String?, sessionHash: String?, now: Int64 = Clock.millis()) async throws -> String {
        let value = cookie.flatMap { Self.isSane($0) ? $0 : nil } ?? Secrets.randomToken()
        let owner = Secrets.hash(value), payload = try flash.encoded(), dialect = store.dialect
        let expires = now + (sessionHash == nil ? Self.anonymousLifetimeMillis : Self.lifetimeMillis)
        try await store.write { db in
            try await Prune.rows(db, dialect: dialect, table: "form_flashes", key: ["id"], where: "expires_at <= \(bind: now)")
            // One waiting refusal per page: a second refusal replaces the first.
            try await db.raw("DELETE FROM form_flashes WHERE owner_hash = \(bind: owner) AND page_path = \(bind: pagePath)").run()
            try await db.raw("""
                INSERT INTO form_flashes (id, owner_hash, session_hash, page_path, payload, created_at, expires_at)
                VALUES (\(bind: UUID().uuidString.lowercased()), \(bind: owner), \(bind: sessionHash), \(bind: pagePath), \(bind: payload), \(bind: now), \(bind: expires))
                """).run()
        }
        return value
    }

    public struct Taken: Sendable {
        public let flash: FormFlash?
        /// Flashes of this browser still waiting (for other pages or sessions): when none, the cookie can go.
        public let remaining: Int
    }

    /// The flash waiting for this view of `pagePath`, removed as it is read (shown once).
    public func take(cookie: String, pagePath: String, sessionHash: String?, now: Int64 = Clock.millis()) async throws -> Taken {
        guard Self.isSane(cookie) else { return Taken(flash: nil, remaining: 0) }
        let owner = Secrets.hash(cookie), session = sessionHash ?? ""
        return try await store.write { db in
            let rows = try await db.raw("""
                SELECT id, payload FROM form_flashes
                WHERE owner_hash = \(bind: owner) AND page_path = \(bind: pagePath) AND expires_at > \(bind: now)
                  AND (session_hash IS NULL OR session_hash = \(bind: session))
                ORDER BY created_at DESC
                """).all()
            let ids = try rows.map { try $0.decode(column: "id", as: String.self) }
            for id in ids { try await db.raw("DELETE FROM form_flashes WHERE id = \(bind: id)").run() }
            let flash = try rows.first.map { try FormFlash.decoded(try $0.decode(column: "payload", as: String.self)) }
            let left = try await db.raw("SELECT COUNT(*) AS n FROM form_flashes WHERE owner_hash = \(bind: owner) AND expires_at > \(bind: now)")
                .first()?.decode(column: "n", as: Int.self) ?? 0
            return Taken(flash: flash, remaining: left)
        }
    }

    static func isSane(_ cookie: String) -> Bool {
        !cookie.isEmpty && cookie.utf8.count <= 128
    }
}
