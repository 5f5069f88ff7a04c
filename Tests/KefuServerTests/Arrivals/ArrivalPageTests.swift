import Foundation
import Hummingbird
import Testing

/// #13.2 on the pages: transfers in transit link to the check of their arrival, whose form is prefilled from the
/// transfer (ARR-07); the negotiated-transfer month report (TRF-05) lists the month's agreed transfers; the shipping
/// papers (TRF-10) are kept, a refusal shown on the form; each page only for roles that see the books.
@Suite("Arrival and transfer report pages (#13.2)")
struct ArrivalPageTests {
    static func signedIn(_ app: TestApp, _ user: String) async throws -> PageSession {
        let s = PageSession(app)
        #expect(try await s.signIn(user, "password-\(user)").status == .seeOther)
        return s
    }

    @Test func inTransitLinksToAPrefilledCheckAndTheReportsRender() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.AG, [f.line(f.bolt, 10)])
            let transfer = try await app.call(.post, "/api/v1/transfers", token: f.accA,
                                              json: ["fromWarehouseId": f.AG, "toWarehouseId": f.A1G, "date": "2026-11-20", "remark": "", "lines": [f.line(f.bolt, 4)]])
            let tid = try #require(transfer.string("id"))
            let audited = try await app.call(.post, "/api/v1/transfers/\(tid)/audit", token: f.accA)
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(audited.string("outDocumentId")!)/audit", token: f.accA).status == .ok)

            let keeper = try await Self.signedIn(app, "keepa1")
            let transit = try await keeper.get("/materials/reports/transfers-in-transit")
            #expect(transit.status == .ok)
            #expect(transit.text.contains(transfer.string("number")!))
            #expect(transit.text.contains("href=\"/materials/arrivals/new?transferId=\(tid)\""))
            let form = try await keeper.get("/materials/arrivals/new?transferId=\(tid)")
            #expect(form.status == .ok)
            #expect(form.text.contains("id=\"arrival-line-0-itemId\" name=\"lines[0].itemId\" value=\"BOLT-M10\""), "\(form.text)")
            #expect(form.text.contains("name=\"lines[0].expectedQuantity\" value=\"4\""))
            let empty = try await keeper.get("/materials/arrivals")
            #expect(empty.text.contains("id=\"empty-state\""))

            let other = try await Self.signedIn(app, "keepa2")
            #expect(!(try await other.get("/materials/reports/transfers-in-transit")).text.contains(transfer.string("number")!))

            // Shipping papers: kept by the shipping warehouse; an empty form is refused on the page.
            let accountant = try await Self.signedIn(app, "acca")
            let papersPage = "/materials/transfers/\(tid)/shipping-papers"
            let page = try await accountant.get(papersPage)
            let refused = try await accountant.post(papersPage, form: ["shippingListRef": "", "_csrf": PageSession.csrf(in: page.text) ?? ""], from: papersPage)
            #expect(refused.status == .seeOther)
            #expect(try await accountant.get(papersPage).text.contains("请至少填写发货清单、送货单或装箱单之一"))
            let again = try await accountant.get(papersPage)
            let saved = try await accountant.post(papersPage, form: ["shippingListRef": "FH-77", "deliveryNoteRef": "", "packingListRef": "",
                                                                     "_csrf": PageSession.csrf(in: again.text) ?? ""], from: papersPage)
            #expect(saved.status == .seeOther)
            #expect(try await accountant.get(papersPage).text.contains("value=\"FH-77\""))
            #expect(try await keeper.get("/materials/reports/transfers-in-transit").text.contains("FH-77"))
            // TRF-10 → ARR-02: the check of the transfer's goods starts from the papers they travel with.
            #expect(try await keeper.get("/materials/arrivals/new?transferId=\(tid)").text.contains("name=\"deliveryNoteRef\" value=\"FH-77\""))
        }
    }

    @Test func theNegotiatedReportPrintsTheMonthsAgreedTransfers() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let agreed = try await app.call(.post, "/api/v1/transfers", token: f.hqPlanner,
                                            json: ["fromWarehouseId": f.AG, "toWarehouseId": f.B1G, "date": "2026-11-05", "remark": "协商调剂，业务部B经理同意",
                                                   "lines": [f.line(f.bolt, 2)]])
            let planner = try await Self.signedIn(app, "hqplan")
            let report = try await planner.get("/materials/reports/negotiated-transfers?month=2026-11")
            #expect(report.status == .ok)
            #expect(report.text.contains(agreed.string("number")!))
            #expect(report.text.contains("data-print"))
            #expect(try await planner.get("/materials/reports/negotiated-transfers?month=2026-10").text.contains("id=\"empty-state\""))
            let agent = try await Self.signedIn(app, "agent")
            #expect(try await agent.get("/materials/reports/negotiated-transfers").status == .forbidden)
            #expect(try await agent.get("/materials/arrivals").status == .forbidden)
        }
    }
}
