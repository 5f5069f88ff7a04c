import Foundation
import Testing

@Suite("Materials: master data edit, deactivate, MAT-04 fields (MAT-02, MAT-04..06)")
struct MasterDataTests {
    @Test func itemFieldsEditAndAuditTrail() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let created = try await app.call(.post, "/api/v1/items", token: f.hqMaterials, json: [
                "code": "PM-1500", "name": "变桨电机", "unit": "台", "category": "spare_part", "repairClass": "II", "abcClass": "A",
                "shelfLifeDays": 720, "maintenanceCycleDays": 180, "maker": "华锐风电", "origin": "大连", "reserveQuota": "2.5", "onSparePartsList": true])
            #expect(created.status == .created, "\(created.text)")
            #expect(created["maintenanceCycleDays"] as? Int == 180)
            #expect(created.string("maker") == "华锐风电")
            #expect(created.string("origin") == "大连")
            #expect((created["reserveQuota"] as? NSNumber)?.decimalValue == Decimal(string: "2.5"))
            #expect(created["onSparePartsList"] as? Bool == true)
            #expect(created["active"] as? Bool == true)
            let id = created.string("id")!

            let edited = try await app.call(.patch, "/api/v1/items/\(id)", token: f.hqMaterials,
                                            json: ["name": "变桨电机（新）", "maker": "金风", "shelfLifeDays": NSNull(), "reserveQuota": 3])
            #expect(edited.status == .ok, "\(edited.text)")
            #expect(edited.string("name") == "变桨电机（新）")
            #expect(edited.string("code") == "PM-1500")
            #expect(!(edited["shelfLifeDays"] is Int)) // cleared by the explicit null
            #expect(edited["maintenanceCycleDays"] as? Int == 180) // absent: kept
            #expect(edited["onSparePartsList"] as? Bool == true)
            #expect(try await app.call(.get, "/api/v1/items/\(id)", token: f.keeperA1).string("maker") == "金风")

