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
            do {
                _ = try await api.master.createItem(ItemInput(code: form["code"], name: form["name"], spec: form["spec"], model: form["model"], unit: form["unit"],
                                                              category: form["category"], repairClass: form["repairClass"], abcClass: form["abcClass"]), by: principal)
                return Redirect.to("/materials/items?notice=created")
            } catch let e as AppError where e.status == .unprocessableContent || e.status == .conflict {
                return try await render(request, context, report: nil, error: e)
            }
        }
        router.get("/materials/items.csv") { _, context in
            let principal = try context.requirePrincipal()
            return MaterialsPages.csv(try await api.master.exportItemsCSV(viewer: principal), filename: "items.csv")
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
        let rows: [HTML] = result.items.map {
            "<tr class=\"item-row\"><td>\($0.code)</td><td>\($0.name)</td><td>\($0.spec)</td><td>\($0.model)</td><td>\($0.unit)</td><td>\($0.category)</td><td>\($0.repairClass)</td><td>\($0.abcClass)</td></tr>"
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
        func choice<E: CaseIterable & RawRepresentable>(_ e: E.Type) -> [(String, String)] where E.RawValue == String { E.allCases.map { ($0.rawValue, $0.rawValue) } }
        // MAT-05: only the HQ materials office adds item codes.
        let createForm: HTML = MaterialPermissions.canMaintainMasterData(principal.roles) ? """
            <form method="post" action="/materials/items" id="item-create" class="toolbar">\(page.csrfField)
            \(FormControls.field(Text("存货编码", "Code")(l), for: "new-code", FormControls.input(id: "new-code", name: "code")))
            \(FormControls.field(Text("名称", "Name")(l), for: "new-name", FormControls.input(id: "new-name", name: "name")))
            \(FormControls.field(Text("规格", "Spec")(l), for: "new-spec", FormControls.input(id: "new-spec", name: "spec")))
            \(FormControls.field(Text("型号", "Model")(l), for: "new-model", FormControls.input(id: "new-model", name: "model")))
            \(FormControls.field(Text("单位", "Unit")(l), for: "new-unit", FormControls.input(id: "new-unit", name: "unit")))
            \(FormControls.field(Text("分类", "Category")(l), for: "new-category", FormControls.select(id: "new-category", name: "category", options: choice(ItemCategory.self), selected: nil)))
            \(FormControls.field(Text("修复类别", "Repair class")(l), for: "new-repair", FormControls.select(id: "new-repair", name: "repairClass", options: choice(RepairClass.self), selected: nil)))
            \(FormControls.field("ABC", for: "new-abc", FormControls.select(id: "new-abc", name: "abcClass", options: choice(ABCClass.self), selected: "C")))
            <button type="submit" id="item-create-submit">\(Text("新增存货", "Add item"), l)</button></form>
            """ : .empty
        let importForm: HTML = MaterialPermissions.canMaintainMasterData(principal.roles) ? """
            <form method="post" action="/materials/items/import" id="item-import">\(page.csrfField)
            \(FormControls.field(Text("粘贴 CSV（表头：{0}）", "Paste CSV (header: {0})").with(MasterDataService.csvHeader.joined(separator: ","))(l), for: "import-csv",
                                 "<textarea id=\"import-csv\" name=\"csv\" rows=\"6\" cols=\"80\"></textarea>"))
            <button type="submit" id="import-submit">\(Text("导入", "Import"), l)</button></form>
            """ : .empty
        let body: HTML = """
        <div class="actions" style="justify-content:space-between"><h1>\(Text("存货档案", "Items"), l)</h1>
        <a class="button" id="export-items" href="/materials/items.csv">\(Text("导出 CSV", "Export CSV"), l)</a></div>
        \(MaterialsPages.errorFlash(error, l))
        \(reportHTML)
        \(createForm)
        <form method="get" action="/materials/items" class="toolbar">
          \(FormControls.field(Text("编码或名称", "Code or name")(l), for: "item-q", FormControls.input(id: "item-q", name: "q", type: "search", value: query["q"])))
          <button type="submit">\(Text("搜索", "Search"), l)</button>
        </form>
        <table id="item-list"><thead><tr><th>\(Text("存货编码", "Code"), l)</th><th>\(Text("名称", "Name"), l)</th><th>\(Text("规格", "Spec"), l)</th>
        <th>\(Text("型号", "Model"), l)</th><th>\(Text("单位", "Unit"), l)</th><th>\(Text("分类", "Category"), l)</th><th>\(Text("修复类别", "Repair class"), l)</th>
        <th>ABC</th></tr></thead><tbody>\(rows)</tbody></table>
        \(FormControls.pager(basePath: "/materials/items", query: query, page: result.page, per: result.per, total: result.total, locale: l))
        \(importForm)
        """
        return shell.render(page, title: Text("存货档案", "Items"), active: "items", body: body).response(status: error?.status ?? .ok)
    }
}
