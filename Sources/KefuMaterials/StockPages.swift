import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 现存量 (with CSV export, the stocktake template's start, 篇2 §6) and the 出入库流水账 of a warehouse and period,
/// printable with signature lines for the site's daily ledger (LED-06).
struct StockPages: Sendable {
    let api: MaterialsAPI
    let shell: PageShell

    func register(on router: Router<KefuContext>) {
        router.get("/materials/on-hand") { request, context in try await onHand(request, context) }
        router.get("/materials/on-hand.csv") { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            let csv = try await api.stock.onHandCSV(warehouseId: q["warehouseId"], itemId: q["itemId"], viewer: principal)
            return MaterialsPages.csv(csv, filename: "on-hand.csv")
        }
        router.get("/materials/ledger") { request, context in try await ledger(request, context) }
    }

    func onHand(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let query = request.queryDictionary
        let model = try await api.stock.onHandPageModel(warehouseId: query["warehouseId"], itemId: query["itemId"], viewer: principal)
        let rows = model.rows
        let whOptions = [("", Text("全部", "All")(l))] + model.warehouses.map { ($0.id, "\($0.code) \($0.name)") }
        let itemOptions = [("", Text("全部", "All")(l))] + model.items.map { ($0.id, "\($0.code) \($0.name)") }
        let body: [DataTable.Row] = rows.map {
            DataTable.Row([.init("\($0.warehouseCode)"), .init("\($0.itemCode)"), .init("\($0.itemName)"), .init("\($0.unit)"),
                           .init("\($0.quantity.text)", class: "num quantity")], attributes: "class=\"on-hand-row\" data-item=\"\($0.itemCode)\"")
        }
        let filters = ["warehouseId", "itemId"].compactMap { key in TextRules.trimmed(query[key]).map { key + "=" + urlQueryValue($0) } }
        let csvHref = "/materials/on-hand.csv" + (filters.isEmpty ? "" : "?" + filters.joined(separator: "&"))
        let html: HTML = """
        <div class="actions" style="justify-content:space-between"><h1>\(Text("现存量", "On-hand"), l)</h1>
        <a class="button" id="export-on-hand" href="\(csvHref)">\(Text("导出 CSV（盘点模板）", "Export CSV (stocktake template)"), l)</a></div>
        <form method="get" action="/materials/on-hand" class="toolbar">
          \(FormControls.field(Text("仓库", "Warehouse")(l), for: "oh-warehouse", FormControls.select(id: "oh-warehouse", name: "warehouseId", options: whOptions, selected: query["warehouseId"])))
          \(FormControls.field(Text("存货", "Item")(l), for: "oh-item", FormControls.select(id: "oh-item", name: "itemId", options: itemOptions, selected: query["itemId"])))
          <button type="submit" id="on-hand-submit">\(Text("查询", "Show"), l)</button>
        </form>
        \(rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有库存", "No stock"), l)</p>" as HTML
            : DataTable.render(id: "on-hand", headers: [Text("仓库", "Warehouse"), Text("存货编码", "Item code"), Text("存货名称", "Item name"),
                                                        Text("单位", "Unit"), Text("现存量", "On-hand")].map { $0(l) }, rows: body))
        """
        return shell.render(page, title: Text("现存量", "On-hand"), active: "on-hand", body: html).response()
    }

    func ledger(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let query = request.queryDictionary
        let m = try await api.stock.ledgerPage(warehouseId: query["warehouseId"], from: TextRules.trimmed(query["from"]), to: TextRules.trimmed(query["to"]), viewer: principal)
        let (warehouse, from, to, rows, summary) = (m.warehouse, m.from, m.to, m.rows, m.summary)
        let whOptions = m.warehouses.map { ($0.id, "\($0.code) \($0.name)") }
        let opening: [HTML] = summary.items.map { i in
            """
            <tr class="ledger-opening" data-item="\(i.code)"><td>\(from)</td><td colspan="2">\(Text("期初结存", "Opening balance"), l)</td>
            <td>\(i.code)</td><td>\(i.name)</td><td></td><td></td><td class="num">\(i.opening.text)</td><td></td></tr>
            """
        }
        let body: [HTML] = rows.map { r in
            """
            <tr class="ledger-row"><td>\(r.date)</td><td><a href="/materials/documents/\(r.documentId)">\(r.documentNumber)</a></td><td>\(MaterialLabels.reasonText(r.reason), l)</td>
            <td>\(r.itemCode)</td><td>\(r.itemName)</td><td class="num">\(r.quantityIn?.text ?? "")</td><td class="num">\(r.quantityOut?.text ?? "")</td>
            <td class="num">\(r.balance.text)</td><td>\(r.remark)\(TicketPartsLinks.ledgerMark(ticketId: r.ticketId, number: r.ticketNumber, l))</td></tr>
            """
        }
        let totals: [HTML] = summary.items.map { i in
            """
            <tr class="ledger-total" data-item="\(i.code)"><td>\(to)</td><td colspan="2">\(Text("本期合计", "Period total"), l)</td>
            <td>\(i.code)</td><td>\(i.name)</td><td class="num">\(i.quantityIn.text)</td><td class="num">\(i.quantityOut.text)</td>
            <td class="num">\(i.closing.text)</td><td>\(Text("期末结存", "Closing balance"), l)</td></tr>
            """
        }
        let grand: HTML = """
            <tr class="ledger-total" id="ledger-grand-total"><td colspan="5">\(Text("合计（{0} 笔收发）", "Total ({0} movements)").with(String(rows.count)), l)</td>
            <td class="num">\(summary.totalIn.text)</td><td class="num">\(summary.totalOut.text)</td><td></td><td></td></tr>
            """
        let empty: HTML = rows.isEmpty ? "<tr class=\"ledger-empty\"><td colspan=\"9\">\(Text("本期没有收发", "No movements in the period"), l)</td></tr>" : .empty
        let html: HTML = """
        <div class="print-landscape" id="ledger-sheet">
        <h1 id="ledger-title">\(Text("出入库流水账", "Stock ledger"), l)\(warehouse.map { " · \($0.code) \($0.name)" } ?? "") · \(from) – \(to)</h1>
        <form method="get" action="/materials/ledger" class="toolbar no-print">
          \(FormControls.field(Text("仓库", "Warehouse")(l), for: "lg-warehouse", FormControls.select(id: "lg-warehouse", name: "warehouseId", options: whOptions, selected: warehouse?.id)))
          \(FormControls.field(Text("从", "From")(l), for: "lg-from", FormControls.input(id: "lg-from", name: "from", type: "date", value: from)))
          \(FormControls.field(Text("到", "To")(l), for: "lg-to", FormControls.input(id: "lg-to", name: "to", type: "date", value: to)))
          <button type="submit" id="ledger-submit">\(Text("查询", "Show"), l)</button>
          <button type="button" id="ledger-print" data-print>\(Text("打印", "Print"), l)</button>
        </form>
        <table id="stock-ledger"><thead><tr><th>\(Text("日期", "Date"), l)</th><th>\(Text("单据号", "Document"), l)</th><th>\(Text("类别", "Category"), l)</th>
        <th>\(Text("存货编码", "Item code"), l)</th><th>\(Text("存货名称", "Item name"), l)</th><th>\(Text("收入", "In"), l)</th><th>\(Text("发出", "Out"), l)</th>
        <th>\(Text("结存", "Balance"), l)</th><th>\(Text("备注", "Remark"), l)</th></tr></thead>
        <tbody>\(opening)\(body)\(empty)</tbody><tfoot>\(totals)\(grand)</tfoot></table>
        <div class="signatures" id="ledger-signatures">
          <span class="signature">\(Text("保管员签字：", "Storekeeper:"), l)<span class="signature-line"></span></span>
          <span class="signature">\(Text("现场总代表签字：", "Site lead:"), l)<span class="signature-line"></span></span>
          <span class="signature">\(Text("日期：", "Date:"), l)<span class="signature-line"></span></span>
        </div>
        </div>
        """
        return shell.render(page, title: Text("出入库流水账", "Stock ledger"), active: "stock-ledger", body: html).response()
    }
}
