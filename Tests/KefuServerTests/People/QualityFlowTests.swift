import Foundation
import KefuApp
import KefuDomain
import KefuPeople
import KefuPlatform
import Testing

/// #15.5 over HTTP (SQLite, and PostgreSQL when KEFU_TEST_POSTGRES_URL is set): inspection standards with weights
/// totalling 100 (KPI-03), calls and their late-answer penalties (KPI-02), inspections of calls and tickets with the
/// items' snapshot, the penalty register's confirm and waive (CMP-17), the complaint pass (each 3rd verified complaint
/// once), the agent's own view, `InspectionQualitySource`, and every refusal by role, unit and rule.
@Suite("Quality inspection and penalty records (#15.5)")
struct QualityFlowTests {
    static func standard(_ f: PeopleFixture, kind: String, items: [(String, Any)], unit: String? = nil) -> [String: Any] {
        ["orgUnitId": unit ?? f.cs, "name": kind == "call" ? "来电服务规范" : "工单处理规范", "kind": kind, "items": items.map { ["label": $0.0, "weight": $0.1] }]
    }

    static func call(_ agent: String, rings: Int) -> [String: Any] {
        ["agentId": agent, "calledAt": "2026-11-20 14:30", "callerNumber": "13900001111", "rings": rings, "durationSeconds": 125, "note": "咨询发票"]
    }

    @Test func standardsCallsInspectionsAndPenalties() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let qa = try await app.createUser(f.admin, "qainspector", roles: ["qa"], unitId: f.cs)

