import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #12.1 pages: 盘点单列表, a new stocktake, the stocktake (U8 toolbar by state and role, lines, the printable count
/// sheet with signature lines for counter and supervisor) and the tablet count page (item search, big touch targets,
/// a refused save drawn again with everything typed).
struct StocktakePages: Sendable {
    let api: MaterialsAPI
    let shell: PageShell
    var stocktakes: StocktakeService { api.stocktakes }

    static let steps: [StocktakeAction] = [.distribute, .submit, .return, .approve, .post, .assess]

    func register(on router: Router<KefuContext>) {
        StocktakeApproverPages(stocktakes: stocktakes, shell: shell).register(on: router)
        router.get("/materials/stocktakes") { request, context in try await list(request, context) }
        router.get("/materials/stocktakes/new") { request, context in try await newForm(request, context) }
        router.post("/materials/stocktakes") { request, context in try await create(request, context) }
        router.get("/materials/stocktakes/:id") { request, context in try await detail(request, context) }
        router.get("/materials/stocktakes/:id/count") { request, context in try await countPage(request, context) }
        router.post("/materials/stocktakes/:id/count") { request, context in try await saveCounts(request, context) }
        router.post("/materials/stocktakes/:id/import") { request, context in try await importSheet(request, context) }
        for step in Self.steps {
            router.post("/materials/stocktakes/:id/\(step.rawValue)") { request, context in try await act(request, context, step) }
        }
    }

    static func statusBadge(_ raw: String, _ l: AppLocale) -> HTML {
        let s = StocktakeStatus(rawValue: raw) ?? .draft
        return "<span class=\"badge stocktake-status\" data-status=\"\(raw)\">\(StocktakeLabels.status(s), l)</span>"
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = MaterialNotices.page(request, context)
        let l = page.locale
        let model = try await stocktakes.listPage(viewer: principal)
        let items = model.items
        // #11.5: a DataTable — on a phone each stocktake is a card of labelled lines.
        let rows: [DataTable.Row] = items.map { s in
            let overdue: HTML = s.overdue ? " <span class=\"badge overdue-flag\">\(Text("已逾期", "Overdue")(l))</span>" : .empty
            return DataTable.Row([.init("<a class=\"stocktake-link\" href=\"/materials/stocktakes/\(s.id)\">\(s.number)</a>", class: "nowrap"),
                                  .init("\(StocktakeLabels.kind(StocktakeKind(rawValue: s.kind) ?? .spot), l)"),
                                  .init("\(StocktakeLabels.scope(StocktakeScope(rawValue: s.scope) ?? .full), l)"),
                                  .init("\(Self.statusBadge(s.status, l))\(overdue)"), .init("\(s.deadline ?? "—")"), .init("\(s.counter)")],
                                 attributes: "class=\"stocktake-row\(s.overdue ? " overdue" : "")\"")
        }
        let table: HTML = items.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有盘点单", "No stocktakes"), l)</p>"
            : DataTable.render(id: "stocktake-list", headers: [Text("盘点单号", "Number"), Text("类型", "Kind"), Text("范围", "Scope"), Text("状态", "Status"),
                                                               Text("截止日期", "Deadline"), Text("盘点人", "Counter")].map { $0(l) }, rows: rows)
        let add: HTML = principal.roles.isDisjoint(with: StocktakeRules.creators) ? .empty
            : "<a class=\"button\" id=\"new-stocktake\" href=\"/materials/stocktakes/new\">\(Text("增加", "Add"), l)</a>"
        let body: HTML = """
        <div class="actions" style="justify-content:space-between"><h1>\(Text("盘点单列表", "Stocktakes"), l)</h1>\(add)</div>
        \(table)
        \(Self.cadenceTable(model.cadence, l))
        """
        return shell.render(page, title: Text("盘点单", "Stocktakes"), active: "stocktakes", body: body).response()
    }

