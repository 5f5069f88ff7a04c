import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 人员 › 质检 (#15.5, KPI-03): inspections (the agent's own, or the unit's), the form that scores a ticket or a call against
/// one standard (one score 0–100 per item), an inspection, and the standards with their items as a small grid.
struct InspectionPages: Sendable {
    let standards: InspectionStandardService
    let inspections: InspectionService
    let shell: PageShell

    /// Rows of the items grid: the standard's own and blanks up to this many (at most `InspectionScoring.maximumItems`).
    static let gridRows = 8

    func register(on router: Router<KefuContext>) {
        router.get("/people/quality/inspections") { request, context in try await list(request, context) }
        router.get("/people/quality/inspections/new") { request, context in try await newForm(request, context) }
        router.post("/people/quality/inspections") { request, context in
            let principal = try context.requirePrincipal()
            let f = try await FormData.read(request)
            let count = min(InspectionScoring.maximumItems, UsualInput.wholeNumber(f["itemCount"] ?? "") ?? 0)
            var scores: [Int] = []
            for i in 0..<count {
                guard let typed = TextRules.trimmed(f["score_\(i + 1)"]), let n = UsualInput.wholeNumber(typed) else {
                    throw AppError.validation("score_\(i + 1)", Text("请为每一项填写 0–100 的整数分", "Score each item with a whole number 0–100"))
                }
                scores.append(n)
            }
            let v = try await inspections.inspect(InspectionInput(standardId: f["standardId"], ticketNumber: TextRules.trimmed(f["ticketNumber"]),
                                                                  callId: TextRules.trimmed(f["callId"]), agentId: TextRules.trimmed(f["agentId"]), scores: scores,
                                                                  comment: f["comment"], penaltyReason: f["penaltyReason"]), by: principal)
            return Redirect.to("/people/quality/inspections/\(v.id)")
        }
        router.get("/people/quality/inspections/:id") { request, context in try await detail(request, context) }
        router.get("/people/quality/standards") { request, context in try await standardsList(request, context) }
        router.post("/people/quality/standards") { request, context in
            let principal = try context.requirePrincipal()
            let f = try await FormData.read(request)
            let v = try await standards.create(Self.standardInput(f), by: principal)
            return Redirect.to("/people/quality/standards/\(v.id)")
        }
        router.get("/people/quality/standards/:id") { request, context in try await standardEditor(request, context) }
        router.post("/people/quality/standards/:id") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            let f = try await FormData.read(request)
            _ = try await standards.update(id: id, Self.standardInput(f), by: principal)
            return Redirect.to("/people/quality/standards/\(id)?saved=1")
        }
    }

    static func standardInput(_ f: FormData) -> InspectionStandardInput {
        let items = (1...InspectionScoring.maximumItems).compactMap { i -> InspectionStandardInput.Item? in
            guard f["label_\(i)"] != nil || f["weight_\(i)"] != nil else { return nil }
            return InspectionStandardInput.Item(label: f["label_\(i)"], weight: f["weight_\(i)"].map(NumberText.init))
        }
        return InspectionStandardInput(orgUnitId: f["orgUnitId"], name: f["name"], kind: f["kind"], items: items, status: f["status"])
    }

    static func kindLabel(_ k: String) -> Text { k == InspectionScoring.Kind.call.rawValue ? Text("来电", "Call") : Text("工单", "Ticket") }

    // MARK: inspections

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let isReader = !principal.roles.isDisjoint(with: QualityPenaltyRules.registerReaders)
        let mine = q["view"] == "mine" || !isReader
        let m = try await inspections.inspectionsPage(viewer: principal, mine: mine, q: q["q"], paging: try Paging.from(q, defaultPer: 20))
        let title = mine ? Text("我的质检", "My inspections") : Text("质检记录", "Inspections")
        let rows: [DataTable.Row] = m.inspections.items.map { i in
            DataTable.Row([
                DataTable.Cell("<a href=\"/people/quality/inspections/\(i.id)\" class=\"inspection-link\">\(i.number)</a>"),
                DataTable.Cell("\(m.shown[i.id] ?? "")"), DataTable.Cell("\(i.agentName)"),
                DataTable.Cell("\(Self.kindLabel(i.kind)(l)) \(i.ticketNumber ?? "")"), DataTable.Cell("\(i.standardName)"),
                DataTable.Cell("<strong class=\"inspection-total\">\(i.total)</strong>"), DataTable.Cell("\(i.inspectorName)"),
            ], attributes: HTML(raw: "class=\"inspection-row\" data-id=\"\(i.id)\" data-number=\"\(HTML.escape(i.number))\""))
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"inspections-empty\">\(Text("还没有质检记录", "No inspections yet"), l)</p>"
            : DataTable.render(id: "inspections-list", headers: [Text("编号", "No."), Text("时间", "When"), Text("员工", "Staff"), Text("对象", "Subject"),
                                                                Text("标准", "Standard"), Text("得分", "Score"), Text("质检员", "Inspector")].map { $0(l) }, rows: rows)
        let views: HTML = isReader ? """
            <p class="toolbar" id="inspection-views"><a class="button\(mine ? " secondary" : "")" href="/people/quality/inspections">\(Text("本单位", "My unit"), l)</a>
            <a class="button\(mine ? "" : " secondary")" href="/people/quality/inspections?view=mine">\(Text("我的质检", "My inspections"), l)</a></p>
            """ : .empty
        let start: HTML = m.standards.isEmpty ? .empty : """
            <section id="inspection-start"><h2>\(Text("新质检", "New inspection"), l)</h2><ul class="links">\(m.standards.map { s in
                HTML(raw: "<li><a class=\"start-inspection\" data-kind=\"\(s.kind)\" href=\"/people/quality/inspections/new?standardId=\(s.id)\">"
                     + HTML.escape(s.name) + "（" + HTML.escape(Self.kindLabel(s.kind)(l)) + "）</a></li>")
            })</ul></section>
            """
        var query: [String: String] = [:]
        if mine && isReader { query["view"] = "mine" }
        if let s = TextRules.trimmed(q["q"]) { query["q"] = s }
        let body: HTML = """
        <h1 id="inspections-title">\(title, l)</h1>
        \(views)
        <form method="get" action="/people/quality/inspections" class="toolbar filters" id="inspection-search">
        \(mine && isReader ? HTML(raw: "<input type=\"hidden\" name=\"view\" value=\"mine\">") : .empty)
        \(FormControls.field(Text("查找（编号、工单号、标准）", "Find (number, ticket, standard)")(l), for: "inspection-q", FormControls.input(id: "inspection-q", name: "q", type: "search", value: query["q"])))
        <button type="submit">\(Text("查找", "Find"), l)</button></form>
        \(table)
        \(FormControls.pager(basePath: "/people/quality/inspections", query: query, page: m.inspections.page, per: m.inspections.per, total: m.inspections.total, locale: l))
        \(start)
        """
        return shell.render(page, title: title, active: "people-inspections", body: body).response()
    }

    func newForm(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let standardId = request.queryDictionary["standardId"] ?? ""
        let m = try await inspections.newInspectionPage(standardId: standardId, viewer: principal)
        let st = m.standard
        let s = page.formState(action: "/people/quality/inspections")
        let scoreFields = Set((1...max(1, st.items.count)).map { "score_\($0)" })
        let fields = scoreFields.union(["ticketNumber", "ticketText", "callId", "agentId", "scores", "comment", "penaltyReason", "standardId"])
        func field(_ label: Text, _ name: String, _ control: HTML) -> HTML {
            FormControls.field(label(l), for: "inspection-\(name)", control, error: s.message(for: name, l))
        }
        let subject: HTML
        if st.kind == InspectionScoring.Kind.call.rawValue {
            let options = m.calls.map { ($0.id, "\(m.shown[$0.id] ?? "") · \($0.agentName) · \($0.callerNumber)") }
            subject = options.isEmpty ? "<p class=\"empty\" id=\"inspection-no-calls\">\(Text("请先记录来电", "Enter a call first"), l) — <a href=\"/people/quality/calls\">\(Text("来电记录", "Calls"), l)</a></p>"
                : field(Text("来电", "Call"), "callId", FormControls.select(id: "inspection-callId", name: "callId", options: options, selected: s.values["callId"]))
        } else {
            // #15.5: the shared picker (as on the repair and survey forms), asking for the tickets this inspector may score
            // (`InspectionTicketFinder`: QA does not see them in the general ticket search); the hidden `ticketNumber` carries the
            // picked ticket's id or the number as typed (the ticket source resolves both); `ticketText` is what was shown
            // or typed, so a refused form comes back with it.
            let typed = s.value("ticketText") ?? s.value("ticketNumber")
            subject = field(Text("工单号（如 KF2026-000004，输入部分编号可选择）", "Ticket number (e.g. KF2026-000004; type part of it to pick)"), "ticketNumber",
                            FormControls.picker(id: "inspection-ticketNumber", name: "ticketNumber", search: "/api/v1/search?kinds=" + InspectionTicketFinder.kind, shown: typed,
                                                value: s.value("ticketNumber"), attributes: "name=\"ticketText\" required"))
        }
        let scoreRows: [DataTable.Row] = st.items.enumerated().map { i, item in
            let name = "score_\(i + 1)"
            return DataTable.Row([
                DataTable.Cell("\(item.label)"), DataTable.Cell("\(item.weight)"),
                DataTable.Cell(FormControls.field(Text("得分", "Score")(l), for: "inspection-\(name)",
                                                  FormControls.input(id: "inspection-\(name)", name: name, value: s.value(name), attributes: "inputmode=\"numeric\" required class=\"score-input\""),
                                                  error: s.message(for: name, l))),
            ], attributes: "class=\"score-row\"")
        }
        let title = Text("新质检", "New inspection")
        let body: HTML = """
        <h1 id="new-inspection-title">\(title, l)：\(st.name)</h1>
        <p class="hint">\(Text("每项按 0–100 的整数打分（100 为完全符合；合格/不合格项记 100 或 0），总分按权重计算，保留两位小数（KPI-03）。",
                              "Score each item 0–100 (100 = fully met; a pass/fail item scores 100 or 0); the total is weighted, two decimals (KPI-03)."), l)</p>
        \(s.generalMessage(fields: fields, l, id: "inspection-error"))
        <form method="post" action="/people/quality/inspections" id="inspection-form">\(page.csrfField)
        <input type="hidden" name="standardId" value="\(st.id)"><input type="hidden" name="itemCount" value="\(st.items.count)">
        <div class="grid one-column">\(subject)</div>
        \(DataTable.render(id: "inspection-items", headers: [Text("项目", "Item"), Text("权重", "Weight"), Text("得分", "Score")].map { $0(l) }, rows: scoreRows))
        <div class="grid one-column">
        \(field(Text("评语", "Comment"), "comment", HTML(raw: "<textarea id=\"inspection-comment\" name=\"comment\" rows=\"3\" maxlength=\"2000\">\(HTML.escape(s.values["comment"] ?? ""))</textarea>")))
        \(field(Text("建议处罚的理由（留空则不建议处罚）", "Propose a penalty: reason (empty: none)"), "penaltyReason",
                FormControls.input(id: "inspection-penaltyReason", name: "penaltyReason", value: s.value("penaltyReason"), attributes: "maxlength=\"500\"")))
        </div><div class="actions"><button type="submit" id="inspection-submit">\(Text("保存质检", "Save the inspection"), l)</button></div></form>
        """
        return shell.render(page, title: title, active: "people-inspections", body: body).response()
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let model = try await inspections.inspectionPage(id: try context.parameters.require("id"), viewer: principal)
        let i = model.inspection
        let rows: [DataTable.Row] = i.items.map { DataTable.Row([DataTable.Cell("\($0.label)"), DataTable.Cell("\($0.weight)"), DataTable.Cell("\($0.score ?? 0)")]) }
        let title = Text("质检", "Inspection")
        let body: HTML = """
        <h1 id="inspection-title">\(title, l) \(i.number)</h1>
        <dl class="facts" id="inspection-facts">
        <dt>\(Text("员工", "Staff"), l)</dt><dd id="inspection-agent">\(i.agentName)</dd>
        <dt>\(Text("对象", "Subject"), l)</dt><dd>\(Self.kindLabel(i.kind)(l)) \(i.ticketNumber ?? "")</dd>
        <dt>\(Text("标准", "Standard"), l)</dt><dd>\(i.standardName)</dd>
        <dt>\(Text("总分", "Total"), l)</dt><dd id="inspection-total"><strong>\(i.total)</strong></dd>
        <dt>\(Text("质检员", "Inspector"), l)</dt><dd>\(i.inspectorName)</dd>
        <dt>\(Text("时间", "When"), l)</dt><dd>\(model.inspectedAt)</dd>
        <dt>\(Text("评语", "Comment"), l)</dt><dd>\(i.comment)</dd>
        \(i.penaltyId != nil ? HTML(raw: "<dt>" + HTML.escape(Text("处罚", "Penalty")(l)) + "</dt><dd><a href=\"/people/quality/penalties\">" + HTML.escape(Text("已建议处罚", "A penalty was proposed")(l)) + "</a></dd>") : .empty)
        </dl>
        \(DataTable.render(id: "inspection-scores", headers: [Text("项目", "Item"), Text("权重", "Weight"), Text("得分", "Score")].map { $0(l) }, rows: rows))
        """
        return shell.render(page, title: title, active: "people-inspections", body: body).response()
    }

    // MARK: standards

    func standardsList(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await standards.standardsPage(viewer: principal, paging: try Paging.from(q, defaultPer: 20))
        let title = Text("质检标准", "Inspection standards")
        let rows: [DataTable.Row] = m.standards.items.map { s in
            DataTable.Row([
                DataTable.Cell("<a href=\"/people/quality/standards/\(s.id)\" class=\"standard-link\">\(s.name)</a>"), DataTable.Cell("\(Self.kindLabel(s.kind)(l))"),
                DataTable.Cell("\(s.orgUnitName)"), DataTable.Cell("\(String(s.items.count))"),
                DataTable.Cell("\(s.status == "active" ? Text("启用", "Active")(l) : Text("停用", "Retired")(l))"),
            ], attributes: HTML(raw: "class=\"standard-row\" data-id=\"\(s.id)\""))
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"standards-empty\">\(Text("还没有质检标准", "No inspection standards yet"), l)</p>"
            : DataTable.render(id: "standards-list", headers: [Text("名称", "Name"), Text("类别", "Kind"), Text("单位", "Unit"), Text("项目数", "Items"),
                                                              Text("状态", "Status")].map { $0(l) }, rows: rows)
        let form: HTML = m.units.isEmpty ? .empty : """
            <section id="standard-new"><h2>\(Text("新建质检标准", "New inspection standard"), l)</h2>\(standardForm(nil, units: m.units, action: "/people/quality/standards", page: page))</section>
            """
        let body: HTML = """
        <h1 id="standards-title">\(title, l)</h1>
        <p class="hint">\(Text("标准适用于本单位及下属单位；各项权重合计须为 100（KPI-03）。修改标准不影响已完成的质检。", "A standard applies to its unit and below; the weights total 100 (KPI-03). Editing a standard never changes past inspections."), l)</p>
        \(table)
        \(FormControls.pager(basePath: "/people/quality/standards", query: [:], page: m.standards.page, per: m.standards.per, total: m.standards.total, locale: l))
        \(form)
        """
        return shell.render(page, title: title, active: "people-inspection-standards", body: body).response()
    }

    func standardEditor(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let st = try await standards.standard(id: try context.parameters.require("id"), viewer: principal)
        let title = Text("质检标准", "Inspection standard")
        let items: [DataTable.Row] = st.items.map { DataTable.Row([DataTable.Cell("\($0.label)"), DataTable.Cell("\($0.weight)")]) }
        let saved: HTML = request.uri.queryParameters.get("saved") != nil ? "<p class=\"notice\" id=\"standard-saved\" role=\"status\">\(Text("已保存", "Saved"), l)</p>" : .empty
        let body: HTML = """
        <h1 id="standard-title">\(title, l)：\(st.name)</h1>
        \(saved)
        <p>\(Self.kindLabel(st.kind)(l)) · \(st.orgUnitName) · \(st.status == "active" ? Text("启用", "Active")(l) : Text("停用", "Retired")(l))</p>
        \(st.actions.contains("edit") ? standardForm(st, units: [], action: "/people/quality/standards/\(st.id)", page: page)
            : DataTable.render(id: "standard-items", headers: [Text("项目", "Item"), Text("权重", "Weight")].map { $0(l) }, rows: items))
        """
        return shell.render(page, title: title, active: "people-inspection-standards", body: body).response()
    }

    /// The standard's form: name, kind, (new: unit), status, and the items as a grid of label and weight rows.
    func standardForm(_ st: InspectionStandardView?, units: [(id: String, name: String)], action: String, page: PageContext) -> HTML {
        let l = page.locale
        let s = page.formState(action: action)
        let rowsCount = min(InspectionScoring.maximumItems, max(Self.gridRows, (st?.items.count ?? 0) + 3))
        let fields: Set<String> = ["orgUnitId", "name", "kind", "status", "items"]
        func field(_ label: Text, _ name: String, _ control: HTML) -> HTML {
            FormControls.field(label(l), for: "standard-\(name)", control, error: s.message(for: name, l))
        }
        let grid: [DataTable.Row] = (1...rowsCount).map { i in
            let item = st.flatMap { i <= $0.items.count ? $0.items[i - 1] : nil }
            return DataTable.Row([
                DataTable.Cell("\(i)"),
                DataTable.Cell(FormControls.input(id: "standard-label_\(i)", name: "label_\(i)", value: s.value("label_\(i)", default: item?.label),
                                                  attributes: "maxlength=\"100\" aria-label=\"\(HTML.escape(Text("项目", "Item")(l))) \(i)\"")),
                DataTable.Cell(FormControls.input(id: "standard-weight_\(i)", name: "weight_\(i)", value: s.value("weight_\(i)", default: item?.weight),
                                                  attributes: "inputmode=\"decimal\" aria-label=\"\(HTML.escape(Text("权重", "Weight")(l))) \(i)\"")),
            ], attributes: "class=\"standard-item-row\"")
        }
        let kinds = InspectionScoring.Kind.allCases.map { ($0.rawValue, Self.kindLabel($0.rawValue)(l)) }
        let statuses = [("active", Text("启用", "Active")(l)), ("retired", Text("停用", "Retired")(l))]
        return """
        \(s.generalMessage(fields: fields, l, id: "standard-error"))
        <form method="post" action="\(action)" id="standard-form">\(page.csrfField)
        <div class="grid one-column">
        \(units.isEmpty ? .empty : field(Text("单位", "Unit"), "orgUnitId", FormControls.select(id: "standard-orgUnitId", name: "orgUnitId", options: units.map { ($0.id, $0.name) }, selected: s.values["orgUnitId"])))
        \(field(Text("名称", "Name"), "name", FormControls.input(id: "standard-name", name: "name", value: s.value("name", default: st?.name), attributes: "maxlength=\"100\" required")))
        \(field(Text("类别", "Kind"), "kind", FormControls.select(id: "standard-kind", name: "kind", options: kinds, selected: s.values["kind"] ?? st?.kind)))
        \(field(Text("状态", "Status"), "status", FormControls.select(id: "standard-status", name: "status", options: statuses, selected: s.values["status"] ?? st?.status)))
        </div>
        \(field(Text("项目与权重（合计 100）", "Items and weights (total 100)"), "items",
                DataTable.render(id: "standard-items-grid", headers: [Text("行", "#"), Text("项目", "Item"), Text("权重", "Weight")].map { $0(l) }, rows: grid)))
        <div class="actions"><button type="submit" id="standard-submit">\(Text("保存", "Save"), l)</button></div></form>
        """
    }
}
