import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 调拨单列表 and the transfer form; 下查 shows the generated out and in documents (DOC-09).
struct TransferPages: Sendable {
    let api: MaterialsAPI
    let shell: PageShell

    func register(on router: Router<KefuContext>) {
        router.get("/materials/transfers") { request, context in try await list(request, context) }
        router.get("/materials/transfers/new") { request, context in try await detail(request, context, id: nil) }
        router.post("/materials/transfers") { request, context in try await create(request, context) }
        router.get("/materials/transfers/:id") { request, context in try await detail(request, context, id: try context.parameters.require("id")) }
        router.post("/materials/transfers/:id/edit") { request, context in try await update(request, context) }
        for action in ["delete", "audit", "unaudit"] {
            router.post("/materials/transfers/:id/\(action)") { request, context in try await act(request, context, action: action) }
        }
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = MaterialNotices.page(request, context)
        let l = page.locale
        let query = request.queryDictionary
        let model = try await api.transfers.listPageModel(paging: try Paging.from(query, defaultPer: 25), viewer: principal)
        let result = model.result, names = model.warehouseNames
        let rows: [DataTable.Row] = result.items.map { t in
            DataTable.Row(plain: [
                "<a class=\"transfer-link\" href=\"/materials/transfers/\(t.id)\">\(t.number)</a>", "\(t.date)",
                "\(names[t.fromWarehouseId] ?? "—")", "\(names[t.toWarehouseId] ?? "—")",
                "\(t.crossDepartment ? Text("跨业务部", "Cross-department") : Text("部门内", "Intra-department"), l)",
                "<span class=\"badge\">\(MaterialLabels.progress(t.progress), l)</span>", "\(t.remark)",
            ], attributes: "class=\"transfer-row\"")
        }
        let table: HTML = result.items.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有调拨单", "No transfers"), l)</p>"
            : DataTable.render(id: "transfer-list", headers: [Text("调拨单号", "Number"), Text("日期", "Date"), Text("转出仓库", "From"), Text("转入仓库", "To"),
                                                              Text("范围", "Scope"), Text("进度", "Progress"), Text("备注", "Remark")].map { $0(l) }, rows: rows)
        let body: HTML = """
        <div class="actions" style="justify-content:space-between"><h1>\(Text("调拨单列表", "Transfers"), l)</h1>
        <a class="button" id="new-transfer" href="/materials/transfers/new">\(Text("增加", "Add"), l)</a></div>
        \(table)
        \(FormControls.pager(basePath: "/materials/transfers", query: query, page: result.page, per: result.per, total: result.total, locale: l))
        """
        return shell.render(page, title: Text("调拨单", "Transfers"), active: "transfers", body: body).response()
    }

