import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// REQ-10 年度物资需求计划 as pages (#13.1 item 2): the list by year, the form with its line grid (item and quantity for
/// the year), and the plan with each item's requested, shipped and remaining quantities, publish and print.
struct DemandPlanPages: Sendable {
    let plans: DemandPlanService
    let shell: PageShell

    static let path = "/materials/demand-plans"

    func register(on router: Router<KefuContext>) {
        router.get("/materials/demand-plans") { request, context in try await list(request, context) }
        router.get("/materials/demand-plans/new") { request, context in try await form(request, context, id: nil) }
        router.post("/materials/demand-plans") { request, context in try await save(request, context, id: nil) }
        router.get("/materials/demand-plans/:id") { request, context in try await detail(request, context) }
        router.get("/materials/demand-plans/:id/edit") { request, context in try await form(request, context, id: try context.parameters.require("id")) }
        router.post("/materials/demand-plans/:id/edit") { request, context in try await save(request, context, id: try context.parameters.require("id")) }
        router.post("/materials/demand-plans/:id/publish") { request, context in try await publish(request, context) }
    }

    static let events: [String: Text] = [
        "create": Text("已保存年度需求计划", "Demand plan saved"), "update": Text("已修订年度需求计划", "Demand plan revised"),
        "publish": Text("已发布年度需求计划，生产管理部和业务部已收到通知", "Demand plan published; production and the department were told"),
    ]

    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = MaterialNotices.page(request, context)
        let q = request.uri.queryParameters
        guard q.get("notice") == "demand_plan", let what = q.get("what").map({ String($0) }), let text = events[what] else { return base }
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken, notice: text(base.locale),
                           formFlash: base.formFlash, path: base.path)
    }

    static func stateBadge(_ raw: String, _ l: AppLocale) -> HTML {
        let label = raw == DemandPlanState.published.rawValue ? Text("已发布", "Published") : Text("草稿", "Draft")
        return "<span class=\"badge demand-plan-state\" data-state=\"\(raw)\">\(label, l)</span>"
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await plans.listPageModel(year: q["year"], paging: try Paging.from(q, defaultPer: 25), viewer: principal)
        let rows: [DataTable.Row] = m.plans.items.map { p in
            DataTable.Row(plain: [
                "<a class=\"demand-plan-link\" href=\"\(Self.path)/\(p.id)\">\(p.number)</a>", "\(String(p.year))", "\(p.orgUnitName)",
                Self.stateBadge(p.state, l), "\(String(p.version))", "\(p.publishedMillis.map(Times.display) ?? "—")",
            ], attributes: "class=\"demand-plan-row\" data-id=\"\(p.id)\"")
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有年度物资需求计划", "No demand plans"), l)</p>"
            : DataTable.render(id: "demand-plan-list", headers: [Text("编号", "Number"), Text("年度", "Year"), Text("业务部", "Department"), Text("状态", "State"),
                                                                 Text("版本", "Version"), Text("发布时间", "Published")].map { $0(l) }, rows: rows)
        let body: HTML = """
        <div class="actions list-head"><h1 id="demand-plans-title">\(Text("年度物资需求计划", "Annual demand plans"), l)</h1>
        \(m.canWrite ? "<a class=\"button\" id=\"new-demand-plan\" href=\"\(Self.path)/new\">\(Text("新增", "Add")(l))</a>" as HTML : .empty)</div>
        <p class="hint">\(Text("业务管理部按业务部编制年度物资需求计划，以内部联络单附件形式提交生产管理部（REQ-10）；各行显示本年度已申请、已发货数量。",
                               "HQ writes each department's annual material demand plan and files it with production (REQ-10); each line shows what was requested and shipped this year."), l)</p>
        <form method="get" action="\(Self.path)" class="toolbar" id="demand-plan-filter">
        \(FormControls.field(Text("年度", "Year")(l), for: "dp-filter-year", FormControls.input(id: "dp-filter-year", name: "year", value: q["year"], attributes: "inputmode=\"numeric\"")))
        <button type="submit" id="demand-plan-filter-apply">\(Text("筛选", "Filter"), l)</button></form>
        \(table)
        \(FormControls.pager(basePath: Self.path, query: q, page: m.plans.page, per: m.plans.per, total: m.plans.total, locale: l))
        """
        return shell.render(page, title: Text("年度物资需求计划", "Annual demand plans"), active: "demand-plans", body: body).response()
    }

    func form(_ request: Request, _ context: KefuContext, id: String?) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let m = try await plans.formModel(id: id, viewer: principal)
        let p = m.plan
        let action = id.map { "\(Self.path)/\($0)/edit" } ?? Self.path
        let state = page.formState(action: action)
        let refused = state.error != nil
        func value(_ name: String, _ current: String?) -> String? { refused ? state.values[name] : current }
        let rows: [LineGrid.Row] = refused ? LineGrid.rows(FormData(values: state.values))
            : (p?.lines ?? []).map { LineGrid.Row(itemId: $0.itemId, itemText: "\($0.itemCode) \($0.itemName)", quantity: $0.quantity.text, remark: $0.note) }
        let fixed: HTML = p.map { p in
            "<p class=\"meta\" id=\"demand-plan-fixed\">\(String(p.year)) · \(p.orgUnitName) · \(Text("版本", "version")(l)) \(String(p.version))</p>"
        } ?? """
            <div class="grid">
            \(FormControls.field(Text("年度", "Year")(l), for: "dp-year", FormControls.input(id: "dp-year", name: "year", value: value("year", String(Times.year(Date()) + 1)),
                                                                                          attributes: "inputmode=\"numeric\" required"), error: state.message(for: "year", l)))
            \(FormControls.field(Text("业务部", "Department")(l), for: "dp-unit", FormControls.select(id: "dp-unit", name: "orgUnitId", options: m.units.map { ($0.id, $0.name) },
                                                                                                  selected: value("orgUnitId", nil)), error: state.message(for: "orgUnitId", l)))
            </div>
            """
        let title = p.map { Text("修订年度需求计划 {0}", "Revise demand plan {0}").with($0.number) } ?? Text("新增年度物资需求计划", "New annual demand plan")
        let body: HTML = """
        <h1 id="demand-plan-form-title">\(title, l)</h1>
        <p class="hint">\(Text("每行一种物资及其全年需求数量。", "One line per item with its quantity for the year."), l)</p>
        \(state.generalMessage(fields: ["year", "orgUnitId", "note"], l, id: "form-error"))
        <form method="post" action="\(action)" id="demand-plan-form" class="one-column">\(page.csrfField)
        \(fixed)
        \(FormControls.field(Text("说明", "Note")(l), for: "dp-note", FormControls.input(id: "dp-note", name: "note", value: value("note", p?.note)), error: state.message(for: "note", l)))
        \(LineGrid.editable(rows, error: state.error, l))
        <div class="actions"><button type="submit" id="demand-plan-save">\(Text("保存", "Save"), l)</button></div>
        </form>
        """
        return shell.render(page, title: title, active: "demand-plans", body: body, breadcrumbs: .underActive).response()
    }

    func save(_ request: Request, _ context: KefuContext, id: String?) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        let lines = try LineGrid.inputs(LineGrid.rows(form)).map {
            MaterialRequestLineInput(itemId: $0.itemId, itemCode: $0.itemCode, quantity: $0.quantity, note: $0.remark)
        }
        var year: Int?
        if id == nil {
            guard let typed = TextRules.trimmed(form["year"]).map({ UsualInput.number($0) ?? $0 }), let y = Int(typed) else {
                throw AppError.validation("year", Text("年度应为四位数字", "The year has four digits"))
            }
            year = y
        }
        let input = DemandPlanInput(year: year, orgUnitId: id == nil ? form["orgUnitId"] : nil, note: form["note"], lines: lines)
        let p: DemandPlanView
        if let id { p = try await plans.update(id: id, input, by: principal) } else { p = try await plans.create(input, by: principal) }
        return Redirect.to("\(Self.path)/\(p.id)?notice=demand_plan&what=" + (id == nil ? "create" : "update"))
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let m = try await plans.pageModel(id: try context.parameters.require("id"), viewer: principal)
        let p = m.plan
        let title = Text("{0} 年度物资需求计划 {1}", "Annual demand plan {1} ({0})").with(String(p.year), p.number)
        let rows: [DataTable.Row] = p.lines.map { line in
            DataTable.Row(plain: [
                "\(line.lineNo)", "\(line.itemCode)", "\(line.itemName)", "\(line.spec)", "\(line.unit)", "<span class=\"num\">\(line.quantity.text)</span>",
                "<span class=\"num demand-requested\">\(line.requested.text)</span>", "<span class=\"num\">\(line.shipped.text)</span>",
                line.overPlan ? "<strong class=\"num demand-over\">\(Text("超出计划", "Over plan")(l))</strong>" as HTML : "<span class=\"num\">\(line.remaining.text)</span>",
                "\(line.note)",
            ], attributes: "class=\"demand-plan-line\" data-item=\"\(line.itemCode)\"")
        }
        var tools: [HTML] = []
        if m.canWrite {
            tools.append("<a class=\"button\" id=\"demand-plan-edit\" href=\"\(Self.path)/\(p.id)/edit\">\(Text("修订", "Revise")(l))</a>")
            if p.stateValue == .draft {
                tools.append("""
                <form method="post" action="\(Self.path)/\(p.id)/publish" class="inline">\(page.csrfField)<button type="submit" id="demand-plan-publish">\(Text("发布并提交生产管理部", "Publish to production"), l)</button></form>
                """)
            }
        }
        tools.append("<button type=\"button\" id=\"demand-plan-print\" data-print>\(Text("打印", "Print")(l))</button>")
        let body: HTML = """
        <h1 id="demand-plan-title">\(title, l)</h1>
        <div class="actions u8-toolbar no-print" id="demand-plan-toolbar" role="toolbar">\(tools)</div>
        <p class="meta" id="demand-plan-state" data-state="\(p.state)">\(Self.stateBadge(p.state, l))</p>
        <dl class="facts" id="demand-plan-facts">
        <dt>\(Text("业务部", "Department"), l)</dt><dd>\(p.orgUnitName)</dd>
        <dt>\(Text("年度", "Year"), l)</dt><dd>\(String(p.year))</dd>
        <dt>\(Text("版本", "Version"), l)</dt><dd id="demand-plan-version">\(String(p.version))</dd>
        \(p.publishedMillis.map(Times.display).map { "<dt>\(Text("发布", "Published")(l))</dt><dd id=\"demand-plan-published\">\(p.publishedByName ?? "") · \($0)</dd>" } ?? .empty)
        \(p.note.isEmpty ? .empty : "<dt>\(Text("说明", "Note")(l))</dt><dd>\(p.note)</dd>" as HTML)
        </dl>
        \(DataTable.render(id: "demand-plan-lines", headers: [Text("行", "Line"), Text("物资编码", "Code"), Text("名称", "Name"), Text("规格", "Spec"), Text("单位", "Unit"),
                                                              Text("年度计划", "Planned"), Text("已申请", "Requested"), Text("已发货", "Shipped"),
                                                              Text("剩余", "Remaining"), Text("备注", "Note")].map { $0(l) }, rows: rows))
        \(DocumentPrint.signatures(l, roles: [Text("编制", "Prepared by"), Text("审核", "Reviewed by"), Text("生产管理部签收", "Received by production")]))
        <p class="no-print"><a href="\(Self.path)">\(Text("返回计划列表", "Back to the plans"), l)</a></p>
        """
        return shell.render(page, title: title, active: "demand-plans", body: body, breadcrumbs: .underActive).response()
    }

    func publish(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        _ = try await plans.publish(id: id, by: principal)
        return Redirect.to("\(Self.path)/\(id)?notice=demand_plan&what=publish")
    }
}
