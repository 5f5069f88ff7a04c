import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #13.2 transfer pages: transfers in transit with their age (RPT-11), the printable month-end list of negotiated
/// cross-department transfers for the HQ planning office (TRF-05, RPT-06), and a transfer's shipping papers (TRF-10).
struct TransferReportPages: Sendable {
    let reports: TransferReports
    let shell: PageShell

    func register(on router: Router<KefuContext>) {
        router.get("/materials/reports/transfers-in-transit") { request, context in try await inTransit(request, context) }
        router.get("/materials/reports/negotiated-transfers") { request, context in try await negotiated(request, context) }
        router.get("/materials/transfers/:id/shipping-papers") { request, context in try await papers(request, context) }
        router.post("/materials/transfers/:id/shipping-papers") { request, context in try await savePapers(request, context) }
    }

    func inTransit(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = ArrivalPages.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await reports.inTransit(paging: try Paging.from(q, defaultPer: 25), viewer: principal)
        let rows: [DataTable.Row] = m.items.map { t in
            let papers = [t.shippingListRef.map { Text("发货清单 ", "Shipping list ")(l) + $0 }, t.deliveryNoteRef.map { Text("送货单 ", "Delivery note ")(l) + $0 },
                          t.packingListRef.map { Text("装箱单 ", "Packing list ")(l) + $0 }].compactMap { $0 }.filter { !$0.hasSuffix(" ") }
            return DataTable.Row(plain: [
                "<a class=\"transfer-link\" href=\"/materials/transfers/\(t.id)\">\(t.number)</a>", "\(t.date)", "\(t.fromWarehouseName)", "\(t.toWarehouseName)",
                "<span class=\"transit-age\" data-days=\"\(t.ageDays)\">\(Text("{0} 天", "{0} days").with(String(t.ageDays)), l)</span>",
                "<a class=\"papers-link\" href=\"/materials/transfers/\(t.id)/shipping-papers\">\(papers.isEmpty ? Text("登记发货单据", "Record the papers")(l) : papers.joined(separator: "；"))</a>",
                "<a class=\"receive-link\" href=\"\(ArrivalPages.path)/new?transferId=\(t.id)\">\(Text("到货验收", "Check the arrival"), l)</a>",
            ], attributes: "class=\"transit-row\" data-id=\"\(t.id)\"")
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有在途调拨", "No transfers in transit"), l)</p>"
            : DataTable.render(id: "transit-list", headers: [Text("调拨单号", "Transfer"), Text("单据日期", "Date"), Text("调出仓库", "From"), Text("调入仓库", "To"),
                                                             Text("在途天数", "Days in transit"), Text("发货单据", "Shipping papers"), Text("收货", "Receive")].map { $0(l) }, rows: rows)
        let body: HTML = """
        <h1 id="transit-title">\(Text("在途调拨（调出已审核、调入未审核，RPT-11）", "Transfers in transit (out audited, in not yet, RPT-11)"), l)</h1>
        \(table)
        \(FormControls.pager(basePath: "/materials/reports/transfers-in-transit", query: q, page: m.page, per: m.per, total: m.total, locale: l))
        """
        return shell.render(page, title: Text("在途调拨", "Transfers in transit"), active: "transfers-in-transit", body: body).response()
    }

    func negotiated(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = ArrivalPages.page(request, context)
        let l = page.locale
        let m = try await reports.negotiated(month: request.queryDictionary["month"], viewer: principal)
        let rows: [DataTable.Row] = m.transfers.map { t in
            DataTable.Row(plain: [
                "<a href=\"/materials/transfers/\(t.id)\">\(t.number)</a>", "\(t.date)", "\(t.fromWarehouseName)", "\(t.toWarehouseName)",
                "\(t.lines.map { "\($0.itemCode) \($0.itemName) × \($0.quantity.text)" }.joined(separator: "；"))", "\(t.remark)",
            ], attributes: "class=\"negotiated-row\" data-id=\"\(t.id)\"")
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(Text("本月没有协商调拨", "No negotiated transfers this month"), l)</p>"
            : DataTable.render(id: "negotiated-list", headers: [Text("调拨单号", "Transfer"), Text("日期", "Date"), Text("调出仓库", "From"), Text("调入仓库", "To"),
                                                                Text("存货与数量", "Items and quantities"), Text("备注（经理同意）", "Remark (manager's consent)")].map { $0(l) }, rows: rows)
        let body: HTML = """
        <h1 id="negotiated-title">\(Text("{0} 跨业务部协商调拨月报（TRF-05）", "Negotiated cross-department transfers, {0} (TRF-05)").with(m.month), l)</h1>
        <p class="hint">\(Text("月末打印，报送北京计划室存档。", "Printed at month end and sent to the Beijing planning office for its file."), l)</p>
        <form method="get" action="/materials/reports/negotiated-transfers" class="toolbar no-print" id="negotiated-filter">
        \(FormControls.field(Text("月份", "Month")(l), for: "negotiated-month", FormControls.input(id: "negotiated-month", name: "month", type: "month", value: m.month)))
        <button type="submit" id="negotiated-apply">\(Text("查询", "Show"), l)</button>
        <button type="button" class="secondary" data-print id="negotiated-print">\(Text("打印", "Print"), l)</button></form>
        \(table)
        <p class="print-only">\(Text("制表：{0}", "Prepared by: {0}").with(principal.displayName), l)</p>
        """
        return shell.render(page, title: Text("协商调拨月报", "Negotiated transfers"), active: "negotiated-transfers", body: body).response()
    }

    func papers(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = ArrivalPages.page(request, context)
        let l = page.locale
        let id = try context.parameters.require("id")
        let m = try await reports.shippingPapersPageModel(transferId: id, viewer: principal)
        let action = "/materials/transfers/\(id)/shipping-papers"
        let state = page.formState(action: action)
        func field(_ name: String, _ label: Text, _ current: String) -> HTML {
            let control = FormControls.input(id: "papers-" + name, name: name, value: state.values[name] ?? current, attributes: m.canEdit ? "" : "readonly")
            return FormControls.field(label(l), for: "papers-" + name, control, error: state.message(for: name, l))
        }
        let body: HTML = """
        <h1 id="papers-title">\(Text("调拨单 {0} 的发货单据（TRF-10）", "Shipping papers of transfer {0} (TRF-10)").with(m.number), l)</h1>
        <p class="meta">\(m.fromWarehouseName) → \(m.toWarehouseName)</p>
        \(state.generalMessage(fields: ["shippingListRef", "deliveryNoteRef", "packingListRef"], l, id: "form-error"))
        <form method="post" action="\(action)" id="papers-form" class="one-column">\(page.csrfField)
        \(field("shippingListRef", Text("发货清单号", "Shipping list number"), m.papers.shippingListRef))
        \(field("deliveryNoteRef", Text("送货单号（业务部之间）", "Delivery note number (between departments)"), m.papers.deliveryNoteRef))
        \(field("packingListRef", Text("装箱单号（业务部之间）", "Packing list number (between departments)"), m.papers.packingListRef))
        \(m.canEdit ? "<div class=\"actions\"><button type=\"submit\" id=\"papers-save\">\(Text("保存", "Save")(l))</button></div>" as HTML : .empty)
        </form>
        <p class="no-print"><a href="/materials/transfers/\(id)">\(Text("返回调拨单", "Back to the transfer"), l)</a></p>
        """
        return shell.render(page, title: Text("发货单据", "Shipping papers"), active: "transfers-in-transit", body: body, breadcrumbs: .underActive).response()
    }

    func savePapers(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        _ = try await reports.setShippingPapers(transferId: id, ShippingPapersInput(shippingListRef: form["shippingListRef"], deliveryNoteRef: form["deliveryNoteRef"],
                                                                                 packingListRef: form["packingListRef"]), by: principal)
        return Redirect.to("/materials/transfers/\(id)/shipping-papers?notice=arrival&what=papers")
    }
}
