import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 人员 › 客服考核 and 报表 › 客服考核 (#15.5, KPI-01): the team's scorecard per month and unit (a DataTable that stacks into
/// cards on a phone, two SVG charts, sort, pages, CSV and XLSX export), and an agent's own row at `/people/scorecards/me`.
public struct ScorecardPages: Sendable {
    let scorecards: ScorecardService
    let shell: PageShell

    public init(scorecards: ScorecardService, shell: PageShell) {
        self.scorecards = scorecards
        self.shell = shell
    }

    static let title = Text("客服考核", "Agent scorecards")

    public static let nav: [NavItem] = [
        NavItem(id: "people-scorecards", href: "/people/scorecards", label: title, area: .people, group: Text("考核", "Appraisal"),
                isVisible: { ScorecardRules.mayReadTeam($0.roles) }),
        NavItem(id: "reports-scorecards", href: "/people/scorecards", label: title, area: .reports, isVisible: { ScorecardRules.mayReadTeam($0.roles) }),
        NavItem(id: "people-my-scorecard", href: "/people/scorecards/me", label: Text("我的考核", "My scorecard"), area: .people, group: Text("考核", "Appraisal"),
                isVisible: { ScorecardRules.hasOwnRow($0.roles) }),
    ]

    public func register(on router: Router<KefuContext>) {
        router.get("/people/scorecards") { request, context in try await team(request, context) }
        router.get("/people/scorecards/me") { request, context in try await mine(request, context) }
        for format in TableExport.Format.allCases {
            router.get("/people/scorecards.\(format.rawValue)") { request, context in
                let principal = try context.requirePrincipal()
                let q = request.queryDictionary
                let (from, to) = Self.period(q)
                let report = try await scorecards.report(from: from, to: to, orgUnitId: q["orgUnitId"], sort: q["sort"], paging: nil, viewer: principal)
                return TableExport.response(Self.exportTable(report, context.page(request).locale), as: format,
                                            filename: "agent-scorecards-\(report.from)-\(report.to)")
            }
        }
    }

    /// `month=yyyy-mm` stands for that whole month; otherwise `from`/`to` as typed (absent: the service's default).
    static func period(_ q: [String: String]) -> (from: String?, to: String?) {
        if let m = q["month"], let range = monthRange(m) { return (range.from.iso, range.to.iso) }
        return (q["from"], q["to"])
    }

    static func monthRange(_ text: String) -> (from: CivilDay, to: CivilDay)? {
        guard text.count == 7, let month = CivilMonth(text), (2000...2100).contains(month.year) else { return nil }
        return (month.first, month.last)
    }

    /// The month picker's choices: this month and the 24 before it, newest first.
    static func monthOptions(today: CivilDay) -> [String] {
        var month = CivilMonth(today)
        return (0...24).map { _ in
            defer { month = month.previous }
            return month.description
        }
    }

    static func sortLabel(_ s: ScorecardSort) -> Text {
        switch s {
        case .score: Text("综合得分", "Score")
        case .name: Text("姓名", "Name")
        case .taken: Text("首问工单", "Tickets taken")
        case .firstResponse: Text("及时响应率", "First response on time")
        case .resolution: Text("问题解决率", "Resolution rate")
        case .escalations: Text("升级", "Escalations")
        case .satisfaction: Text("满意率", "Satisfaction")
        case .complaints: Text("被投诉", "Complaints")
        case .quality: Text("质检得分", "Inspection score")
        }
    }

    static let headers: [Text] = [
        Text("客服", "Agent"), Text("部门", "Unit"), Text("首问工单", "Tickets taken"), Text("及时响应", "First response on time"),
        Text("问题解决率", "Resolution rate"), Text("升级（迟报）", "Escalations (late)"), Text("满意率", "Satisfaction"),
        Text("被投诉", "Complaints"), Text("质检（次数/均分/处罚）", "Inspections (count/mean/penalties)"), Text("综合得分", "Score"),
    ]

    static func ratio(_ r: ScorecardRatio) -> String { r.percent.map { "\($0)% (\(r.count)/\(r.of))" } ?? "—" }

    static func row(_ r: AgentScorecardRow, index: Int) -> DataTable.Row {
        DataTable.Row([
            .init("\(r.name)", class: "agent"), .init("\(r.unitName)"), .init("\(String(r.taken))"), .init("\(ratio(r.firstResponse))", class: "first-response"),
            .init("\(ratio(r.resolution))"), .init("\(String(r.escalations)) (\(String(r.lateEscalations)))"), .init("\(ratio(r.satisfaction))", class: "satisfaction"),
            .init("\(String(r.complaints))", class: "complaints"), .init("\(String(r.inspections)) / \(r.qualityScore ?? "—") / \(String(r.penalties))"),
            .init("\(r.score ?? "—")", class: "score"),
        ], attributes: HTML(raw: "class=\"scorecard-row\" id=\"scorecard-row-\(index)\" data-agent=\"\(HTML.escape(r.agentId))\""))
    }

    static func table(_ report: AgentScorecardReport, l: AppLocale) -> HTML {
        guard !report.items.isEmpty else {
            return "<p class=\"empty\" id=\"scorecard-empty\">\(Text("该部门没有客服人员", "No customer-service staff in this unit"), l)</p>"
        }
        return DataTable.render(id: "scorecard-table", headers: headers.map { $0(l) },
                                rows: report.items.enumerated().map { row($1, index: $0) })
    }

    static func explanation(_ report: AgentScorecardReport, l: AppLocale) -> HTML {
        let w = report.weights
        let weights = ScorecardSort.allCases.compactMap { s -> String? in
            let part: String
            switch s {
            case .firstResponse: part = "firstResponse"
            case .resolution: part = "resolution"
            case .escalations: part = "escalation"
            case .satisfaction: part = "satisfaction"
            case .quality: part = "quality"
            default: return nil
            }
            return "\(sortLabel(s)(l)) \(w[part] ?? 0)"
        }.joined(separator: " · ")
        return """
        <p class="hint" id="scorecard-weights">\(Text("综合得分 = 有数据各项的加权平均（权重：{0}），每件投诉扣 {1} 分；无数据显示“—”。", "Score = weighted mean of the parts with data (weights: {0}), less {1} points per complaint; no data shows “—”.").with(weights, String(report.complaintDeductionPoints)), l)</p>
        """
    }

    func team(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let (from, to) = Self.period(q)
        let m = try await scorecards.team(from: from, to: to, orgUnitId: q["orgUnitId"], sort: q["sort"], paging: try Paging.from(q, defaultPer: 50), viewer: principal)
        let report = m.report
        let month = String(report.from.prefix(7))
        let wholeMonth = Self.monthRange(month).map { $0.from.iso == report.from && $0.to.iso == report.to } ?? false
        var months = Self.monthOptions(today: Times.day(Date())).map { ($0, $0) }
        if !wholeMonth { months.insert(("", "\(report.from) – \(report.to)"), at: 0) }
        var query: [String: String] = ["orgUnitId": report.orgUnitId, "sort": report.sort]
        if wholeMonth { query["month"] = month } else { query["from"] = report.from; query["to"] = report.to }
        let exportQuery = query.keys.sorted().map { "\($0)=\(urlQueryValue(query[$0]!))" }.joined(separator: "&")
        let units = m.units.map { u in (u.id, String(repeating: "　", count: max(0, u.path.split(separator: "/").count - 1)) + u.name) }
        let chartRows = report.items
        let body: HTML = """
        <h1 id="scorecard-title">\(Self.title, l)</h1>
        <form method="get" action="/people/scorecards" class="toolbar filters" id="scorecard-form">
          \(FormControls.field(Text("月份", "Month")(l), for: "scorecard-month", FormControls.select(id: "scorecard-month", name: "month", options: months, selected: wholeMonth ? month : "")))
          \(FormControls.field(Text("部门", "Unit")(l), for: "scorecard-unit", FormControls.select(id: "scorecard-unit", name: "orgUnitId", options: units, selected: report.orgUnitId)))
          \(FormControls.field(Text("排序", "Sort by")(l), for: "scorecard-sort", FormControls.select(id: "scorecard-sort", name: "sort", options: ScorecardSort.allCases.map { ($0.rawValue, Self.sortLabel($0)(l)) }, selected: report.sort)))
          <button type="submit" id="scorecard-submit">\(Text("查询", "Show"), l)</button>
          <a class="button secondary" id="scorecard-csv" href="/people/scorecards.csv?\(exportQuery)">\(Text("导出 CSV", "Export CSV"), l)</a>
          <a class="button secondary" id="scorecard-xlsx" href="/people/scorecards.xlsx?\(exportQuery)">\(Text("导出 Excel", "Export Excel"), l)</a>
        </form>
        <p class="hint" id="scorecard-period">\(Text("{0}（{1} 至 {2}）", "{0} ({1} to {2})").with(report.orgUnitName, report.from, report.to), l)</p>
        \(Self.explanation(report, l: l))
        \(chartRows.isEmpty ? .empty : ScorecardCharts.bars(id: "chart-scorecard-first-response", title: Text("首次响应及时率（虚线：目标 100%）", "First response on time (dashed: 100% target)")(l),
                                                           rows: chartRows.map { ($0.name, $0.firstResponse.basisPoints) }, color: "#0b6bcb", targetBasisPoints: 10_000))
        \(chartRows.isEmpty ? .empty : ScorecardCharts.bars(id: "chart-scorecard-satisfaction", title: Text("满意率（基本满意以上）", "Satisfaction (basically satisfied or better)")(l),
                                                           rows: chartRows.map { ($0.name, $0.satisfaction.basisPoints) }, color: "#1f7a3a"))
        \(Self.table(report, l: l))
        \(FormControls.pager(basePath: "/people/scorecards", query: query, page: report.page, per: report.per, total: report.total, locale: l))
        """
        return shell.render(page, title: Self.title, active: "people-scorecards", body: body).response()
    }

    func mine(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let (from, to) = Self.period(q)
        let report = try await scorecards.mine(from: from, to: to, viewer: principal)
        let month = String(report.from.prefix(7))
        let title = Text("我的考核", "My scorecard")
        let body: HTML = """
        <h1 id="scorecard-title">\(title, l)</h1>
        <form method="get" action="/people/scorecards/me" class="toolbar filters" id="scorecard-form">
          \(FormControls.field(Text("月份", "Month")(l), for: "scorecard-month", FormControls.select(id: "scorecard-month", name: "month", options: Self.monthOptions(today: Times.day(Date())).map { ($0, $0) }, selected: month)))
          <button type="submit" id="scorecard-submit">\(Text("查询", "Show"), l)</button>
        </form>
        <p class="hint" id="scorecard-period">\(Text("{0} 至 {1}", "{0} to {1}").with(report.from, report.to), l)</p>
        \(Self.explanation(report, l: l))
        \(Self.table(report, l: l))
        """
        return shell.render(page, title: title, active: "people-my-scorecard", body: body).response()
    }

    static func exportTable(_ report: AgentScorecardReport, _ l: AppLocale) -> ExportTable {
        func pct(_ r: ScorecardRatio) -> ExportTable.Cell { r.percent.map { .number($0) } ?? .empty }
        return ExportTable(sheetName: title(l), columns: [
            .init(Text("客服", "Agent"), locale: l), .init(Text("部门", "Unit"), locale: l), .init(Text("从", "From"), .date, locale: l), .init(Text("到", "To"), .date, locale: l),
            .init(Text("首问工单", "Tickets taken"), .number, locale: l),
            .init(Text("及时响应", "Answered on time"), .number, locale: l), .init(Text("应响应", "Due a first response"), .number, locale: l),
            .init(Text("及时响应率%", "First response on time %"), .number, locale: l),
            .init(Text("按时解决", "Resolved in time"), .number, locale: l), .init(Text("到期", "Fell due"), .number, locale: l),
            .init(Text("问题解决率%", "Resolution rate %"), .number, locale: l),
            .init(Text("升级", "Escalations"), .number, locale: l), .init(Text("迟报", "Late escalations"), .number, locale: l),
            .init(Text("满意", "Satisfied"), .number, locale: l), .init(Text("回收问卷", "Surveys returned"), .number, locale: l),
            .init(Text("满意率%", "Satisfaction %"), .number, locale: l), .init(Text("被投诉", "Complaints"), .number, locale: l),
            .init(Text("质检次数", "Inspections"), .number, locale: l), .init(Text("质检均分", "Inspection mean"), .number, locale: l),
            .init(Text("处罚记录", "Penalties"), .number, locale: l), .init(Text("综合得分", "Score"), .number, locale: l),
        ], rows: report.items.map { r in
            [.text(r.name), .text(r.unitName), .date(report.from), .date(report.to), .integer(r.taken),
             .integer(r.firstResponse.count), .integer(r.firstResponse.of), pct(r.firstResponse),
             .integer(r.resolution.count), .integer(r.resolution.of), pct(r.resolution),
             .integer(r.escalations), .integer(r.lateEscalations),
             .integer(r.satisfaction.count), .integer(r.satisfaction.of), pct(r.satisfaction), .integer(r.complaints),
             .integer(r.inspections), r.qualityScore.map { .number($0) } ?? .empty, .integer(r.penalties), r.score.map { .number($0) } ?? .empty]
        })
    }
}
