import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #15 leftovers (SHF-01): the supervisor's full-month roster editor — people down, the month's days across (放假 and
/// 调休上班 marked from the shipped calendar), one shift select per cell. Arrow keys move between cells and typing a shift
/// code picks it (`Assets.rosterEditorJS`); saved through `RosterService.putRoster`, the same rules as the API's PUT. A
/// refusal comes back with the whole typed grid (`FormFlash`) and the cell it concerns marked. On a phone the grid
/// scrolls sideways with the person column sticky.
extension PeoplePages {
    static let rosterEditorPath = "/people/roster/edit"

    func registerRosterEditor(on router: Router<KefuContext>) {
        router.get("/people/roster/edit") { request, context in try await rosterEditor(request, context) }
        router.post("/people/roster/edit") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            guard let unit = TextRules.trimmed(form["unit"]), let month = TextRules.trimmed(form["month"]) else {
                throw AppError.validation("month", Text("请选择组织和月份", "Choose the unit and the month"))
            }
            let lines = RosterGrid.lines(form)
            do {
                _ = try await rosters.putRoster(unitId: unit, month: month, RosterInput(entries: lines.map(\.entry)), by: principal)
            } catch let error as AppError {
                throw RosterGrid.onCell(error, lines: lines)
            }
            return Redirect.to("\(Self.rosterEditorPath)?unit=\(unit)&month=\(month)&saved=1")
        }
    }

    func rosterEditor(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await rosters.rosterPage(unitId: TextRules.trimmed(q["unit"]), month: TextRules.trimmed(q["month"]), viewer: principal)
        let r = m.roster
        guard r.actions.contains("edit") else {
            throw AppError.forbidden(Text("只有本单位的主管或经理可以编排值班表（SHF-01）", "Only the unit's supervisor or manager plans its roster (SHF-01)"))
        }
        let title = Text("编排整月值班表", "Plan the whole month")
        let state = page.formState(action: Self.rosterEditorPath)
        let refused = state.error != nil
        // Rows: the unit's members, and anyone already on this month's roster.
        var people = m.members
        for e in r.days.flatMap(\.entries) where !people.contains(where: { $0.id == e.userId }) { people.append((id: e.userId, name: e.userName)) }
        var planned: [String: [RosterEntryView]] = [:]
        for e in r.days.flatMap(\.entries) { planned[RosterGrid.cellName(userId: e.userId, day: e.date), default: []].append(e) }
        let weekdays = [Text("日", "Su"), Text("一", "Mo"), Text("二", "Tu"), Text("三", "We"), Text("四", "Th"), Text("五", "Fr"), Text("六", "Sa")]
        let heads = r.days.map { d -> String in
            let day = CivilDay(iso: d.date)
            let mark = d.kind == "holiday" || d.kind == "adjusted_workday"
                ? "<span class=\"roster-kind\">\(HTML.escape(d.kind == "holiday" ? Text("放假", "Off")(l) : Text("调休上班", "Workday")(l)))</span>" : ""
            return "<th scope=\"col\" class=\"roster-\(d.kind)\" data-date=\"\(d.date)\" data-kind=\"\(d.kind)\" title=\"\(HTML.escape(d.holidayName ?? Self.kindLabel(d.kind)(l)))\">\(d.date.suffix(2))<small>\(day.map { weekdays[$0.weekday](l) } ?? "")</small>\(mark)</th>"
        }.joined()
        let options = [("", "—")] + r.shifts.map { ($0.id, $0.code) }
        var kept: [String] = []
        let rows = people.enumerated().map { (row, person) -> String in
            let cells = r.days.enumerated().map { (col, d) -> String in
                let name = RosterGrid.cellName(userId: person.id, day: d.date)
                let here = planned[name] ?? []
                for extra in here.dropFirst() { kept.append("\(extra.date)|\(extra.userId)|\(extra.shiftId)") }
                let chosen = refused ? (state.values[name] ?? "") : (here.first?.shiftId ?? "")
                let marked = state.errorField == name
                let opts = options.map { o -> String in // String: not inferred as another interpolated literal type
                    let code = r.shifts.first { $0.id == o.0 }?.code ?? ""
                    return "<option value=\"\(HTML.escape(o.0))\" data-code=\"\(HTML.escape(code))\"\(o.0 == chosen ? " selected" : "")>\(HTML.escape(o.1))</option>"
                }.joined()
                let flags = (here.first?.swapped == true ? " data-swapped=\"true\"" : "") + (here.first?.onLeave == true ? " data-leave=\"true\"" : "")
                return "<td class=\"roster-\(d.kind)\(marked ? " roster-cell-refused" : "")\"\(flags)><select name=\"\(name)\" class=\"roster-cell\" data-row=\"\(row)\" data-col=\"\(col)\" aria-label=\"\(HTML.escape(person.name)) \(d.date)\"\(marked ? " aria-invalid=\"true\"" : "")>\(opts)</select></td>"
            }.joined()
            return "<tr data-user=\"\(person.id)\"><th scope=\"row\" class=\"roster-person\">\(HTML.escape(person.name))</th>\(cells)</tr>"
        }.joined()
        let keptFields = kept.enumerated().map { k -> String in "<input type=\"hidden\" name=\"keep.\(k.offset)\" value=\"\(HTML.escape(k.element))\">" }.joined()
        let legend = r.shifts.map { "\(HTML.escape($0.code)) = \(HTML.escape($0.name)) \($0.start)–\($0.end)" }.joined(separator: "；")
        let grid: HTML = people.isEmpty || r.shifts.isEmpty
            ? "<p class=\"empty\" id=\"roster-editor-empty\">\(Text("本单位还没有人员或班次定义，请先定义班次。", "The unit has no people or no shifts yet; define the shifts first."), l)</p>"
            : """
            <div class="roster-editor-scroll" role="region" aria-labelledby="roster-editor-title" tabindex="-1">
            <table class="roster-editor" id="roster-editor-grid"><thead><tr><th scope="col" class="roster-person">\(Text("人员", "Person"), l)</th>\(HTML(raw: heads))</tr></thead>
            <tbody>\(HTML(raw: rows))</tbody></table></div>
            """
        let saved: HTML = q["saved"] == "1" && !refused ? "<p class=\"notice\" id=\"roster-editor-saved\" role=\"status\">\(Text("值班表已保存", "The roster is saved"), l)</p>" : .empty
        let body: HTML = """
        <h1 id="roster-editor-title">\(title, l)：<span id="roster-unit">\(r.orgUnitName)</span> <span id="roster-month">\(r.month)</span></h1>
        <form method="get" action="\(Self.rosterEditorPath)" class="toolbar filters" id="roster-editor-choose">
        \(FormControls.field(Text("组织", "Unit")(l), for: "roster-editor-unit", FormControls.select(id: "roster-editor-unit", name: "unit", options: m.units.map { ($0.id, $0.name) }, selected: r.orgUnitId)))
        \(FormControls.field(Text("月份", "Month")(l), for: "roster-editor-month", FormControls.input(id: "roster-editor-month", name: "month", type: "month", value: r.month)))
        <button type="submit">\(Text("打开", "Open"), l)</button>
        <a class="button" href="/people/roster?unit=\(r.orgUnitId)&month=\(r.month)">\(Text("返回值班表", "Back to the roster"), l)</a></form>
        \(saved)
        <p class="hint">\(Text("方向键在格子间移动，输入班次代码即可选中，Delete 清空。", "Arrow keys move between cells; type a shift code to pick it; Delete clears."), l) \(HTML(raw: legend))</p>
        \(state.generalMessage(fields: [], l, id: "roster-editor-error"))
        <form method="post" action="\(Self.rosterEditorPath)" id="roster-editor-form" data-roster-editor>\(page.csrfField)
        <input type="hidden" name="unit" value="\(r.orgUnitId)"><input type="hidden" name="month" value="\(r.month)">\(HTML(raw: keptFields))
        \(grid)
        <div class="actions"><button type="submit" id="roster-editor-save">\(Text("保存整月排班", "Save the month"), l)</button></div></form>
        """
        return shell.render(page, title: title, active: "people-roster", body: body).response()
    }
}
