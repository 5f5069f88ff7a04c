import Foundation
import Hummingbird
import KefuPlatform
import Testing

/// #11.4: every step of a return or exchange that passes work to someone else tells the next actor in the bell, with a
/// link that opens the return; nobody else is told (RMA-07..11).
@Suite("Return hand-offs (#11.4, RMA-07..11)", .serialized)
struct ReturnHandOffTests {
    typealias Notice = (kind: String, title: String, link: String?)

    static func bell(_ app: TestApp, _ token: String) async throws -> [Notice] {
        try await app.call(.get, "/api/v1/notifications", token: token).items.map {
            ($0["kind"] as? String ?? "", $0["title"] as? String ?? "", $0["link"] as? String)
        }
    }

    /// The newest notice of `token` is `kind`, names the return and its link opens the return's page for that user.
    static func expectTold(_ app: TestApp, _ token: String, _ kind: String, count: Int = 1, returnId: String, number: String,
                           sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let notices = try await bell(app, token)
        #expect(notices.map(\.kind) == Array(repeating: kind, count: count), "\(notices.map(\.kind))", sourceLocation: sourceLocation)
        guard let newest = notices.first else { return }
        #expect(newest.title.contains(number), "\(newest.title)", sourceLocation: sourceLocation)
        #expect(newest.link == "/returns/\(returnId)", sourceLocation: sourceLocation)
        let page = try await app.call(.get, newest.link ?? "/", token: token)
        #expect(page.status == .ok && page.text.contains(number), "the link opens the return: \(page.status)", sourceLocation: sourceLocation)
    }

    static func expectUntold(_ app: TestApp, _ tokens: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        for token in tokens {
            let kinds = try await bell(app, token).map(\.kind)
            #expect(kinds.isEmpty, "\(kinds)", sourceLocation: sourceLocation)
        }
    }

