import Foundation
import Testing

/// #15.5 KPI-06 leftovers: the loss form is a line grid — "添加一行" copies the template row (script), five blank lines
/// without script — and the server reads every line sent, those the script added beyond the rendered ones included.
@Suite("Material-loss form lines (#15.5, KPI-06)")
struct LossLinesFormTests {
    @Test func theFormAddsLinesAndTheServerReadsThemAll() async throws {
        try await TestApp.run { app in
            let o = try await LossResponsibilityTests.org(app)
            let acc = PageSession(app)
            _ = try await acc.signIn("lacca", "password-lacca")
            let form = try await acc.get("/materials/loss-responsibilities/new")
            #expect(form.status == .ok)
            let t = form.text
            #expect(t.contains("data-line-grid data-next-index=\"6\"") && t.contains("<template id=\"line-template\">") && t.contains("id=\"loss-add-line\" data-line-add"))
            #expect(t.contains("id=\"loss-item-5\"") && !t.contains("id=\"loss-item-6\"") && t.contains("id=\"loss-item-__N__\""))
            let csrf = PageSession.csrf(in: t) ?? ""
            // Line 1 and a line the script added as number 7; the blank rendered lines are skipped.
            let made = try await acc.post("/materials/loss-responsibilities", form: [
                "_csrf": csrf, "orgUnitId": o.siteA, "cause": "big_for_small", "description": "以大代小", "item_1": "LM20", "qty_1": "2", "value_1": "36.50",
                "item_2": "", "qty_2": "", "value_2": "", "item_7": "LG16", "qty_7": "1", "value_7": "10.00",
            ], from: "/materials/loss-responsibilities/new")
            #expect(made.status == .seeOther || made.status == .found, "\(made.status) \(made.text.prefix(300))")
            let list = try await app.call(.get, "/api/v1/materials/loss-responsibilities", token: o.accA)
            let record = try #require(list.items.first)
            let detail = try await app.call(.get, "/api/v1/materials/loss-responsibilities/\(record["id"] as! String)", token: o.accA)
            #expect((detail.json["lines"] as? [[String: Any]])?.count == 2 && detail.string("total") == "46.50", "\(detail.text.prefix(400))")
        }
    }
}