            // KPI-03: weights total exactly 100; only QA, the CS manager and administrators of the unit keep standards.
            var r = try await app.call(.post, "/api/v1/inspection-standards", token: f.manager.token,
                                       json: Self.standard(f, kind: "call", items: [("礼貌用语", "60"), ("问题记录", "39.99")]))
            #expect(r.status == .unprocessableContent && r.text.contains("99.99"), "\(r.text)")
            #expect(try await app.call(.post, "/api/v1/inspection-standards", token: f.manager.token,
                                       json: Self.standard(f, kind: "call", items: [("礼貌用语", "60.001"), ("问题记录", "40")])).status == .unprocessableContent)
            #expect(try await app.call(.post, "/api/v1/inspection-standards", token: f.supervisor.token,
                                       json: Self.standard(f, kind: "call", items: [("礼貌用语", 100)])).status == .forbidden, "a supervisor does not keep standards")
            #expect(try await app.call(.post, "/api/v1/inspection-standards", token: f.outsider.token,
                                       json: Self.standard(f, kind: "call", items: [("礼貌用语", 100)])).status == .forbidden, "another unit's manager")
            r = try await app.call(.post, "/api/v1/inspection-standards", token: qa.token,
                                   json: Self.standard(f, kind: "call", items: [("礼貌用语", "６０"), ("问题记录", 40)]))
            #expect(r.status == .created, "\(r.text)")
            let callStandard = r.string("id")!
            #expect((r.json["items"] as? [[String: Any]])?.map { $0["weight"] as? String } == ["60.00", "40.00"], "\(r.text)")
            r = try await app.call(.post, "/api/v1/inspection-standards", token: f.manager.token,
                                   json: Self.standard(f, kind: "ticket", items: [("首问负责", "33.33"), ("处理及时", "33.33"), ("回访", "33.34")]))
            #expect(r.status == .created, "\(r.text)")
            let ticketStandard = r.string("id")!
            #expect(try await app.call(.get, "/api/v1/inspection-standards", token: f.ann.token).items.count == 2, "agents read the standards they are scored against")
            #expect(try await app.call(.get, "/api/v1/inspection-standards", token: f.outsider.token).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/inspection-standards/\(callStandard)", token: f.outsider.token).status == .forbidden)

            // KPI-02: three rings are fine, four propose a penalty; only the unit's inspectors enter calls.
            #expect(try await app.call(.post, "/api/v1/calls", token: f.ann.token, json: Self.call(f.bo.id, rings: 4)).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/calls", token: f.outsider.token, json: Self.call(f.ann.id, rings: 4)).status == .forbidden)
            var bad = Self.call(f.ann.id, rings: 4); bad["calledAt"] = "2026-13-01 10:00"
            #expect(try await app.call(.post, "/api/v1/calls", token: f.supervisor.token, json: bad).status == .unprocessableContent)
            r = try await app.call(.post, "/api/v1/calls", token: f.supervisor.token, json: Self.call(f.ann.id, rings: 3))
            #expect(r.status == .created && r.json["lateAnswer"] as? Bool == false && r.string("penaltyId") == nil, "\(r.text)")
            let onTime = r.string("id")!
            r = try await app.call(.post, "/api/v1/calls", token: qa.token, json: Self.call(f.ann.id, rings: 4))
            #expect(r.status == .created && r.json["lateAnswer"] as? Bool == true, "\(r.text)")
            let latePenalty = try #require(r.string("penaltyId"), "4 rings propose a penalty: \(r.text)")

            // KPI-03: an inspection of a call scores each item 0–100; the total is weighted and exact.
            func inspect(_ token: String, _ body: [String: Any]) async throws -> TestApp.Reply { try await app.call(.post, "/api/v1/inspections", token: token, json: body) }
            #expect(try await inspect(f.supervisor.token, ["standardId": callStandard, "callId": onTime, "scores": [90]]).status == .unprocessableContent)
            #expect(try await inspect(f.supervisor.token, ["standardId": callStandard, "callId": onTime, "scores": [90, 101]]).status == .unprocessableContent)
            #expect(try await inspect(f.ann.token, ["standardId": callStandard, "callId": onTime, "scores": [90, 80]]).status == .forbidden)
            #expect(try await inspect(f.outsider.token, ["standardId": callStandard, "callId": onTime, "scores": [90, 80]]).status == .forbidden)
            r = try await inspect(f.supervisor.token, ["standardId": callStandard, "callId": onTime, "scores": [90, 80], "comment": "语气好"])
            #expect(r.status == .created && r.string("total") == "86.00" && r.string("agentId") == f.ann.id, "\(r.text)")
            #expect(r.string("number")?.hasPrefix("ZJ-") == true, "\(r.text)")
            let callInspection = r.string("id")!

            // A ticket by its number: the agent is the ticket's owner. Scores 77, 88, 99 on 33.33/33.33/33.34 → 88.00.
            let ticket = try await app.createTicket(f.ann.token, subject: "发票咨询")
            let number = try #require(ticket.string("number"), "\(ticket.text)")
            #expect(try await inspect(qa.token, ["standardId": ticketStandard, "ticketNumber": "KF1999-999999", "scores": [1, 2, 3]]).status == .unprocessableContent)
            #expect(try await inspect(qa.token, ["standardId": ticketStandard, "callId": onTime, "scores": [1, 2, 3]]).status == .unprocessableContent,
                    "a ticket standard needs a ticket")
            r = try await inspect(qa.token, ["standardId": ticketStandard, "ticketNumber": number, "scores": [77, 88, 99], "penaltyReason": "未按规定回访"])
            #expect(r.status == .created && r.string("total") == "88.00" && r.string("agentId") == f.ann.id && r.string("ticketNumber") == number, "\(r.text)")
            let ticketInspection = r.string("id")!
            let inspectionPenalty = try #require(r.string("penaltyId"), "the inspection proposed a penalty: \(r.text)")

            // Editing the standard never changes an old score: the inspection keeps its items and weights.
            r = try await app.call(.put, "/api/v1/inspection-standards/\(callStandard)", token: qa.token,
                                   json: Self.standard(f, kind: "call", items: [("礼貌用语", 50), ("问题记录", 50)]))
            #expect(r.status == .ok, "\(r.text)")
            #expect(try await app.call(.put, "/api/v1/inspection-standards/\(callStandard)", token: f.supervisor.token,
                                       json: Self.standard(f, kind: "call", items: [("礼貌用语", 100)])).status == .forbidden)
            r = try await app.call(.get, "/api/v1/inspections/\(callInspection)", token: f.ann.token)
            #expect(r.status == .ok && r.string("total") == "86.00", "\(r.text)")
            #expect((r.json["items"] as? [[String: Any]])?.map { $0["weight"] as? String } == ["60.00", "40.00"], "\(r.text)")
            #expect((r.json["items"] as? [[String: Any]])?.map { $0["score"] as? Int } == [90, 80])

            // The agent sees its own inspections; a colleague and another unit's manager do not.
            #expect(try await app.call(.get, "/api/v1/inspections?view=mine", token: f.ann.token).items.map { $0["id"] as? String } == [ticketInspection, callInspection])
            #expect(try await app.call(.get, "/api/v1/inspections", token: f.bo.token).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/inspections/\(callInspection)", token: f.bo.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/inspections/\(callInspection)", token: f.outsider.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/inspections", token: f.supervisor.token).items.count == 2)

            // CMP-17: the department supervisor confirms or waives, with a reason, once; nobody else.
            #expect(try await app.call(.get, "/api/v1/quality-penalties?status=proposed", token: f.supervisor.token).items.count == 2)
            #expect(try await app.call(.get, "/api/v1/quality-penalties", token: f.ann.token).items.count == 2, "the agent reads its own")
            #expect(try await app.call(.get, "/api/v1/quality-penalties", token: f.bo.token).items.isEmpty)
            let confirm = "/api/v1/quality-penalties/\(latePenalty)/confirm"
            #expect(try await app.call(.post, confirm, token: f.ann.token, json: ["note": "认"]).status == .forbidden)
            #expect(try await app.call(.post, confirm, token: qa.token, json: ["note": "认"]).status == .forbidden, "QA proposes, the supervisor decides")
            #expect(try await app.call(.post, confirm, token: f.outsider.token, json: ["note": "认"]).status == .forbidden)
            #expect(try await app.call(.post, confirm, token: f.supervisor.token, json: ["note": " "]).status == .unprocessableContent)
            r = try await app.call(.post, confirm, token: f.supervisor.token, json: ["note": "响铃四声，属实"])
            #expect(r.status == .ok && r.string("status") == "confirmed" && r.string("decisionReason") == "响铃四声，属实", "\(r.text)")
            r = try await app.call(.post, "/api/v1/quality-penalties/\(latePenalty)/waive", token: f.manager.token, json: ["note": "改判"])
            #expect(r.status == .conflict && r.errorCode == "penalty_state", "\(r.text)")
            r = try await app.call(.post, "/api/v1/quality-penalties/\(inspectionPenalty)/waive", token: f.manager.token, json: ["note": "首次，口头提醒"])
            #expect(r.status == .ok && r.string("status") == "waived", "\(r.text)")
            let audit = try await app.call(.get, "/api/v1/audit-log?entity=quality_penalty&entityId=\(latePenalty)", token: f.admin)
            #expect(Set(audit.items.compactMap { $0["action"] as? String }) == ["propose", "confirm"], "\(audit.text.prefix(400))")

            // KPI-01's port: per agent, inspections in the period, their mean (86.00, 88.00 → 87.00), penalties not waived.
            let from = Int64(Date().timeIntervalSince1970 * 1000) - 86_400_000, to = from + 2 * 86_400_000
            let callFrom = Int64(Date(timeIntervalSince1970: 1_763_596_800).timeIntervalSince1970 * 1000) // 2025-11-20
            let ann = f.ann.id, bo = f.bo.id
            let summaries = try await app.store.read { db in
                try await InspectionQualitySource().summaries(db, agentIds: [ann, bo], from: from, to: to)
            }
            #expect(summaries[f.ann.id]?.inspections == 2 && summaries[f.ann.id]?.averageScore == Decimal(87), "\(summaries)")
            #expect(summaries[f.ann.id]?.penalties == 0, "the late answer happened on 2026-11-20, the inspection's penalty was waived")
            #expect(summaries[f.bo.id] == nil)
            let year = try await app.store.read { db in
                try await InspectionQualitySource().summaries(db, agentIds: [ann], from: callFrom, to: to)
            }
            #expect(year[f.ann.id]?.penalties == 1, "the confirmed late answer counts, the waived one does not: \(year)")
        }
    }

    /// KPI-02, CMP-17: every third verified complaint (classified as the company's responsibility, the agent named)
    /// proposes one penalty record; the pass on demand and again yields it once.
    @Test func everyThirdVerifiedComplaintProposesOnePenaltyOnce() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            func complaint(about agent: String, responsibility: String) async throws {
                let t = try await app.createTicket(f.bo.token, subject: "坐席态度", extra: ["type": "complaint", "customer": ["name": "王先生", "phone": "13900002222"]])
                #expect(t.status == .created, "\(t.text)")
                let list = try await app.call(.get, "/api/v1/complaints?per=200", token: f.manager.token)
                let id = try #require(list.items.first { $0["ticketId"] as? String == t.string("id") }?["id"] as? String, "\(list.text.prefix(300))")
                let c = try await app.call(.post, "/api/v1/complaints/\(id)/classify", token: f.manager.token,
                                           json: ["responsibility": responsibility, "handling": "customer_service", "aboutUserId": agent])
                #expect(c.status == .ok, "\(c.text)")
            }
            try await complaint(about: f.ann.id, responsibility: "company")
            try await complaint(about: f.ann.id, responsibility: "not_company") // not verified against the agent
            try await complaint(about: f.ann.id, responsibility: "company")
            #expect(try await app.call(.post, "/api/v1/quality-penalties/scan", token: f.ann.token).status == .forbidden)
            var scan = try await app.call(.post, "/api/v1/quality-penalties/scan", token: f.supervisor.token)
            #expect(scan.status == .ok && scan.json["created"] as? Int == 0, "two verified: none yet — \(scan.text)")
            try await complaint(about: f.ann.id, responsibility: "company")
            // The background pass (the server's loop and `kefu sla-scan`) makes the record for the third verified complaint.
            let round = try await KefuServer.scanOnce(app.store)
            #expect(round.passes.first { $0.name == "quality_complaint_penalties" }?.count == 1, "\(round.passes)")
            scan = try await app.call(.post, "/api/v1/quality-penalties/scan", token: f.supervisor.token)
            #expect(scan.json["created"] as? Int == 0, "the pass on demand finds it made: \(scan.text)")
            scan = try await app.call(.post, "/api/v1/quality-penalties/scan", token: f.manager.token)
            #expect(scan.json["created"] as? Int == 0, "the same third complaint never yields a second record")
            let list = try await app.call(.get, "/api/v1/quality-penalties", token: f.supervisor.token)
            #expect(list.items.count == 1 && list.items.first?["source"] as? String == "complaints" && list.items.first?["agentId"] as? String == f.ann.id,
                    "\(list.text.prefix(400))")
        }
    }
}
