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
        router.get("/materials/transfers/new") { request, context in try await detail(request, context, transfer: nil, error: nil) }
        router.post("/materials/transfers") { request, context in try await create(request, context) }
        router.get("/materials/transfers/:id") { request, context in
            let principal = try context.requirePrincipal()
            return try await detail(request, context, transfer: try await api.transfers.get(id: try context.parameters.require("id"), viewer: principal), error: nil)
        }
        router.post("/materials/transfers/:id/edit") { request, context in try await update(request, context) }
        for action in ["delete", "audit", "unaudit"] {
            router.post("/materials/transfers/:id/\(action)") { request, context in try await act(request, context, action: action) }
        }
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let query = request.queryDictionary
        let result = try await api.transfers.list(paging: try Paging.from(query, defaultPer: 25), viewer: principal)
        let names = Dictionary(uniqueKeysWithValues: try await api.master.warehouses(viewer: principal).map { ($0.id, $0.name) })
        let rows: [HTML] = result.items.map { t in
            """
            <tr class="transfer-row"><td><a class="transfer-link" href="/materials/transfers/\(t.id)">\(t.number)</a></td><td>\(t.date)</td>
            <td>\(names[t.fromWarehouseId] ?? "—")</td><td>\(names[t.toWarehouseId] ?? "—")</td>
            <td>\(t.crossDepartment ? Text("跨业务部", "Cross-department") : Text("部门内", "Intra-department"), l)</td>
            <td><span class="badge">\(MaterialLabels.progress(t.progress), l)</span></td><td>\(t.remark)</td></tr>
            """
        }
        let table: HTML = result.items.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有调拨单", "No transfers"), l)</p>" : """
            <table id="transfer-list"><thead><tr><th>\(Text("调拨单号", "Number"), l)</th><th>\(Text("日期", "Date"), l)</th><th>\(Text("转出仓库", "From"), l)</th>
            <th>\(Text("转入仓库", "To"), l)</th><th>\(Text("范围", "Scope"), l)</th><th>\(Text("进度", "Progress"), l)</th><th>\(Text("备注", "Remark"), l)</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        let body: HTML = """
        <div class="actions" style="justify-content:space-between"><h1>\(Text("调拨单列表", "Transfers"), l)</h1>
        <a class="button" id="new-transfer" href="/materials/transfers/new">\(Text("增加", "Add"), l)</a></div>
        \(table)
        \(FormControls.pager(basePath: "/materials/transfers", query: query, page: result.page, per: result.per, total: result.total, locale: l))
        """
        return shell.render(page, title: Text("调拨单", "Transfers"), active: "transfers", body: body).response()
    }

    /// A new transfer (`transfer == nil`), an existing one read-only, or in edit mode (`?mode=edit`, or a refused save).
    func detail(_ request: Request, _ context: KefuContext, transfer t: TransferView?, error: AppError?, forceEdit: Bool = false) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let warehouses = try await api.master.warehouses(viewer: principal)
        let names = Dictionary(uniqueKeysWithValues: warehouses.map { ($0.id, "\($0.code) \($0.name)") })
        let allowed = Set(t?.actions ?? [])
        let editing = t == nil || (allowed.contains("edit") && (forceEdit || request.queryDictionary["mode"] == "edit"))
        let title = t.map { Text("调拨单 {0}", "Transfer {0}").with($0.number) } ?? Text("调拨单", "Transfer")
        let content: HTML
        if let t, !editing {
            let docs: [HTML] = t.documents.map { d in
                "<li class=\"generated-document\"><a href=\"/materials/documents/\(d.id)\">\(d.number)</a> · \(MaterialLabels.direction(StockDirection(rawValue: d.direction) ?? .in), l) · \(d.warehouseName) · \(MaterialLabels.status(d.status), l)</li>"
            }
            content = """
            <p class="meta" id="transfer-status" data-progress="\(t.progress)">\(MaterialLabels.progress(t.progress), l) · \(t.crossDepartment ? Text("跨业务部调拨", "Cross-department") : Text("部门内调拨", "Intra-department"), l)</p>
            <dl class="facts"><dt>\(Text("日期", "Date"), l)</dt><dd>\(t.date)</dd><dt>\(Text("转出仓库", "From"), l)</dt><dd>\(names[t.fromWarehouseId] ?? t.fromWarehouseId)</dd>
            <dt>\(Text("转入仓库", "To"), l)</dt><dd>\(names[t.toWarehouseId] ?? t.toWarehouseId)</dd><dt>\(Text("备注", "Remark"), l)</dt><dd>\(t.remark)</dd></dl>
            \(LineEditor.render(items: [], lines: t.lines, editable: false, rows: 0, l))
            <h2 id="drill-down">\(Text("下查：生成的单据", "Drill-down: generated documents"), l)</h2>
            \(docs.isEmpty ? "<p class=\"empty\">\(Text("审核后生成调出单和调入单", "Auditing generates the out and in documents"), l)</p>" as HTML : "<ul id=\"generated-documents\">\(docs)</ul>")
            """
        } else {
            // Deactivated warehouses and items are not offered (a saved transfer keeps what it already holds).
            let onTransfer = Set(t?.lines.map(\.itemId) ?? [])
            let items = try await api.master.allItems(viewer: principal).filter { $0.active || onTransfer.contains($0.id) }
            let whOptions = warehouses.filter { $0.active || $0.id == t?.fromWarehouseId || $0.id == t?.toWarehouseId }
                .map { ($0.id, "\($0.code) \($0.name)（\(MaterialLabels.condition($0.condition)(l))）") }
            content = """
            <form method="post" action="\(t.map { "/materials/transfers/\($0.id)/edit" } ?? "/materials/transfers")" id="transfer-form">\(page.csrfField)
            <div class="grid">
            \(FormControls.field(Text("转出仓库", "From warehouse")(l), for: "t-from", FormControls.select(id: "t-from", name: "fromWarehouseId", options: whOptions, selected: t?.fromWarehouseId)))
            \(FormControls.field(Text("转入仓库", "To warehouse")(l), for: "t-to", FormControls.select(id: "t-to", name: "toWarehouseId", options: whOptions, selected: t?.toWarehouseId)))
            \(FormControls.field(Text("日期", "Date")(l), for: "t-date", FormControls.input(id: "t-date", name: "date", type: "date", value: t?.date ?? MaterialValidation.today(Date()))))
            \(FormControls.field(Text("备注（协商调拨须注明业务部经理同意）", "Remark (a negotiated transfer states the manager's consent)")(l), for: "t-remark", FormControls.input(id: "t-remark", name: "remark", value: t?.remark)))
            </div>
            \(LineEditor.render(items: items, lines: t?.lines ?? [], editable: true, rows: 5, l))
            </form>
            """
        }
        let id = t?.id ?? ""
        let toolbar: HTML = """
        <div class="actions u8-toolbar" id="transfer-toolbar">
          \(MaterialsPages.link(id: "btn-add", label: Text("增加", "Add"), href: "/materials/transfers/new", enabled: true, l))
          <button type="submit" form="transfer-form" id="btn-save"\(HTML(raw: editing ? "" : " disabled"))>\(Text("保存", "Save"), l)</button>
          \(MaterialsPages.link(id: "btn-edit", label: Text("修改", "Edit"), href: "/materials/transfers/\(id)?mode=edit", enabled: !editing && allowed.contains("edit"), l))
          \(MaterialsPages.actionButton(id: "btn-delete", label: Text("删除", "Delete"), action: "/materials/transfers/\(id)/delete", enabled: allowed.contains("delete"), page: page))
          \(MaterialsPages.actionButton(id: "btn-audit", label: Text("审核", "Audit"), action: "/materials/transfers/\(id)/audit", enabled: allowed.contains("audit"), page: page))
          \(MaterialsPages.actionButton(id: "btn-unaudit", label: Text("弃审", "Un-audit"), action: "/materials/transfers/\(id)/unaudit", enabled: allowed.contains("unaudit"), page: page))
          \(MaterialsPages.link(id: "btn-drill", label: Text("下查", "Drill down"), href: "#drill-down", enabled: !(t?.documents.isEmpty ?? true), l))
        </div>
        """
        let body: HTML = "<h1 id=\"transfer-title\">\(title, l)</h1>\(FormControls.errorBox(error, l, id: "error-message"))\(toolbar)\(content)"
        return shell.render(page, title: title, active: "transfers", body: body, breadcrumbs: .underActive).response(status: error?.status ?? .ok)
    }

    func create(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        do {
            let t = try await api.transfers.create(TransferInput(fromWarehouseId: form["fromWarehouseId"], toWarehouseId: form["toWarehouseId"], date: form["date"],
                                                                 remark: form["remark"], lines: try MaterialsPages.lines(form)), by: principal)
            return Redirect.to("/materials/transfers/\(t.id)?notice=created")
        } catch let e as AppError where e.status == .unprocessableContent || e.status == .conflict {
            return try await detail(request, context, transfer: nil, error: e)
        }
    }

    func update(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        do {
            _ = try await api.transfers.update(id: id, TransferInput(fromWarehouseId: form["fromWarehouseId"], toWarehouseId: form["toWarehouseId"], date: form["date"],
                                                                    remark: form["remark"], lines: try MaterialsPages.lines(form)), by: principal)
            return Redirect.to("/materials/transfers/\(id)?notice=saved")
        } catch let e as AppError where e.status == .unprocessableContent || e.status == .conflict {
            return try await detail(request, context, transfer: try await api.transfers.get(id: id, viewer: principal), error: e, forceEdit: true)
        }
    }

    func act(_ request: Request, _ context: KefuContext, action: String) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        return try await MaterialsPages.perform(action, listPath: "/materials/transfers", itemPath: "/materials/transfers/\(id)",
            delete: { try await api.transfers.delete(id: id, by: principal) },
            audit: { _ = try await api.transfers.audit(id: id, by: principal) },
            unaudit: { _ = try await api.transfers.unaudit(id: id, by: principal) },
            refused: { e in try await detail(request, context, transfer: try await api.transfers.get(id: id, viewer: principal), error: e) })
    }

}
