import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #14 PRP-09, RPT-10: 月末客服统计 / 月报 / 年报 of an estate's service centre as a page: choose the estate and a month
/// or a year; the rates with a 100 % target say met or missed; printable, exportable (xlsx, csv).
public struct PropertyServiceReportPages: Sendable {
    let reports: PropertyServiceReports
    let shell: PageShell

    public init(reports: PropertyServiceReports, shell: PageShell) {
        self.reports = reports
        self.shell = shell
    }

    static let path = PropertyPaths.root + "/service-report"

    public func register(on router: Router<KefuContext>) {
        router.get("/property/service-report") { request, context in try await show(request, context) }
        router.get("/property/service-report/export") { request, context in try await export(request, context) }
    }

    /// The report's lines: label and value, in the order shown and exported.
    static func lines(_ r: PropertyServiceReportView) -> [(id: String, label: Text, value: String, met: Bool?)] {
        [("billed", Text("应收（元）", "Billed (yuan)"), r.billed, nil), ("paid", Text("实收（元）", "Paid (yuan)"), r.paid, nil),
         ("collection-rate", Text("收费率", "Collection rate"), r.collectionRate, nil),
         ("notices", Text("交清通知单/通知单", "Notices paid in full / all"), "\(r.paidNotices)/\(r.notices)", nil),
         ("complaints", Text("受理投诉", "Complaints received"), String(r.complaintsReceived), nil),
         ("handling-rate", Text("投诉处理率（目标 100%）", "Complaint handling rate (target 100%)"),
          "\(r.handlingRate.rate)（\(r.handlingRate.part)/\(r.handlingRate.whole)）", r.handlingRate.met),
         ("return-visit-rate", Text("回访率（目标 100%）", "Return-visit rate (target 100%)"),
          "\(r.returnVisitRate.rate)（\(r.returnVisitRate.part)/\(r.returnVisitRate.whole)）", r.returnVisitRate.met),
         ("tickets", Text("受理工单", "Tickets received"), String(r.ticketsReceived), nil),
         ("visits", Text("走访住户（次）", "Visits to residents"), String(r.visits), nil), // SAT-10
         ("forums", Text("召开业主座谈会（次）", "Owner forums held"), String(r.forumsHeld), nil)] // SAT-10
    }

    static func verdict(_ met: Bool?) -> Text? {
        met.map { $0 ? Text("达标", "Met") : Text("未达标", "Missed") }
    }

    func show(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await reports.page(estateId: q["estateId"], period: q["period"], viewer: principal)
        var content: HTML = "<p class=\"empty\" id=\"empty-state\">\(Text("您的范围内没有小区", "No estates in your scope"), l)</p>"
        if let r = m.report {
            let rows: [DataTable.Row] = Self.lines(r).map { line in
                let cells: [HTML] = ["\(line.label(l))", "\(line.value)", "\(Self.verdict(line.met)?(l) ?? "")"]
                let met = line.met.map { $0 ? "true" : "false" } ?? ""
                return DataTable.Row(plain: cells, attributes: "id=\"prp-sr-\(line.id)\" data-met=\"\(met)\"")
            }
            let qs = "estateId=\(r.estateId)&period=\(r.period)"
            content = """
            <h2 id="prp-sr-heading">\(r.estateName) · \(r.period)（\(r.from) — \(r.to)）</h2>
            <p class="actions no-print"><a id="prp-sr-xlsx" href="\(Self.path)/export?format=xlsx&\(qs)">\(Text("导出 Excel", "Export Excel"), l)</a>
            <a id="prp-sr-csv" href="\(Self.path)/export?format=csv&\(qs)">\(Text("导出 CSV", "Export CSV"), l)</a>
            <button type="button" id="prp-sr-print" data-print>\(Text("打印", "Print"), l)</button></p>
            \(DataTable.render(id: "prp-service-report", headers: [Text("项目", "Item"), Text("数值", "Figure"), Text("目标", "Target")].map { $0(l) }, rows: rows))
            """
        }
        let body: HTML = """
        <h1 id="prp-sr-title">\(Text("物业客服统计（月末统计、月报、年报）", "Property service report (month-end, monthly, annual)"), l)</h1>
        <p class="hint no-print">\(Text("期间填月份（如 2026-11）为月报，填年份（如 2026）为年报。投诉处理率 = 已处理/受理，回访率 = 已回访/已处理，目标均为 100%（CMP-15、PRP-09、RPT-10）。", "A month (e.g. 2026-11) gives the monthly report, a year (e.g. 2026) the annual one. Handling rate = handled / received, return-visit rate = visited / handled; both targets 100% (CMP-15, PRP-09, RPT-10)."), l)</p>
        <form method="get" action="\(Self.path)" class="toolbar filters no-print" id="prp-sr-filter">
        \(FormControls.field(Text("小区", "Estate")(l), for: "prp-sr-estate", FormControls.select(id: "prp-sr-estate", name: "estateId",
            options: m.estates.map { ($0.id, $0.name) }, selected: m.report?.estateId)))
        \(FormControls.field(Text("期间", "Period")(l), for: "prp-sr-period", FormControls.input(id: "prp-sr-period", name: "period", type: "text", value: m.period)))
        <button type="submit" id="prp-sr-apply">\(Text("查询", "Show"), l)</button></form>
        \(content)
        """
        return shell.render(page, title: Text("物业客服统计", "Property service report"), active: "property-service-report", body: body, breadcrumbs: .underActive).response()
    }

    func export(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let l = context.page(request).locale
        let q = request.queryDictionary
        guard let format = TableExport.Format(q["format"] ?? "xlsx") else {
            throw AppError.validation("format", Text("格式的取值必须是：xlsx, csv", "Format must be one of: xlsx, csv"))
        }
        guard let estateId = TextRules.trimmed(q["estateId"]) else {
            throw AppError.validation("estateId", Text("请选择小区", "Choose an estate"))
        }
        let r = try await reports.report(estateId: estateId, period: q["period"], viewer: principal)
        let columns: [ExportTable.Column] = [.init(Text("项目", "Item"), locale: l), .init(Text("数值", "Figure"), locale: l), .init(Text("目标", "Target"), locale: l)]
        let rows: [[ExportTable.Cell]] = Self.lines(r).map { [.text($0.label(l)), .text($0.value), .text(Self.verdict($0.met)?(l) ?? "")] }
        return TableExport.response(ExportTable(sheetName: Text("物业客服统计", "Service report")(l), columns: columns, rows: rows), as: format,
                                    filename: r.estateName + " " + r.period + Text("客服统计", " service report")(l))
    }
}
