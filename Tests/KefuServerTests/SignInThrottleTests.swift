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
        try await TestApp.run { app in
            var statuses: [HTTPResponse.Status] = []
            var firstRetry: String?
            let started = Date()
            for i in 0..<40 {
                let r = try await signIn(app, "user\(i)", "Summer-2026!", from: "192.0.2.50")
                statuses.append(r.status)
                if r.status == .tooManyRequests, firstRetry == nil { firstRetry = r.headers[.retryAfter] }
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == .unauthorized })
            // After the 5 free failures a failure is heard only once its wait (1, 2, 4 … s) has passed, so in t seconds at most
            // log2(t + 1) + 1 more are heard: on a quick machine 34 of the 40 are refused, on one loaded 10× still most.
            let seconds = Date().timeIntervalSince(started)
            let heardAtMost = 5 + Int(log2(seconds + 1).rounded(.up)) + 1
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 40 - heardAtMost, "\(statuses) in \(seconds) s")
            // The first wait is one second on a quick machine; on a loaded one an attempt may outlast a wait, so the first
            // refusal comes after more failures, with a longer wait (the doubling itself is checked below on dated counters).
            #expect((1...16).contains(Int(firstRetry ?? "") ?? 0), "first Retry-After \(firstRetry ?? "none")")
            // Let the wait pass (move the counters back in time): the next failure waits twice as long, and so on.
            var retries: [Int] = [], elapsed: [Int] = []
            for _ in 0..<3 {
                try await app.store.write { db in try await db.raw("UPDATE login_throttle SET last_at = last_at - 3600000 + 60000").run() }
                let sent = Date()
                #expect(try await signIn(app, "someone", "Summer-2026!", from: "192.0.2.50").status == .unauthorized)
                let refused = try await signIn(app, "someone", "Summer-2026!", from: "192.0.2.50")
                elapsed.append(Int(Date().timeIntervalSince(sent).rounded(.up)))
                #expect(refused.status == .tooManyRequests)
                retries.append(Int(refused.headers[.retryAfter] ?? "") ?? 0)
            }
            // Twice as long each time: the waits are d, 2d, 4d seconds for one power of two d ≥ 2. Retry-After is the wait
            // left, so a round that took e seconds (a loaded machine) may show up to e seconds less than its wait.
            let doubling = (1...12).contains { power in
                (0..<3).allSatisfy { k in
                    let wait = (1 << (power + k))
                    return retries[k] <= wait && retries[k] >= wait - elapsed[k]
                }
            }
            #expect(doubling, "Retry-After \(retries) after rounds of \(elapsed) s")
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
