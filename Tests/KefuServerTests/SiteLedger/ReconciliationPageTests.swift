import Foundation
import Testing

/// #12.2: the reconciliation page (STK-08, RPT-07): computed 账表/账账, 账实 entered and recorded through the page, a
/// refusal kept with what was typed, scope both ways, and the export.
@Suite("Reconciliation page (#12.2, STK-08, RPT-07)")
struct ReconciliationPageTests {
    static func row(_ html: String, _ item: String) -> String {
        guard let r = html.range(of: "data-item=\"\(item)\"") else { return "" }
        let rest = html[r.upperBound...]
        return String(rest[..<(rest.range(of: "</tr>")?.lowerBound ?? rest.endIndex)])
    }

    @Test func theAccountantRecordsTheMonthOnThePageAndOthersAreKeptToTheirScope() async throws {
        try await TestApp.run { app in
            let (f, siteA1) = try await ReconciliationTests.tenBoltsAtA1(app)
            let path = "/materials/reconciliations?orgUnitId=\(siteA1)&month=2026-11"

            let s = PageSession(app)
            _ = try await s.signIn("acca", "password-acca")
            let open = try await s.get(path)
            #expect(open.status == .ok, "\(open.text)")
            #expect(open.text.contains("id=\"reconciliation-form\""))
            #expect(open.text.contains("data-recorded=\"0\""))
            #expect(Self.row(open.text, "BOLT-M10").contains(">10<"), "\(Self.row(open.text, "BOLT-M10"))")
            let token = PageSession.csrf(in: open.text) ?? ""
            let form = ["_csrf": token, "orgUnitId": siteA1, "month": "2026-11", "lines[0].itemId": f.bolt]

            // A quantity that is not a number is refused and shown again with what was typed.
            var bad = form; bad["lines[0].physicalQuantity"] = "十个"
            let refused = try await s.post("/materials/reconciliations", form: bad, from: path)
            #expect(refused.status == .seeOther)
            let again = try await s.get(refused.headers[.location] ?? path)
            #expect(again.text.contains("id=\"form-error\""), "\(again.text)")
            #expect(again.text.contains("value=\"十个\""))
            #expect(try await app.call(.get, "/api/v1/reconciliations?orgUnitId=\(siteA1)&month=2026-11", token: f.accA)["recorded"] as? Bool == false)

            var good = form; good["lines[0].physicalQuantity"] = "9"
            let saved = try await s.post("/materials/reconciliations", form: good, from: path)
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location]?.contains("notice=saved") == true)
            let kept = try await s.get(path)
            #expect(kept.text.contains("data-recorded=\"1\""))
            #expect(!kept.text.contains("id=\"reconciliation-form\""))
            let bolt = Self.row(kept.text, "BOLT-M10")
            #expect(bolt.contains("data-differs=\"1\"") && bolt.contains(">9<") && bolt.contains(">+1<"), "\(bolt)")

            let csv = try await s.get("/materials/reconciliations.csv?orgUnitId=\(siteA1)&month=2026-11")
            #expect(csv.status == .ok)
            #expect(csv.text.contains("BOLT-M10") && csv.text.contains("账实差"), "\(csv.text)")

            // LED-07's chase list exported: A1G's day stands missing; another site's keeper does not get A1G's line.
            let standings = try await s.get("/materials/site-ledgers.csv?date=2026-11-20")
            #expect(standings.status == .ok && standings.text.contains("A1G") && standings.text.contains("未报"), "\(standings.text)")

            // The site keeper sees the result but cannot record; another department and another site are refused.
            let keeper = PageSession(app)
            _ = try await keeper.signIn("keepa1", "password-keepa1")
            let seen = try await keeper.get(path)
            #expect(seen.status == .ok)
            #expect(seen.text.contains("data-recorded=\"1\""))
            // Another department's accountant sees it (D16) but cannot record it; another site is refused outright.
            let accB = PageSession(app)
            _ = try await accB.signIn("accb", "password-accb")
            let other = try await accB.get(path)
            #expect(other.status == .ok)
            #expect(!other.text.contains("id=\"reconciliation-form\""))
            let march = ["_csrf": PageSession.csrf(in: other.text) ?? "", "orgUnitId": siteA1, "month": "2026-10", "lines[0].itemId": f.bolt, "lines[0].physicalQuantity": "1"]
            #expect(try await accB.post("/materials/reconciliations", form: march, from: path).status == .forbidden)
            let keeperA2 = PageSession(app)
            _ = try await keeperA2.signIn("keepa2", "password-keepa2")
            #expect(try await keeperA2.get(path).status == .forbidden)
            #expect(try await keeperA2.get("/materials/reconciliations.xlsx?orgUnitId=\(siteA1)&month=2026-11").status == .forbidden)
            #expect(!(try await keeperA2.get("/materials/site-ledgers.csv?date=2026-11-20").text.contains("A1G")))
            #expect(!(try await keeperA2.get("/materials/reconciliations").text.contains("value=\"\(siteA1)\"")))
        }
    }
}
