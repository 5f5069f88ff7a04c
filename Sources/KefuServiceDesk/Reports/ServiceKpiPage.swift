import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// The supervisor's KPI page (KPI-01, SLA-01/02, ESC-01): table, two charts drawn by the server as SVG, CSV export.
struct ServiceKpiPage: Sendable {
    let kpis: ServiceKpiService
    let shell: PageShell

    static func defaults(_ query: [String: String]) -> (from: String, to: String, groupBy: String) {
        let today = Times.day(Date()).iso
        return (query["from"] ?? String(today.prefix(8)) + "01", query["to"] ?? today, query["groupBy"] ?? "agent")
    }

    func render(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let (from, to, groupBy) = Self.defaults(request.queryDictionary)
        let report = try await kpis.report(from: from, to: to, groupBy: groupBy, viewer: principal)
        let groupOptions = [("agent", Text("按客服", "By agent")(l)), ("team", Text("按部门", "By team")(l)),
                            ("day", Text("按日", "By day")(l)), ("month", Text("按月", "By month")(l))]
        func pct(_ s: String?) -> String { s.map { $0 + "%" } ?? "—" }
        func minutes(_ s: Int64?) -> String { s.map { String(format: "%d:%02d", $0 / 60, $0 % 60) } ?? "—" }
        // #11.5: a DataTable: on a phone each group (and the total) is a card led by its name, every figure with its label.
        func row(_ r: ServiceKpiRow, id: String) -> DataTable.Row {
            let meets: HTML = r.resolution.meetsTarget.map { $0 ? "<span class=\"badge status-resolved\">\(Text("达标", "Met")(l))</span>" : "<span class=\"badge prio-urgent\">\(Text("未达标", "Below")(l))</span>" } ?? "—"
            return DataTable.Row([.init("\(r.name)"), .init("\(r.firstResponse.responded)/\(r.firstResponse.eligible)"), .init("\(pct(r.firstResponse.withinTargetPercent))"),
                                  .init("\(minutes(r.firstResponse.medianSeconds))"), .init("\(minutes(r.firstResponse.p90Seconds))"),
                                  .init("\(r.resolution.resolvedWithinTarget)/\(r.resolution.due)"), .init("\(pct(r.resolution.ratePercent)) \(meets)", class: "rate"),
                                  .init("\(r.resolution.resolved)/\(r.resolution.received) (\(pct(r.resolution.resolvedPercent)))"),
                                  .init("\(r.escalations.total)"), .init("\(r.escalations.late)"), .init("\(r.escalations.automatic)")],
                                 attributes: "id=\"\(id)\"")
        }
        let headers = [Text("已响应/应响应", "Answered/due"), Text("及时响应率", "On time"), Text("响应中位数", "Median"), Text("P90", "P90"),
                       Text("按时解决/到期", "Resolved in time/due"), Text("问题解决率（目标 90%）", "Resolution rate (target 90%)"),
                       Text("已解决/受理", "Resolved/received"), Text("升级", "Escalations"), Text("迟报", "Late"), Text("自动", "Automatic")].map { $0(l) }
        let table: HTML = report.groups.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(Text("该期间没有工单", "No tickets in this period"), l)</p>"
            : DataTable.render(id: "kpi-table", headers: [Self.groupLabel(groupBy)(l)] + headers, rows: report.groups.enumerated().map { row($1, id: "kpi-row-\($0)") },
                               footer: [row(report.total, id: "kpi-total")])
        let csvHref = "/reports/service-kpis.csv?from=\(urlQueryValue(from))&to=\(urlQueryValue(to))&groupBy=\(urlQueryValue(groupBy))"
        let body: HTML = """
        <h1>\(Text("服务指标", "Service KPIs"), l)</h1>
        <form method="get" action="/reports/service-kpis" class="toolbar" id="kpi-form">
          \(FormControls.field(Text("从", "From")(l), for: "kpi-from", FormControls.input(id: "kpi-from", name: "from", type: "date", value: from, attributes: "required")))
          \(FormControls.field(Text("到", "To")(l), for: "kpi-to", FormControls.input(id: "kpi-to", name: "to", type: "date", value: to, attributes: "required")))
          \(FormControls.field(Text("分组", "Group by")(l), for: "kpi-group", FormControls.select(id: "kpi-group", name: "groupBy", options: groupOptions, selected: groupBy)))
          <button type="submit">\(Text("查询", "Show"), l)</button>
          <a class="button secondary" id="kpi-csv" href="\(csvHref)">\(Text("导出 CSV", "Export CSV"), l)</a>
        </form>
        <p class="hint">\(Text("首次响应：受理到第一次公开回复，按服务标准的日历计时。问题解决率：期间内到期的工单中按时解决的比例（SLA-02 目标 ≥ 90%）。", "First response: receipt to the first public reply, on the policy's calendar. Resolution rate: of the tickets whose target fell due in the period, the share resolved in time (SLA-02 target ≥ 90%)."), l)</p>
        \(report.groups.isEmpty ? .empty : KpiCharts.resolutionRate(report.groups, locale: l))
        \(report.groups.isEmpty ? .empty : KpiCharts.firstResponse(report.groups, locale: l))
        \(table)
        """
        return shell.render(page, title: Text("服务指标", "Service KPIs"), active: "reports", body: body).response()
    }