    func newForm(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = MaterialNotices.page(request, context)
        let l = page.locale
        let state = page.formState(action: "/materials/stocktakes")
        let typed = state.values
        func fieldError(_ name: String) -> String? { state.message(for: name, l) }
        let model = try await stocktakes.formModel(viewer: principal)
        let warehouses = model.warehouses
        let boxes: [HTML] = warehouses.map { w in
            let checked = typed["wh_\(w.id)"] != nil ? " checked" : ""
            return "<label class=\"check\"><input type=\"checkbox\" name=\"wh_\(w.id)\" value=\"1\" data-warehouse-code=\"\(w.code)\"\(HTML(raw: checked))> \(w.code) \(w.name)</label>"
        }
        let kinds = StocktakeKind.allCases.map { ($0.rawValue, StocktakeLabels.kind($0)(l)) }
        let scopes = StocktakeScope.allCases.map { ($0.rawValue, StocktakeLabels.scope($0)(l)) }
        let body: HTML = """
        <h1>\(Text("新建盘点单", "New stocktake"), l)</h1>
        \(FormControls.errorBox(state.error, l))
        <form method="post" action="/materials/stocktakes" id="stocktake-form">\(page.csrfField)
        <fieldset id="stocktake-warehouses"><legend>\(Text("盘点仓库（可多选）", "Warehouses to count (one or more)"), l)</legend>\(boxes)
        \(fieldError("warehouseIds").map { "<p class=\"field-error\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)</fieldset>
        <div class="grid">
        \(FormControls.field(Text("盘点类型", "Kind")(l), for: "st-kind", FormControls.select(id: "st-kind", name: "kind", options: kinds, selected: typed["kind"] ?? "monthly"), error: fieldError("kind")))
        \(FormControls.field(Text("范围", "Scope")(l), for: "st-scope", FormControls.select(id: "st-scope", name: "scope", options: scopes, selected: typed["scope"]), error: fieldError("scope")))
        \(FormControls.field(Text("抽盘存货编码（以逗号或空格分隔）", "Spot-check item codes (comma or space separated)")(l), for: "st-items", FormControls.input(id: "st-items", name: "itemCodes", value: typed["itemCodes"]), error: fieldError("itemCodes") ?? fieldError("itemIds")))
        \(FormControls.field(Text("截止日期", "Deadline")(l), for: "st-deadline", FormControls.input(id: "st-deadline", name: "deadline", type: "date", value: typed["deadline"]), error: fieldError("deadline")))
        \(FormControls.field(Text("盘点人", "Counter")(l), for: "st-counter", FormControls.input(id: "st-counter", name: "counter", value: typed["counter"]), error: fieldError("counter")))
        \(FormControls.field(Text("监盘人（其他现场，STK-04）", "Supervisor (another site, STK-04)")(l), for: "st-supervisor", FormControls.input(id: "st-supervisor", name: "supervisor", value: typed["supervisor"]), error: fieldError("supervisor")))
        \(FormControls.field(Text("监盘现场（STK-04，须是被盘仓库以外的现场）", "Supervising site (STK-04, not the counted warehouses' site)")(l), for: "st-supervised-by", FormControls.select(id: "st-supervised-by", name: "supervisedBy", options: Self.supervisingSites(model, l), selected: typed["supervisedBy"]), error: fieldError("supervisedBy")))
        \(FormControls.field(Text("备注", "Remark")(l), for: "st-remark", FormControls.input(id: "st-remark", name: "remark", value: typed["remark"]), error: fieldError("remark")))
        </div>
        <div class="actions"><button type="submit" id="stocktake-save">\(Text("保存", "Save"), l)</button></div>
        </form>
        """
        return shell.render(page, title: Text("新建盘点单", "New stocktake"), active: "stocktakes", body: body, breadcrumbs: .underActive).response()
    }

    /// STK-04 choices: every active site, named with the warehouses of it the user sees (the server refuses the counted
    /// warehouses' own site).
    static func supervisingSites(_ model: StocktakeFormModel, _ l: AppLocale) -> [(String, String)] {
        let held = Dictionary(grouping: model.warehouses, by: \.orgUnitId)
        let sites = model.sites.map { site -> (String, String) in
            let codes = (held[site.id] ?? []).map(\.code).sorted().joined(separator: "、")
            return (site.id, "\(site.code) \(site.name)" + (codes.isEmpty ? "" : "（\(codes)）"))
        }
        return [("", Text("（无监盘现场）", "(no supervising site)")(l))] + sites
    }

