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
        let rows: [HTML] = m.rows.map { r in
            let group: HTML = r.drill.map { "<a class=\"drill\" href=\"/materials/reports/on-hand?\($0)\">\(r.groupLabel)</a>" as HTML } ?? "\(r.groupLabel)"
            return """
            <tr class="report-row" data-group="\(r.groupLabel)" data-item="\(r.itemCode)"><td>\(group)</td><td>\(r.itemCode)</td><td>\(r.itemName)</td><td>\(r.unit)</td>
            <td class="num">\(r.quantity.text)</td>\(m.level == .batch ? "<td>\(r.expiryDate ?? "—")</td>" as HTML : .empty)</tr>
            """
        }
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
        \(m.rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有库存", "No stock"), l)</p>" as HTML : """
            <table id="on-hand-report"><thead><tr><th>\(Self.levelName(m.level), l)</th><th>\(Text("存货编码", "Item code"), l)</th><th>\(Text("存货名称", "Item name"), l)</th>
            <th>\(Text("单位", "Unit"), l)</th><th>\(Text("现存量", "On-hand"), l)</th>\(m.level == .batch ? "<th>\(Text("有效期至", "Expiry")(l))</th>" as HTML : .empty)</tr></thead>
            <tbody>\(rows)</tbody><tfoot><tr><td colspan="4">\(Text("合计", "Total"), l)</td><td class="num" id="report-total">\(m.total.text)</td></tr></tfoot></table>
            """)
        """
        return shell.render(page, title: Text("现存量报表", "On-hand report"), active: "on-hand-report", body: html).response()
    }
}
