import Foundation
import Testing

@Suite("Materials pages")
struct MaterialsPageTests {
    static func buttonEnabled(_ html: String, _ id: String) -> Bool? {
        guard let r = html.range(of: "id=\"\(id)\"") else { return nil }
        let tag = html[r.upperBound...].prefix { $0 != ">" }
        return !tag.contains("disabled")
    }

    @Test func bookAuditAndSeeOnHandThroughThePages() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let s = PageSession(app)
            #expect(try await s.signIn("acca", "password-acca").status == .seeOther)
            let form = try await s.get("/materials/documents/new?direction=in")
            #expect(form.status == .ok)
            #expect(form.text.contains("其他入库单"))
            #expect(Self.buttonEnabled(form.text, "btn-save") == true)
            #expect(Self.buttonEnabled(form.text, "btn-audit") == false)
            #expect(Self.buttonEnabled(form.text, "btn-drill") == false)
            let created = try await s.post("/materials/documents", form: [
                "_csrf": PageSession.csrf(in: form.text)!, "direction": "in", "reason": "spot_purchase", "warehouseId": f.A1G, "date": "2026-11-20",
                "remark": "<b>现场零采</b>", "item_0": f.bolt, "qty_0": "7", "lremark_0": "", "supplierId": "",
            ])
            #expect(created.status == .seeOther, "\(created.text.prefix(400))")
            let location = created.headers[.location]!
            let doc = try await s.get(location)
            #expect(doc.text.contains("RK-2026-000001"))
            #expect(doc.text.contains("&lt;b&gt;现场零采&lt;/b&gt;"))
            #expect(Self.buttonEnabled(doc.text, "btn-save") == false)
            #expect(Self.buttonEnabled(doc.text, "btn-edit") == true)
            #expect(Self.buttonEnabled(doc.text, "btn-delete") == true)
            #expect(Self.buttonEnabled(doc.text, "btn-audit") == true)
            #expect(Self.buttonEnabled(doc.text, "btn-unaudit") == false)
            let id = String(location.dropFirst("/materials/documents/".count).prefix { $0 != "?" })
            let audited = try await s.post("/materials/documents/\(id)/audit", form: ["_csrf": PageSession.csrf(in: doc.text)!])
            #expect(audited.status == .seeOther)
            let after = try await s.get(audited.headers[.location]!)
            #expect(after.text.contains("data-status=\"audited\""))
            #expect(Self.buttonEnabled(after.text, "btn-edit") == false)
            #expect(Self.buttonEnabled(after.text, "btn-delete") == false)
            #expect(Self.buttonEnabled(after.text, "btn-unaudit") == true)
            let onHand = try await s.get("/materials/on-hand?warehouseId=\(f.A1G)")
            #expect(onHand.text.contains("BOLT-M10"))
            #expect(onHand.text.contains(">7<"))
            let csv = try await s.get("/materials/on-hand.csv?warehouseId=\(f.A1G)")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.contains("A1G,BOLT-M10,螺栓M10,个,7,"))
            let ledger = try await s.get("/materials/ledger?warehouseId=\(f.A1G)&from=2026-11-01&to=2026-11-30")
            #expect(ledger.text.contains("RK-2026-000001"))
            #expect(ledger.text.contains("保管员签字"))
            let list = try await s.get("/materials/documents?status=audited")
            #expect(list.text.contains("RK-2026-000001"))
            #expect(list.text.contains("现场A1"))  // the org-unit filter lists the units that own warehouses
            #expect(try await s.get("/materials/documents?orgUnitId=\(f.deptB)").text.contains("没有单据"))
            // A rule violation shows on the form, in Chinese.
            let refused = try await s.post("/materials/documents", form: [
                "_csrf": PageSession.csrf(in: form.text)!, "direction": "out", "reason": "repair_return", "warehouseId": f.A1G, "item_0": f.bolt, "qty_0": "1",
            ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("损坏品库"))
            #expect(try await s.get("/materials/items").text.contains("GEAR-01"))
            #expect(try await s.get("/materials/items.csv").text.contains("GEAR-01,齿轮"))
            #expect(try await s.get("/materials/transfers").status == .ok)
            // The accountant sees no item form; HQ adds an item code on the page (MAT-05).
            #expect(!(try await s.get("/materials/items").text.contains("item-create")))
            let hq = PageSession(app)
            _ = try await hq.signIn("hqmat", "password-hqmat")
            let items = try await hq.get("/materials/items")
            let added = try await hq.post("/materials/items", form: ["_csrf": PageSession.csrf(in: items.text)!, "code": "SEAL-9", "name": "密封圈", "unit": "个",
                                                                     "category": "consumable", "repairClass": "I", "abcClass": "C"])
            #expect(added.status == .seeOther)
            #expect(try await hq.get("/materials/items?q=SEAL").text.contains("密封圈"))
            let twice = try await hq.post("/materials/items", form: ["_csrf": PageSession.csrf(in: items.text)!, "code": "SEAL-9", "name": "x", "unit": "个",
                                                                     "category": "consumable", "repairClass": "I"])
            #expect(twice.status == .conflict)
            #expect(twice.text.contains("已存在"))
        }
    }
}
