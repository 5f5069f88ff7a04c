import Foundation
import HTTPTypes
import Testing

/// #10.6: the confidential customer register stays in its unit; #10.21: a create answers what was stored.
@Suite("Customers: unit scope (#10.6) and stored input (#10.21)")
struct CustomerScopeTests {
    @Test func anotherUnitNeitherFindsNorUsesTheCustomer() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let other = try await app.createUnit(org.admin, code: "CS2", name: "华东客服部", parentId: org.root)
            let agent2 = try await app.createUser(org.admin, "agent2", roles: ["cs_agent"], unitId: other)
            let supervisor2 = try await app.createUser(org.admin, "supervisor2", roles: ["cs_supervisor"], unitId: other)
            let ticket = try await app.createTicket(org.agent.token, subject: "叶片异响", extra: ["customer": ["name": "陈先生", "phone": "13612345678"]])
            let customerId = (ticket["customer"] as? [String: Any])?["id"] as? String ?? ""
            #expect(!customerId.isEmpty)
            // Inside the unit: found by the whole number.
            #expect(try await app.call(.get, "/api/v1/customers/lookup?phone=13612345678", token: org.agent.token).items.count == 1)
            #expect(try await app.call(.get, "/api/v1/customers/\(customerId)", token: org.supervisor.token).status == .ok)
            // Another unit: not found, not usable, not readable, not in the register.
            #expect(try await app.call(.get, "/api/v1/customers/lookup?phone=13612345678", token: agent2.token).items.isEmpty)
            let used = try await app.createTicket(agent2.token, subject: "借用客户", extra: ["customerId": customerId])
            #expect(used.status == .notFound)
            #expect(!used.text.contains("陈先生") && !used.text.contains("13612345678"))
            #expect(try await app.call(.get, "/api/v1/customers/\(customerId)", token: supervisor2.token).status == .notFound)
            #expect(try await app.call(.get, "/api/v1/customers", token: supervisor2.token).items.isEmpty)
            #expect(try await app.call(.patch, "/api/v1/customers/\(customerId)", token: supervisor2.token, json: ["name": "改名"]).status == .notFound)
            // The head office sees every customer.
            #expect(try await app.call(.get, "/api/v1/customers/\(customerId)", token: org.admin).status == .ok)
        }
    }

    @Test func phoneLookUpsAreRateLimitedPerUser() async throws {
        // The throttle reads the app's clock, which stands still here until the test moves it: however loaded the
        // machine, the window's 30 look-ups fall inside its 60 seconds.
        let clock = ManualWallClock()
        try await TestApp.run(clock: clock.wallClock) { app in
            let org = try await OrgFixture.make(app)
            for i in 0..<30 {
                let status = try await app.call(.get, "/api/v1/customers/lookup?phone=1361234\(String(format: "%04d", i))", token: org.agent.token).status
                #expect(status == .ok, "look-up \(i)")
            }
            let over = try await app.call(.get, "/api/v1/customers/lookup?phone=13612349999", token: org.agent.token)
            #expect(over.status == .tooManyRequests)
            #expect(over.errorCode == "too_many_lookups")
            // Another user has a window of their own.
            #expect(try await app.call(.get, "/api/v1/customers/lookup?phone=13612349999", token: org.colleague.token).status == .ok)
            // A second short of the window the user still waits; once it has passed they may look up again.
            clock.advance(millis: 59_000)
            #expect(try await app.call(.get, "/api/v1/customers/lookup?phone=13612349999", token: org.agent.token).status == .tooManyRequests)
            clock.advance(millis: 1_000)
            #expect(try await app.call(.get, "/api/v1/customers/lookup?phone=13612349999", token: org.agent.token).status == .ok)
        }
    }

    @Test func nulCharactersAreDroppedBeforeTheResponse() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let created = try await app.call(.post, "/api/v1/tickets", token: org.agent.token,
                                             raw: "{\"subject\": \"风机\\u0000漏油\", \"description\": \"a\\\\u0000b\", \"type\": \"repair\"}")
            #expect(created.status == .created, "\(created.text)")
            #expect(created.string("subject") == "风机漏油")
            // An escaped backslash followed by the text "u0000" is no NUL and stays.
            #expect(created.string("description") == "a\\u0000b")
            let stored = try await app.call(.get, "/api/v1/tickets/\(created.string("id") ?? "")", token: org.agent.token)
            #expect(stored.string("subject") == created.string("subject"))
            #expect(stored.string("description") == created.string("description"))
        }
    }
}
