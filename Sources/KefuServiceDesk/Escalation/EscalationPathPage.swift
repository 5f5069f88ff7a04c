import Hummingbird
import KefuDomain
import KefuOrg
import KefuPlatform

/// #15.6: the escalation path editor of a unit. Levels are rows (wait in working minutes, recipients); rows are added,
/// removed and moved with buttons (keyboard and phone usable, no script needed); a refused path is drawn again with
/// what was typed and the reason under its field. Shows whether the unit follows its own path, an inherited one (from
/// where) or the default.
public struct EscalationPathPage: Sendable {
    let paths: EscalationPathService
    let shell: PageShell

    public init(paths: EscalationPathService, shell: PageShell) {
        self.paths = paths
        self.shell = shell
    }

    static let href = "/admin/escalation-paths"

    /// The rows as the form holds them: per level the minutes typed and the recipient values chosen.
    struct Row {
        var after: String
        var to: [String]
    }

    static func rows(_ view: EscalationPathView?) -> [Row] {
        (view?.levels ?? []).map { Row(after: String($0.afterMinutes ?? 0), to: $0.recipients.map(EscalationPathPageModel.value)) }
    }

    /// The rows posted: `levels` = count; `after-i`; `to-i-j`.
    static func rows(_ form: FormData) -> [Row] {
        let count = min(Int(form["levels"] ?? "") ?? 0, EscalationPathRules.maxLevels + 1)
        return (0..<count).map { i in
            Row(after: form["after-\(i)"] ?? "",
                to: (0...EscalationPathRules.maxRecipientsPerLevel).compactMap { j in form["to-\(i)-\(j)"].flatMap { $0.isEmpty ? nil : $0 } })
        }
    }

    /// The form field a refusal of the service names (`levels[1].afterMinutes` → `after-1`).
    static func formField(_ apiField: String?) -> String? {
        guard let f = apiField, f.hasPrefix("levels["), let close = f.firstIndex(of: "]") else { return nil }
        let i = f[f.index(f.startIndex, offsetBy: 7)..<close]
        let rest = f[f.index(after: close)...]
        if rest == ".afterMinutes" || rest == ".level" { return "after-\(i)" }
        if rest.hasPrefix(".recipients[") { return "to-\(i)-" + rest.dropFirst(12).prefix { $0 != "]" } }
        if rest == ".recipients" { return "to-\(i)-0" }
        return nil
    }

