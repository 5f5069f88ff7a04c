import Foundation
import Hummingbird
import Testing

/// #14 item 2 property fees over HTTP (PRP-01..03, PRP-06): the fee table, notice generation (amounts checked by
/// hand, numbering, idempotent), payments (partial, over refused, settled), arrears with their age, chase notes, the
/// collection rate per fee and period, quick search, and every refusal of role and unit.
@Suite("Property fees (#14 item 2, PRP-01..03, PRP-06)")
struct PropertyFeeTests {
    struct World {
        let f: OrgFixture
        let admin: (id: String, token: String)
        let outsider: (id: String, token: String)
        let estate: String
    }

    /// 客服部's estate: 物业费 1.85/m²·month, 公摊 300.00 a month shared by area over homes and shops, 特约 30.00 per home;
    /// units 1栋 101 (89.50 m², home), 102 (120.33 m², shop), 103 (100.00 m², vacant: the property fee only).
    static func world(_ app: TestApp) async throws -> World {
        let f = try await OrgFixture.make(app)
        let admin = try await app.createUser(f.admin, "sunli", roles: ["property_admin"], unitId: f.cs)
        let outsider = try await app.createUser(f.admin, "qaprop", roles: ["property_admin"], unitId: f.qa)
        let e = try await app.call(.post, "/api/v1/property/estates", token: admin.token, json: ["name": "翠湖花园", "orgUnitId": f.cs])
        #expect(e.status == .created, "\(e.text)")
        let estate = try #require(e.string("id"))
        for body in [["fee": "物业费", "kind": "property_fee", "rate": "1.85", "effectiveFrom": "2026-01"],
                     ["fee": "公摊", "kind": "public_cost", "basis": "area_share", "rate": "300.00", "appliesTo": "residential,shop", "effectiveFrom": "2026-01"],
                     ["fee": "特约服务", "kind": "special_service", "rate": "30", "appliesTo": "residential", "effectiveFrom": "2026-01"]] {
            let r = try await app.call(.post, "/api/v1/property/estates/\(estate)/fee-rates", token: admin.token, json: body)
            #expect(r.status == .created, "\(r.text)")
        }
        let units = try await app.call(.post, "/api/v1/property/estates/\(estate)/units", token: admin.token, json: ["units": [
            ["building": "1栋", "room": "101", "area": "89.50", "use": "residential", "occupantName": "王芳", "occupantPhone": "139-0000-2222", "moveInOn": "2020-05-01"],
            ["building": "1栋", "room": "102", "area": "120.33", "use": "shop", "occupantKind": "tenant", "occupantName": "李记超市", "occupantPhone": "13800001111"],
            ["building": "1栋", "room": "103", "area": "100", "use": "vacant"],
        ]])
        #expect(units.status == .created && units["made"] as? Int == 3, "\(units.text)")
        return World(f: f, admin: admin, outsider: outsider, estate: estate)
    }

    /// The month `n` months before this one (the arrears' age counts from the billing month to now).
    static func monthsAgo(_ n: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let c = calendar.dateComponents([.year, .month], from: Date())
        let index = c.year! * 12 + c.month! - 1 - n
        return String(format: "%04d-%02d", index / 12, index % 12 + 1)
    }

    static func notices(_ app: TestApp, _ token: String, _ query: String) async throws -> [[String: Any]] {
        let r = try await app.call(.get, "/api/v1/property/notices?" + query, token: token)
        #expect(r.status == .ok, "\(r.text)")
        return r.items
    }

    static func byRoom(_ items: [[String: Any]]) -> [String: [String: Any]] {
        Dictionary(uniqueKeysWithValues: items.map { ($0["room"] as! String, $0) })
    }