    func create(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        let warehouseIds = form.values.keys.filter { $0.hasPrefix("wh_") }.map { String($0.dropFirst(3)) }.sorted()
        let codes = (form["itemCodes"] ?? "").split(whereSeparator: { $0 == "," || $0 == " " || $0 == "，" || $0 == "\n" }).map(String.init)
        let input = StocktakeInput(warehouseIds: warehouseIds, kind: form["kind"], scope: form["scope"], itemIds: nil, itemCodes: codes, deadline: form["deadline"],
                                   counter: form["counter"], supervisor: form["supervisor"], supervisedBy: form["supervisedBy"], remark: form["remark"])
        let s = try await stocktakes.create(input, by: principal)
        return Redirect.to("/materials/stocktakes/\(s.id)?notice=created&what=" + urlQueryValue(s.number))
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = MaterialNotices.page(request, context)
        let l = page.locale
        let s = try await stocktakes.get(id: try context.parameters.require("id"), viewer: principal)
        let base = "/materials/stocktakes/\(s.id)"
        let allowed = Set(s.actions)
        let buttons: [HTML] = Self.steps.map { step in
            let label = StocktakeLabels.action(step)
            guard allowed.contains(step.rawValue) else {
                return "<button type=\"button\" id=\"st-\(step.rawValue)\" disabled title=\"\(Text("当前状态或角色不能执行", "Not possible in this state or for your role")(l))\">\(label, l)</button>"
            }
            let note: HTML = step == .assess ? "<input type=\"text\" name=\"note\" id=\"st-assess-note\" placeholder=\"\(Text("考核意见（奖惩）", "Assessment (reward or penalty)")(l))\" aria-label=\"\(Text("考核意见（奖惩）", "Assessment (reward or penalty)")(l))\" required>"
                : step == .return ? "<input type=\"text\" name=\"comment\" id=\"st-return-comment\" placeholder=\"\(Text("退回原因", "Why it goes back")(l))\" aria-label=\"\(Text("退回原因", "Why it goes back")(l))\">" : .empty
            return "<form method=\"post\" action=\"\(base)/\(step.rawValue)\" class=\"inline\">\(page.csrfField)\(note)<button type=\"submit\" id=\"st-\(step.rawValue)\">\(label, l)</button></form>"
        }
        let countLink: HTML = allowed.contains(StocktakeAction.count.rawValue)
            ? "<a class=\"button\" id=\"st-count\" href=\"\(base)/count\">\(Text("录入实盘数", "Enter counts"), l)</a>" : .empty
        let importForm: HTML = allowed.contains(StocktakeAction.count.rawValue) ? Self.importForm(page, id: s.id, l) : .empty
        let sheets: HTML = s.status == StocktakeStatus.draft.rawValue ? .empty : """
            <a class="button" id="st-sheet-xlsx" href="/api/v1/stocktakes/\(s.id)/sheet.xlsx">\(Text("导出盘点表 XLSX", "Count sheet XLSX"), l)</a>
            <a class="button" id="st-sheet-csv" href="/api/v1/stocktakes/\(s.id)/sheet.csv">\(Text("导出盘点表 CSV", "Count sheet CSV"), l)</a>
            """
        // #11.5: a DataTable — on a phone each line is a card (book, moved, counted and difference labelled).
        let rows: [DataTable.Row] = s.lines.map { line in
            let reason = line.reasonCode.flatMap(StocktakeReasonCode.init(rawValue:)).map { StocktakeLabels.reason($0)(l) } ?? ""
            return DataTable.Row([.init("\(String(line.lineNo))"), .init("\(line.warehouseCode)"), .init("\(line.itemCode)", class: "nowrap"), .init("\(line.itemName)"),
                                  .init("\(line.unit)"), .init("\(line.snapshotQuantity.text)", class: "num"), .init("\(line.movementsSince.text)", class: "num"),
                                  .init("\(line.countedQuantity?.text ?? "")", class: "num counted"), .init("\(line.difference.map { $0.text } ?? "")", class: "num difference"),
                                  .init("\(reason)"), .init("\(line.reason)")],
                                 attributes: "class=\"stocktake-line\" data-item-code=\"\(line.itemCode)\"")
        }
        let docs: [HTML] = s.documents.map { d in
            "<li class=\"stocktake-document\"><a href=\"/materials/documents/\(d.id)\">\(d.number)</a> · \(d.direction == "in" ? Text("盘盈入库", "Gain receipt") : Text("盘亏出库", "Loss issue"), l)</li>"
        }
        let warehouses = s.warehouses.map { "\($0.code) \($0.name)" }.joined(separator: "、")
        let title = Text("盘点单 {0}", "Stocktake {0}").with(s.number)
        let body: HTML = """
        <h1 id="stocktake-title">\(title, l)</h1>
        <div class="actions u8-toolbar no-print" id="stocktake-toolbar">\(buttons)\(countLink)\(sheets)<button type="button" data-print id="st-print">\(Text("打印", "Print"), l)</button></div>
        \(importForm)
        <p class="meta" id="stocktake-status">\(Self.statusBadge(s.status, l)) · \(StocktakeLabels.kind(StocktakeKind(rawValue: s.kind) ?? .spot), l) · \(StocktakeLabels.scope(StocktakeScope(rawValue: s.scope) ?? .full), l)</p>
        <dl class="facts"><dt>\(Text("仓库", "Warehouses"), l)</dt><dd>\(warehouses)</dd><dt>\(Text("截止日期", "Deadline"), l)</dt><dd>\(s.deadline ?? "—")</dd>
        <dt>\(Text("盘点人", "Counter"), l)</dt><dd>\(s.counter)</dd><dt>\(Text("监盘人", "Supervisor"), l)</dt><dd>\(s.supervisor)</dd>
        <dt>\(Text("审批人", "Approver"), l)</dt><dd id="st-approver" data-rule="\(s.approvedBy == nil ? s.approver.rule : "approved")">\(StocktakeLabels.approver(s), l)</dd>
        <dt>\(Text("盘盈", "Gain"), l)</dt><dd id="st-gain">\(s.summary.gain.text)</dd><dt>\(Text("盘亏", "Loss"), l)</dt><dd id="st-loss">\(s.summary.loss.text)</dd>
        \(s.returnComment.isEmpty ? .empty : "<dt>\(Text("退回原因", "Returned because")(l))</dt><dd>\(s.returnComment)</dd>" as HTML)
        \(s.assessment.isEmpty ? .empty : "<dt>\(Text("考核", "Assessment")(l))</dt><dd id=\"st-assessment\">\(s.assessment)</dd>" as HTML)</dl>
        \(DataTable.render(id: "stocktake-lines", headers: [Text("行", "Line"), Text("仓库", "Warehouse"), Text("存货编码", "Item code"), Text("存货名称", "Item name"),
                                                           Text("单位", "Unit"), Text("账面数量", "Book"), Text("盘点期间变动", "Moved since"), Text("实盘数量", "Counted"),
                                                           Text("差异", "Difference"), Text("差异原因", "Reason code"), Text("说明", "Reason")].map { $0(l) }, rows: rows))
        \(docs.isEmpty ? .empty : "<h2>\(Text("盘盈盘亏单据", "Gain and loss documents")(l))</h2><ul id=\"stocktake-documents\">\(docs)</ul>" as HTML)
        \(DocumentPrint.signatures(l, roles: [Text("盘点人", "Counted by"), Text("监盘人", "Supervised by"), Text("账务员", "Accountant"), Text("业务部经理", "Department manager")]))
        """
        return shell.render(page, title: title, active: "stocktakes", body: body, breadcrumbs: .underActive).response()
    }

