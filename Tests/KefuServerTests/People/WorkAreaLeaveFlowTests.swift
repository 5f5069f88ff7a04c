import Foundation
import KefuPlatform
import SQLKit
import Testing

/// #15.3 SHF-12 over HTTP (SQLite, and PostgreSQL when KEFU_TEST_POSTGRES_URL is set): leaving the work area within the
/// unit's allowed time is logged; beyond it the duty manager approves; the return is logged and an overstay flagged.
@Suite("Leaving the work area (#15.3, SHF-12)")
struct WorkAreaLeaveFlowTests {
    @Test func logApproveReturnAndOverstay() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            // The default allowed time (15 minutes) until the unit sets its own; only its planners may, in scope.
            let limit = try await app.call(.get, "/api/v1/org-units/\(f.cs)/work-area-limit", token: f.ann.token)
            #expect(limit.json["allowedMinutes"] as? Int == 15 && !(limit.json["fromUnitId"] is String), "\(limit.text)")
            for token in [f.ann.token, f.outsider.token] {
                let r = try await app.call(.put, "/api/v1/org-units/\(f.cs)/work-area-limit", token: token, json: ["allowedMinutes": 20])
                #expect(r.status == .forbidden, "\(r.text)")
            }
            let tooLong = try await app.call(.put, "/api/v1/org-units/\(f.cs)/work-area-limit", token: f.supervisor.token, json: ["allowedMinutes": 500])
            #expect(tooLong.status != .ok && tooLong.text.contains("allowedMinutes"), "\(tooLong.text)")
            let set = try await app.call(.put, "/api/v1/org-units/\(f.cs)/work-area-limit", token: f.supervisor.token, json: ["allowedMinutes": 20])
            #expect(set.status == .ok && set.json["allowedMinutes"] as? Int == 20 && set.string("fromUnitId") == f.cs, "\(set.text)")

            // Within the allowed time: logged, away at once; a second open leave is refused.
            let short = try await app.call(.post, "/api/v1/work-area-leaves", token: f.ann.token, json: ["minutes": 20, "reason": "洗手间"])
            #expect(short.status == .created && short.string("status") == "out" && short.json["needsApproval"] as? Bool == false, "\(short.text)")
            #expect(short.string("number")?.hasPrefix("LG-") == true && short.json["actions"] as? [String] == ["return"])
            let again = try await app.call(.post, "/api/v1/work-area-leaves", token: f.ann.token, json: ["minutes": 5, "reason": "取文件"])
            #expect(again.status == .conflict && again.text.contains("work_area_leave_open"), "\(again.text)")
            // Only the person logs its return; back in time: no overstay.
            let shortId = short.string("id")!
            let byOther = try await app.call(.post, "/api/v1/work-area-leaves/\(shortId)/return", token: f.supervisor.token, json: [String: Any]())
            #expect(byOther.status == .forbidden)
            let back = try await app.call(.post, "/api/v1/work-area-leaves/\(shortId)/return", token: f.ann.token, json: [String: Any]())
            #expect(back.string("status") == "returned" && back.json["overstayMinutes"] as? Int == 0 && back.json["overstayed"] as? Bool == false, "\(back.text)")

            // Beyond it: waits for the duty manager — not the agent, not another unit's manager; the supervisor (nobody is on duty).
            let long = try await app.call(.post, "/api/v1/work-area-leaves", token: f.ann.token, json: ["minutes": 30, "reason": "去物业办公室"])
            #expect(long.string("status") == "requested" && long.json["needsApproval"] as? Bool == true, "\(long.text)")
            let longId = long.string("id")!
            for token in [f.bo.token, f.outsider.token, f.ann.token] {
                let r = try await app.call(.post, "/api/v1/work-area-leaves/\(longId)/approve", token: token, json: [String: Any]())
                #expect(r.status == .forbidden, "\(r.text)")
            }
            let queue = try await app.call(.get, "/api/v1/work-area-leaves?view=approval", token: f.supervisor.token)
            #expect(queue.items.map { $0["id"] as? String } == [longId] && queue.items.first?["actions"] as? [String] == ["approve", "reject"], "\(queue.text)")
            let approved = try await app.call(.post, "/api/v1/work-area-leaves/\(longId)/approve", token: f.supervisor.token, json: ["note": "快去快回"])
            #expect(approved.string("status") == "out" && approved.string("decidedBy") == f.supervisor.id, "\(approved.text)")
            let twice = try await app.call(.post, "/api/v1/work-area-leaves/\(longId)/reject", token: f.manager.token, json: [String: Any]())
            #expect(twice.status == .conflict)