    func render(_ request: Request, _ context: KefuContext, unitId: String?, typed: [Row]? = nil, error: AppError? = nil,
                saved: Bool = false) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let model = try await paths.pageModel(unitId: unitId, viewer: principal, l)  // one read
        guard let unit = model.unit else {
            let body: HTML = "<h1>\(Text("升级路径", "Escalation paths"), l)</h1><p class=\"empty\" id=\"escalation-empty\">\(Text("没有可设置的部门", "No units to set up"), l)</p>"
            return shell.render(page, title: Text("升级路径", "Escalation paths"), active: "admin-escalation", body: body).response()
        }
        let unitOptions = model.units.map { ($0.id, "\($0.name)（\($0.code)）") }
        let picker: HTML = """
        <form method="get" action="\(Self.href)" class="toolbar" id="escalation-unit">
          \(FormControls.field(Text("部门", "Unit")(l), for: "unit", FormControls.select(id: "unit", name: "unit", options: unitOptions, selected: unit.id)))
          <button type="submit">\(Text("打开", "Open"), l)</button>
        </form>
        """
        let status: HTML
        switch model.effective?.source {
        case "own": status = "<p id=\"escalation-source\" data-source=\"own\">\(Text("本部门使用自己的升级路径。", "This unit has its own path."), l)</p>"
        case "inherited":
            status = "<p id=\"escalation-source\" data-source=\"inherited\">\(Text("本部门没有自己的升级路径，沿用上级部门“{0}”的路径（共 {1} 级）。", "This unit has no path of its own and follows that of “{0}” ({1} levels).").with(model.effective?.fromOrgUnitName ?? "", String(model.effective?.levels.count ?? 0)), l)</p>"
        default:
            status = "<p id=\"escalation-source\" data-source=\"default\">\(Text("本部门及上级部门都没有设置升级路径：超时提醒发给工单负责人所在部门的客服主管和经理（无则上级部门）。", "Neither this unit nor any above has a path: breaches go to the CS supervisors and managers of the owner's unit (else the unit above)."), l)</p>"
        }
        let state = FormState(values: [:], error: error)
        let rows = typed ?? Self.rows(model.own)
        var choices = model.choices.map { ($0.value, $0.label) }
        for level in model.own?.levels ?? [] { for r in level.recipients where r.kind == "user" && !choices.contains(where: { $0.0 == "user:\(r.userId ?? "")" }) {
            choices.append(("user:\(r.userId ?? "")", r.name ?? ""))
        } }
        let options = [("", Text("（不选）", "(none)")(l))] + choices
        let errorField = Self.formField(state.errorField)
        func message(_ field: String) -> String? { errorField == field ? error?.message(l) : nil }
        let tableRows: [DataTable.Row] = rows.enumerated().map { i, row in
            let afterId = "after-\(i)"
            let after = FormControls.field(i == 0 ? Text("超时后等待（分钟，0 为立即）", "Minutes after the breach (0: at once)")(l)
                                                  : Text("上一级后等待（分钟）", "Minutes after the previous level")(l),
                                           for: afterId, FormControls.input(id: afterId, name: afterId, type: "number", value: row.after,
                                                                            attributes: "min=\"0\" inputmode=\"numeric\" required"),
                                           error: message(afterId))
            let pickers: [HTML] = (row.to + [""]).prefix(EscalationPathRules.maxRecipientsPerLevel).enumerated().map { j, value in
                let id = "to-\(i)-\(j)"
                return FormControls.field(Text("通知对象 {0}", "Recipient {0}").with(String(j + 1))(l), for: id,
                                          FormControls.select(id: id, name: id, options: options, selected: value), error: message(id))
            }
            let n = String(i + 1)
            let moves: [HTML] = [
                i > 0 ? "<button type=\"submit\" name=\"op\" value=\"up-\(i)\" class=\"link level-up\">\(Text("上移第 {0} 级", "Move level {0} up").with(n), l)</button>" : .empty,
                i + 1 < rows.count ? "<button type=\"submit\" name=\"op\" value=\"down-\(i)\" class=\"link level-down\">\(Text("下移第 {0} 级", "Move level {0} down").with(n), l)</button>" : .empty,
                "<button type=\"submit\" name=\"op\" value=\"remove-\(i)\" class=\"link level-remove\" formnovalidate>\(Text("删除第 {0} 级", "Remove level {0}").with(n), l)</button>",
            ]
            return DataTable.Row([
                // One wrapper per cell: on a phone each cell is a label–value line, its fields stay together in the value.
                DataTable.Cell("\(Text("第 {0} 级", "Level {0}").with(n), l)"), DataTable.Cell("<div>\(after)</div>"),
                DataTable.Cell("<div class=\"level-recipients\">\(pickers)</div>"),
                DataTable.Cell("<div class=\"level-arrange\">\(HTML(raw: moves.map(\.raw).filter { !$0.isEmpty }.joined(separator: " · ")))</div>"),
            ], attributes: "class=\"escalation-level\" data-level=\"\(n)\"")
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"escalation-levels-empty\">\(Text("本部门还没有自己的升级路径。", "This unit has no path of its own yet."), l)</p>"
            : DataTable.render(id: "escalation-levels", headers: [Text("级别", "Level"), Text("等待", "Wait"), Text("通知对象", "Recipients"), Text("调整", "Arrange")].map { $0(l) }, rows: tableRows)
        let notice: HTML = saved ? "<p class=\"flash-notice\" id=\"escalation-saved\" role=\"status\">\(Text("升级路径已保存", "Escalation path saved"), l)</p>" : .empty
        let general: HTML = errorField == nil ? FormControls.errorBox(error, l, id: "escalation-error") : .empty
        let body: HTML = """
        <h1>\(Text("升级路径", "Escalation paths"), l)</h1>
        <p class="hint">\(Text("工单超时后按级别依次通知：第 1 级在超时时（或等待后）通知，之后每级在上一级之后再等待所设的工作时间（按服务标准的日历）。下级部门没有自己的路径时沿用上级的。优先级为高或紧急的投诉另外通知业务管理部的客服经理和主管（ESC-04）。", "After a breach the levels are told in turn: level 1 at the breach (or after its wait), each later level after its wait in working time (on the SLA calendar) from the one before. A unit without a path follows the nearest unit above. Complaints of high or urgent priority also go to the CS managers and supervisors of the management unit (ESC-04)."), l)</p>
        \(picker)
        <h2>\(unit.name)</h2>
        \(status)\(notice)\(general)
        <form method="post" action="\(Self.href)/\(unit.id)" id="escalation-form" class="one-column">\(page.csrfField)
          <input type="hidden" name="levels" value="\(String(rows.count))">
          <button type="submit" name="op" value="save" class="sr-only" tabindex="-1" aria-hidden="true">\(Text("保存", "Save"), l)</button>
          \(table)
          <div class="toolbar">
            <button type="submit" name="op" value="add" id="level-add" formnovalidate>\(Text("增加一级", "Add a level"), l)</button>
            <button type="submit" name="op" value="save" id="escalation-save">\(Text("保存升级路径", "Save the path"), l)</button>
          </div>
        </form>
        """
        return shell.render(page, title: Text("升级路径", "Escalation paths"), active: "admin-escalation", body: body)
            .response(status: error == nil ? .ok : .unprocessableContent)
    }

