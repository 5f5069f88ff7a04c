import Foundation
import Hummingbird
import HummingbirdTesting
import KefuPlatform
import SQLKit
import Testing

/// #16.3 (CH-01, KPI-02, TKT-03): the PBX's signed events through real HTTP, on SQLite and (with
/// KEFU_TEST_POSTGRES_URL) PostgreSQL: signature and replay window, idempotency, a missed call's call-back ticket, an
/// answered call after more than three rings recorded for inspection, an answered call made a ticket, the call log's
/// scope and the extension map's permission.
@Suite struct TelephonyEventsTests {
    struct Fixture: Sendable {
        let app: TestApp
        let admin: String
        let cs: String
        let other: String
        let agent: (id: String, token: String)
        let otherAgent: (id: String, token: String)
        let supervisor: (id: String, token: String)

        @discardableResult
        func event(_ callId: String, _ event: String, caller: String = "13812345678", ext: String = "8001", rings: Int = 1,
                   at: Date = Date(), secret: String = TestApp.telephonySecret, signature: String? = nil) async throws -> TestApp.Reply {
            let body = try TelephonySigning.body(["callId": callId, "event": event, "callerNumber": caller, "extension": ext, "rings": rings])
            return try await app.call(.post, "/api/v1/telephony/events", raw: body,
                                      headers: TelephonySigning.headers(body, secret: secret, at: at, signature: signature))
        }

        func count(_ sql: String) async throws -> Int {
            try await app.store.read { db in try await db.raw("\(unsafeRaw: sql)").first()!.decode(column: "n", as: Int.self) }
        }
    }

    static func withFixture(_ body: @escaping @Sendable (Fixture) async throws -> Void) async throws {
        try await TestApp.run { app in
            let admin = try await app.adminToken()
            let root = try await app.rootUnitId(admin)
            let cs = try await app.createUnit(admin, code: "CS", name: "客服部", kind: "business", parentId: root)
            let other = try await app.createUnit(admin, code: "EAST", name: "华东分公司", kind: "business", parentId: root)
            let agent = try await app.createUser(admin, "telagent", roles: ["cs_agent"], unitId: cs)
            let otherAgent = try await app.createUser(admin, "telother", roles: ["cs_agent"], unitId: other)
            let supervisor = try await app.createUser(admin, "telsuper", roles: ["cs_supervisor"], unitId: cs)
            let put = try await app.call(.put, "/api/v1/telephony/extensions/8001", token: admin, json: ["agentId": agent.id])
            #expect(put.status == .ok, "\(put.text)")
            try await body(Fixture(app: app, admin: admin, cs: cs, other: other, agent: agent, otherAgent: otherAgent, supervisor: supervisor))
        }
    }

    @Test func anUnsignedOrWronglySignedEventIsRefused() async throws {
        try await Self.withFixture { f in
            let body = try TelephonySigning.body(["callId": "c1", "event": "ringing", "callerNumber": "13812345678", "extension": "8001"])
            let unsigned = try await f.app.call(.post, "/api/v1/telephony/events", raw: body)
            #expect(unsigned.status == .unauthorized)
            let wrongSecret = try await f.event("c1", "ringing", secret: "not-the-secret")
            #expect(wrongSecret.status == .unauthorized)
            #expect(wrongSecret.errorCode == "bad_signature")
            let garbage = try await f.event("c1", "ringing", signature: "sha256=zz")
            #expect(garbage.errorCode == "bad_signature")
            // The body changed after signing: refused.
            let headers = TelephonySigning.headers(body)
            let tampered = try await f.app.call(.post, "/api/v1/telephony/events", raw: body.replacingOccurrences(of: "8001", with: "8002"), headers: headers)
            #expect(tampered.errorCode == "bad_signature")
            #expect(try await f.count("SELECT COUNT(*) AS n FROM telephony_calls") == 0)
            let good = try await f.event("c1", "ringing")
            #expect(good.status == .created, "\(good.text)")
        }
    }

