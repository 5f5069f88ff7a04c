import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// The working-day calendar: a year at a glance (workday, weekend, 放假, 调休上班), the year's entries for
/// administrators to edit when the State Council's notice appears, and the business hours.
struct CalendarPage: Sendable {
    let calendar: CalendarService
    let shell: PageShell

    func render(_ request: Request, _ context: KefuContext, values: FormData? = nil) async throws -> Response {
        // #11.2: a refused year form comes back through a redirect; what was typed is drawn again (the shell shows why).
        let values = values ?? context.formFlash?.state(for: "/admin/calendar").map { FormData(values: $0.values) }
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let query = request.queryDictionary
        let thisYear = Times.year(Date())
        let year = values?["year"].flatMap { Int($0) } ?? query["year"].flatMap { Int($0) } ?? thisYear
        let model = try await calendar.pageModel(year: year, viewer: principal)  // #11.6: one snapshot
        let data = model.year, days = model.days, hours = model.hours

        let source: HTML = {
            switch data.source {
            case "none":
                return "<p class=\"flash-error\" id=\"year-source\">\(Text("{0} 年尚无放假安排数据：按周一至周五上班计算。国务院通知发布后，请管理员在下方录入。", "No holiday schedule for {0} yet: plain Monday–Friday weeks. An administrator enters it below once the State Council's notice appears.").with(String(year)), l)</p>"
            case "edited":
                return "<p class=\"hint\" id=\"year-source\">\(Text("{0} 年的安排由管理员录入。", "{0}'s schedule was entered by an administrator.").with(String(year)), l)</p>"
            default:
                return "<p class=\"hint\" id=\"year-source\">\(Text("{0} 年的安排来自国务院办公厅通知（随系统提供）。", "{0}'s schedule comes from the State Council notice shipped with Kefu.").with(String(year)), l)</p>"
            }
        }()
        // Twelve small months, Monday first.
        var months: [HTML] = []
        for month in 1...12 {
            let prefix = String(format: "%04d-%02d", year, month)
            let inMonth = days.filter { $0.date.hasPrefix(prefix) }
            guard let first = inMonth.first.flatMap({ CivilDay(iso: $0.date) }) else { continue }
            let lead = (first.weekday + 6) % 7
            var cells: [HTML] = Array(repeating: "<td></td>", count: lead)
            for d in inMonth {
                let dayNumber = Int(d.date.suffix(2)) ?? 0
                cells.append("<td class=\"day \(d.kind)\" title=\"\(d.name ?? "")\" data-date=\"\(d.date)\">\(dayNumber)</td>")
            }
            var weeks: [HTML] = []
            var i = 0
            while i < cells.count {
                weeks.append("<tr>\(Array(cells[i..<min(i + 7, cells.count)]))</tr>")
                i += 7
            }
            let head: HTML = "<tr>\(["一", "二", "三", "四", "五", "六", "日"].map { "<th>\($0)</th>" as HTML })</tr>"
            months.append("<table class=\"month\"><caption>\(Text("{0} 月", "Month {0}").with(String(month)), l)</caption>\(head)\(weeks)</table>")
        }
        var editForms = HTML.empty
        if principal.has(.editCalendar) {
            let holidayLines = values?["holidays"] ?? data.holidays.map { "\($0.name),\($0.from),\($0.to)" }.joined(separator: "\n")
            let workdayLines = values?["workdays"] ?? data.workdays.joined(separator: "\n")
            editForms = """
            <form method="post" action="/admin/calendar" id="year-form" class="card">\(page.csrfField)
              <h2>\(Text("录入 {0} 年放假安排", "Enter {0}'s holiday schedule").with(String(year)), l)</h2>
              <input type="hidden" name="year" value="\(year)">
              \(FormControls.field(Text("放假（每行：名称,开始日期,结束日期）", "Holidays (one per line: name,from,to)")(l), for: "holidays",
                                   HTML(raw: "<textarea id=\"holidays\" name=\"holidays\" rows=\"8\" placeholder=\"春节,\(year)-02-15,\(year)-02-23\">\(HTML.escape(holidayLines))</textarea>")))
              \(FormControls.field(Text("调休上班（每行一个日期）", "Adjusted workdays (one date per line)")(l), for: "workdays",
                                   HTML(raw: "<textarea id=\"workdays\" name=\"workdays\" rows=\"4\">\(HTML.escape(workdayLines))</textarea>")))
              <button type="submit" id="year-submit">\(Text("保存该年安排", "Save the year"), l)</button>
            </form>
            <form method="post" action="/admin/calendar/hours" id="hours-form" class="card">\(page.csrfField)
              <h2>\(Text("工作时间", "Business hours"), l)</h2>
              <div class="toolbar">
              \(FormControls.field(Text("上班", "Start")(l), for: "hours-start", FormControls.input(id: "hours-start", name: "start", type: "time", value: hours.start, attributes: "required")))
              \(FormControls.field(Text("下班", "End")(l), for: "hours-end", FormControls.input(id: "hours-end", name: "end", type: "time", value: hours.end, attributes: "required")))
              \(FormControls.field(Text("午休开始（可不填）", "Break from (optional)")(l), for: "hours-break-start", FormControls.input(id: "hours-break-start", name: "breakStart", type: "time", value: hours.breakStart)))
              \(FormControls.field(Text("午休结束", "Break until")(l), for: "hours-break-end", FormControls.input(id: "hours-break-end", name: "breakEnd", type: "time", value: hours.breakEnd)))
              <button type="submit" id="hours-submit">\(Text("保存", "Save"), l)</button>
              </div>
            </form>
            """
        }
        let body: HTML = """
        <h1>\(Text("工作日历", "Working-day calendar"), l)</h1>
        <form method="get" action="/admin/calendar" class="toolbar">
          \(FormControls.field(Text("年份", "Year")(l), for: "calendar-year", FormControls.input(id: "calendar-year", name: "year", type: "number", value: String(year), attributes: "min=\"2000\" max=\"2100\"")))
          <button type="submit">\(Text("查看", "Show"), l)</button>
        </form>
        \(source)
        <p class="hint">\(Text("工作时间：{0}–{1}（Asia/Shanghai）", "Business hours: {0}–{1} (Asia/Shanghai)").with(hours.start, hours.end), l)\(hours.breakStart.map { bs in Text("，午休 {0}–{1} 不计时", ", clocks stop for the {0}–{1} break").with(bs, hours.breakEnd ?? "") } ?? Text("", ""), l)。
          <span class="legend"><span class="day workday">\(Text("工作日", "Workday"), l)</span> <span class="day weekend">\(Text("周末", "Weekend"), l)</span>
          <span class="day holiday">\(Text("放假", "Holiday"), l)</span> <span class="day adjusted_workday">\(Text("调休上班", "Adjusted workday"), l)</span></span></p>
        <div class="months" id="calendar-months">\(months)</div>
        \(editForms)
        """
        return shell.render(page, title: Text("工作日历", "Working-day calendar"), active: "admin-calendar", body: body).response()
    }

