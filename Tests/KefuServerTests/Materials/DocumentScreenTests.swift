import Foundation
import Testing

/// #11.3: the U8 document screens — toolbar states with their reasons, messages naming what happened, POST-redirect-GET
/// after a refused action, 制单人/审核人 and the print layout, the line grid, the 流水账's 期初结存 and 合计.
@Suite("Materials: U8 document screens (#11.3)")
struct DocumentScreenTests {
    /// The opening tag of the element with `id`.
    static func tag(_ html: String, _ id: String) -> String {
        guard let r = html.range(of: "id=\"\(id)\"") else { return "" }
        let start = html[..<r.lowerBound].lastIndex(of: "<") ?? r.lowerBound
        return String(html[start...].prefix { $0 != ">" })
    }

    static func enabled(_ html: String, _ id: String) -> Bool { !tag(html, id).isEmpty && !tag(html, id).contains("disabled") }

    static func id(from location: String) -> String {
        String(location.dropFirst("/materials/documents/".count).prefix { $0 != "?" })
    }

    @Test func toolbarButtonsFollowStateAndRightsWithTheReason() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let keeper = PageSession(app)
            _ = try await keeper.signIn("keepa1", "password-keepa1")
            let new = try await keeper.get("/materials/documents/new?direction=in")
            #expect(Self.enabled(new.text, "btn-save"))
            #expect(Self.tag(new.text, "btn-audit").contains("title=\"单据尚未保存\""), "\(Self.tag(new.text, "btn-audit"))")
            #expect(new.text.contains("id=\"btn-audit-why\">单据尚未保存</span>"))
            #expect(Self.tag(new.text, "btn-print").contains("disabled"))
            let created = try await f.document(app, f.keeperA1, direction: "in", reason: "spot_purchase", warehouse: f.A1G, lines: [f.line(f.bolt, 2)])
            let id = created.string("id")!
            // The site keeper enters documents but does not audit them (DOC-08): 审核 is off with that reason.
            let page = try await keeper.get("/materials/documents/\(id)")
            #expect(Self.enabled(page.text, "btn-edit") && Self.enabled(page.text, "btn-delete") && Self.enabled(page.text, "btn-print"))
            #expect(Self.tag(page.text, "btn-audit").contains("data-reason=\"noAuditRight\""), "\(Self.tag(page.text, "btn-audit"))")
            #expect(Self.tag(page.text, "btn-audit").contains("您无权审核"))
            #expect(Self.tag(page.text, "btn-unaudit").contains("data-reason=\"notAudited\""))
            #expect(Self.tag(page.text, "btn-save").contains("data-reason=\"notEditing\""))
            #expect(Self.tag(page.text, "btn-drill").contains("data-reason=\"noSource\""))
            // Edit mode: 保存 on, 审核 waits for the save.
            let editing = try await keeper.get("/materials/documents/\(id)?mode=edit")
            #expect(Self.enabled(editing.text, "btn-save"))
            #expect(Self.tag(editing.text, "btn-print").contains("data-reason=\"editing\""))
            // An audited document: 修改/删除 off because it is audited, for everyone.
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(id)/audit", token: f.accA).status == .ok)
            let audited = try await keeper.get("/materials/documents/\(id)")
            #expect(Self.tag(audited.text, "btn-edit").contains("data-reason=\"audited\""))
            #expect(Self.tag(audited.text, "btn-delete").contains("data-reason=\"audited\""))
            #expect(Self.tag(audited.text, "btn-unaudit").contains("data-reason=\"noAuditRight\""))
            // ?mode=edit on an audited document does not open the form.
            #expect(!(try await keeper.get("/materials/documents/\(id)?mode=edit").text.contains("id=\"document-form\"")))
        }
    }

    @Test func messagesNameWhatHappenedAndPeopleAreShown() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let s = PageSession(app)
            _ = try await s.signIn("acca", "password-acca")
            let id = try await f.document(app, f.keeperA1, direction: "in", reason: "spot_purchase", warehouse: f.A1G,
                                          lines: [f.line(f.bolt, 2), f.line(f.gear, 3)]).string("id")!
            let page = try await s.get("/materials/documents/\(id)")
            #expect(page.text.contains("id=\"doc-maker\">用户keepa1 · "))
            #expect(page.text.contains("id=\"doc-auditor\">—<"))
            #expect(page.text.contains("id=\"document-signatures\""))
            #expect(page.text.contains("合计（2 行）") && page.text.contains(">5 个<"))
            let audited = try await s.post("/materials/documents/\(id)/audit", form: ["_csrf": PageSession.csrf(in: page.text)!])
            #expect(audited.status == .seeOther)
            #expect(audited.headers[.location] == "/materials/documents/\(id)?notice=audited&what=RK-2026-000001")
            let after = try await s.get(audited.headers[.location]!)
            #expect(after.text.contains("<p class=\"flash-notice\" role=\"status\">已审核 RK-2026-000001</p>"))
            #expect(after.text.contains("id=\"doc-auditor\">用户acca · "))
            let unaudited = try await s.post("/materials/documents/\(id)/unaudit", form: ["_csrf": PageSession.csrf(in: after.text)!])
            #expect(unaudited.headers[.location] == "/materials/documents/\(id)?notice=unaudited&what=RK-2026-000001")
            #expect(try await s.get(unaudited.headers[.location]!).text.contains("<p class=\"flash-notice\" role=\"status\">已弃审 RK-2026-000001</p>"))
            let deleted = try await s.post("/materials/documents/\(id)/delete", form: ["_csrf": PageSession.csrf(in: after.text)!])
            #expect(deleted.headers[.location] == "/materials/documents?notice=deleted")
            #expect(try await s.get(deleted.headers[.location]!).text.contains("<p class=\"flash-notice\" role=\"status\">已删除</p>"))
        }
    }

    /// A refused 审核 comes back to the document's own address (303, #11.2 FormFlash) with its reason, so a reload does
    /// not post again.
    @Test func aRefusedAuditRedirectsBackToTheDocument() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let s = PageSession(app)
            _ = try await s.signIn("acca", "password-acca")
            let id = try await f.document(app, f.accA, direction: "out", reason: "self_use", warehouse: f.A1G, lines: [f.line(f.bolt, 4)]).string("id")!
            let page = try await s.get("/materials/documents/\(id)")
            let refused = try await s.post("/materials/documents/\(id)/audit", form: ["_csrf": PageSession.csrf(in: page.text)!], from: "/materials/documents/\(id)")
            #expect(refused.status == .seeOther)
            #expect(refused.headers[.location] == "/materials/documents/\(id)")
            let back = try await s.get(refused.headers[.location]!)
            #expect(back.status == .ok)
            #expect(back.text.contains("id=\"form-flash-message\">现存量不能低于零（DOC-07）：仓库 A1G 仓库A1G 的存货 BOLT-M10 螺栓M10 将变为 -4"), "\(back.text)")
            #expect(back.text.contains("data-status=\"saved\""))
            // The reason is shown once: a reload is a plain view of the document.
            #expect(!(try await s.get("/materials/documents/\(id)").text.contains("form-flash-message")))
        }
    }

    /// Lines typed with codes, "3,500" and full-width digits are read; a refused line is named and marked, and
    /// everything typed comes back.
    @Test func theLineGridReadsWhatPeopleTypeAndMarksTheRefusedLine() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let s = PageSession(app)
            _ = try await s.signIn("acca", "password-acca")
            let form = try await s.get("/materials/documents/new?direction=in")
            #expect(form.text.contains("data-picker=\"/api/v1/search?kinds=item\" data-picker-value=\"item_0\""))
            #expect(form.text.contains("<input type=\"hidden\" id=\"item_0\" name=\"item_0\" value=\"\">"))
            let csrf = PageSession.csrf(in: form.text)!
            var fields = ["_csrf": csrf, "direction": "in", "reason": "spot_purchase", "warehouseId": f.A1G, "date": "2026/11/20", "remark": "键盘录入"]
            let typed = [("bolt-m10", "3,500"), ("GEAR-01", "１２"), ("BOLT-M10", "abc"), ("GEAR-01 齿轮", "1")]
            for (n, (item, qty)) in typed.enumerated() { fields["itemText_\(n * 2)"] = item; fields["qty_\(n * 2)"] = qty; fields["item_\(n * 2)"] = "" }
            fields["lremark_6"] = "第四行备注"
            let from = "/materials/documents/new?direction=in"
            func refusedPage() async throws -> String {
                let r = try await s.post("/materials/documents", form: fields, from: from)
                #expect(r.status == .seeOther && r.headers[.location] == from)
                return try await s.get(from).text
            }
            let refused = try await refusedPage()
            #expect(refused.contains("第 3 行：数量“abc”无效"))
            // The third typed line was posted as row 4: it is drawn under the same names, shown as line 3 and marked.
            #expect(refused.contains("<tr class=\"line-row has-error\" data-line=\"4\"><td class=\"line-no\">3</td>"), "\(refused)")
            #expect(refused.contains("id=\"qty_4\" name=\"qty_4\" value=\"abc\""))
            #expect(refused.contains("aria-invalid=\"true\" aria-describedby=\"qty_4-error\""))
            #expect(refused.contains("id=\"qty_0\" name=\"qty_0\" value=\"3,500\"") && refused.contains("value=\"１２\"") && refused.contains("value=\"第四行备注\""))
            #expect(refused.contains("value=\"键盘录入\""))
            fields["qty_4"] = "7"
            let saved = try await s.post("/materials/documents", form: fields, from: from)
            #expect(saved.status == .seeOther)
            let location = saved.headers[.location] ?? ""
            #expect(location.contains("notice=created&what=RK-2026-000001"), "\(location)")
            let doc = try await app.call(.get, "/api/v1/stock-documents/\(Self.id(from: location))", token: f.accA)
            let lines = (doc.json["lines"] as? [[String: Any]]) ?? []
            #expect(lines.map { $0["itemCode"] as? String } == ["BOLT-M10", "GEAR-01", "BOLT-M10", "GEAR-01"])
            #expect(lines.map { ($0["quantity"] as? NSNumber)?.stringValue } == ["3500", "12", "7", "1"])
            #expect(doc.string("date") == "2026-11-20")
            // A code that names no item is refused on its line.
            fields["itemText_2"] = "NOPE-1"
            let unknown = try await refusedPage()
            #expect(unknown.contains("第 2 行：没有编码为 NOPE-1 的存货"))
            #expect(unknown.contains("<tr class=\"line-row has-error\" data-line=\"2\">"))
            // A zero quantity refused by the document rules marks its line too.
            fields["itemText_2"] = "GEAR-01"; fields["qty_2"] = "0"
            #expect(try await refusedPage().contains("<tr class=\"line-row has-error\" data-line=\"2\">"))
        }
    }

    @Test func transfersHaveTheToolbarPeopleAndMessages() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 10)])
            let t = try await app.call(.post, "/api/v1/transfers", token: f.accA, json: ["fromWarehouseId": f.A1G, "toWarehouseId": f.A2G, "lines": [f.line(f.bolt, 2)]])
            let id = t.string("id")!
            let s = PageSession(app)
            _ = try await s.signIn("acca", "password-acca")
            let page = try await s.get("/materials/transfers/\(id)")
            #expect(Self.tag(page.text, "btn-drill").contains("data-reason=\"nothingGenerated\""))
            #expect(page.text.contains("id=\"doc-maker\">用户acca · "))
            let audited = try await s.post("/materials/transfers/\(id)/audit", form: ["_csrf": PageSession.csrf(in: page.text)!])
            #expect(audited.headers[.location] == "/materials/transfers/\(id)?notice=audited&what=DB-2026-000001")
            let after = try await s.get(audited.headers[.location]!)
            #expect(after.text.contains("已审核 DB-2026-000001</p>") && Self.enabled(after.text, "btn-drill") && Self.enabled(after.text, "btn-unaudit"))
            #expect(after.text.contains("id=\"doc-auditor\">用户acca · "))
            // The keeper sees the transfer but may not handle it.
            let keeper = PageSession(app)
            _ = try await keeper.signIn("keepa1", "password-keepa1")
            #expect(Self.tag(try await keeper.get("/materials/transfers/\(id)").text, "btn-unaudit").contains("data-reason=\"noTransferRight\""))
            // The out document generated by the transfer: edit off with its reason, 下查 leads to the transfer.
            let outId = try await app.call(.get, "/api/v1/transfers/\(id)", token: f.accA).json["outDocumentId"] as! String
            let outPage = try await s.get("/materials/documents/\(outId)")
            #expect(Self.tag(outPage.text, "btn-edit").contains("data-reason=\"generatedByTransfer\""))
            #expect(outPage.text.contains("id=\"btn-drill\" href=\"/materials/transfers/\(id)\""))
        }
    }

    @Test func theDailyLedgerPrintsOpeningBalancesAndTotals() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 10)])
            let issue = try await f.document(app, f.accA, direction: "out", reason: "self_use", warehouse: f.A1G, lines: [f.line(f.bolt, 3)])
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(issue.string("id")!)/audit", token: f.accA).status == .ok)
            let receipt = try await f.document(app, f.accA, direction: "in", reason: "spot_purchase", warehouse: f.A1G, lines: [f.line(f.bolt, 1), f.line(f.gear, 2)])
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(receipt.string("id")!)/audit", token: f.accA).status == .ok)
            let s = PageSession(app)
            _ = try await s.signIn("acca", "password-acca")
            // All three documents are dated 2026-11-20; the period of that day only shows the later ones against the first.
            let page = try await s.get("/materials/ledger?warehouseId=\(f.A1G)&from=2026-11-20&to=2026-11-20")
            let text = page.text
            #expect(text.contains("class=\"print-landscape\""))
            #expect(text.contains("<tr class=\"ledger-opening\" data-item=\"BOLT-M10\">"))
            let bolt = Self.row(text, "ledger-opening\" data-item=\"BOLT-M10")
            #expect(bolt.contains("期初结存") && bolt.contains("<td class=\"num\">0</td>"), "\(bolt)")
            let boltTotal = Self.row(text, "ledger-total\" data-item=\"BOLT-M10")
            #expect(boltTotal.contains(">11<") && boltTotal.contains(">3<") && boltTotal.contains(">8<"), "\(boltTotal)")
            let gearTotal = Self.row(text, "ledger-total\" data-item=\"GEAR-01")
            #expect(gearTotal.contains(">2<") && gearTotal.contains(">0<"), "\(gearTotal)")
            #expect(Self.row(text, "ledger-total\" id=\"ledger-grand-total").contains(">13<"))
            #expect(text.contains("保管员签字") && text.contains("signature-line"))
            #expect(!text.contains("<style>"))
        }
    }

    @Test func itemsShowLabelsNotCodes() async throws {
        try await TestApp.run { app in
            _ = try await MaterialsFixture.make(app)
            let s = PageSession(app)
            _ = try await s.signIn("hqmat", "password-hqmat")
            let items = try await s.get("/materials/items")
            #expect(items.text.contains(">备品备件</td>") && items.text.contains(">消耗品</td>") && items.text.contains("ⅱ类（值得修复）"))
            #expect(!items.text.contains(">spare_part<") && !items.text.contains(">consumable<"))
            #expect(items.text.contains("<option value=\"spare_part\">备品备件</option>"))
        }
    }

    static func row(_ html: String, _ marker: String) -> String {
        guard let r = html.range(of: marker) else { return "" }
        let rest = html[r.upperBound...]
        return String(rest[..<(rest.range(of: "</tr>")?.lowerBound ?? rest.endIndex)])
    }
}
