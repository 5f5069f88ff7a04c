import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 内部联络单 (4.4, REQ-01..09) as pages: the list filtered by state, the form with its line grid (one kind per form),
/// and the request with its planner clock, the steps the viewer may take now, the timeline of signatures, and the
/// printable form with signature lines. Refusals come back through `FormFlash` with what was typed.
struct MaterialRequestPages: Sendable {
    let requests: MaterialRequestService
    let shell: PageShell

    static let path = "/materials/requests"

    func register(on router: Router<KefuContext>) {
        router.get("/materials/requests") { request, context in try await list(request, context) }
        router.get("/materials/requests/new") { request, context in try await form(request, context, id: nil) }
        router.post("/materials/requests") { request, context in try await save(request, context, id: nil) }
        router.get("/materials/requests/:id") { request, context in try await detail(request, context) }
        router.get("/materials/requests/:id/edit") { request, context in try await form(request, context, id: try context.parameters.require("id")) }
        router.post("/materials/requests/:id/edit") { request, context in try await save(request, context, id: try context.parameters.require("id")) }
        for action in MaterialRequestAction.allCases {
            router.post("/materials/requests/:id/\(action.rawValue)") { request, context in try await act(request, context, action) }
        }
        router.post("/materials/requests/:id/backfill") { request, context in try await backfill(request, context) }
        OpenRequestsPage(requests: requests, shell: shell).register(on: router)
    }

    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = MaterialNotices.page(request, context)
        let q = request.uri.queryParameters
        guard q.get("notice") == "material_request", let what = q.get("what").map({ String($0) }) else { return base }
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken,
                           notice: Text("已办理：", "Done: ")(base.locale) + MaterialRequestLabels.action(what)(base.locale),
                           formFlash: base.formFlash, path: base.path)
    }

    static func stateBadge(_ raw: String, _ l: AppLocale) -> HTML {
        "<span class=\"badge material-request-state\" data-state=\"\(raw)\">\(MaterialRequestLabels.state(raw), l)</span>"
    }

    /// REQ-04: the planner's deadline, red once passed while the planner still has it.
    static func plannerClock(_ r: MaterialRequestView, _ l: AppLocale) -> HTML {
        guard let due = r.plannerDueMillis, r.stateValue == .plannerReview else { return .empty }
        let label = r.plannerBreached ? Text("计划员确认已超时（24 工作小时）", "Planner review overdue (24 working hours)")
                                      : Text("计划员确认期限（24 工作小时）", "Planner review due (24 working hours)")
        return "<span class=\"planner-clock\(r.plannerBreached ? " breached" : "")\" id=\"planner-clock\" data-breached=\"\(String(r.plannerBreached))\">\(label, l)：\(Times.display(due))</span>"
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let result = try await requests.list(state: q["state"], orgUnitId: nil, backfill: q["backfill"] == "1", filedAtHQ: q["filed"] == "1",
                                             paging: try Paging.from(q, defaultPer: 25), viewer: principal)
        let rows: [DataTable.Row] = result.items.map { r in
            DataTable.Row(plain: [
                "<a class=\"material-request-link\" href=\"\(Self.path)/\(r.id)\">\(r.number)</a>", "\(Times.display(r.createdMillis))", "\(r.orgUnitName)",
                "\(MaterialRequestLabels.kind(r.kind), l)", "\(MaterialRequestLabels.urgency(r.urgency), l)",
                Self.stateBadge(r.state, l), "\(MaterialRequestLabels.role(r.waitingFor), l)",
                r.backfillPending ? "<span class=\"badge warn\">\(Text("待补联络单", "Form to back-fill")(l))</span>" as HTML : Self.plannerClock(r, l),
            ], attributes: "class=\"material-request-row\" data-id=\"\(r.id)\"")
        }
        let states = [("", Text("全部", "All")(l)), ("open", Text("未关闭", "Open")(l))] + MaterialRequestState.allCases.map { ($0.rawValue, MaterialRequestLabels.state($0)(l)) }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有内部联络单", "No material requests"), l)</p>"
            : DataTable.render(id: "material-request-list", headers: [Text("单号", "Number"), Text("日期", "Date"), Text("申请单位", "Unit"), Text("类别", "Kind"),
                                                                      Text("紧急程度", "Urgency"), Text("状态", "State"), Text("等待", "Waiting for"),
                                                                      Text("期限", "Due")].map { $0(l) }, rows: rows)
        let body: HTML = """
        <div class="actions list-head"><h1 id="material-requests-title">\(Text("内部联络单", "Material requests"), l)</h1>
        \(MaterialRequestService.writes(principal) ? "<a class=\"button\" id=\"new-material-request\" href=\"\(Self.path)/new\">\(Text("新增", "Add")(l))</a>" as HTML : .empty)</div>
        <form method="get" action="\(Self.path)" class="toolbar" id="material-request-filter">
        \(FormControls.field(Text("状态", "State")(l), for: "mr-filter-state", FormControls.select(id: "mr-filter-state", name: "state", options: states, selected: q["state"] ?? "")))
        <label class="check"><input type="checkbox" name="backfill" value="1" id="mr-filter-backfill"\(q["backfill"] == "1" ? " checked" : "")> \(Text("待补联络单（REQ-09）", "Forms to back-fill (REQ-09)"), l)</label>
        <button type="submit" id="material-request-filter-apply">\(Text("筛选", "Filter"), l)</button></form>
        \(table)
        \(FormControls.pager(basePath: Self.path, query: q, page: result.page, per: result.per, total: result.total, locale: l))
        """
        return shell.render(page, title: Text("内部联络单", "Material requests"), active: "material-requests", body: body).response()
    }

    /// A new form, or a draft's edit; a refused save is drawn again as typed.
    func form(_ request: Request, _ context: KefuContext, id: String?) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let action = id.map { "\(Self.path)/\($0)/edit" } ?? Self.path
        let state = page.formState(action: action)
        let refused = state.error != nil
        var saved: MaterialRequestPageModel?
        if let id { saved = try await requests.pageModel(id: id, viewer: principal) }
        if let saved, !saved.canEdit { return Redirect.to("\(Self.path)/\(saved.request.id)") }
        let r = saved?.request
        func value(_ name: String, _ current: String?) -> String? { refused ? state.values[name] : current }
        func fieldError(_ name: String) -> String? { state.message(for: name, l) }
        let rows: [LineGrid.Row] = refused ? LineGrid.rows(FormData(values: state.values))
            : (r?.lines ?? []).map { LineGrid.Row(itemId: $0.itemId, itemText: "\($0.itemCode) \($0.itemName)", quantity: $0.quantity.text, remark: $0.note) }
        let urgent: HTML = id == nil && MaterialRequestService.releases(principal) ? """
            <label class="check" for="mr-urgent"><input type="checkbox" name="urgentRelease" value="1" id="mr-urgent"\(state.values["urgentRelease"] == "1" ? " checked" : "")> \
            \(Text("紧急放行：业务部代表现场向生产管理部申请，联络单事后补办（REQ-09）", "Urgent release: obtained by the department for the site, the form filed afterwards (REQ-09)"), l)</label>
            """ : .empty
        let title = r.map { Text("编辑内部联络单 {0}", "Edit material request {0}").with($0.number) } ?? Text("新增内部联络单", "New material request")
        let body: HTML = """
        <h1 id="material-request-form-title">\(title, l)</h1>
        <p class="hint">\(Text("工具、耗材、备件须分开申请；请写明物资编码、数量、紧急程度和申请理由（REQ-02）。", "Tools, consumables and spares go on separate requests; give the items, quantities, urgency and the reason (REQ-02)."), l)</p>
        \(state.generalMessage(fields: ["kind", "urgency", "reason", "orgUnitId"], l, id: "form-error"))
        <form method="post" action="\(action)" id="material-request-form">\(page.csrfField)
        <div class="grid">
        \(FormControls.field(Text("类别", "Kind")(l), for: "mr-kind", FormControls.select(id: "mr-kind", name: "kind",
            options: MaterialRequestKind.allCases.map { ($0.rawValue, MaterialRequestLabels.kind($0)(l)) }, selected: value("kind", r?.kind)), error: fieldError("kind")))
        \(FormControls.field(Text("紧急程度", "Urgency")(l), for: "mr-urgency", FormControls.select(id: "mr-urgency", name: "urgency",
            options: MaterialRequestUrgency.allCases.map { ($0.rawValue, MaterialRequestLabels.urgency($0.rawValue)(l)) }, selected: value("urgency", r?.urgency)), error: fieldError("urgency")))
        \(FormControls.field(Text("申请理由", "Reason")(l), for: "mr-reason", FormControls.input(id: "mr-reason", name: "reason", value: value("reason", r?.reason)), error: fieldError("reason")))
        </div>
        \(urgent)
        \(LineGrid.editable(rows, error: state.error, l))
        <div class="actions"><button type="submit" id="material-request-save">\(Text("保存", "Save"), l)</button></div>
        </form>
        """
        return shell.render(page, title: title, active: "material-requests", body: body, breadcrumbs: .underActive).response()
    }

    func save(_ request: Request, _ context: KefuContext, id: String?) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        let lines = try LineGrid.inputs(LineGrid.rows(form)).map {
            MaterialRequestLineInput(itemId: $0.itemId, itemCode: $0.itemCode, quantity: $0.quantity, note: $0.remark)
        }
        let input = MaterialRequestInput(kind: form["kind"], urgency: form["urgency"], reason: form["reason"], lines: lines, urgentRelease: form["urgentRelease"] == "1")
        let r: MaterialRequestView
        if let id { r = try await requests.update(id: id, input, by: principal) } else { r = try await requests.create(input, by: principal) }
        return Redirect.to("\(Self.path)/\(r.id)?notice=material_request&what=" + (id == nil ? "create" : "update"))
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let m = try await requests.pageModel(id: try context.parameters.require("id"), viewer: principal)
        let r = m.request
        let title = Text("内部联络单 {0}", "Material request {0}").with(r.number)
        let lines: [DataTable.Row] = r.lines.map { line in
            var cells: [HTML] = ["\(line.lineNo)", "\(line.itemCode)", "\(line.itemName)", "\(line.spec)", "\(line.model)", "\(line.unit)",
                                 "<span class=\"num\">\(line.quantity.text)</span>", "\(line.note)"]
            if let plan = m.plan { cells += MaterialRequestStepForms.planCells(plan.byItem[line.itemId], l) }
            return DataTable.Row(plain: cells, attributes: "class=\"material-request-line\"")
        }
        let planHeaders: [Text] = m.plan == nil ? [] : [Text("年度计划", "Planned this year"), Text("已申请", "Requested"), Text("已发货", "Shipped")]
        let backfill: HTML = r.backfillPending ? """
            <p class="flash-error" id="material-request-backfill">\(Text("紧急放行：联络单待补办（REQ-09）", "Urgent release: the form is still to be filed (REQ-09)"), l)</p>
            """ : .empty
        let body: HTML = """
        <h1 id="material-request-title">\(title, l)</h1>
        \(MaterialRequestStepForms.toolbar(m, page: page))
        <p class="meta" id="material-request-state" data-state="\(r.state)">\(Self.stateBadge(r.state, l)) · \(Text("等待：", "Waiting for: "), l)<span id="material-request-waiting">\(MaterialRequestLabels.role(r.waitingFor), l)</span> \(Self.plannerClock(r, l))</p>
        \(backfill)
        <dl class="facts" id="material-request-facts">
        <dt>\(Text("申请单位", "Requesting unit"), l)</dt><dd>\(r.orgUnitName)</dd>
        <dt>\(Text("类别", "Kind"), l)</dt><dd>\(MaterialRequestLabels.kind(r.kind), l)</dd>
        <dt>\(Text("紧急程度", "Urgency"), l)</dt><dd>\(MaterialRequestLabels.urgency(r.urgency), l)</dd>
        <dt>\(Text("申请理由", "Reason"), l)</dt><dd id="material-request-reason">\(r.reason)</dd>
        <dt>\(Text("版本", "Version"), l)</dt><dd id="material-request-version">\(String(r.version))</dd>
        \(r.filedAtHQ != nil ? "<dt>\(Text("业务管理部存档", "Filed at HQ")(l))</dt><dd id=\"material-request-filed\">\(Text("已存档", "Filed")(l))</dd>" as HTML : .empty)
        \(r.orderRef.map { "<dt>\(Text("采购订单", "Purchase order")(l))</dt><dd id=\"material-request-order\">\($0)</dd>" } ?? .empty)
        </dl>
        \(DataTable.render(id: "material-request-lines", headers: ([Text("行", "Line"), Text("物资编码", "Code"), Text("名称", "Name"), Text("规格", "Spec"), Text("型号", "Model"),
                                                                   Text("单位", "Unit"), Text("数量", "Quantity"), Text("备注", "Note")] + planHeaders).map { $0(l) }, rows: lines))
        \(m.plan.map { "<p class=\"hint\" id=\"material-request-plan\">\(Text("年度物资需求计划（REQ-10）：", "Annual demand plan (REQ-10): ")(l))<a href=\"/materials/demand-plans/\($0.id)\">\($0.number)</a></p>" } ?? .empty)
        \(MaterialRequestStepForms.arrivalChecks(m, l))
        \(MaterialRequestStepForms.forms(m, page: page))
        <h2>\(Text("签字记录", "Signatures"), l)</h2>
        \(MaterialRequestStepForms.timeline(r, l))
        \(DocumentPrint.signatures(l, roles: [Text("申请人", "Requested by"), Text("现场负责人", "Site chief"), Text("计划员", "Planner"),
                                              Text("主管", "Supervisor"), Text("经理", "Manager")]))
        <p class="no-print"><a href="\(Self.path)">\(Text("返回联络单列表", "Back to the requests"), l)</a></p>
        """
        return shell.render(page, title: title, active: "material-requests", body: body, breadcrumbs: .underActive).response()
    }

    func act(_ request: Request, _ context: KefuContext, _ action: MaterialRequestAction) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        let input = MaterialRequestStepInput(comment: form["comment"], source: form["source"], orderRef: form["orderRef"], supplierId: form["supplierId"], note: form["note"])
        _ = try await requests.act(action, id: id, input, by: principal)
        return Redirect.to("\(Self.path)/\(id)?notice=material_request&what=\(action.rawValue)")
    }

    func backfill(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        _ = try await requests.backfill(id: id, MaterialRequestStepInput(comment: form["comment"]), by: principal)
        return Redirect.to("\(Self.path)/\(id)?notice=material_request&what=backfill")
    }
}