    /// The tablet count page: one card per line with a big number field, reason code and reason; a search box filters
    /// the cards by code or name. Only filled-in fields are sent.
    func countPage(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = MaterialNotices.page(request, context)
        let l = page.locale
        let id = try context.parameters.require("id")
        let s = try await stocktakes.get(id: id, viewer: principal)
        let action = "/materials/stocktakes/\(id)/count"
        let state = page.formState(action: action)
        let typed = state.values
        let reasons = [("", Text("（无差异）", "(no difference)")(l))] + StocktakeReasonCode.allCases.map { ($0.rawValue, StocktakeLabels.reason($0)(l)) }
        let cards: [HTML] = s.lines.map { line in
            let n = line.lineNo
            let counted = state.error != nil ? typed["counted_\(n)"] : line.countedQuantity?.text
            let code = state.error != nil ? typed["reasonCode_\(n)"] : line.reasonCode
            let reason = state.error != nil ? typed["reason_\(n)"] : line.reason
            let expected = Quantity(milli: line.snapshotQuantity.milli + line.movementsSince.milli)
            return """
            <div class="count-card" data-count-card data-search="\((line.itemCode + " " + line.itemName + " " + line.spec).lowercased())" id="card-\(n)">
            <input type="hidden" name="line_\(n)" value="\(line.warehouseId)|\(line.itemId)">
            <div class="count-item"><strong>\(line.itemCode)</strong> \(line.itemName) <span class="muted">\(line.spec) · \(line.warehouseCode)</span></div>
            <div class="count-book">\(Text("应存", "Expected"), l) <span class="count-expected">\(expected.text)</span> \(line.unit)</div>
            <label class="count-field">\(Text("实盘数量", "Counted"), l)<input type="text" inputmode="decimal" autocomplete="off" class="count-input" name="counted_\(n)" id="counted-\(n)" value="\(counted ?? "")" data-count-input></label>
            <label class="count-field">\(Text("差异原因", "Reason code"), l)\(FormControls.select(id: "reason-code-\(n)", name: "reasonCode_\(n)", options: reasons, selected: code))</label>
            <label class="count-field">\(Text("说明", "Reason"), l)<input type="text" name="reason_\(n)" id="reason-\(n)" value="\(reason ?? "")"></label>
            </div>
            """
        }
        let title = Text("录入实盘数 {0}", "Counts for {0}").with(s.number)
        let body: HTML = """
        <h1 id="count-title">\(title, l)</h1>
        \(FormControls.errorBox(state.error, l, id: "count-error"))
        <div class="count-search"><input type="search" id="count-search" data-count-search placeholder="\(Text("搜索存货编码或名称", "Search item code or name")(l))" autocomplete="off"></div>
        <form method="post" action="\(action)" id="count-form" class="count-form">\(page.csrfField)
        <div class="count-cards">\(cards)</div>
        <div class="count-actions"><button type="submit" id="count-save" class="count-save">\(Text("保存实盘数", "Save counts"), l)</button>
        <a class="button" href="/materials/stocktakes/\(id)">\(Text("返回盘点单", "Back to the stocktake"), l)</a></div>
        </form>
        """
        return shell.render(page, title: title, active: "stocktakes", body: body, breadcrumbs: .underActive).response()
    }

