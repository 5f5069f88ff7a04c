import Foundation
import KefuApp
import KefuPlatform
import Testing

/// #11.2: a refused form waits for one page view in one browser and one session, then is gone; secrets never wait.
@Suite("Form flash: one time, one session, short-lived, no secrets (#11.2)")
struct FormFlashStoreTests {
    static func flash(_ values: [String: String] = ["name": "北京站", "quantity": "3,500"]) -> FormFlash {
        FormFlash(action: "/admin/units", values: values, code: "validation_failed", message: Text("名称必填", "Name is required"), field: "name")
    }

    @Test func aFlashIsShownOnceOnItsPage() async throws {
        try await TestDatabase.withStore { store in
            _ = try await KefuServer.prepare(store, adminPassword: "admin-secret-1")
            let flashes = FormFlashes(store: store)
            let cookie = try await flashes.stash(Self.flash(), pagePath: "/admin/units", cookie: nil, sessionHash: "s1")
            #expect(try await flashes.take(cookie: cookie, pagePath: "/admin/other", sessionHash: "s1").flash == nil)
            let first = try await flashes.take(cookie: cookie, pagePath: "/admin/units", sessionHash: "s1")
            #expect(first.flash == Self.flash())
            #expect(first.remaining == 0)
            #expect(try await flashes.take(cookie: cookie, pagePath: "/admin/units", sessionHash: "s1").flash == nil)
        }
    }

    @Test func aFlashBelongsToItsBrowserAndSession() async throws {
        try await TestDatabase.withStore { store in
            _ = try await KefuServer.prepare(store, adminPassword: "admin-secret-1")
            let flashes = FormFlashes(store: store)
            let cookie = try await flashes.stash(Self.flash(), pagePath: "/admin/units", cookie: nil, sessionHash: "session-a")
            #expect(try await flashes.take(cookie: cookie, pagePath: "/admin/units", sessionHash: "session-b").flash == nil)
            #expect(try await flashes.take(cookie: cookie, pagePath: "/admin/units", sessionHash: nil).flash == nil)
            #expect(try await flashes.take(cookie: "another-browser", pagePath: "/admin/units", sessionHash: "session-a").flash == nil)
            #expect(try await flashes.take(cookie: cookie, pagePath: "/admin/units", sessionHash: "session-a").flash != nil)
            // A form sent without a live session waits for whoever signs in again in that browser.
            let anonymous = try await flashes.stash(Self.flash(), pagePath: "/tickets/1", cookie: cookie, sessionHash: nil)
            #expect(anonymous == cookie)
            #expect(try await flashes.take(cookie: cookie, pagePath: "/tickets/1", sessionHash: "new-session").flash != nil)
        }
    }

    @Test func aFlashExpires() async throws {
        try await TestDatabase.withStore { store in
            _ = try await KefuServer.prepare(store, adminPassword: "admin-secret-1")
            let flashes = FormFlashes(store: store)
            let now = Clock.millis()
            let cookie = try await flashes.stash(Self.flash(), pagePath: "/admin/units", cookie: nil, sessionHash: "s1", now: now)
            let late = now + FormFlashes.lifetimeMillis + 1
            #expect(try await flashes.take(cookie: cookie, pagePath: "/admin/units", sessionHash: "s1", now: late).flash == nil)
            // The next stash prunes what expired.
            _ = try await flashes.stash(Self.flash(), pagePath: "/admin/sla", cookie: nil, sessionHash: "s2", now: late)
            let rows = try await store.read { db in try await db.raw("SELECT COUNT(*) AS n FROM form_flashes").first()!.decode(column: "n", as: Int.self) }
            #expect(rows == 1)
        }
    }

    @Test func noPasswordSecretOrTokenIsKept() async throws {
        let typed = ["password": "Summer-2026!", "currentPassword": "old-secret-1", "secret": "hook-secret", "_csrf": "abc", "_back": "/x",
                     "apiToken": "t", "displayName": "王五"]
        let flash = Self.flash(typed)
        #expect(flash.values == ["displayName": "王五"])
        try await TestDatabase.withStore { store in
            _ = try await KefuServer.prepare(store, adminPassword: "admin-secret-1")
            let flashes = FormFlashes(store: store)
            _ = try await flashes.stash(flash, pagePath: "/admin/users/new", cookie: nil, sessionHash: "s1")
            let payload = try await store.read { db in try await db.raw("SELECT payload FROM form_flashes").first()!.decode(column: "payload", as: String.self) }
            for secret in ["Summer-2026!", "old-secret-1", "hook-secret", "abc"] { #expect(!payload.contains(secret)) }
        }
    }
}