    @Test func noticesAreMadeOncePerUnitAndMonthWithHandComputedAmounts() async throws {
        try await TestApp.run { app in
            let w = try await Self.world(app)
            let month = Self.monthsAgo(2)
            let compact = month.replacingOccurrences(of: "-", with: "")
            let run = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/notices", token: w.admin.token, json: ["month": month])
            #expect(run.status == .ok, "\(run.text)")
            #expect(run["made"] as? Int == 3 && run["already"] as? Int == 0, "\(run.text)")
            let list = Self.byRoom(try await Self.notices(app, w.admin.token, "estateId=\(w.estate)&month=\(month)"))
            // 101: 89.50 × 1.85 = 165.575 → 165.58; 公摊 300 × 8950 / 20983 = 127.96; 特约 30.00 → 323.54.
            // 102: 120.33 × 1.85 = 222.6105 → 222.61; 公摊 300 × 12033 / 20983 = 172.04 → 394.65. 103 (vacant): 100 × 1.85 = 185.00.
            #expect(list["101"]?["billed"] as? String == "323.54", "\(list["101"] ?? [:])")
            #expect(list["102"]?["billed"] as? String == "394.65", "\(list["102"] ?? [:])")
            #expect(list["103"]?["billed"] as? String == "185.00", "\(list["103"] ?? [:])")
            let lines = list["101"]?["lines"] as? [[String: Any]] ?? []
            #expect(lines.map { $0["amount"] as? String ?? "" } == ["165.58", "127.96", "30.00"], "\(lines)")
            #expect(list["101"]?["number"] as? String == "JF-\(compact)-000001")
            #expect(list["103"]?["number"] as? String == "JF-\(compact)-000003")

            // A second run makes none; a new unit gets the next number on the next run.
            let again = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/notices", token: w.admin.token, json: ["month": month])
            #expect(again["made"] as? Int == 0 && again["already"] as? Int == 3 && again["total"] as? Int == 3, "\(again.text)")
            let more = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/units", token: w.admin.token,
                                          json: ["units": [["building": "2栋", "room": "201", "area": "60.00"]]])
            #expect(more.status == .created, "\(more.text)")
            let third = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/notices", token: w.admin.token, json: ["month": month])
            #expect(third["made"] as? Int == 1 && third["total"] as? Int == 4, "\(third.text)")
            let added = Self.byRoom(try await Self.notices(app, w.admin.token, "estateId=\(w.estate)&month=\(month)"))["201"]
            #expect(added?["number"] as? String == "JF-\(compact)-000004")
            // 公摊's total area is now 20983 + 6000: 300 × 6000 / 26983 = 66.71; + 60 × 1.85 = 111.00 + 30.00.
            #expect(added?["billed"] as? String == "207.71", "\(added ?? [:])")

            // A month before any rate: refused with the reason; a rate change is a new row, the old one kept.
            let early = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/notices", token: w.admin.token, json: ["month": "2025-12"])
            #expect(early.status == .unprocessableContent && early.errorCode == "no_fee_rates", "\(early.text)")
            let change = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/fee-rates", token: w.admin.token,
                                            json: ["fee": "物业费", "kind": "property_fee", "rate": "2.10", "effectiveFrom": "2099-01"])
            let rates = (change["feeRates"] as? [[String: Any]] ?? []).filter { $0["fee"] as? String == "物业费" }
            #expect(rates.map { $0["rate"] as? String ?? "" } == ["1.85", "2.10"], "\(change.text)")
            #expect(rates.map { $0["current"] as? Bool ?? false } == [true, false])
            let wrongKind = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/fee-rates", token: w.admin.token,
                                               json: ["fee": "物业费", "kind": "special_service", "rate": "2.10", "effectiveFrom": "2026-02"])
            #expect(wrongKind.status == .conflict && wrongKind.errorCode == "fee_kind_mismatch", "\(wrongKind.text)")
            let dup = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/units", token: w.admin.token,
                                         json: ["units": [["building": "1栋", "room": "101", "area": "60.00"]]])
            #expect(dup.status == .conflict && dup.errorCode == "unit_exists", "\(dup.text)")
            let badArea = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/units", token: w.admin.token,
                                             json: ["units": [["building": "3栋", "room": "301", "area": "60.005"]]])
            #expect(badArea.status == .unprocessableContent || badArea.status == .badRequest, "\(badArea.text)")
            #expect(badArea.text.contains("units[0].area"), "\(badArea.text)")
        }
    }

    @Test func paymentsArePartialOrExactNeverOverAndTheArrearsAgeInMonths() async throws {
        try await TestApp.run { app in
            let w = try await Self.world(app)
            let month = Self.monthsAgo(2)
            _ = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/notices", token: w.admin.token, json: ["month": month])
            let list = Self.byRoom(try await Self.notices(app, w.admin.token, "estateId=\(w.estate)"))
            let n101 = try #require(list["101"]?["id"] as? String), n103 = try #require(list["103"]?["id"] as? String)

            let part = try await app.call(.post, "/api/v1/property/notices/\(n101)/payments", token: w.admin.token,
                                          json: ["amount": "200.00", "method": "wechat", "receiptNo": "SJ-0001", "paidOn": "2026-11-05"])
            #expect(part.status == .created, "\(part.text)")
            #expect(part.string("paid") == "200.00" && part.string("owing") == "123.54" && part["settled"] as? Bool == false, "\(part.text)")
            let lines = part["lines"] as? [[String: Any]] ?? []
            #expect(lines.map { $0["paid"] as? String ?? "" } == ["165.58", "34.42", "0.00"], "\(lines)")
            let over = try await app.call(.post, "/api/v1/property/notices/\(n101)/payments", token: w.admin.token, json: ["amount": "123.55", "method": "cash"])
            #expect(over.status == .unprocessableContent && over.errorCode == "overpayment", "\(over.text)")
            let badMethod = try await app.call(.post, "/api/v1/property/notices/\(n101)/payments", token: w.admin.token, json: ["amount": "1.00", "method": "gold"])
            #expect(badMethod.status == .unprocessableContent || badMethod.status == .badRequest, "\(badMethod.text)")
            let floaty = try await app.call(.post, "/api/v1/property/notices/\(n101)/payments", token: w.admin.token, json: ["amount": "1.005", "method": "cash"])
            #expect(floaty.status == .unprocessableContent || floaty.status == .badRequest, "\(floaty.text)")
            let rest = try await app.call(.post, "/api/v1/property/notices/\(n101)/payments", token: w.admin.token, json: ["amount": "123.54", "method": "现金"])
            #expect(rest.status == .created && rest["settled"] as? Bool == true && rest.string("owing") == "0.00", "\(rest.text)")
            #expect((rest["payments"] as? [[String: Any]])?.count == 2)
            let again = try await app.call(.post, "/api/v1/property/notices/\(n101)/payments", token: w.admin.token, json: ["amount": "1.00", "method": "cash"])
            #expect(again.status == .conflict && again.errorCode == "notice_settled", "\(again.text)")

            // Arrears: the unpaid and partly paid, with their age; chase notes on them.
            _ = try await app.call(.post, "/api/v1/property/notices/\(n103)/payments", token: w.admin.token, json: ["amount": "85.00", "method": "bank"])
            let arrears = Self.byRoom(try await Self.notices(app, w.admin.token, "estateId=\(w.estate)&arrears=1"))
            #expect(Set(arrears.keys) == ["102", "103"], "\(arrears.keys)")
            #expect(arrears["103"]?["owing"] as? String == "100.00")
            #expect(arrears["102"]?["ageMonths"] as? Int == 2)
            let chase = try await app.call(.post, "/api/v1/property/notices/\(n103)/chases", token: w.admin.token,
                                           json: ["method": "phone", "result": "业主承诺月底交清", "chasedOn": "2026-11-20"])
            #expect(chase.status == .created, "\(chase.text)")
            let chases = chase["chases"] as? [[String: Any]] ?? []
            #expect(chases.first?["result"] as? String == "业主承诺月底交清" && chases.first?["method"] as? String == "phone", "\(chase.text)")
            let noResult = try await app.call(.post, "/api/v1/property/notices/\(n103)/chases", token: w.admin.token, json: ["method": "phone"])
            #expect(noResult.status == .unprocessableContent || noResult.status == .badRequest, "\(noResult.text)")
            #expect(noResult.text.contains("result"))
            let settledChase = try await app.call(.post, "/api/v1/property/notices/\(n101)/chases", token: w.admin.token, json: ["method": "phone", "result": "x"])
            #expect(settledChase.status == .conflict, "\(settledChase.text)")

            // Quick search: the notice by its number as typed, the unit by room and by the occupant's phone.
            let number = try #require(list["102"]?["number"] as? String)
            let search = try await app.call(.get, "/api/v1/search?q=" + number.lowercased(), token: w.admin.token)
            #expect(search.items.contains { $0["kind"] as? String == "property_notice" && $0["number"] as? String == number }, "\(search.text)")
            let phone = try await app.call(.get, "/api/v1/search?q=13900002222", token: w.admin.token)
            #expect(phone.items.contains { $0["kind"] as? String == "property_unit" }, "\(phone.text)")
            let outside = try await app.call(.get, "/api/v1/search?q=" + number, token: w.outsider.token)
            #expect(!outside.items.contains { $0["kind"] as? String == "property_notice" }, "\(outside.text)")
            // #11.1: the room alone, building-room, and the start of the occupant's name (not its middle); nothing outside.
            func units(_ q: String, _ token: String) async throws -> [String] {
                let found = try await app.call(.get, "/api/v1/search?kinds=property_unit&q=" + (q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q), token: token)
                #expect(found.status == .ok, "\(found.text)")
                return found.items.compactMap { $0["title"] as? String }
            }
            #expect(try await units("102", w.admin.token).contains { $0.hasSuffix("1栋 102") })
            #expect(try await units("1栋-103", w.admin.token).contains { $0.hasSuffix("1栋 103") })
            #expect(try await units("2栋-103", w.admin.token).isEmpty)
            #expect(try await units("李记", w.admin.token).contains { $0.hasSuffix("1栋 102") })
            #expect(try await units("超市", w.admin.token).isEmpty)
            #expect(try await units("102", w.outsider.token).isEmpty)
            #expect(try await units("13900002222", w.outsider.token).isEmpty)
        }
    }

    @Test func theCollectionRatePerFeeAndPeriodMatchesTheHandFigures() async throws {
        try await TestApp.run { app in
            let w = try await Self.world(app)
            let m1 = Self.monthsAgo(2), m2 = Self.monthsAgo(1)
            for m in [m1, m2] { _ = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/notices", token: w.admin.token, json: ["month": m]) }
            let items = try await Self.notices(app, w.admin.token, "estateId=\(w.estate)&month=\(m1)")
            let first = Self.byRoom(items)
            // Month 1: 101 paid in full (323.54), 103 paid 85.00 of 185.00, 102 nothing. Month 2: nothing paid.
            _ = try await app.call(.post, "/api/v1/property/notices/\(first["101"]!["id"] as! String)/payments", token: w.admin.token, json: ["amount": "323.54", "method": "cash"])
            _ = try await app.call(.post, "/api/v1/property/notices/\(first["103"]!["id"] as! String)/payments", token: w.admin.token, json: ["amount": "85.00", "method": "cash"])

            let r = try await app.call(.get, "/api/v1/property/estates/\(w.estate)/collection-rate?period=month&from=\(m1)&to=\(m2)", token: w.f.supervisor.token)
            #expect(r.status == .ok, "\(r.text)")
            let rows = r["rows"] as? [[String: Any]] ?? []
            func row(_ period: String, _ fee: String) -> [String: Any]? { rows.first { $0["period"] as? String == period && $0["fee"] as? String == fee } }
            // Billed a month: 323.54 + 394.65 + 185.00 = 903.19; paid 408.54 → 45.2%; notices paid 1 of 3 → 33.3%.
            #expect(row(m1, "")?["billed"] as? String == "903.19" && row(m1, "")?["paid"] as? String == "408.54", "\(rows)")
            #expect(row(m1, "")?["rate"] as? String == "45.2%" && row(m1, "")?["countRate"] as? String == "33.3%", "\(rows)")
            // 物业费: 165.58 + 222.61 + 185.00 = 573.19; paid 165.58 + 85.00 = 250.58 → 43.7%; lines paid 1 of 3.
            #expect(row(m1, "物业费")?["billed"] as? String == "573.19" && row(m1, "物业费")?["paid"] as? String == "250.58", "\(rows)")
            #expect(row(m1, "物业费")?["rate"] as? String == "43.7%" && row(m1, "物业费")?["paidItems"] as? Int == 1, "\(rows)")
            // 公摊: 127.96 + 172.04 = 300.00, paid 127.96 → 42.7%; 特约: 30.00 all paid → 100.0%.
            #expect(row(m1, "公摊")?["billed"] as? String == "300.00" && row(m1, "公摊")?["rate"] as? String == "42.7%", "\(rows)")
            #expect(row(m1, "特约服务")?["rate"] as? String == "100.0%", "\(rows)")
            #expect(row(m2, "")?["paid"] as? String == "0.00" && row(m2, "")?["rate"] as? String == "0.0%", "\(rows)")
            // The year adds both months: 1806.38 billed, 408.54 paid → 22.6%.
            let year = try await app.call(.get, "/api/v1/property/estates/\(w.estate)/collection-rate?period=year&from=\(m1)&to=\(m2)", token: w.admin.token)
            let all = (year["rows"] as? [[String: Any]] ?? []).filter { $0["fee"] as? String == "" }
            #expect(all.reduce(0) { $0 + (($1["items"] as? Int) ?? 0) } == 6, "\(year.text)")
            if all.count == 1 { #expect(all[0]["billed"] as? String == "1806.38" && all[0]["rate"] as? String == "22.6%", "\(year.text)") }
        }
    }

    @Test func rolesAndUnitsAreChecked() async throws {
        try await TestApp.run { app in
            let w = try await Self.world(app)
            _ = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/notices", token: w.admin.token, json: ["month": Self.monthsAgo(1)])
            let notice = try #require(try await Self.notices(app, w.admin.token, "estateId=\(w.estate)").first?["id"] as? String)
            let sup = w.f.supervisor.token, agent = w.f.agent.token, out = w.outsider.token
            // The supervisor reads everything of the unit, works nothing.
            #expect(try await app.call(.get, "/api/v1/property/estates/\(w.estate)", token: sup).status == .ok)
            #expect(try await app.call(.get, "/api/v1/property/notices/\(notice)", token: sup).status == .ok)
            #expect(try await app.call(.get, "/api/v1/property/estates/\(w.estate)/units?q=101", token: sup).items.count == 1)
            for (path, body) in [("/api/v1/property/notices/\(notice)/payments", ["amount": "1.00", "method": "cash"]),
                                 ("/api/v1/property/notices/\(notice)/chases", ["method": "phone", "result": "x"]),
                                 ("/api/v1/property/estates/\(w.estate)/notices", ["month": "2026-01"]),
                                 ("/api/v1/property/estates/\(w.estate)/fee-rates", ["fee": "x", "kind": "special_service", "rate": "1", "effectiveFrom": "2026-01"]),
                                 ("/api/v1/property/estates", ["name": "x", "orgUnitId": w.f.cs])] {
                let r = try await app.call(.post, path, token: sup, json: body)
                #expect(r.status == .forbidden, "supervisor \(path): \(r.text)")
                // A property admin of another unit is refused too.
                let o = try await app.call(.post, path, token: out, json: body)
                #expect(o.status == .forbidden, "outsider \(path): \(o.text)")
            }
            let units = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/units", token: out, json: ["units": [["building": "9", "room": "9", "area": "9"]]])
            #expect(units.status == .forbidden, "\(units.text)")
            // An agent has no business here; the outsider does not see 客服部's estate or notices.
            #expect(try await app.call(.get, "/api/v1/property/notices", token: agent).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/estates", token: agent).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/estates/\(w.estate)", token: out).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/notices/\(notice)", token: out).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/estates/\(w.estate)/collection-rate", token: out).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/notices", token: out).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/property/estates", token: out).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/property/notices", token: nil).status == .unauthorized)
        }
    }

    @Test func thePagesShowTheEstateTheNoticesAndTheRate() async throws {
        try await TestApp.run { app in
            let w = try await Self.world(app)
            let month = Self.monthsAgo(1)
            _ = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/notices", token: w.admin.token, json: ["month": month])
            let s = PageSession(app)
            _ = try await s.signIn("sunli", "password-sunli")
            let home = try await s.get("/property")
            #expect(home.status == .ok && home.text.contains("翠湖花园"), "\(home.status)")
            let estate = try await s.get("/property/estates/\(w.estate)")
            #expect(estate.status == .ok && estate.text.contains("id=\"prp-run-form\"") && estate.text.contains("王芳"))
            let list = try await s.get("/property/notices?estateId=\(w.estate)&arrears=1")
            #expect(list.status == .ok && list.text.contains("prp-notice"))
            let print = try await s.get("/property/notices/print?estateId=\(w.estate)&month=\(month)")
            #expect(print.status == .ok && print.text.components(separatedBy: "class=\"prp-print-notice").count == 4)
            let rate = try await s.get("/property/estates/\(w.estate)/collection?period=quarter")
            #expect(rate.status == .ok && rate.text.contains("prp-collection"))
            let csv = try await s.get("/property/notices/export?format=csv&estateId=\(w.estate)")
            #expect(csv.status == .ok && csv.text.contains("JF-"))

            // PRP-06 units from a sheet: all rows or none, a refusal naming the file's row.
            let csrf = PageSession.csrf(in: estate.text) ?? ""
            let bad = try await ItemRequestPageTests.multipart(s, "/property/estates/\(w.estate)/import", fields: ["_csrf": csrf],
                                                               files: ["file": ("units.csv", "楼栋,房号,建筑面积\n3栋,301,77.70\n3栋,302,abc\n")], from: "/property/estates/\(w.estate)")
            #expect(bad.status == .seeOther, "\(bad.status) \(bad.text)")
            let back = try await s.get("/property/estates/\(w.estate)")
            #expect(back.text.contains("第 3 行"), "\(back.text)")
            #expect(try await app.call(.get, "/api/v1/property/estates/\(w.estate)/units?q=301", token: w.admin.token).items.isEmpty)
            let good = try await ItemRequestPageTests.multipart(s, "/property/estates/\(w.estate)/import", fields: ["_csrf": PageSession.csrf(in: back.text) ?? csrf],
                                                                files: ["file": ("units.csv", "楼栋,房号,建筑面积,用途,住户姓名,联系电话\n3栋,301,77.70,住宅,赵六,13700001111\n3栋,302,88.80,shop,钱七,13700002222\n")],
                                                                from: "/property/estates/\(w.estate)")
            #expect(good.status == .seeOther && (good.headers[.location] ?? "").contains("what=import"), "\(good.status) \(good.headers[.location] ?? "")")
            let imported = try await app.call(.get, "/api/v1/property/estates/\(w.estate)/units?q=" + "赵六".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, token: w.admin.token).items
            #expect(imported.first?["room"] as? String == "301" && imported.first?["area"] as? String == "77.70", "\(imported)")
        }
    }
}
