import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 商修申请 (#13.3, DMG-06, DMG-07, ESC-05) as pages: the list (state, kind, late; pages; empty state), the new
/// application (the department's unit, then its sites' class II parts as checkboxes), and the application with its parts,
/// the step forms its state and the viewer's role allow, and its print. A refusal comes back through `FormFlash`.
struct CommercialRepairPages: Sendable {
    let repairs: CommercialRepairService
    let shell: PageShell

    static let path = "/materials/commercial-repairs"

    func register(on router: Router<KefuContext>) {
        router.get("/materials/commercial-repairs") { request, context in try await list(request, context) }
        router.get("/materials/commercial-repairs/new") { request, context in try await newForm(request, context) }
        router.post("/materials/commercial-repairs") { request, context in try await create(request, context) }
        router.get("/materials/commercial-repairs/:id") { request, context in try await detail(request, context) }
        router.post("/materials/commercial-repairs/:id/:step") { request, context in try await step(request, context) }
    }

    static func badge(_ v: CommercialRepairView, _ l: AppLocale) -> HTML {
        let late: HTML = v.daysLate.map { " <span class=\"badge repair-late\" data-days=\"\($0)\">\(CommercialRepairLabels.late(l)) \(String($0)) \(Text("天", "days")(l))</span>" } ?? .empty
        let escalated: HTML = v.escalatedToHQ ? " <span class=\"badge repair-escalated\">\(CommercialRepairLabels.escalated, l)</span>" : .empty
        return "<span class=\"badge repair-status\" data-status=\"\(v.status)\">\(CommercialRepairLabels.status(v.status), l)</span>\(late)\(escalated)"
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await repairs.listModel(q, paging: try Paging.from(q, defaultPer: 25), viewer: principal)
        let f = m.filter
        let rows: [DataTable.Row] = m.repairs.items.map { v in
            DataTable.Row([
                DataTable.Cell("<a class=\"repair-link\" href=\"\(Self.path)/\(v.id)\">\(v.number)</a>"),
                DataTable.Cell("\(v.orgUnitName)"),
                DataTable.Cell("\(CommercialRepairLabels.kind(v.kind), l)"),
                DataTable.Cell("\(String(v.partCount))"),
                DataTable.Cell("\(v.repairer ?? "")"),
                DataTable.Cell("\(v.dueOn ?? "")", class: v.late ? "overdue" : ""),
                DataTable.Cell(Self.badge(v, l)),
            ], attributes: "class=\"repair-row\" data-id=\"\(v.id)\" data-number=\"\(v.number)\" data-status=\"\(v.status)\"")
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(f.late ? Text("没有逾期的商修", "No repair is late") : Text("还没有商修申请", "No repair applications yet"), l)</p>"
            : DataTable.render(id: "repair-list", headers: [Text("申请单号", "Number"), CommercialRepairLabels.department, CommercialRepairLabels.kind,
                                                            Text("件数", "Parts"), CommercialRepairLabels.repairer, CommercialRepairLabels.dueOn,
                                                            Text("状态", "State")].map { $0(l) }, rows: rows)
        let statuses = [("", Text("全部状态", "All states")(l))] + CommercialRepairStatus.allCases.map { ($0.rawValue, CommercialRepairLabels.status($0.rawValue)(l)) }
        let kinds = [("", Text("全部类型", "All kinds")(l))] + CommercialRepairKind.allCases.map { ($0.rawValue, CommercialRepairLabels.kind($0.rawValue)(l)) }
        let lateLink: HTML = m.lateCount == 0 ? .empty
            : "<p class=\"warning\" id=\"repair-late-count\"><a href=\"\(Self.path)?late=1\">\(Text("{0} 项商修已逾期（ESC-05 上报业务管理部）", "{0} repairs are late (escalated to HQ, ESC-05)").with(String(m.lateCount)), l)</a></p>"
        let body: HTML = """
        <div class="actions list-head"><h1 id="repairs-title">\(CommercialRepairLabels.title, l)</h1>
        \(m.canCreate ? "<a class=\"button\" id=\"new-repair\" href=\"\(Self.path)/new\">\(CommercialRepairLabels.new(l))</a>" as HTML : .empty)</div>
        \(lateLink)
        <form method="get" action="\(Self.path)" class="toolbar filters" id="repair-filter">
        \(FormControls.field(Text("状态", "State")(l), for: "cr-filter-status", FormControls.select(id: "cr-filter-status", name: "status", options: statuses, selected: f.status?.rawValue ?? "")))
        \(FormControls.field(CommercialRepairLabels.kind(l), for: "cr-filter-kind", FormControls.select(id: "cr-filter-kind", name: "kind", options: kinds, selected: f.kind?.rawValue ?? "")))
        \(FormControls.field(Text("单号", "Number")(l), for: "cr-filter-q", FormControls.input(id: "cr-filter-q", name: "q", value: f.number)))
        <label class="check"><input type="checkbox" name="late" value="1" id="cr-filter-late"\(HTML(raw: f.late ? " checked" : ""))> \(Text("只看逾期", "Late only"), l)</label>
        <button type="submit" id="repair-filter-apply">\(Text("筛选", "Filter"), l)</button></form>
        <p class="hint">\(Text("送修时未填预计返回日期的，按送修日起 20 个工作日计；逾期未返回的自动上报业务管理部协调（ESC-05）。",
                               "Without an expected date a repair is due 20 working days after sending; a late one is escalated to HQ to coordinate (ESC-05)."), l)</p>
        \(table)
        \(FormControls.pager(basePath: Self.path, query: f.query, page: m.repairs.page, per: m.repairs.per, total: m.repairs.total, locale: l))
        """
        return shell.render(page, title: CommercialRepairLabels.title, active: "commercial-repairs", body: body).response()
    }

    func newForm(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let state = page.formState(action: Self.path)
        let m = try await repairs.formModel(orgUnitId: state.values["orgUnitId"] ?? request.queryDictionary["orgUnitId"], viewer: principal)
        guard let unit = m.unit else {
            let body: HTML = """
            <h1 id="repair-title">\(CommercialRepairLabels.new, l)</h1>
            <form method="get" action="\(Self.path)/new" id="choose-unit">
            \(FormControls.field(CommercialRepairLabels.department(l), for: "cr-unit", FormControls.select(id: "cr-unit", name: "orgUnitId", options: m.units.map { ($0.id, $0.name) }, selected: nil)))
            <div class="actions"><button type="submit" id="choose-unit-next">\(Text("下一步", "Next"), l)</button></div></form>
            """
            return shell.render(page, title: CommercialRepairLabels.new, active: "commercial-repairs", body: body, breadcrumbs: .underActive).response()
        }
        let boxes: HTML = m.parts.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(CommercialRepairLabels.noParts, l)</p>" : HTML(raw: m.parts.map { p -> HTML in
            """
            <li class="repair-part"><label><input type="checkbox" name="part_\(p.id)" value="on" class="repair-part-check" data-number="\(p.number)"\(HTML(raw: state.values["part_" + p.id] == nil ? "" : " checked"))> \
            \(p.number) · \(p.warehouseName) · \(p.itemCode) \(p.itemName) \(p.spec) · \(p.quantity.text) \(p.unit) · \(Text("风机", "Turbine")(l)) \(p.turbineNumber) · \(p.cause)</label></li>
            """
        }.map(\.raw).joined())
        let kinds = m.kinds.map { ($0.rawValue, CommercialRepairLabels.kind($0.rawValue)(l)) }
        let body: HTML = """
        <h1 id="repair-title">\(CommercialRepairLabels.new, l)</h1>
        <p class="hint">\(Text("业务部汇总各现场的二类损坏件，按产品商修管理办法发起申请；保修期内的工具由厂家免费维修（DMG-06、DMG-07）。",
                               "The department combines its sites' class II damaged parts into one application; tools under warranty are repaired free by the maker (DMG-06, DMG-07)."), l)</p>
        \(state.generalMessage(fields: ["partIds", "kind", "note"], l, id: "form-error"))
        <form method="post" action="\(Self.path)" id="repair-form">\(page.csrfField)
        <input type="hidden" name="orgUnitId" value="\(unit.id)">
        <p class="meta">\(CommercialRepairLabels.department, l)：<strong id="cr-unit-name">\(unit.name)</strong>\(m.units.count > 1 ? " · <a href=\"\(Self.path)/new\">\(Text("换一个", "change")(l))</a>" as HTML : .empty)</p>
        \(FormControls.field(CommercialRepairLabels.kind(l), for: "cr-kind", FormControls.select(id: "cr-kind", name: "kind", options: kinds, selected: state.values["kind"] ?? m.kinds.first?.rawValue), error: state.message(for: "kind", l)))
        <fieldset class="field\(state.message(for: "partIds", l) == nil ? "" : " has-error")" id="cr-parts"><legend>\(CommercialRepairLabels.parts, l)</legend>
        <ul class="plain-list">\(boxes)</ul>\(state.message(for: "partIds", l).map { "<p class=\"field-error\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)</fieldset>
        \(state.textField("note", CommercialRepairLabels.note, "cr-note", l))
        <div class="actions"><button type="submit" id="repair-save">\(Text("保存草稿", "Save the draft"), l)</button></div>
        </form>
        """
        return shell.render(page, title: CommercialRepairLabels.new, active: "commercial-repairs", body: body, breadcrumbs: .underActive).response()
    }

    func create(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        let v = try await repairs.create(CommercialRepairInput(orgUnitId: form["orgUnitId"], kind: form["kind"],
                                                               partIds: form.values.keys.filter { $0.hasPrefix("part_") }.map { String($0.dropFirst(5)) },
                                                               note: form["note"]), by: principal)
        return Redirect.to("\(Self.path)/\(v.id)")
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let v = try await repairs.get(id: try context.parameters.require("id"), viewer: principal)
        let title = Text("商修申请 {0}", "Commercial repair {0}").with(v.number)
        let parts: [DataTable.Row] = v.parts.map { p in
            DataTable.Row(plain: ["\(p.number)", "\(p.warehouseName)", "\(p.itemCode) \(p.itemName) \(p.spec)", "\(p.quantity.text) \(p.unit)",
                                  "\(p.turbineNumber) · \(p.oldSerial)", "\(p.cause)",
                                  "<span class=\"repair-result\" data-result=\"\(p.result ?? "")\">\(CommercialRepairLabels.result(p.result), l)</span>\(p.resultNote.map { " · " + $0 } ?? "")"],
                          attributes: "class=\"repair-part-row\" data-part=\"\(p.partId)\"")
        }
        func fact(_ label: Text, _ value: String?, id: String) -> HTML {
            guard let value, !value.isEmpty else { return .empty }
            return "<dt>\(label, l)</dt><dd id=\"\(id)\">\(value)</dd>"
        }
        let body: HTML = """
        <h1 id="repair-title">\(CommercialRepairLabels.title, l) <span id="repair-number">\(v.number)</span></h1>
        <div class="u8-toolbar no-print" id="repair-toolbar"><button type="button" id="repair-print" data-print>\(Text("打印申请单", "Print the application"), l)</button>
        <a class="button" href="\(Self.path)">\(Text("返回列表", "Back to the list"), l)</a></div>
        <p class="meta" id="repair-state" data-status="\(v.status)">\(Self.badge(v, l))</p>
        <dl class="facts" id="repair-facts">
        <dt>\(CommercialRepairLabels.department, l)</dt><dd>\(v.orgUnitName)</dd>
        <dt>\(CommercialRepairLabels.kind, l)</dt><dd id="repair-kind" data-kind="\(v.kind)">\(CommercialRepairLabels.kind(v.kind), l)</dd>
        \(fact(CommercialRepairLabels.note, v.note, id: "repair-note"))
        \(fact(CommercialRepairLabels.comment, v.reviewComment, id: "repair-comment"))
        \(fact(CommercialRepairLabels.repairer, v.repairer, id: "repair-repairer"))
        \(fact(CommercialRepairLabels.warrantyUntil, v.warrantyUntil, id: "repair-warranty"))
        \(fact(CommercialRepairLabels.sentOn, v.sentOn, id: "repair-sent-on"))
        \(fact(CommercialRepairLabels.dueOn, v.dueOn, id: "repair-due-on"))
        \(fact(CommercialRepairLabels.cost, v.cost, id: "repair-cost"))
        \(fact(CommercialRepairLabels.returnedOn, v.returnedOn, id: "repair-returned-on"))
        </dl>
        <h2>\(CommercialRepairLabels.parts, l)</h2>
        \(DataTable.render(id: "repair-parts", headers: [Text("损坏件编号", "Part no."), Text("仓库", "Warehouse"), Text("存货", "Item"), Text("数量", "Quantity"),
                                                          Text("风机号 · 旧件编号", "Turbine · old serial"), Text("损坏原因", "Cause"), CommercialRepairLabels.result].map { $0(l) }, rows: parts))
        \(stepForms(v, page: page))
        \(DocumentPrint.signatures(l, roles: [Text("业务部经办", "Department"), Text("业务部经理", "Department manager"), Text("业务管理部审批", "HQ approval")]))
        """
        return shell.render(page, title: title, active: "commercial-repairs", body: body, breadcrumbs: .underActive).response()
    }

    /// The forms of the steps the viewer may take now (the API's `actions`).
    func stepForms(_ v: CommercialRepairView, page: PageContext) -> HTML {
        let l = page.locale
        func form(_ step: CommercialRepairRules.Step, _ fields: HTML = .empty, fieldNames: Set<String> = []) -> HTML {
            let action = "\(Self.path)/\(v.id)/\(step.rawValue)"
            let state = page.formState(action: action)
            return """
            <form method="post" action="\(action)" id="repair-\(step.rawValue)-form" class="no-print step-form">\(page.csrfField)
            \(state.generalMessage(fields: fieldNames, l, id: "repair-\(step.rawValue)-error"))
            \(fields)
            <div class="actions"><button type="submit" id="repair-\(step.rawValue)">\(CommercialRepairLabels.step(step), l)</button></div></form>
            """
        }
        func state(_ step: CommercialRepairRules.Step) -> FormState { page.formState(action: "\(Self.path)/\(v.id)/\(step.rawValue)") }
        var out: [HTML] = []
        for raw in v.actions {
            guard let step = CommercialRepairRules.Step(rawValue: raw) else { continue }
            switch step {
            case .approve, .reject:
                out.append(form(step, state(step).textField("comment", CommercialRepairLabels.comment, "repair-\(raw)-comment", l), fieldNames: ["comment"]))
            case .send:
                let s = state(.send)
                let warranty: HTML = v.kind == CommercialRepairKind.warranty.rawValue
                    ? s.textField("warrantyUntil", CommercialRepairLabels.warrantyUntil, "repair-send-warranty", l, type: "date")
                    : s.textField("cost", CommercialRepairLabels.cost, "repair-send-cost", l, attributes: "inputmode=\"decimal\"")
                out.append(form(.send, """
                    <div class="grid">
                    \(s.textField("repairer", CommercialRepairLabels.repairer, "repair-send-repairer", l))
                    \(s.textField("sentOn", CommercialRepairLabels.sentOn, "repair-send-on", l, type: "date", fallback: MaterialValidation.today(Date())))
                    \(s.textField("expectedOn", CommercialRepairLabels.expectedOn, "repair-send-expected", l, type: "date"))
                    \(warranty)
                    </div>
                    """, fieldNames: ["repairer", "sentOn", "expectedOn", "warrantyUntil", "cost"]))
            case .record:
                let s = state(.record)
                let options = CommercialRepairResult.allCases.map { ($0.rawValue, CommercialRepairLabels.result($0.rawValue)(l)) }
                let selects = HTML(raw: v.parts.map { p -> HTML in
                    FormControls.field("\(p.number) \(p.itemName)", for: "repair-result-\(p.partId)",
                                       FormControls.select(id: "repair-result-\(p.partId)", name: "result_\(p.partId)", options: options,
                                                           selected: s.values["result_" + p.partId] ?? "repaired"))
                }.map(\.raw).joined())
                out.append(form(.record, """
                    <div class="grid">
                    \(s.textField("returnedOn", CommercialRepairLabels.returnedOn, "repair-returned-on-input", l, type: "date", fallback: MaterialValidation.today(Date())))
                    \(v.kind == CommercialRepairKind.warranty.rawValue ? .empty : s.textField("cost", Text("最终维修费用（元，不变可不填）", "Final cost (yuan, blank if unchanged)"), "repair-final-cost", l, attributes: "inputmode=\"decimal\""))
                    \(selects)
                    </div>
                    """, fieldNames: ["returnedOn", "cost", "results"]))
            case .submit, .close, .cancel:
                out.append(form(step))
            case .edit:
                continue
            }
        }
        guard !out.isEmpty else { return .empty }
        return "<section class=\"no-print\" id=\"repair-steps\"><h2>\(Text("办理", "Next step"), l)</h2>\(HTML(raw: out.map(\.raw).joined()))</section>"
    }

    func step(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        guard let step = CommercialRepairRules.Step(rawValue: try context.parameters.require("step")) else {
            throw AppError.notFound(Text("页面", "Page"))
        }
        let form = try await FormData.read(request)
        switch step {
        case .submit: _ = try await repairs.submit(id: id, by: principal)
        case .approve: _ = try await repairs.approve(id: id, CommercialRepairCommentInput(comment: form["comment"]), by: principal)
        case .reject: _ = try await repairs.reject(id: id, CommercialRepairCommentInput(comment: form["comment"]), by: principal)
        case .send:
            _ = try await repairs.send(id: id, CommercialRepairSendInput(repairer: form["repairer"], sentOn: form["sentOn"], expectedOn: form["expectedOn"],
                                                                         warrantyUntil: form["warrantyUntil"], cost: form["cost"].map(TypedAmount.init)), by: principal)
        case .record:
            let results = form.values.keys.filter { $0.hasPrefix("result_") }.sorted().map {
                CommercialRepairResultsInput.PartResult(partId: String($0.dropFirst(7)), result: form[$0])
            }
            _ = try await repairs.record(id: id, CommercialRepairResultsInput(returnedOn: form["returnedOn"], cost: form["cost"].map(TypedAmount.init), results: results), by: principal)
        case .close: _ = try await repairs.close(id: id, by: principal)
        case .cancel: _ = try await repairs.cancel(id: id, by: principal)
        case .edit: throw AppError.notFound(Text("页面", "Page"))
        }
        return Redirect.to("\(Self.path)/\(id)")
    }
}
