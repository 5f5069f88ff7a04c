import Foundation
import Testing

@Suite("Materials pages")
struct MaterialsPageTests {
    static func buttonEnabled(_ html: String, _ id: String) -> Bool? {
        guard let r = html.range(of: "id=\"\(id)\"") else { return nil }
        let tag = html[r.upperBound...].prefix { $0 != ">" }
        return !tag.contains("disabled")
    }

    /// ISS-07: a saved issue's page shows on-hand, the change and what the audit leaves, and marks a shortfall.
    @Test func anIssueShowsOnHandBeforeItIsAudited() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, "7")])
            let issue = try await f.document(app, f.accA, direction: "out", reason: "self_use", warehouse: f.A1G,
                                             lines: [f.line(f.bolt, "3"), f.line(f.gear, "1"), f.line(f.bolt, "2")])
            #expect(issue.status == .created, "\(issue.text)")
            let id = issue.string("id")!
            let s = PageSession(app)
            _ = try await s.signIn("acca", "password-acca")
            let page = try await s.get("/materials/documents/\(id)")
            #expect(page.text.contains("现存量核对（审核前）"))
            let bolt = Self.row(page.text, "BOLT-M10")
            #expect(bolt.contains(">7<") && bolt.contains(">-5<") && bolt.contains(">2<"), "\(bolt)")
            #expect(!bolt.contains("不足"))
            let gear = Self.row(page.text, "GEAR-01")
            #expect(gear.contains(">0<") && gear.contains(">-1<") && gear.contains("不足"), "\(gear)")
            // Once the shortfall is gone and the issue is audited, the check is no longer shown.
            try await f.stock(app, warehouse: f.A1G, [f.line(f.gear, "1")])
            #expect(!Self.row(try await s.get("/materials/documents/\(id)").text, "GEAR-01").contains("不足"))
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(id)/audit", token: f.accA).status == .ok)
            #expect(!(try await s.get("/materials/documents/\(id)").text.contains("on-hand-check")))
        }
    }

    static func row(_ html: String, _ item: String) -> String {
        guard let r = html.range(of: "class=\"on-hand-check-row\" data-item=\"\(item)\"") else { return "" }
        let rest = html[r.upperBound...]
        return String(rest[..<(rest.range(of: "</tr>")?.lowerBound ?? rest.endIndex)])
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
            // A rule violation shows on the form it came from, in Chinese (#11.2 FormFlash).
            let refusedPost = try await s.post("/materials/documents", form: [
                "_csrf": PageSession.csrf(in: form.text)!, "direction": "out", "reason": "repair_return", "warehouseId": f.A1G, "item_0": f.bolt, "qty_0": "1",
            ], from: "/materials/documents/new?direction=out")
            #expect(refusedPost.status == .seeOther)
            let refused = try await s.get(refusedPost.headers[.location]!)
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
                                                                     "category": "consumable", "repairClass": "I"], from: "/materials/items")
            #expect(twice.status == .seeOther && twice.headers[.location] == "/materials/items")
            #expect(try await hq.get("/materials/items").text.contains("已存在"))
        }
    }
}
