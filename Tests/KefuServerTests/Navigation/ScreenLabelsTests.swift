import Foundation
import Hummingbird
import Testing

/// #11.5: every value on screen in words of the user's language, never the stored code: the after-sales history's
/// facts (no `key=value`), item categories and repair classes, the complaint report's fallback groups.
@Suite("Labels instead of codes on screen (#11.5)")
struct ScreenLabelsTests {
    @Test func afterSalesHistoryAndReportsReadAsWords() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let t = try await app.createTicket(o.agent.token, subject: "风机变流器频繁报故障", extra: ["type": "complaint", "customer": ["name": "华能某风电场", "phone": "13900001111"]])
            let order: [String: Any] = ["ticketId": t.string("id")!, "customer": ["name": "金风某风电场", "phone": "0471-1234567"], "model": "变桨控制器 PC-300",
                                        "shippedAt": "2024-03-01", "units": [["serialNumber": "PC3-0001", "defect": "上电无显示"]]]
            let repair = try await app.expect(.created, .post, "/api/v1/repair-orders", o.agent.token, order)
            let s = PageSession(app)
            _ = try await s.signIn("agent", "password-agent")
            let page = try await s.get("/repair-orders/\(repair.string("id")!)").text
            let timeline = String(page[page.range(of: "id=\"history\"")!.upperBound...].prefix(4000))
            // The words the history shows (its entries' texts, not the markup around them).
            let history = timeline.components(separatedBy: "<div class=\"body\">").dropFirst().map { String($0.prefix { $0 != "<" }) }.joined(separator: "\n")
            #expect(!history.isEmpty)
            #expect(!history.contains("="), "\(history)")
            #expect(!history.contains("ticketId") && !history.contains("received"))
            #expect(history.contains("数量：1") && history.contains("状态：已接收"), "\(history)")
            // The complaint report: a case not yet analysed is counted under words, not `unanalysed`/`none`.
            let report = try await s.get("/aftersales/reports").text
            #expect(report.contains("尚未分析"))
            #expect(!report.contains("unanalysed") && !report.contains(">none<"))
        }
    }

    @Test func itemCategoriesAndRepairClassesReadAsWords() async throws {
        try await TestApp.run { app in
            _ = try await MaterialsFixture.make(app)
            let s = PageSession(app)
            _ = try await s.signIn("hqmat", "password-hqmat")
            let page = try await s.get("/materials/items").text
            let rows = page.components(separatedBy: "class=\"item-row\"").dropFirst().joined()
            #expect(rows.contains("消耗品") && rows.contains("备品备件"))
            #expect(rows.contains("ⅱ类（值得修复）"))
            #expect(!rows.contains(">spare_part<") && !rows.contains(">consumable<") && !rows.contains(">II<"))
            // The item form offers the words too (the codes stay the submitted values).
            #expect(page.contains("<option value=\"spare_part\">备品备件</option>") || page.contains("value=\"spare_part\">备品备件"))
        }
    }
}
