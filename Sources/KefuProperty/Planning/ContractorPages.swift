import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// PRP-05 外包服务 as pages: the contractors of the estates in scope with the form to register one; a contractor with
/// its monthly plans (approve or return) and evaluations (criteria typed "清洁度 85" one a line), printable.
public struct ContractorPages: Sendable {
    let contractors: ContractorService
    let shell: PageShell

    public init(contractors: ContractorService, shell: PageShell) {
        self.contractors = contractors
        self.shell = shell
    }

    static let path = PropertyPaths.root + "/contractors"

    public func register(on router: Router<KefuContext>) {
        router.get("/property/contractors") { request, context in try await list(request, context) }
        router.post("/property/contractors") { request, context in
            let principal = try context.requirePrincipal()
            let f = try await FormData.read(request)
            let c = try await contractors.create(estateId: f["estateId"] ?? "", FlatBody(f.values), by: principal)
            return Redirect.to("\(Self.path)/\(c.id)?notice=contractor&what=created")
        }
        router.get("/property/contractors/:id") { request, context in try await detail(request, context) }
        router.post("/property/contractors/:id/plans") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            _ = try await contractors.addPlan(contractorId: id, FlatBody(try await FormData.read(request).values), by: principal)
            return Redirect.to("\(Self.path)/\(id)?notice=contractor&what=plan")
        }
        router.post("/property/contractors/:id/evaluations") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            let f = try await FormData.read(request)
            _ = try await contractors.evaluate(contractorId: id, ContractorEvaluationBody(evaluatedOn: f["evaluatedOn"], evaluator: f["evaluator"],
                                                                                        scores: ContractorService.typedScores(f["scores"] ?? ""), remarks: f["remarks"]), by: principal)
            return Redirect.to("\(Self.path)/\(id)?notice=contractor&what=evaluation")
        }
        router.post("/property/contractor-plans/:id/:step") { request, context in
            let principal = try context.requirePrincipal()
            let step = try context.parameters.require("step")
            guard step == "approve" || step == "return" else { throw AppError.notFound(Text("页面", "Page")) }
            let f = try await FormData.read(request)
            let c = try await contractors.review(planId: try context.parameters.require("id"), approve: step == "approve", FlatBody(["reason": f["reason"] ?? ""]), by: principal)
            return Redirect.to("\(Self.path)/\(c.id)?notice=contractor&what=\(step)")
        }
    }

    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = context.page(request)
        let q = request.uri.queryParameters
        guard q.get("notice") == "contractor", let what = q.get("what").map({ String($0) }) else { return base }
        let label: Text = switch what {
        case "created": Text("已登记外包单位", "Contractor registered")
        case "plan": Text("已登记外包计划", "Plan handed in")
        case "evaluation": Text("已登记质量评价", "Evaluation recorded")
        case "approve": Text("外包计划已审核通过", "Plan approved")
        default: Text("外包计划已退回", "Plan returned")
        }
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken, notice: label(base.locale), formFlash: base.formFlash, path: base.path)
    }

    static func input(_ state: FormState, _ id: String, _ name: String, _ label: Text, _ l: AppLocale, type: String = "text", value: String? = nil, attributes: String = "") -> HTML {
        FormControls.field(label(l), for: id, FormControls.input(id: id, name: name, type: type, value: state.values[name] ?? value, attributes: attributes),
                           error: state.message(for: name, l))
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let m = try await contractors.listPage(viewer: principal)
        let rows: [DataTable.Row] = m.contractors.map { c in
            DataTable.Row(plain: ["<a href=\"\(Self.path)/\(c.id)\">\(c.number)</a>", "\(c.estateName)", "\(PlanningLabels.service(c.serviceType), l)", "\(c.company)",
                                  "\(c.contractFrom) – \(c.contractTo)"], attributes: "class=\"prp-contractor\" data-id=\"\(c.id)\"")
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"prp-no-contractors\">\(Text("还没有外包单位", "No contractors yet"), l)</p>"
            : DataTable.render(id: "prp-contractors", headers: [Text("编号", "Number"), Text("小区", "Estate"), Text("类别", "Service"), Text("外包单位", "Company"),
                                                                Text("合同期", "Contract")].map { $0(l) }, rows: rows)
        let state = page.formState(action: Self.path)
        let form: HTML = m.mayWrite && !m.estates.isEmpty ? """
            <section class="card no-print" id="prp-contractor-new"><h2>\(Text("登记外包单位", "Register a contractor"), l)</h2>
            \(state.generalMessage(fields: ["estateId", "serviceType", "company", "contact", "contractFrom", "contractTo"], l, id: "prp-contractor-error"))
            <form method="post" action="\(Self.path)" id="prp-contractor-form">\(page.csrfField)<div class="grid one-column">
            \(FormControls.field(Text("小区", "Estate")(l), for: "prp-contractor-estate",
                                 FormControls.select(id: "prp-contractor-estate", name: "estateId", options: m.estates.map { ($0.id, $0.name) }, selected: state.values["estateId"]),
                                 error: state.message(for: "estateId", l)))
            \(FormControls.field(Text("类别", "Service")(l), for: "prp-contractor-type",
                                 FormControls.select(id: "prp-contractor-type", name: "serviceType", options: ContractorServiceType.allCases.map { ($0.rawValue, PlanningLabels.service($0)(l)) },
                                                     selected: state.values["serviceType"]), error: state.message(for: "serviceType", l)))
            \(Self.input(state, "prp-contractor-company", "company", Text("外包单位", "Company"), l, attributes: "required"))
            \(Self.input(state, "prp-contractor-contact", "contact", Text("联系人及电话", "Contact"), l))
            \(Self.input(state, "prp-contractor-from", "contractFrom", Text("合同开始日期", "Contract from"), l, type: "date", attributes: "required"))
            \(Self.input(state, "prp-contractor-to", "contractTo", Text("合同结束日期", "Contract to"), l, type: "date", attributes: "required"))
            </div><div class="actions"><button type="submit" id="prp-contractor-save">\(Text("保存", "Save"), l)</button></div></form></section>
            """ : .empty
        let body: HTML = """
        <h1 id="prp-contractors-title">\(Text("外包服务", "Outsourced services"), l)</h1>
        <p class="hint">\(Text("保洁、绿化、消杀外包单位：审核其月度计划，定期评价服务质量（PRP-05）。总分为各项平均分，≥ 80.0 且单项均 ≥ 60 为合格。",
                               "Cleaning, greening and pest-control contractors: review their monthly plans and evaluate them (PRP-05). Passed: overall ≥ 80.0 and no criterion under 60."), l)</p>
        \(table)
        \(form)
        """
        return shell.render(page, title: Text("外包服务", "Outsourced services"), active: "property-contractors", body: body).response()
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let c = try await contractors.contractor(id: try context.parameters.require("id"), viewer: principal)
        let base = "\(Self.path)/\(c.id)"
        let reviewer = !principal.roles.isDisjoint(with: ContractorEvaluationRules.planReviewers)
        let worker = !principal.roles.isDisjoint(with: PropertyRules.workers)
        let planRows: [DataTable.Row] = c.plans.map { p in
            let decide: HTML = reviewer && p.status == .submitted ? """
                <form method="post" action="/property/contractor-plans/\(p.id)/approve" class="inline">\(page.csrfField)<button type="submit" class="prp-cplan-approve">\(Text("通过", "Approve"), l)</button></form>
                <form method="post" action="/property/contractor-plans/\(p.id)/return" class="inline">\(page.csrfField)
                <label class="sr-only" for="prp-cplan-reason-\(p.id)">\(Text("退回原因", "Reason"), l)</label>
                <input id="prp-cplan-reason-\(p.id)" name="reason" required placeholder="\(Text("退回原因", "Reason"), l)"><button type="submit" class="prp-cplan-return">\(Text("退回", "Return"), l)</button></form>
                """ : .empty
            let status: Text = p.status == .approved ? Text("已通过", "Approved") : p.status == .returned ? Text("已退回", "Returned") : Text("待审核", "Awaiting review")
            return DataTable.Row(plain: ["\(p.month)", "\(p.content)", "\(status, l)", "\(p.reviewNote ?? "")", decide], attributes: "class=\"prp-cplan\" data-status=\"\(p.status.rawValue)\"")
        }
        let evalRows: [DataTable.Row] = c.evaluations.map { e in
            DataTable.Row(plain: ["\(e.evaluatedOn)", "\(e.evaluator)", "\(e.scores.map { "\($0.criterion) \($0.score)" }.joined(separator: "；"))", "\(e.overall)",
                                  e.passed ? "<span class=\"badge\">\(Text("合格", "Passed"), l)</span>" : "<span class=\"badge warn\">\(Text("不合格", "Failed"), l)</span>",
                                  "\(e.remarks ?? "")"], attributes: "class=\"prp-evaluation\"")
        }
        var forms: [HTML] = []
        if worker {
            let ps = page.formState(action: "\(base)/plans"), es = page.formState(action: "\(base)/evaluations")
            forms.append("""
            <section class="card no-print" id="prp-cplan-new"><h2>\(Text("登记外包月度计划", "Hand in a monthly plan"), l)</h2>
            \(ps.generalMessage(fields: ["month", "content"], l, id: "prp-cplan-error"))
            <form method="post" action="\(base)/plans" id="prp-cplan-form">\(page.csrfField)<div class="grid one-column">
            \(Self.input(ps, "prp-cplan-month", "month", Text("月份", "Month"), l, type: "month", attributes: "required"))
            \(FormControls.field(Text("计划内容", "Plan")(l), for: "prp-cplan-content", "<textarea id=\"prp-cplan-content\" name=\"content\" rows=\"4\" required>\(ps.values["content"] ?? "")</textarea>",
                                 error: ps.message(for: "content", l)))
            </div><div class="actions"><button type="submit" id="prp-cplan-save">\(Text("保存", "Save"), l)</button></div></form></section>
            <section class="card no-print" id="prp-evaluation-new"><h2>\(Text("质量评价", "Evaluate the service"), l)</h2>
            \(es.generalMessage(fields: ["evaluatedOn", "evaluator", "scores", "remarks"], l, id: "prp-evaluation-error"))
            <form method="post" action="\(base)/evaluations" id="prp-evaluation-form">\(page.csrfField)<div class="grid one-column">
            \(Self.input(es, "prp-evaluation-on", "evaluatedOn", Text("评价日期", "Date"), l, type: "date"))
            \(Self.input(es, "prp-evaluation-by", "evaluator", Text("评价人", "Evaluator"), l, value: principal.displayName, attributes: "required"))
            \(FormControls.field(Text("各项得分（每行：项目 分数）", "Scores (one a line: criterion score)")(l), for: "prp-evaluation-scores",
                                 "<textarea id=\"prp-evaluation-scores\" name=\"scores\" rows=\"4\" required>\(es.values["scores"] ?? "")</textarea>",
                                 error: es.message(for: "scores", l), hint: Text("例：清洁度 85", "e.g. 清洁度 85")(l)))
            \(Self.input(es, "prp-evaluation-remarks", "remarks", Text("备注", "Remarks"), l))
            </div><div class="actions"><button type="submit" id="prp-evaluation-save">\(Text("保存", "Save"), l)</button></div></form></section>
            """)
        }
        let body: HTML = """
        <h1 id="prp-contractor-title">\(c.company) <small>\(c.number)</small></h1>
        <p class="meta">\(c.estateName) · \(PlanningLabels.service(c.serviceType), l) · \(Text("合同期", "Contract")(l)) \(c.contractFrom) – \(c.contractTo)\(c.contact.map { " · " + $0 } ?? "")</p>
        <p class="no-print"><button type="button" id="prp-contractor-print" data-print>\(Text("打印", "Print"), l)</button> <a href="\(Self.path)">\(Text("返回列表", "Back to the list"), l)</a></p>
        <section class="card" id="prp-cplans"><h2>\(Text("月度计划", "Monthly plans"), l)</h2>\(planRows.isEmpty ? "<p class=\"empty\">\(Text("暂无", "None yet"), l)</p>" as HTML
            : DataTable.render(id: "prp-cplan-list", headers: [Text("月份", "Month"), Text("内容", "Plan"), Text("状态", "Status"), Text("审核意见", "Note"), Text("", "")].map { $0(l) }, rows: planRows))</section>
        <section class="card" id="prp-evaluations"><h2>\(Text("质量评价", "Evaluations"), l)</h2>\(evalRows.isEmpty ? "<p class=\"empty\">\(Text("暂无", "None yet"), l)</p>" as HTML
            : DataTable.render(id: "prp-evaluation-list", headers: [Text("日期", "Date"), Text("评价人", "Evaluator"), Text("各项得分", "Scores"), Text("总分", "Overall"),
                                                                    Text("结论", "Result"), Text("备注", "Remarks")].map { $0(l) }, rows: evalRows))</section>
        \(forms)
        """
        return shell.render(page, title: Text(c.company, c.company), active: "property-contractors", body: body, breadcrumbs: .underActive).response()
    }
}
