import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// PRP-08 下月工作计划 as pages: the month's plans and the units whose plan is missing or late; a plan (printable) with
/// its lines, approval trail and the steps the viewer may take. Lines are typed one a line: "日期 责任人 工作事项".
public struct WorkPlanPages: Sendable {
    let plans: WorkPlanService
    let shell: PageShell

    public init(plans: WorkPlanService, shell: PageShell) {
        self.plans = plans
        self.shell = shell
    }

    static let path = PropertyPaths.root + "/work-plans"

    public func register(on router: Router<KefuContext>) {
        router.get("/property/work-plans") { request, context in try await list(request, context) }
        router.post("/property/work-plans") { request, context in
            let principal = try context.requirePrincipal()
            let f = try await FormData.read(request)
            let p = try await plans.create(WorkPlanBody(orgUnitId: f["orgUnitId"], month: f["month"], lines: WorkPlanService.typedLines(f["lines"] ?? "")), by: principal)
            return Redirect.to("\(Self.path)/\(p.id)?notice=plan&what=created")
        }
        router.get("/property/work-plans/:id") { request, context in try await detail(request, context) }
        router.post("/property/work-plans/:id") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            let f = try await FormData.read(request)
            _ = try await plans.update(id: id, WorkPlanBody(orgUnitId: nil, month: nil, lines: WorkPlanService.typedLines(f["lines"] ?? "")), by: principal)
            return Redirect.to("\(Self.path)/\(id)?notice=plan&what=edited")
        }
        router.post("/property/work-plans/:id/:step") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            let f = try await FormData.read(request)
            switch try context.parameters.require("step") {
            case "submit": _ = try await plans.submit(id: id, by: principal)
            case "approve": _ = try await plans.approve(id: id, by: principal)
            case "return": _ = try await plans.returnPlan(id: id, FlatBody(["reason": f["reason"] ?? ""]), by: principal)
            default: throw AppError.notFound(Text("页面", "Page"))
            }
            return Redirect.to("\(Self.path)/\(id)?notice=plan&what=\(try context.parameters.require("step"))")
        }
    }

    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = context.page(request)
        let q = request.uri.queryParameters
        guard q.get("notice") == "plan", let what = q.get("what").map({ String($0) }) else { return base }
        let label: Text = switch what {
        case "created": Text("已建立工作计划", "Work plan written")
        case "edited": Text("已修改工作计划", "Work plan changed")
        case "submit": Text("已提交审批", "Submitted for approval")
        case "approve": Text("已审批", "Approved")
        default: Text("已退回", "Returned")
        }
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken, notice: label(base.locale), formFlash: base.formFlash, path: base.path)
    }

    static func linesText(_ lines: [WorkPlanLineView]) -> String {
        lines.map { "\($0.targetDate) \($0.owner) \($0.item)" }.joined(separator: "\n")
    }

    static func linesBox(_ state: FormState, _ l: AppLocale, id: String, value: String?) -> HTML {
        FormControls.field(Text("工作事项（每行：完成日期 责任人 事项）", "Work items (one a line: target date, owner, item)")(l), for: id,
                           "<textarea id=\"\(id)\" name=\"lines\" rows=\"6\" required>\(state.values["lines"] ?? value ?? "")</textarea>",
                           error: state.message(for: "lines", l), hint: Text("例：2027-01-10 张伟 清洗二次供水水箱", "e.g. 2027-01-10 Zhang Wei clean the water tank")(l))
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let m = try await plans.listPage(request.queryDictionary, viewer: principal)
        let rows: [DataTable.Row] = m.plans.map { p in
            DataTable.Row(plain: ["<a href=\"\(Self.path)/\(p.id)\">\(p.number)</a>", "\(p.unitName)", "\(p.month)", "\(PlanningLabels.status(p.status), l)",
                                  "\(p.firstSubmittedOn ?? "—")", p.late ? "<span class=\"badge warn\">\(Text("迟交", "Late"), l)</span>" : ""],
                          attributes: "class=\"prp-plan\" data-id=\"\(p.id)\"")
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"prp-no-plans\">\(Text("本月份还没有工作计划", "No work plans for this month yet"), l)</p>"
            : DataTable.render(id: "prp-plans", headers: [Text("编号", "Number"), Text("服务中心", "Service centre"), Text("计划月份", "Month"), Text("状态", "Status"),
                                                          Text("首次提交", "First submitted"), Text("", "")].map { $0(l) }, rows: rows)
        let missingRows: [DataTable.Row] = m.standing.rows.map { r in
            DataTable.Row(plain: ["\(r.unitName)", "\(PlanningLabels.standing(r.standing), l)", "\(r.number ?? "—")", "\(r.firstSubmittedOn ?? "—")"],
                          attributes: "class=\"prp-missing\" data-standing=\"\(r.standing.rawValue)\"")
        }
        let missing: HTML = missingRows.isEmpty ? "<p class=\"empty\" id=\"prp-none-missing\">\(Text("各服务中心均已按时提交", "Every service centre submitted on time"), l)</p>"
            : DataTable.render(id: "prp-missing", headers: [Text("服务中心", "Service centre"), Text("情况", "Standing"), Text("计划编号", "Plan"),
                                                            Text("首次提交", "First submitted")].map { $0(l) }, rows: missingRows)
        let state = page.formState(action: Self.path)
        let form: HTML = m.mayWrite ? """
            <section class="card no-print" id="prp-plan-new"><h2>\(Text("编制工作计划", "Write a work plan"), l)</h2>
            \(state.generalMessage(fields: ["month", "lines"], l, id: "prp-plan-error"))
            <form method="post" action="\(Self.path)" id="prp-plan-form">\(page.csrfField)<div class="grid one-column">
            \(FormControls.field(Text("计划月份", "Month planned")(l), for: "prp-plan-month",
                                 FormControls.input(id: "prp-plan-month", name: "month", type: "month", value: state.values["month"] ?? m.month, attributes: "required"),
                                 error: state.message(for: "month", l)))
            \(Self.linesBox(state, l, id: "prp-plan-lines", value: nil))
            </div><div class="actions"><button type="submit" id="prp-plan-save">\(Text("保存草稿", "Save draft"), l)</button></div></form></section>
            """ : .empty
        let body: HTML = """
        <h1 id="prp-plans-title">\(Text("下月工作计划", "Next month's work plans"), l)</h1>
        <p class="hint">\(Text("每月 25 日前（含 25 日）提交下月计划，逾期提交记为迟交；项目经理审批后报公司客服部经理审批（PRP-08）。",
                               "Next month's plan is due on or before the 25th; later is recorded as late. The project manager approves, then the company customer-dept manager (PRP-08)."), l)</p>
        <form method="get" action="\(Self.path)" class="toolbar filters no-print" id="prp-plan-filter">
        \(FormControls.field(Text("计划月份", "Month")(l), for: "prp-plan-filter-month", FormControls.input(id: "prp-plan-filter-month", name: "month", type: "month", value: m.month)))
        <button type="submit">\(Text("查看", "Show"), l)</button></form>
        <section class="card" id="prp-plan-standing"><h2>\(Text("未交或迟交（截止 ", "Missing or late (due ")(l))\(m.standing.dueOn)\(Text("）", ")")(l))</h2>\(missing)</section>
        <section class="card" id="prp-plan-list"><h2>\(Text("计划", "Plans"), l) \(m.month)</h2>\(table)</section>
        \(form)
        """
        return shell.render(page, title: Text("下月工作计划", "Work plans"), active: "property-work-plans", body: body).response()
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let p = try await plans.plan(id: try context.parameters.require("id"), viewer: principal)
        let base = "\(Self.path)/\(p.id)"
        let lineRows: [DataTable.Row] = p.lines.enumerated().map { i, line in
            DataTable.Row(plain: ["\(i + 1)", "\(line.item)", "\(line.owner)", "\(line.targetDate)"], attributes: "class=\"prp-plan-line\"")
        }
        let steps: [DataTable.Row] = p.steps.map { s in
            DataTable.Row(plain: ["\(Times.display(s.at))", "\(s.by)", "\(s.action)", "\(s.reason ?? "")"], attributes: "class=\"prp-plan-step\"")
        }
        var forms: [HTML] = []
        if p.actions.contains("edit") {
            let state = page.formState(action: base)
            forms.append("""
            <section class="card no-print" id="prp-plan-edit"><h2>\(Text("修改", "Change"), l)</h2>
            \(state.generalMessage(fields: ["lines"], l, id: "prp-plan-edit-error"))
            <form method="post" action="\(base)" id="prp-plan-edit-form">\(page.csrfField)\(Self.linesBox(state, l, id: "prp-plan-edit-lines", value: Self.linesText(p.lines)))
            <div class="actions"><button type="submit" id="prp-plan-edit-save">\(Text("保存", "Save"), l)</button></div></form>
            <form method="post" action="\(base)/submit" id="prp-plan-submit-form">\(page.csrfField)
            <div class="actions"><button type="submit" id="prp-plan-submit">\(Text("提交审批", "Submit for approval"), l)</button></div></form></section>
            """)
        }
        if p.actions.contains("approve") {
            let state = page.formState(action: "\(base)/return")
            forms.append("""
            <section class="card no-print" id="prp-plan-decide"><h2>\(PlanningLabels.status(p.status), l)</h2>
            <form method="post" action="\(base)/approve" id="prp-plan-approve-form">\(page.csrfField)
            <div class="actions"><button type="submit" id="prp-plan-approve">\(Text("审批通过", "Approve"), l)</button></div></form>
            \(state.generalMessage(fields: ["reason"], l, id: "prp-plan-return-error"))
            <form method="post" action="\(base)/return" id="prp-plan-return-form">\(page.csrfField)
            \(FormControls.field(Text("退回原因", "Reason for returning")(l), for: "prp-plan-reason",
                                 FormControls.input(id: "prp-plan-reason", name: "reason", value: state.values["reason"], attributes: "required"),
                                 error: state.message(for: "reason", l)))
            <div class="actions"><button type="submit" id="prp-plan-return">\(Text("退回", "Return"), l)</button></div></form></section>
            """)
        }
        let body: HTML = """
        <h1 id="prp-plan-title">\(Text("下月工作计划", "Work plan"), l) \(p.number)</h1>
        <p class="meta">\(p.unitName) · \(Text("计划月份", "Month")(l)) \(p.month) · \(Text("截止", "Due")(l)) \(p.dueOn) ·
        <span id="prp-plan-status">\(PlanningLabels.status(p.status), l)</span>\(p.late ? " · " : "")\(p.late ? "<span class=\"badge warn\" id=\"prp-plan-late\">\(Text("迟交", "Late"), l)</span>" as HTML : .empty)</p>
        \(p.returnReason.map { "<p class=\"notice\" id=\"prp-plan-reason-shown\">\(Text("退回原因：", "Returned because: ")(l))\($0)</p>" as HTML } ?? .empty)
        <p class="no-print"><button type="button" id="prp-plan-print" data-print>\(Text("打印", "Print"), l)</button> <a href="\(Self.path)?month=\(p.month)">\(Text("返回列表", "Back to the list"), l)</a></p>
        <section class="card" id="prp-plan-lines-card">\(DataTable.render(id: "prp-plan-lines", headers: [Text("序号", "No."), Text("工作事项", "Work item"),
                                                                                             Text("责任人", "Owner"), Text("完成日期", "Target date")].map { $0(l) }, rows: lineRows))</section>
        <section class="card" id="prp-plan-trail"><h2>\(Text("审批记录", "Approval trail"), l)</h2>\(DataTable.render(id: "prp-plan-steps",
            headers: [Text("时间", "When"), Text("人员", "Who"), Text("操作", "Step"), Text("原因", "Reason")].map { $0(l) }, rows: steps))</section>
        \(forms)
        """
        return shell.render(page, title: Text("工作计划 \(p.number)", "Work plan \(p.number)"), active: "property-work-plans", body: body, breadcrumbs: .underActive).response()
    }
}
