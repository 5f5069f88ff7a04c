import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform
import KefuServiceDesk
import SQLKit
import Testing

/// #11.4: every notification leads to its record; opening it marks it read; only a path on this site is ever
/// stored or followed; only its owner may open it.
@Suite("Notifications lead to their records (#11.4)", .serialized)
struct NotificationLinkTests {
    static func first(_ app: TestApp, _ token: String) async throws -> [String: Any] {
        try #require(try await app.call(.get, "/api/v1/notifications", token: token).items.first)
    }

    static func unread(_ app: TestApp, _ token: String) async throws -> Int {
        try await app.call(.get, "/api/v1/notifications/unread-count", token: token).json["unread"] as? Int ?? -1
    }

    @Test func aBreachLinksItsTicketAndOpeningItMarksItReadForItsOwnerOnly() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            try await app.roundTheClockEmailPolicy(org.admin)
            let late = try await app.emailTicket(org.agent.token, subject: "无人回复", minutesAgo: 20)
            _ = try await app.jobs.scanner.scan()
            let n = try await Self.first(app, org.supervisor.token)
            let id = try #require(n["id"] as? String), ticketId = try #require(late["id"] as? String)
            #expect(n["link"] as? String == "/tickets/\(ticketId)")
            #expect(try await Self.unread(app, org.supervisor.token) == 1)
            // Someone else's notification does not exist for them, and stays unread.
            let stranger = try await app.call(.get, "/notifications/\(id)/open", token: org.agent.token)
            #expect(stranger.status == .notFound)
            #expect(try await Self.unread(app, org.supervisor.token) == 1)
            let anonymous = try await app.call(.get, "/notifications/\(id)/open")
            #expect(anonymous.status != .seeOther || anonymous.headers[.location]?.hasPrefix("/login") == true)
            let opened = try await app.call(.get, "/notifications/\(id)/open", token: org.supervisor.token)
            #expect(opened.status == .seeOther)
            #expect(opened.headers[.location] == "/tickets/\(ticketId)")
            #expect(try await Self.unread(app, org.supervisor.token) == 0)
            // The notifications page opens it through the same route.
            let session = PageSession(app)
            _ = try await session.signIn("supervisor", "password-supervisor")
            let page = try await session.get("/notifications")
            #expect(page.text.contains("href=\"/notifications/\(id)/open\""))
        }
    }

    @Test func handOffsLinkTheirRecords() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let t = try await app.createTicket(o.agent.token, subject: "逆变器异响", extra: ["type": "complaint"])
            let ticketId = try #require(t.string("id"))
            let complaint = try await app.call(.get, "/api/v1/complaints", token: o.agent.token).items.first { $0["ticketId"] as? String == ticketId }
            let id = try #require(complaint?["id"] as? String)
            try await app.expect(.ok, .post, "/api/v1/complaints/\(id)/classify", o.agent.token, ["responsibility": "company", "handling": "quality"])
            // A complaint about a ticket leads to the complaint, not to the ticket.
            let qa = try await Self.first(app, o.qaUser.token)
            #expect(qa["link"] as? String == "/complaints/\(id)")
            #expect(qa["ticketId"] as? String == ticketId)
            let opened = try await app.call(.get, "/notifications/\(qa["id"] as! String)/open", token: o.qaUser.token)
            #expect(opened.headers[.location] == "/complaints/\(id)")

            let order: [String: Any] = ["customer": ["name": "某风电场", "phone": "0471-7654321"], "model": "变桨控制器 PC-300", "shippedAt": "2024-03-01",
                                        "units": [["serialNumber": "PC3-0009", "defect": "上电无显示"]]]
            let repair = try #require(try await app.expect(.created, .post, "/api/v1/repair-orders", o.agent.token, order).string("id"))
            try await app.expect(.ok, .post, "/api/v1/repair-orders/\(repair)/diagnosis", f.engineer.token,
                                 ["mainComponentDamaged": true, "inWarranty": false, "fee": ["amount": "800", "currency": "CNY"]])
            #expect(try await Self.first(app, o.agent.token)["link"] as? String == "/repair-orders/\(repair)")
        }
    }

    @Test func documentsAndTransfersLinkTheirPages() async throws {
        try await TestApp.run { app in
            let m = try await MaterialsFixture.make(app)
            let r = try await m.document(app, m.keeperA1, direction: "in", reason: "purchase", warehouse: m.A1G, lines: [m.line(m.bolt, "5")],
                                         extra: ["supplierId": m.supplier])
            let doc = try #require(r.string("id"))
            #expect(try await Self.first(app, m.accA)["link"] as? String == "/materials/documents/\(doc)")
            let t = try await app.call(.post, "/api/v1/transfers", token: m.accA, json: ["fromWarehouseId": m.A1G, "toWarehouseId": m.A2G, "lines": [m.line(m.bolt, 2)]])
            let transfer = try #require(t.string("id"))
            #expect(try await Self.first(app, m.hqPlanner)["link"] as? String == "/materials/transfers/\(transfer)")
        }
    }

    /// No open redirect: a link that leads off the site is never stored, and one found in the table is never followed.
    @Test func onlyPathsOnThisSiteAreStoredOrFollowed() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let notifications = NotificationService(store: app.store, webhookTargets: WebhookTargets())
            let offSite = ["//evil.example/x", "https://evil.example/", "/\\evil.example", "/%2F%2Fevil.example", "javascript:alert(1)", "tickets/1", "/\tevil"]
            for link in offSite {
                let handOff = HandOff(kind: "test_hand_off", recipients: .init(userIds: [org.agent.id]), title: Text("转来", "Handed on"),
                                      body: Text(link, link), link: link, actorId: org.supervisor.id)
                _ = try await app.store.write { db in try await notifications.handOff(db, handOff, at: Clock.millis()) }
            }
            let stored = try await app.store.read { db in
                try await db.raw("SELECT link FROM notifications WHERE kind = 'test_hand_off'").all().map { try $0.decode(column: "link", as: String?.self) }
            }
            #expect(stored.count == offSite.count)
            #expect(stored.allSatisfy { $0 == nil }, "\(stored)")
            let items = try await app.call(.get, "/api/v1/notifications?per=50", token: org.agent.token).items
            #expect(items.count == offSite.count && items.allSatisfy { $0["link"] is NSNull || $0["link"] == nil })
            // A row written by other means with an off-site link: opened, it leads to the list, not off the site.
            let id = try #require(items.first?["id"] as? String)
            try await app.store.write { db in try await db.raw("UPDATE notifications SET link = '//evil.example/x' WHERE id = \(bind: id)").run() }
            let opened = try await app.call(.get, "/notifications/\(id)/open", token: org.agent.token)
            #expect(opened.status == .seeOther)
            #expect(opened.headers[.location] == "/notifications")
        }
    }

    /// A notification written before links were kept still renders, and leads to its ticket when it names one.
    @Test func oldNotificationsWithoutLinkStillRender() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let t = try await app.createTicket(org.agent.token, subject: "旧通知")
            let ticketId = try #require(t.string("id"))
            let now = Clock.millis()
            try await app.store.write { db in
                try await db.raw("""
                    INSERT INTO notifications (id, user_id, kind, ticket_id, title, body, deliver_at, created_at)
                    VALUES ('old-1', \(bind: org.supervisor.id), 'sla_breach', \(bind: ticketId), '旧的超时通知', '正文', \(bind: now - 1000), \(bind: now - 1000)),
                           ('old-2', \(bind: org.supervisor.id), 'something_else', NULL, '无链接的旧通知', '正文', \(bind: now - 2000), \(bind: now - 2000))
                    """).run()
            }
            let items = try await app.call(.get, "/api/v1/notifications", token: org.supervisor.token).items
            #expect(items.first { $0["id"] as? String == "old-1" }?["link"] as? String == "/tickets/\(ticketId)")
            #expect(items.first { $0["id"] as? String == "old-2" }?["link"] is NSNull)
            let session = PageSession(app)
            _ = try await session.signIn("supervisor", "password-supervisor")
            let page = try await session.get("/notifications")
            #expect(page.status == .ok)
            #expect(page.text.contains("无链接的旧通知") && page.text.contains("href=\"/notifications/old-1/open\""))
            #expect(!page.text.contains("/notifications/old-2/open"))
            let opened = try await app.call(.get, "/notifications/old-2/open", token: org.supervisor.token)
            #expect(opened.headers[.location] == "/notifications")
            #expect(try await Self.unread(app, org.supervisor.token) == 1)
        }
    }
}
