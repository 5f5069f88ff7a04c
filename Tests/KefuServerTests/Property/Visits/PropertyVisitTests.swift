import Foundation
import Hummingbird
import KefuPlatform
import KefuProperty
import Testing

/// #14 SAT-10 over HTTP: the supervisor records visits to residents (a follow-up owned until closed), lists them by
/// period, building, room and open follow-ups in pages, and sees the buildings not visited this quarter; owner forums
/// are planned, held with minutes, their resolutions closed, then closed, or cancelled with a reason; wrong steps
/// answer 409; other roles and units are refused; every change leaves an audit row; the pages render and keep what
/// was typed on a refused submit.
@Suite("Property visits and owner forums (#14 SAT-10)")
struct PropertyVisitTests {
    static func audit(_ app: TestApp, _ entity: String, _ id: String) async throws -> [String] {
        let a = try await app.call(.get, "/api/v1/audit-log?entity=\(entity)&entityId=\(id)", token: try await app.adminToken())
        #expect(a.status == .ok, "\(a.text)")
        return a.items.compactMap { $0["action"] as? String }
    }

    static func enc(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? s }

    @Test func theSupervisorRecordsVisitsAndClosesTheirFollowUps() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let sup = w.f.supervisor.token
            let path = "/api/v1/property/estates/\(w.estate)/visits"
            let r = try await app.call(.post, path, token: sup, json: [
                "building": "1栋", "room": "101", "residentName": "王芳", "visitedTime": "10:30", "opinions": "电梯噪音大", "satisfaction": "不太满意",
                "followUp": "请工程部检查电梯", "followUpOwner": "孙丽"])
            #expect(r.status == .created && r.string("number")?.hasPrefix("ZF-") == true && r.string("followUpStatus") == "open", "\(r.text)")
            #expect(r["satisfaction"] as? Int == 2 && r.string("followUpOwner") == "孙丽" && r.string("unitId") != nil && r["mayCloseFollowUp"] as? Bool == true, "\(r.text)")
            let id = try #require(r.string("id"))
            // Found by its number as people type it (#11.1), only in the supervisor's scope.
            let number = try #require(r.string("number"))
            let typed = number.lowercased().replacingOccurrences(of: "-000", with: "-")
            let found = try await app.call(.get, "/api/v1/search?q=\(typed)", token: sup)
            #expect(found.items.contains { $0["kind"] as? String == "property_visit" && $0["href"] as? String == "/property/visits/\(id)" }, "\(typed): \(found.text)")
            let qaSup = try await app.createUser(w.f.admin, "qasearch", roles: ["cs_supervisor"], unitId: w.f.qa)
            #expect(try await app.call(.get, "/api/v1/search?q=\(number)", token: qaSup.token).items.isEmpty)
            // A visit with nothing to follow up, by building and resident only.
            let quiet = try await app.call(.post, path, token: sup, json: ["building": "1栋", "residentName": "李先生", "opinions": "满意", "satisfaction": 5])
            #expect(quiet.status == .created && quiet.string("followUpStatus") == "none" && quiet["room"] == nil, "\(quiet.text)")
            let early = try await app.call(.post, "/api/v1/property/visits/\(quiet.string("id")!)/close-follow-up", token: sup, json: ["note": "x"])
            #expect(early.status == .conflict && early.errorCode == "invalid_transition", "\(early.text)")

            // The property CS admin owns the follow-up and closes it; a second close is refused.
            #expect(try await app.call(.post, "/api/v1/property/visits/\(id)/close-follow-up", token: w.admin.token, json: [String: Any]()).status == .unprocessableContent)
            let closed = try await app.call(.post, "/api/v1/property/visits/\(id)/close-follow-up", token: w.admin.token, json: ["note": "已更换电梯导靴"])
            #expect(closed.status == .ok && closed.string("followUpStatus") == "closed" && closed.string("followUpNote") == "已更换电梯导靴", "\(closed.text)")
            let again = try await app.call(.post, "/api/v1/property/visits/\(id)/close-follow-up", token: sup, json: ["note": "x"])
            #expect(again.status == .conflict && again.errorCode == "invalid_transition", "\(again.text)")
            let actions = try await Self.audit(app, "property_visit", id)
            #expect(actions.contains { $0.hasSuffix("create") } && actions.contains { $0.hasSuffix("close_follow_up") }, "\(actions)")