    /// A return requested by `token`: its id, number and API base.
    static func requested(_ app: TestApp, _ token: String, kind: String = "return", model: String, shippedDaysAgo: Int, reason: String,
                          qualityIssue: Bool) async throws -> (id: String, number: String, base: String) {
        let r = try await app.expect(.created, .post, "/api/v1/returns", token,
                                     ["kind": kind, "model": model, "shippedAt": ReturnLoopTests.daysAgo(shippedDaysAgo), "reason": reason,
                                      "qualityIssue": qualityIssue, "customerName": "某风场"])
        let id = try #require(r.string("id"))
        return (id, try #require(r.string("number")), "/api/v1/returns/\(id)")
    }

    @Test func aQualityReturnGoesToQAThenCSThenTheSalespersonTheSalesManagerFinanceAndBackToCS() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let otherSales = try await app.createUser(o.admin, "salesrep2", roles: ["sales"], unitId: o.root)
            let engineer = f.engineer.token
            let (id, number, base) = try await Self.requested(app, o.agent.token, model: "SL1500 变频器", shippedDaysAgo: 50, reason: "运行一周后过热停机",
                                                              qualityIssue: true)
            let everyone = [o.agent.token, o.colleague.token, o.supervisor.token, o.qaUser.token, engineer, f.manager.token, f.sales.token,
                            otherSales.token, f.salesManager.token, f.finance.token]
            try await Self.expectUntold(app, everyone)  // registering hands nothing on: CS receives the goods itself
            // RMA-08: the customer questions quality: QA inspects.
            try await app.expect(.ok, .post, base + "/receive", o.agent.token)
            try await Self.expectTold(app, o.qaUser.token, "return_quality", returnId: id, number: number)
            try await Self.expectUntold(app, everyone.filter { $0 != o.qaUser.token })
            // QA's report accepts it: customer service (of the return's unit) issues the red copy.
            try await app.expect(.ok, .post, base + "/inspection", o.qaUser.token, ["report": "IGBT 过热保护失效", "responsibility": "product"])
            for cs in [o.agent.token, o.colleague.token, o.supervisor.token, f.manager.token] {
                try await Self.expectTold(app, cs, "return_customer_service", returnId: id, number: number)
            }
            try await Self.expectUntold(app, [engineer, f.sales.token, otherSales.token, f.salesManager.token, f.finance.token])
            // RMA-10: the red copy goes to the salesperson named on it, and only to them.
            try await app.expect(.ok, .post, base + "/slip", o.agent.token, ["salespersonId": f.sales.id])
            try await Self.expectTold(app, f.sales.token, "return_salesperson", returnId: id, number: number)
            try await Self.expectUntold(app, [otherSales.token, f.salesManager.token, f.finance.token])
            #expect(try await Self.bell(app, o.colleague.token).count == 1, "CS not told of its own step")
            // Annotated: the sales manager signs.
            try await app.expect(.ok, .post, base + "/salesperson-note", f.sales.token, ["shipDate": ReturnLoopTests.daysAgo(50), "note": "质量退货"])
            try await Self.expectTold(app, f.salesManager.token, "return_sales_manager", returnId: id, number: number)
            try await Self.expectUntold(app, [otherSales.token, f.finance.token])
            // Signed: finance books.
            try await app.expect(.ok, .post, base + "/sign", f.salesManager.token)
            try await Self.expectTold(app, f.finance.token, "return_finance", returnId: id, number: number)
            try await Self.expectUntold(app, [otherSales.token])
            #expect(try await Self.bell(app, f.sales.token).count == 1)
            // Booked: customer service closes the case.
            try await app.expect(.ok, .post, base + "/book", f.finance.token)
            try await Self.expectTold(app, o.agent.token, "return_customer_service", count: 2, returnId: id, number: number)
            #expect(try await Self.bell(app, o.agent.token).first?.title.contains("结案") == true)
            #expect(try await Self.bell(app, f.finance.token).count == 1, "finance not told of its own step")
            // Closing hands nothing on.
            try await app.expect(.ok, .post, base + "/close", o.agent.token)
            #expect(try await Self.bell(app, o.colleague.token).count == 2)
            #expect(try await Self.bell(app, o.qaUser.token).count == 1)
            #expect(try await Self.bell(app, f.salesManager.token).count == 1)
            try await Self.expectUntold(app, [engineer, otherSales.token])
        }
    }

    @Test func aReturnRefusedByTheRuleGoesToTheSalesManagerAndHisOverrideBackToCS() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let (id, number, base) = try await Self.requested(app, o.agent.token, model: "M2", shippedDaysAgo: 200, reason: "不想要了", qualityIssue: false)
            // D14: refused at receipt by the 3-month rule: only the sales manager may override.
            try await app.expect(.ok, .post, base + "/receive", o.agent.token)
            try await Self.expectTold(app, f.salesManager.token, "return_sales_manager", returnId: id, number: number)
            #expect(try await Self.bell(app, f.salesManager.token).first?.title.contains("特批") == true)
            try await Self.expectUntold(app, [o.agent.token, o.colleague.token, o.qaUser.token, f.sales.token, f.finance.token])
            try await app.expect(.ok, .post, base + "/override", f.salesManager.token, ["reason": "战略客户，特殊情况特殊处理"])
            try await Self.expectTold(app, o.agent.token, "return_customer_service", returnId: id, number: number)
            try await Self.expectTold(app, o.colleague.token, "return_customer_service", returnId: id, number: number)
            try await Self.expectUntold(app, [o.qaUser.token, f.sales.token, f.finance.token])
            #expect(try await Self.bell(app, f.salesManager.token).count == 1, "not told of his own override")
        }
    }

    @Test func anUnnamedSlipGoesToTheSalesDepartmentAndABookedExchangeBackToCSToShip() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let (id, number, base) = try await Self.requested(app, o.agent.token, kind: "exchange", model: "M3", shippedDaysAgo: 10, reason: "开箱不良",
                                                              qualityIssue: true)
            try await app.expect(.ok, .post, base + "/receive", o.agent.token)
            try await app.expect(.ok, .post, base + "/inspection", o.qaUser.token, ["report": "开箱即坏", "responsibility": "product"])
            try await Self.expectUntold(app, [f.sales.token, f.salesManager.token, f.finance.token])
            try await app.expect(.ok, .post, base + "/slip", o.agent.token)
            try await Self.expectTold(app, f.sales.token, "return_salesperson", returnId: id, number: number)
            try await Self.expectUntold(app, [f.salesManager.token, f.finance.token])
            #expect(try await Self.bell(app, o.colleague.token).count == 1, "only QA's acceptance so far")
            try await app.expect(.ok, .post, base + "/salesperson-note", f.sales.token, ["shipDate": ReturnLoopTests.daysAgo(10), "note": "换货"])
            try await app.expect(.ok, .post, base + "/sign", f.salesManager.token)
            try await app.expect(.ok, .post, base + "/book", f.finance.token)
            // Booked before the replacement shipped: CS ships it and closes.
            try await Self.expectTold(app, o.colleague.token, "return_customer_service", count: 2, returnId: id, number: number)
            #expect(try await Self.bell(app, o.colleague.token).first?.title.contains("换货") == true)
            // Shipping the replacement and closing hand nothing on.
            try await app.expect(.ok, .post, base + "/ship-replacement", o.agent.token, ["trackingNumber": "YT0001"])
            try await app.expect(.ok, .post, base + "/close", o.agent.token)
            #expect(try await Self.bell(app, o.colleague.token).count == 2)
            #expect(try await Self.bell(app, f.finance.token).count == 1)
        }
    }
}
