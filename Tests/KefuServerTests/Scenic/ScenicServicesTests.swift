import Foundation
import Hummingbird
import KefuPlatform
import Testing

/// #14.3 scenic visitor services over HTTP (篇11): the free-entry check at 70 (a refused check stored nowhere, the
/// number stored masked), the lost-person case closed only after three Mandarin broadcasts, lending with the return
/// check and the repair loop, reception plans confirmed by each department — and the refusals: another unit, no role.
@Suite("Scenic visitor services (#14.3, VIS-03..05, LND-03/04)")
struct ScenicServicesTests {
    struct Actors {
        let admin: String
        let area: String, venue: String, market: String, other: String
        let staff: (id: String, token: String)
        let venueStaff: (id: String, token: String)
        let marketStaff: (id: String, token: String)
        let outsider: (id: String, token: String)
        let agent: (id: String, token: String)
    }

    static func actors(_ app: TestApp) async throws -> Actors {
        let admin = try await app.adminToken()
        let root = try await app.rootUnitId(admin)
        let area = try await app.createUnit(admin, code: "JQ", name: "景区", kind: "site", parentId: root)
        let venue = try await app.createUnit(admin, code: "JQ-CG", name: "场馆运营部", parentId: area)
        let market = try await app.createUnit(admin, code: "JQ-SC", name: "市场运营部", parentId: area)
        let other = try await app.createUnit(admin, code: "JQ2", name: "另一景区", kind: "site", parentId: root)
        return Actors(admin: admin, area: area, venue: venue, market: market, other: other,
                      staff: try await app.createUser(admin, "zhaoyun", roles: ["scenic_ops"], unitId: area),
                      venueStaff: try await app.createUser(admin, "venue1", roles: ["scenic_ops"], unitId: venue),
                      marketStaff: try await app.createUser(admin, "market1", roles: ["scenic_ops"], unitId: market),
                      outsider: try await app.createUser(admin, "other1", roles: ["scenic_ops"], unitId: other),
                      agent: try await app.createUser(admin, "agent1", roles: ["cs_agent"], unitId: area))
    }

    static func day(_ offsetYears: Int, plusDays: Int = 0) -> String {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let d = c.date(byAdding: .day, value: plusDays, to: c.date(byAdding: .year, value: offsetYears, to: Date())!)!
        let f = DateFormatter()
        f.calendar = c
        f.timeZone = c.timeZone
        f.dateFormat = "yyyyMMdd"
        return f.string(from: d)
    }

    /// A valid 18-character resident ID number for someone born on `yyyymmdd`.
    static func residentId(_ yyyymmdd: String, seq: String = "123") -> String {
        let first17 = "110105" + yyyymmdd + seq
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(first17.compactMap(\.wholeNumberValue), weights).reduce(0) { $0 + $1.0 * $1.1 }
        return first17 + String(Array("10X98765432")[sum % 11])
    }

    @Test func freeEntryAtSeventyIsRecordedMaskedAndUnderSeventyIsRefusedAndNotStored() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            let seventy = Self.residentId(Self.day(-70))             // 70 today
            let almost = Self.residentId(Self.day(-70, plusDays: 1)) // 70 tomorrow: 69 today
            let ok = try await app.call(.post, "/api/v1/scenic/free-entries", token: a.staff.token,
                                        json: ["visitorName": "李大爷", "idKind": "resident_id", "idNumber": seventy, "gate": "北门"])
            #expect(ok.status == .created, "\(ok.text)")
            #expect(ok["age"] as? Int == 70)
            #expect(ok.string("idMasked") == String(seventy.prefix(6)) + "********" + String(seventy.suffix(4)), "\(ok.text)")
            #expect(!ok.text.contains(seventy), "the whole number is never stored or answered")

