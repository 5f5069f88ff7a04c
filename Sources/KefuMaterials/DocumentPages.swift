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
        router.get("/materials/documents/new") { request, context in try await form(request, context, id: nil) }
        router.post("/materials/documents") { request, context in try await create(request, context) }
        router.get("/materials/documents/:id") { request, context in try await form(request, context, id: try context.parameters.require("id")) }
        router.post("/materials/documents/:id/edit") { request, context in try await edit(request, context) }
        for action in ["delete", "audit", "unaudit"] {
            router.post("/materials/documents/:id/\(action)") { request, context in try await act(request, context, action: action) }
        }
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = MaterialNotices.page(request, context)
        let l = page.locale
        let query = request.queryDictionary
        let model = try await api.documents.listPageModel(try DocumentFilter.parse(query), paging: try Paging.from(query, defaultPer: 25), viewer: principal)
        let result = model.result, warehouses = model.warehouses
        let rows: [DataTable.Row] = result.items.map { d in
            DataTable.Row([
                .init("<a class=\"document-link\" href=\"/materials/documents/\(d.id)\">\(d.number)</a>", class: "nowrap"), .init("\(d.date)"),
                .init("\(MaterialLabels.direction(StockDirection(rawValue: d.direction) ?? .in), l)"), .init("\(MaterialLabels.reasonText(d.reason), l)"),
                .init("\(d.warehouseName)"), .init("\(d.polarity == "red" ? Text("红字", "Red") : Text("蓝字", "Blue"), l)"),
                .init("<span class=\"badge status-\(d.status)\">\(MaterialLabels.status(d.status), l)</span>"), .init("\(d.remark)"),
            ], attributes: "class=\"document-row\" data-id=\"\(d.id)\"")
        }
        let dirOptions = [("", Text("全部", "All")(l))] + StockDirection.allCases.map { ($0.rawValue, MaterialLabels.direction($0)(l)) }
        let reasonOptions = [("", Text("全部", "All")(l))] + StockReason.allCases.map { ($0.rawValue, MaterialLabels.reason($0)(l)) }
        let statusOptions = [("", Text("全部", "All")(l))] + DocumentStatus.allCases.map { ($0.rawValue, MaterialLabels.status($0.rawValue)(l)) }
        let whOptions = [("", Text("全部", "All")(l))] + warehouses.map { ($0.id, "\($0.code) \($0.name)") }
        let unitOptions = [("", Text("全部", "All")(l))] + model.units.map { ($0.id, $0.name) }
        let table: HTML = result.items.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有单据", "No documents"), l)</p>"
            : DataTable.render(id: "document-list", headers: [Text("单据号", "Number"), Text("日期", "Date"), Text("单据", "Kind"), Text("类别", "Category"),
                                                              Text("仓库", "Warehouse"), Text("红蓝字", "Polarity"), Text("状态", "Status"), Text("备注", "Remark")].map { $0(l) },
                               rows: rows)
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

    /// The document screen: a new document (`id == nil`), a saved one read-only, or in edit mode (`?mode=edit`). A
    /// refused save comes back here through `FormFlash` (#11.2) and is drawn again with everything typed, the message
    /// at its field or line.
    func form(_ request: Request, _ context: KefuContext, id: String?) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = MaterialNotices.page(request, context)
        let l = page.locale
        let query = request.queryDictionary
        let state = page.formState(action: id.map { "/materials/documents/\($0)/edit" } ?? "/materials/documents")
        let refused: FormState? = state.error == nil ? nil : state
        let m = try await api.documents.pageModel(id: id, wantsEdit: refused != nil || query["mode"] == "edit", viewer: principal)
        let d = m.document
        let typed = refused?.values ?? [:]
        let error = refused?.error
        func value(_ name: String, _ saved: String?) -> String? { refused != nil ? typed[name] : saved }
        func fieldError(_ name: String) -> String? { refused?.message(for: name, l) }
        let direction = StockDirection(rawValue: d?.direction ?? typed["direction"] ?? query["direction"] ?? "in") ?? .in
        let editing = m.editing
        let title = d.map { Text("{0} {1}", "{0} {1}").with(MaterialLabels.direction(direction).zh, $0.number) } ?? MaterialLabels.direction(direction)
        let reasonOptions = (d?.reason == "transfer" ? [StockReason.transfer] : StockReason.userChoices(direction)).map { ($0.rawValue, MaterialLabels.reason($0)(l)) }
        let supplierOptions = [("", "—")] + m.suppliers.map { ($0.id, "\($0.code) \($0.name)") }
        let supplierName = m.suppliers.first { $0.id == d?.supplierId }.map { "\($0.code) \($0.name)" }
        let statusLine: HTML = d.map {
            "<p class=\"meta\" id=\"document-status\" data-status=\"\($0.status)\">\(Text("状态", "Status"), l)：\(MaterialLabels.status($0.status), l) · \($0.polarity == "red" ? Text("红字", "Red") : Text("蓝字", "Blue"), l)</p>"
        } ?? .empty
        let base = d.map { "/materials/documents/\($0.id)" } ?? ""
        let toolbar = MaterialToolbar.render(id: "document-toolbar", m.toolbar, targets: [
            .add: .link("/materials/documents/new?direction=\(direction.rawValue)"), .save: .submit(form: "document-form"), .edit: .link(base + "?mode=edit"),
            .delete: .post(base + "/delete", confirm: Text("确定删除该单据？", "Delete this document?")), .audit: .post(base + "/audit"), .unaudit: .post(base + "/unaudit"),
            .drill: .link(d?.transferId.map { "/materials/transfers/\($0)" } ?? "#"), .print: .print,
        ], page: page)
        let content: HTML
        if let d, !editing {
            content = """
            <dl class="facts document-facts" id="document-facts">
            <dt>\(Text("仓库", "Warehouse"), l)</dt><dd id="doc-warehouse">\(d.warehouseName)</dd>
            <dt>\(Text("类别", "Category"), l)</dt><dd id="doc-reason">\(MaterialLabels.reasonText(d.reason), l)</dd>
            <dt>\(Text("日期", "Date"), l)</dt><dd id="doc-date">\(d.date)</dd>
            \(supplierName.map { "<dt>\(Text("供应商", "Supplier"), l)</dt><dd id=\"doc-supplier\">\($0)</dd>" as HTML } ?? .empty)
            \(d.approvalRef.map { "<dt>\(Text("批准记录", "Approval"), l)</dt><dd id=\"doc-approval\">\($0)</dd>" as HTML } ?? .empty)
            <dt>\(Text("备注", "Remark"), l)</dt><dd id="doc-remark">\(d.remark)</dd>
            \(m.arrival.map { "<dt>\(Text("到货验收单", "Arrival check"), l)</dt><dd><a id=\"doc-arrival\" href=\"/materials/arrivals/\($0.id)\">\($0.number)</a></dd>" as HTML } ?? .empty)
            \(TicketPartsLinks.fact(d, l))
            </dl>
            \(LineGrid.readOnly(d.lines, storage: m.lineStorage, l))
            """
        } else {
            let whOptions = m.warehouses.map { ($0.id, "\($0.code) \($0.name)（\(MaterialLabels.condition($0.condition)(l))）") }
            let warehouseControl: HTML = d == nil
                ? FormControls.select(id: "doc-warehouse", name: "warehouseId", options: whOptions, selected: typed["warehouseId"])
                : "<input type=\"text\" id=\"doc-warehouse\" value=\"\(d!.warehouseName)\" disabled title=\"\(Text("已保存单据的仓库不能修改（DOC-05）", "The warehouse of a saved document cannot change (DOC-05)"), l)\">"
            let rows = refused != nil ? LineGrid.rows(FormData(values: typed)) : (d?.lines ?? []).map { LineGrid.Row($0, storage: m.lineStorage[$0.lineNo]) }
            // #12: bins on every line; on an issue the FEFO proposal (ISS-06). A new form starts with its first warehouse.
            let storage = LineStorageCells(warehouseId: d?.warehouseId ?? typed["warehouseId"] ?? m.warehouses.first?.id ?? "", fefo: direction == .out)
            content = """
            <form method="post" action="\(d.map { "/materials/documents/\($0.id)/edit" } ?? "/materials/documents")" id="document-form" class="document-form">
              \(page.csrfField)<input type="hidden" name="direction" value="\(direction.rawValue)">
              <div class="grid">
              \(FormControls.field(Text("仓库", "Warehouse")(l), for: "doc-warehouse", warehouseControl, error: fieldError("warehouseId")))
              \(FormControls.field(Text("类别", "Category")(l), for: "doc-reason", FormControls.select(id: "doc-reason", name: "reason", options: reasonOptions, selected: value("reason", d?.reason)), error: fieldError("reason")))
              \(FormControls.field(Text("日期", "Date")(l), for: "doc-date", FormControls.input(id: "doc-date", name: "date", type: "date", value: value("date", d?.date ?? MaterialValidation.today(Date()))), error: fieldError("date")))
              \(FormControls.field(Text("供应商（采购入库必填）", "Supplier (required for purchase)")(l), for: "doc-supplier", FormControls.select(id: "doc-supplier", name: "supplierId", options: supplierOptions, selected: value("supplierId", d?.supplierId)), error: fieldError("supplierId")))
              \(FormControls.field(Text("批准记录（报废出库必填）", "Approval (required for scrap)")(l), for: "doc-approval", FormControls.input(id: "doc-approval", name: "approvalRef", value: value("approvalRef", d?.approvalRef)), error: fieldError("approvalRef")))
              \(FormControls.field(Text("备注", "Remark")(l), for: "doc-remark", FormControls.input(id: "doc-remark", name: "remark", value: value("remark", d?.remark)), error: fieldError("remark")))
              </div>
              \(LineGrid.editable(rows, error: error, batches: direction == .in, storage: storage, l))
            </form>
            """
        }
        let body: HTML = """
        <h1 id="document-title">\(title, l)</h1>
        \(toolbar)
        \(statusLine)
        \(d == nil ? .empty : DocumentPrint.people(m.signedBy, l))
        \(content)
        \(d == nil ? .empty : DocumentPrint.signatures(l, roles: DocumentPrint.documentRoles))
        <div class="no-print">\(OnHandCheck.render(m.stockCheck, l))</div>
        \(PlacementTable.render(m.placements, l))
        """
        return shell.render(page, title: title, active: "stock-documents", body: body, breadcrumbs: .underActive).response()
    }

    static func input(_ form: FormData) throws -> StockDocumentInput {
        StockDocumentInput(direction: form["direction"], reason: form["reason"], warehouseId: form["warehouseId"], supplierId: form["supplierId"] ?? "",
                           date: form["date"], remark: form["remark"] ?? "", approvalRef: form["approvalRef"], lines: try LineGrid.inputs(LineGrid.rows(form)))
    }

    /// 保存 of a new document; a refusal is thrown on to `FormFlash`, which returns to the form with everything typed.
    func create(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var input = try Self.input(try await FormData.read(request))
        if TextRules.trimmed(input.supplierId) == nil { input.supplierId = nil }
        let doc = try await api.documents.create(input, by: principal)
        return Redirect.to("/materials/documents/\(doc.id)?notice=created&what=" + urlQueryValue(doc.number))
    }

    func edit(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        var input = try Self.input(try await FormData.read(request))
        input.direction = nil
        input.warehouseId = nil
        let doc = try await api.documents.update(id: id, input, by: principal)
        return Redirect.to("/materials/documents/\(id)?notice=saved&what=" + urlQueryValue(doc.number))
    }

    /// 删除 / 审核 / 弃审, POST-redirect-GET both ways: done → the page with what happened; refused → back to the page
    /// with why (`FormFlash`), so a reload never repeats the action.
    func act(_ request: Request, _ context: KefuContext, action: String) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        return try await MaterialsPages.perform(action, listPath: "/materials/documents", itemPath: "/materials/documents/\(id)",
            delete: { try await api.documents.delete(id: id, by: principal) },
            audit: { try await api.documents.audit(id: id, by: principal).number },
            unaudit: { try await api.documents.unaudit(id: id, by: principal).number })
    }
}
