import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 人员 › 质检 › 服务质量分析 (KPI-07) as pages: the list (unit, period, state filters; 逾期 marked), the new form, and
/// one analysis with its figures against their targets (misses highlighted), findings, plan lines with their results,
/// the steps the viewer may take, the edit form while a draft; printable on A4.
public struct QualityAnalysisPages: Sendable {
    let analyses: QualityAnalysisService
    let shell: PageShell

    public init(analyses: QualityAnalysisService, shell: PageShell) {
        self.analyses = analyses
        self.shell = shell
    }

    public static let navItem = NavItem(id: "people-quality-analyses", href: "/people/quality-analyses", label: Text("服务质量分析", "Quality analyses"),
                                        area: .people, group: QualityPages.group, isVisible: { !$0.roles.isDisjoint(with: QualityAnalysisRules.readers) })

    public func register(on router: Router<KefuContext>) {
        router.get("/people/quality-analyses") { request, context in try await list(request, context) }
        router.get("/people/quality-analyses/new") { request, context in try await newPage(request, context) }
        router.post("/people/quality-analyses") { request, context in
            let principal = try context.requirePrincipal()
            let f = try await FormData.read(request)
            let v = try await analyses.create(QualityAnalysisInput(orgUnitId: f["orgUnitId"], period: f["period"], findings: f["findings"],
                                                                   lines: QualityAnalysisForm.lines(f)), by: principal)
            return Redirect.to("/people/quality-analyses/\(v.id)")
        }
        router.get("/people/quality-analyses/:id") { request, context in try await detail(request, context) }
        router.post("/people/quality-analyses/:id") { request, context in
            let principal = try context.requirePrincipal()
            let f = try await FormData.read(request)
            let v = try await analyses.update(id: try context.parameters.require("id"),
                                              QualityAnalysisInput(period: f["period"], findings: f["findings"], lines: QualityAnalysisForm.lines(f)), by: principal)
            return Redirect.to("/people/quality-analyses/\(v.id)")
        }
        router.post("/people/quality-analyses/:id/lines/:lineId/done") { request, context in
            let principal = try context.requirePrincipal()
            let f = try await FormData.read(request)
            let v = try await analyses.markDone(id: try context.parameters.require("id"), lineId: try context.parameters.require("lineId"), result: f["result"], by: principal)
            return Redirect.to("/people/quality-analyses/\(v.id)")
        }
        router.post("/people/quality-analyses/:id/:step") { request, context in
            let principal = try context.requirePrincipal()
            guard let step = QualityAnalysisRules.Step(rawValue: try context.parameters.require("step")) else { throw AppError.notFound(Text("页面", "Page")) }
            let f = try await FormData.read(request)
            let v = try await analyses.step(step, id: try context.parameters.require("id"), note: f["note"], by: principal)
            return Redirect.to("/people/quality-analyses/\(v.id)")
        }
    }