            let refused = try await app.call(.post, "/api/v1/scenic/free-entries", token: a.staff.token,
                                             json: ["visitorName": "张阿姨", "idNumber": almost, "gate": "北门"])
            #expect(refused.status == .unprocessableContent && refused.errorCode == "under_free_age", "\(refused.text)")
            #expect(refused.errorMessage?.contains("69") == true && refused.errorMessage?.contains("不登记") == true, "\(refused.text)")
            // A wrong check digit is refused with the standard named.
            var bad = Array(seventy)
            bad[17] = bad[17] == "1" ? "2" : "1"
            let wrong = try await app.call(.post, "/api/v1/scenic/free-entries", token: a.staff.token,
                                           json: ["visitorName": "王", "idNumber": String(bad), "gate": "北门"])
            #expect(wrong.status == .unprocessableContent && wrong.errorCode == "id_check_digit", "\(wrong.text)")
            // Another ID: the birth date is typed from it.
            let passport = try await app.call(.post, "/api/v1/scenic/free-entries", token: a.staff.token,
                                              json: ["visitorName": "John Smith", "idKind": "other", "idNumber": "E12345678", "birthDate": "1940-05-01", "gate": "南门"])
            #expect(passport.status == .created && passport.string("idMasked") == "*******78", "\(passport.text)")