            // Filters and paging.
            for i in 0..<3 {
                let v = try await app.call(.post, path, token: sup, json: ["building": "2栋", "opinions": "意见 \(i)", "followUp": "回复业主 \(i)", "visitedOn": "2026-01-1\(i)"])
                #expect(v.status == .created, "\(v.text)")
            }
            let open = try await app.call(.get, "/api/v1/property/visits?openFollowUps=1", token: sup)
            #expect(open.status == .ok && open.items.count == 3 && open["total"] as? Int == 3, "\(open.text)")
            let page2 = try await app.call(.get, "/api/v1/property/visits?building=\(Self.enc("2栋"))&per=2&page=2", token: sup)
            #expect(page2.items.count == 1 && page2["total"] as? Int == 3, "\(page2.text)")
            let q1 = try await app.call(.get, "/api/v1/property/visits?quarter=2026-Q1&estateId=\(w.estate)", token: w.admin.token)
            #expect(q1.items.count == 3, "\(q1.text)")
            let room = try await app.call(.get, "/api/v1/property/visits?room=101", token: sup)
            #expect(room.items.count == 1 && room.items.first?["id"] as? String == id, "\(room.text)")
            #expect(try await app.call(.get, "/api/v1/property/visits?quarter=2026-Q9", token: sup).status == .unprocessableContent)
            let none = try await app.call(.get, "/api/v1/property/visits?building=\(Self.enc("9栋"))", token: sup)
            #expect(none.status == .ok && none.items.isEmpty && none["total"] as? Int == 0)
        }
    }

    @Test func theBuildingsNotVisitedThisQuarterAreDue() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let more = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/units", token: w.admin.token, json: ["units": [
                ["building": "2栋", "room": "201", "area": "90", "use": "residential", "occupantName": "赵敏", "occupantPhone": "13700000000"]]])
            #expect(more.status == .created, "\(more.text)")
            let due = try await app.call(.get, "/api/v1/property/estates/\(w.estate)/visits-due", token: w.f.supervisor.token)
            #expect(due.status == .ok && due["due"] as? [String] == ["1栋", "2栋"], "\(due.text)")
            #expect(try await app.call(.post, "/api/v1/property/estates/\(w.estate)/visits", token: w.f.supervisor.token,
                                       json: ["building": "2栋", "opinions": "绿化好"]).status == .created)
            let after = try await app.call(.get, "/api/v1/property/estates/\(w.estate)/visits-due", token: w.f.supervisor.token)
            #expect(after["due"] as? [String] == ["1栋"], "\(after.text)")
            let buildings = after["buildings"] as? [[String: Any]] ?? []
            #expect(buildings.first { $0["building"] as? String == "2栋" }?["visits"] as? Int == 1, "\(after.text)")
            // Another quarter has its own plan; a bad quarter is refused.
            let past = try await app.call(.get, "/api/v1/property/estates/\(w.estate)/visits-due?quarter=2020-Q1", token: w.admin.token)
            #expect(past["due"] as? [String] == ["1栋", "2栋"] && past.string("from") == "2020-01-01", "\(past.text)")
            #expect(try await app.call(.get, "/api/v1/property/estates/\(w.estate)/visits-due?quarter=2020-H1", token: w.admin.token).status == .unprocessableContent)
        }
    }

    @Test func aForumIsPlannedHeldItsResolutionsClosedThenClosed() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let sup = w.f.supervisor.token
            let f = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/forums", token: sup, json: [
                "heldOn": "2026-11-20", "heldTime": "19:00", "place": "会所二楼", "topic": "停车管理"])
            #expect(f.status == .created && f.string("status") == "planned" && f.string("number")?.hasPrefix("ZT-") == true && f.string("host") == "用户supervisor", "\(f.text)")
            let id = try #require(f.string("id"))
            let base = "/api/v1/property/forums/\(id)"
            let byNumber = try await app.call(.get, "/api/v1/search?q=\(f.string("number")!)", token: sup)
            #expect(byNumber.items.contains { $0["kind"] as? String == "property_forum" && $0["href"] as? String == "/property/forums/\(id)" }, "\(byNumber.text)")
            // Nothing but hold or cancel while planned; held needs minutes and a count.
            let early = try await app.call(.post, base + "/resolutions", token: sup, json: ["content": "x", "owner": "y", "dueOn": "2026-12-31"])
            #expect(early.status == .conflict && early.errorCode == "invalid_transition", "\(early.text)")
            #expect(try await app.call(.post, base + "/close", token: sup, json: [String: Any]()).status == .conflict)
            let noMinutes = try await app.call(.post, base + "/hold", token: sup, json: ["attendeeCount": 12])
            #expect(noMinutes.status == .unprocessableContent && noMinutes.text.contains("minutes"), "\(noMinutes.text)")
            let noCount = try await app.call(.post, base + "/hold", token: sup, json: ["minutes": "讨论了停车位"])
            #expect(noCount.status == .unprocessableContent && noCount.text.contains("attendeeCount"), "\(noCount.text)")
            let held = try await app.call(.post, base + "/hold", token: sup, json: ["attendeeCount": 12, "attendees": "王芳 1栋101、李先生", "minutes": "讨论了停车位"])
            #expect(held.status == .ok && held.string("status") == "held" && held["attendeeCount"] as? Int == 12, "\(held.text)")
            #expect(try await app.call(.post, base + "/cancel", token: sup, json: ["reason": "x"]).status == .conflict)
            // A forum set for a later day cannot be recorded as held before that day.
            let future = Times.day(Date().addingTimeInterval(40 * 86_400)).iso
            let later = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/forums", token: sup, json: ["heldOn": future, "place": "会所", "topic": "年度大会"])
            #expect(later.status == .created, "\(later.text)")
            let tooEarly = try await app.call(.post, "/api/v1/property/forums/\(later.string("id")!)/hold", token: sup, json: ["attendeeCount": 3, "minutes": "m"])
            #expect(tooEarly.status == .conflict && tooEarly.errorCode == "not_yet_held", "\(tooEarly.text)")

            let r1 = try await app.call(.post, base + "/resolutions", token: sup, json: ["content": "增设访客车位", "owner": "孙丽", "dueOn": "2027-01-15"])
            #expect(r1.status == .created && r1["openResolutions"] as? Int == 1 && r1["mayClose"] as? Bool == false, "\(r1.text)")
            let r2 = try await app.call(.post, base + "/resolutions", token: sup, json: ["content": "地面画线", "owner": "工程部", "dueOn": "2027-01-31"])
            #expect(r2["resolutionCount"] as? Int == 2, "\(r2.text)")
            #expect(try await app.call(.post, base + "/resolutions", token: sup, json: ["content": "x", "owner": "y", "dueOn": "someday"]).status == .unprocessableContent)
            let open = try await app.call(.post, base + "/close", token: sup, json: [String: Any]())
            #expect(open.status == .conflict && open.errorCode == "resolutions_open", "\(open.text)")
            // The property CS admin closes a resolution (its owner); twice is refused; an unknown one is 404.
            let c1 = try await app.call(.post, base + "/resolutions/close", token: w.admin.token, json: ["seq": 1, "note": "已划定 6 个访客车位"])
            #expect(c1.status == .ok && c1["openResolutions"] as? Int == 1, "\(c1.text)")
            #expect(try await app.call(.post, base + "/resolutions/close", token: w.admin.token, json: ["seq": 1, "note": "x"]).status == .conflict)
            #expect(try await app.call(.post, base + "/resolutions/close", token: w.admin.token, json: ["seq": 9, "note": "x"]).status == .notFound)
            #expect(try await app.call(.post, base + "/resolutions/close", token: sup, json: ["seq": 2, "note": "已完成画线"]).status == .ok)
            let closed = try await app.call(.post, base + "/close", token: sup, json: [String: Any]())
            #expect(closed.status == .ok && closed.string("status") == "closed" && closed["mayAddResolution"] as? Bool == false, "\(closed.text)")
            let actions = try await Self.audit(app, "property_forum", id)
            for a in ["create", "hold", "add_resolution", "close_resolution", "close"] {
                #expect(actions.contains { $0.hasSuffix(a) }, "\(a) in \(actions)")
            }

            // A second forum is cancelled with a reason; the list filters by status.
            let f2 = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/forums", token: sup, json: ["heldOn": "2027-01-10", "place": "会所", "topic": "物业费"])
            let c = "/api/v1/property/forums/\(f2.string("id")!)/cancel"
            #expect(try await app.call(.post, c, token: sup, json: [String: Any]()).status == .unprocessableContent)
            let cancelled = try await app.call(.post, c, token: sup, json: ["reason": "业主委员会改期"])
            #expect(cancelled.status == .ok && cancelled.string("status") == "cancelled" && cancelled.string("cancelReason") == "业主委员会改期", "\(cancelled.text)")
            let list = try await app.call(.get, "/api/v1/property/forums?status=closed", token: w.admin.token)
            #expect(list.items.count == 1 && list.items.first?["id"] as? String == id, "\(list.text)")
            #expect(try await app.call(.get, "/api/v1/property/forums?status=nonsense", token: sup).status == .unprocessableContent)
        }
    }

    /// PRP-09: the month-end statistics count the month's visits and the forums held in it (a planned or cancelled one is not).
    @Test func theMonthEndStatisticsCountVisitsAndForumsHeld() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let sup = w.f.supervisor.token
            let estate = "/api/v1/property/estates/\(w.estate)"
            for day in ["2026-11-03", "2026-11-28", "2026-10-31"] {
                #expect(try await app.call(.post, estate + "/visits", token: sup, json: ["building": "1栋", "opinions": "x", "visitedOn": day]).status == .created)
            }
            let held = try await app.call(.post, estate + "/forums", token: sup, json: ["heldOn": "2026-11-20", "place": "会所", "topic": "停车"])
            #expect(try await app.call(.post, "/api/v1/property/forums/\(held.string("id")!)/hold", token: sup,
                                       json: ["attendeeCount": 5, "minutes": "m"]).status == .ok)
            #expect(try await app.call(.post, estate + "/forums", token: sup, json: ["heldOn": "2026-11-25", "place": "会所", "topic": "绿化"]).status == .created)
            let r = try await app.call(.get, estate + "/service-report?period=2026-11", token: sup)
            #expect(r.status == .ok && r["visits"] as? Int == 2 && r["forumsHeld"] as? Int == 1, "\(r.text)")
            let year = try await app.call(.get, estate + "/service-report?period=2026", token: sup)
            #expect(year["visits"] as? Int == 3 && year["forumsHeld"] as? Int == 1, "\(year.text)")
        }
    }

    @Test func otherRolesAndUnitsAreRefused() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let sup = w.f.supervisor.token
            let visit = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/visits", token: sup, json: ["building": "1栋", "opinions": "x", "followUp": "y"])
            let forum = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/forums", token: sup, json: ["heldOn": "2026-12-20", "place": "会所", "topic": "停车"])
            let vid = try #require(visit.string("id")), fid = try #require(forum.string("id"))
            let qaSup = try await app.createUser(w.f.admin, "qasup", roles: ["cs_supervisor"], unitId: w.f.qa)
            // The property CS admin neither visits nor runs forums (the supervisor's duty); an agent sees nothing.
            #expect(try await app.call(.post, "/api/v1/property/estates/\(w.estate)/visits", token: w.admin.token, json: ["building": "1栋", "opinions": "x"]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/estates/\(w.estate)/forums", token: w.admin.token,
                                       json: ["heldOn": "2026-12-20", "place": "a", "topic": "b"]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/forums/\(fid)/hold", token: w.admin.token, json: ["attendeeCount": 3, "minutes": "m"]).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/visits", token: w.f.agent.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/forums/\(fid)", token: w.f.agent.token).status == .forbidden)
            // Another unit's supervisor: no record, no read, no step; its list is empty.
            #expect(try await app.call(.post, "/api/v1/property/estates/\(w.estate)/visits", token: qaSup.token, json: ["building": "1栋", "opinions": "x"]).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/visits/\(vid)", token: qaSup.token).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/visits/\(vid)/close-follow-up", token: qaSup.token, json: ["note": "x"]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/forums/\(fid)/cancel", token: qaSup.token, json: ["reason": "x"]).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/estates/\(w.estate)/visits-due", token: qaSup.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/visits", token: qaSup.token).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/property/forums", token: qaSup.token).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/property/visits", token: nil).status == .unauthorized)
            // Validation names the field.
            let path = "/api/v1/property/estates/\(w.estate)/visits"
            for (body, field) in [(["opinions": "x"], "building"), (["building": "1栋"], "opinions"),
                                  (["building": "1栋", "room": "999", "opinions": "x"], "room"),
                                  (["building": "1栋", "opinions": "x", "satisfaction": "7"], "satisfaction"),
                                  (["building": "1栋", "opinions": "x", "visitedOn": "2099-01-01"], "visitedOn"),
                                  (["building": "1栋", "opinions": "x", "followUpOwner": "孙丽"], "followUp")] as [([String: String], String)] {
                let bad = try await app.call(.post, path, token: sup, json: body)
                #expect(bad.status == .unprocessableContent && bad.text.contains(field), "\(field): \(bad.text)")
            }
            let noDay = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/forums", token: sup, json: ["place": "a", "topic": "b"])
            #expect(noDay.status == .unprocessableContent && noDay.text.contains("heldOn"), "\(noDay.text)")
            #expect(try await app.call(.post, "/api/v1/property/estates/no-such/visits", token: sup, json: ["building": "1栋", "opinions": "x"]).status == .notFound)
            #expect(try await app.call(.get, "/api/v1/property/forums/no-such", token: sup).status == .notFound)
        }
    }

    @Test func thePagesRecordAVisitAndRunAForum() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let s = PageSession(app)
            _ = try await s.signIn("supervisor", "password-supervisor")
            let page = try await s.get("/property/visits")
            #expect(page.status == .ok && page.text.contains("id=\"prp-visit-form\"") && page.text.contains("id=\"empty-state\""), "\(page.status)")
            #expect(page.text.contains("id=\"prp-visits-due\""), "one estate: its visit plan shows")
            let csrf = PageSession.csrf(in: page.text) ?? ""
            let refused = try await s.post("/property/visits", form: ["_csrf": csrf, "estateId": w.estate, "building": "1栋", "opinions": "楼道太暗", "room": "999"],
                                           from: "/property/visits")
            #expect(refused.status == .seeOther, "\(refused.status)")
            let kept = try await s.get("/property/visits")
            #expect(kept.text.contains("楼道太暗") && kept.text.contains("999"), "the refused form keeps what was typed")
            let made = try await s.post("/property/visits", form: ["_csrf": csrf, "estateId": w.estate, "building": "1栋", "room": "101", "opinions": "楼道太暗",
                                                                    "satisfaction": "3", "followUp": "加装声控灯"], from: "/property/visits")
            let at = made.headers[.location] ?? ""
            #expect(made.status == .seeOther && at.contains("what=visit"), "\(made.status) \(made.text)")
            let detail = try await s.get(at)
            #expect(detail.text.contains("id=\"prp-visit-close-form\"") && detail.text.contains("加装声控灯"), "\(detail.text)")
            let vpath = String(at.split(separator: "?")[0])
            let closed = try await s.post(vpath + "/close-follow-up", form: ["_csrf": csrf, "note": "已装好"], from: vpath)
            #expect(closed.status == .seeOther && (closed.headers[.location] ?? "").contains("what=follow-up"))
            #expect(try await s.get(vpath).text.contains("已装好"))
            let list = try await s.get("/property/visits?followUp=closed")
            #expect(list.text.contains("class=\"prp-visit\"") && list.text.contains("楼道太暗"))

            let forums = try await s.get("/property/forums")
            #expect(forums.status == .ok && forums.text.contains("id=\"prp-forum-form\""))
            let planned = try await s.post("/property/forums", form: ["_csrf": csrf, "estateId": w.estate, "heldOn": "2026-11-20", "place": "会所", "topic": "停车管理"],
                                           from: "/property/forums")
            let fat = planned.headers[.location] ?? ""
            #expect(planned.status == .seeOther && fat.contains("what=forum"), "\(planned.status) \(planned.text)")
            let fpath = String(fat.split(separator: "?")[0])
            #expect(try await s.get(fpath).text.contains("id=\"prp-forum-hold-form\""))
            let noMinutes = try await s.post(fpath + "/hold", form: ["_csrf": csrf, "attendeeCount": "8", "attendees": "王芳"], from: fpath)
            #expect(noMinutes.status == .seeOther)
            let keptHold = try await s.get(fpath)
            #expect(keptHold.text.contains("id=\"prp-forum-hold-error\"") && keptHold.text.contains("王芳"), "the refused hold keeps what was typed")
            _ = try await s.post(fpath + "/hold", form: ["_csrf": csrf, "attendeeCount": "8", "attendees": "王芳", "minutes": "同意增设车位"], from: fpath)
            _ = try await s.post(fpath + "/resolutions", form: ["_csrf": csrf, "content": "增设车位", "owner": "孙丽", "dueOn": "2027-01-15"], from: fpath)
            let withResolution = try await s.get(fpath)
            #expect(withResolution.text.contains("class=\"prp-resolution\"") && withResolution.text.contains("id=\"prp-resolution-close-form\"")
                    && !withResolution.text.contains("id=\"prp-forum-close-form\""))
            _ = try await s.post(fpath + "/resolutions/close", form: ["_csrf": csrf, "seq": "1", "note": "已增设"], from: fpath)
            let done = try await s.post(fpath + "/close", form: ["_csrf": csrf], from: fpath)
            #expect(done.status == .seeOther && (done.headers[.location] ?? "").contains("what=close"))
            let final = try await s.get(fpath)
            #expect(final.text.contains("同意增设车位") && final.text.contains("已增设") && !final.text.contains("id=\"prp-forum-hold-form\""))
        }
    }
}
