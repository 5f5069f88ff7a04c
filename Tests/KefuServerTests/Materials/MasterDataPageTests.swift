import Foundation
import Testing

@Suite("Materials pages: master data, transfer edit, on-hand item filter")
struct MasterDataPageTests {
    @Test func hqEditsItemsSuppliersAndWarehousesOnThePages() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let hq = PageSession(app)
            _ = try await hq.signIn("hqmat", "password-hqmat")
            // Item edit page: the MAT-04 fields, the code read-only.
            let page = try await hq.get("/materials/items/\(f.gear)")
            #expect(page.status == .ok)
            #expect(page.text.contains("保养周期"))
            #expect(page.text.contains("SL1500/SL3000"))
            let csrf = PageSession.csrf(in: page.text)!
            let saved = try await hq.post("/materials/items/\(f.gear)", form: [
                "_csrf": csrf, "name": "齿轮<大>", "unit": "个", "category": "spare_part", "repairClass": "II", "abcClass": "A",
                "maintenanceCycleDays": "90", "maker": "南高齿", "origin": "南京", "reserveQuota": "4", "onSparePartsList": "1", "active": "1"])
            #expect(saved.status == .seeOther, "\(saved.text.prefix(300))")
            let item = try await app.call(.get, "/api/v1/items/\(f.gear)", token: f.hqMaterials)
            #expect(item["maintenanceCycleDays"] as? Int == 90)
            #expect(item["onSparePartsList"] as? Bool == true)
            #expect(try await hq.get("/materials/items/\(f.gear)").text.contains("齿轮&lt;大&gt;"))
            let bad = try await hq.post("/materials/items/\(f.gear)", form: ["_csrf": csrf, "name": "齿轮", "unit": "个", "category": "spare_part",
                                                                           "repairClass": "II", "maintenanceCycleDays": "abc", "active": "1"])
            // #11.2: the refusal comes back through FormFlash, naming the field by its label.
            #expect(bad.status == .seeOther && bad.headers[.location] == "/materials/items/\(f.gear)")
            let refused = try await hq.get("/materials/items/\(f.gear)")
            #expect(refused.text.contains("保养周期（天）必须是整数"))
            #expect(refused.text.contains("data-field=\"maintenanceCycleDays\""))
            // Unticking "active" deactivates.
            #expect(try await hq.post("/materials/items/\(f.gear)", form: ["_csrf": csrf, "name": "齿轮", "unit": "个", "category": "spare_part",
                                                                         "repairClass": "II"]).status == .seeOther)
            #expect(try await app.call(.get, "/api/v1/items/\(f.gear)", token: f.hqMaterials)["active"] as? Bool == false)
            #expect(try await hq.get("/materials/items").text.contains("停用"))

            // Suppliers: list, add, edit, deactivate.
            let suppliers = try await hq.get("/materials/suppliers")
            #expect(suppliers.text.contains("华锐配件厂"))
            #expect(try await hq.post("/materials/suppliers", form: ["_csrf": csrf, "code": "SUP2", "name": "金风配件", "contact": "王工"]).status == .seeOther)
            // #11.2: a refusal goes back to the form (303) and the page then says why.
            let again = try await hq.post("/materials/suppliers", form: ["_csrf": csrf, "code": "SUP2", "name": "again"], from: "/materials/suppliers")
            #expect(again.status == .seeOther && again.headers[.location] == "/materials/suppliers")
            #expect(try await hq.get("/materials/suppliers").text.contains("已存在"))
            #expect(try await hq.get("/materials/suppliers/\(f.supplier)").text.contains("supplier-save"))
            #expect(try await hq.post("/materials/suppliers/\(f.supplier)", form: ["_csrf": csrf, "name": "华锐配件厂（旧）", "contact": ""]).status == .seeOther)
            let list = try await app.call(.get, "/api/v1/suppliers", token: f.hqMaterials).items
            #expect(list.first { $0["id"] as? String == f.supplier }?["active"] as? Bool == false)
            #expect(list.contains { $0["code"] as? String == "SUP2" })

            // Warehouses: list with org unit and department, add, rename and deactivate.
            let warehouses = try await hq.get("/materials/warehouses")
            #expect(warehouses.text.contains("现场A1"))
            #expect(warehouses.text.contains("业务部A"))
            #expect(try await hq.post("/materials/warehouses", form: ["_csrf": csrf, "code": "AD", "name": "业务部A损坏品库", "orgUnitId": f.deptA,
                                                                      "condition": "damaged"]).status == .seeOther)
            #expect(try await hq.get("/materials/warehouses").text.contains("业务部A损坏品库"))
            #expect(try await hq.post("/materials/warehouses/\(f.A2G)", form: ["_csrf": csrf, "name": "现场A2旧库"]).status == .seeOther)
            let blank = try await hq.post("/materials/warehouses/\(f.A2G)", form: ["_csrf": csrf, "name": ""], from: "/materials/warehouses/\(f.A2G)")
            #expect(blank.status == .seeOther && blank.headers[.location] == "/materials/warehouses/\(f.A2G)")
            #expect(try await hq.get("/materials/warehouses/\(f.A2G)").text.contains("flash-error"))
            // A deactivated warehouse is no longer offered on the new-document form.
            let acc = PageSession(app)
            _ = try await acc.signIn("acca", "password-acca")
            let newDoc = try await acc.get("/materials/documents/new?direction=in")
            #expect(newDoc.text.contains("A1G"))
            #expect(!newDoc.text.contains("现场A2旧库"))
            #expect(!newDoc.text.contains("GEAR-01"))
            // The accountant reads master data but gets no forms, and a post is a 403.
            let readOnly = try await acc.get("/materials/warehouses")
            #expect(readOnly.status == .ok)
            #expect(!readOnly.text.contains("warehouse-create"))
            #expect(try await acc.get("/materials/suppliers/\(f.supplier)").text.contains("<fieldset disabled>"))
            let denied = try await acc.post("/materials/suppliers/\(f.supplier)", form: ["_csrf": PageSession.csrf(in: readOnly.text)!, "name": "x"])
            #expect(denied.status == .forbidden)
        }
    }

    @Test func transferEditPageAndOnHandItemFilter() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 10), f.line(f.gear, 3)])
            let t = try await app.call(.post, "/api/v1/transfers", token: f.accA, json: ["fromWarehouseId": f.A1G, "toWarehouseId": f.A2G, "date": "2026-11-20",
                                                                                      "lines": [f.line(f.bolt, 2)]])
            let id = t.string("id")!
            let s = PageSession(app)
            _ = try await s.signIn("acca", "password-acca")
            let view = try await s.get("/materials/transfers/\(id)")
            #expect(MaterialsPageTests.buttonEnabled(view.text, "btn-edit") == true)
            #expect(MaterialsPageTests.buttonEnabled(view.text, "btn-save") == false)
            let form = try await s.get("/materials/transfers/\(id)?mode=edit")
            #expect(MaterialsPageTests.buttonEnabled(form.text, "btn-save") == true)
            #expect(form.text.contains("action=\"/materials/transfers/\(id)/edit\""))
            let csrf = PageSession.csrf(in: form.text)!
            let saved = try await s.post("/materials/transfers/\(id)/edit", form: [
                "_csrf": csrf, "fromWarehouseId": f.A1G, "toWarehouseId": f.A2G, "date": "2026-11-21", "remark": "改为齿轮",
                "item_0": f.gear, "qty_0": "1", "item_1": f.bolt, "qty_1": "5"])
            #expect(saved.status == .seeOther, "\(saved.text.prefix(300))")
            let after = try await app.call(.get, "/api/v1/transfers/\(id)", token: f.accA)
            #expect(after.string("date") == "2026-11-21")
            #expect(after.string("remark") == "改为齿轮")
            #expect((after["lines"] as? [[String: Any]])?.count == 2)
            // A refused edit (damaged target) returns to the form (#11.2 FormFlash) with the message and what was typed.
            let refusedPost = try await s.post("/materials/transfers/\(id)/edit", form: ["_csrf": csrf, "fromWarehouseId": f.A1G, "toWarehouseId": f.A1D,
                                                                                        "item_0": f.bolt, "qty_0": "1"], from: "/materials/transfers/\(id)?mode=edit")
            #expect(refusedPost.status == .seeOther)
            let refused = try await s.get(refusedPost.headers[.location]!)
            #expect(refused.text.contains("TRF-02"))
            #expect(refused.text.contains("<option value=\"\(f.A1D)\" selected>"))
            #expect(MaterialsPageTests.buttonEnabled(refused.text, "btn-save") == true)
            // Audited: no more editing.
            #expect(try await app.call(.post, "/api/v1/transfers/\(id)/audit", token: f.accA).status == .ok)
            #expect(MaterialsPageTests.buttonEnabled(try await s.get("/materials/transfers/\(id)?mode=edit").text, "btn-save") == false)

            // On-hand filtered by item, and the CSV keeps the filter.
            let gearOnly = try await s.get("/materials/on-hand?itemId=\(f.gear)")
            #expect(gearOnly.text.contains("GEAR-01"))
            #expect(!gearOnly.text.contains("data-item=\"BOLT-M10\""))
            #expect(gearOnly.text.contains("on-hand.csv?itemId=\(f.gear)"))
            let csv = try await s.get("/materials/on-hand.csv?itemId=\(f.gear)")
            #expect(csv.text.contains("GEAR-01"))
            #expect(!csv.text.contains("BOLT-M10"))
        }
    }
}
