import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// The material books' pages: documents (U8-like list and form), transfers, on-hand, the stock ledger, items.
public struct MaterialsPages: Sendable {
    let documents: DocumentPages
    let transfers: TransferPages
    let stock: StockPages
    let items: ItemPages
    let master: MasterDataPages

    public init(api: MaterialsAPI, shell: PageShell) {
        documents = DocumentPages(api: api, shell: shell)
        transfers = TransferPages(api: api, shell: shell)
        stock = StockPages(api: api, shell: shell)
        items = ItemPages(api: api, shell: shell)
        master = MasterDataPages(api: api, shell: shell)
    }

    static func isViewer(_ p: Principal) -> Bool { !p.roles.isDisjoint(with: MaterialPermissions.viewers) }

    /// DOC-08: who may add receipts and issues somewhere (the form checks the warehouse); TRF-04: transfers.
    static func makesDocuments(_ p: Principal) -> Bool { !p.roles.isDisjoint(with: [.admin, .mgmtMaterials, .deptAccountant, .siteKeeper]) }
    static func makesTransfers(_ p: Principal) -> Bool { !p.roles.isDisjoint(with: MaterialPermissions.headquarters.union([.admin, .deptAccountant])) }

    /// #11.5, DOC-01: 物资 › 供应链 › 库存管理 › 入库业务 / 出库业务 / 调拨业务, with each document and its list.
    public static let nav: [NavItem] = {
        let receipts = Text("入库业务", "Receipts"), issues = Text("出库业务", "Issues"), transfers = Text("调拨业务", "Transfers")
        let books = Text("库存账表", "Stock books"), master = Text("基础档案", "Master data")
        return [
            NavItem(id: "new-receipt-doc", href: "/materials/documents/new?direction=in", label: Text("其他入库单", "Other receipt"), area: .materials, group: receipts, isVisible: makesDocuments),
            NavItem(id: "receipts", href: "/materials/documents?direction=in", label: Text("入库单列表", "Receipt list"), area: .materials, group: receipts, isVisible: isViewer),
            NavItem(id: "new-issue-doc", href: "/materials/documents/new?direction=out", label: Text("其他出库单", "Other issue"), area: .materials, group: issues, isVisible: makesDocuments),
            NavItem(id: "issues", href: "/materials/documents?direction=out", label: Text("出库单列表", "Issue list"), area: .materials, group: issues, isVisible: isViewer),
            NavItem(id: "new-transfer", href: "/materials/transfers/new", label: Text("调拨单", "Transfer order"), area: .materials, group: transfers, isVisible: makesTransfers),
            NavItem(id: "transfers", href: "/materials/transfers", label: Text("调拨单列表", "Transfer list"), area: .materials, group: transfers, isVisible: isViewer),
            NavItem(id: "stock-documents", href: "/materials/documents", label: Text("出入库单", "Stock documents"), area: .materials, group: books, isVisible: isViewer),
            NavItem(id: "on-hand", href: "/materials/on-hand", label: Text("现存量", "On-hand"), area: .materials, group: books, isVisible: isViewer),
            NavItem(id: "stock-ledger", href: "/materials/ledger", label: Text("流水账", "Stock ledger"), area: .materials, group: books, isVisible: isViewer),
            NavItem(id: "items", href: "/materials/items", label: Text("存货档案", "Items"), area: .materials, group: master, isVisible: isViewer),
            NavItem(id: "warehouses", href: "/materials/warehouses", label: Text("仓库档案", "Warehouses"), area: .materials, group: master, isVisible: isViewer),
            NavItem(id: "suppliers", href: "/materials/suppliers", label: Text("供应商档案", "Suppliers"), area: .materials, group: master, isVisible: isViewer),
        ]
    }()

    public func register(on router: Router<KefuContext>) {
        documents.register(on: router)
        transfers.register(on: router)
        stock.register(on: router)
        items.register(on: router)
        master.register(on: router)
    }