            let list = try await app.call(.get, "/api/v1/scenic/free-entries?q=%E5%8C%97%E9%97%A8", token: a.staff.token)
            #expect(list["total"] as? Int == 1, "only the free entry granted is in the register: \(list.text)")
            let all = try await app.call(.get, "/api/v1/scenic/free-entries", token: a.staff.token)
            #expect(all["total"] as? Int == 2)
            // Outside the caller's unit, and without the role.
            let outside = try await app.call(.post, "/api/v1/scenic/free-entries", token: a.outsider.token,
                                             json: ["visitorName": "李", "idNumber": seventy, "gate": "北门", "orgUnitId": a.area])
            #expect(outside.status == .forbidden, "\(outside.text)")
            #expect(try await app.call(.get, "/api/v1/scenic/free-entries", token: a.outsider.token)["total"] as? Int == 0)
            #expect(try await app.call(.get, "/api/v1/scenic/free-entries", token: a.agent.token).status == .forbidden)
        }
    }

    @Test func aLostPersonCaseClosesOnlyAfterThreeMandarinBroadcasts() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            let created = try await app.call(.post, "/api/v1/scenic/lost-cases", token: a.marketStaff.token, json: [
                "lostName": "小明", "description": "6 岁男孩，红上衣", "lastSeen": "北门售票处 14:20", "reporterName": "王女士", "reporterPhone": "139-1234-5678"])
            #expect(created.status == .created, "\(created.text)")
            let number = try #require(created.string("number"))
            #expect(number.range(of: #"^XR-\d{4}-0001$"#, options: .regularExpression) != nil, "\(number)")
            #expect(created.string("status") == "open")
            let id = try #require(created.string("id"))
            let early = try await app.call(.post, "/api/v1/scenic/lost-cases/\(id)/close", token: a.marketStaff.token, json: ["outcome": "found"])
            #expect(early.status == .conflict && early.errorCode == "too_few_broadcasts", "\(early.text)")
            for n in 1...3 {
                let text: [String: Any] = n == 2 ? ["text": "请小明到游客中心"] : [:]
                let b = try await app.call(.post, "/api/v1/scenic/lost-cases/\(id)/broadcasts", token: a.marketStaff.token, json: text)
                #expect(b.status == .created, "\(b.text)")
                #expect(b["broadcastCount"] as? Int == n)
                if n == 2 {
                    let again = try await app.call(.post, "/api/v1/scenic/lost-cases/\(id)/close", token: a.marketStaff.token, json: ["outcome": "found"])
                    #expect(again.status == .conflict && again.errorMessage?.contains("2") == true, "\(again.text)")
                }
            }
            let shown = try await app.call(.get, "/api/v1/scenic/lost-cases/\(id)", token: a.staff.token)
            let log = shown["broadcasts"] as? [[String: Any]] ?? []
            #expect(log.count == 3 && log.allSatisfy { $0["language"] as? String == "mandarin" }, "\(shown.text)")
            #expect(log[1]["text"] as? String == "请小明到游客中心")
            #expect((shown["actions"] as? [String]) == ["broadcast", "close"])
            // Another unit sees nothing of it; a role without the scenic services is refused.
            #expect(try await app.call(.get, "/api/v1/scenic/lost-cases/\(id)", token: a.outsider.token).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/scenic/lost-cases/\(id)/close", token: a.outsider.token, json: ["outcome": "found"]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/scenic/lost-cases/\(id)/broadcasts", token: a.agent.token, json: [String: Any]()).status == .forbidden)
            let other = try await app.call(.post, "/api/v1/scenic/lost-cases/\(id)/close", token: a.marketStaff.token, json: ["outcome": "other"])
            #expect(other.status == .unprocessableContent, "other needs a note: \(other.text)")
            let closed = try await app.call(.post, "/api/v1/scenic/lost-cases/\(id)/close", token: a.marketStaff.token, json: ["outcome": "found", "note": "在南门找到"])
            #expect(closed.status == .ok && closed.string("status") == "closed" && closed.string("outcome") == "found", "\(closed.text)")
            let after = try await app.call(.post, "/api/v1/scenic/lost-cases/\(id)/broadcasts", token: a.marketStaff.token, json: [String: Any]())
            #expect(after.status == .conflict, "\(after.text)")
            // Quick search by the number.
            let found = try await app.call(.get, "/api/v1/search?q=\(number)", token: a.staff.token)
            #expect(found.text.contains(id), "\(found.text)")
            let hidden = try await app.call(.get, "/api/v1/search?q=\(number)", token: a.outsider.token)
            #expect(!hidden.text.contains(id))
        }
    }

    @Test func aDamagedWheelchairGoesToRepairAndIsUnavailableUntilRepaired() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            let item = try await app.call(.post, "/api/v1/scenic/items", token: a.venueStaff.token, json: ["code": "ly-01", "kind": "wheelchair"])
            #expect(item.status == .created && item.string("code") == "LY-01", "\(item.text)")
            let itemId = try #require(item.string("id"))
            let dup = try await app.call(.post, "/api/v1/scenic/items", token: a.venueStaff.token, json: ["code": "LY-01", "kind": "stroller"])
            #expect(dup.status == .conflict, "\(dup.text)")
            // A free loan carries no fee; a rental needs one; money is exact text.
            let paidLoan = try await app.call(.post, "/api/v1/scenic/items/\(itemId)/lend", token: a.venueStaff.token,
                                              json: ["kind": "lend", "fee": "10", "borrowerName": "李", "borrowerPhone": "13900001111"])
            #expect(paidLoan.status == .unprocessableContent, "\(paidLoan.text)")
            let rent = try await app.call(.post, "/api/v1/scenic/items/\(itemId)/lend", token: a.venueStaff.token,
                                          json: ["kind": "rent", "fee": "20.5", "deposit": "200", "borrowerName": "李", "borrowerPhone": "13900001111", "dueBack": "17:30"])
            #expect(rent.status == .created && rent.string("fee") == "20.50" && rent.string("deposit") == "200.00", "\(rent.text)")
            let loanId = try #require(rent.string("id"))
            let twice = try await app.call(.post, "/api/v1/scenic/items/\(itemId)/lend", token: a.venueStaff.token,
                                           json: ["borrowerName": "王", "borrowerPhone": "13900002222"])
            #expect(twice.status == .conflict && twice.errorCode == "not_available", "\(twice.text)")
            let noDamage = try await app.call(.post, "/api/v1/scenic/loans/\(loanId)/return", token: a.venueStaff.token, json: ["check": "damaged"])
            #expect(noDamage.status == .unprocessableContent, "say what is damaged: \(noDamage.text)")
            let back = try await app.call(.post, "/api/v1/scenic/loans/\(loanId)/return", token: a.venueStaff.token, json: ["check": "damaged", "damage": "左轮辐条断裂"])
            #expect(back.status == .ok && back.string("returnCheck") == "damaged", "\(back.text)")
            let items = try await app.call(.get, "/api/v1/scenic/items", token: a.venueStaff.token).items
            #expect(items.first?["status"] as? String == "in_repair" && items.first?["damage"] as? String == "左轮辐条断裂", "\(items)")
            let lentInRepair = try await app.call(.post, "/api/v1/scenic/items/\(itemId)/lend", token: a.venueStaff.token,
                                                  json: ["borrowerName": "王", "borrowerPhone": "13900002222"])
            #expect(lentInRepair.status == .conflict, "\(lentInRepair.text)")
            #expect(try await app.call(.post, "/api/v1/scenic/items/\(itemId)/repaired", token: a.marketStaff.token, json: [String: Any]()).status == .forbidden,
                    "a sibling department cannot touch venue ops' items")
            let repaired = try await app.call(.post, "/api/v1/scenic/items/\(itemId)/repaired", token: a.venueStaff.token, json: ["note": "更换辐条"])
            #expect(repaired.status == .ok && repaired.string("status") == "available", "\(repaired.text)")
            let free = try await app.call(.post, "/api/v1/scenic/items/\(itemId)/lend", token: a.staff.token,
                                          json: ["borrowerName": "张大爷", "borrowerPhone": "13900003333", "idNote": "老年证"])
            #expect(free.status == .created && free.string("kind") == "lend" && free.string("fee") == "0.00", "\(free.text)")
            let ok = try await app.call(.post, "/api/v1/scenic/loans/\(free.string("id")!)/return", token: a.staff.token, json: ["check": "ok"])
            #expect(ok.status == .ok)
            #expect(try await app.call(.get, "/api/v1/scenic/loans/\(loanId)", token: a.outsider.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/scenic/items", token: a.agent.token).status == .forbidden)
        }
    }

    @Test func aReceptionPlanIsConfirmedByEachDepartmentItWasSentTo() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            let plan = try await app.call(.post, "/api/v1/scenic/reception-plans", token: a.marketStaff.token, json: [
                "groupName": "市老年大学参观团", "visitDate": "2026-12-20", "groupSize": 40, "contactName": "刘老师", "contactPhone": "13800001111",
                "facilities": "轮椅 5 台、观光车 2 辆", "meals": "午餐 40 份，软食", "specialNeeds": "2 位轮椅使用者", "departmentIds": [a.venue, a.market]])
            #expect(plan.status == .created && plan.string("status") == "sent", "\(plan.text)")
            let id = try #require(plan.string("id"))
            // The venue department is told, and sees the plan of its sibling.
            let bell = try await app.call(.get, "/api/v1/notifications?per=20", token: a.venueStaff.token)
            #expect(bell.text.contains("scenic_reception_plan_sent"), "\(bell.text)")
            let seen = try await app.call(.get, "/api/v1/scenic/reception-plans/\(id)", token: a.venueStaff.token)
            #expect(seen.status == .ok && (seen["mayConfirm"] as? [String]) == [a.venue], "\(seen.text)")
            #expect(try await app.call(.get, "/api/v1/scenic/reception-plans/\(id)", token: a.outsider.token).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/scenic/reception-plans/\(id)/confirm", token: a.outsider.token, json: [String: Any]()).status == .forbidden)
            let v = try await app.call(.post, "/api/v1/scenic/reception-plans/\(id)/confirm", token: a.venueStaff.token, json: ["note": "轮椅 5 台已备好"])
            #expect(v.status == .ok && v.string("status") == "sent", "\(v.text)")
            let again = try await app.call(.post, "/api/v1/scenic/reception-plans/\(id)/confirm", token: a.venueStaff.token, json: [String: Any]())
            #expect(again.status == .conflict, "\(again.text)")
            let m = try await app.call(.post, "/api/v1/scenic/reception-plans/\(id)/confirm", token: a.marketStaff.token, json: [String: Any]())
            #expect(m.status == .ok && m.string("status") == "ready", "\(m.text)")
            let depts = m["departments"] as? [[String: Any]] ?? []
            #expect(depts.count == 2 && depts.allSatisfy { $0["confirmed"] as? Bool == true })
            let none = try await app.call(.post, "/api/v1/scenic/reception-plans", token: a.marketStaff.token, json: [
                "groupName": "团", "visitDate": "2026-12-20", "groupSize": 4, "contactName": "刘", "contactPhone": "13800001111"])
            #expect(none.status == .unprocessableContent, "\(none.text)")
        }
    }
}
