import Foundation
import Hummingbird
import Testing

/// #14 VIS-01/02 over HTTP: a mailing registered, sent (courier and tracking number required) and delivered, with its
/// exact postage; a ticket delivery scheduled and delivered once; both found by number in the list and the quick
/// search; the pages render, print, refuse with what was typed kept — and the refusals: another unit, no role.
@Suite("Scenic mailing and ticket delivery (#14, VIS-01/02)")
struct ScenicDeliveryTests {
    static var mailingBody: [String: Any] { ["visitorName": "李大爷", "addressee": "李小明", "address": "上海市徐汇区漕溪北路 1 号", "phone": "139 1234 5678",
                                             "items": "景区剪纸 2 幅、竹编小篮 1 个", "fee": "18.50"] }

    static func deliveryBody(_ unit: String) -> [String: Any] {
        ["orgUnitId": unit, "reservationRef": "jd-2026-0007", "tickets": "32", "deliverTo": "王领队", "phone": "13800001111", "place": "市老年大学门口",
         "dueAt": "2026-12-20 9:00"]
    }

    @Test func aMailingIsRegisteredSentWithItsTrackingNumberAndDelivered() async throws {
        try await TestApp.run { app in
            let a = try await ScenicServicesTests.actors(app)
            let created = try await app.call(.post, "/api/v1/scenic/mailings", token: a.marketStaff.token, json: Self.mailingBody)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.string("number")?.range(of: #"^YJ-\d{4}-0001$"#, options: .regularExpression) != nil, "\(created.text)")
            #expect(created.string("fee") == "18.50" && created.string("status") == "requested" && created.string("phone") == "13912345678", "\(created.text)")
            #expect(created["actions"] as? [String] == ["send"])
            let id = try #require(created.string("id"))
            let number = try #require(created.string("number"))

            // Not delivered before it is sent; sending names the courier and the tracking number.
            let early = try await app.call(.post, "/api/v1/scenic/mailings/\(id)/deliver", token: a.marketStaff.token, json: [String: Any]())
            #expect(early.status == .conflict && early.errorCode == "invalid_state", "\(early.text)")
            let noTracking = try await app.call(.post, "/api/v1/scenic/mailings/\(id)/send", token: a.marketStaff.token, json: ["courier": "顺丰速运"])
            #expect(noTracking.status == .unprocessableContent || noTracking.status == .badRequest, "\(noTracking.text)")
            #expect(noTracking.text.contains("trackingNo"), "\(noTracking.text)")
            let sent = try await app.call(.post, "/api/v1/scenic/mailings/\(id)/send", token: a.marketStaff.token, json: ["courier": "顺丰速运", "trackingNo": "SF1234567890"])
            #expect(sent.status == .ok && sent.string("status") == "sent" && sent.string("trackingNo") == "SF1234567890", "\(sent.text)")
            #expect(try await app.call(.post, "/api/v1/scenic/mailings/\(id)/send", token: a.marketStaff.token,
                                       json: ["courier": "顺丰速运", "trackingNo": "SF2"]).status == .conflict, "sent once")
            let delivered = try await app.call(.post, "/api/v1/scenic/mailings/\(id)/deliver", token: a.staff.token, json: [String: Any]())
            #expect(delivered.status == .ok && delivered.string("status") == "delivered" && delivered.string("deliveredAt") != nil, "the area above may act: \(delivered.text)")

            // Money is exact: a third decimal is refused, naming the field.
            let bad = try await app.call(.post, "/api/v1/scenic/mailings", token: a.marketStaff.token, json: Self.mailingBody.merging(["fee": "1.005"]) { $1 })
            #expect(bad.status == .unprocessableContent || bad.status == .badRequest, "\(bad.text)")
            #expect(bad.text.contains("fee"))

            // Listed and searched by number and tracking number; found by the quick search.
            let byNumber = try await app.call(.get, "/api/v1/scenic/mailings?q=\(number)", token: a.marketStaff.token)
            #expect(byNumber["total"] as? Int == 1, "\(byNumber.text)")
            #expect(try await app.call(.get, "/api/v1/scenic/mailings?q=SF1234567890", token: a.staff.token)["total"] as? Int == 1)
            #expect(try await app.call(.get, "/api/v1/scenic/mailings?status=delivered", token: a.staff.token)["total"] as? Int == 1)
            let found = try await app.call(.get, "/api/v1/search?q=\(number)", token: a.marketStaff.token)
            #expect(found.text.contains("/scenic/mailings/\(id)"), "\(found.text)")

            // Refusals: another area's staff, a role without the services.
            #expect(try await app.call(.get, "/api/v1/scenic/mailings/\(id)", token: a.outsider.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/scenic/mailings", token: a.outsider.token)["total"] as? Int == 0)
            #expect(!(try await app.call(.get, "/api/v1/search?q=\(number)", token: a.outsider.token).text.contains(id)))
            #expect(try await app.call(.post, "/api/v1/scenic/mailings/\(id)/deliver", token: a.outsider.token, json: [String: Any]()).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/scenic/mailings", token: a.agent.token).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/scenic/mailings", token: a.agent.token, json: Self.mailingBody).status == .forbidden)
            let foreignUnit = try await app.call(.post, "/api/v1/scenic/mailings", token: a.marketStaff.token, json: Self.mailingBody.merging(["orgUnitId": a.venue]) { $1 })
            #expect(foreignUnit.status == .forbidden, "a sibling department is outside the caller's unit: \(foreignUnit.text)")
        }
    }

    @Test func ticketsAreDeliveredOnceWithWhoReceivedThem() async throws {
        try await TestApp.run { app in
            let a = try await ScenicServicesTests.actors(app)
            let zero = try await app.call(.post, "/api/v1/scenic/ticket-deliveries", token: a.marketStaff.token, json: Self.deliveryBody(a.market).merging(["tickets": "0"]) { $1 })
            #expect(zero.status == .unprocessableContent || zero.status == .badRequest, "\(zero.text)")
            let created = try await app.call(.post, "/api/v1/scenic/ticket-deliveries", token: a.marketStaff.token, json: Self.deliveryBody(a.market))
            #expect(created.status == .created, "\(created.text)")
            #expect(created.string("number")?.hasPrefix("ST-") == true && created["tickets"] as? Int == 32, "\(created.text)")
            #expect(created.string("dueAt") == "2026-12-20 09:00" && created.string("reservationRef") == "JD-2026-0007" && created.string("status") == "scheduled", "\(created.text)")
            let id = try #require(created.string("id"))
            let number = try #require(created.string("number"))

            let noOne = try await app.call(.post, "/api/v1/scenic/ticket-deliveries/\(id)/deliver", token: a.marketStaff.token, json: [String: Any]())
            #expect(noOne.text.contains("receivedBy") && noOne.status != .ok, "\(noOne.text)")
            #expect(try await app.call(.post, "/api/v1/scenic/ticket-deliveries/\(id)/deliver", token: a.outsider.token,
                                       json: ["receivedBy": "王"]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/scenic/ticket-deliveries/\(id)/deliver", token: a.agent.token,
                                       json: ["receivedBy": "王"]).status == .forbidden)
            let done = try await app.call(.post, "/api/v1/scenic/ticket-deliveries/\(id)/deliver", token: a.marketStaff.token, json: ["receivedBy": "王领队"])
            #expect(done.status == .ok && done.string("status") == "delivered" && done.string("receivedBy") == "王领队", "\(done.text)")
            let again = try await app.call(.post, "/api/v1/scenic/ticket-deliveries/\(id)/deliver", token: a.marketStaff.token, json: ["receivedBy": "王领队"])
            #expect(again.status == .conflict, "\(again.text)")

            #expect(try await app.call(.get, "/api/v1/scenic/ticket-deliveries?q=JD-2026-0007", token: a.staff.token)["total"] as? Int == 1)
            #expect(try await app.call(.get, "/api/v1/scenic/ticket-deliveries/\(id)", token: a.outsider.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/scenic/ticket-deliveries", token: a.agent.token).status == .forbidden)
            let found = try await app.call(.get, "/api/v1/search?q=\(number)", token: a.staff.token)
            #expect(found.text.contains("/scenic/ticket-deliveries/\(id)"), "\(found.text)")
        }
    }

    @Test func thePagesRenderPrintAndKeepWhatWasTyped() async throws {
        try await TestApp.run { app in
            let a = try await ScenicServicesTests.actors(app)
            let s = PageSession(app)
            #expect(try await s.signIn("market1", "password-market1").status == .seeOther)
            let list = try await s.get("/scenic/mailings")
            #expect(list.status == .ok && list.text.contains("scenic-mailing-form"), "\(list.status)")
            let csrf = PageSession.csrf(in: list.text) ?? ""
            let refused = try await s.post("/scenic/mailings", form: ["_csrf": csrf, "visitorName": "张阿姨", "addressee": "张三", "address": "杭州", "phone": "13900000000",
                                                                      "items": "茶叶罐", "fee": "abc"], from: "/scenic/mailings")
            #expect(refused.status == .seeOther)
            let back = try await s.get("/scenic/mailings")
            #expect(back.text.contains("邮费应为金额") && back.text.contains("张阿姨"), "the reason and what was typed")
            let ok = try await s.post("/scenic/mailings", form: ["_csrf": csrf, "visitorName": "张阿姨", "addressee": "张三", "address": "杭州", "phone": "13900000000",
                                                                 "items": "茶叶罐", "fee": "8"], from: "/scenic/mailings")
            #expect(ok.status == .seeOther)
            let detailPath = try #require(ok.headers[.location]?.split(separator: "?").first.map(String.init))
            let detail = try await s.get(detailPath)
            #expect(detail.status == .ok && detail.text.contains("scenic-mailing-send-form") && detail.text.contains("data-print") && detail.text.contains("¥8.00"))
            let sent = try await s.post(detailPath + "/send", form: ["_csrf": csrf, "courier": "EMS", "trackingNo": "EMS001"], from: detailPath)
            #expect(sent.status == .seeOther)
            #expect(try await s.get(detailPath).text.contains("scenic-mailing-deliver"))

            let deliveries = try await s.get("/scenic/ticket-deliveries")
            #expect(deliveries.status == .ok && deliveries.text.contains("scenic-delivery-form"))
            let scheduled = try await s.post("/scenic/ticket-deliveries", form: ["_csrf": csrf, "reservationRef": "JD-2026-0001", "tickets": "12", "deliverTo": "刘",
                                                                                  "phone": "13900000001", "place": "北门", "dueAt": "2026-12-21 10:00"], from: "/scenic/ticket-deliveries")
            #expect(scheduled.status == .seeOther)
            let deliveryPath = try #require(scheduled.headers[.location]?.split(separator: "?").first.map(String.init))
            let shown = try await s.get(deliveryPath)
            #expect(shown.status == .ok && shown.text.contains("scenic-delivery-deliver-form") && shown.text.contains("data-print"))
            #expect(try await s.get("/scenic").text.contains("scenic-home-mailings"))

            _ = a
            let agent = PageSession(app)
            #expect(try await agent.signIn("agent1", "password-agent1").status == .seeOther)
            #expect(try await agent.get("/scenic/mailings").status == .forbidden)
            #expect(try await agent.get("/scenic/ticket-deliveries").status == .forbidden)
        }
    }
}