            // The clock moved by writing the departure 45 minutes back: back 15 minutes late, flagged.
            let leftAt = Clock.millis(Date()) - 45 * 60_000
            try await app.store.write { db in try await db.raw("UPDATE work_area_leaves SET left_at = \(bind: leftAt) WHERE id = \(bind: longId)").run() }
            let late = try await app.call(.post, "/api/v1/work-area-leaves/\(longId)/return", token: f.ann.token, json: [String: Any]())
            #expect(late.json["overstayMinutes"] as? Int == 15 && late.json["overstayed"] as? Bool == true, "\(late.text)")

            // A rejected request: the person stays.
            let third = try await app.call(.post, "/api/v1/work-area-leaves", token: f.bo.token, json: ["minutes": 60, "reason": "办事"])
            let rejected = try await app.call(.post, "/api/v1/work-area-leaves/\(third.string("id")!)/reject", token: f.manager.token, json: ["note": "高峰时段"])
            #expect(rejected.string("status") == "rejected" && !(rejected.json["leftAt"] is String), "\(rejected.text)")
            let bad = try await app.call(.post, "/api/v1/work-area-leaves", token: f.cy.token, json: ["minutes": 300, "reason": "x"])
            #expect(bad.status != .created && bad.text.contains("minutes"), "\(bad.text)")

            // Lists: one's own; the unit's for its supervisors, refused to an agent.
            let mine = try await app.call(.get, "/api/v1/work-area-leaves", token: f.ann.token)
            #expect(mine.json["total"] as? Int == 2, "\(mine.text.prefix(200))")
            let unit = try await app.call(.get, "/api/v1/work-area-leaves?view=unit", token: f.manager.token)
            #expect(unit.json["total"] as? Int == 3)
            let outside = try await app.call(.get, "/api/v1/work-area-leaves?view=unit", token: f.outsider.token)
            #expect(outside.json["total"] as? Int == 0)
            #expect(try await app.call(.get, "/api/v1/work-area-leaves?view=unit", token: f.bo.token).status == .forbidden)
            let audit = try await app.call(.get, "/api/v1/audit-log?entity=work_area_leave&entityId=\(longId)", token: f.admin)
            #expect(Set(audit.items.compactMap { $0["action"] as? String }) == ["request", "approve", "return"], "\(audit.text.prefix(300))")
        }
    }

    /// When a duty manager of the unit is rostered on duty now, only those on duty decide (SHF-12 "duty manager").
    @Test func theDutyManagerOnDutyDecides() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let allDay = try await app.call(.post, "/api/v1/shifts", token: f.supervisor.token,
                                            json: ["orgUnitId": f.cs, "code": "D", "name": "全天", "start": "00:00", "end": "24:00"])
            let today = Times.day(Date())
            let month = String(today.iso.prefix(7)), dd = Int(today.iso.suffix(2))!
            _ = try await f.plan(app, month, [(dd, f.manager.id, allDay.string("id")!)])
            let asked = try await app.call(.post, "/api/v1/work-area-leaves", token: f.ann.token, json: ["minutes": 40, "reason": "看医生"])
            let id = asked.string("id")!
            let bySupervisor = try await app.call(.post, "/api/v1/work-area-leaves/\(id)/approve", token: f.supervisor.token, json: [String: Any]())
            #expect(bySupervisor.status == .forbidden && bySupervisor.text.contains("当班"), "\(bySupervisor.text)")
            let byManager = try await app.call(.post, "/api/v1/work-area-leaves/\(id)/approve", token: f.manager.token, json: [String: Any]())
            #expect(byManager.string("status") == "out", "\(byManager.text)")
        }
    }
}
