import Foundation
import Hummingbird
import SQLKit
import Testing

/// #14.1 work orders over HTTP (WO-01..11, 4.8): issued by CS duty staff, accepted by the duty technician with the
/// 5-minute door clock, signed on the spot, never completed without the signature, visited back; every denial.
@Suite("Work orders (#14.1, WO-01..11)")
struct WorkOrderFlowTests {
    /// A 1×1 PNG (signature, IHDR chunk) as a data URI.
    static let png = "data:image/png;base64," + Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1,
                                                       8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE]).base64EncodedString()

    struct Actors {
        let f: OrgFixture
        let tech: (id: String, token: String)
        let tech2: (id: String, token: String)
        let outsideTech: (id: String, token: String)
        let outsideAgent: (id: String, token: String)
        let finance: (id: String, token: String)
    }

    static func actors(_ app: TestApp) async throws -> Actors {
        let f = try await OrgFixture.make(app)
        return Actors(f: f, tech: try await app.createUser(f.admin, "tech", roles: ["duty_technician"], unitId: f.cs),
                      tech2: try await app.createUser(f.admin, "tech2", roles: ["duty_technician"], unitId: f.cs),
                      outsideTech: try await app.createUser(f.admin, "qatech", roles: ["duty_technician"], unitId: f.qa),
                      outsideAgent: try await app.createUser(f.admin, "qaagent", roles: ["cs_agent"], unitId: f.qa),
                      finance: try await app.createUser(f.admin, "fin", roles: ["finance"], unitId: f.cs))
    }

    static var body: [String: Any] { ["kind": "household", "location": "3 栋 2 单元 201", "description": "厨房水管漏水", "requesterName": "王芳", "requesterPhone": "13900001111"] }

    static func issue(_ app: TestApp, _ a: Actors, _ extra: [String: Any] = [:]) async throws -> String {
        let r = try await app.call(.post, "/api/v1/work-orders", token: a.f.agent.token, json: body.merging(["orgUnitId": a.f.cs]) { $1 }.merging(extra) { $1 })
        #expect(r.status == .created, "\(r.text)")
        return try #require(r.string("id"))
    }

    static func step(_ app: TestApp, _ token: String, _ id: String, _ step: String, _ json: [String: Any] = [:]) async throws -> TestApp.Reply {
        try await app.call(.post, "/api/v1/work-orders/\(id)/\(step)", token: token, json: json)
    }

    @Test func aTechnicianAcceptsArrivesWorksCollectsTheSignatureAndCompletes() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            let created = try await app.call(.post, "/api/v1/work-orders", token: a.f.agent.token, json: Self.body.merging(["orgUnitId": a.f.cs]) { $1 })
            #expect(created.status == .created, "\(created.text)")
            #expect(created.string("status") == "issued")
            #expect(created.string("number")?.range(of: #"^GD-\d{4}-000001$"#, options: .regularExpression) != nil, "\(created.string("number") ?? "")")
            let id = try #require(created.string("id"))
            #expect((created["actions"] as? [String]) == ["book-appointment"], "the agent's actions: \(created["actions"] ?? "")")

            let accepted = try await Self.step(app, a.tech.token, id, "accept")
            #expect(accepted.status == .ok, "\(accepted.text)")
            #expect(accepted.string("status") == "accepted")
            #expect(accepted.string("technicianId") == a.tech.id)
            let acceptedAt = try #require(accepted.string("acceptedAt").flatMap(Self.date))
            let due = try #require(accepted.string("arriveDueAt").flatMap(Self.date))
            #expect(due.timeIntervalSince(acceptedAt) == 300, "WO-02: due 5 minutes after acceptance")

            #expect(try await Self.step(app, a.tech.token, id, "depart").string("departedAt") != nil)
            let arrived = try await Self.step(app, a.tech.token, id, "arrive")
            #expect(arrived.string("status") == "arrived")
            #expect(arrived["arrivedLate"] as? Bool == false)
            #expect(try await Self.step(app, a.tech.token, id, "start").string("status") == "working")
            // WO-07: no completion without the signature, whether the work is written up or not.
            let early = try await Self.step(app, a.tech.token, id, "complete")
            #expect(early.status == .conflict && early.errorCode == "signature_required", "\(early.text)")
            let finished = try await Self.step(app, a.tech.token, id, "finish", ["workNotes": "更换角阀", "materials": "角阀 DN15 1 个\n生料带 1 卷"])
            #expect(finished.string("status") == "awaiting_signature", "\(finished.text)")
            let unsigned = try await Self.step(app, a.tech.token, id, "complete")
            #expect(unsigned.status == .conflict && unsigned.errorCode == "signature_required", "\(unsigned.text)")

            // WO-08: a household order is signed by an adult of the household, not by a security foreman.
            let wrongSigner = try await Self.step(app, a.tech.token, id, "signature", ["signerName": "李", "signerRelation": "security_foreman_or_above", "image": Self.png])
            #expect(wrongSigner.status == .unprocessableContent && wrongSigner.errorCode == "signer_not_authorised", "\(wrongSigner.text)")
            let notPNG = try await Self.step(app, a.tech.token, id, "signature",
                                             ["signerName": "王芳", "signerRelation": "owner", "image": "data:image/png;base64," + Data("GIF89a not a png at all, really not".utf8).base64EncodedString()])
            #expect(notPNG.status == .unprocessableContent && notPNG.errorCode == "signature_not_png", "\(notPNG.text)")
            let signed = try await Self.step(app, a.tech.token, id, "signature", ["signerName": "王芳", "signerRelation": "owner", "image": Self.png])
            #expect(signed.status == .ok, "\(signed.text)")
            let signature = try #require(signed["signature"] as? [String: Any])
            #expect(signature["signerName"] as? String == "王芳")
            #expect(signature["contentSha256"] as? String == signed.string("contentSha256"))
            #expect(signature["contentMatches"] as? Bool == true)
            #expect((signature["imageSha256"] as? String)?.count == 64)

            let completed = try await Self.step(app, a.tech.token, id, "complete")
            #expect(completed.status == .ok, "\(completed.text)")
            #expect(completed.string("status") == "completed")
            #expect(completed.string("keptUntil") != nil, "RET-02")
            // WO-11: customer service visits back.
            #expect(try await Self.step(app, a.tech.token, id, "return-visit", ["note": "满意"]).status == .forbidden)
            #expect(try await Self.step(app, a.f.agent.token, id, "return-visit", [:]).status == .unprocessableContent)
            let visited = try await Self.step(app, a.f.agent.token, id, "return-visit", ["note": "住户满意，无渗漏"])
            #expect(visited.string("status") == "return_visited", "\(visited.text)")

            let trail = try await app.call(.get, "/api/v1/audit-log?entity=work_order&entityId=\(id)", token: a.f.admin).items.compactMap { $0["action"] as? String }
            #expect(trail == ["issue", "accept", "depart", "arrive", "start", "finish", "sign", "complete", "return-visit"], "\(trail)")
            // RET-02: nothing deletes a work order.
            #expect(try await app.call(.delete, "/api/v1/work-orders/\(id)", token: a.f.admin).status.code >= 404)
        }
    }

    @Test func everyFieldIsRequiredOnIssue() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            for field in ["kind", "location", "description", "requesterName", "requesterPhone"] {
                var body = Self.body
                body[field] = nil
                let r = try await app.call(.post, "/api/v1/work-orders", token: a.f.agent.token, json: body)
                #expect(r.status == .unprocessableContent, "\(field): \(r.text)")
                #expect((r.json["error"] as? [String: Any]).flatMap { ($0["details"] as? [String: Any])?["field"] as? String } ?? field == field, "\(r.text)")
            }
            let bad = try await app.call(.post, "/api/v1/work-orders", token: a.f.agent.token, json: Self.body.merging(["kind": "shop"]) { $1 })
            #expect(bad.status == .unprocessableContent)
        }
    }

    @Test func aLateArrivalIsFlaggedAndListed() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            let late = try await Self.issue(app, a)
            let onTime = try await Self.issue(app, a)
            for id in [late, onTime] { #expect(try await Self.step(app, a.tech.token, id, "accept").status == .ok) }
            // The clock moves by writing the acceptance 6 minutes back (no sleeping).
            let back = Int64(Date().timeIntervalSince1970 * 1000) - 360_000
            try await app.store.write { db in
                try await db.raw("UPDATE work_orders SET accepted_at = \(bind: back), arrive_due_at = \(bind: back + 300_000) WHERE id = \(bind: late)").run()
            }
            let overdue = try await app.call(.get, "/api/v1/work-orders?late=1", token: a.tech.token).items.compactMap { $0["id"] as? String }
            #expect(overdue == [late], "\(overdue)")
            let arrived = try await Self.step(app, a.tech.token, late, "arrive")
            #expect(arrived["arrivedLate"] as? Bool == true, "\(arrived.text)")
            #expect(try await Self.step(app, a.tech.token, onTime, "arrive")["arrivedLate"] as? Bool == false)
            let listed = try await app.call(.get, "/api/v1/work-orders?late=1", token: a.f.agent.token).items.compactMap { $0["id"] as? String }
            #expect(listed == [late], "\(listed)")
        }
    }

    @Test func anAppointmentIsBookedWhenTheTechnicianIsOut() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            let id = try await Self.issue(app, a)
            #expect(try await Self.step(app, a.tech.token, id, "book-appointment", ["appointmentAt": "2026-12-02 10:00"]).status == .forbidden)
            #expect(try await Self.step(app, a.f.agent.token, id, "book-appointment", ["appointmentAt": "明天"]).status == .unprocessableContent)
            let booked = try await Self.step(app, a.f.agent.token, id, "book-appointment", ["appointmentAt": "2026-12-02T10:00", "note": "技工外出"])
            #expect(booked.string("status") == "appointment_booked", "\(booked.text)")
            #expect(booked.string("appointmentAt") == "2026-12-02 10:00")
            #expect(try await Self.step(app, a.tech.token, id, "accept").string("status") == "accepted")
        }
    }

    @Test func whoMayDoWhatAndWhere() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            let id = try await Self.issue(app, a)
            // Issuing: customer service only, and only for its unit and below.
            #expect(try await app.call(.post, "/api/v1/work-orders", token: a.tech.token, json: Self.body).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/work-orders", token: a.outsideAgent.token, json: Self.body.merging(["orgUnitId": a.f.cs]) { $1 }).status == .forbidden)
            // Reading: both sides, in scope.
            #expect(try await app.call(.get, "/api/v1/work-orders/\(id)", token: a.tech.token).status == .ok)
            #expect(try await app.call(.get, "/api/v1/work-orders/\(id)", token: a.outsideTech.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/work-orders/\(id)", token: a.finance.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/work-orders", token: a.finance.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/work-orders", token: a.outsideTech.token).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/work-orders/nope", token: a.tech.token).status == .notFound)
            // Steps: the agent does not accept; a technician outside the unit does not; after acceptance only the accepting one works it.
            #expect(try await Self.step(app, a.f.agent.token, id, "accept").status == .forbidden)
            #expect(try await Self.step(app, a.outsideTech.token, id, "accept").status == .forbidden)
            #expect(try await Self.step(app, a.tech.token, id, "arrive").status == .conflict)
            #expect(try await Self.step(app, a.tech.token, id, "accept").status == .ok)
            #expect(try await Self.step(app, a.tech2.token, id, "accept").status == .conflict)
            #expect(try await Self.step(app, a.tech2.token, id, "arrive").status == .forbidden)
            #expect(try await Self.step(app, a.tech.token, id, "arrive").status == .ok)
            let mine = try await app.call(.get, "/api/v1/work-orders?mine=1", token: a.tech.token).items.compactMap { $0["id"] as? String }
            #expect(mine == [id])
            #expect(try await app.call(.get, "/api/v1/work-orders?mine=1", token: a.tech2.token).items.isEmpty)
        }
    }

    @Test func anOrderIssuedFromATicketTakesItsCustomerAndAChangeAfterSigningShows() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            let ticket = try await app.createTicket(a.f.agent.token, subject: "厨房漏水", extra: ["customer": ["name": "陈先生", "phone": "13911112222"]])
            let number = try #require(ticket.string("number"))
            let r = try await app.call(.post, "/api/v1/work-orders", token: a.f.agent.token,
                                       json: ["ticketId": number, "kind": "household", "location": "5-101", "description": "漏水"])
            #expect(r.status == .created, "\(r.text)")
            #expect(r.string("requesterName") == "陈先生")
            #expect(r.string("requesterPhone") == "13911112222")
            #expect(r.string("ticketNumber") == number)
            #expect(r.string("orgUnitId") == a.f.cs)
            // A ticket the issuer cannot see is not found.
            let hidden = try await app.call(.post, "/api/v1/work-orders", token: a.outsideAgent.token, json: Self.body.merging(["ticketId": number]) { $1 })
            #expect(hidden.status == .notFound, "\(hidden.text)")

            let id = try #require(r.string("id"))
            for s in ["accept", "arrive", "start"] { #expect(try await Self.step(app, a.tech.token, id, s).status == .ok) }
            #expect(try await Self.step(app, a.tech.token, id, "finish", ["workNotes": "换阀门"]).status == .ok)
            let signed = try await Self.step(app, a.tech.token, id, "signature", ["signerName": "陈先生", "signerRelation": "owner", "image": Self.png])
            #expect(signed.status == .ok)
            try await app.store.write { db in try await db.raw("UPDATE work_orders SET work_notes = '换阀门，另收费 500 元' WHERE id = \(bind: id)").run() }
            let shown = try await app.call(.get, "/api/v1/work-orders/\(id)", token: a.tech.token)
            #expect((shown["signature"] as? [String: Any])?["contentMatches"] as? Bool == false, "\(shown.text)")
            let refused = try await Self.step(app, a.tech.token, id, "complete")
            #expect(refused.status == .conflict && refused.errorCode == "signature_outdated", "\(refused.text)")
        }
    }

    @Test func aPublicFacilityIsSignedByTheRankWOEightNames() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            let id = try await Self.issue(app, a, ["kind": "public_facility", "location": "地下车库 B2 照明", "requesterName": "保安部 张班长"])
            for s in ["accept", "arrive", "start"] { #expect(try await Self.step(app, a.tech.token, id, s).status == .ok) }
            #expect(try await Self.step(app, a.tech.token, id, "finish", ["workNotes": "更换灯管"]).status == .ok)
            let owner = try await Self.step(app, a.tech.token, id, "signature", ["signerName": "张", "signerRelation": "owner", "image": Self.png])
            #expect(owner.errorCode == "signer_not_authorised", "\(owner.text)")
            let foreman = try await Self.step(app, a.tech.token, id, "signature", ["signerName": "张", "signerRelation": "security_foreman_or_above", "image": Self.png])
            #expect(foreman.status == .ok, "\(foreman.text)")
            #expect(try await Self.step(app, a.tech.token, id, "complete").string("status") == "completed")
        }
    }

    static func date(_ s: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: s) ?? ISO8601DateFormatter().date(from: s)
    }
}
