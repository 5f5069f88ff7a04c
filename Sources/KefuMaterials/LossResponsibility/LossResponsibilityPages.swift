import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 材料损失责任单 (KPI-06) as pages: the list in the viewer's scope (filters, pages, an empty state; cards on a phone),
/// the one-column form the business department fills in (site, cause, items with exact quantity and value, the
/// person responsible — the site chief unless another is chosen), and the record with its steps and the step forms:
/// the department's proposal, 业务管理部's approval or rejection with a reason. A refused form comes back through
/// `FormFlash` with what was typed and the reason under its field.
struct LossResponsibilityPages: Sendable {
    let losses: LossResponsibilityService
    let shell: PageShell

    static let path = "/materials/loss-responsibilities"
    /// Item lines on a fresh form (without script, the fallback for adding lines: blank ones are skipped); "添加一行"
    /// adds more through the shared line grid (`data-line-grid`, `template#line-template`, `[data-line-add]`).
    static let formLines = 5
    /// The highest line index the server reads from a form.
    static let maxFormLines = 200

    /// The highest line index present in a form's values (`item_N`, `qty_N`, `value_N`; lines the script added included).
    static func lastLine(_ values: (String) -> String?) -> Int {
        (1...maxFormLines).last { values("item_\($0)") != nil || values("qty_\($0)") != nil || values("value_\($0)") != nil } ?? 0
    }