    /// An error flash above a page.
    /// A U8-style toolbar button: a form posting to `action`, disabled when not allowed.
    static func actionButton(id: String, label: Text, action: String, enabled: Bool, page: PageContext, confirm: Text? = nil) -> HTML {
        let l = page.locale
        let disabled = enabled ? "" : " disabled"
        // #10.11: no inline script (CSP); app.js asks `data-confirm` before the form is sent.
        let onsubmit = confirm.map { " data-confirm=\"\(HTML.escape($0(l)))\"" } ?? ""
        return "<form method=\"post\" action=\"\(action)\" class=\"inline\"\(HTML(raw: onsubmit))>\(page.csrfField)<button type=\"submit\" id=\"\(id)\"\(HTML(raw: disabled))>\(label, l)</button></form>"
    }

    static func link(id: String, label: Text, href: String, enabled: Bool, _ l: AppLocale) -> HTML {
        enabled ? "<a class=\"button\" id=\"\(id)\" href=\"\(href)\">\(label, l)</a>"
            : "<button type=\"button\" id=\"\(id)\" disabled>\(label, l)</button>"
    }

    /// A toolbar button's post (删除 / 审核 / 弃审): runs it and redirects; a rule that refuses it (409/422) shows on the
    /// page again with its message.
    static func perform(_ action: String, listPath: String, itemPath: String, delete: () async throws -> Void, audit: () async throws -> Void,
                        unaudit: () async throws -> Void, refused: (AppError) async throws -> Response) async throws -> Response {
        do {
            switch action {
            case "delete":
                try await delete()
                return Redirect.to(listPath)
            case "audit": try await audit()
            default: try await unaudit()
            }
            return Redirect.to(itemPath + "?notice=saved")
        } catch let e as AppError where e.status == .conflict || e.status == .unprocessableContent {
            return try await refused(e)
        }
    }

    static func csv(_ text: String, filename: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Lines posted by the line editor: `item_N`, `qty_N`, `lremark_N` for N = 0…; empty rows are skipped.
    static func lines(_ form: FormData) throws -> [LineInput] {
        var out: [LineInput] = []
        for n in 0..<LineEditor.maxRows {
            let item = TextRules.trimmed(form["item_\(n)"]), qty = TextRules.trimmed(form["qty_\(n)"])
            if item == nil, qty == nil { continue }
            guard let qtyText = qty, let q = Quantity.parse(qtyText) else {
                throw AppError.validation("lines", Text("第 {0} 行的数量无效（最多三位小数）", "Line {0}: invalid quantity (at most three decimals)").with(String(n + 1)))
            }
            out.append(LineInput(itemId: item, quantity: q, remark: form["lremark_\(n)"]))
        }
        return out
    }
}

/// Rows of item + quantity + remark inputs (a U8 document body).
enum LineEditor {
    static let maxRows = 50

    static func render(items: [ItemView], lines: [DocumentLineView], editable: Bool, rows: Int, _ l: AppLocale) -> HTML {
        let options = [("", "—")] + items.map { ($0.id, "\($0.code) \($0.name) \($0.spec)") }
        let count = editable ? max(rows, lines.count + 3) : lines.count
        let body: [HTML] = (0..<min(count, maxRows)).map { n in
            let line = n < lines.count ? lines[n] : nil
            if !editable, let line {
                return "<tr class=\"line-row\"><td>\(n + 1)</td><td>\(line.itemCode)</td><td>\(line.itemName)</td><td>\(line.unit)</td><td class=\"num\">\(line.quantity.text)</td><td>\(line.remark)</td></tr>"
            }
            return """
            <tr class="line-row"><td>\(n + 1)</td>
            <td colspan="3">\(FormControls.select(id: "item_\(n)", name: "item_\(n)", options: options, selected: line?.itemId))</td>
            <td>\(FormControls.input(id: "qty_\(n)", name: "qty_\(n)", value: line?.quantity.text, attributes: "inputmode=\"decimal\" size=\"10\""))</td>
            <td>\(FormControls.input(id: "lremark_\(n)", name: "lremark_\(n)", value: line?.remark))</td></tr>
            """
        }
        return """
        <table id="document-lines"><thead><tr><th>#</th><th>\(Text("存货编码", "Item code"), l)</th><th>\(Text("存货名称", "Item name"), l)</th>
        <th>\(Text("单位", "Unit"), l)</th><th>\(Text("数量", "Quantity"), l)</th><th>\(Text("备注", "Remark"), l)</th></tr></thead><tbody>\(body)</tbody></table>
        """
    }
}