    /// "name,from,to" lines; a line that does not have three parts is reported with its number.
    static func parseHolidays(_ text: String) throws -> [HolidayYear.Holiday] {
        try text.split(whereSeparator: \.isNewline).enumerated().compactMap { index, line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return nil }
            let parts = trimmed.replacingOccurrences(of: "，", with: ",").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3 else {
                throw AppError.validation("holidays", Text("第 {0} 行应为：名称,开始日期,结束日期", "Line {0} should be: name,from,to").with(String(index + 1)))
            }
            return HolidayYear.Holiday(name: parts[0], from: parts[1], to: parts[2])
        }
    }

    func register(on router: Router<KefuContext>) {
        router.get("/admin/calendar") { request, context in try await render(request, context) }
        router.post("/admin/calendar") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            guard let year = UsualInput.wholeNumber(form["year"]) else {
                throw AppError.validation("year", Text("年份必须是数字", "The year is a number"))
            }
            let holidays = try Self.parseHolidays(form["holidays"] ?? "")
            let workdays = (form["workdays"] ?? "").split(whereSeparator: { $0.isNewline || $0 == "," }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            _ = try await calendar.replaceYear(year, HolidayYear(holidays: holidays, workdays: workdays), by: principal)
            return Redirect.to("/admin/calendar?year=\(year)&notice=calendar_saved&what=\(year)")
        }
        router.post("/admin/calendar/hours") { request, context in
            let form = try await FormData.read(request)
            _ = try await calendar.setBusinessHours(start: form["start"], end: form["end"], breakStart: form["breakStart"], breakEnd: form["breakEnd"],
                                                    by: try context.requirePrincipal())
            return Redirect.to("/admin/calendar?notice=saved")
        }
    }
}
