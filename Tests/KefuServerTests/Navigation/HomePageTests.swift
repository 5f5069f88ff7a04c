import Foundation
import Hummingbird
import Testing

/// #11.5: the home page at `/` per role, each part from its feature's query and within the viewer's scope: my queue
/// with its clocks, documents waiting for my audit, low stock (below the item's 储备定额), open CAPA.
@Suite("Home page per role (#11.5)")
struct HomePageTests {
    static func home(_ app: TestApp, _ user: String) async throws -> String {
        let s = PageSession(app)
        let signedIn = try await s.signIn(user, "password-\(user)")
        #expect(signedIn.headers[.location] == "/", "sign-in lands on the home page")
        let r = try await s.get("/")
        #expect(r.status == .ok, "\(user) GET /: \(r.status)")
        return r.text
    }

    /// The HTML of one part of the home page (up to the next part).
    static func part(_ html: String, _ id: String) -> String? {
        guard let start = html.range(of: "id=\"\(id)\"") else { return nil }
        let rest = html[start.upperBound...]
        let end = rest.range(of: "<section class=\"card home-part\"")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    @Test func visitorsSignInAndCustomersKeepTheirLanding() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let anonymous = try await PageSession(app).get("/")
            #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/login")
            let customer = try await app.call(.post, "/api/v1/customers", token: org.agent.token, json: ["name": "周女士", "phone": "13700001111"])
            _ = try await app.createUser(org.admin, "zhou", roles: ["customer"], unitId: org.cs, customerId: customer.string("id"))
            let s = PageSession(app)
            _ = try await s.signIn("zhou", "password-zhou")
            let r = try await s.get("/")
            #expect(r.status == .seeOther && r.headers[.location] == "/tickets")
        }
    }

    @Test func myQueueShowsMyOpenTicketsWithTheirClocksAndNothingElse() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let mine = try await app.createTicket(org.agent.token, subject: "主页队列里的工单")
            let other = try await app.createTicket(org.colleague.token, subject: "同事的工单")
            #expect(mine.status == .created && other.status == .created)
            let html = try await Self.home(app, "agent")
            let queue = try #require(Self.part(html, "home-queue"))
            #expect(queue.contains(mine.string("number")!))
            #expect(queue.contains("主页队列里的工单"))
            #expect(!queue.contains("同事的工单"), "only my tickets")
            #expect(queue.contains("剩余"), "each row shows its working-time clock")
            #expect(queue.contains("id=\"home-queue-count\">1<"))
            #expect(queue.contains("href=\"/tickets?view=mine\""))
            // An agent audits no documents, holds no stock and plans no CAPA.
            #expect(Self.part(html, "home-audits") == nil)
            #expect(Self.part(html, "home-low-stock") == nil)
            // QA has nothing of its own yet: the empty state, and the open CAPA part.
            let qa = try await Self.home(app, "qauser")
            #expect(try #require(Self.part(qa, "home-queue")).contains("id=\"home-queue-empty\""))
            #expect(try #require(Self.part(qa, "home-capa")).contains("id=\"home-capa-empty\""))
        }
    }

    @Test func auditsWaitingAndLowStockFollowTheViewersScope() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            // 储备定额 10 on the bolt; A1G holds 3 (low), A2G holds 20 (not low).
            let quota = try await app.call(.patch, "/api/v1/items/\(f.bolt)", token: f.hqMaterials, json: ["reserveQuota": "10"])
            #expect(quota.status == .ok, "\(quota.text)")
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 3)])
            try await f.stock(app, warehouse: f.A2G, [f.line(f.bolt, 20)])
            // A saved receipt of site A1 waits for the department accountant's audit.
            let saved = try await f.document(app, f.keeperA1, direction: "in", reason: "purchase", warehouse: f.A1G, lines: [f.line(f.gear, 2)],
                                             extra: ["supplierId": f.supplier])
            #expect(saved.status == .created, "\(saved.text)")
            let number = saved.string("number")!

            let accA = try await Self.home(app, "acca")
            let audits = try #require(Self.part(accA, "home-audits"))
            #expect(audits.contains(number) && audits.contains("/materials/documents/\(saved.string("id")!)"))
            #expect(audits.contains("id=\"home-audits-count\">1<"))
            let low = try #require(Self.part(accA, "home-low-stock"))
            #expect(low.contains("BOLT-M10") && low.contains("仓库A1G"))
            #expect(!low.contains("仓库A2G"), "20 is not below 10")
            #expect(low.contains("id=\"home-low-stock-count\">1<"))

            // Department B's accountant sees every department's books (D16) but audits only its own (DOC-08).
            let accB = try await Self.home(app, "accb")
            #expect(try #require(Self.part(accB, "home-audits")).contains("id=\"home-audits-empty\""))
            #expect(try #require(Self.part(accB, "home-low-stock")).contains("BOLT-M10"))

            // A site keeper does not audit (DOC-08) but sees the low stock of its own site only.
            let keeperA1 = try await Self.home(app, "keepa1")
            #expect(Self.part(keeperA1, "home-audits") == nil)
            #expect(try #require(Self.part(keeperA1, "home-low-stock")).contains("BOLT-M10"))
            let keeperA2 = try await Self.home(app, "keepa2")
            #expect(try #require(Self.part(keeperA2, "home-low-stock")).contains("id=\"home-low-stock-empty\""))

            // Once audited, the document waits no more.
            let audited = try await app.call(.post, "/api/v1/stock-documents/\(saved.string("id")!)/audit", token: f.accA)
            #expect(audited.status == .ok)
            #expect(try #require(Self.part(try await Self.home(app, "acca"), "home-audits")).contains("id=\"home-audits-empty\""))
        }
    }

    @Test func openCapaListsComplaintsWithActionsUnderWay() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let t = try await app.createTicket(o.agent.token, subject: "变流器频繁报故障", extra: ["type": "complaint", "customer": ["name": "华能某风电场", "phone": "13900001111"]])
            let list = try await app.call(.get, "/api/v1/complaints", token: o.agent.token)
            let complaint = try #require(list.items.first { $0["ticketId"] as? String == t.string("id") })
            let id = complaint["id"] as! String, number = complaint["number"] as! String
            let base = "/api/v1/complaints/\(id)"
            try await app.expect(.ok, .post, base + "/classify", o.agent.token, ["responsibility": "company", "handling": "quality"])
            #expect(try #require(Self.part(try await Self.home(app, "csmanager"), "home-capa")).contains("id=\"home-capa-empty\""), "not yet a CAPA")
            try await app.expect(.ok, .post, base + "/analysis", o.qaUser.token,
                                 ["rootCause": "IGBT 模块批次焊接不良", "responsibleOrgUnitId": f.production, "samplesQuantity": 10, "samplesInspected": 10, "samplesFailed": 3])
            try await app.expect(.ok, .post, base + "/actions", f.producer.token, ["corrective": "更换该批次模块", "preventive": "增加焊接工序检验", "dueDate": "2099-12-31"])
            let capa = try #require(Self.part(try await Self.home(app, "csmanager"), "home-capa"))
            #expect(capa.contains(number) && capa.contains("/complaints/\(id)") && capa.contains("2099-12-31"))
            #expect(capa.contains("id=\"home-capa-count\">1<"))
            // Sales sees no after-sales CAPA part unless it may view complaints; finance likewise follows AftersalesPermission.
            let producer = try await Self.home(app, "producer")
            if let part = Self.part(producer, "home-capa") { #expect(part.contains(number), "in scope as the responsible department") }
        }
    }
}
