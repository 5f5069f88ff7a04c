import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #13.6 as a page: parts consumed per customer, turbine and fault type over a period (default: this month so far),
/// a page of rows at a time; the same rows as CSV or XLSX.
struct TicketPartsReportPages: Sendable {
    let parts: TicketPartsService
    let shell: PageShell

    static let path = "/materials/reports/ticket-parts"

    func register(on router: Router<KefuContext>) {
        router.get("/materials/reports/ticket-parts") { request, context in try await report(request, context) }
        for format in TableExport.Format.allCases {
            router.get("/materials/reports/ticket-parts.\(format.rawValue)") { request, context in
                let principal = try context.requirePrincipal()
                let m = try await parts.report(request.queryDictionary, paging: Paging(page: 1, per: TicketPartsService.exportLimit), viewer: principal)
                return TableExport.response(m.exportTable(context.page(request).locale, fault: parts.faultLabel), as: format, filename: "ticket-parts")
            }
        }
    }

    func report(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await parts.report(q, paging: try Paging.from(q, defaultPer: 50), viewer: principal)
        let rows: [DataTable.Row] = m.rows.items.map { r in
            DataTable.Row(plain: ["\(r.customer.isEmpty ? "—" : r.customer)", "\(r.turbineNumber.isEmpty ? "—" : r.turbineNumber)", "\(parts.faultLabel(r.faultType), l)",
                                  "\(r.itemCode) \(r.itemName)", "\(r.quantity.text) \(r.unit)", "\(r.audited.text)", "\(r.tickets)"],
                          attributes: "class=\"ticket-parts-report-row\" data-item=\"\(r.itemCode)\"")
        }
        let query = "from=\(urlQueryValue(m.from))&to=\(urlQueryValue(m.to))"
        let body: HTML = """
        <h1 id="ticket-parts-report-title">\(Text("工单备件消耗报表", "Parts used on tickets"), l)</h1>
        <p class="hint">\(Text("为工单领用的备件，按客户、风机号和故障类型（工单类型）汇总；“其中已审核”为业务部账务员已审核入账的数量。",
                               "Parts issued for tickets, by customer, turbine and fault type (the ticket's type); “of which audited” is what the department accountant has booked."), l)</p>
        <form method="get" action="\(Self.path)" class="toolbar filters" id="ticket-parts-report-filter">
        \(FormControls.field(Text("起始日期", "From")(l), for: "tpr-from", FormControls.input(id: "tpr-from", name: "from", type: "date", value: m.from)))
        \(FormControls.field(Text("截止日期", "To")(l), for: "tpr-to", FormControls.input(id: "tpr-to", name: "to", type: "date", value: m.to)))
        <button type="submit" id="ticket-parts-report-apply">\(Text("查看", "Show"), l)</button>
        <a class="button no-print" id="ticket-parts-report-csv" href="\(Self.path).csv?\(query)">\(Text("导出 CSV", "Export CSV"), l)</a>
        <a class="button no-print" id="ticket-parts-report-xlsx" href="\(Self.path).xlsx?\(query)">\(Text("导出 Excel", "Export Excel"), l)</a></form>
        \(rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("所选期间没有为工单领用的备件", "No parts issued for tickets in this period")(l))</p>" as HTML
            : DataTable.render(id: "ticket-parts-report", headers: [Text("客户", "Customer"), Text("风机号", "Turbine"), Text("故障类型", "Fault type"), Text("存货", "Item"),
                                                                  Text("领用数量", "Issued"), Text("其中已审核", "Of which audited"), Text("工单数", "Tickets")].map { $0(l) }, rows: rows))
        \(FormControls.pager(basePath: Self.path, query: q, page: m.rows.page, per: m.rows.per, total: m.rows.total, locale: l))
        """
        return shell.render(page, title: Text("工单备件消耗报表", "Parts used on tickets"), active: "ticket-parts-report", body: body).response()
    }
}
