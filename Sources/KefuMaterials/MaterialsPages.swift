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

    public static let nav: [NavItem] = [
        NavItem(id: "stock-documents", href: "/materials/documents", label: Text("出入库单", "Stock documents"), isVisible: isViewer),
        NavItem(id: "transfers", href: "/materials/transfers", label: Text("调拨单", "Transfers"), isVisible: isViewer),
        NavItem(id: "on-hand", href: "/materials/on-hand", label: Text("现存量", "On-hand"), isVisible: isViewer),
        NavItem(id: "stock-ledger", href: "/materials/ledger", label: Text("流水账", "Stock ledger"), isVisible: isViewer),
        NavItem(id: "items", href: "/materials/items", label: Text("存货档案", "Items"), isVisible: isViewer),
        NavItem(id: "warehouses", href: "/materials/warehouses", label: Text("仓库档案", "Warehouses"), isVisible: isViewer),
        NavItem(id: "suppliers", href: "/materials/suppliers", label: Text("供应商档案", "Suppliers"), isVisible: isViewer),
    ]

    public func register(on router: Router<KefuContext>) {
        documents.register(on: router)
        transfers.register(on: router)
        stock.register(on: router)
        items.register(on: router)
        master.register(on: router)
    }

    /// A toolbar button's post (删除 / 审核 / 弃审), POST-redirect-GET: done → the page saying what happened and to which
    /// number (已删除 on the list, 已审核 / 已弃审 on the document); a rule that refuses it (409/422) is thrown on to
    /// `FormFlash` (#11.2), which returns to the page the button was on with the reason — a reload never posts again.
    static func perform(_ action: String, listPath: String, itemPath: String, delete: () async throws -> Void, audit: () async throws -> String,
                        unaudit: () async throws -> String) async throws -> Response {
        switch action {
        case "delete":
            try await delete()
            return Redirect.to(listPath + "?notice=deleted")
        case "audit":
            let number = try await audit()
            return Redirect.to(itemPath + "?notice=audited&what=" + urlQueryValue(number))
        default:
            let number = try await unaudit()
            return Redirect.to(itemPath + "?notice=unaudited&what=" + urlQueryValue(number))
        }
    }

    static func csv(_ text: String, filename: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
