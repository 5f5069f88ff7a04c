import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// VIS-05 as pages: the plans (own and sent to the viewer's department), the plan form (group, date, size, contact,
/// facilities, meals, special needs, the departments it goes to), a plan with who confirmed and the confirm button.
extension ScenicPages {
    func registerPlans(on router: Router<KefuContext>) {
        router.get("/scenic/plans") { request, context in try await planList(request, context) }
        router.get("/scenic/plans/new") { request, context in try await planForm(request, context) }
        router.post("/scenic/plans") { request, context in try await createPlan(request, context) }
        router.get("/scenic/plans/:id") { request, context in try await planDetail(request, context) }
        router.post("/scenic/plans/:id/confirm") { request, context in try await confirmPlan(request, context) }
    }

    static func planBadge(_ s: ReceptionPlanRules.Status, _ l: AppLocale) -> HTML {
        "<span class=\"badge scenic-plan-status\" data-status=\"\(s.rawValue)\">\(ScenicLabels.planStatus(s), l)</span>"
    }

    func planList(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await scenic.plans(q, paging: try Paging.from(q, defaultPer: 20), viewer: principal)
        let rows: [DataTable.Row] = m.items.map { p in
            DataTable.Row(plain: ["<a class=\"scenic-plan-link\" href=\"\(Self.path)/plans/\(p.id)\">\(p.number)</a>", "\(p.groupName)", "\(p.visitDate)", "\(p.groupSize)",
                                  "\(p.confirmedCount) / \(p.departmentCount)", "\(Self.planBadge(p.status, l))"],
                          attributes: "class=\"scenic-plan-row\" data-id=\"\(p.id)\"")
        }
        let headers = [Text("编号", "Number"), Text("团体", "Group"), Text("来访日期", "Visit date"), Text("人数", "Size"), Text("已确认部门", "Confirmed"),
                       Text("状态", "State")].map { $0(l) }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有接待计划", "No reception plans"), l)</p>"
            : DataTable.render(id: "scenic-plan-list", headers: headers, rows: rows)
        let filter = q.filter { ["q", "from"].contains($0.key) && !$0.value.isEmpty }
        let body: HTML = """
        <div class="actions list-head"><h1 id="scenic-plans-title">\(Text("特殊团体接待计划", "Special-group reception plans"), l)</h1>
        <a class="button" id="scenic-plan-new" href="\(Self.path)/plans/new">\(Text("制定接待计划", "Draw up a plan"), l)</a></div>
        <form method="get" action="\(Self.path)/plans" class="toolbar filters no-print" id="scenic-plan-filter">
        \(FormControls.field(Text("编号或团体", "Number or group")(l), for: "scenic-plan-q", FormControls.input(id: "scenic-plan-q", name: "q", value: q["q"])))
        \(FormControls.field(Text("来访日期自", "Visiting from")(l), for: "scenic-plan-from", FormControls.input(id: "scenic-plan-from", name: "from", type: "date", value: q["from"])))
        <button type="submit">\(Text("查询", "Search"), l)</button></form>
        \(table)
        \(FormControls.pager(basePath: "\(Self.path)/plans", query: filter, page: m.page, per: m.per, total: m.total, locale: l))
        """
        return shell.render(page, title: Text("特殊团体接待计划", "Special-group reception plans"), active: "scenic-plans", body: body, breadcrumbs: .underActive).response()
    }

    func planForm(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let departments = try await scenic.planForm(viewer: principal)
        let action = "\(Self.path)/plans"
        let state = page.formState(action: action)
        let chosen = Set((state.values["departmentIds"] ?? "").split(separator: ",").map(String.init))
        let boxes: [HTML] = departments.map { d in
            let checked = chosen.contains(d.id) || state.values["dept_" + d.id] != nil
            return "<label class=\"check\"><input type=\"checkbox\" name=\"dept_\(d.id)\" value=\"1\" id=\"scenic-plan-dept-\(d.id)\"\(checked ? " checked" : "")> \(d.name)</label>"
        }
        let fields: Set<String> = ["groupName", "visitDate", "groupSize", "contactName", "contactPhone", "facilities", "meals", "specialNeeds", "departmentIds"]
        let body: HTML = """
        <h1 id="scenic-plan-form-title">\(Text("制定接待计划", "Draw up a reception plan"), l)</h1>
        <p class="hint">\(Text("市场运营部接到特殊团体预约后制定接待计划并发送有关部门，各部门事先安排好各自的工作（VIS-05）。",
                              "Market ops draws up the plan for a special group's reservation and sends it to the departments, who prepare their part (VIS-05)."), l)</p>
        \(state.generalMessage(fields: fields, l, id: "form-error"))
        <form method="post" action="\(action)" id="scenic-plan-form">\(page.csrfField)
        <div class="grid one-column">
        \(Self.textField(state, "plan", "groupName", Text("团体名称", "Group"), l, attributes: "required"))
        \(Self.textField(state, "plan", "visitDate", Text("来访日期", "Visit date"), l, type: "date", attributes: "required"))
        \(Self.textField(state, "plan", "groupSize", Text("人数", "Group size"), l, attributes: "required inputmode=\"numeric\""))
        \(Self.textField(state, "plan", "contactName", Text("联系人", "Contact"), l, attributes: "required"))
        \(Self.textField(state, "plan", "contactPhone", Text("联系电话", "Contact phone"), l, type: "tel", attributes: "required"))
        \(Self.textArea(state, "plan", "facilities", Text("准备租用的游览设施", "Facilities to hire"), l))
        \(Self.textArea(state, "plan", "meals", Text("订餐情况", "Meals"), l))
        \(Self.textArea(state, "plan", "specialNeeds", Text("特殊要求", "Special needs"), l))
        <fieldset id="scenic-plan-depts"\(state.message(for: "departmentIds", l) == nil ? "" : " class=\"has-error\"")><legend>\(Text("发送部门", "Send to departments"), l)</legend>\(boxes)
        \(state.message(for: "departmentIds", l).map { "<p class=\"field-error\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)</fieldset>
        </div>
        <div class="actions"><button type="submit" id="scenic-plan-save">\(Text("发送", "Send"), l)</button> <a href="\(action)">\(Text("取消", "Cancel"), l)</a></div>
        </form>
        """
        return shell.render(page, title: Text("制定接待计划", "Draw up a reception plan"), active: "scenic-plans", body: body, breadcrumbs: .underActive).response()
    }