    func post(_ request: Request, _ context: KefuContext) async throws -> Response {
        let unitId = try context.parameters.require("id")
        let form = try await FormData.read(request)
        var rows = Self.rows(form)
        let op = form["op"] ?? "save"
        func index(_ prefix: String) -> Int? { op.hasPrefix(prefix) ? Int(op.dropFirst(prefix.count)).flatMap { rows.indices.contains($0) ? $0 : nil } : nil }
        if op == "add" {
            rows.append(Row(after: rows.isEmpty ? "0" : "30", to: []))
            return try await render(request, context, unitId: unitId, typed: rows)
        } else if let i = index("remove-") {
            rows.remove(at: i)
            return try await render(request, context, unitId: unitId, typed: rows)
        } else if let i = index("up-"), i > 0 {
            rows.swapAt(i, i - 1)
            return try await render(request, context, unitId: unitId, typed: rows)
        } else if let i = index("down-"), i + 1 < rows.count {
            rows.swapAt(i, i + 1)
            return try await render(request, context, unitId: unitId, typed: rows)
        }
        let input = EscalationPathInput(levels: rows.map { row in
            EscalationLevelView(level: nil, afterMinutes: UsualInput.number(row.after).flatMap { Int($0) }, recipients: row.to.compactMap(EscalationPathPageModel.recipient))
        })
        do {
            _ = try await paths.replace(unitId: unitId, input, by: try context.requirePrincipal())
        } catch let error as AppError where error.status == .unprocessableContent {
            return try await render(request, context, unitId: unitId, typed: rows, error: error)
        }
        return try await render(request, context, unitId: unitId, saved: true)
    }

    public func register(on router: Router<KefuContext>) {
        router.get("/admin/escalation-paths") { request, context in
            try await render(request, context, unitId: request.queryDictionary["unit"].flatMap { $0.isEmpty ? nil : $0 })
        }
        router.post("/admin/escalation-paths/:id") { request, context in try await post(request, context) }
    }
}
