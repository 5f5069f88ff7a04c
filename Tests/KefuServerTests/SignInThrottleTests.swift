import Foundation
import HTTPTypes
import Hummingbird
import SQLKit
import Testing

/// #10.4, #10.5, #10.9: throttling by source and account without a lock a stranger can hold; compact, pruned counters.
@Suite("Sign-in throttling")
struct SignInThrottleTests {
    static func from(_ address: String) -> HTTPFields { [HTTPField.Name("X-Forwarded-For")!: address] }

    func signIn(_ app: TestApp, _ username: String, _ password: String, from address: String) async throws -> TestApp.Reply {
        try await app.call(.post, "/api/v1/auth/token", json: ["username": username, "password": password], headers: Self.from(address))
    }

    @Test func strangersCannotLockTheOwnerOut() async throws {
        try await TestApp.run { app in
            // The owner signed in from 10.1.1.1 before: that address is known to the account.
            #expect(try await signIn(app, "admin", TestApp.adminPassword, from: "10.1.1.1").status == .ok)
            // Strangers from many addresses fail against `admin` and `ADMIN` (one account).
            for i in 0..<12 {
                _ = try await signIn(app, i % 2 == 0 ? "admin" : "ADMIN", "guess-\(i)-x", from: "203.0.113.\(i)")
            }
            // Under load the strangers' attempts may take longer than the account's first wait: date the counters now.
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            try await app.store.write { db in try await db.raw("UPDATE login_throttle SET last_at = \(bind: now)").run() }
            // A further unknown source is slowed down by the account's counter …
            let stranger = try await signIn(app, "admin", TestApp.adminPassword, from: "198.51.100.7")
            #expect(stranger.status == .tooManyRequests)
            #expect(stranger.errorCode == "too_many_attempts")
            #expect(stranger.headers[.retryAfter] != nil)
            // … but the owner's right password from the known address still works.
            #expect(try await signIn(app, "admin", TestApp.adminPassword, from: "10.1.1.1").status == .ok)
        }
    }

    @Test func aKnownBrowserSignsInDespiteTheAccountCounter() async throws {
        try await TestApp.run { app in
            let owner = PageSession(app)
            #expect(try await owner.signIn("admin", TestApp.adminPassword).status == .seeOther)
            #expect(owner.cookies["kefu_device"] != nil)
            owner.cookies["kefu_session"] = nil
            for i in 0..<8 {
                _ = try await signIn(app, "admin", "guess-\(i)-x", from: "203.0.113.\(i)")
            }
            #expect(try await owner.signIn("admin", TestApp.adminPassword).status == .seeOther)
        }
    }

    @Test func passwordSprayFromOneClientIsRefusedWithGrowingDelays() async throws {
        // The throttle's clock stands still unless the test moves it, so every wait is checked to the second.
        let clock = ManualWallClock()
        try await TestApp.run(clock: clock.wallClock) { app in
            var statuses: [HTTPResponse.Status] = [], retries: Set<String> = []
            for i in 0..<40 {
                let r = try await signIn(app, "user\(i)", "Summer-2026!", from: "192.0.2.50")
                statuses.append(r.status)
                if r.status == .tooManyRequests { retries.insert(r.headers[.retryAfter] ?? "none") }
            }
            // 5 free failures; then the source waits 1 s, and a refused attempt neither counts nor lengthens the wait.
            #expect(statuses.prefix(5).allSatisfy { $0 == .unauthorized })
            #expect(statuses.dropFirst(5).allSatisfy { $0 == .tooManyRequests }, "\(statuses)")
            #expect(retries == ["1"])
            // A millisecond before the wait has passed the source is still refused.
            clock.advance(millis: 999)
            #expect(try await signIn(app, "someone", "Summer-2026!", from: "192.0.2.50").status == .tooManyRequests)
            // Once it has passed, one more failure is heard, and the wait after it is twice as long: 2, 4, 8 s.
            var waits: [String] = []
            var wait: Int64 = 1
            clock.advance(millis: 1)
            for _ in 0..<3 {
                #expect(try await signIn(app, "someone", "Summer-2026!", from: "192.0.2.50").status == .unauthorized)
                let refused = try await signIn(app, "someone", "Summer-2026!", from: "192.0.2.50")
                #expect(refused.status == .tooManyRequests)
                waits.append(refused.headers[.retryAfter] ?? "none")
                wait *= 2
                clock.advance(millis: wait * 1000)
            }
            #expect(waits == ["2", "4", "8"])
            // Another client is not affected.
            #expect(try await signIn(app, "admin", TestApp.adminPassword, from: "192.0.2.51").status == .ok)
        }
    }

    @Test func hugeNamesAreRefusedBeforeTouchingTheDatabase() async throws {
        try await TestApp.run { app in
            let huge = String(repeating: "x", count: 900 * 1024)
            for i in 0..<20 {
                let r = try await signIn(app, huge, "password-\(i)", from: "192.0.2.\(i)")
                #expect(r.status == .badRequest)
                #expect(r.errorCode == "input_too_long")
            }
            let rows = try await app.store.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM login_throttle").first()!.decode(column: "n", as: Int.self)
            }
            #expect(rows == 0)
            // A failure within the limits stores fixed-size hashed keys, never the name typed.
            _ = try await signIn(app, String(repeating: "y", count: 64), "password-x1", from: "192.0.2.99")
            let keys = try await app.store.read { db in
                try await db.raw("SELECT throttle_key FROM login_throttle").all().map { try $0.decode(column: "throttle_key", as: String.self) }
            }
            #expect(keys.count == 2)
            #expect(keys.allSatisfy { $0.count == 66 && !$0.contains("yyyy") })
        }
    }

    static func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

    @Test func unknownUsersCostTheSameBcryptWork() async throws {
        try await TestApp.run { app in
            var unknown: [Double] = [], wrong: [Double] = []
            for i in 0..<5 {
                let t0 = Date()
                let known = try await signIn(app, "admin", "wrong-password-\(i)", from: "10.9.0.\(i)")
                wrong.append(Date().timeIntervalSince(t0))
                #expect(known.status == .unauthorized)
                let t1 = Date()
                let nobody = try await signIn(app, "nobody\(i)", "wrong-password-\(i)", from: "10.9.1.\(i)")
                unknown.append(Date().timeIntervalSince(t1))
                #expect(nobody.status == .unauthorized)
            }
            #expect(Self.median(unknown) >= 0.5 * Self.median(wrong), "unknown \(unknown) vs wrong password \(wrong)")
        }
    }
}
