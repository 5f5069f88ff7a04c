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
    let storage: StoragePages
    let registers: RegisterPages
    let onHandReport: OnHandReportPages
    let siteLedgers: SiteLedgerPages
    let stocktakes: StocktakePages
    let reconciliations: ReconciliationPages
    let refusals: IssueRefusalPages
    let itemRequests: ItemRequestPages
    let abc: ABCPages
    /// #13.4 FRT-01..06, RPT-12.
    let freight: FreightPages
    let toolLoans: ToolLoanPages
    let damagedParts: DamagedPartPages
    let damagedReturns: DamagedReturnPages
    let damagedStatus: DamagedStatusPage
    /// #13.3 DMG-06/07, ESC-05.
    let commercialRepairs: CommercialRepairPages
    /// #13.2 ARR, RPT-11, TRF-05/RPT-06, TRF-10.
    let arrivals: ArrivalPages
    let transferReports: TransferReportPages
    /// #13.1 内部联络单.
    let materialRequests: MaterialRequestPages
    /// #13.6: the ticket page's parts form.
    let ticketParts: TicketPartsPages
    let ticketPartsReport: TicketPartsReportPages
    /// #13.1 item 2, REQ-10.
    let demandPlans: DemandPlanPages
    /// #15.5 KPI-06.
    let lossResponsibilities: LossResponsibilityPages

    public init(api: MaterialsAPI, shell: PageShell) {
        documents = DocumentPages(api: api, shell: shell)
        transfers = TransferPages(api: api, shell: shell)
        stock = StockPages(api: api, shell: shell)
        items = ItemPages(api: api, shell: shell)
        master = MasterDataPages(api: api, shell: shell)
        storage = StoragePages(api: api, shell: shell)
        registers = RegisterPages(api: api, shell: shell)
        onHandReport = OnHandReportPages(api: api, shell: shell)
        siteLedgers = SiteLedgerPages(ledgers: api.siteLedgers, shell: shell)
        stocktakes = StocktakePages(api: api, shell: shell)
        reconciliations = ReconciliationPages(reconciliations: api.reconciliations, shell: shell)
        refusals = IssueRefusalPages(refusals: api.refusals, shell: shell)
        itemRequests = ItemRequestPages(requests: api.itemRequests, shell: shell)
        abc = ABCPages(api: api, shell: shell)
        freight = FreightPages(freight: api.freight, shell: shell)
        toolLoans = ToolLoanPages(loans: api.toolLoans, shell: shell)
        damagedParts = DamagedPartPages(damaged: api.damaged, shell: shell)
        damagedReturns = DamagedReturnPages(damaged: api.damaged, shell: shell)
        damagedStatus = DamagedStatusPage(damaged: api.damaged, shell: shell)
        commercialRepairs = CommercialRepairPages(repairs: api.commercialRepairs, shell: shell)
        arrivals = ArrivalPages(arrivals: api.arrivals, shell: shell)
        transferReports = TransferReportPages(reports: api.transferReports, shell: shell)
        materialRequests = MaterialRequestPages(requests: api.materialRequests, shell: shell)
        ticketParts = TicketPartsPages(parts: api.ticketParts)
        ticketPartsReport = TicketPartsReportPages(parts: api.ticketParts, shell: shell)
        demandPlans = DemandPlanPages(plans: api.demandPlans, shell: shell)
        lossResponsibilities = LossResponsibilityPages(losses: api.lossResponsibilities, shell: shell)
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
            // #12.4 storage (STO-03..05).
            NavItem(id: "on-hand-report", href: "/materials/reports/on-hand", label: Text("现存量报表", "On-hand report"), area: .materials, group: books, isVisible: isViewer),
            NavItem(id: "bins", href: "/materials/bins", label: Text("库位表", "Bin locations"), area: .materials, group: books, isVisible: isViewer),
            NavItem(id: "batches", href: "/materials/batches", label: Text("批次与效期", "Batches and expiry"), area: .materials, group: books, isVisible: isViewer),
            NavItem(id: "near-expiry", href: "/materials/batches?near=1", label: Text("临期批次", "Near expiry"), area: .materials, group: books, isVisible: isViewer),
        ] + StorageRegisterKind.allCases.map {
            NavItem(id: "register-" + $0.rawValue, href: "/materials/registers/" + $0.rawValue, label: RegisterPages.title($0), area: .materials,
                    group: Text("仓库管理", "Warehouse care"), isVisible: isViewer)
        } + [
            // #12.3 LED-01..07: the sites' daily ledgers and the department's chase list.
            NavItem(id: "site-ledgers", href: "/materials/site-ledgers", label: Text("现场流水账", "Site daily ledgers"), area: .materials, group: books, isVisible: isViewer),
            NavItem(id: "items", href: "/materials/items", label: Text("存货档案", "Items"), area: .materials, group: master, isVisible: isViewer),
            NavItem(id: "warehouses", href: "/materials/warehouses", label: Text("仓库档案", "Warehouses"), area: .materials, group: master, isVisible: isViewer),
            NavItem(id: "suppliers", href: "/materials/suppliers", label: Text("供应商档案", "Suppliers"), area: .materials, group: master, isVisible: isViewer),
            // #12.1 盘点业务 (STK): the list of stocktakes; a new one from the list.
            NavItem(id: "stocktakes", href: "/materials/stocktakes", label: Text("盘点单", "Stocktakes"), area: .materials, group: Text("盘点业务", "Stocktaking"), isVisible: isViewer),
            // #12.2 STK-08, RPT-07: the 15th-of-month reconciliation.
            NavItem(id: "reconciliations", href: "/materials/reconciliations", label: Text("月度对账", "Reconciliation"), area: .materials, group: Text("盘点业务", "Stocktaking"), isVisible: isViewer),
            // #12.5 ISS-05: refusals at the counter.
            NavItem(id: "issue-refusals", href: "/materials/issue-refusals", label: Text("拒绝发放登记", "Refusals at the counter"), area: .materials, group: issues, isVisible: isViewer),
            // #12.5 MAT-05: requests for a new item code (the site asks, its department forwards, HQ decides).
            NavItem(id: "item-requests", href: "/materials/item-requests", label: Text("新增存货编码申请", "Item-code requests"), area: .materials, group: master, isVisible: isViewer),
            // #12 STO-02: ABC classes proposed from the issues, applied by HQ.
            NavItem(id: "abc-classes", href: "/materials/reports/abc", label: Text("ABC 分类", "ABC classes"), area: .materials, group: books, isVisible: isViewer),
            // D5: who approves each department's stocktakes; MAT-02: units lacking a good or a damaged warehouse.
            NavItem(id: "stocktake-approvers", href: "/materials/stocktake-approvers", label: Text("盘点审批人", "Stocktake approvers"), area: .materials, group: Text("盘点业务", "Stocktaking"), isVisible: isViewer),
            NavItem(id: "warehouse-check", href: "/materials/warehouse-check", label: Text("仓库配置检查", "Warehouse check"), area: .materials, group: master, isVisible: { WarehousePairing.mayRead($0.roles) }),
            // #13.4 FRT-01..06, RPT-12: freight records, HQ's reference prices, the exceptions report.
            NavItem(id: "freight", href: "/materials/freight", label: Text("运费记录", "Freight records"), area: .materials, group: Text("运费管理", "Freight"), isVisible: isViewer),
            NavItem(id: "freight-prices", href: "/materials/freight-prices", label: Text("运费参考价格", "Reference freight prices"), area: .materials, group: Text("运费管理", "Freight"), isVisible: isViewer),
            NavItem(id: "freight-report", href: "/materials/reports/freight-exceptions", label: Text("运费异常报表", "Freight exceptions"), area: .materials, group: Text("运费管理", "Freight"), isVisible: isViewer),
            // #13.5 LND-01/02: the sites' tool loans (the register; the site lends from it).
            NavItem(id: "tool-loans", href: "/materials/tool-loans", label: Text("工具借用登记", "Tool loans"), area: .materials, group: Text("现场业务", "Site work"), isVisible: isViewer),
            // #13.3 DMG-01..05, RPT-08: the damaged-parts register, its return batches and the sites' return status.
            NavItem(id: "damaged-parts", href: "/materials/damaged-parts", label: Text("返修损坏备件清单", "Damaged parts"), area: .materials, group: Text("损坏件返回", "Damaged returns"), isVisible: isViewer),
            NavItem(id: "damaged-returns", href: "/materials/damaged-returns", label: Text("损坏件返回批次", "Return batches"), area: .materials, group: Text("损坏件返回", "Damaged returns"), isVisible: isViewer),
            NavItem(id: "damaged-return-status", href: "/materials/damaged-parts/return-status", label: Text("损坏件返回提醒", "Return status"), area: .materials, group: Text("损坏件返回", "Damaged returns"), isVisible: isViewer),
            // #13.3 DMG-06/07, ESC-05: class II commercial repairs and warranty repairs by the maker.
            NavItem(id: "commercial-repairs", href: "/materials/commercial-repairs", label: Text("商修申请", "Commercial repairs"), area: .materials, group: Text("损坏件返回", "Damaged returns"), isVisible: isViewer),
            // #13.2 ARR-01..07: arrival checks and the receiving log; RPT-11 transfers in transit; TRF-05/RPT-06 the month's negotiated transfers.
            NavItem(id: "arrivals", href: "/materials/arrivals", label: Text("到货验收", "Arrival checks"), area: .materials, group: receipts, isVisible: isViewer),
            NavItem(id: "transfers-in-transit", href: "/materials/reports/transfers-in-transit", label: Text("在途调拨", "Transfers in transit"), area: .materials, group: transfers, isVisible: isViewer),
            NavItem(id: "negotiated-transfers", href: "/materials/reports/negotiated-transfers", label: Text("协商调拨月报", "Negotiated transfers"), area: .materials, group: transfers, isVisible: isViewer),
            // #13.1 REQ-01..09: 内部联络单 (the site writes, the department signs, production ships), and the weekly open-requests report.
            NavItem(id: "material-requests", href: "/materials/requests", label: Text("内部联络单", "Material requests"), area: .materials, group: Text("物资申请", "Requests"), isVisible: isViewer),
            NavItem(id: "open-requests", href: "/materials/reports/open-requests", label: Text("未结联络单周报", "Open requests (weekly)"), area: .materials, group: Text("物资申请", "Requests"), isVisible: isViewer),
            // #13.6: parts consumed on tickets per customer, turbine and fault type.
            NavItem(id: "ticket-parts-report", href: "/materials/reports/ticket-parts", label: Text("工单备件消耗", "Parts used on tickets"), area: .materials, group: issues, isVisible: isViewer),
            // #13.1 item 2, REQ-10: HQ's annual demand plans, read by the departments, production and procurement.
            NavItem(id: "demand-plans", href: "/materials/demand-plans", label: Text("年度物资需求计划", "Annual demand plans"), area: .materials, group: Text("物资申请", "Requests"),
                    isVisible: { !$0.roles.isDisjoint(with: DemandPlanRules.departmentReaders.union(DemandPlanRules.receivers)) }),
            // #15.5 KPI-06: material-loss responsibility records (the department records and proposes, HQ decides).
            NavItem(id: "loss-responsibilities", href: "/materials/loss-responsibilities", label: Text("材料损失责任单", "Loss responsibility"), area: .materials,
                    group: Text("盘点业务", "Stocktaking"), isVisible: { LossResponsibilityRules.readsRecords($0.roles) }),
        ]
    }()

    public func register(on router: Router<KefuContext>) {
        materialRequests.register(on: router)
        demandPlans.register(on: router)
        documents.register(on: router)
        transfers.register(on: router)
        stock.register(on: router)
        items.register(on: router)
        master.register(on: router)
        storage.register(on: router)
        registers.register(on: router)
        onHandReport.register(on: router)
        siteLedgers.register(on: router)
        stocktakes.register(on: router)
        reconciliations.register(on: router)
        refusals.register(on: router)
        itemRequests.register(on: router)
        abc.register(on: router)
        freight.register(on: router)
        toolLoans.register(on: router)
        damagedStatus.register(on: router)
        damagedParts.register(on: router)
        damagedReturns.register(on: router)
        commercialRepairs.register(on: router)
        arrivals.register(on: router)
        transferReports.register(on: router)
        ticketParts.register(on: router)
        ticketPartsReport.register(on: router)
        lossResponsibilities.register(on: router)
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
