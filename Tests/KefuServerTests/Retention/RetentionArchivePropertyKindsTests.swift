import Foundation
import Hummingbird
import KefuApp
import KefuDomain
import KefuPlatform
import SQLKit
import Testing

/// #17.6 RET-04: `kefu retention archive` for answered owner proposals, approved work plans (with their lines and
/// trail), visits to residents and closed or cancelled owner forums (with their resolutions): each record past its
/// period goes to its JSON line with its children and out of the database; one a day inside its period, one held, and
/// one not yet closed stay with their children; a second run changes nothing (fee notices: RetentionArchiveNoticesTests).
@Suite("Retention archive of the property kinds (#17.6, RET-04)")
struct RetentionArchivePropertyKindsTests {
    static func millis(_ day: CivilDay) -> Int64 { RetentionArchiveTests.millis(day) }

    static func proposal(_ app: TestApp, _ id: String, status: String, proposedOn: CivilDay, answeredOn: CivilDay?) async throws {
        try await app.store.write { db in
            try await db.raw("""
                INSERT INTO property_proposals (id, number, estate_id, unit_id, org_path, owner_name, owner_phone, content, proposed_on, received_by, status,
                    batch_id, answer, answered_at, answered_by, recorded_at, recorded_by)
                VALUES (\(bind: id), \(bind: id.uppercased()), 'estate-1', NULL, '/root/', '张业主', '13800000000', '增设充电桩', \(bind: proposedOn.iso), '王主管',
                    \(bind: status), 'tj-1', \(bind: answeredOn == nil ? nil : "已列入年度计划"), \(bind: answeredOn.map(Self.millis)),
                    \(bind: answeredOn == nil ? nil : "user-2"), \(bind: Self.millis(proposedOn)), 'user-1')
                """).run()
        }
    }

    /// A plan of its own unit and month, changed last on `on`, with two lines and its trail up to `status`.
    static func workPlan(_ app: TestApp, _ id: String, status: String, on day: CivilDay) async throws {
        let at = millis(day)
        try await app.store.write { db in
            try await db.raw("""
                INSERT INTO property_work_plans (id, number, org_unit_id, org_path, month, status, due_on, first_submitted_on, late, return_reason,
                    created_at, created_by, updated_at)
                VALUES (\(bind: id), \(bind: id.uppercased()), \(bind: "unit-" + id), '/root/', '2020-01', \(bind: status), '2019-12-25', '2019-12-20', 0,
                    NULL, \(bind: at - 86_400_000), 'user-1', \(bind: at))
                """).run()
            for (sort, item) in ["清洗水箱", "更换楼道灯"].enumerated() {
                try await db.raw("""
                    INSERT INTO property_work_plan_lines (plan_id, sort, item, owner, target_on)
                    VALUES (\(bind: id), \(bind: sort + 1), \(bind: item), '李工', '2020-01-15')
                    """).run()
            }
            for (seq, action) in ["create", "submit", "manager_approve", "company_approve"].enumerated() where seq < (status == "approved" ? 4 : 2) {
                try await db.raw("""
                    INSERT INTO property_work_plan_steps (id, plan_id, seq, action, reason, acted_at, acted_by)
                    VALUES (\(bind: "\(id)-s\(seq + 1)"), \(bind: id), \(bind: seq + 1), \(bind: action), NULL, \(bind: at - Int64(3 - seq) * 1000), 'user-1')
                    """).run()
            }
        }
    }