    /// The first column's heading: what a row is (a phone's card is led by it).
    static func groupLabel(_ groupBy: String) -> Text {
        switch groupBy {
        case "team": Text("部门", "Team")
        case "day": Text("日期", "Day")
        case "month": Text("月份", "Month")
        default: Text("客服", "Agent")
        }
    }

    func csv(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let (from, to, groupBy) = Self.defaults(request.queryDictionary)
        let report = try await kpis.report(from: from, to: to, groupBy: groupBy, viewer: principal)
        var rows = [["分组", "名称", "已响应", "应响应", "及时响应", "及时响应率%", "响应中位数(秒)", "响应P90(秒)", "到期", "按时解决", "问题解决率%", "达标",
                     "受理", "已解决", "解决占比%", "升级", "迟报", "自动升级"]]
        for r in report.groups + [report.total] {
            let f = r.firstResponse, s = r.resolution, e = r.escalations
            let first: [String] = [r.key, r.name, String(f.responded), String(f.eligible), String(f.withinTarget), f.withinTargetPercent ?? "",
                                   f.medianSeconds.map { String($0) } ?? "", f.p90Seconds.map { String($0) } ?? ""]
            let met: String = s.meetsTarget.map { $0 ? "是" : "否" } ?? ""
            let second: [String] = [String(s.due), String(s.resolvedWithinTarget), s.ratePercent ?? "", met, String(s.received), String(s.resolved),
                                    s.resolvedPercent ?? "", String(e.total), String(e.late), String(e.automatic)]
            rows.append(first + second)
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"service-kpis-\(from)-\(to).csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: CSV.document(rows))))  // #10.12: CSV.field neutralises formulas
    }

    func register(on router: Router<KefuContext>) {
        router.get("/reports/service-kpis") { request, context in try await render(request, context) }
        router.get("/reports/service-kpis.csv") { request, context in try await csv(request, context) }
    }
}

/// Horizontal bar charts as inline SVG, drawn with whole numbers: no chart library, prints as it shows.
enum KpiCharts {
    static let width = 720, labelWidth = 160, barHeight = 18, gap = 8

    /// Tenths of a percent from "93.4".
    static func tenths(_ s: String?) -> Int? {
        guard let s else { return nil }
        let parts = s.split(separator: ".")
        guard let whole = Int(parts.first ?? "") else { return nil }
        return whole * 10 + (parts.count > 1 ? Int(parts[1].prefix(1)) ?? 0 : 0)
    }