    static func statusLabel(_ s: String) -> Text {
        switch s {
        case "draft": Text("草稿", "Draft")
        case "submitted": Text("待主任审批", "Awaiting the director")
        case "approved": Text("整改中", "Being rectified")
        case "completed": Text("已完成", "Completed")
        default: Text(s, s)
        }
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await analyses.listPage(viewer: principal, unitId: q["orgUnitId"], period: q["period"], status: q["status"], paging: try Paging.from(q, defaultPer: 20))
        let title = Text("服务质量分析", "Quality analyses")
        let statuses = [("", Text("全部", "All")(l))] + QualityAnalysisRules.Status.allCases.map { ($0.rawValue, Self.statusLabel($0.rawValue)(l)) }
        let units = [("", Text("全部单位", "All units")(l))] + m.units.map { ($0.id, $0.name) }
        let filters: HTML = """
        <form method="get" action="/people/quality-analyses" class="filters grid" id="analysis-filters">
        \(FormControls.field(Text("单位", "Unit")(l), for: "filter-unit", FormControls.select(id: "filter-unit", name: "orgUnitId", options: units, selected: m.unitId)))
        \(FormControls.field(Text("期间", "Period")(l), for: "filter-period", FormControls.input(id: "filter-period", name: "period", value: m.period, attributes: "placeholder=\"2026-11 / 2026-Q4\" maxlength=\"7\"")))
        \(FormControls.field(Text("状态", "State")(l), for: "filter-status", FormControls.select(id: "filter-status", name: "status", options: statuses, selected: m.status?.rawValue)))
        <div class="actions"><button type="submit" id="filter-apply">\(Text("筛选", "Filter"), l)</button></div></form>
        """
        let rows: [DataTable.Row] = m.analyses.items.map { a in
            let done = a.lines.filter(\.done).count
            let overdue: String = a.overdueLines > 0 ? " <span class=\"badge danger overdue\">\(HTML.escape(Text("逾期 {0}", "{0} overdue").with(String(a.overdueLines))(l)))</span>" : ""
            return DataTable.Row([
                DataTable.Cell(HTML(raw: "<a href=\"/people/quality-analyses/\(a.id)\">\(HTML.escape(a.number))</a>")), DataTable.Cell("\(a.orgUnitName)"),
                DataTable.Cell("\(a.period)"), DataTable.Cell("\(done)/\(a.lines.count)"), DataTable.Cell("\(a.authorName)"),
                DataTable.Cell(HTML(raw: HTML.escape(Self.statusLabel(a.status)(l)) + overdue)),
            ], attributes: HTML(raw: "class=\"analysis-row\" data-id=\"\(a.id)\" data-status=\"\(a.status)\" data-overdue=\"\(a.overdueLines)\" data-number=\"\(HTML.escape(a.number))\""))
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"analysis-empty\">\(Text("还没有服务质量分析", "No quality analyses yet"), l)</p>"
            : DataTable.render(id: "analysis-list", headers: [Text("编号", "No."), Text("单位", "Unit"), Text("期间", "Period"), Text("整改完成", "Lines done"),
                                                            Text("编写人", "Author"), Text("状态", "State")].map { $0(l) }, rows: rows)
        var query: [String: String] = [:]
        query["orgUnitId"] = m.unitId; query["period"] = m.period; query["status"] = m.status?.rawValue
        let newLink: HTML = m.mayWrite ? "<p><a class=\"button\" id=\"analysis-new-link\" href=\"/people/quality-analyses/new\">\(Text("新建分析", "New analysis"), l)</a></p>" : .empty
        let body: HTML = """
        <h1 id="analysis-title">\(title, l)</h1>
        <p class="hint">\(Text("客服主管定期对服务质量进行统计、分析，并提出整改方案，经管理处主任（客服经理）审批后落实（KPI-07）。", "The CS supervisor analyses service quality each period and proposes a rectification plan; the office director (CS manager) approves it before it is carried out (KPI-07)."), l)</p>
        \(newLink)
        \(filters)
        \(table)
        \(FormControls.pager(basePath: "/people/quality-analyses", query: query, page: m.analyses.page, per: m.analyses.per, total: m.analyses.total, locale: l))
        """
        return shell.render(page, title: title, active: "people-quality-analyses", body: body).response()
    }

    func newPage(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let m = try await analyses.formPage(viewer: principal)
        let s = page.formState(action: "/people/quality-analyses")
        let title = Text("新建服务质量分析", "New quality analysis")
        let body: HTML = """
        <p><a href="/people/quality-analyses">\(Text("← 全部分析", "← All analyses"), l)</a></p>
        <h1 id="analysis-title">\(title, l)</h1>
        <p class="hint">\(Text("统计数据由系统按单位和期间自动汇总；草稿期间随时更新，提交时冻结。", "The figures are summed for the unit and period by Kefu: live while a draft, frozen on submission."), l)</p>
        \(s.generalMessage(fields: ["orgUnitId", "period", "findings", "lines"], l, id: "analysis-error"))
        <form method="post" action="/people/quality-analyses" id="analysis-form">\(page.csrfField)
        <div class="grid one-column">
        \(FormControls.field(Text("单位", "Unit")(l), for: "analysis-unit", FormControls.select(id: "analysis-unit", name: "orgUnitId", options: m.units.map { ($0.id, $0.name) }, selected: s.values["orgUnitId"]), error: s.message(for: "orgUnitId", l)))
        \(FormControls.field(Text("期间（月份或季度）", "Period (month or quarter)")(l), for: "analysis-period", FormControls.input(id: "analysis-period", name: "period", value: s.values["period"], attributes: "required placeholder=\"2026-11 / 2026-Q4\" maxlength=\"7\""), error: s.message(for: "period", l)))
        \(QualityAnalysisForm.findingsField(s.values["findings"], state: s, l))
        </div>
        \(QualityAnalysisForm.lineFields(staff: m.staff, state: s, existing: [], page: page))
        <div class="actions"><button type="submit" id="analysis-save">\(Text("保存草稿", "Save the draft"), l)</button></div></form>
        """
        return shell.render(page, title: title, active: "people-quality-analyses", body: body).response()
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let m = try await analyses.detailPage(id: try context.parameters.require("id"), viewer: principal)
        let a = m.analysis
        let title = Text("服务质量分析 {0}", "Quality analysis {0}").with(a.number)
        let note: HTML = a.decisionNote.map {
            "<p class=\"decision-note\" id=\"analysis-note\">\(a.status == "draft" ? Text("退回原因", "Returned because") : Text("审批意见", "Decision note"), l)：\($0)</p>"
        } ?? .empty
        let body: HTML = """
        <p class="no-print"><a href="/people/quality-analyses">\(Text("← 全部分析", "← All analyses"), l)</a></p>
        <h1 id="analysis-title">\(title, l)</h1>
        <div class="actions no-print"><button type="button" id="analysis-print" data-print>\(Text("打印", "Print"), l)</button></div>
        <dl class="facts">
        <dt>\(Text("单位", "Unit"), l)</dt><dd id="analysis-unit-shown">\(a.orgUnitName)</dd>
        <dt>\(Text("期间", "Period"), l)</dt><dd id="analysis-period-shown">\(a.period)（\(a.periodStart) – \(a.periodEnd)）</dd>
        <dt>\(Text("状态", "State"), l)</dt><dd id="analysis-status" data-status="\(a.status)">\(Self.statusLabel(a.status)(l))</dd>
        <dt>\(Text("编写人", "Author"), l)</dt><dd>\(a.authorName)</dd>
        <dt>\(Text("审批人", "Decided by"), l)</dt><dd>\(a.decidedByName ?? "—")</dd>
        </dl>
        \(note)
        <h2>\(Text("统计数据", "Figures"), l)</h2>
        \(QualityAnalysisFigures.table(a.figures, l))
        <h2>\(Text("分析", "Findings"), l)</h2>
        <p id="analysis-findings" class="prewrap">\(a.findings.isEmpty ? "—" : a.findings)</p>
        <h2>\(Text("整改方案", "Rectification plan"), l)</h2>
        \(lineTable(a, page: page))
        \(stepForms(a, page: page))
        \(editForm(m, page: page))
        """
        return shell.render(page, title: title, active: "people-quality-analyses", body: body).response()
    }

    func lineTable(_ a: QualityAnalysisView, page: PageContext) -> HTML {
        let l = page.locale
        guard !a.lines.isEmpty else { return "<p class=\"empty\" id=\"analysis-lines-empty\">\(Text("无整改项", "No plan lines"), l)</p>" }
        let rows: [DataTable.Row] = a.lines.map { line in
            let state: String
            if line.done {
                state = HTML.escape(Text("已完成", "Done")(l)) + (line.result.map { "：" + HTML.escape($0) } ?? "")
            } else if line.overdue {
                state = "<span class=\"badge danger overdue\">\(HTML.escape(Text("逾期", "Overdue")(l)))</span>"
            } else {
                state = HTML.escape(Text("未完成", "Open")(l))
            }
            var doneForm = ""
            if line.actions.contains("done") {
                let action = "/people/quality-analyses/\(a.id)/lines/\(line.id)/done"
                let s = page.formState(action: action)
                let error = s.message(for: "result", l).map { "<p class=\"field-error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
                doneForm = """
                <form method="post" action="\(action)" class="inline line-done">\(page.csrfField.raw)<label for="line\(line.line)-result">\(HTML.escape(Text("整改结果", "Result")(l)))</label>\
                <input type="text" id="line\(line.line)-result" name="result" maxlength="500" required value="\(HTML.escape(s.values["result"] ?? ""))">\(error)\
                <button type="submit" id="line\(line.line)-done">\(HTML.escape(Text("标记完成", "Mark done")(l)))</button></form>
                """
            }
            return DataTable.Row([DataTable.Cell("\(line.line)"), DataTable.Cell("\(line.problem)"), DataTable.Cell("\(line.measure)"),
                                  DataTable.Cell("\(line.responsibleName)"), DataTable.Cell("\(line.due)"), DataTable.Cell(HTML(raw: state + doneForm))],
                                 attributes: HTML(raw: "class=\"analysis-line\" data-line-id=\"\(line.id)\" data-done=\"\(line.done)\" data-overdue=\"\(line.overdue)\""))
        }
        return DataTable.render(id: "analysis-lines", headers: [Text("序号", "No."), Text("问题", "Problem"), Text("整改措施", "Measure"), Text("责任人", "Responsible"),
                                                              Text("完成期限", "Due"), Text("整改结果", "Result")].map { $0(l) }, rows: rows)
    }

    func stepForms(_ a: QualityAnalysisView, page: PageContext) -> HTML {
        let l = page.locale
        let s = page.formState(action: "/people/quality-analyses/\(a.id)/return")
        let submitState = page.formState(action: "/people/quality-analyses/\(a.id)/submit")
        let forms = a.actions.filter { $0 != "edit" }.map { step -> String in
            switch step {
            case "submit":
                let error = submitState.error.map { "<p class=\"field-error\" id=\"analysis-submit-error\" role=\"alert\">\(HTML.escape($0.message(l)))</p>" } ?? ""
                return "<form method=\"post\" action=\"/people/quality-analyses/\(a.id)/submit\" class=\"inline\">\(page.csrfField.raw)\(error)<button type=\"submit\" id=\"analysis-submit\">\(HTML.escape(Text("提交主任审批", "Submit to the director")(l)))</button></form>"
            case "approve":
                return "<form method=\"post\" action=\"/people/quality-analyses/\(a.id)/approve\" class=\"inline\">\(page.csrfField.raw)<button type=\"submit\" id=\"analysis-approve\">\(HTML.escape(Text("批准", "Approve")(l)))</button></form>"
            default:
                let error = s.message(for: "note", l).map { "<p class=\"field-error\" id=\"analysis-return-note-error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
                return """
                <form method="post" action="/people/quality-analyses/\(a.id)/return" class="inline">\(page.csrfField.raw)<label for="analysis-return-note">\(HTML.escape(Text("退回原因", "Why it is returned")(l)))</label>\
                <input type="text" id="analysis-return-note" name="note" maxlength="500" value="\(HTML.escape(s.values["note"] ?? ""))">\(error)\
                <button type="submit" id="analysis-return">\(HTML.escape(Text("退回", "Return")(l)))</button></form>
                """
            }
        }
        guard !forms.isEmpty else { return .empty }
        return HTML(raw: "<div class=\"actions\" id=\"analysis-steps\">" + forms.joined(separator: " ") + "</div>")
    }

    func editForm(_ m: QualityAnalysisPageModel, page: PageContext) -> HTML {
        let a = m.analysis
        guard a.actions.contains("edit") else { return .empty }
        let l = page.locale
        let action = "/people/quality-analyses/\(a.id)"
        let s = page.formState(action: action)
        return """
        <section id="analysis-edit" class="no-print"><h2>\(Text("修改分析", "Change the analysis"), l)</h2>
        \(s.generalMessage(fields: ["period", "findings", "lines"], l, id: "analysis-error"))
        <form method="post" action="\(action)" id="analysis-edit-form">\(page.csrfField)
        <div class="grid one-column">
        \(FormControls.field(Text("期间（月份或季度）", "Period (month or quarter)")(l), for: "analysis-period", FormControls.input(id: "analysis-period", name: "period", value: s.values["period"] ?? a.period, attributes: "required maxlength=\"7\""), error: s.message(for: "period", l)))
        \(QualityAnalysisForm.findingsField(s.values["findings"] ?? a.findings, state: s, l))
        </div>
        \(QualityAnalysisForm.lineFields(staff: m.staff, state: s, existing: a.lines, page: page))
        <div class="actions"><button type="submit" id="analysis-save">\(Text("保存修改", "Save the changes"), l)</button></div></form></section>
        """
    }
}
