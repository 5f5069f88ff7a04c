import Foundation
import KefuPlatform
import Testing

/// #11.2 / #11 remainder item 4: every refusal on the materials master-data forms names the field by its label, in the
/// user's language, and is tied to that field (FormFlash `data-field`, which places it under the field) — never a field
/// key such as `reserveQuota` or `maintenanceCycleDays`.
@Suite("Materials master-data forms: refusals name the field by its label (#11.2)")
struct MasterDataFieldMessageTests {
    /// The refusal shown at the top of the page the form came back to, and the field it is tied to.
    static func refusal(_ html: String) -> (message: String, field: String)? {
        guard let start = html.range(of: "id=\"form-flash-message\">"), let end = html[start.upperBound...].range(of: "</p>") else { return nil }
        let message = String(html[start.upperBound..<end.lowerBound])
        let field = html.range(of: "data-field=\"").map { String(html[$0.upperBound...].prefix { $0 != "\"" }) } ?? ""
        return (message, field)
    }

    static func camelCaseKey(in text: String) -> String? {
        text.range(of: "[a-z]+[A-Z][A-Za-z]*", options: .regularExpression).map { String(text[$0]) }
    }

    struct Case {
        let page: String
        let action: String
        let form: [String: String]
        let field: String
        let zh: String
        let en: String
    }

    @Test func eachMasterDataFormNamesTheFieldByItsLabel() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let hq = PageSession(app)
            _ = try await hq.signIn("hqmat", "password-hqmat")
            let item: [String: String] = ["name": "齿轮", "unit": "个", "category": "spare_part", "repairClass": "II", "active": "1"]
            let cases: [Case] = [
                Case(page: "/materials/items", action: "/materials/items", form: item.merging(["code": "NEW-1", "maintenanceCycleDays": "abc"]) { $1 },
                     field: "maintenanceCycleDays", zh: "保养周期（天）必须是整数", en: "Maintenance cycle (days) must be a whole number"),
                Case(page: "/materials/items", action: "/materials/items", form: item.merging(["code": "NEW-2", "shelfLifeDays": "0"]) { $1 },
                     field: "shelfLifeDays", zh: "保质期（天）应在 1 到 36500 天之间", en: "Shelf life (days) must be between 1 and 36,500 days"),
                Case(page: "/materials/items", action: "/materials/items", form: item.merging(["code": "NEW-3", "reserveQuota": "-2"]) { $1 },
                     field: "reserveQuota", zh: "储备定额不能为负数", en: "Reserve quota cannot be negative"),
                Case(page: "/materials/items", action: "/materials/items", form: item.merging(["code": "NEW-4", "unit": ""]) { $1 },
                     field: "unit", zh: "请填写单位", en: "Unit is required"),
                Case(page: "/materials/items/\(f.gear)", action: "/materials/items/\(f.gear)", form: item.merging(["reserveQuota": "很多"]) { $1 },
                     field: "reserveQuota", zh: "储备定额应为数量", en: "Reserve quota must be a quantity"),
                Case(page: "/materials/items/\(f.gear)", action: "/materials/items/\(f.gear)", form: item.merging(["maintenanceCycleDays": "9x"]) { $1 },
                     field: "maintenanceCycleDays", zh: "保养周期（天）必须是整数", en: "Maintenance cycle (days) must be a whole number"),
                Case(page: "/materials/suppliers", action: "/materials/suppliers", form: ["code": "SUP 9", "name": "金风配件"],
                     field: "code", zh: "编码只能包含字母、数字", en: "Code may hold only letters, digits"),
                Case(page: "/materials/suppliers/\(f.supplier)", action: "/materials/suppliers/\(f.supplier)", form: ["name": "", "contact": "王工"],
                     field: "name", zh: "请填写名称", en: "Name is required"),
                Case(page: "/materials/warehouses", action: "/materials/warehouses", form: ["code": "W9", "name": "", "orgUnitId": f.deptA, "condition": "good"],
                     field: "name", zh: "请填写名称", en: "Name is required"),
                Case(page: "/materials/warehouses/\(f.A2G)", action: "/materials/warehouses/\(f.A2G)", form: ["name": String(repeating: "库", count: 101)],
                     field: "name", zh: "名称最长 100 字", en: "Name is at most 100 characters"),
            ]
            for language in ["zh-CN", "en"] {
                // The pages speak the signed-in user's language.
                try await app.store.write { db in try await db.raw("UPDATE users SET locale = \(bind: language) WHERE username = 'hqmat'").run() }
                for c in cases {
                    let expected = language == "en" ? c.en : c.zh
                    let page = try await hq.get(c.page)
                    let csrf = try #require(PageSession.csrf(in: page.text))
                    let refused = try await hq.post(c.action, form: c.form.merging(["_csrf": csrf]) { $1 }, from: c.page)
                    #expect(refused.status == .seeOther, "POST \(c.action) \(c.field) answered \(refused.status)")
                    #expect(refused.headers[.location] == c.page)
                    let back = try await hq.get(c.page)
                    let shown = try #require(Self.refusal(back.text), "no refusal shown on \(c.page) for \(c.field)")
                    #expect(shown.message.contains(expected), "\(c.action) [\(language)]: \(shown.message)")
                    #expect(Self.camelCaseKey(in: shown.message) == nil, "\(c.action) [\(language)] shows a field key: \(shown.message)")
                    #expect(shown.field == c.field, "\(c.action): the refusal is tied to \(shown.field), not \(c.field)")
                }
            }
        }
    }
}