    /// A new transfer (`id == nil`), a saved one read-only, or in edit mode (`?mode=edit`, or a refused save brought
    /// back by `FormFlash` and drawn again with everything typed).
    func detail(_ request: Request, _ context: KefuContext, id: String?) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = MaterialNotices.page(request, context)
        let l = page.locale
        let state = page.formState(action: id.map { "/materials/transfers/\($0)/edit" } ?? "/materials/transfers")
        let refused: FormState? = state.error == nil ? nil : state
        let m = try await api.transfers.pageModel(id: id, wantsEdit: refused != nil || request.queryDictionary["mode"] == "edit", viewer: principal)
        let t = m.transfer
        let typed = refused?.values ?? [:]
        let error = refused?.error
        func value(_ name: String, _ saved: String?) -> String? { refused != nil ? typed[name] : saved }
        func fieldError(_ name: String) -> String? { refused?.message(for: name, l) }
        let names = Dictionary(uniqueKeysWithValues: m.warehouses.map { ($0.id, "\($0.code) \($0.name)") })
        let title = t.map { Text("调拨单 {0}", "Transfer {0}").with($0.number) } ?? Text("调拨单", "Transfer")
        let content: HTML
        if let t, !m.editing {
            let docs: [HTML] = t.documents.map { d in
                "<li class=\"generated-document\"><a href=\"/materials/documents/\(d.id)\">\(d.number)</a> · \(MaterialLabels.direction(StockDirection(rawValue: d.direction) ?? .in), l) · \(d.warehouseName) · \(MaterialLabels.status(d.status), l)</li>"
            }
            content = """
            <p class="meta" id="transfer-status" data-progress="\(t.progress)">\(MaterialLabels.progress(t.progress), l) · \(t.crossDepartment ? Text("跨业务部调拨", "Cross-department") : Text("部门内调拨", "Intra-department"), l)</p>
            \(DocumentPrint.people(m.signedBy, l))
            <dl class="facts"><dt>\(Text("日期", "Date"), l)</dt><dd>\(t.date)</dd><dt>\(Text("转出仓库", "From"), l)</dt><dd>\(names[t.fromWarehouseId] ?? "—")</dd>
            <dt>\(Text("转入仓库", "To"), l)</dt><dd>\(names[t.toWarehouseId] ?? "—")</dd><dt>\(Text("备注", "Remark"), l)</dt><dd>\(t.remark)</dd></dl>
            \(LineGrid.readOnly(t.lines, storage: m.lineBins, l))
            <h2 id="drill-down">\(Text("下查：生成的单据", "Drill-down: generated documents"), l)</h2>
            \(docs.isEmpty ? "<p class=\"empty\">\(Text("审核后生成调出单和调入单", "Auditing generates the out and in documents"), l)</p>" as HTML : "<ul id=\"generated-documents\">\(docs)</ul>")
            \(DocumentPrint.signatures(l, roles: DocumentPrint.transferRoles))
            """
        } else {
            let whOptions = m.warehouses.map { ($0.id, "\($0.code) \($0.name)（\(MaterialLabels.condition($0.condition)(l))）") }
            let rows = refused != nil ? LineGrid.rows(FormData(values: typed)) : (t?.lines ?? []).map { LineGrid.Row($0, storage: m.lineBins[$0.lineNo]) }
            // #12 STO-03: the bin each line leaves and enters; a new form starts with its first warehouse on both sides.
            let bins = LineStorageCells(warehouseId: value("fromWarehouseId", t?.fromWarehouseId) ?? m.warehouses.first?.id ?? "", fefo: false,
                                        toWarehouseId: value("toWarehouseId", t?.toWarehouseId) ?? m.warehouses.first?.id ?? "")
            content = """
            <form method="post" action="\(t.map { "/materials/transfers/\($0.id)/edit" } ?? "/materials/transfers")" id="transfer-form">\(page.csrfField)
            <div class="grid">
            \(FormControls.field(Text("转出仓库", "From warehouse")(l), for: "t-from", FormControls.select(id: "t-from", name: "fromWarehouseId", options: whOptions, selected: value("fromWarehouseId", t?.fromWarehouseId)), error: fieldError("fromWarehouseId")))
            \(FormControls.field(Text("转入仓库", "To warehouse")(l), for: "t-to", FormControls.select(id: "t-to", name: "toWarehouseId", options: whOptions, selected: value("toWarehouseId", t?.toWarehouseId)), error: fieldError("toWarehouseId")))
            \(FormControls.field(Text("日期", "Date")(l), for: "t-date", FormControls.input(id: "t-date", name: "date", type: "date", value: value("date", t?.date ?? MaterialValidation.today(Date()))), error: fieldError("date")))
            \(FormControls.field(Text("备注（协商调拨须注明业务部经理同意）", "Remark (a negotiated transfer states the manager's consent)")(l), for: "t-remark", FormControls.input(id: "t-remark", name: "remark", value: value("remark", t?.remark)), error: fieldError("remark")))
            </div>
            \(LineGrid.editable(rows, error: error, storage: bins, l))
            </form>
            """
        }
        let base = t.map { "/materials/transfers/\($0.id)" } ?? ""
        let toolbar = MaterialToolbar.render(id: "transfer-toolbar", m.toolbar, targets: [
            .add: .link("/materials/transfers/new"), .save: .submit(form: "transfer-form"), .edit: .link(base + "?mode=edit"),
            .delete: .post(base + "/delete", confirm: Text("确定删除该调拨单？", "Delete this transfer?")), .audit: .post(base + "/audit"), .unaudit: .post(base + "/unaudit"),
            .drill: .link("#drill-down"), .print: .print,
        ], page: page)
        let body: HTML = "<h1 id=\"transfer-title\">\(title, l)</h1>\(toolbar)\(content)"
        return shell.render(page, title: title, active: "transfers", body: body, breadcrumbs: .underActive).response()
    }

    static func input(_ form: FormData) throws -> TransferInput {
        TransferInput(fromWarehouseId: form["fromWarehouseId"], toWarehouseId: form["toWarehouseId"], date: form["date"], remark: form["remark"],
                      lines: try LineGrid.inputs(LineGrid.rows(form)))
    }

    /// 保存; a refusal is thrown on to `FormFlash`, which returns to the form with everything typed.
    func create(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let t = try await api.transfers.create(try Self.input(try await FormData.read(request)), by: principal)
        return Redirect.to("/materials/transfers/\(t.id)?notice=created&what=" + urlQueryValue(t.number))
    }

    func update(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let t = try await api.transfers.update(id: id, try Self.input(try await FormData.read(request)), by: principal)
        return Redirect.to("/materials/transfers/\(id)?notice=saved&what=" + urlQueryValue(t.number))
    }

    func act(_ request: Request, _ context: KefuContext, action: String) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        return try await MaterialsPages.perform(action, listPath: "/materials/transfers", itemPath: "/materials/transfers/\(id)",
            delete: { try await api.transfers.delete(id: id, by: principal) },
            audit: { try await api.transfers.audit(id: id, by: principal).number },
            unaudit: { try await api.transfers.unaudit(id: id, by: principal).number })
    }
}