    func createPlan(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        var values = Self.values(form)
        // One checkbox per department (`dept_<unit id>`), gathered into the API's list.
        let ids = values.keys.filter { $0.hasPrefix("dept_") }.map { String($0.dropFirst(5)) }.sorted()
        for key in values.keys where key.hasPrefix("dept_") { values[key] = nil }
        values["departmentIds"] = ids.joined(separator: ",")
        let plan = try await scenic.createPlan(ScenicBody(values), by: principal)
        return Redirect.to("\(Self.path)/plans/\(plan.id)?notice=plan")
    }

    func planDetail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let p = try await scenic.plan(id: try context.parameters.require("id"), viewer: principal)
        let base = "\(Self.path)/plans/\(p.id)"
        let rows: [DataTable.Row] = p.departments.map { d in
            DataTable.Row(plain: ["\(d.name)", d.confirmed ? "<span class=\"badge ok\">\(Text("已确认", "Confirmed"), l)</span>" as HTML : "<span class=\"badge\">\(Text("待确认", "Waiting"), l)</span>" as HTML,
                                  "\(d.confirmedByName ?? "—")", "\(d.note ?? "")"], attributes: "class=\"scenic-plan-dept\" data-confirmed=\"\(d.confirmed ? "1" : "0")\"")
        }
        var confirm: HTML = .empty
        if !p.mayConfirm.isEmpty {
            let state = page.formState(action: base + "/confirm")
            let options = p.departments.filter { p.mayConfirm.contains($0.orgUnitId) }.map { ($0.orgUnitId, $0.name) }
            confirm = """
            <form method="post" action="\(base)/confirm" id="scenic-confirm-form" class="card no-print"><h2>\(Text("确认本部门准备", "Confirm your department's preparation"), l)</h2>\(page.csrfField)
            \(state.generalMessage(fields: ["note"], l, id: "scenic-confirm-error"))
            \(Self.choice(state, "confirm", "orgUnitId", Text("部门", "Department"), options, l))
            \(Self.textField(state, "confirm", "note", Text("准备情况", "Preparation"), l))
            <button type="submit" id="scenic-confirm">\(Text("确认", "Confirm"), l)</button></form>
            """
        }
        let body: HTML = """
        <h1 id="scenic-plan-title">\(Text("接待计划", "Reception plan"), l) \(p.number)</h1>
        <p class="meta" id="scenic-plan-state" data-status="\(p.status.rawValue)">\(Self.planBadge(p.status, l))</p>
        \(confirm)
        <dl class="facts" id="scenic-plan-facts">
        <dt>\(Text("团体", "Group"), l)</dt><dd>\(p.groupName)</dd>
        <dt>\(Text("来访日期 / 人数", "Visit date / size"), l)</dt><dd>\(p.visitDate) · \(p.groupSize)</dd>
        <dt>\(Text("联系人", "Contact"), l)</dt><dd>\(p.contactName) · \(p.contactPhone)</dd>
        <dt>\(Text("租用游览设施", "Facilities to hire"), l)</dt><dd>\(p.facilities.isEmpty ? "—" : p.facilities)</dd>
        <dt>\(Text("订餐", "Meals"), l)</dt><dd>\(p.meals.isEmpty ? "—" : p.meals)</dd>
        <dt>\(Text("特殊要求", "Special needs"), l)</dt><dd>\(p.specialNeeds.isEmpty ? "—" : p.specialNeeds)</dd>
        <dt>\(Text("制定", "Drawn up"), l)</dt><dd>\(p.unitName) · \(p.createdByName) · \(Times.display(p.createdMillis))</dd>
        </dl>
        <h2>\(Text("各部门确认", "Departments' confirmations"), l)</h2>
        \(DataTable.render(id: "scenic-plan-departments", headers: [Text("部门", "Department"), Text("确认", "Confirmed"), Text("确认人", "By"), Text("准备情况", "Preparation")].map { $0(l) }, rows: rows))
        <p class="no-print"><button type="button" data-print>\(Text("打印", "Print"), l)</button> · <a href="\(Self.path)/plans">\(Text("返回接待计划", "Back to the plans"), l)</a></p>
        """
        return shell.render(page, title: ScenicLabels.titled(Text("接待计划", "Reception plan"), p.number), active: "scenic-plans", body: body, breadcrumbs: .underActive).response()
    }

    func confirmPlan(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        _ = try await scenic.confirmPlan(id: id, ScenicBody(Self.values(form)), by: principal)
        return Redirect.to("\(Self.path)/plans/\(id)?notice=confirmed")
    }
}
