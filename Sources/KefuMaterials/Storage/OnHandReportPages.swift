import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// RPT-01 as a page: 现存量报表 by department, then site, warehouse, bin and batch (each row drills down), with CSV
/// export of what is shown.
struct OnHandReportPages: Sendable {
    let api: MaterialsAPI
    let shell: PageShell

    static func levelName(_ level: OnHandReport.Level) -> Text {
        switch level {
        case .department: return Text("业务部", "Department")
        case .site: return Text("现场/组织", "Site / unit")
        case .warehouse: return Text("仓库", "Warehouse")
        case .bin: return Text("库位", "Bin")
        case .batch: return Text("批次", "Batch")
        }
    }

    func register(on router: Router<KefuContext>) {
        router.get("/materials/reports/on-hand") { request, context in try await page(request, context) }
        for format in TableExport.Format.allCases {
            router.get("/materials/reports/on-hand.\(format.rawValue)") { request, context in
                let principal = try context.requirePrincipal()
                let report = try await api.storage.onHandReport(OnHandReportFilter.from(request.queryDictionary), viewer: principal)
                return TableExport.response(report.exportTable(context.page(request).locale), as: format, filename: "on-hand-\(report.level.rawValue)")
            }
        }
    }

    func page(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let m = try await api.storage.onHandReport(OnHandReportFilter.from(request.queryDictionary), viewer: principal)
        let query = request.uri.query ?? ""
        // #11.5: a DataTable: on a phone each line is a card of labelled values; print and wider screens keep the table.
        let rows: [DataTable.Row] = m.rows.map { r in
            let group: HTML = r.drill.map { "<a class=\"drill\" href=\"/materials/reports/on-hand?\($0)\">\(r.groupLabel)</a>" as HTML } ?? "\(r.groupLabel)"
            let expiry: [DataTable.Cell] = m.level == .batch ? [.init("\(r.expiryDate ?? "—")")] : []
            return DataTable.Row([.init(group), .init("\(r.itemCode)"), .init("\(r.itemName)"), .init("\(r.unit)"), .init("\(r.quantity.text)", class: "num")] + expiry,
                                 attributes: "class=\"report-row\" data-group=\"\(r.groupLabel)\" data-item=\"\(r.itemCode)\"")
        }
        let headers = [Self.levelName(m.level), Text("存货编码", "Item code"), Text("存货名称", "Item name"), Text("单位", "Unit"), Text("现存量", "On-hand")]
            + (m.level == .batch ? [Text("有效期至", "Expiry")] : [])
        let total = DataTable.Row([.init("\(Text("合计", "Total"), l)"), .init(""), .init(""), .init(""),
                                   .init("<span id=\"report-total\">\(m.total.text)</span>", class: "num")] + (m.level == .batch ? [.init("")] : []))
        let levels: [HTML] = OnHandReport.Level.allCases.map { lv in
            lv == m.level ? "<strong>\(Self.levelName(lv), l)</strong>" : "<span>\(Self.levelName(lv), l)</span>"
        }
        let html: HTML = """
        <div class="actions" style="justify-content:space-between"><h1 id="report-title">\(Text("现存量报表", "On-hand report"), l) · \(Self.levelName(m.level), l)</h1>
        <span class="no-print"><a class="button" id="export-report-xlsx" href="/materials/reports/on-hand.xlsx\(query.isEmpty ? "" : "?" + query)">\(Text("导出 Excel", "Export Excel"), l)</a>
        <a class="button" id="export-report-csv" href="/materials/reports/on-hand.csv\(query.isEmpty ? "" : "?" + query)">\(Text("导出 CSV", "Export CSV"), l)</a>
        <button type="button" data-print>\(Text("打印", "Print"), l)</button></span></div>
        <p class="breadcrumbs no-print" id="report-levels">\(HTML(raw: levels.map(\.raw).joined(separator: " › ")))
        · <a href="/materials/reports/on-hand">\(Text("回到业务部汇总", "Back to departments"), l)</a></p>
        \(m.rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有库存", "No stock"), l)</p>" as HTML
            : DataTable.render(id: "on-hand-report", headers: headers.map { $0(l) }, rows: rows, footer: [total]))
        """
        return shell.render(page, title: Text("现存量报表", "On-hand report"), active: "on-hand-report", body: html).response()
    }
}