    static func visit(_ app: TestApp, _ id: String, followUp: String, recordedOn: CivilDay, closedOn: CivilDay?) async throws {
        try await app.store.write { db in
            try await db.raw("""
                INSERT INTO property_visits (id, number, estate_id, org_path, unit_id, building, room, resident_name, visited_on, visited_time, opinions,
                    satisfaction, follow_up_status, follow_up, follow_up_owner, follow_up_note, follow_up_closed_at, follow_up_closed_by, recorded_at, recorded_by)
                VALUES (\(bind: id), \(bind: id.uppercased()), 'estate-1', '/root/', NULL, '3栋', NULL, '赵先生', \(bind: recordedOn.iso), '15:00', '电梯噪音大',
                    4, \(bind: followUp), \(bind: followUp == "none" ? nil : "检修电梯"), \(bind: followUp == "none" ? nil : "工程部"),
                    \(bind: closedOn == nil ? nil : "已检修"), \(bind: closedOn.map(Self.millis)), \(bind: closedOn == nil ? nil : "user-2"),
                    \(bind: Self.millis(recordedOn)), 'user-1')
                """).run()
        }
    }

    static func forum(_ app: TestApp, _ id: String, status: String, changedOn: CivilDay, resolutions: [String]) async throws {
        let at = millis(changedOn)
        try await app.store.write { db in
            try await db.raw("""
                INSERT INTO property_forums (id, number, estate_id, org_path, status, held_on, held_time, place, topic, host, attendee_count, attendees,
                    minutes, cancel_reason, resolutions, resolutions_open, changed_at, recorded_at, recorded_by)
                VALUES (\(bind: id), \(bind: id.uppercased()), 'estate-1', '/root/', \(bind: status), \(bind: changedOn.iso), '19:00', '会所', '停车管理', '王主管',
                    \(bind: status == "cancelled" ? nil : 12), \(bind: status == "cancelled" ? nil : "业主代表12人"), \(bind: status == "cancelled" ? nil : "讨论了停车位"),
                    \(bind: status == "cancelled" ? "台风" : nil), \(bind: resolutions.count), 0, \(bind: at), \(bind: at - 86_400_000), 'user-1')
                """).run()
            for (i, r) in resolutions.enumerated() {
                try await db.raw("""
                    INSERT INTO property_forum_resolutions (forum_id, seq, content, owner, due_on, closed_note, closed_at, closed_by, recorded_at, recorded_by)
                    VALUES (\(bind: id), \(bind: i + 1), \(bind: r), '秩序部', \(bind: changedOn.iso), '已完成', \(bind: at), 'user-2', \(bind: at - 1000), 'user-1')
                    """).run()
            }
        }
    }

    static func count(_ app: TestApp, _ table: String, _ column: String, _ id: String) async throws -> Int {
        try await RetentionArchiveTests.count(app, table, column, id)
    }

    static func data(_ line: [String: Any]) -> (record: [String: Any]?, children: [String: [[String: Any]]]) {
        let data = line["data"] as? [String: Any]
        let children = (data?["children"] as? [String: Any] ?? [:]).mapValues { $0 as? [[String: Any]] ?? [] }
        return (data?["record"] as? [String: Any], children)
    }

