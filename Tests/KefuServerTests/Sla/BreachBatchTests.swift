import Foundation
import KefuOrg
import KefuPlatform
@testable import KefuServiceDesk
import SQLKit
import Testing

/// A breach pass reads each organisation fact once per batch (`EscalationLookups`): one batch with breaches in two
/// units still tells each unit's own people, and within a batch the first read of a fact holds.
@Suite("Breach batches", .serialized)
struct BreachBatchTests {
    @Test func oneBatchTellsEachUnitsOwnSupervisor() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let qaAgent = try await app.createUser(org.admin, "qaagent", roles: ["cs_agent"], unitId: org.qa)
            let qaSupervisor = try await app.createUser(org.admin, "qasupervisor", roles: ["cs_supervisor"], unitId: org.qa)
            try await app.roundTheClockEmailPolicy(org.admin, firstResponse: 5, resolution: 60)
            var csTickets: Set<String> = [], qaTickets: Set<String> = []
            for i in 1...3 {
                csTickets.insert(try await app.emailTicket(org.agent.token, subject: "\(i)号风机告警", minutesAgo: 10 + i)["id"] as! String)
                qaTickets.insert(try await app.emailTicket(qaAgent.token, subject: "\(i)号叶片检查", minutesAgo: 10 + i)["id"] as! String)
            }
            let pass = try await app.jobs.scanner.scan()
            #expect(pass.breachesRecorded == 6 && pass.notificationsSent == 6)
            func told(_ token: String) async throws -> Set<String> {
                Set(try await app.call(.get, "/api/v1/notifications", token: token).items.compactMap { $0["ticketId"] as? String })
            }
            #expect(try await told(org.supervisor.token) == csTickets)
            #expect(try await told(qaSupervisor.token) == qaTickets)
            let names = try await app.store.read { db in try await OrgQueries.displayNames(db, ids: [org.supervisor.id, qaSupervisor.id]) }
            for (tickets, supervisor) in [(csTickets, org.supervisor.id), (qaTickets, qaSupervisor.id)] {
                let expected = names[supervisor]
                for id in tickets {
                    let events = try await app.call(.get, "/api/v1/tickets/\(id)/events", token: org.admin).items
                    let alerted = events.first { $0["kind"] as? String == "escalated" }.flatMap { ($0["data"] as? [String: Any])?["alerted"] as? String }
                    #expect(alerted == expected, "\(id)")
                }
            }
        }
    }

    @Test func withinABatchTheFirstReadOfAFactHolds() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            try await app.store.write { db in
                let lookups = EscalationLookups()
                let csPath = try #require(try await lookups.ownerPath(db, userId: org.agent.id))
                let members = try await lookups.members(db, path: csPath).map(\.id)
                #expect(members.contains(org.supervisor.id))
                try await db.raw("UPDATE users SET org_unit_id = \(bind: org.qa) WHERE id = \(bind: org.agent.id)").run()
                try await db.raw("UPDATE users SET active = 0 WHERE id = \(bind: org.supervisor.id)").run()
                #expect(try await lookups.ownerPath(db, userId: org.agent.id) == csPath)
                #expect(try await lookups.members(db, path: csPath).map(\.id) == members)
                // A new batch reads them again.
                let next = EscalationLookups()
                #expect(try await next.ownerPath(db, userId: org.agent.id) != csPath)
                #expect(try await !next.members(db, path: csPath).map(\.id).contains(org.supervisor.id))
                // Names: each read once, and only those asked for are answered.
                #expect(Set(try await lookups.displayNames(db, ids: [org.agent.id, org.supervisor.id]).keys) == [org.agent.id, org.supervisor.id])
                #expect(Array(try await lookups.displayNames(db, ids: [org.agent.id]).keys) == [org.agent.id])
            }
        }
    }
}
