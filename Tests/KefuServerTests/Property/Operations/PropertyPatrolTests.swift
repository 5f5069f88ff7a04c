import Foundation
import Hummingbird
import Testing

/// #14 PRP-07 over HTTP: patrols numbered per year with their findings (noted, or turned into a ticket), the list by
/// estate, date and status, paged; the vacant units' checks of doors, windows, water and power; quick search by the
/// numbers; the pages; every refusal of role and unit.
@Suite("Property patrols and vacant units (#14 PRP-07)")
struct PropertyPatrolTests {
    static func today() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    static func tomorrow() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let c = calendar.dateComponents([.year, .month, .day], from: Date().addingTimeInterval(86_400))
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    @Test func patrolsAreNumberedCarryTheirFindingsAndAreListedByEstateDateAndStatus() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let base = "/api/v1/property/estates/\(w.estate)/patrols"
            let p1 = try await app.call(.post, base, token: w.admin.token, json: [
                "patrolledOn": "2026-11-20", "patrolledTime": "9:30", "buildings": "1栋",
                "findings": [["location": "1栋 3 楼", "description": "声控灯不亮"], ["description": "天台门锁坏", "ticketRef": "gd-2026-000123"]]])
            #expect(p1.status == .created, "\(p1.text)")
            #expect(p1.string("number") == "XL-2026-000001" && p1.string("status") == "issues" && p1["findingCount"] as? Int == 2, "\(p1.text)")
            #expect(p1.string("patrolledTime") == "09:30")
            let findings = p1["findings"] as? [[String: Any]] ?? []
            #expect(findings.map { $0["disposition"] as? String ?? "" } == ["noted", "ticket"], "\(findings)")
            #expect(findings.last?["ticketRef"] as? String == "GD-2026-000123")
            let p2 = try await app.call(.post, base, token: w.admin.token, json: ["patrolledOn": "2026-11-21", "buildings": "1栋、2栋", "patroller": "保安 老周"])
            #expect(p2.status == .created && p2.string("number") == "XL-2026-000002" && p2.string("status") == "normal", "\(p2.text)")
            #expect(p2.string("patroller") == "保安 老周")

            // Refusals name their field.
            let future = try await app.call(.post, base, token: w.admin.token, json: ["patrolledOn": Self.tomorrow(), "buildings": "1栋"])
            #expect(future.status == .unprocessableContent && future.text.contains("patrolledOn"), "\(future.text)")
            let badTime = try await app.call(.post, base, token: w.admin.token, json: ["patrolledTime": "25:00", "buildings": "1栋"])
            #expect(badTime.status == .unprocessableContent && badTime.text.contains("patrolledTime"), "\(badTime.text)")
            let noRef = try await app.call(.post, base, token: w.admin.token, json: ["buildings": "1栋", "findings": [["description": "漏水", "disposition": "ticket"]]])
            #expect(noRef.status == .unprocessableContent && noRef.text.contains("findings[0].ticketRef"), "\(noRef.text)")
            let noBuildings = try await app.call(.post, base, token: w.admin.token, json: ["patrolledOn": "2026-11-20"])
            #expect(noBuildings.status == .unprocessableContent && noBuildings.text.contains("buildings"), "\(noBuildings.text)")

            // The list: by day, by status, paged; a patrol with its findings.
            let day = try await app.call(.get, "/api/v1/property/patrols?estateId=\(w.estate)&from=2026-11-21&to=2026-11-21", token: w.admin.token)
            #expect(day.items.map { $0["number"] as? String ?? "" } == ["XL-2026-000002"], "\(day.text)")
            let issues = try await app.call(.get, "/api/v1/property/patrols?status=issues", token: w.f.supervisor.token)
            #expect(issues.items.map { $0["number"] as? String ?? "" } == ["XL-2026-000001"], "\(issues.text)")
            let paged = try await app.call(.get, "/api/v1/property/patrols?per=1&page=2", token: w.admin.token)
            #expect(paged["total"] as? Int == 2 && paged.items.count == 1 && paged.items.first?["number"] as? String == "XL-2026-000001", "\(paged.text)")
            let id = try #require(p1.string("id"))
            let one = try await app.call(.get, "/api/v1/property/patrols/\(id)", token: w.f.supervisor.token)
            #expect(one.status == .ok && (one["findings"] as? [[String: Any]])?.count == 2, "\(one.text)")