    func saveCounts(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        var lines: [StocktakeCountsInput.Line] = []
        let numbers = form.values.keys.compactMap { $0.hasPrefix("line_") ? Int($0.dropFirst(5)) : nil }.sorted()
        for n in numbers {
            guard let key = form["line_\(n)"], let counted = TextRules.trimmed(form["counted_\(n)"]) else { continue }
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            guard let q = Quantity.parse(UsualInput.number(counted) ?? counted) else {
                throw AppError.validation("counted_\(n)", Text("第 {0} 行：“{1}”不是数量", "Line {0}: \"{1}\" is not a quantity").with(String(n), counted))
            }
            lines.append(.init(itemId: parts[1], itemCode: nil, warehouseId: parts[0], countedQuantity: q, reasonCode: TextRules.trimmed(form["reasonCode_\(n)"]),
                               reason: form["reason_\(n)"]))
        }
        guard !lines.isEmpty else {
            throw AppError.validation("counted_1", Text("请至少填写一行实盘数量", "Enter at least one counted quantity"))
        }
        let s = try await stocktakes.counts(id: id, StocktakeCountsInput(lines: lines), by: principal)
        return Redirect.to("/materials/stocktakes/\(id)/count?notice=saved&what=" + urlQueryValue(s.number))
    }

    func act(_ request: Request, _ context: KefuContext, _ step: StocktakeAction) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        let s: StocktakeView
        switch step {
        case .distribute: s = try await stocktakes.distribute(id: id, by: principal)
        case .submit: s = try await stocktakes.submit(id: id, by: principal)
        case .return: s = try await stocktakes.sendBack(id: id, comment: form["comment"], by: principal)
        case .approve: s = try await stocktakes.approve(id: id, by: principal)
        case .post: s = try await stocktakes.post(id: id, by: principal)
        default: s = try await stocktakes.assess(id: id, note: form["note"], by: principal)
        }
        return Redirect.to("/materials/stocktakes/\(id)?notice=saved&what=" + urlQueryValue(s.number))
    }
}
