import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// SHF-01: the roster's week view (`/people/roster?view=week&date=2026-12-07`): one row per person, one column per day
/// Monday–Sunday with the shift codes, holidays and 调休上班 marked in the header as the month view does, previous and
/// next week links; prints on one A4 landscape page (`Assets.rosterWeekCSS`).
extension PeoplePages {
    func rosterWeek(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await rosters.rosterWeekPage(unitId: TextRules.trimmed(q["unit"]), date: q["date"], viewer: principal)
        let title = Text("值班表（周）", "Duty roster (week)")
        let sunday = m.monday.adding(days: 6)
        let names = [Text("周一", "Mon"), Text("周二", "Tue"), Text("周三", "Wed"), Text("周四", "Thu"), Text("周五", "Fri"), Text("周六", "Sat"), Text("周日", "Sun")]
        let heads = zip(m.days, names).map { d, name -> String in
            let mark = d.kind == "holiday" || d.kind == "adjusted_workday"
                ? "<span class=\"badge roster-kind\">\(HTML.escape(d.holidayName ?? Self.kindLabel(d.kind)(l)))</span>" : ""
            return "<th scope=\"col\" class=\"roster-\(d.kind)\" data-date=\"\(d.date)\" data-kind=\"\(d.kind)\">\(HTML.escape(name(l)))<small>\(d.date.suffix(5))</small>\(mark)</th>"
        }.joined()
        let rows = m.rows.map { r -> String in
            let cells = zip(m.days, r.cells).map { d, entries -> String in
                let codes = entries.map { e in
                    "<span class=\"roster-code\" data-shift=\"\(HTML.escape(e.shiftCode))\" title=\"\(HTML.escape(e.shiftName)) \(e.start)–\(e.end)\">\(HTML.escape(e.shiftCode))\(e.swapped ? "⇄" : "")\(e.onLeave ? "（" + HTML.escape(Text("假", "leave")(l)) + "）" : "")</span>"
                }.joined(separator: " ")
                return "<td class=\"roster-\(d.kind)\" data-date=\"\(d.date)\">\(codes)</td>"
            }.joined()
            return "<tr class=\"roster-week-row\" data-user=\"\(r.userId)\"><th scope=\"row\">\(HTML.escape(r.name))</th>\(cells)</tr>"
        }.joined()
        let table: HTML = m.rows.isEmpty
            ? "<p class=\"empty\" id=\"roster-week-empty\">\(Text("本周没有排班", "Nobody is rostered this week"), l)</p>"
            : HTML(raw: """
            <div class="roster-scroll" tabindex="0" role="region" aria-labelledby="roster-title"><table class="roster-week" id="roster-week">\
            <thead><tr><th scope="col">\(HTML.escape(Text("人员", "Person")(l)))</th>\(heads)</tr></thead><tbody>\(rows)</tbody></table></div>
            """)
        let units = m.units.map { ($0.id, $0.name) }
        let link = { (day: CivilDay) in "/people/roster?view=week&unit=\(m.orgUnitId)&date=\(day.iso)" }
        let body: HTML = """
        <h1 id="roster-title">\(title, l)：<span id="roster-unit">\(m.orgUnitName)</span> <span id="roster-week-range">\(m.monday.iso) – \(sunday.iso)</span></h1>
        <form method="get" action="/people/roster" class="toolbar filters no-print" id="roster-choose"><input type="hidden" name="view" value="week">
        \(FormControls.field(Text("组织", "Unit")(l), for: "roster-unit-select", FormControls.select(id: "roster-unit-select", name: "unit", options: units, selected: m.orgUnitId)))
        \(FormControls.field(Text("日期", "Date")(l), for: "roster-date-input", FormControls.input(id: "roster-date-input", name: "date", type: "date", value: m.monday.iso)))
        <button type="submit" id="roster-show">\(Text("查看", "Show"), l)</button>
        <a class="button" id="roster-prev-week" href="\(link(m.monday.adding(days: -7)))">\(Text("上周", "Previous week"), l)</a>
        <a class="button" id="roster-next-week" href="\(link(m.monday.adding(days: 7)))">\(Text("下周", "Next week"), l)</a>
        <a class="button" id="roster-month-view" href="/people/roster?unit=\(m.orgUnitId)&month=\(CivilMonth(m.monday).description)">\(Text("月视图", "Month view"), l)</a>
        <button type="button" id="roster-print" data-print>\(Text("打印", "Print"), l)</button></form>
        <p class="hint">\(Text("表中为班次代码；⇄ 表示已换班，（假）表示已请假。", "Cells show shift codes; ⇄ marks a swapped shift, (leave) an approved leave."), l)</p>
        \(table)
        """
        return shell.render(page, title: title, active: "people-roster", body: body).response()
    }
}