            // Roles and units: the supervisor reads, records nothing; another unit's property admin and an agent see nothing.
            let sup = try await app.call(.post, base, token: w.f.supervisor.token, json: ["buildings": "1栋"])
            #expect(sup.status == .forbidden, "\(sup.text)")
            let out = try await app.call(.post, base, token: w.outsider.token, json: ["buildings": "1栋"])
            #expect(out.status == .forbidden, "\(out.text)")
            #expect(try await app.call(.get, "/api/v1/property/patrols/\(id)", token: w.outsider.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/patrols", token: w.outsider.token).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/property/patrols", token: w.f.agent.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/patrols/\(id)", token: w.f.agent.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/patrols", token: nil).status == .unauthorized)

            // Quick search by the number as typed, in scope only.
            let hit = try await app.call(.get, "/api/v1/search?q=xl-2026-1", token: w.f.supervisor.token)
            #expect(hit.items.contains { $0["kind"] as? String == "property_patrol" && $0["number"] as? String == "XL-2026-000001" }, "\(hit.text)")
            let miss = try await app.call(.get, "/api/v1/search?q=XL-2026-000001", token: w.outsider.token)
            #expect(!miss.items.contains { $0["kind"] as? String == "property_patrol" }, "\(miss.text)")
        }
    }

    @Test func vacantUnitsAreCheckedForDoorsWindowsWaterAndPower() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let base = "/api/v1/property/estates/\(w.estate)/vacant-checks"
            let units0 = try await app.call(.get, "/api/v1/property/estates/\(w.estate)/vacant-units", token: w.f.supervisor.token)
            #expect(units0.items.count == 1 && units0.items.first?["room"] as? String == "103" && units0.items.first?["lastCheckedOn"] == nil, "\(units0.text)")
            let c1 = try await app.call(.post, base, token: w.admin.token, json: ["building": "1栋", "room": "103", "checkedOn": "2026-11-20"])
            #expect(c1.status == .created && c1.string("number") == "KZ-2026-000001" && c1.string("doors") == "ok" && c1.string("power") == "ok", "\(c1.text)")
            let noNote = try await app.call(.post, base, token: w.admin.token, json: ["building": "1栋", "room": "103", "water": "abnormal"])
            #expect(noNote.status == .unprocessableContent && noNote.text.contains("note"), "\(noNote.text)")
            let c2 = try await app.call(.post, base, token: w.admin.token, json: ["building": "1栋", "room": "103", "checkedOn": "2026-11-21", "water": "异常",
                                                                                 "note": "厨房滴水，已关总阀"])
            #expect(c2.status == .created && c2.string("water") == "abnormal" && c2.string("number") == "KZ-2026-000002", "\(c2.text)")
            let lived = try await app.call(.post, base, token: w.admin.token, json: ["building": "1栋", "room": "101"])
            #expect(lived.status == .unprocessableContent && lived.errorCode == "unit_not_vacant", "\(lived.text)")
            let none = try await app.call(.post, base, token: w.admin.token, json: ["building": "9栋", "room": "999"])
            #expect(none.status == .unprocessableContent && none.text.contains("room"), "\(none.text)")

            let units = try await app.call(.get, "/api/v1/property/estates/\(w.estate)/vacant-units", token: w.admin.token)
            #expect(units.items.first?["lastCheckedOn"] as? String == "2026-11-21", "\(units.text)")
            let list = try await app.call(.get, "/api/v1/property/vacant-checks?estateId=\(w.estate)", token: w.f.supervisor.token)
            #expect(list["total"] as? Int == 2 && list.items.first?["number"] as? String == "KZ-2026-000002", "\(list.text)")
            let byNumber = try await app.call(.get, "/api/v1/property/vacant-checks?q=kz-2026-000001", token: w.admin.token)
            #expect(byNumber.items.count == 1, "\(byNumber.text)")

            #expect(try await app.call(.post, base, token: w.f.supervisor.token, json: ["building": "1栋", "room": "103"]).status == .forbidden)
            #expect(try await app.call(.post, base, token: w.outsider.token, json: ["building": "1栋", "room": "103"]).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/estates/\(w.estate)/vacant-units", token: w.outsider.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/vacant-checks", token: w.outsider.token).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/property/vacant-checks", token: w.f.agent.token).status == .forbidden)
            let hit = try await app.call(.get, "/api/v1/search?q=KZ-2026-2", token: w.admin.token)
            #expect(hit.items.contains { $0["kind"] as? String == "property_vacant_check" }, "\(hit.text)")
        }
    }

    @Test func thePagesRecordAndListPatrolsAndChecksAndKeepARefusedForm() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let s = PageSession(app)
            _ = try await s.signIn("sunli", "password-sunli")
            let list = try await s.get("/property/patrols")
            #expect(list.status == .ok && list.text.contains("id=\"prp-patrol-form\""), "\(list.status)")
            let csrf = try #require(PageSession.csrf(in: list.text))
            let made = try await s.post("/property/patrols", form: ["_csrf": csrf, "estateId": w.estate, "patrolledOn": "2026-11-20", "buildings": "1栋",
                                                                    "finding0": "消防通道堆放杂物", "location0": "1栋 1 楼", "disposition0": "noted",
                                                                    "finding1": "", "ticketRef1": "", "finding2": ""], from: "/property/patrols")
            #expect(made.status == .seeOther && (made.headers[.location] ?? "").contains("/property/patrols/"), "\(made.status) \(made.text)")
            let detail = try await s.get(made.headers[.location] ?? "")
            #expect(detail.status == .ok && detail.text.contains("消防通道堆放杂物") && detail.text.contains("XL-2026-000001"), "\(detail.text.prefix(300))")
            // A finding turned into a ticket without its number: back to the form, the text kept, the reason under the row.
            let refused = try await s.post("/property/patrols", form: ["_csrf": csrf, "estateId": w.estate, "buildings": "2栋", "finding0": "电梯异响",
                                                                       "disposition0": "ticket"], from: "/property/patrols")
            #expect(refused.status == .seeOther, "\(refused.status)")
            let back = try await s.get("/property/patrols")
            #expect(back.text.contains("电梯异响") && back.text.contains("工单号"), "\(back.text.count)")
            #expect(try await app.call(.get, "/api/v1/property/patrols", token: w.admin.token)["total"] as? Int == 1)

            let vacant = try await s.get("/property/vacant")
            #expect(vacant.status == .ok && vacant.text.contains("prp-vacant-unit") && vacant.text.contains("id=\"prp-check-form\""))
            let checked = try await s.post("/property/vacant-checks", form: ["_csrf": PageSession.csrf(in: vacant.text) ?? csrf, "estateId": w.estate,
                                                                             "building": "1栋", "room": "103", "doors": "ok", "windows": "ok", "water": "ok",
                                                                             "power": "ok"], from: "/property/vacant")
            #expect(checked.status == .seeOther, "\(checked.status) \(checked.text)")
            let after = try await s.get("/property/vacant?estateId=\(w.estate)")
            #expect(after.text.contains("KZ-2026-000001"))

            // The supervisor sees the lists without the forms.
            let sup = PageSession(app)
            _ = try await sup.signIn("supervisor", "password-supervisor")
            let supList = try await sup.get("/property/patrols")
            #expect(supList.status == .ok && supList.text.contains("XL-2026-000001") && !supList.text.contains("id=\"prp-patrol-form\""))
        }
    }
}