    @Test func archivesProposalsWorkPlansVisitsAndForumsPastTheirPeriodAndNothingElse() async throws {
        try await TestApp.run { app in
            let admin = try await app.adminToken()
            let today = Times.day(Date())
            func yearsAgo(_ n: Int) -> CivilDay { RetentionSettingsTests.before(years: n, days: 0) }
            let past = yearsAgo(3).adding(days: -10), inside = yearsAgo(3)   // the floor is 3 years: `inside` is kept until today

            try await Self.proposal(app, "yj-old", status: "answered", proposedOn: yearsAgo(4), answeredOn: past)
            try await Self.proposal(app, "yj-inside", status: "answered", proposedOn: yearsAgo(4), answeredOn: inside)
            try await Self.proposal(app, "yj-held", status: "answered", proposedOn: yearsAgo(6), answeredOn: yearsAgo(5))
            try await Self.proposal(app, "yj-open", status: "submitted", proposedOn: yearsAgo(6), answeredOn: nil)
            try await Self.workPlan(app, "jh-old", status: "approved", on: past)
            try await Self.workPlan(app, "jh-inside", status: "approved", on: inside)
            try await Self.workPlan(app, "jh-held", status: "approved", on: yearsAgo(5))
            try await Self.workPlan(app, "jh-review", status: "submitted", on: yearsAgo(6))
            try await Self.visit(app, "zf-old", followUp: "closed", recordedOn: yearsAgo(4), closedOn: past)
            try await Self.visit(app, "zf-none", followUp: "none", recordedOn: past, closedOn: nil)
            try await Self.visit(app, "zf-inside", followUp: "closed", recordedOn: yearsAgo(4), closedOn: inside)
            try await Self.visit(app, "zf-held", followUp: "none", recordedOn: yearsAgo(5), closedOn: nil)
            try await Self.visit(app, "zf-open", followUp: "open", recordedOn: yearsAgo(6), closedOn: nil)
            try await Self.forum(app, "zt-old", status: "closed", changedOn: past, resolutions: ["增设访客车位", "夜间巡逻加密"])
            try await Self.forum(app, "zt-cancelled", status: "cancelled", changedOn: yearsAgo(4), resolutions: [])
            try await Self.forum(app, "zt-inside", status: "closed", changedOn: inside, resolutions: ["更换道闸"])
            try await Self.forum(app, "zt-held", status: "closed", changedOn: yearsAgo(5), resolutions: ["清理地库"])
            try await Self.forum(app, "zt-meeting", status: "held", changedOn: yearsAgo(6), resolutions: ["修补路面"])
            for (kind, number) in [("property_proposal", "YJ-HELD"), ("property_work_plan", "JH-HELD"), ("property_visit", "ZF-HELD"), ("property_forum", "ZT-HELD")] {
                let hold = try await app.call(.post, "/api/v1/retention/holds", token: admin, json: ["kind": kind, "recordId": number, "reason": "业主诉讼"])
                #expect(hold.status == .created, "\(kind): \(hold.text)")
            }

            let dir = try RetentionArchiveTests.archiveDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let archive = RetentionArchive(store: app.store, sources: KefuServer.retentionSources)
            let expected: [RetainedKind: Int] = [.propertyProposal: 1, .propertyWorkPlan: 1, .propertyVisit: 2, .propertyForum: 2]
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir, dryRun: true)) == expected)
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir, batchSize: 1)) == expected)
            func file(_ kind: RetainedKind) -> URL { dir.appendingPathComponent("\(kind.rawValue)-\(today.iso).jsonl") }

            // Proposals: the record, no children.
            let proposals = try RetentionArchiveTests.lines(file(.propertyProposal))
            #expect(proposals.map { $0["id"] as? String } == ["yj-old"])
            let p = Self.data(try #require(proposals.first))
            #expect(p.record?["number"] as? String == "YJ-OLD" && p.record?["answer"] as? String == "已列入年度计划" && p.record?["batch_id"] as? String == "tj-1")
            #expect((p.record?["answered_at"] as? NSNumber)?.int64Value == Self.millis(past) && p.record?["unit_id"] is NSNull)
            #expect(p.children.isEmpty)

            // Work plans: the record, its lines and its approval trail, in order.
            let plans = try RetentionArchiveTests.lines(file(.propertyWorkPlan))
            #expect(plans.map { $0["id"] as? String } == ["jh-old"])
            let w = Self.data(try #require(plans.first))
            #expect(w.record?["status"] as? String == "approved" && (w.record?["updated_at"] as? NSNumber)?.int64Value == Self.millis(past))
            #expect(w.children["property_work_plan_lines"]?.compactMap { $0["item"] as? String } == ["清洗水箱", "更换楼道灯"])
            #expect(w.children["property_work_plan_steps"]?.compactMap { $0["action"] as? String } == ["create", "submit", "manager_approve", "company_approve"])

            // Visits: closed with its follow-up, or with none needed (its clock starts when recorded).
            let visits = try RetentionArchiveTests.lines(file(.propertyVisit))
            #expect(Set(visits.compactMap { $0["id"] as? String }) == ["zf-old", "zf-none"] && visits.count == 2)
            let v = Self.data(try #require(visits.first { $0["id"] as? String == "zf-old" }))
            #expect(v.record?["follow_up_note"] as? String == "已检修" && (v.record?["satisfaction"] as? NSNumber)?.intValue == 4)
            #expect(v.children.isEmpty)

            // Forums: closed with its resolutions, or cancelled with none.
            let forums = try RetentionArchiveTests.lines(file(.propertyForum))
            #expect(Set(forums.compactMap { $0["id"] as? String }) == ["zt-old", "zt-cancelled"] && forums.count == 2)
            let f = Self.data(try #require(forums.first { $0["id"] as? String == "zt-old" }))
            #expect(f.record?["minutes"] as? String == "讨论了停车位" && (f.record?["resolutions"] as? NSNumber)?.intValue == 2)
            #expect(f.children["property_forum_resolutions"]?.compactMap { $0["content"] as? String } == ["增设访客车位", "夜间巡逻加密"])
            let cancelled = Self.data(try #require(forums.first { $0["id"] as? String == "zt-cancelled" }))
            #expect(cancelled.record?["cancel_reason"] as? String == "台风" && cancelled.children["property_forum_resolutions"]?.isEmpty == true)

            // Gone: exactly those records and their children.
            for (table, column, id) in [("property_proposals", "id", "yj-old"), ("property_work_plans", "id", "jh-old"),
                                        ("property_work_plan_lines", "plan_id", "jh-old"), ("property_work_plan_steps", "plan_id", "jh-old"),
                                        ("property_visits", "id", "zf-old"), ("property_visits", "id", "zf-none"),
                                        ("property_forums", "id", "zt-old"), ("property_forum_resolutions", "forum_id", "zt-old"),
                                        ("property_forums", "id", "zt-cancelled")] {
                #expect(try await Self.count(app, table, column, id) == 0, "\(table) \(id)")
            }
            // Kept: a day inside the period, held, not yet closed — with their children.
            for id in ["yj-inside", "yj-held", "yj-open"] { #expect(try await Self.count(app, "property_proposals", "id", id) == 1, "\(id)") }
            for id in ["jh-inside", "jh-held", "jh-review"] {
                #expect(try await Self.count(app, "property_work_plans", "id", id) == 1, "\(id)")
                #expect(try await Self.count(app, "property_work_plan_lines", "plan_id", id) == 2, "\(id)")
            }
            #expect(try await Self.count(app, "property_work_plan_steps", "plan_id", "jh-held") == 4)
            for id in ["zf-inside", "zf-held", "zf-open"] { #expect(try await Self.count(app, "property_visits", "id", id) == 1, "\(id)") }
            for id in ["zt-inside", "zt-held", "zt-meeting"] {
                #expect(try await Self.count(app, "property_forums", "id", id) == 1, "\(id)")
                #expect(try await Self.count(app, "property_forum_resolutions", "forum_id", id) == 1, "\(id)")
            }
            for (kind, id) in [("property_proposal", "yj-old"), ("property_work_plan", "jh-old"), ("property_visit", "zf-none"), ("property_forum", "zt-old")] {
                let audit = try await app.call(.get, "/api/v1/audit-log?entity=\(kind)&entityId=\(id)", token: admin)
                #expect(audit.items.contains { $0["action"] as? String == "retention.archive" }, "\(kind): \(audit.text)")
            }

            // Again: nothing more to do, the files unchanged.
            let before = try [RetainedKind.propertyProposal, .propertyWorkPlan, .propertyVisit, .propertyForum].map { try Data(contentsOf: file($0)) }
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir)).isEmpty)
            #expect(try [RetainedKind.propertyProposal, .propertyWorkPlan, .propertyVisit, .propertyForum].map { try Data(contentsOf: file($0)) } == before)

        }
    }
}
