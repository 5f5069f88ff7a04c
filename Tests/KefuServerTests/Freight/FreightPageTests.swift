import Foundation
import Testing

/// #13.4 on the pages and in the quick search: a record is found by its number only in scope; the pages are refused
/// to roles outside the material books; HQ's price form refuses a repeated day with what was typed kept; RPT-12
/// exports as CSV.
@Suite("Freight pages, search and export (#13.4, RPT-12)")
struct FreightPageTests {
    @Test func aRecordIsFoundByItsNumberInScopeOnly() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let r = try await app.call(.post, "/api/v1/freight", token: f.keeperA1, json: ["shipmentRef": "KD-9", "mode": "express", "cost": "350"])
            let id = try #require(r.string("id")), number = try #require(r.string("number"))
            #expect(number.hasPrefix("YF-"), "\(number)")
            for (token, expected) in [(f.keeperA1, [id]), (f.accB, [id]), (f.hqMaterials, [id]), (f.keeperA2, [String]()), (f.agent, [String]())] {
                let found = try await QuickSearchTests.search(app, token, number.lowercased(), kinds: "freight")
                #expect(QuickSearchTests.found(found, "freight") == expected)
            }
        }
    }

    @Test func pagesRefuseOutsidersAndTheExceptionsExportAsCSV() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let air = try await app.call(.post, "/api/v1/freight", token: f.keeperA1, json: ["shipmentRef": "KY-7", "mode": "air", "cost": "88.50", "shippedOn": "2026-11-02"])
            let id = try #require(air.string("id"))
            _ = try await app.call(.post, "/api/v1/freight", token: f.keeperA1, json: ["shipmentRef": "KD-1", "mode": "express", "cost": "20", "shippedOn": "2026-11-03"])

            let keeper = PageSession(app)
            _ = try await keeper.signIn("keepa1", "password-keepa1")
            let list = try await keeper.get("/materials/freight")
            #expect(list.status == .ok)
            #expect(list.text.contains("KY-7") && list.text.contains("KD-1"))
            #expect(try await keeper.get("/materials/freight/\(id)").text.contains("freight-state"))
            let csv = try await keeper.get("/materials/reports/freight-exceptions.csv?from=2026-11&to=2026-11")
            #expect(csv.status == .ok)
            #expect(csv.text.contains("KY-7") && csv.text.contains("88.50"), "\(csv.text)")
            #expect(!csv.text.contains("KD-1"), "20 yuan express is no exception")

            let other = PageSession(app)
            _ = try await other.signIn("keepa2", "password-keepa2")
            #expect(try await other.get("/materials/freight/\(id)").status == .forbidden)
            #expect(!(try await other.get("/materials/freight").text.contains("KY-7")))
            let agent = PageSession(app)
            _ = try await agent.signIn("agent", "password-agent")
            #expect(try await agent.get("/materials/freight").status == .forbidden)
            #expect(try await agent.get("/materials/reports/freight-exceptions").status == .forbidden)
        }
    }

    @Test func aRepeatedPriceDayIsRefusedWithTheTypedValuesKept() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            _ = f
            let hq = PageSession(app)
            _ = try await hq.signIn("hqmat", "password-hqmat")
            let page = try await hq.get("/materials/freight-prices")
            #expect(page.text.contains("freight-price-form"))
            let token = PageSession.csrf(in: page.text) ?? ""
            let form = ["route": "总库—现场A1", "vehicleType": "9.6米厢车", "price": "1,000", "effectiveFrom": "2026-01-01", "_csrf": token]
            let first = try await hq.post("/materials/freight-prices", form: form, from: "/materials/freight-prices")
            #expect(first.status.code == 303)
            let listed = try await hq.get("/materials/freight-prices")
            #expect(listed.text.contains("1000.00"))
            var again = form
            again["price"] = "1100"
            let refused = try await hq.post("/materials/freight-prices", form: again, from: "/materials/freight-prices")
            #expect(refused.status.code == 303)
            let shown = try await hq.get("/materials/freight-prices")
            #expect(shown.text.contains("fp-from-error"), "the refusal stands under the effective day")
            #expect(shown.text.contains("value=\"1100\""), "the typed price is kept")
            // A site sees the list but not the form.
            let keeper = PageSession(app)
            _ = try await keeper.signIn("keepa1", "password-keepa1")
            let seen = try await keeper.get("/materials/freight-prices")
            #expect(seen.text.contains("总库—现场A1") && !seen.text.contains("freight-price-form"))
        }
    }
}