            #expect(try await app.call(.patch, "/api/v1/items/\(id)", token: f.hqMaterials, json: ["active": false])["active"] as? Bool == false)
            let history = try await app.call(.get, "/api/v1/items/\(id)/history", token: f.hqMaterials)
            let actions = history.items.compactMap { $0["action"] as? String }
            #expect(Set(actions) == ["create", "edit", "deactivate"], "\(history.text)")
            let edit = history.items.first { $0["action"] as? String == "edit" }
            #expect((edit?["detail"] as? [String: String])?["fields"] == "name,shelfLifeDays,maker,reserveQuota")
        }
    }

    @Test func onlyHQMaterialsChangesMasterData() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            for (token, who) in [(f.accA, "dept accountant"), (f.hqPlanner, "HQ planner"), (f.keeperA1, "site keeper"), (f.agent, "cs agent")] {
                for (path, body) in [("/api/v1/items/\(f.bolt)", ["name": "x"]), ("/api/v1/suppliers/\(f.supplier)", ["active": false]),
                                     ("/api/v1/warehouses/\(f.A1G)", ["name": "x"])] as [(String, [String: Any])] {
                    let r = try await app.call(.patch, path, token: token, json: body)
                    #expect(r.status == .forbidden, "\(who) \(path): \(r.status) \(r.text)")
                    #expect(r.errorCode == "forbidden")
                    #expect(r.errorMessage?.contains("MAT-05") == true)
                }
            }
            // Nothing changed.
            #expect(try await app.call(.get, "/api/v1/items/\(f.bolt)", token: f.hqMaterials).string("name") == "螺栓M10")
        }
    }

    @Test func badInputIs422AndUnknownIs404() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            func refused(_ r: TestApp.Reply, field: String, _ what: String) {
                #expect(r.status == .unprocessableContent, "\(what): \(r.status) \(r.text)")
                #expect(((r.json["error"] as? [String: Any])?["details"] as? [String: Any])?["field"] as? String == field
                        || (r.json["error"] as? [String: Any])?["field"] as? String == field, "\(what): \(r.text)")
            }
            let item = "/api/v1/items/\(f.bolt)"
            refused(try await app.call(.patch, item, token: f.hqMaterials, json: ["category": "food"]), field: "category", "bad category")
            refused(try await app.call(.patch, item, token: f.hqMaterials, json: ["maintenanceCycleDays": 0]), field: "maintenanceCycleDays", "cycle 0")
            refused(try await app.call(.patch, item, token: f.hqMaterials, json: ["reserveQuota": -1]), field: "reserveQuota", "negative quota")
            refused(try await app.call(.patch, item, token: f.hqMaterials, json: ["name": "  "]), field: "name", "blank name")
            refused(try await app.call(.patch, item, token: f.hqMaterials, json: ["maker": String(repeating: "厂", count: 201)]), field: "maker", "long maker")
            refused(try await app.call(.post, "/api/v1/items", token: f.hqMaterials, json: ["code": "Z1", "name": "z", "unit": "个", "category": "tool",
                                                                                           "repairClass": "I", "shelfLifeDays": 40000]), field: "shelfLifeDays", "shelf too long")
            refused(try await app.call(.patch, "/api/v1/suppliers/\(f.supplier)", token: f.hqMaterials, json: ["name": ""]), field: "name", "blank supplier")
            refused(try await app.call(.patch, "/api/v1/warehouses/\(f.A1G)", token: f.hqMaterials, json: ["name": ""]), field: "name", "blank warehouse")
            refused(try await app.call(.patch, "/api/v1/warehouses/\(f.A1G)", token: f.hqMaterials, json: ["contact": "x"]), field: "contact", "warehouse contact")
            #expect(try await app.call(.patch, "/api/v1/items/nope", token: f.hqMaterials, json: ["name": "x"]).status == .notFound)
            #expect(try await app.call(.patch, "/api/v1/suppliers/nope", token: f.hqMaterials, json: ["name": "x"]).status == .notFound)
            #expect(try await app.call(.patch, "/api/v1/warehouses/nope", token: f.hqMaterials, json: ["name": "x"]).status == .notFound)
            #expect(try await app.call(.patch, item, token: f.hqMaterials, json: ["onSparePartsList": "maybe"]).status == .unprocessableContent)
        }
    }

    @Test func deactivatedMasterDataCannotGoOnNewDocuments() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 10)])
            let saved = try await f.document(app, f.accA, direction: "out", reason: "self_use", warehouse: f.A1G, lines: [f.line(f.bolt, 2)])
            #expect(saved.status == .created)
            func deactivated(_ r: TestApp.Reply, _ what: String) {
                #expect(r.status == .unprocessableContent, "\(what): \(r.status) \(r.text)")
                #expect(r.errorCode == "deactivated", "\(what): \(r.text)")
            }
            #expect(try await app.call(.patch, "/api/v1/warehouses/\(f.A2G)", token: f.hqMaterials, json: ["active": false, "name": "旧库"]).status == .ok)
            deactivated(try await f.document(app, f.accA, direction: "in", reason: "spot_purchase", warehouse: f.A2G, lines: [f.line(f.bolt, 1)]), "warehouse")
            deactivated(try await app.call(.post, "/api/v1/transfers", token: f.accA, json: ["fromWarehouseId": f.A1G, "toWarehouseId": f.A2G, "lines": [f.line(f.bolt, 1)]]),
                        "transfer to a deactivated warehouse")
            #expect(try await app.call(.patch, "/api/v1/items/\(f.gear)", token: f.hqMaterials, json: ["active": false]).status == .ok)
            deactivated(try await f.document(app, f.accA, direction: "in", reason: "spot_purchase", warehouse: f.A1G, lines: [f.line(f.bolt, 1), f.line(f.gear, 1)]), "item")
            #expect(try await app.call(.patch, "/api/v1/suppliers/\(f.supplier)", token: f.hqMaterials, json: ["active": false]).status == .ok)
            deactivated(try await f.document(app, f.accA, direction: "in", reason: "purchase", warehouse: f.A1G, lines: [f.line(f.bolt, 1)],
                                             extra: ["supplierId": f.supplier]), "supplier")
            // Documents already saved still audit, and the books still show the deactivated records.
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(saved.string("id")!)/audit", token: f.accA).status == .ok)
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.bolt) == 8)
            let warehouses = try await app.call(.get, "/api/v1/warehouses", token: f.hqMaterials).items
            #expect(warehouses.first { $0["id"] as? String == f.A2G }?["active"] as? Bool == false)
            // Reactivated, it is usable again; the trail says so.
            #expect(try await app.call(.patch, "/api/v1/warehouses/\(f.A2G)", token: f.hqMaterials, json: ["active": true]).status == .ok)
            #expect(try await f.document(app, f.accA, direction: "in", reason: "spot_purchase", warehouse: f.A2G, lines: [f.line(f.bolt, 1)]).status == .created)
            let trail = try await app.call(.get, "/api/v1/warehouses/\(f.A2G)/history", token: f.hqMaterials).items.compactMap { $0["action"] as? String }
            #expect(Set(trail) == ["create", "edit", "deactivate", "reactivate"], "\(trail)")
        }
    }

    @Test func csvCarriesTheNewFields() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let csv = """
            code,name,unit,category,repairClass,maintenanceCycleDays,maker,origin,reserveQuota,onSparePartsList
            GBX-1,齿轮箱,台,spare_part,II,365,南高齿,南京,1.5,是
            OIL-1,齿轮油,桶,consumable,I,,,,,
            """
            let ok = try await app.call(.post, "/api/v1/items/import", token: f.hqMaterials, json: ["csv": csv])
            #expect(ok["imported"] as? Int == 2, "\(ok.text)")
            let export = try await app.call(.get, "/materials/items.csv", token: f.hqMaterials)
            #expect(export.text.contains("maintenanceCycleDays,maker,origin,reserveQuota,onSparePartsList,active"))
            #expect(export.text.contains("GBX-1,齿轮箱,,,台,spare_part,II,C,,365,南高齿,南京,1.5,true,true"), "\(export.text)")
            #expect(export.text.contains("OIL-1,齿轮油,,,桶,consumable,I,C,,,,,,false,true"), "\(export.text)")
            let bad = try await app.call(.post, "/api/v1/items/import", token: f.hqMaterials, json: ["csv": """
                code,name,unit,category,repairClass,maintenanceCycleDays,reserveQuota,onSparePartsList
                X-1,x,个,tool,I,abc,,
                X-2,x,个,tool,I,,1.2345,
                X-3,x,个,tool,I,,,maybe
                """])
            #expect(bad["imported"] as? Int == 0)
            let errors = (bad["errors"] as? [[String: Any]]) ?? []
            #expect(errors.map { $0["field"] as? String } == ["maintenanceCycleDays", "reserveQuota", "onSparePartsList"], "\(bad.text)")
        }
    }
}
