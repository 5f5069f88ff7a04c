import Foundation
import Hummingbird
import KefuPlatform

/// FRD-04 `/front-desk/gift-stock/ledger?unit=&gift=`: one gift's receipts and hand-outs at one desk with the balance
/// after each, newest first, printable; a hand-out links to its register entry.
extension FrontDeskPages {
    func giftLedger(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await desk.giftLedger(unitId: q["unit"], gift: q["gift"], paging: try Paging.from(q), viewer: principal)
        let rows: [DataTable.Row] = m.moves.items.map { mv in
            let kind = mv.quantity > 0 ? Text("入库", "Received") : Text("发放", "Handed out")
            let record: HTML = mv.recordId.map { id in "<a href=\"\(Self.path)/records/\(id)\">\(mv.recordNumber ?? id)</a>" } ?? "—"
            return DataTable.Row(plain: ["\(Times.display(mv.movedMillis))", "\(kind(l))", "\(mv.quantity > 0 ? "+" : "")\(String(mv.quantity))",
                                         "\(String(mv.balanceAfter))", record, "\(mv.note ?? "")", "\(mv.movedBy)"],
                                 attributes: "class=\"fd-gift-move\" data-quantity=\"\(String(mv.quantity))\" data-balance=\"\(String(mv.balanceAfter))\"")
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("还没有收发记录", "No receipts or hand-outs yet"), l)</p>"
            : DataTable.render(id: "fd-gift-ledger", headers: [Text("时间", "Time"), Text("类别", "Kind"), Text("数量", "Quantity"), Text("结存", "Balance"),
                                                               Text("登记编号", "Record"), Text("说明", "Note"), Text("经办人", "By")].map { $0(l) }, rows: rows)
        let title = Text("赠品台账：", "Gift ledger: ").joined([Text(m.gift, m.gift)])
        let body: HTML = """
        <h1 id="fd-gift-ledger-title">\(title, l)</h1>
        <p class="meta">\(m.unitName) · \(Text("当前结存", "Balance now"), l) <strong id="fd-gift-ledger-balance">\(String(m.balance))</strong></p>
        \(table)
        \(FormControls.pager(basePath: "\(Self.path)/gift-stock/ledger", query: ["unit": m.orgUnitId, "gift": m.gift], page: m.moves.page, per: m.moves.per,
                             total: m.moves.total, locale: l))
        <p class="no-print"><button type="button" id="fd-gift-ledger-print" data-print>\(Text("打印", "Print"), l)</button> ·
        <a href="\(Self.path)/gift-stock">\(Text("返回赠品库存", "Back to gift stock"), l)</a></p>
        """
        return shell.render(page, title: title, active: "front-desk", body: body, breadcrumbs: .underActive).response()
    }
}
