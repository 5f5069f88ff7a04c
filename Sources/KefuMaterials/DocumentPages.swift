import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 其他入库单 / 其他出库单 as U8 users know them: a list with filters, and a document form with its lines and the
/// buttons 增加 / 保存 / 修改 / 删除 / 审核 / 弃审 / 下查, each enabled only when the lifecycle and the user's rights allow.
struct DocumentPages: Sendable {
    let api: MaterialsAPI
    let shell: PageShell

    func register(on router: Router<KefuContext>) {
        router.get("/materials/documents") { request, context in try await list(request, context) }
        router.get("/materials/documents/new") { request, context in try await form(request, context, document: nil, input: nil, error: nil) }
        router.post("/materials/documents") { request, context in try await create(request, context) }
        router.get("/materials/documents/:id") { request, context in
            let principal = try context.requirePrincipal()
            let doc = try await api.documents.get(id: try context.parameters.require("id"), viewer: principal)
            return try await form(request, context, document: doc, input: nil, error: nil)
        }
        router.post("/materials/documents/:id/edit") { request, context in try await edit(request, context) }
        for action in ["delete", "audit", "unaudit"] {
            router.post("/materials/documents/:id/\(action)") { request, context in try await act(request, context, action: action) }
        }
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let query = request.queryDictionary
        let result = try await api.documents.list(try DocumentFilter.parse(query), paging: try Paging.from(query, defaultPer: 25), viewer: principal)
        let warehouses = try await api.master.warehouses(viewer: principal)
        let rows: [HTML] = result.items.map { d in
            """
            <tr class="document-row" data-id="\(d.id)"><td class="nowrap"><a class="document-link" href="/materials/documents/\(d.id)">\(d.number)</a></td>
            <td>\(d.date)</td><td>\(MaterialLabels.direction(StockDirection(rawValue: d.direction) ?? .in), l)</td><td>\(MaterialLabels.reasonText(d.reason), l)</td>
            <td>\(d.warehouseName)</td><td>\(d.polarity == "red" ? Text("红字", "Red") : Text("蓝字", "Blue"), l)</td>
            <td><span class="badge status-\(d.status)">\(MaterialLabels.status(d.status), l)</span></td><td>\(d.remark)</td></tr>
            """
        }
        let dirOptions = [("", Text("全部", "All")(l))] + StockDirection.allCases.map { ($0.rawValue, MaterialLabels.direction($0)(l)) }
        let reasonOptions = [("", Text("全部", "All")(l))] + StockReason.allCases.map { ($0.rawValue, MaterialLabels.reason($0)(l)) }
        let statusOptions = [("", Text("全部", "All")(l))] + DocumentStatus.allCases.map { ($0.rawValue, MaterialLabels.status($0.rawValue)(l)) }
        let whOptions = [("", Text("全部", "All")(l))] + warehouses.map { ($0.id, "\($0.code) \($0.name)") }
        let unitOptions = [("", Text("全部", "All")(l))] + (try await api.master.ownerUnits(of: warehouses)).map { ($0.id, $0.name) }
        let table: HTML = result.items.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有单据", "No documents"), l)</p>" : """
            <table id="document-list"><thead><tr><th>\(Text("单据号", "Number"), l)</th><th>\(Text("日期", "Date"), l)</th><th>\(Text("单据", "Kind"), l)</th>
            <th>\(Text("类别", "Category"), l)</th><th>\(Text("仓库", "Warehouse"), l)</th><th>\(Text("红蓝字", "Polarity"), l)</th><th>\(Text("状态", "Status"), l)</th>
            <th>\(Text("备注", "Remark"), l)</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        let body: HTML = """
        <div class="actions" style="justify-content:space-between"><h1>\(Text("出入库单列表", "Stock documents"), l)</h1>
        <span><a class="button" id="new-receipt" href="/materials/documents/new?direction=in">\(Text("增加入库单", "Add receipt"), l)</a>
        <a class="button" id="new-issue" href="/materials/documents/new?direction=out">\(Text("增加出库单", "Add issue"), l)</a></span></div>
        <form method="get" action="/materials/documents" class="toolbar" id="document-filter">
          \(FormControls.field(Text("单据", "Kind")(l), for: "f-direction", FormControls.select(id: "f-direction", name: "direction", options: dirOptions, selected: query["direction"])))
          \(FormControls.field(Text("类别", "Category")(l), for: "f-reason", FormControls.select(id: "f-reason", name: "reason", options: reasonOptions, selected: query["reason"])))
          \(FormControls.field(Text("组织", "Org unit")(l), for: "f-unit", FormControls.select(id: "f-unit", name: "orgUnitId", options: unitOptions, selected: query["orgUnitId"])))
          \(FormControls.field(Text("仓库", "Warehouse")(l), for: "f-warehouse", FormControls.select(id: "f-warehouse", name: "warehouseId", options: whOptions, selected: query["warehouseId"])))
          \(FormControls.field(Text("状态", "Status")(l), for: "f-status", FormControls.select(id: "f-status", name: "status", options: statusOptions, selected: query["status"])))
          \(FormControls.field(Text("从", "From")(l), for: "f-from", FormControls.input(id: "f-from", name: "from", type: "date", value: query["from"])))
          \(FormControls.field(Text("到", "To")(l), for: "f-to", FormControls.input(id: "f-to", name: "to", type: "date", value: query["to"])))
          \(FormControls.field(Text("单据号", "Number")(l), for: "f-number", FormControls.input(id: "f-number", name: "number", value: query["number"])))
          <button type="submit" id="filter-submit">\(Text("查询", "Filter"), l)</button>
        </form>
        \(table)
        \(FormControls.pager(basePath: "/materials/documents", query: query, page: result.page, per: result.per, total: result.total, locale: l))
        """
        return shell.render(page, title: Text("出入库单", "Stock documents"), active: "stock-documents", body: body).response()
    }

    /// The document form: a new document (`document == nil`), an existing one read-only, or in edit mode (`?mode=edit`).
    func form(_ request: Request, _ context: KefuContext, document d: StockDocumentView?, input: StockDocumentInput?, error: AppError?) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let query = request.queryDictionary
        let direction = StockDirection(rawValue: d?.direction ?? input?.direction ?? query["direction"] ?? "in") ?? .in
        let editing = d == nil || (query["mode"] == "edit" && d?.actions.contains("edit") == true) || (d != nil && input != nil)
        // Deactivated master data is not offered for new lines (it stays on the documents that already hold it).
        let onDocument = Set(d?.lines.map(\.itemId) ?? [])
        let items = try await api.master.allItems(viewer: principal).filter { $0.active || onDocument.contains($0.id) }
        let suppliers = try await api.master.suppliers(viewer: principal).filter { $0.active || $0.id == d?.supplierId }
        let warehouses = try await api.master.warehouses(viewer: principal).filter {
            d != nil || ($0.active && MaterialPermissions.canEditDocuments(principal.roles, covers: principal.covers(unitPath: $0.orgPath)))
        }
        let reasonOptions = (d?.reason == "transfer" ? [StockReason.transfer] : StockReason.userChoices(direction)).map { ($0.rawValue, MaterialLabels.reason($0)(l)) }
        let whOptions = warehouses.map { ($0.id, "\($0.code) \($0.name)（\(MaterialLabels.condition($0.condition)(l))）") }
        let supplierOptions = [("", "—")] + suppliers.map { ($0.id, "\($0.code) \($0.name)") }
        let lines: [DocumentLineView] = d?.lines ?? []
        let ro = editing ? "" : "disabled"
        let title = d.map { Text("{0} {1}", "{0} {1}").with(MaterialLabels.direction(direction).zh, $0.number) } ?? MaterialLabels.direction(direction)
        let action = d.map { "/materials/documents/\($0.id)/edit" } ?? "/materials/documents"
        let allowed = Set(d?.actions ?? [])
        let warehouseControl: HTML = d == nil
            ? FormControls.select(id: "doc-warehouse", name: "warehouseId", options: whOptions, selected: input?.warehouseId)
            : "<input type=\"text\" id=\"doc-warehouse\" value=\"\(d!.warehouseName)\" disabled title=\"\(Text("已保存单据的仓库不能修改（DOC-05）", "The warehouse of a saved document cannot change (DOC-05)"), l)\">"
        let statusLine: HTML = d.map { "<p class=\"meta\" id=\"document-status\" data-status=\"\($0.status)\">\(Text("状态", "Status"), l)：\(MaterialLabels.status($0.status), l) · \($0.polarity == "red" ? Text("红字", "Red") : Text("蓝字", "Blue"), l)\($0.auditedAt.map { " · " + Text("审核于", "audited at")(l) + " " + (Times.parse($0).map { Times.display(Clock.millis($0)) } ?? "") } ?? "")</p>" } ?? .empty
        let newHref = "/materials/documents/new?direction=\(direction.rawValue)"
        let toolbar: HTML = """
        <div class="actions u8-toolbar" id="document-toolbar">
          \(MaterialsPages.link(id: "btn-add", label: Text("增加", "Add"), href: newHref, enabled: true, l))
          <button type="submit" form="document-form" id="btn-save"\(HTML(raw: editing ? "" : " disabled"))>\(Text("保存", "Save"), l)</button>
          \(MaterialsPages.link(id: "btn-edit", label: Text("修改", "Edit"), href: d.map { "/materials/documents/\($0.id)?mode=edit" } ?? "#", enabled: !editing && allowed.contains("edit"), l))
          \(MaterialsPages.actionButton(id: "btn-delete", label: Text("删除", "Delete"), action: "/materials/documents/\(d?.id ?? "")/delete", enabled: allowed.contains("delete"), page: page,
                                        confirm: Text("确定删除该单据？", "Delete this document?")))
          \(MaterialsPages.actionButton(id: "btn-audit", label: Text("审核", "Audit"), action: "/materials/documents/\(d?.id ?? "")/audit", enabled: !editing && allowed.contains("audit"), page: page))
          \(MaterialsPages.actionButton(id: "btn-unaudit", label: Text("弃审", "Un-audit"), action: "/materials/documents/\(d?.id ?? "")/unaudit", enabled: allowed.contains("unaudit"), page: page))
          \(MaterialsPages.link(id: "btn-drill", label: Text("下查", "Drill down"), href: d?.transferId.map { "/materials/transfers/\($0)" } ?? "#", enabled: d?.transferId != nil, l))
        </div>
        """
        var stockCheck = HTML.empty
        if let d, d.status == DocumentStatus.saved.rawValue {
            stockCheck = OnHandCheck.render(try await api.stock.check(d, viewer: principal), l)
        }
        let body: HTML = """
        <h1 id="document-title">\(title, l)</h1>
        \(FormControls.errorBox(error, l, id: "error-message"))
        \(toolbar)
        \(statusLine)
        <form method="post" action="\(action)" id="document-form" class="document-form">
          \(page.csrfField)<input type="hidden" name="direction" value="\(direction.rawValue)">
          <div class="grid">
          \(FormControls.field(Text("仓库", "Warehouse")(l), for: "doc-warehouse", warehouseControl))
          \(FormControls.field(Text("类别", "Category")(l), for: "doc-reason", FormControls.select(id: "doc-reason", name: "reason", options: reasonOptions, selected: d?.reason ?? input?.reason, attributes: ro)))
          \(FormControls.field(Text("日期", "Date")(l), for: "doc-date", FormControls.input(id: "doc-date", name: "date", type: "date", value: d?.date ?? input?.date ?? MaterialValidation.today(Date()), attributes: ro)))
          \(FormControls.field(Text("供应商（采购入库必填）", "Supplier (required for purchase)")(l), for: "doc-supplier", FormControls.select(id: "doc-supplier", name: "supplierId", options: supplierOptions, selected: d?.supplierId ?? input?.supplierId, attributes: ro)))
          \(FormControls.field(Text("批准记录（报废出库必填）", "Approval (required for scrap)")(l), for: "doc-approval", FormControls.input(id: "doc-approval", name: "approvalRef", value: d?.approvalRef ?? input?.approvalRef, attributes: ro)))
          \(FormControls.field(Text("备注", "Remark")(l), for: "doc-remark", FormControls.input(id: "doc-remark", name: "remark", value: d?.remark ?? input?.remark, attributes: ro)))
          </div>
          \(LineEditor.render(items: items, lines: lines, editable: editing, rows: 5, l))
        </form>
        \(stockCheck)
        """
        return shell.render(page, title: title, active: "stock-documents", body: body, breadcrumbs: .underActive).response(status: error == nil ? .ok : error!.status)
    }

    static func input(_ form: FormData) throws -> StockDocumentInput {
        StockDocumentInput(direction: form["direction"], reason: form["reason"], warehouseId: form["warehouseId"], supplierId: form["supplierId"] ?? "",
                           date: form["date"], remark: form["remark"] ?? "", approvalRef: form["approvalRef"], lines: try MaterialsPages.lines(form))
    }

    func create(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        var input = StockDocumentInput(direction: form["direction"])
        do {
            input = try Self.input(form)
            if TextRules.trimmed(input.supplierId) == nil { input.supplierId = nil }
            let doc = try await api.documents.create(input, by: principal)
            return Redirect.to("/materials/documents/\(doc.id)?notice=created")
        } catch let e as AppError where e.status != .forbidden {
            return try await self.form(request, context, document: nil, input: input, error: e)
        }
    }

    func edit(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        do {
            var input = try Self.input(form)
            input.direction = nil
            input.warehouseId = nil
            _ = try await api.documents.update(id: id, input, by: principal)
            return Redirect.to("/materials/documents/\(id)?notice=saved")
        } catch let e as AppError where e.status != .forbidden && e.status != .notFound {
            let doc = try await api.documents.get(id: id, viewer: principal)
            return try await self.form(request, context, document: doc, input: nil, error: e)
        }
    }

    func act(_ request: Request, _ context: KefuContext, action: String) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        return try await MaterialsPages.perform(action, listPath: "/materials/documents", itemPath: "/materials/documents/\(id)",
            delete: { try await api.documents.delete(id: id, by: principal) },
            audit: { _ = try await api.documents.audit(id: id, by: principal) },
            unaudit: { _ = try await api.documents.unaudit(id: id, by: principal) },
            refused: { e in try await form(request, context, document: try await api.documents.get(id: id, viewer: principal), input: nil, error: e) })
    }

}