    static func frame(id: String, title: String, rows: Int, content: String) -> HTML {
        let height = 30 + rows * (barHeight + gap) + 10
        return HTML(raw: """
        <svg class="chart" id="\(id)" role="img" aria-label="\(HTML.escape(title))" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" xmlns="http://www.w3.org/2000/svg" font-size="12">
        <text x="8" y="18" font-weight="600">\(HTML.escape(title))</text>\(content)</svg>
        """)
    }

    static func label(_ text: String, y: Int) -> String {
        "<text x=\"8\" y=\"\(y + 13)\">\(HTML.escape(String(text.prefix(12))))</text>"
    }

    static func resolutionRate(_ groups: [ServiceKpiRow], locale l: AppLocale) -> HTML {
        let plot = width - labelWidth - 70
        var out = ""
        for (i, g) in groups.enumerated() {
            let y = 30 + i * (barHeight + gap)
            out += label(g.name, y: y)
            guard let t = tenths(g.resolution.ratePercent) else { continue }
            let w = plot * t / 1000
            let color = t >= KpiMath.resolutionRateTargetPercent * 10 ? "#1f7a3a" : "#c81e1e"
            out += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(w)\" height=\"\(barHeight)\" fill=\"\(color)\"/>"
            out += "<text x=\"\(labelWidth + w + 4)\" y=\"\(y + 13)\">\(g.resolution.ratePercent ?? "")%</text>"
        }
        let x = labelWidth + plot * KpiMath.resolutionRateTargetPercent / 100
        let bottom = 30 + groups.count * (barHeight + gap)
        out += "<line x1=\"\(x)\" y1=\"24\" x2=\"\(x)\" y2=\"\(bottom)\" stroke=\"#0b6bcb\" stroke-dasharray=\"4 3\"/>"
        out += "<text x=\"\(x + 3)\" y=\"\(bottom + 8)\" fill=\"#0b6bcb\">90%</text>"
        return frame(id: "chart-resolution", title: Text("问题解决率（虚线为 90% 目标）", "Resolution rate (dashed: 90% target)")(l), rows: groups.count, content: out)
    }

    static func firstResponse(_ groups: [ServiceKpiRow], locale l: AppLocale) -> HTML {
        let plot = width - labelWidth - 90
        let target: Int64 = Int64(ServiceStandards.firstResponseMinutes) * 60
        let scale = max(groups.compactMap(\.firstResponse.p90Seconds).max() ?? 0, target * 2)
        var out = ""
        for (i, g) in groups.enumerated() {
            let y = 30 + i * (barHeight + gap)
            out += label(g.name, y: y)
            guard let median = g.firstResponse.medianSeconds, let p90 = g.firstResponse.p90Seconds else { continue }
            let wp = Int(Int64(plot) * p90 / scale), wm = Int(Int64(plot) * median / scale)
            out += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(wp)\" height=\"\(barHeight)\" fill=\"#9fb3c8\"/>"
            out += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(wm)\" height=\"\(barHeight - 8)\" fill=\"#0b6bcb\"/>"
            out += "<text x=\"\(labelWidth + wp + 4)\" y=\"\(y + 13)\">\(median / 60)′\(median % 60)″ / \(p90 / 60)′\(p90 % 60)″</text>"
        }
        let x = labelWidth + Int(Int64(plot) * target / scale)
        let bottom = 30 + groups.count * (barHeight + gap)
        out += "<line x1=\"\(x)\" y1=\"24\" x2=\"\(x)\" y2=\"\(bottom)\" stroke=\"#c81e1e\" stroke-dasharray=\"4 3\"/>"
        out += "<text x=\"\(x + 3)\" y=\"\(bottom + 8)\" fill=\"#c81e1e\">5′</text>"
        return frame(id: "chart-first-response", title: Text("首次响应：中位数（深色）与 P90（浅色），虚线为 5 分钟", "First response: median (dark) and P90 (light); dashed: 5 minutes")(l),
                     rows: groups.count, content: out)
    }
}