    @Test func anEventOutsideTheReplayWindowIsRefused() async throws {
        try await Self.withFixture { f in
            // Well outside the window (the exact edges are KefuDomain's TelephonyRulesTests): a loaded machine takes seconds.
            let old = try await f.event("c2", "ringing", at: Date().addingTimeInterval(-400))
            #expect(old.status == .unauthorized)
            #expect(old.errorCode == "stale_timestamp")
            let future = try await f.event("c2", "ringing", at: Date().addingTimeInterval(400))
            #expect(future.errorCode == "stale_timestamp")
            let recent = try await f.event("c2", "ringing", at: Date().addingTimeInterval(-200))
            #expect(recent.status == .created, "\(recent.text)")
        }
    }

    @Test func withoutASecretTheWebhookIsNotConfigured() async throws {
        try await TestApp.run(telephonySecret: nil) { app in
            let body = "{\"callId\":\"c\",\"event\":\"ringing\",\"callerNumber\":\"13812345678\",\"extension\":\"8001\"}"
            let r = try await app.call(.post, "/api/v1/telephony/events", raw: body, headers: TelephonySigning.headers(body))
            #expect(r.status == .serviceUnavailable)
            #expect(r.errorCode == "telephony_not_configured")
        }
    }

    @Test func invalidEventsAreAnsweredWithTheField() async throws {
        try await Self.withFixture { f in
            let badEvent = try await f.event("c3", "hung_up")
            #expect(badEvent.status == .unprocessableContent)
            #expect(badEvent.errorMessage?.contains("ringing") == true)
            let unknown = try await f.event("c3", "ringing", ext: "9999")
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.errorCode == "unknown_extension")
            let badNumber = try await f.event("c3", "ringing", caller: "x")
            #expect(badNumber.status == .unprocessableContent)
        }
    }

    @Test func aRepeatedEventChangesNothing() async throws {
        try await Self.withFixture { f in
            let first = try await f.event("c4", "missed", rings: 6)
            #expect(first.status == .created, "\(first.text)")
            let again = try await f.event("c4", "missed", rings: 6)
            #expect(again.status == .ok)
            #expect(again["duplicate"] as? Bool == true)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM telephony_call_events WHERE call_id = 'c4'") == 1)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM tickets") == 1)
        }
    }

    @Test func aMissedCallBecomesACallBackTicketForTheCaller() async throws {
        try await Self.withFixture { f in
            try await f.event("c5", "ringing", caller: "13812345678", rings: 1)
            let missed = try await f.event("c5", "missed", caller: "13812345678", rings: 5)
            #expect(missed.status == .created, "\(missed.text)")
            let call = try #require(missed["call"] as? [String: Any])
            #expect(call["state"] as? String == "missed")
            let ticketId = try #require(call["ticketId"] as? String)
            let ticket = try await f.app.call(.get, "/api/v1/tickets/\(ticketId)", token: f.supervisor.token)
            #expect(ticket.status == .ok, "\(ticket.text)")
            #expect(ticket.string("channel") == "phone")
            #expect(ticket.string("subject") == "未接来电回拨 13812345678")
            #expect(ticket.string("orgUnitId") == f.cs)
            let customer = try #require(ticket["customer"] as? [String: Any])
            #expect(customer["phone"] as? String == "13812345678")
            // Its own clock, as any new ticket's.
            let sla = try #require(ticket["sla"] as? [String: Any])
            #expect(sla["firstResponseDueAt"] is String, "\(sla)")
            // The call log of the agent's unit lists it, by customer and by agent.
            let byCustomer = try await f.app.call(.get, "/api/v1/telephony/calls?customerId=\(customer["id"] as! String)", token: f.supervisor.token)
            #expect(byCustomer.items.count == 1)
            let byAgent = try await f.app.call(.get, "/api/v1/telephony/calls?agentId=\(f.agent.id)", token: f.agent.token)
            #expect(byAgent.items.count == 1)
        }
    }

    @Test func anAnswerAfterMoreThanThreeRingsIsRecordedForInspection() async throws {
        try await Self.withFixture { f in
            try await f.event("c6", "ringing", rings: 1)
            let late = try await f.event("c6", "answered", rings: 4)
            #expect(late.status == .created, "\(late.text)")
            let call = try #require(late["call"] as? [String: Any])
            let record = try #require(call["qualityCallId"] as? String)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM quality_calls WHERE id = '\(record)' AND rings = 4 AND agent_id = '\(f.agent.id)'") == 1)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM quality_penalties WHERE call_id = '\(record)'") == 1)
            // Three rings is not late (KPI-02).
            try await f.event("c7", "ringing", rings: 3)
            let onTime = try await f.event("c7", "answered", rings: 3)
            #expect(onTime.status == .created)
            #expect((onTime["call"] as? [String: Any])?["qualityCallId"] as? String == nil)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM quality_calls") == 1)
            // A repeated answer records nothing more.
            try await f.event("c6", "answered", rings: 4)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM quality_calls") == 1)
        }
    }

    @Test func anAnsweredCallBecomesATicketOwnedByTheAgent() async throws {
        try await Self.withFixture { f in
            try await f.event("c8", "ringing")
            let ringing = try await f.event("c8", "ringing")
            let id = try #require((ringing["call"] as? [String: Any])?["id"] as? String)
            let early = try await f.app.call(.post, "/api/v1/telephony/calls/\(id)/ticket", token: f.agent.token)
            #expect(early.status == .conflict)
            #expect(early.errorCode == "call_not_answered")
            try await f.event("c8", "answered", rings: 2)
            // Outside the call's unit: refused.
            let outside = try await f.app.call(.post, "/api/v1/telephony/calls/\(id)/ticket", token: f.otherAgent.token)
            #expect(outside.status == .forbidden)
            let made = try await f.app.call(.post, "/api/v1/telephony/calls/\(id)/ticket", token: f.supervisor.token)
            #expect(made.status == .created, "\(made.text)")
            let ticketId = try #require(made.string("ticketId"))
            let ticket = try await f.app.call(.get, "/api/v1/tickets/\(ticketId)", token: f.supervisor.token)
            #expect(ticket.string("channel") == "phone")
            #expect(ticket.string("ownerId") == f.agent.id, "\(ticket.text.prefix(600))")
            let twice = try await f.app.call(.post, "/api/v1/telephony/calls/\(id)/ticket", token: f.agent.token)
            #expect(twice.status == .conflict)
            #expect(twice.errorCode == "call_has_ticket")
        }
    }

    @Test func theCallLogAndExtensionsKeepToTheirScope() async throws {
        try await Self.withFixture { f in
            try await f.event("c9", "missed")
            // The other unit's agent sees none of 客服部's calls; a customer is refused.
            let other = try await f.app.call(.get, "/api/v1/telephony/calls", token: f.otherAgent.token)
            #expect(other.status == .ok)
            #expect(other.items.isEmpty)
            let mine = try await f.app.call(.get, "/api/v1/telephony/calls", token: f.agent.token)
            #expect(mine.items.count == 1)
            // Extensions: administrators only; an administrator of another unit cannot take 客服部's extension.
            let agentPut = try await f.app.call(.put, "/api/v1/telephony/extensions/8002", token: f.agent.token, json: ["agentId": f.agent.id])
            #expect(agentPut.status == .forbidden)
            let eastAdmin = try await f.app.createUser(f.admin, "teleastadmin", roles: ["admin"], unitId: f.other)
            let steal = try await f.app.call(.put, "/api/v1/telephony/extensions/8001", token: eastAdmin.token, json: ["agentId": f.otherAgent.id])
            #expect(steal.status == .forbidden)
            let read = try await f.app.call(.get, "/api/v1/telephony/extensions/8001", token: eastAdmin.token)
            #expect(read.status == .forbidden)
            let own = try await f.app.call(.put, "/api/v1/telephony/extensions/8101", token: eastAdmin.token, json: ["agentId": f.otherAgent.id])
            #expect(own.status == .ok, "\(own.text)")
            let list = try await f.app.call(.get, "/api/v1/telephony/extensions", token: eastAdmin.token)
            #expect((list["items"] as? [[String: Any]])?.map { $0["extension"] as? String } == ["8101"])
            // The other unit's administrator picks only its own agents.
            let picker = try await f.app.call(.get, "/admin/telephony/extensions", token: eastAdmin.token)
            #expect(picker.text.contains("value=\"\(f.otherAgent.id)\"") && !picker.text.contains("value=\"\(f.agent.id)\""))

            // Unassigning: only the extension's own administrators; then its rings reach no one and its calls stay logged.
            #expect(try await f.app.call(.delete, "/api/v1/telephony/extensions/8001", token: eastAdmin.token).status == .forbidden)
            #expect(try await f.app.call(.delete, "/api/v1/telephony/extensions/8001", token: f.agent.token).status == .forbidden)
            #expect(try await f.app.call(.delete, "/api/v1/telephony/extensions/8001", token: f.admin).status == .noContent)
            #expect(try await f.app.call(.delete, "/api/v1/telephony/extensions/8001", token: f.admin).status == .notFound)
            #expect(try await f.app.call(.get, "/api/v1/telephony/extensions/8001", token: f.admin).status == .notFound)
            #expect(try await f.app.call(.get, "/api/v1/telephony/calls", token: f.agent.token).items.count == 1)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'telephony.extension.unassign'") == 1)
        }
    }

    @Test func theScreenPopStreamTellsTheRingingAgent() async throws {
        try await Self.withFixture { f in
            // No extension: no stream.
            let none = try await f.app.call(.get, "/telephony/live", token: f.otherAgent.token)
            #expect(none.status == .noContent)
            try await f.event("c10", "ringing", caller: "13900001111")
            let calls = try await f.app.call(.get, "/telephony/calls", token: f.agent.token)
            #expect(calls.status == .ok)
            #expect(calls.text.contains("13900001111"))
            #expect(calls.text.contains("振铃中"))
        }
    }
    @Test func thePagesShowTheCallsAndTheExtensionsToWhomTheyBelong() async throws {
        try await Self.withFixture { f in
            // The call log's empty state, in English for a user who reads English.
            let en = try await f.app.call(.patch, "/api/v1/users/\(f.otherAgent.id)", token: f.otherAgent.token, json: ["locale": "en"])
            #expect(en.status == .ok, "\(en.text)")
            let empty = try await f.app.call(.get, "/telephony/calls", token: f.otherAgent.token)
            #expect(empty.status == .ok)
            #expect(empty.text.contains("id=\"calls-empty\"") && empty.text.contains("No calls"))
            // The extension page: administrators only.
            let refused = try await f.app.call(.get, "/admin/telephony/extensions", token: f.agent.token)
            #expect(refused.status == .forbidden)
            let admin = try await f.app.call(.get, "/admin/telephony/extensions", token: f.admin)
            #expect(admin.status == .ok)
            #expect(admin.text.contains("data-extension=\"8001\""))
            // A call-back ticket's page shows its call.
            let missed = try await f.event("c11", "missed", caller: "13711112222", rings: 4)
            let ticketId = try #require((missed["call"] as? [String: Any])?["ticketId"] as? String)
            let page = try await f.app.call(.get, "/tickets/\(ticketId)", token: f.supervisor.token)
            #expect(page.status == .ok)
            #expect(page.text.contains("来电 13711112222（分机 8001，响铃 4 声，未接）"), "\(page.text.prefix(200))")
            // Every staff page carries the screen pop's place; the stream answers the agent with an extension.
            #expect(page.text.contains("id=\"screen-pop\""))
        }
    }
}
