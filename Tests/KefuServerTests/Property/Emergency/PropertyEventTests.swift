import Foundation
import Hummingbird
import KefuPlatform
import KefuProperty
import Testing

/// #14 ESC-03 over HTTP: an important event is reported to the CS manager of the estate's unit (or the nearest unit
/// above) and marked 已上报; an emergency is assigned to the unit's CS supervisor, followed up, then closed with a
/// result; wrong steps answer 409 invalid_transition; an emergency not followed up within 2 hours shows 逾期; other
/// roles and units are refused.
@Suite("Property events (#14 ESC-03)")
struct PropertyEventTests {
    @Test func anImportantEventIsReportedToTheManagerAndClosed() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            // No CS manager in 客服部: the report goes up to the nearest unit that has one (the root).
            let top = try await app.createUser(w.f.admin, "topmgr", roles: ["cs_manager"], unitId: w.f.root)
            let r = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/events", token: w.admin.token, json: [
                "kind": "重要事件", "severity": "major", "title": "业主联名反映车库渗水", "location": "地下车库", "occurredTime": "16:20"])
            #expect(r.status == .created && r.string("status") == "reported" && r.string("number")?.hasPrefix("SJ-") == true, "\(r.text)")
            #expect(r.string("reportedTo") == "用户topmgr" && r["reportedAt"] as? String != nil && r["assigneeId"] == nil, "\(r.text)")
            let bell = try await app.call(.get, "/api/v1/notifications?per=20", token: top.token)
            #expect(bell.text.contains("property_event_reported"), "\(bell.text)")
            let id = try #require(r.string("id"))

            // With a manager of 客服部 itself, only that one is told.
            let mgr = try await app.createUser(w.f.admin, "csmgr", roles: ["cs_manager"], unitId: w.f.cs)
            let r2 = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/events", token: w.admin.token, json: [
                "kind": "important", "title": "消防通道被占", "location": "2栋北侧"])
            #expect(r2.string("reportedTo") == "用户csmgr", "\(r2.text)")
            #expect(try await app.call(.get, "/api/v1/notifications?per=20", token: mgr.token).text.contains("property_event_reported"))

            // An important event closes straight away; then nothing more is open.
            #expect(try await app.call(.post, "/api/v1/property/events/\(id)/close", token: mgr.token, json: [String: Any]()).status == .unprocessableContent)
            let closed = try await app.call(.post, "/api/v1/property/events/\(id)/close", token: mgr.token, json: ["result": "已安排工程部维修"])
            #expect(closed.status == .ok && closed.string("status") == "closed" && closed.string("result") == "已安排工程部维修", "\(closed.text)")
            let again = try await app.call(.post, "/api/v1/property/events/\(id)/follow-ups", token: mgr.token, json: ["note": "x"])
            #expect(again.status == .conflict && again.errorCode == "invalid_transition", "\(again.text)")
        }
    }

    @Test func anEmergencyIsFollowedUpByTheSupervisorThenClosed() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let sup = w.f.supervisor
            let r = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/events", token: w.admin.token, json: [
                "kind": "emergency", "severity": "critical", "title": "2栋水管爆裂", "location": "2栋 5 楼管井"])
            #expect(r.status == .created && r.string("status") == "assigned" && r.string("assigneeId") == sup.id && r["overdue"] as? Bool == false, "\(r.text)")
            #expect(try await app.call(.get, "/api/v1/notifications?per=20", token: sup.token).text.contains("property_emergency_assigned"))
            let id = try #require(r.string("id"))
            let early = try await app.call(.post, "/api/v1/property/events/\(id)/close", token: sup.token, json: ["result": "已处理"])
            #expect(early.status == .conflict && early.errorCode == "invalid_transition", "\(early.text)")
            let f1 = try await app.call(.post, "/api/v1/property/events/\(id)/follow-ups", token: sup.token, json: ["note": "已关总阀，通知工程部"])
            #expect(f1.status == .created && f1.string("status") == "following" && f1["followUps"] as? Int == 1, "\(f1.text)")
            let f2 = try await app.call(.post, "/api/v1/property/events/\(id)/follow-ups", token: w.f.admin, json: ["note": "工程部已到场"])
            #expect(f2.status == .created && (f2["notes"] as? [[String: Any]])?.count == 2, "\(f2.text)")
            let closed = try await app.call(.post, "/api/v1/property/events/\(id)/close", token: sup.token, json: ["result": "水管已更换"])
            #expect(closed.status == .ok && closed.string("status") == "closed" && closed["mayClose"] as? Bool == false, "\(closed.text)")

            // The list filters by kind and status; the number is found by quick search.
            let list = try await app.call(.get, "/api/v1/property/events?kind=emergency&status=closed", token: w.admin.token)
            #expect(list.status == .ok && list.items.count == 1 && list.items.first?["number"] as? String == r.string("number"), "\(list.text)")
            #expect(try await app.call(.get, "/api/v1/property/events?status=nonsense", token: w.admin.token).status == .unprocessableContent)
            let found = try await app.call(.get, "/api/v1/search?q=\(r.string("number")!)", token: sup.token)
            #expect(found.text.contains("property_event"), "\(found.text)")
        }
    }

    @Test func anEmergencyNotFollowedUpWithinTwoHoursIsOverdue() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let events = PropertyEventService(store: app.store)
            let admin = try await app.principal(w.admin.id)
            let old = try await events.record(estateId: w.estate, FlatBody(["kind": "emergency", "title": "电梯困人", "location": "1栋电梯"]),
                                              by: admin, now: Date().addingTimeInterval(-3 * 3600))
            _ = try await events.record(estateId: w.estate, FlatBody(["kind": "emergency", "title": "路面塌陷", "location": "东门"]), by: admin)
            let late = try await app.call(.get, "/api/v1/property/events?overdue=1", token: w.f.supervisor.token)
            #expect(late.items.count == 1 && late.items.first?["id"] as? String == old.id && late.items.first?["overdue"] as? Bool == true, "\(late.text)")
            // A late follow-up keeps the mark (the emergency was not followed up in time).
            let f = try await app.call(.post, "/api/v1/property/events/\(old.id)/follow-ups", token: w.f.supervisor.token, json: ["note": "已解救"])
            #expect(f.status == .created && f["overdue"] as? Bool == true, "\(f.text)")
            #expect(try await app.call(.get, "/api/v1/property/events?overdue=1", token: w.f.supervisor.token).items.count == 1)
        }
    }

    @Test func otherRolesAndUnitsAreRefused() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let body: [String: Any] = ["kind": "emergency", "title": "停电", "location": "3栋"]
            let e = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/events", token: w.f.supervisor.token, json: body)
            #expect(e.status == .created, "\(e.text)")
            let id = try #require(e.string("id"))
            let qaSup = try await app.createUser(w.f.admin, "qasup", roles: ["cs_supervisor"], unitId: w.f.qa)
            // An agent neither records nor reads; the property admin records but does not follow up or close.
            #expect(try await app.call(.post, "/api/v1/property/estates/\(w.estate)/events", token: w.f.agent.token, json: body).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/events", token: w.f.agent.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/events/\(id)", token: w.f.agent.token).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/events/\(id)/follow-ups", token: w.admin.token, json: ["note": "x"]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/events/\(id)/close", token: w.admin.token, json: ["result": "x"]).status == .forbidden)
            // Another unit: its property admin cannot record on the estate, its supervisor neither reads nor acts.
            #expect(try await app.call(.post, "/api/v1/property/estates/\(w.estate)/events", token: w.outsider.token, json: body).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/events/\(id)", token: qaSup.token).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/events/\(id)/follow-ups", token: qaSup.token, json: ["note": "x"]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/events/\(id)/close", token: qaSup.token, json: ["result": "x"]).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/events", token: qaSup.token).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/property/events", token: nil).status == .unauthorized)
            // Validation: the kind, what and where are required; the day is not in the future.
            let bad = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/events", token: w.admin.token, json: ["kind": "fire", "title": "x", "location": "y"])
            #expect(bad.status == .unprocessableContent && bad.text.contains("kind"), "\(bad.text)")
            let future = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/events", token: w.admin.token,
                                            json: ["kind": "important", "title": "x", "location": "y", "occurredOn": "2099-01-01"])
            #expect(future.status == .unprocessableContent && future.text.contains("occurredOn"), "\(future.text)")
            #expect(try await app.call(.post, "/api/v1/property/estates/no-such/events", token: w.admin.token, json: body).status == .notFound)
        }
    }

    @Test func thePagesRecordFollowUpAndCloseAnEvent() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let s = PageSession(app)
            _ = try await s.signIn("supervisor", "password-supervisor")
            let page = try await s.get("/property/events")
            #expect(page.status == .ok && page.text.contains("id=\"prp-event-form\""), "\(page.status)")
            let csrf = PageSession.csrf(in: page.text) ?? ""
            let refused = try await s.post("/property/events", form: ["_csrf": csrf, "estateId": w.estate, "kind": "emergency", "title": "井盖缺失", "location": ""],
                                           from: "/property/events")
            #expect(refused.status == .seeOther, "\(refused.status)")
            let kept = try await s.get("/property/events")
            #expect(kept.text.contains("井盖缺失"), "the refused form keeps what was typed")
            let made = try await s.post("/property/events", form: ["_csrf": csrf, "estateId": w.estate, "kind": "emergency", "severity": "major",
                                                                    "title": "井盖缺失", "location": "东门车道"], from: "/property/events")
            let at = made.headers[.location] ?? ""
            #expect(made.status == .seeOther && at.contains("what=event"), "\(made.status) \(made.text)")
            let detail = try await s.get(at)
            #expect(detail.text.contains("id=\"prp-event-follow-form\"") && !detail.text.contains("id=\"prp-event-close-form\""), "\(detail.text)")
            let path = String(at.split(separator: "?")[0])
            let followed = try await s.post(path + "/follow-ups", form: ["_csrf": csrf, "note": "已设置围挡"], from: path)
            #expect(followed.status == .seeOther && (followed.headers[.location] ?? "").contains("what=follow-up"))
            let closed = try await s.post(path + "/close", form: ["_csrf": csrf, "result": "井盖已补装"], from: path)
            #expect(closed.status == .seeOther && (closed.headers[.location] ?? "").contains("what=close"))
            let done = try await s.get(path)
            #expect(done.text.contains("已设置围挡") && done.text.contains("井盖已补装") && !done.text.contains("id=\"prp-event-follow-form\""))
            let list = try await s.get("/property/events?status=closed")
            #expect(list.text.contains("class=\"prp-event\"") && list.text.contains("井盖缺失"))
        }
    }
}
