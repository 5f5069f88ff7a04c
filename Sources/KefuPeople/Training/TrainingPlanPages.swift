import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// TRN-02 as a page: the unit's training plans with their state and the steps the viewer may take (submit; approve or
/// return with a note), and the supervisor's form (one line per month: "2027-01 沟通技巧").
struct TrainingPlanPages: Sendable {
    let plans: TrainingPlanService
    let shell: PageShell

    func register(on router: Router<KefuContext>) {
        router.get("/people/training-plans") { request, context in try await list(request, context) }
        router.post("/people/training-plans") { request, context in
            let principal = try context.requirePrincipal()
            let f = try await FormData.read(request)
            let v = try await plans.create(TrainingPlanInput(orgUnitId: f["orgUnitId"], title: f["title"], lines: Self.lines(f["lines"] ?? "")), by: principal)
            return Redirect.to("/people/training-plans?number=\(v.number)")
        }
        router.post("/people/training-plans/:id/:step") { request, context in
            let principal = try context.requirePrincipal()
            guard let step = TrainingRules.PlanStep(rawValue: try context.parameters.require("step")) else { throw AppError.notFound(Text("页面", "Page")) }
            let f = try await FormData.read(request)
            let v = try await plans.step(step, id: try context.parameters.require("id"), note: f["note"], by: principal)
            return Redirect.to("/people/training-plans?number=\(v.number)")
        }
        registerRewrite(on: router) // #15 leftovers: rewrite a returned plan
    }

    /// "2027-01 沟通技巧" per line (a full-width space or a tab also separates the month from the topic).
    static func lines(_ text: String) -> [TrainingPlanInput.Line] {
        text.split(whereSeparator: \.isNewline).compactMap { raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { return nil }
            let parts = line.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{3000}" })
            return TrainingPlanInput.Line(month: String(parts[0]), topic: parts.count > 1 ? String(parts[1]) : nil)
        }
    }

    static func statusLabel(_ s: String) -> Text {
        switch s {
        case "draft": Text("草稿", "Draft")
        case "submitted": Text("待审批", "Submitted")
        case "approved": Text("已批准", "Approved")
        case "returned": Text("已退回", "Returned")
        default: Text(s, s)
        }
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let m = try await plans.plansPage(viewer: principal, paging: try Paging.from(request.queryDictionary, defaultPer: 20))
        let title = Text("培训计划", "Training plans")
        let rows: [DataTable.Row] = m.plans.items.map { p in
            let buttons = p.actions.map { step -> String in
                let label: Text = step == "submit" ? Text("提交审批", "Submit") : step == "approve" ? Text("批准", "Approve") : Text("退回", "Return")
                let note = step == "return"
                    ? "<input type=\"text\" name=\"note\" required maxlength=\"500\" aria-label=\"\(HTML.escape(Text("退回原因", "Why it is returned")(l)))\" placeholder=\"\(HTML.escape(Text("退回原因", "Why it is returned")(l)))\">" : ""
                return "<form method=\"post\" action=\"/people/training-plans/\(p.id)/\(step)\" class=\"inline\">\(page.csrfField.raw)\(note)<button type=\"submit\" class=\"plan-\(step)\">\(HTML.escape(label(l)))</button></form>"
            }.joined(separator: " ") + (m.units.isEmpty || !TrainingPlanService.rewritable(p.status) ? "" // #15 leftovers
                : " <a class=\"button plan-rewrite\" href=\"\(Self.rewritePath(p.id))\">\(HTML.escape(Text("改写", "Rewrite")(l)))</a>")
            let state = Self.statusLabel(p.status)(l) + (p.decisionNote.map { "：" + $0 } ?? "")
            let lines = p.lines.map { "<li>\(HTML.escape($0.month)) \(HTML.escape($0.topic))</li>" }.joined()
            return DataTable.Row([
                DataTable.Cell("\(p.number)"), DataTable.Cell("\(p.orgUnitName)"), DataTable.Cell("\(p.title)"),
                DataTable.Cell(HTML(raw: "<ul class=\"plan-lines\">\(lines)</ul>")), DataTable.Cell("\(p.authorName)"),
                DataTable.Cell("\(state)"), DataTable.Cell(HTML(raw: buttons)),
            ], attributes: HTML(raw: "class=\"plan-row\" data-id=\"\(p.id)\" data-status=\"\(p.status)\" data-number=\"\(HTML.escape(p.number))\""))
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"plans-empty\">\(Text("还没有培训计划", "No training plans yet"), l)</p>"
            : DataTable.render(id: "plan-list", headers: [Text("编号", "No."), Text("单位", "Unit"), Text("名称", "Title"), Text("安排", "Trainings"),
                                                         Text("编制人", "Author"), Text("状态", "State"), Text("操作", "Actions")].map { $0(l) }, rows: rows)
        let body: HTML = """
        <h1 id="plans-title">\(title, l)</h1>
        <p class="hint">\(Text("客服主管编制的培训计划须报管理处主任审批后实施（TRN-02）。", "The CS supervisor's training plan runs only once the office director has approved it (TRN-02)."), l)</p>
        \(table)
        \(FormControls.pager(basePath: "/people/training-plans", query: [:], page: m.plans.page, per: m.plans.per, total: m.plans.total, locale: l))
        \(form(m, page: page))
        """
        return shell.render(page, title: title, active: "people-training-plans", body: body).response()
    }

    func form(_ m: TrainingPlansPageModel, page: PageContext) -> HTML {
        guard !m.units.isEmpty else { return .empty }
        let l = page.locale
        let s = page.formState(action: "/people/training-plans")
        let fields: Set<String> = ["orgUnitId", "title", "lines"]
        return """
        <section id="plan-new"><h2>\(Text("编制培训计划", "Write a training plan"), l)</h2>
        \(s.generalMessage(fields: fields, l, id: "plan-error"))
        <form method="post" action="/people/training-plans" id="plan-form">\(page.csrfField)
        <div class="grid one-column">
        \(FormControls.field(Text("单位", "Unit")(l), for: "plan-unit", FormControls.select(id: "plan-unit", name: "orgUnitId", options: m.units.map { ($0.id, $0.name) }, selected: s.values["orgUnitId"]), error: s.message(for: "orgUnitId", l)))
        \(FormControls.field(Text("名称", "Title")(l), for: "plan-title", FormControls.input(id: "plan-title", name: "title", value: s.values["title"], attributes: "maxlength=\"100\" required"), error: s.message(for: "title", l)))
        \(FormControls.field(Text("安排（每行：月份 主题）", "Trainings (one a line: month topic)")(l), for: "plan-lines",
                             HTML(raw: "<textarea id=\"plan-lines\" name=\"lines\" rows=\"6\" placeholder=\"2027-01 沟通技巧\">\(HTML.escape(s.values["lines"] ?? ""))</textarea>"), error: s.message(for: "lines", l)))
        </div><div class="actions"><button type="submit" id="plan-submit">\(Text("保存草稿", "Save the draft"), l)</button></div></form></section>
        """
    }
}
