import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #15 leftovers (TRN-02): the page to rewrite a returned (or draft) plan and submit it again; refusals come back
/// through `FormFlash` with the typed text and the message under its field.
extension TrainingPlanPages {
    static func rewritePath(_ id: String) -> String { "/people/training-plans/\(id)/rewrite" }

    func registerRewrite(on router: Router<KefuContext>) {
        router.get("/people/training-plans/:id/rewrite") { request, context in try await rewrite(request, context) }
        router.post("/people/training-plans/:id/rewrite") { request, context in
            let principal = try context.requirePrincipal()
            let f = try await FormData.read(request)
            let v = try await plans.resubmit(id: try context.parameters.require("id"), TrainingPlanInput(title: f["title"], lines: Self.lines(f["lines"] ?? "")), by: principal)
            return Redirect.to("/people/training-plans?number=\(v.number)")
        }
    }

    func rewrite(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let id = try context.parameters.require("id")
        let p = try await plans.rewritePage(id: id, viewer: principal).plan
        let action = Self.rewritePath(p.id)
        let s = page.formState(action: action)
        let typedLines = p.lines.map { "\($0.month) \($0.topic)" }.joined(separator: "\n")
        let reason: HTML = p.status == TrainingRules.PlanStatus.returned.rawValue
            ? "<p class=\"notice\" id=\"plan-return-reason\">\(Text("管理处主任退回：", "Returned by the office director: "), l)\(p.decisionNote ?? "")\(p.decidedByName.map { "（\($0)）" } ?? "")</p>"
            : .empty
        let title = Text("改写培训计划", "Rewrite the training plan")
        let body: HTML = """
        <h1 id="plan-rewrite-title">\(title, l) <span id="plan-rewrite-number">\(p.number)</span></h1>
        <p class="hint">\(p.orgUnitName) · \(TrainingPlanPages.statusLabel(p.status), l) · <a href="/people/training-plans">\(Text("返回培训计划", "Back to the training plans"), l)</a></p>
        \(reason)
        \(s.generalMessage(fields: ["title", "lines"], l, id: "plan-rewrite-error"))
        <form method="post" action="\(action)" id="plan-rewrite-form">\(page.csrfField)
        <div class="grid one-column">
        \(FormControls.field(Text("名称", "Title")(l), for: "plan-rewrite-title-input", FormControls.input(id: "plan-rewrite-title-input", name: "title", value: s.value("title", default: p.title), attributes: "maxlength=\"100\" required"), error: s.message(for: "title", l)))
        \(FormControls.field(Text("安排（每行：月份 主题）", "Trainings (one a line: month topic)")(l), for: "plan-rewrite-lines",
                             HTML(raw: "<textarea id=\"plan-rewrite-lines\" name=\"lines\" rows=\"8\">\(HTML.escape(s.value("lines", default: typedLines) ?? ""))</textarea>"), error: s.message(for: "lines", l)))
        </div><div class="actions"><button type="submit" id="plan-rewrite-submit">\(Text("保存并重新提交审批", "Save and submit again"), l)</button></div></form>
        """
        return shell.render(page, title: title, active: "people-training-plans", body: body).response()
    }
}
