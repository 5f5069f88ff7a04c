import Foundation
import Hummingbird
import Testing

/// Records that exist once (an estate's name in its unit, an estate's opinion round per half year, one open flag per
/// customer): the services check before inserting, and on PostgreSQL two requests at once both passed the check —
/// the second then hit the unique index and was answered 500, or (no index) wrote a second record. Now a unique index
/// backs every such check and a refused insert is answered 409. Each case fires the same request many times at once.
@Suite("Records that exist once stay once under concurrent requests", .serialized)
struct UniqueRaceTests {
    static func all(_ n: Int, _ call: @escaping @Sendable (Int) async throws -> TestApp.Reply) async throws -> [TestApp.Reply] {
        try await withThrowingTaskGroup(of: TestApp.Reply.self) { group in
            for i in 0..<n { group.addTask { try await call(i) } }
            var out: [TestApp.Reply] = []
            for try await r in group { out.append(r) }
            return out
        }
    }

    static func expectOneMade(_ replies: [TestApp.Reply], _ what: String) {
        let statuses = replies.map(\.status.code)
        #expect(statuses.filter { $0 == 201 }.count == 1, "\(what): \(statuses)")
        #expect(statuses.allSatisfy { $0 == 201 || $0 == 409 }, "\(what): \(replies.filter { $0.status.code != 201 && $0.status.code != 409 }.map(\.text))")
    }

    /// The race made certain on PostgreSQL: another transaction has inserted the same estate and not yet committed, so
    /// the request's check finds nothing, its insert waits on the unique index, and fails when the other commits.
    @Test func anInsertRefusedByTheUniqueIndexIsAConflictNotAServerError() async throws {
        try await TestApp.run { app in
            guard app.store.dialect == .postgres else { return }
            let w = try await PropertyFeeTests.world(app)
            let reply = try await app.store.write { db in
                try await db.raw("""
                    INSERT INTO property_estates (id, name, address, org_unit_id, org_path, created_at, created_by)
                    VALUES ('held-estate', '并发小区', NULL, \(bind: w.f.cs), '/held/', 0, 'test')
                    """).run()
                let request = Task { try await app.call(.post, "/api/v1/property/estates", token: w.admin.token, json: ["name": "并发小区", "orgUnitId": w.f.cs]) }
                // Commit only once the request waits on our row's index entry: it has passed its check by then. Only a
                // backend blocked by this one counts: the other tests' schemas share the database and wait on locks too.
                // The activity view is a snapshot kept for the transaction unless cleared.
                for _ in 0..<400 {
                    try await db.raw("SELECT pg_stat_clear_snapshot()").run()
                    let waiting = try await db.raw("""
                        SELECT COUNT(*) AS n FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))
                        """).first()!.decode(column: "n", as: Int.self)
                    if waiting > 0 { break }
                    try await Task.sleep(for: .milliseconds(50))
                }
                return request
            }
            let r = try await reply.value
            #expect(r.status == .conflict, "\(r.text)")
            #expect(r.errorCode == "duplicate")
            #expect(try await app.count("SELECT COUNT(*) AS n FROM property_estates WHERE name = '并发小区'") == 1)
        }
    }

    @Test func oneEstateOneOpinionRoundAndOneOpenFlag() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let estates = try await Self.all(12) { _ in
                try await app.call(.post, "/api/v1/property/estates", token: w.admin.token, json: ["name": "同名小区", "orgUnitId": w.f.cs])
            }
            Self.expectOneMade(estates, "estate")

            let supervisor = w.f.supervisor.token
            let rounds = try await Self.all(8) { _ in
                try await app.call(.post, "/api/v1/property/estates/\(w.estate)/opinion-rounds", token: supervisor, json: ["halfYear": "2026-H2"])
            }
            Self.expectOneMade(rounds, "opinion round")
            #expect(try await app.count("SELECT COUNT(*) AS n FROM property_opinion_rounds") == 1)

            let t = try await app.createTicket(w.f.agent.token, subject: "投诉", extra: ["customer": ["name": "周先生", "phone": "13600001111"]])
            let customerId = try #require((t["customer"] as? [String: Any])?["id"] as? String)
            let flags = try await Self.all(8) { i in
                try await app.call(.post, "/api/v1/customers/\(customerId)/flags", token: w.f.agent.token, json: ["reason": "第\(i)次"])
            }
            Self.expectOneMade(flags, "flag")
            #expect(try await app.count("SELECT COUNT(*) AS n FROM customer_flags") == 1)
        }
    }
}
