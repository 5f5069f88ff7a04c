import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 返修损坏备件清单 (DMG-01/02, STO-08) as pages: the register in the viewer's scope (filtered, paged; on a phone each
/// part is a card), the one-column form the site's keeper fills in at the turbine, and the part's record. A refused
/// form comes back through `FormFlash` with what was typed and the reason under its field.
struct DamagedPartPages: Sendable {
    let damaged: DamagedPartService
    let shell: PageShell

    static let path = "/materials/damaged-parts"

    func register(on router: Router<KefuContext>) {
        router.get("/materials/damaged-parts") { request, context in try await list(request, context) }
        router.get("/materials/damaged-parts/new") { request, context in try await newForm(request, context) }
        router.post("/materials/damaged-parts") { request, context in try await create(request, context) }
        router.get("/materials/damaged-parts/:id") { request, context in try await detail(request, context) }
    }

    /// `?notice=damaged&what=<step>` in this feature's words.
    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = MaterialNotices.page(request, context)
        let q = request.uri.queryParameters
        guard q.get("notice") == "damaged", let what = q.get("what").map({ String($0) }) else { return base }
        let said: [String: Text] = [
            "register": Text("已登记损坏件", "Damaged part registered"), "create": Text("已建立返回批次", "Return batch made"),
            "checklist": Text("已保存装箱检查", "Packing checklist saved"), "ship": Text("已发运，清单已发送生产管理部库房", "Shipped; the list was sent to the production warehouse"),
            "receive": Text("已签收", "Received"),
        ]
        guard let text = said[what] else { return base }
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken, notice: text(base.locale), formFlash: base.formFlash, path: base.path)
    }

    static func badge(_ raw: String, _ l: AppLocale) -> HTML {
        "<span class=\"badge damaged-status\" data-status=\"\(raw)\">\(DamagedLabels.partStatus(raw), l)</span>"
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await damaged.partListModel(q, paging: try Paging.from(q, defaultPer: 25), viewer: principal)
        let rows: [DataTable.Row] = m.parts.items.map { p in
            DataTable.Row(plain: [
                "<a class=\"damaged-part-link\" href=\"\(Self.path)/\(p.id)\">\(p.number)</a>", "\(p.warehouseCode)", "\(p.itemCode) \(p.itemName)",
                "\(p.quantity.text)", "\(p.turbineNumber)", "\(p.replacedOn)", "\(p.repairClass)", "\(p.packedVolume?.text ?? "")", Self.badge(p.status, l),
            ], attributes: "class=\"damaged-part-row\" data-id=\"\(p.id)\"")
        }
        let statuses = [("", Text("全部状态", "All states")(l))] + DamagedPartStatus.allCases.map { ($0.rawValue, DamagedLabels.partStatus($0.rawValue)(l)) }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有登记的损坏件", "No damaged parts registered"), l)</p>"
            : DataTable.render(id: "damaged-part-list", headers: [Text("编号", "Number"), Text("仓库", "Warehouse"), Text("存货", "Item"), Text("数量", "Quantity"),
                                                                  Text("风机号", "Turbine"), Text("更换日期", "Replaced on"), Text("类别", "Class"),
                                                                  Text("装箱体积（m³）", "Packed (m³)"), Text("状态", "State")].map { $0(l) }, rows: rows)
        let body: HTML = """
        <div class="actions list-head"><h1 id="damaged-parts-title">\(Text("返修损坏备件清单", "Damaged-parts register"), l)</h1>
        \(m.canRegister ? "<a class=\"button\" id=\"new-damaged-part\" href=\"\(Self.path)/new\">\(Text("登记损坏件", "Register a part")(l))</a>" as HTML : .empty)
        <a class="button secondary" id="to-damaged-returns" href="\(DamagedReturnPages.path)">\(Text("返回批次", "Return batches"), l)</a>
        <a class="button secondary" id="to-return-status" href="\(DamagedStatusPage.path)">\(Text("返回提醒", "Return status"), l)</a></div>
        <form method="get" action="\(Self.path)" class="toolbar" id="damaged-part-filter">
        \(FormControls.field(Text("状态", "State")(l), for: "dp-filter-status", FormControls.select(id: "dp-filter-status", name: "status", options: statuses, selected: m.status?.rawValue ?? "")))
        <button type="submit" id="damaged-part-filter-apply">\(Text("筛选", "Filter"), l)</button></form>
        \(table)
        \(FormControls.pager(basePath: Self.path, query: q, page: m.parts.page, per: m.parts.per, total: m.parts.total, locale: l))
        """
        return shell.render(page, title: Text("返修损坏备件清单", "Damaged-parts register"), active: "damaged-parts", body: body).response()
    }

    func newForm(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let m = try await damaged.partFormModel(viewer: principal)
        let state = page.formState(action: Self.path)
        func fieldError(_ name: String) -> String? { state.message(for: name, l) }
        func text(_ name: String, _ label: Text, _ id: String, type: String = "text", attributes: String = "") -> HTML {
            state.textField(name, label, id, l, type: type, attributes: attributes)
        }
        guard !m.warehouses.isEmpty else {
            throw AppError.forbidden(Text("您没有可以登记损坏件的仓库", "You keep no warehouse where damaged parts can be registered"))
        }
        let warehouses = m.warehouses.map { ($0.id, "\($0.code) \($0.name)") }
        let classes = [("", Text("按存货档案", "As the item master says")(l))] + RepairClass.allCases.map { ($0.rawValue, DamagedLabels.repairClass($0.rawValue)(l)) }
        let fields = ["warehouseId", "itemId", "quantity", "turbineNumber", "replacedBy", "replacedOn", "newSerial", "oldSerial", "cause", "repairClass", "ticketId", "packedVolume"]
        let body: HTML = """
        <h1 id="damaged-part-form-title">\(Text("登记损坏件", "Register a damaged part"), l)</h1>
        <p class="hint">\(Text("每一件拆下的损坏备件都登记：名称规格、数量、风机号、更换人、更换日期、新旧备件编号和损坏原因（DMG-02）。",
                               "Register every part removed: item, quantity, turbine, who replaced it and when, the new and old serial numbers and the cause (DMG-02)."), l)</p>
        \(state.generalMessage(fields: Set(fields), l, id: "form-error"))
        <form method="post" action="\(Self.path)" id="damaged-part-form" class="one-column">\(page.csrfField)
        \(FormControls.field(Text("仓库", "Warehouse")(l), for: "dp-warehouse", FormControls.select(id: "dp-warehouse", name: "warehouseId", options: warehouses, selected: state.values["warehouseId"]), error: fieldError("warehouseId")))
        \(FormControls.field(Text("存货（编码或名称）", "Item (code or name)")(l), for: "dp-item",
                             FormControls.picker(id: "dp-item", name: "itemId", search: "/api/v1/search?kinds=item", shown: state.values["itemId"], value: state.values["itemId"]),
                             error: fieldError("itemId")))
        \(text("quantity", Text("数量", "Quantity"), "dp-quantity", attributes: "inputmode=\"decimal\""))
        \(text("turbineNumber", Text("风机号", "Turbine number"), "dp-turbine"))
        \(text("replacedBy", Text("更换人", "Replaced by"), "dp-replaced-by"))
        \(text("replacedOn", Text("更换日期", "Replaced on"), "dp-replaced-on", type: "date"))
        \(text("newSerial", Text("更换上的新备件编号", "New part's serial number"), "dp-new-serial"))
        \(text("oldSerial", Text("更换下的旧备件编号", "Old part's serial number"), "dp-old-serial"))
        \(text("cause", Text("损坏原因", "Cause of the damage"), "dp-cause"))
        \(FormControls.field(Text("类别（DMG-01）", "Class (DMG-01)")(l), for: "dp-class", FormControls.select(id: "dp-class", name: "repairClass", options: classes, selected: state.values["repairClass"] ?? ""), error: fieldError("repairClass")))
        \(text("ticketId", Text("工单号（可选）", "Ticket number (optional)"), "dp-ticket"))
        \(text("packedVolume", Text("装箱体积（立方米，装箱后填写）", "Packed volume (m³, once packed)"), "dp-volume", attributes: "inputmode=\"decimal\""))
        <div class="actions"><button type="submit" id="damaged-part-save">\(Text("登记", "Register"), l)</button></div>
        </form>
        """
        return shell.render(page, title: Text("登记损坏件", "Register a damaged part"), active: "damaged-parts", body: body, breadcrumbs: .underActive).response()
    }

    func create(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        var input = DamagedPartInput()
        input.warehouseId = form["warehouseId"]; input.itemId = form["itemId"]
        input.quantity = try DamagedPartForm.quantity(form["quantity"], field: "quantity")
        input.turbineNumber = form["turbineNumber"]; input.replacedBy = form["replacedBy"]; input.replacedOn = form["replacedOn"]
        input.newSerial = form["newSerial"]; input.oldSerial = form["oldSerial"]; input.cause = form["cause"]; input.repairClass = form["repairClass"]
        input.ticketId = form["ticketId"]
        input.packedVolume = try DamagedPartForm.quantity(form["packedVolume"], field: "packedVolume")
        let p = try await damaged.register(input, by: principal)
        return Redirect.to("\(Self.path)/\(p.id)?notice=damaged&what=register")
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let p = try await damaged.part(id: try context.parameters.require("id"), viewer: principal)
        let title = Text("损坏件 {0}", "Damaged part {0}").with(p.number)
        let batch: HTML = p.returnId.map { "<a id=\"damaged-part-return\" href=\"\(DamagedReturnPages.path)/\($0)\">\(p.returnNumber ?? "")</a>" } ?? "—"
        let body: HTML = """
        <h1 id="damaged-part-title">\(title, l)</h1>
        <p class="meta">\(Self.badge(p.status, l))</p>
        <dl class="facts" id="damaged-part-facts">
        <dt>\(Text("仓库", "Warehouse"), l)</dt><dd>\(p.warehouseCode) \(p.warehouseName)</dd>
        <dt>\(Text("存货", "Item"), l)</dt><dd>\(p.itemCode) \(p.itemName) \(p.spec)</dd>
        <dt>\(Text("数量", "Quantity"), l)</dt><dd>\(p.quantity.text) \(p.unit)</dd>
        <dt>\(Text("风机号", "Turbine number"), l)</dt><dd id="damaged-part-turbine">\(p.turbineNumber)</dd>
        <dt>\(Text("更换人", "Replaced by"), l)</dt><dd>\(p.replacedBy)</dd>
        <dt>\(Text("更换日期", "Replaced on"), l)</dt><dd>\(p.replacedOn)</dd>
        <dt>\(Text("新备件编号", "New serial"), l)</dt><dd>\(p.newSerial)</dd>
        <dt>\(Text("旧备件编号", "Old serial"), l)</dt><dd>\(p.oldSerial)</dd>
        <dt>\(Text("损坏原因", "Cause"), l)</dt><dd>\(p.cause)</dd>
        <dt>\(Text("类别", "Class"), l)</dt><dd id="damaged-part-class">\(DamagedLabels.repairClass(p.repairClass), l)</dd>
        <dt>\(Text("工单号", "Ticket"), l)</dt><dd>\(p.ticketId ?? "—")</dd>
        <dt>\(Text("装箱体积（m³）", "Packed volume (m³)"), l)</dt><dd>\(p.packedVolume?.text ?? "—")</dd>
        <dt>\(Text("返回批次", "Return batch"), l)</dt><dd>\(batch)</dd>
        <dt>\(Text("登记日期", "Registered on"), l)</dt><dd>\(p.registeredOn)</dd>
        </dl>
        <p class="no-print"><a href="\(Self.path)">\(Text("返回清单", "Back to the register"), l)</a></p>
        """
        return shell.render(page, title: title, active: "damaged-parts", body: body, breadcrumbs: .underActive).response()
    }
}

/// Typed numbers of the page forms ("1,5", full-width digits … as `UsualInput` reads them).
enum DamagedPartForm {
    static func quantity(_ raw: String?, field: String) throws -> Quantity? {
        guard let t = TextRules.trimmed(raw) else { return nil }
        guard let q = Quantity.parse(UsualInput.number(t) ?? t) else {
            throw AppError.validation(field, Text("请填写数字（最多三位小数）", "Write a number (at most three decimals)"))
        }
        return q
    }
}
