import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 供应商档案 and 仓库档案 (MAT-06, MAT-02): U8-like lists with an add form and an edit page each. Everyone with a
/// materials role reads them; only the HQ materials office adds, renames or deactivates (MAT-05).
struct MasterDataPages: Sendable {
    let api: MaterialsAPI
    let shell: PageShell

    func register(on router: Router<KefuContext>) {
        router.get("/materials/suppliers") { request, context in try await suppliers(request, context, error: nil) }
        router.post("/materials/suppliers") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            return try await Self.saving(to: "/materials/suppliers") {
                _ = try await api.master.createSupplier(SupplierInput(code: form["code"], name: form["name"], contact: form["contact"]), by: principal)
            }
        }
        router.get("/materials/suppliers/:id") { request, context in try await editSupplier(request, context, error: nil) }
        router.post("/materials/suppliers/:id") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            let form = try await FormData.read(request)
            return try await Self.saving(to: "/materials/suppliers/\(id)") {
                _ = try await api.master.updateSupplier(id: id, MasterPatch(name: form["name"] ?? "", contact: form["contact"] ?? "", active: form["active"] != nil), by: principal)
            }
        }
        router.get("/materials/warehouses") { request, context in try await warehouses(request, context, error: nil) }
        router.post("/materials/warehouses") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            return try await Self.saving(to: "/materials/warehouses") {
                _ = try await api.master.createWarehouse(WarehouseInput(code: form["code"], name: form["name"], orgUnitId: form["orgUnitId"], condition: form["condition"]),
                                                         by: principal)
            }
        }
        router.get("/materials/warehouses/:id") { request, context in try await editWarehouse(request, context, error: nil) }
        router.post("/materials/warehouses/:id") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            let form = try await FormData.read(request)
            return try await Self.saving(to: "/materials/warehouses/\(id)") {
                _ = try await api.master.updateWarehouse(id: id, MasterPatch(name: form["name"] ?? "", active: form["active"] != nil), by: principal)
            }
        }
    }

    /// Runs a save; on success back to `path` with a notice, a refused rule (409/422) shows on the same page.
    /// #11.2: a refusal propagates to `FormFlashMiddleware`, which sends the browser back to the form with what was typed.
    static func saving(to path: String, _ body: () async throws -> Void) async throws -> Response {
        try await body()
        return Redirect.to(path + "?notice=saved")
    }

    static func status(_ active: Bool) -> Text { active ? Text("启用", "Active") : Text("停用", "Deactivated") }

    static func activeBox(_ active: Bool, _ l: AppLocale) -> HTML {
        """
        <div class="field"><label for="active"><input type="checkbox" id="active" name="active" value="1"\(HTML(raw: active ? " checked" : ""))>
        \(Text("启用（取消勾选即停用：停用后不能用于新单据）", "Active (untick to deactivate: not usable on new documents)"), l)</label></div>
        """
    }

    static func savedFlash(_ request: Request, _ l: AppLocale) -> HTML {
        request.queryDictionary["notice"] == "saved" ? "<p class=\"flash-notice\" id=\"notice\">\(Text("已保存", "Saved"), l)</p>" : .empty
    }

    static func historyLink(_ href: String, _ l: AppLocale) -> HTML {
        "<p><a id=\"history-link\" href=\"\(href)\">\(Text("修改记录（JSON）", "Change history (JSON)"), l)</a></p>"
    }

    static func canEdit(_ p: Principal) -> Bool { MaterialPermissions.canMaintainMasterData(p.roles, userPath: p.orgPath) }

    func suppliers(_ request: Request, _ context: KefuContext, error: AppError?) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let list = try await api.master.suppliers(viewer: principal)
        let rows: [DataTable.Row] = list.map {
            DataTable.Row(plain: ["<a class=\"supplier-link\" href=\"/materials/suppliers/\($0.id)\">\($0.code)</a>", "\($0.name)", "\($0.contact)",
                                  "\(Self.status($0.active), l)"], attributes: "class=\"supplier-row\"")
        }
        let form: HTML = Self.canEdit(principal) ? """
            <form method="post" action="/materials/suppliers" id="supplier-create" class="toolbar">\(page.csrfField)
            \(FormControls.field(Text("供应商编码", "Code")(l), for: "new-code", FormControls.input(id: "new-code", name: "code")))
            \(FormControls.field(Text("名称", "Name")(l), for: "new-name", FormControls.input(id: "new-name", name: "name")))
            \(FormControls.field(Text("联系人", "Contact")(l), for: "new-contact", FormControls.input(id: "new-contact", name: "contact")))
            <button type="submit" id="supplier-create-submit">\(Text("新增供应商", "Add supplier"), l)</button></form>
            """ : .empty
        let body: HTML = """
        <h1>\(Text("供应商档案", "Suppliers"), l)</h1>
        \(FormControls.errorBox(error, l, id: "error-message"))\(Self.savedFlash(request, l))
        \(form)
        \(DataTable.render(id: "supplier-list", headers: [Text("供应商编码", "Code"), Text("名称", "Name"), Text("联系人", "Contact"), Text("状态", "Status")].map { $0(l) },
                           rows: rows))
        """
        return shell.render(page, title: Text("供应商档案", "Suppliers"), active: "suppliers", body: body).response(status: error?.status ?? .ok)
    }

    func editSupplier(_ request: Request, _ context: KefuContext, error: AppError?) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let id = try context.parameters.require("id")
        let s = try await api.master.supplierPageModel(id: id, viewer: principal)  // #11.6: one read
        let title = Text("供应商 {0}", "Supplier {0}").with(s.code)
        let body: HTML = """
        <h1 id="supplier-title">\(title, l)</h1>
        \(FormControls.errorBox(error, l, id: "error-message"))\(Self.savedFlash(request, l))
        <form method="post" action="/materials/suppliers/\(s.id)" id="supplier-edit">\(page.csrfField)
        <fieldset\(HTML(raw: Self.canEdit(principal) ? "" : " disabled"))><div class="grid">
        \(FormControls.field(Text("名称", "Name")(l), for: "s-name", FormControls.input(id: "s-name", name: "name", value: s.name)))
        \(FormControls.field(Text("联系人", "Contact")(l), for: "s-contact", FormControls.input(id: "s-contact", name: "contact", value: s.contact)))
        \(Self.activeBox(s.active, l))
        </div><button type="submit" id="supplier-save">\(Text("保存", "Save"), l)</button></fieldset></form>
        \(Self.historyLink("/api/v1/suppliers/\(s.id)/history", l))
        <p><a href="/materials/suppliers">\(Text("返回供应商档案", "Back to suppliers"), l)</a></p>
        """
        return shell.render(page, title: title, active: "suppliers", body: body).response(status: error?.status ?? .ok)
    }

    func warehouses(_ request: Request, _ context: KefuContext, error: AppError?) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let model = try await api.master.warehouseListPageModel(viewer: principal)  // #11.6: one read
        let names = model.unitNames
        let rows: [DataTable.Row] = model.warehouses.map {
            DataTable.Row(plain: ["<a class=\"warehouse-link\" href=\"/materials/warehouses/\($0.id)\">\($0.code)</a>", "\($0.name)",
                                  "\(names[$0.orgUnitId] ?? "—")", "\($0.departmentId.flatMap { names[$0] } ?? "—")", "\(MaterialLabels.condition($0.condition), l)",
                                  "\(Self.status($0.active), l)"], attributes: "class=\"warehouse-row\"")
        }
        var form = HTML.empty
        if let choices = model.unitChoices {
            let units = choices.map { ($0.id, "\($0.code) \($0.name)") }
            let conditions = WarehouseCondition.allCases.map { ($0.rawValue, MaterialLabels.condition($0.rawValue)(l)) }
            form = """
            <form method="post" action="/materials/warehouses" id="warehouse-create" class="toolbar">\(page.csrfField)
            \(FormControls.field(Text("仓库编码", "Code")(l), for: "new-code", FormControls.input(id: "new-code", name: "code")))
            \(FormControls.field(Text("名称", "Name")(l), for: "new-name", FormControls.input(id: "new-name", name: "name")))
            \(FormControls.field(Text("所属组织", "Org unit")(l), for: "new-unit", FormControls.select(id: "new-unit", name: "orgUnitId", options: units, selected: nil)))
            \(FormControls.field(Text("完好/损坏", "Condition")(l), for: "new-condition", FormControls.select(id: "new-condition", name: "condition", options: conditions, selected: nil)))
            <button type="submit" id="warehouse-create-submit">\(Text("新增仓库", "Add warehouse"), l)</button></form>
            """
        }
        let body: HTML = """
        <h1>\(Text("仓库档案", "Warehouses"), l)</h1>
        \(FormControls.errorBox(error, l, id: "error-message"))\(Self.savedFlash(request, l))
        \(form)
        \(DataTable.render(id: "warehouse-list", headers: [Text("仓库编码", "Code"), Text("名称", "Name"), Text("所属组织", "Org unit"), Text("业务部", "Department"),
                                                           Text("完好/损坏", "Condition"), Text("状态", "Status")].map { $0(l) }, rows: rows))
        """
        return shell.render(page, title: Text("仓库档案", "Warehouses"), active: "warehouses", body: body).response(status: error?.status ?? .ok)
    }

    func editWarehouse(_ request: Request, _ context: KefuContext, error: AppError?) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let id = try context.parameters.require("id")
        let model = try await api.master.warehousePageModel(id: id, viewer: principal)  // #11.6: one read
        let w = model.warehouse, unit = model.unitName ?? "—"
        let title = Text("仓库 {0}", "Warehouse {0}").with(w.code)
        let body: HTML = """
        <h1 id="warehouse-title">\(title, l)</h1>
        \(FormControls.errorBox(error, l, id: "error-message"))\(Self.savedFlash(request, l))
        <p class="meta">\(Text("所属组织", "Org unit"), l)：\(unit) · \(MaterialLabels.condition(w.condition), l) ·
        \(Text("编码、所属组织和完好/损坏不能修改（单据和账依赖它们）", "Code, org unit and condition cannot change (documents and the ledger depend on them)"), l)</p>
        <form method="post" action="/materials/warehouses/\(w.id)" id="warehouse-edit">\(page.csrfField)
        <fieldset\(HTML(raw: Self.canEdit(principal) ? "" : " disabled"))><div class="grid">
        \(FormControls.field(Text("名称", "Name")(l), for: "w-name", FormControls.input(id: "w-name", name: "name", value: w.name)))
        \(Self.activeBox(w.active, l))
        </div><button type="submit" id="warehouse-save">\(Text("保存", "Save"), l)</button></fieldset></form>
        \(Self.historyLink("/api/v1/warehouses/\(w.id)/history", l))
        <p><a href="/materials/warehouses">\(Text("返回仓库档案", "Back to warehouses"), l)</a></p>
        """
        return shell.render(page, title: title, active: "warehouses", body: body).response(status: error?.status ?? .ok)
    }
}
