import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 工具借用登记 (#13.5, LND-01, LND-02, LND-04) as pages: the register (open, overdue, all; filters, pages), the loan
/// form a site keeper or lead fills in on a phone, and the loan with its return form for the site lead and its print
/// (借用单) with signature lines. A refusal comes back through `FormFlash` with what was typed.
struct ToolLoanPages: Sendable {
    let loans: ToolLoanService
    let shell: PageShell

    static let path = "/materials/tool-loans"

    func register(on router: Router<KefuContext>) {
        router.get("/materials/tool-loans") { request, context in try await list(request, context) }
        router.get("/materials/tool-loans/new") { request, context in try await newForm(request, context) }
        router.post("/materials/tool-loans") { request, context in try await create(request, context) }
        router.get("/materials/tool-loans/:id") { request, context in try await detail(request, context) }
        router.post("/materials/tool-loans/:id/return") { request, context in try await returnLoan(request, context) }
    }

    /// The notice after a step (`?notice=tool_loan&what=lent|returned&number=`).
    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = context.page(request)
        let q = request.uri.queryParameters
        guard q.get("notice") == "tool_loan", let what = q.get("what").map({ String($0) }) else { return base }
        let number = q.get("number").map { " " + String($0.prefix(20)) } ?? ""
        let said = what == "returned" ? Text("已登记归还", "Return recorded") : Text("已登记借出", "Loan recorded")
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken, notice: said(base.locale) + number,
                           formFlash: base.formFlash, path: base.path)
    }

    static func statusBadge(_ v: ToolLoanView, _ l: AppLocale) -> HTML {
        let overdue: HTML = v.daysOverdue.map { " <span class=\"badge loan-overdue\" data-days=\"\($0)\">\(ToolLoanLabels.overdue($0), l)</span>" } ?? .empty
        return "<span class=\"badge loan-status\" data-status=\"\(v.status)\">\(ToolLoanLabels.status(v.status), l)</span>\(overdue)"
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await loans.registerModel(q, paging: try Paging.from(q, defaultPer: 25), viewer: principal)
        let f = m.filter
        let rows: [DataTable.Row] = m.loans.items.map { v in
            DataTable.Row([
                DataTable.Cell("<a class=\"tool-loan-link\" href=\"\(Self.path)/\(v.id)\">\(v.number)</a>"),
                DataTable.Cell("\(v.warehouseCode) \(v.warehouseName)"),
                DataTable.Cell("\(v.itemCode) \(v.itemName)"),
                DataTable.Cell("\(v.quantity.text) \(v.unit)"),
                DataTable.Cell("\(v.borrower) · \(v.workGroup)"),
                DataTable.Cell("\(v.lentOn)"),
                DataTable.Cell("\(v.dueOn)", class: v.daysOverdue == nil ? "" : "overdue"),
                DataTable.Cell(Self.statusBadge(v, l)),
                DataTable.Cell("\(v.returnedOn ?? "")\(v.condition == nil ? "" : " · " + ToolLoanLabels.condition(v.condition)(l))"),
            ], attributes: "class=\"tool-loan-row\" data-id=\"\(v.id)\" data-number=\"\(v.number)\" data-status=\"\(v.status)\"")
        }
        let empty: Text = switch f.view {
        case .open: Text("没有未归还的工具", "No tools are out")
        case .overdue: Text("没有逾期未还的工具", "No loans are overdue")
        case .all: Text("还没有工具借用记录", "No tool loans yet")
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(empty, l)</p>"
            : DataTable.render(id: "tool-loan-list", headers: [Text("借用单号", "Loan no."), ToolLoanLabels.warehouse, ToolLoanLabels.tool, ToolLoanLabels.quantity,
                                                               Text("借用人 · 小组", "Borrower · group"), ToolLoanLabels.lentOn, ToolLoanLabels.dueOn,
                                                               Text("状态", "State"), Text("归还", "Returned")].map { $0(l) }, rows: rows)
        let kept = f.query
        func tab(_ v: ToolLoanRegisterView, _ count: Int?) -> HTML {
            var query = kept
            query["view"] = v.rawValue
            let href = Self.path + "?" + query.keys.sorted().map { "\($0)=\(urlQueryValue(query[$0]!))" }.joined(separator: "&")
            let current = v == f.view
            let label = ToolLoanLabels.view(v)(l) + (count.map { "（\($0)）" } ?? "")
            return "<a id=\"tool-loans-\(v.rawValue)\" href=\"\(href)\"\(HTML(raw: current ? " class=\"active\" aria-current=\"page\"" : ""))>\(label)</a>"
        }
        let warehouses = [("", Text("全部仓库", "All warehouses")(l))] + m.warehouses.map { ($0.id, "\($0.code) \($0.name)") }
        let sites: [DataTable.Row] = m.perSite.map { c in
            DataTable.Row(plain: [
                "<a class=\"tool-loan-site\" href=\"\(Self.path)?view=open&warehouseId=\(c.warehouseId)\">\(c.code) \(c.name)</a>", "\(String(c.open))",
                c.overdue == 0 ? "0" : "<a class=\"tool-loan-site-overdue\" href=\"\(Self.path)?view=overdue&warehouseId=\(c.warehouseId)\">\(String(c.overdue))</a>",
            ], attributes: "class=\"tool-loan-site-row\" data-warehouse=\"\(c.warehouseId)\" data-open=\"\(String(c.open))\" data-overdue=\"\(String(c.overdue))\"")
        }
        let perSite: HTML = m.perSite.isEmpty || m.warehouses.count < 2 ? .empty : """
            <details class="no-print" id="tool-loan-sites" open><summary>\(Text("各现场未归还（LND-02）", "Out per site (LND-02)"), l)</summary>
            \(DataTable.render(id: "tool-loan-site-list", headers: [ToolLoanLabels.warehouse, Text("未归还", "Out"), Text("已逾期", "Overdue")].map { $0(l) }, rows: sites))</details>
            """
        var pagerQuery = kept
        pagerQuery["view"] = f.view.rawValue
        let body: HTML = """
        <div class="actions list-head"><h1 id="tool-loans-title">\(ToolLoanLabels.title, l)</h1>
        \(m.canLend ? "<a class=\"button\" id=\"new-tool-loan\" href=\"\(Self.path)/new\">\(Text("登记借出", "Lend a tool")(l))</a>" as HTML : .empty)</div>
        \(perSite)
        <nav class="tabs" id="tool-loan-views" aria-label="\(Text("借用登记视图", "Register views"), l)">\(tab(.open, m.openCount))\(tab(.overdue, m.overdueCount))\(tab(.all, nil))</nav>
        <form method="get" action="\(Self.path)" class="toolbar filters" id="tool-loan-filter">
        <input type="hidden" name="view" value="\(f.view.rawValue)">
        \(FormControls.field(ToolLoanLabels.warehouse(l), for: "tl-filter-warehouse", FormControls.select(id: "tl-filter-warehouse", name: "warehouseId", options: warehouses, selected: f.warehouseId ?? "")))
        \(FormControls.field(Text("借出日期从", "Lent from")(l), for: "tl-filter-from", FormControls.input(id: "tl-filter-from", name: "from", type: "date", value: f.from)))
        \(FormControls.field(Text("到", "to")(l), for: "tl-filter-to", FormControls.input(id: "tl-filter-to", name: "to", type: "date", value: f.to)))
        \(FormControls.field(Text("借用人 / 小组 / 单号", "Borrower / group / number")(l), for: "tl-filter-q", FormControls.input(id: "tl-filter-q", name: "q", value: f.who)))
        <button type="submit" id="tool-loan-filter-apply">\(Text("筛选", "Filter"), l)</button></form>
        <p class="hint">\(Text("逾期按日历天计算：应还日期的次日起未归还即为逾期（LND-02）。", "Overdue counts calendar days: a loan not back by the day after its due date is overdue (LND-02)."), l)</p>
        \(table)
        \(FormControls.pager(basePath: Self.path, query: pagerQuery, page: m.loans.page, per: m.loans.per, total: m.loans.total, locale: l))
        """
        return shell.render(page, title: ToolLoanLabels.title, active: "tool-loans", body: body).response()
    }

    func newForm(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let state = page.formState(action: Self.path)
        let m = try await loans.formModel(warehouseId: state.values["warehouseId"] ?? request.queryDictionary["warehouseId"], viewer: principal)
        let title = Text("登记工具借用", "Lend a tool")
        guard let w = m.warehouse else {
            let options = m.warehouses.map { ($0.id, "\($0.code) \($0.name)") }
            let body: HTML = """
            <h1 id="tool-loan-title">\(title, l)</h1>
            <form method="get" action="\(Self.path)/new" id="choose-warehouse">
            \(FormControls.field(ToolLoanLabels.warehouse(l), for: "tl-warehouse", FormControls.select(id: "tl-warehouse", name: "warehouseId", options: options, selected: nil)))
            <div class="actions"><button type="submit" id="choose-warehouse-next">\(Text("下一步", "Next"), l)</button></div></form>
            """
            return shell.render(page, title: title, active: "tool-loans", body: body, breadcrumbs: .underActive).response()
        }
        func error(_ name: String) -> String? { state.message(for: name, l) }
        func text(_ name: String, _ label: Text, _ id: String, type: String = "text", value: String? = nil, attributes: String = "") -> HTML {
            state.textField(name, label, id, l, type: type, fallback: value, attributes: attributes)
        }
        let picks = [("", Text("— 从本现场现存量中选择 —", "— pick from the site's on-hand —")(l))]
            + m.picks.map { ($0.itemId, "\($0.code) \($0.name) \($0.spec)（\(Text("可借", "can lend")(l)) \($0.available.text) \($0.unit)）") }
        let fields: Set<String> = ["warehouseId", "itemId", "quantity", "borrower", "workGroup", "purpose", "lentOn", "dueOn"]
        let body: HTML = """
        <h1 id="tool-loan-title">\(title, l)</h1>
        <p class="hint">\(Text("现场工具以工作小组名义借用时填写借用单，由现场总代表保存；归还时由现场总代表签字确认（LND-01）。",
                               "A work group borrowing a site tool fills in a loan form, kept by the site lead; on return the site lead signs it off (LND-01)."), l)</p>
        \(state.generalMessage(fields: fields, l, id: "form-error"))
        <form method="post" action="\(Self.path)" id="tool-loan-form">\(page.csrfField)
        <input type="hidden" name="warehouseId" value="\(w.id)">
        <p class="meta">\(ToolLoanLabels.warehouse, l)：<strong id="tl-warehouse-name">\(w.code) \(w.name)</strong>\(m.warehouses.count > 1 ? " · <a href=\"\(Self.path)/new\">\(Text("换一个", "change")(l))</a>" as HTML : .empty)</p>
        <div class="grid">
        \(FormControls.field(ToolLoanLabels.tool(l), for: "tl-item", FormControls.select(id: "tl-item", name: "itemId", options: picks, selected: state.values["itemId"]), error: error("itemId")))
        \(text("quantity", ToolLoanLabels.quantity, "tl-quantity", value: "1", attributes: "inputmode=\"decimal\""))
        \(text("borrower", ToolLoanLabels.borrower, "tl-borrower"))
        \(text("workGroup", ToolLoanLabels.workGroup, "tl-work-group"))
        \(text("purpose", ToolLoanLabels.purpose, "tl-purpose"))
        \(text("lentOn", ToolLoanLabels.lentOn, "tl-lent-on", type: "date", value: m.today))
        \(text("dueOn", ToolLoanLabels.dueOn, "tl-due-on", type: "date"))
        </div>
        <div class="actions"><button type="submit" id="tool-loan-save">\(Text("登记借出", "Record the loan"), l)</button></div>
        </form>
        """
        return shell.render(page, title: title, active: "tool-loans", body: body, breadcrumbs: .underActive).response()
    }

    func create(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        let input = ToolLoanInput(warehouseId: form["warehouseId"], itemId: form["itemId"], itemCode: form["itemCode"],
                                  quantity: try Self.quantity(form["quantity"]), borrower: form["borrower"], workGroup: form["workGroup"],
                                  purpose: form["purpose"], lentOn: form["lentOn"], dueOn: form["dueOn"])
        let v = try await loans.create(input, by: principal)
        return Redirect.to("\(Self.path)/\(v.id)?notice=tool_loan&what=lent&number=\(v.number)")
    }

    /// "3", "3,500", "３" as typed (`UsualInput`); nil when empty; a refusal under the field when not a number.
    static func quantity(_ typed: String?) throws -> Quantity? {
        guard let t = TextRules.trimmed(typed) else { return nil }
        guard let q = Quantity.parse(UsualInput.number(t) ?? t) else {
            throw AppError.validation("quantity", Text("数量应为数字", "The quantity must be a number"))
        }
        return q
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let v = try await loans.pageModel(id: try context.parameters.require("id"), viewer: principal)
        let title = Text("工具借用单 {0}", "Tool loan {0}").with(v.number)
        let returned: HTML = v.status == ToolLoanStatus.returned.rawValue ? """
            <h2>\(Text("归还", "Return"), l)</h2>
            <dl class="facts" id="tool-loan-return">
            <dt>\(ToolLoanLabels.returnedOn, l)</dt><dd id="tl-returned-on">\(v.returnedOn ?? "")</dd>
            <dt>\(Text("归还数量", "Returned quantity"), l)</dt><dd>\(v.returnedQuantity?.text ?? "") \(v.unit)</dd>
            <dt>\(ToolLoanLabels.condition, l)</dt><dd id="tl-condition" data-condition="\(v.condition ?? "")">\(ToolLoanLabels.condition(v.condition), l)\(v.returnNote.map { "：\($0)" } ?? "")</dd>
            \(v.sentToRepair ? "<dt>\(Text("处理", "Handling")(l))</dt><dd id=\"tl-sent-to-repair\">\(Text("已送修理部修理（LND-04）", "Sent to the repair shop (LND-04)")(l))</dd>" as HTML : .empty)
            <dt>\(Text("签字确认", "Signed off by"), l)</dt><dd id="tl-signed-off">\(v.signedOffByName ?? v.signedOffBy ?? "")\(v.signedOffMillis.map { " · " + Times.display($0) } ?? "")</dd>
            </dl>
            """ : .empty
        let body: HTML = """
        <h1 id="tool-loan-title">\(ToolLoanLabels.form, l) <span id="tool-loan-number">\(v.number)</span></h1>
        <div class="u8-toolbar no-print" id="tool-loan-toolbar"><button type="button" id="tool-loan-print" data-print>\(Text("打印借用单", "Print the loan form"), l)</button>
        <a class="button" href="\(Self.path)">\(Text("返回借用登记", "Back to the register"), l)</a></div>
        <p class="meta" id="tool-loan-state" data-status="\(v.status)">\(Self.statusBadge(v, l))</p>
        <dl class="facts" id="tool-loan-facts">
        <dt>\(ToolLoanLabels.warehouse, l)</dt><dd>\(v.warehouseCode) \(v.warehouseName)</dd>
        <dt>\(ToolLoanLabels.tool, l)</dt><dd id="tl-tool">\(v.itemCode) \(v.itemName) \(v.spec)</dd>
        <dt>\(ToolLoanLabels.quantity, l)</dt><dd id="tl-quantity">\(v.quantity.text) \(v.unit)</dd>
        <dt>\(ToolLoanLabels.borrower, l)</dt><dd id="tl-borrower">\(v.borrower)</dd>
        <dt>\(ToolLoanLabels.workGroup, l)</dt><dd>\(v.workGroup)</dd>
        <dt>\(ToolLoanLabels.purpose, l)</dt><dd>\(v.purpose)</dd>
        <dt>\(ToolLoanLabels.lentOn, l)</dt><dd>\(v.lentOn)</dd>
        <dt>\(ToolLoanLabels.dueOn, l)</dt><dd id="tl-due-on">\(v.dueOn)</dd>
        <dt>\(Text("登记人", "Recorded by"), l)</dt><dd>\(v.createdByName ?? v.createdBy) · \(Times.display(v.createdMillis))</dd>
        </dl>
        \(returned)
        \(returnForm(v, page: page))
        \(DocumentPrint.signatures(l, roles: [Text("借用人", "Borrower"), Text("保管员", "Storekeeper"), Text("现场总代表", "Site lead"), Text("归还确认", "Return signed off")]))
        """
        return shell.render(page, title: title, active: "tool-loans", body: body, breadcrumbs: .underActive).response()
    }

    /// LND-01, LND-04: the site lead's return form (the whole loan; a damaged tool says what is wrong and goes to repair).
    func returnForm(_ v: ToolLoanView, page: PageContext) -> HTML {
        guard v.actions.contains("return") else { return .empty }
        let l = page.locale
        let action = "\(Self.path)/\(v.id)/return"
        let state = page.formState(action: action)
        let conditions = ToolLoanCondition.allCases.map { ($0.rawValue, ToolLoanLabels.condition($0.rawValue)(l)) }
        return """
        <h2 class="no-print">\(Text("登记归还（现场总代表签字确认）", "Record the return (signed off by the site lead)"), l)</h2>
        \(state.generalMessage(fields: ["returnedOn", "condition", "note"], l, id: "return-error"))
        <form method="post" action="\(action)" id="tool-loan-return-form" class="no-print">\(page.csrfField)
        <div class="grid">
        \(FormControls.field(ToolLoanLabels.returnedOn(l), for: "tl-return-on", FormControls.input(id: "tl-return-on", name: "returnedOn", type: "date", value: state.values["returnedOn"] ?? MaterialValidation.today(Date())), error: state.message(for: "returnedOn", l)))
        \(FormControls.field(ToolLoanLabels.condition(l), for: "tl-return-condition", FormControls.select(id: "tl-return-condition", name: "condition", options: conditions, selected: state.values["condition"] ?? "good"), error: state.message(for: "condition", l)))
        \(FormControls.field(ToolLoanLabels.note(l), for: "tl-return-note", FormControls.input(id: "tl-return-note", name: "note", value: state.values["note"]), error: state.message(for: "note", l), hint: Text("损坏的工具立即送修理部修理（LND-04）", "A damaged tool goes to the repair shop at once (LND-04)")(l)))
        </div>
        <p class="hint">\(Text("整单归还：归还数量即借出数量 {0} {1}。", "The whole loan comes back: {0} {1}.").with(v.quantity.text, v.unit), l)</p>
        <div class="actions"><button type="submit" id="tool-loan-return">\(Text("确认归还并签字", "Sign off the return"), l)</button></div>
        </form>
        """
    }

    func returnLoan(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        let v = try await loans.returnLoan(id: id, ToolLoanReturnInput(returnedOn: form["returnedOn"], condition: form["condition"], note: form["note"]), by: principal)
        return Redirect.to("\(Self.path)/\(v.id)?notice=tool_loan&what=returned&number=\(v.number)")
    }
}
