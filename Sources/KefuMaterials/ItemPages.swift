import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 存货档案: the item list, CSV export and CSV import with the per-row error report.
struct ItemPages: Sendable {
    let api: MaterialsAPI
    let shell: PageShell

    func register(on router: Router<KefuContext>) {
        router.get("/materials/items") { request, context in try await render(request, context, report: nil) }
        router.post("/materials/items") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            _ = try await api.master.createItem(try ItemForm.input(form), by: principal) // #11.2: a refusal goes back through FormFlash
            return Redirect.to("/materials/items?notice=created")
        }
        router.get("/materials/items.csv") { _, context in
            let principal = try context.requirePrincipal()
            return MaterialsPages.csv(try await api.master.exportItemsCSV(viewer: principal), filename: "items.csv")
        }
        router.get("/materials/items/:id") { request, context in try await edit(request, context, error: nil) }
        router.post("/materials/items/:id") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            let form = try await FormData.read(request)
            // #11.2: a refusal goes back through FormFlash (PRG): the edit page again, what was typed, the message under its field.
            _ = try await api.master.updateItem(id: id, try ItemForm.patch(form), by: principal)
            return Redirect.to("/materials/items/\(id)?notice=saved")
        }
        router.post("/materials/items/import") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            let report = try await api.master.importItems(csv: form["csv"], by: principal)
            return try await render(request, context, report: report)
        }
    }

    func render(_ request: Request, _ context: KefuContext, report: MasterDataService.ImportReport?, error: AppError? = nil) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let query = request.queryDictionary
        let result = try await api.master.items(q: query["q"], paging: try Paging.from(query, defaultPer: 50), viewer: principal)
        let rows: [DataTable.Row] = result.items.map {
            DataTable.Row([
                .init("<a class=\"item-link\" href=\"/materials/items/\($0.id)\">\($0.code)</a>"), .init("\($0.name)"), .init("\($0.spec)"), .init("\($0.model)"),
                .init("\($0.unit)"), .init("\(MaterialLabels.category($0.category), l)"),
                .init("\(MaterialLabels.repairClass($0.repairClass), l)"), .init("\($0.abcClass)"),
                .init("\($0.reserveQuota?.text ?? "")", class: "num"), .init("\($0.onSparePartsList ? "✓" : "")"), .init("\(MasterDataPages.status($0.active), l)"),
            ], attributes: "class=\"item-row\"")
        }
        var reportHTML = HTML.empty
        if let report {
            let errs: [HTML] = report.errors.map { "<tr><td>\($0.row)</td><td>\($0.field ?? "")</td><td>\($0.code)</td><td>\($0.message)</td></tr>" }
            reportHTML = report.errors.isEmpty
                ? "<p class=\"flash-notice\" id=\"import-result\">\(Text("已导入 {0} 个存货", "{0} items imported").with(String(report.imported)), l)</p>"
                : """
                <div id="import-errors"><p class="flash-error">\(Text("导入被拒绝：请改正以下各行后重新导入（未导入任何行）", "Import refused: correct these rows and import again (nothing was imported)"), l)</p>
                <table><thead><tr><th>\(Text("行", "Row"), l)</th><th>\(Text("字段", "Field"), l)</th><th>\(Text("代码", "Code"), l)</th><th>\(Text("说明", "Message"), l)</th></tr></thead><tbody>\(errs)</tbody></table></div>
                """
        }
        // MAT-05: only the HQ materials office adds item codes.
        let createForm: HTML = MaterialPermissions.canMaintainMasterData(principal.roles, userPath: principal.orgPath) ? """
            <form method="post" action="/materials/items" id="item-create" class="toolbar">\(page.csrfField)
            \(ItemForm.fields(nil, prefix: "new-", l))
            <button type="submit" id="item-create-submit">\(Text("新增存货", "Add item"), l)</button></form>
            """ : .empty
        let importForm: HTML = MaterialPermissions.canMaintainMasterData(principal.roles, userPath: principal.orgPath) ? """
            <form method="post" action="/materials/items/import" id="item-import">\(page.csrfField)
            \(FormControls.field(Text("粘贴 CSV（表头：{0}）", "Paste CSV (header: {0})").with(MasterDataService.csvHeader.joined(separator: ","))(l), for: "import-csv",
                                 "<textarea id=\"import-csv\" name=\"csv\" rows=\"6\" cols=\"80\"></textarea>"))
            <button type="submit" id="import-submit">\(Text("导入", "Import"), l)</button></form>
            """ : .empty
        let body: HTML = """
        <div class="actions" style="justify-content:space-between"><h1>\(Text("存货档案", "Items"), l)</h1>
        <a class="button" id="export-items" href="/materials/items.csv">\(Text("导出 CSV", "Export CSV"), l)</a></div>
        \(FormControls.errorBox(error, l, id: "error-message"))
        \(reportHTML)
        \(createForm)
        <form method="get" action="/materials/items" class="toolbar">
          \(FormControls.field(Text("编码或名称", "Code or name")(l), for: "item-q", FormControls.input(id: "item-q", name: "q", type: "search", value: query["q"])))
          <button type="submit">\(Text("搜索", "Search"), l)</button>
        </form>
        \(DataTable.render(id: "item-list", headers: [Text("存货编码", "Code"), Text("名称", "Name"), Text("规格", "Spec"), Text("型号", "Model"), Text("单位", "Unit"),
                                                      Text("分类", "Category"), Text("修复类别", "Repair class"), Text("ABC", "ABC"), Text("储备定额", "Reserve quota"),
                                                      Text("备件清单", "Spare list"), Text("状态", "Status")].map { $0(l) }, rows: rows))
        \(FormControls.pager(basePath: "/materials/items", query: query, page: result.page, per: result.per, total: result.total, locale: l))
        \(importForm)
        """
        return shell.render(page, title: Text("存货档案", "Items"), active: "items", body: body).response(status: error?.status ?? .ok)
    }

    /// 存货档案 of one item: HQ materials edits or deactivates it (MAT-05); everyone else reads it. The code never changes.
    func edit(_ request: Request, _ context: KefuContext, error: AppError?) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let model = try await api.master.itemPageModel(id: try context.parameters.require("id"), viewer: principal)
        let item = model.item
        let canEdit = MaterialPermissions.canMaintainMasterData(principal.roles, userPath: principal.orgPath)
        let title = Text("存货 {0}", "Item {0}").with(item.code)
        let body: HTML = """
        <h1 id="item-title">\(title, l)</h1>
        \(FormControls.errorBox(error, l, id: "error-message"))\(MasterDataPages.savedFlash(request, l))
        <form method="post" action="/materials/items/\(item.id)" id="item-edit">\(page.csrfField)
        <fieldset\(HTML(raw: canEdit ? "" : " disabled"))><div class="grid">
        \(FormControls.field(Text("存货编码", "Code")(l), for: "item-code", "<input type=\"text\" id=\"item-code\" value=\"\(item.code)\" disabled>"))
        \(ItemForm.fields(item, prefix: "item-", l))
        \(MasterDataPages.activeBox(item.active, l))
        </div>
        <button type="submit" id="item-save">\(Text("保存", "Save"), l)</button></fieldset></form>
        \(MasterDataPages.historyLink("/api/v1/items/\(item.id)/history", l))
        \(ItemRequestPages.originLink(model.origin, l))
        <p><a href="/materials/items">\(Text("返回存货档案", "Back to items"), l)</a></p>
        """
        return shell.render(page, title: title, active: "items", body: body).response(status: error?.status ?? .ok)
    }
}
