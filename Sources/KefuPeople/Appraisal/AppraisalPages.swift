import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 人员 › 考核奖惩 (#15.5 KPI-04) as pages: the unit's plans (filter by state, paginated) with a department head's
/// form, one plan with its lines, its edit form while a draft or returned, and the steps the viewer may take (submit;
/// the general manager approves or returns with a reason); and 我的考核奖惩, the effective lines about the viewer.
public struct AppraisalPages: Sendable {
    let plans: AppraisalService
    let shell: PageShell

    public init(plans: AppraisalService, shell: PageShell) {
        self.plans = plans
        self.shell = shell
    }

    static let group = Text("考核奖惩", "Appraisal")

    public static let nav: [NavItem] = [
        NavItem(id: "people-appraisal-plans", href: "/people/appraisal-plans", label: Text("考核奖惩方案", "Appraisal plans"), area: .people, group: group,
                isVisible: { !$0.roles.isDisjoint(with: AppraisalRules.readers) }),
        NavItem(id: "people-my-appraisals", href: "/people/my-appraisals", label: Text("我的考核奖惩", "My appraisal results"), area: .people, group: group,
                isVisible: { RosterRoles.isStaff($0.roles) }),
    ]

    public func register(on router: Router<KefuContext>) {
        router.get("/people/appraisal-plans") { request, context in try await list(request, context) }
        router.post("/people/appraisal-plans") { request, context in
            let principal = try context.requirePrincipal()
            let f = try await FormData.read(request)
            let v = try await plans.create(AppraisalPlanInput(orgUnitId: f["orgUnitId"], period: f["period"], lines: AppraisalPlanForm.lines(f)), by: principal)
            return Redirect.to("/people/appraisal-plans/\(v.id)")
        }
        router.get("/people/appraisal-plans/:id") { request, context in try await detail(request, context) }
        router.post("/people/appraisal-plans/:id") { request, context in
            let principal = try context.requirePrincipal()
            let f = try await FormData.read(request)
            let v = try await plans.update(id: try context.parameters.require("id"), AppraisalPlanInput(period: f["period"], lines: AppraisalPlanForm.lines(f)), by: principal)
            return Redirect.to("/people/appraisal-plans/\(v.id)")
        }
        router.post("/people/appraisal-plans/:id/:step") { request, context in
            let principal = try context.requirePrincipal()
            guard let step = AppraisalRules.Step(rawValue: try context.parameters.require("step")) else { throw AppError.notFound(Text("页面", "Page")) }
            let f = try await FormData.read(request)
            let v = try await plans.step(step, id: try context.parameters.require("id"), note: f["note"], by: principal)
            return Redirect.to("/people/appraisal-plans/\(v.id)")
        }
        router.get("/people/my-appraisals") { request, context in try await mine(request, context) }
    }

    static func statusLabel(_ s: String) -> Text {
        switch s {
        case "draft": Text("草稿", "Draft")
        case "submitted": Text("待总经理审批", "Awaiting the GM")
        case "effective": Text("已生效", "Effective")
        case "returned": Text("已退回", "Returned")
        default: Text(s, s)
        }
    }

    static func kindLabel(_ k: String) -> Text { k == "penalty" ? Text("处罚", "Penalty") : Text("奖励", "Reward") }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await plans.plansPage(viewer: principal, status: q["status"], paging: try Paging.from(q, defaultPer: 20))
        let title = Text("考核奖惩方案", "Appraisal plans")
        let filters = ([("", Text("全部", "All"))] + AppraisalRules.Status.allCases.map { ($0.rawValue, Self.statusLabel($0.rawValue)) }).map { value, label -> String in
            let current = (m.status?.rawValue ?? "") == value
            let href = value.isEmpty ? "/people/appraisal-plans" : "/people/appraisal-plans?status=\(value)"
            return "<a href=\"\(href)\" class=\"filter\(current ? " current" : "")\"\(current ? " aria-current=\"page\"" : "")>\(HTML.escape(label(l)))</a>"
        }.joined(separator: " ")
        let rows: [DataTable.Row] = m.plans.items.map { p in
            DataTable.Row([
                DataTable.Cell(HTML(raw: "<a href=\"/people/appraisal-plans/\(p.id)\">\(HTML.escape(p.number))</a>")), DataTable.Cell("\(p.orgUnitName)"),
                DataTable.Cell("\(p.period)"), DataTable.Cell("\(p.lines.count)"), DataTable.Cell("\(p.rewardTotal)"), DataTable.Cell("\(p.penaltyTotal)"),
                DataTable.Cell("\(p.authorName)"), DataTable.Cell("\(Self.statusLabel(p.status)(l))"),
            ], attributes: HTML(raw: "class=\"appraisal-row\" data-id=\"\(p.id)\" data-status=\"\(p.status)\" data-number=\"\(HTML.escape(p.number))\""))
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"appraisal-empty\">\(Text("还没有考核奖惩方案", "No appraisal plans yet"), l)</p>"
            : DataTable.render(id: "appraisal-list", headers: [Text("编号", "No."), Text("单位", "Unit"), Text("期间", "Period"), Text("项数", "Lines"),
                                                             Text("奖励合计（元）", "Rewards (yuan)"), Text("处罚合计（元）", "Penalties (yuan)"),
                                                             Text("编制人", "Author"), Text("状态", "State")].map { $0(l) }, rows: rows)
        let query = m.status.map { ["status": $0.rawValue] } ?? [:]
        let body: HTML = """
        <h1 id="appraisal-title">\(title, l)</h1>
        <p class="hint">\(Text("部门负责人对下属的考核奖惩方案须经总经理批准后方可生效（KPI-04）；未生效的方案不计入任何结果。", "A department head's reward and penalty plan takes effect only once the general manager approves it (KPI-04); a plan not yet effective counts nowhere."), l)</p>
        <nav class="filters" aria-label="\(Text("按状态筛选", "Filter by state"), l)">\(HTML(raw: filters))</nav>
        \(table)
        \(FormControls.pager(basePath: "/people/appraisal-plans", query: query, page: m.plans.page, per: m.plans.per, total: m.plans.total, locale: l))
        \(newForm(m, page: page))
        """
        return shell.render(page, title: title, active: "people-appraisal-plans", body: body).response()
    }

    func newForm(_ m: AppraisalPlansPageModel, page: PageContext) -> HTML {
        guard !m.units.isEmpty else { return .empty }
        let l = page.locale
        let s = page.formState(action: "/people/appraisal-plans")
        return """
        <section id="appraisal-new"><h2>\(Text("编制考核奖惩方案", "Write an appraisal plan"), l)</h2>
        \(s.generalMessage(fields: ["orgUnitId", "period", "lines"], l, id: "appraisal-error"))
        <form method="post" action="/people/appraisal-plans" id="appraisal-form">\(page.csrfField)
        <div class="grid one-column">
        \(FormControls.field(Text("单位", "Unit")(l), for: "appraisal-unit", FormControls.select(id: "appraisal-unit", name: "orgUnitId", options: m.units.map { ($0.id, $0.name) }, selected: s.values["orgUnitId"]), error: s.message(for: "orgUnitId", l)))
        \(FormControls.field(Text("考核期间（月份）", "Period (month)")(l), for: "appraisal-period", FormControls.input(id: "appraisal-period", name: "period", value: s.values["period"], attributes: "required placeholder=\"2026-11\" inputmode=\"numeric\" maxlength=\"10\""), error: s.message(for: "period", l)))
        </div>
        \(AppraisalPlanForm.lineFields(people: m.people, state: s, existing: [], page: page))
        <div class="actions"><button type="submit" id="appraisal-save">\(Text("保存草稿", "Save the draft"), l)</button></div></form></section>
        """
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let m = try await plans.planPage(id: try context.parameters.require("id"), viewer: principal)
        let p = m.plan
        let title = Text("考核奖惩方案 {0}", "Appraisal plan {0}").with(p.number)
        let rows: [DataTable.Row] = p.lines.map { line in
            DataTable.Row([DataTable.Cell("\(line.userName)"), DataTable.Cell("\(Self.kindLabel(line.kind)(l))"), DataTable.Cell("\(line.amount)"),
                           DataTable.Cell("\(line.reason)"), DataTable.Cell("\(line.evidence)")], attributes: HTML(raw: "class=\"appraisal-line\" data-kind=\"\(line.kind)\""))
        }
        let lines = DataTable.render(id: "appraisal-lines", headers: [Text("人员", "Person"), Text("奖/罚", "Reward / penalty"), Text("金额（元）", "Amount (yuan)"),
                                                                      Text("事由", "Reason"), Text("依据", "Evidence")].map { $0(l) }, rows: rows)
        let note: HTML = p.decisionNote.map {
            "<p class=\"decision-note\" id=\"appraisal-note\">\(p.status == "returned" ? Text("退回原因", "Returned because") : Text("审批意见", "Decision note"), l)：\($0)</p>"
        } ?? .empty
        let body: HTML = """
        <p><a href="/people/appraisal-plans">\(Text("← 全部方案", "← All plans"), l)</a></p>
        <h1 id="appraisal-title">\(title, l)</h1>
        <dl class="facts">
        <dt>\(Text("单位", "Unit"), l)</dt><dd>\(p.orgUnitName)</dd>
        <dt>\(Text("期间", "Period"), l)</dt><dd id="appraisal-period-shown">\(p.period)</dd>
        <dt>\(Text("状态", "State"), l)</dt><dd id="appraisal-status" data-status="\(p.status)">\(Self.statusLabel(p.status)(l))</dd>
        <dt>\(Text("编制人", "Author"), l)</dt><dd>\(p.authorName)</dd>
        <dt>\(Text("审批人", "Decided by"), l)</dt><dd>\(p.decidedByName ?? "—")</dd>
        <dt>\(Text("奖励合计（元）", "Rewards (yuan)"), l)</dt><dd id="appraisal-reward-total">\(p.rewardTotal)</dd>
        <dt>\(Text("处罚合计（元）", "Penalties (yuan)"), l)</dt><dd id="appraisal-penalty-total">\(p.penaltyTotal)</dd>
        </dl>
        \(note)
        \(lines)
        \(stepForms(p, page: page))
        \(editForm(m, page: page))
        """
        return shell.render(page, title: title, active: "people-appraisal-plans", body: body).response()
    }

    func stepForms(_ p: AppraisalPlanView, page: PageContext) -> HTML {
        let l = page.locale
        let s = page.formState(action: "/people/appraisal-plans/\(p.id)/return")
        let forms = p.actions.filter { $0 != "edit" }.map { step -> String in
            switch step {
            case "submit":
                return "<form method=\"post\" action=\"/people/appraisal-plans/\(p.id)/submit\" class=\"inline\">\(page.csrfField.raw)<button type=\"submit\" id=\"appraisal-submit\">\(HTML.escape(Text("提交总经理审批", "Submit to the general manager")(l)))</button></form>"
            case "approve":
                return "<form method=\"post\" action=\"/people/appraisal-plans/\(p.id)/approve\" class=\"inline\">\(page.csrfField.raw)<button type=\"submit\" id=\"appraisal-approve\">\(HTML.escape(Text("批准生效", "Approve")(l)))</button></form>"
            default:
                let label = Text("退回原因", "Why it is returned")(l)
                let error = s.message(for: "note", l).map { "<p class=\"field-error\" id=\"appraisal-return-note-error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
                return """
                <form method="post" action="/people/appraisal-plans/\(p.id)/return" class="inline">\(page.csrfField.raw)<label for="appraisal-return-note">\(HTML.escape(label))</label>\
                <input type="text" id="appraisal-return-note" name="note" maxlength="500" value="\(HTML.escape(s.values["note"] ?? ""))">\(error)\
                <button type="submit" id="appraisal-return">\(HTML.escape(Text("退回", "Return")(l)))</button></form>
                """
            }
        }
        guard !forms.isEmpty else { return .empty }
        return HTML(raw: "<div class=\"actions\" id=\"appraisal-steps\">" + forms.joined(separator: " ") + "</div>")
    }

    func editForm(_ m: AppraisalPlanPageModel, page: PageContext) -> HTML {
        let p = m.plan
        guard p.actions.contains("edit") else { return .empty }
        let l = page.locale
        let action = "/people/appraisal-plans/\(p.id)"
        let s = page.formState(action: action)
        return """
        <section id="appraisal-edit"><h2>\(Text("修改方案", "Change the plan"), l)</h2>
        \(s.generalMessage(fields: ["period", "lines"], l, id: "appraisal-error"))
        <form method="post" action="\(action)" id="appraisal-edit-form">\(page.csrfField)
        <div class="grid one-column">
        \(FormControls.field(Text("考核期间（月份）", "Period (month)")(l), for: "appraisal-period", FormControls.input(id: "appraisal-period", name: "period", value: s.values["period"] ?? p.period, attributes: "required inputmode=\"numeric\" maxlength=\"10\""), error: s.message(for: "period", l)))
        </div>
        \(AppraisalPlanForm.lineFields(people: m.people, state: s, existing: p.lines, page: page))
        <div class="actions"><button type="submit" id="appraisal-save">\(Text("保存修改", "Save the changes"), l)</button></div></form></section>
        """
    }

    func mine(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let m = try await plans.myPage(viewer: principal, paging: try Paging.from(request.queryDictionary, defaultPer: 20))
        let title = Text("我的考核奖惩", "My appraisal results")
        let rows: [DataTable.Row] = m.lines.items.map { line in
            DataTable.Row([DataTable.Cell("\(line.period)"), DataTable.Cell("\(line.planNumber)"), DataTable.Cell("\(line.orgUnitName)"),
                           DataTable.Cell("\(Self.kindLabel(line.kind)(l))"), DataTable.Cell("\(line.amount)"), DataTable.Cell("\(line.reason)"),
                           DataTable.Cell("\(line.evidence)")], attributes: HTML(raw: "class=\"my-appraisal-line\" data-kind=\"\(line.kind)\""))
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"my-appraisals-empty\">\(Text("暂无已生效的考核奖惩", "No effective appraisal results about you"), l)</p>"
            : DataTable.render(id: "my-appraisals", headers: [Text("期间", "Period"), Text("方案", "Plan"), Text("单位", "Unit"), Text("奖/罚", "Reward / penalty"),
                                                              Text("金额（元）", "Amount (yuan)"), Text("事由", "Reason"), Text("依据", "Evidence")].map { $0(l) }, rows: rows)
        let body: HTML = """
        <h1 id="my-appraisals-title">\(title, l)</h1>
        <p class="hint">\(Text("仅显示经总经理批准生效的方案（KPI-04）。", "Only plans the general manager has approved are shown (KPI-04)."), l)</p>
        \(table)
        \(FormControls.pager(basePath: "/people/my-appraisals", query: [:], page: m.lines.page, per: m.lines.per, total: m.lines.total, locale: l))
        """
        return shell.render(page, title: title, active: "people-my-appraisals", body: body).response()
    }
}