    func register(on router: Router<KefuContext>) {
        router.get("/materials/loss-responsibilities") { request, context in try await list(request, context) }
        router.get("/materials/loss-responsibilities/new") { request, context in try await newForm(request, context) }
        router.post("/materials/loss-responsibilities") { request, context in
            let principal = try context.requirePrincipal()
            let r = try await losses.register(Self.input(try await FormData.read(request)), by: principal)
            return Redirect.to("\(Self.path)/\(r.id)?notice=loss&what=register")
        }
        router.get("/materials/loss-responsibilities/:id") { request, context in try await detail(request, context) }
        router.post("/materials/loss-responsibilities/:id/propose") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            let f = try await FormData.read(request)
            _ = try await losses.propose(id: id, LossPenaltyInput(amount: f["amount"].map(TypedAmount.init), text: f["text"]), by: principal)
            return Redirect.to("\(Self.path)/\(id)?notice=loss&what=propose")
        }
        router.post("/materials/loss-responsibilities/:id/decide") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            let f = try await FormData.read(request)
            let input = LossDecisionInput(reason: f["reason"])
            if f["decision"] == "reject" {
                _ = try await losses.reject(id: id, input, by: principal)
                return Redirect.to("\(Self.path)/\(id)?notice=loss&what=reject")
            }
            _ = try await losses.approve(id: id, input, by: principal)
            return Redirect.to("\(Self.path)/\(id)?notice=loss&what=approve")
        }
    }

    static func input(_ f: FormData) -> LossResponsibilityInput {
        let lines = (1...max(formLines, lastLine { f[$0] })).map { i in
            LossResponsibilityInput.Line(itemId: f["item_\(i)"], quantity: f["qty_\(i)"].map(TypedAmount.init), value: f["value_\(i)"].map(TypedAmount.init))
        }
        return LossResponsibilityInput(orgUnitId: f["orgUnitId"], cause: f["cause"], description: f["description"], responsibleId: f["responsibleId"],
                                       linkNumber: f["linkNumber"], lines: lines)
    }

    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        MaterialNotices.page(request, context, feature: "loss") { what in
            switch what {
            case "register": return Text("已登记材料损失责任单", "Loss recorded")
            case "propose": return Text("已提出处罚意见，待业务管理部审批", "Penalty proposed; 业务管理部 decides")
            case "approve": return Text("已批准，已通知责任人", "Approved; the person responsible was told")
            default: return Text("已驳回", "Rejected")
            }
        }
    }

    static func causeLabel(_ raw: String) -> Text {
        LossCause(rawValue: raw).map { Text($0.label.zh, $0.label.en) } ?? Text(raw, raw)
    }

    static func badge(_ raw: String, _ l: AppLocale) -> HTML {
        let label = LossResponsibilityStatus(rawValue: raw).map { Text($0.label.zh, $0.label.en) } ?? Text(raw, raw)
        return "<span class=\"badge loss-status\" data-status=\"\(raw)\">\(label, l)</span>"
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await losses.listModel(q, paging: try Paging.from(q, defaultPer: 25), viewer: principal)
        let rows: [DataTable.Row] = m.records.items.map { r in
            DataTable.Row(plain: [
                "<a class=\"loss-link\" href=\"\(Self.path)/\(r.id)\">\(r.number)</a>", "\(r.orgUnitName)", "\(Self.causeLabel(r.cause), l)",
                "\(r.total)", "\(r.responsibleName)", "\(r.penaltyAmount ?? "—")", Self.badge(r.status, l),
            ], attributes: HTML(raw: "class=\"loss-row\" data-id=\"\(r.id)\" data-number=\"\(HTML.escape(r.number))\" data-status=\"\(r.status)\""))
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"loss-empty\">\(Text("没有材料损失责任单", "No loss records"), l)</p>"
            : DataTable.render(id: "loss-list", headers: [Text("编号", "Number"), Text("现场", "Site"), Text("损失原因", "Cause"), Text("损失金额（元）", "Loss (yuan)"),
                                                          Text("责任人", "Responsible"), Text("处罚金额（元）", "Penalty (yuan)"), Text("状态", "State")].map { $0(l) }, rows: rows)
        let statuses = [("", Text("全部状态", "All states")(l))] + LossResponsibilityStatus.allCases.map { ($0.rawValue, Text($0.label.zh, $0.label.en)(l)) }
        let causes = [("", Text("全部原因", "All causes")(l))] + LossCause.allCases.map { ($0.rawValue, Text($0.label.zh, $0.label.en)(l)) }
        let sites = [("", Text("全部现场", "All sites")(l))] + m.sites.map { ($0.id, $0.name) }
        var query: [String: String] = [:]
        for k in ["orgUnitId", "status", "cause", "q"] { if let v = TextRules.trimmed(q[k]) { query[k] = v } }
        let body: HTML = """
        <div class="actions list-head"><h1 id="loss-title">\(Text("材料损失责任单", "Material-loss responsibility"), l)</h1>
        \(m.canRegister ? "<a class=\"button\" id=\"new-loss\" href=\"\(Self.path)/new\">\(Text("登记材料损失", "Record a loss")(l))</a>" as HTML : .empty)</div>
        <p class="hint">\(Text("违反规定造成的材料损失（变质、损坏、以大代小、挪用、错用、丢失）由现场负责人直接负责，业务部人员提出处罚意见（KPI-06）。",
                               "Losses from rule breaches (spoilage, big-for-small use, misuse, loss) are the site chief's direct responsibility; the business department proposes the penalty (KPI-06)."), l)</p>
        <form method="get" action="\(Self.path)" class="toolbar filters" id="loss-filter">
        \(FormControls.field(Text("现场", "Site")(l), for: "loss-filter-site", FormControls.select(id: "loss-filter-site", name: "orgUnitId", options: sites, selected: query["orgUnitId"] ?? "")))
        \(FormControls.field(Text("状态", "State")(l), for: "loss-filter-status", FormControls.select(id: "loss-filter-status", name: "status", options: statuses, selected: query["status"] ?? "")))
        \(FormControls.field(Text("损失原因", "Cause")(l), for: "loss-filter-cause", FormControls.select(id: "loss-filter-cause", name: "cause", options: causes, selected: query["cause"] ?? "")))
        \(FormControls.field(Text("查找（编号、说明）", "Find (number, description)")(l), for: "loss-filter-q", FormControls.input(id: "loss-filter-q", name: "q", type: "search", value: query["q"])))
        <button type="submit" id="loss-filter-apply">\(Text("筛选", "Filter"), l)</button></form>
        \(table)
        \(FormControls.pager(basePath: Self.path, query: query, page: m.records.page, per: m.records.per, total: m.records.total, locale: l))
        """
        return shell.render(page, title: Text("材料损失责任单", "Material-loss responsibility"), active: "loss-responsibilities", body: body).response()
    }

    func newForm(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let m = try await losses.formModel(viewer: principal)
        guard !m.sites.isEmpty else {
            throw AppError.forbidden(Text("您没有可以登记材料损失的现场", "There is no site where you may record a loss"))
        }
        let s = page.formState(action: Self.path)
        func err(_ name: String) -> String? { s.message(for: name, l) }
        let causes = [("", Text("请选择", "Choose")(l))] + LossCause.allCases.map { ($0.rawValue, Text($0.label.zh, $0.label.en)(l)) }
        var fields: Set<String> = ["orgUnitId", "cause", "description", "responsibleId", "linkNumber", "lines"]
        let count = max(Self.formLines, Self.lastLine { s.values[$0] })
        for i in 1...count { fields.formUnion(["lines[\(i - 1)].itemId", "lines[\(i - 1)].quantity", "lines[\(i - 1)].value"]) }
        /// One line's row; `i` is "__N__" in the template the script copies.
        func lineRow(_ i: String, number: String) -> DataTable.Row {
            let at = Int(i).map { "lines[\($0 - 1)]." } ?? "-"
            return DataTable.Row([
                DataTable.Cell(HTML(raw: number), class: "line-no"),
                DataTable.Cell(FormControls.field(Text("存货", "Item")(l), for: "loss-item-\(i)",
                    FormControls.picker(id: "loss-item-\(i)", name: "item_\(i)", search: "/api/v1/search?kinds=item", shown: s.values["itemText_\(i)"] ?? s.values["item_\(i)"],
                                        value: s.values["item_\(i)"], attributes: "name=\"itemText_\(i)\""), error: err(at + "itemId"))),
                DataTable.Cell(FormControls.field(Text("数量", "Quantity")(l), for: "loss-qty-\(i)",
                    FormControls.input(id: "loss-qty-\(i)", name: "qty_\(i)", value: s.values["qty_\(i)"], attributes: "inputmode=\"decimal\""), error: err(at + "quantity"))),
                DataTable.Cell(FormControls.field(Text("金额（元）", "Value (yuan)")(l), for: "loss-value-\(i)",
                    FormControls.input(id: "loss-value-\(i)", name: "value_\(i)", value: s.values["value_\(i)"], attributes: "inputmode=\"decimal\""), error: err(at + "value"))),
            ], attributes: "class=\"loss-line\" data-line")
        }
        let lineRows = (1...count).map { lineRow(String($0), number: String($0)) }
        let template = DataTable.render(id: "loss-line-template", headers: ["", "", "", ""], rows: [lineRow("__N__", number: "")])
            .raw.components(separatedBy: "<tbody>").last?.components(separatedBy: "</tbody>").first ?? ""
        let grid = DataTable.render(id: "loss-lines", headers: [Text("行", "Line"), Text("存货", "Item"), Text("数量", "Quantity"), Text("金额（元）", "Value (yuan)")].map { $0(l) },
                                    rows: lineRows, cls: "line-grid")
            .raw.replacingOccurrences(of: "<table id=\"loss-lines\"", with: "<table id=\"loss-lines\" data-line-grid data-next-index=\"\(count + 1)\"")
        let linesHTML = HTML(raw: grid + "<template id=\"line-template\">\(template)</template>"
                             + "<p class=\"no-print\"><button type=\"button\" id=\"loss-add-line\" data-line-add>\(HTML.escape(Text("添加一行", "Add a line")(l)))</button></p>")
        let title = Text("登记材料损失", "Record a material loss")
        let body: HTML = """
        <h1 id="loss-form-title">\(title, l)</h1>
        <p class="hint">\(Text("责任人默认为该现场的现场负责人；金额按元填写，精确到分（KPI-06）。", "The person responsible is the site chief unless you choose another; amounts in yuan, exact to the fen (KPI-06)."), l)</p>
        \(s.generalMessage(fields: fields, l, id: "loss-form-error"))
        <form method="post" action="\(Self.path)" id="loss-form" class="one-column">\(page.csrfField)
        \(FormControls.field(Text("现场", "Site")(l), for: "loss-site", FormControls.select(id: "loss-site", name: "orgUnitId", options: m.sites.map { ($0.id, $0.name) }, selected: s.values["orgUnitId"]), error: err("orgUnitId")))
        \(FormControls.field(Text("损失原因", "Cause")(l), for: "loss-cause", FormControls.select(id: "loss-cause", name: "cause", options: causes, selected: s.values["cause"] ?? "", attributes: "required"), error: err("cause")))
        \(FormControls.field(Text("损失情况说明", "Description")(l), for: "loss-description",
                             HTML(raw: "<textarea id=\"loss-description\" name=\"description\" rows=\"3\" maxlength=\"2000\" required>\(HTML.escape(s.values["description"] ?? ""))</textarea>"), error: err("description")))
        \(linesHTML)
        \(s.message(for: "lines", l).map { "<p class=\"field-error\" id=\"loss-lines-error\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
        \(FormControls.field(Text("责任人（留空为现场负责人）", "Person responsible (empty: the site chief)")(l), for: "loss-responsible",
                             FormControls.picker(id: "loss-responsible", name: "responsibleId", search: "/api/v1/search?kinds=user", shown: s.values["responsibleText"] ?? s.values["responsibleId"],
                                                 value: s.values["responsibleId"], attributes: "name=\"responsibleText\""), error: err("responsibleId")))
        \(s.textField("linkNumber", Text("关联盘点单或损坏件编号（可选，如 PD-2026-000001、SH-2026-000001）", "Related stocktake or damaged part (optional, e.g. PD-2026-000001, SH-2026-000001)"), "loss-link", l))
        <div class="actions"><button type="submit" id="loss-save">\(Text("登记", "Record"), l)</button></div>
        </form>
        """
        return shell.render(page, title: title, active: "loss-responsibilities", body: body, breadcrumbs: .underActive).response()
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let r = try await losses.record(id: try context.parameters.require("id"), viewer: principal)
        let title = Text("材料损失责任单 {0}", "Loss record {0}").with(r.number)
        let lineRows: [DataTable.Row] = r.lines.map {
            DataTable.Row(plain: ["\($0.lineNo)", "\($0.itemCode) \($0.itemName)", "\($0.quantity) \($0.unit)", "\($0.value)"], attributes: "class=\"loss-line-row\"")
        }
        let actionNames: [String: Text] = ["register": Text("登记", "Recorded"), "propose": Text("提出处罚意见", "Penalty proposed"),
                                           "approve": Text("批准", "Approved"), "reject": Text("驳回", "Rejected")]
        let steps: HTML = HTML(raw: r.steps.map { st in
            let amount = st.amount.map { " · " + $0 + Text(" 元", " yuan")(l) } ?? ""
            return "<li class=\"loss-step\" data-action=\"\(st.action)\"><strong>" + HTML.escape(actionNames[st.action].map { $0(l) } ?? st.action) + "</strong> · "
                + HTML.escape(st.actorName) + " · " + HTML.escape(Times.display(st.at)) + HTML.escape(amount)
                + (st.note.isEmpty ? "" : "<br>" + HTML.escape(st.note)) + "</li>"
        }.joined())
        let link: HTML = r.linkHref.map { "<a id=\"loss-link-record\" href=\"\($0)\">\(r.linkNumber ?? "")</a>" } ?? "—"
        var forms: [HTML] = []
        if r.actions.contains("propose") {
            let action = "\(Self.path)/\(r.id)/propose"
            let s = page.formState(action: action)
            forms.append("""
            <section id="loss-propose"><h2>\(Text("提出处罚意见", "Propose the penalty"), l)</h2>
            \(s.generalMessage(fields: ["amount", "text"], l, id: "loss-propose-error"))
            <form method="post" action="\(action)" class="one-column" id="loss-propose-form">\(page.csrfField)
            \(s.textField("amount", Text("处罚金额（元，可选）", "Penalty amount (yuan, optional)"), "loss-amount", l, attributes: "inputmode=\"decimal\""))
            \(s.textField("text", Text("处罚意见", "Penalty"), "loss-penalty-text", l, attributes: "maxlength=\"1000\""))
            <div class="actions"><button type="submit" id="loss-propose-submit">\(Text("提出", "Propose"), l)</button></div></form></section>
            """)
        }
        if r.actions.contains("approve") {
            let action = "\(Self.path)/\(r.id)/decide"
            let s = page.formState(action: action)
            forms.append("""
            <section id="loss-decide"><h2>\(Text("审批处罚意见", "Decide the proposal"), l)</h2>
            <form method="post" action="\(action)" class="one-column" id="loss-decide-form">\(page.csrfField)
            \(s.textField("reason", Text("意见（驳回时必填）", "Reason (required to reject)"), "loss-reason", l, attributes: "maxlength=\"1000\""))
            <div class="actions"><button type="submit" name="decision" value="approve" id="loss-approve">\(Text("批准", "Approve"), l)</button>
            <button type="submit" name="decision" value="reject" class="secondary" id="loss-reject">\(Text("驳回", "Reject"), l)</button></div></form></section>
            """)
        }
        let body: HTML = """
        <h1 id="loss-record-title">\(title, l)</h1>
        <p class="meta">\(Self.badge(r.status, l))</p>
        <dl class="facts" id="loss-facts">
        <dt>\(Text("现场", "Site"), l)</dt><dd>\(r.orgUnitName)</dd>
        <dt>\(Text("损失原因", "Cause"), l)</dt><dd id="loss-cause-shown">\(Self.causeLabel(r.cause), l)</dd>
        <dt>\(Text("损失情况说明", "Description"), l)</dt><dd>\(r.description)</dd>
        <dt>\(Text("损失金额（元）", "Loss (yuan)"), l)</dt><dd id="loss-total">\(r.total)</dd>
        <dt>\(Text("责任人", "Responsible"), l)</dt><dd id="loss-responsible-name">\(r.responsibleName)</dd>
        <dt>\(Text("关联单据", "Related record"), l)</dt><dd>\(link)</dd>
        <dt>\(Text("处罚金额（元）", "Penalty (yuan)"), l)</dt><dd id="loss-penalty-amount">\(r.penaltyAmount ?? "—")</dd>
        <dt>\(Text("处罚意见", "Penalty"), l)</dt><dd id="loss-penalty-text-shown">\(r.penaltyText ?? "—")</dd>
        <dt>\(Text("审批意见", "Decision"), l)</dt><dd id="loss-decision-note">\(r.decisionNote ?? "—")</dd>
        </dl>
        \(DataTable.render(id: "loss-record-lines", headers: [Text("行", "Line"), Text("存货", "Item"), Text("数量", "Quantity"), Text("金额（元）", "Value (yuan)")].map { $0(l) }, rows: lineRows))
        <section id="loss-steps"><h2>\(Text("办理过程", "Steps"), l)</h2><ol class="steps">\(steps)</ol></section>
        \(forms)
        <p class="no-print"><a href="\(Self.path)">\(Text("返回列表", "Back to the list"), l)</a></p>
        """
        return shell.render(page, title: title, active: "loss-responsibilities", body: body, breadcrumbs: .underActive).response()
    }
}
