import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 服务台 (#14.4, FRD-01..07) as pages: the desk's home with its registers and the links to returns and complaints
/// at the desk (FRD-01, channel `walk_in`); each register's list (search by number, name, phone or reference and
/// days; paginated; export to XLSX/CSV; print), its form (the register's own fields; kept on refusal), an entry with
/// its next step, and the gift stock. Phone and tablet: stacked tables and one-column forms.
public struct FrontDeskPages: Sendable {
    let desk: FrontDeskService
    let shell: PageShell

    public init(desk: FrontDeskService, shell: PageShell) {
        self.desk = desk
        self.shell = shell
    }

    public static let path = "/front-desk"

    /// The menu entry a register's pages sit under.
    static func navId(_ r: FrontDeskRegister) -> String {
        r == .lostProperty ? "front-desk-lost" : r == .bagStorage ? "front-desk-bags" : "front-desk"
    }

    static func isWorker(_ p: Principal) -> Bool { !p.roles.isDisjoint(with: FrontDeskRules.workers) }

    public static let nav: [NavItem] = [
        NavItem(id: "front-desk", href: path, label: Text("服务台登记", "Front desk registers"), area: .desk, isVisible: { isWorker($0) }),
        NavItem(id: "front-desk-lost", href: path + "/lost-property", label: Text("失物招领", "Lost property"), area: .desk, isVisible: { isWorker($0) }),
        NavItem(id: "front-desk-bags", href: path + "/bag-storage", label: Text("寄存", "Bag storage"), area: .desk, isVisible: { isWorker($0) }),
    ]

    public func register(on router: Router<KefuContext>) {
        router.get("/front-desk") { request, context in try home(request, context) }
        router.get("/front-desk/gift-stock") { request, context in try await giftStock(request, context) }
        router.post("/front-desk/gift-stock") { request, context in try await receiveGifts(request, context) }
        router.get("/front-desk/gift-stock/ledger") { request, context in try await giftLedger(request, context) }
        router.get("/front-desk/records/:id") { request, context in try await detail(request, context) }
        for step in FrontDeskStep.allCases {
            router.post("/front-desk/records/:id/\(step.rawValue)") { request, context in try await act(request, context, step) }
        }
        router.get("/front-desk/:register") { request, context in try await list(request, context) }
        router.get("/front-desk/:register/export") { request, context in try await export(request, context) }
        router.get("/front-desk/:register/new") { request, context in try form(request, context) }
        router.post("/front-desk/:register") { request, context in try await create(request, context) }
    }

    static func register(_ context: KefuContext) throws -> FrontDeskRegister {
        guard let r = FrontDeskRegister(slug: try context.parameters.require("register")) else { throw AppError.notFound(Text("登记簿", "Register")) }
        return r
    }

    static func requireWorker(_ p: Principal) throws {
        guard isWorker(p) else { throw AppError.forbidden(Text("您不能使用服务台登记", "You cannot use the front desk registers")) }
    }

    /// The notice after a step (`?notice=front_desk&what=<action>`).
    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = context.page(request)
        let q = request.uri.queryParameters
        guard q.get("notice") == "front_desk", let what = q.get("what").map({ String($0) }) else { return base }
        let label = FrontDeskStep(rawValue: what).map(FrontDeskLabels.step) ?? Text("登记", "Recorded")
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken,
                           notice: Text("已办理：", "Done: ")(base.locale) + label(base.locale), formFlash: base.formFlash, path: base.path)
    }

    func home(_ request: Request, _ context: KefuContext) throws -> Response {
        let principal = try context.requirePrincipal()
        try Self.requireWorker(principal)
        let page = Self.page(request, context)
        let l = page.locale
        let cards: [HTML] = FrontDeskRegister.allCases.map { r in
            """
            <li class="card fd-register" id="fd-register-\(r.slug)"><h2><a href="\(Self.path)/\(r.slug)">\(FrontDeskLabels.register(r), l)</a></h2>
            <p class="hint">\(FrontDeskLabels.registerHint(r), l)</p>
            <p><a class="button" id="fd-new-\(r.slug)" href="\(Self.path)/\(r.slug)/new">\(Text("登记", "Record"), l)</a></p></li>
            """
        }
        let body: HTML = """
        <h1 id="front-desk-title">\(Text("服务台登记", "Front desk registers"), l)</h1>
        <section class="card" id="fd-desk-links"><h2>\(Text("退换货与投诉（FRD-01）", "Returns, exchanges and complaints (FRD-01)"), l)</h2>
        <p class="hint">\(Text("在服务台受理的退换货走售后退换货流程，投诉走工单流程，渠道为“来访”。", "Returns and exchanges taken at the desk go through after-sales returns, complaints through tickets, with the channel walk-in."), l)</p>
        <p class="actions"><a class="button" id="fd-new-return" href="/returns/new">\(Text("登记退换货", "Record a return or exchange"), l)</a>
        <a class="button" id="fd-new-complaint" href="/tickets/new?channel=walk_in">\(Text("登记投诉（来访工单）", "Record a complaint (walk-in ticket)"), l)</a></p></section>
        <p><a id="fd-gift-stock-link" href="\(Self.path)/gift-stock">\(Text("赠品库存", "Gift stock"), l)</a></p>
        <ul class="fd-registers plain-list" id="fd-registers">\(cards)</ul>
        """
        return shell.render(page, title: Text("服务台登记", "Front desk registers"), active: "front-desk", body: body).response()
    }

    static func statusBadge(_ s: FrontDeskStatus, _ l: AppLocale) -> HTML {
        "<span class=\"badge fd-status\" data-status=\"\(s.rawValue)\">\(FrontDeskLabels.status(s), l)</span>"
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let r = try Self.register(context)
        let page = Self.page(request, context)
        let l = page.locale
        var q = request.queryDictionary
        q["register"] = r.rawValue
        let m = try await desk.list(q, paging: try Paging.from(q, defaultPer: 20), viewer: principal)
        let columns = FrontDeskListColumns(register: r, locale: l)
        let rows: [DataTable.Row] = m.items.map { rec in
            DataTable.Row(plain: [
                "<a class=\"fd-link\" href=\"\(Self.path)/records/\(rec.id)\">\(rec.number)</a>", "\(rec.summary)", "\(rec.personName)", "\(rec.personPhone)",
                "\(rec.ref ?? "—")", "\(rec.recordedOn)",
                "\(Self.statusBadge(rec.status, l))\(rec.overdue ? " <span class=\"badge late fd-overdue\">\(Text("逾期未取", "Overdue")(l))</span>" as HTML : .empty)",
            ], attributes: "class=\"fd-row\" data-id=\"\(rec.id)\" data-number=\"\(rec.number)\" data-status=\"\(rec.status.rawValue)\"")
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有登记", "Nothing recorded"), l)</p>"
            : DataTable.render(id: "fd-list", headers: columns.headers, rows: rows)
        let statuses = [("", Text("全部状态", "All states")(l))] + FrontDeskStatus.allCases.filter { s in
            s == r.initialStatus || r.steps.contains { FrontDeskRules.next(r, r.initialStatus, $0) == s }
        }.map { ($0.rawValue, FrontDeskLabels.status($0)(l)) }
        let filterQuery = q.filter { ["q", "from", "to", "status", "overdue"].contains($0.key) && !$0.value.isEmpty }
        let exportQuery = filterQuery.sorted { $0.key < $1.key }.map { "&\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+"))) ?? "")" }.joined()
        let title = FrontDeskLabels.register(r)
        let body: HTML = """
        <div class="actions list-head"><h1 id="fd-list-title">\(title, l)</h1>
        <a class="button" id="fd-new" href="\(Self.path)/\(r.slug)/new">\(Text("登记", "Record"), l)</a></div>
        <p class="hint">\(FrontDeskLabels.registerHint(r), l)</p>
        <form method="get" action="\(Self.path)/\(r.slug)" class="toolbar filters no-print" id="fd-filter">
        \(FormControls.field(Text("编号、姓名、电话或凭证号", "Number, name, phone or reference")(l), for: "fd-filter-q", FormControls.input(id: "fd-filter-q", name: "q", value: q["q"])))
        \(FormControls.field(Text("登记日期自", "Recorded from")(l), for: "fd-filter-from", FormControls.input(id: "fd-filter-from", name: "from", type: "date", value: q["from"])))
        \(FormControls.field(Text("至", "to")(l), for: "fd-filter-to", FormControls.input(id: "fd-filter-to", name: "to", type: "date", value: q["to"])))
        \(FormControls.field(Text("状态", "State")(l), for: "fd-filter-status", FormControls.select(id: "fd-filter-status", name: "status", options: statuses, selected: q["status"] ?? "")))
        \(r == .bagStorage ? FormControls.field(Text("逾期", "Overdue")(l), for: "fd-filter-overdue", FormControls.select(id: "fd-filter-overdue", name: "overdue",
            options: [("", Text("全部", "All")(l)), ("1", Text("仅逾期未取", "Overdue only")(l))], selected: q["overdue"] ?? "")) : .empty)
        <button type="submit" id="fd-filter-apply">\(Text("查询", "Search"), l)</button></form>
        <p class="actions no-print"><a id="fd-export-xlsx" href="\(Self.path)/\(r.slug)/export?format=xlsx\(exportQuery)">\(Text("导出 Excel", "Export Excel"), l)</a>
        <a id="fd-export-csv" href="\(Self.path)/\(r.slug)/export?format=csv\(exportQuery)">\(Text("导出 CSV", "Export CSV"), l)</a>
        <button type="button" id="fd-print" data-print>\(Text("打印", "Print"), l)</button>
        \(r == .giftHandout ? "<a id=\"fd-gift-stock\" href=\"\(Self.path)/gift-stock\">\(Text("赠品库存", "Gift stock")(l))</a>" as HTML : .empty)</p>
        \(table)
        \(FormControls.pager(basePath: "\(Self.path)/\(r.slug)", query: filterQuery, page: m.page, per: m.per, total: m.total, locale: l))
        """
        return shell.render(page, title: title, active: Self.navId(r),
                            body: body, breadcrumbs: .underActive).response()
    }

    /// The list as a file: every entry matching the filters (up to `exportLimit`), with the register's own fields.
    func export(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let r = try Self.register(context)
        let l = context.page(request).locale
        var q = request.queryDictionary
        q["register"] = r.rawValue
        guard let format = TableExport.Format(q["format"] ?? "xlsx") else {
            throw AppError.validation("format", Text("格式的取值必须是：xlsx, csv", "Format must be one of: xlsx, csv"))
        }
        let m = try await desk.list(q, paging: Paging(page: 1, per: FrontDeskListColumns.exportLimit), viewer: principal)
        let table = FrontDeskListColumns(register: r, locale: l).exportTable(m.items)
        return TableExport.response(table, as: format, filename: FrontDeskLabels.register(r)(l))
    }
}

/// The columns every register lists and exports, then the register's own fields and the closing step's facts.
struct FrontDeskListColumns {
    static let exportLimit = 10_000
    let register: FrontDeskRegister
    let locale: AppLocale

    var headers: [String] {
        [Text("编号", "Number"), FrontDeskLabels.summary(register), FrontDeskLabels.person(register), Text("电话", "Phone"), Text("凭证号", "Reference"),
         Text("登记日期", "Recorded on"), Text("状态", "State")].map { $0(locale) }
    }

    func exportTable(_ items: [FrontDeskRecordView]) -> ExportTable {
        let l = locale
        let own = register.fields.filter { $0.key != "ref" }
        let closing = ["idType", "idNumber", "receivedBy", "ticketNumber", "cardNumber", "note"]
        var columns: [ExportTable.Column] = [
            .init(Text("编号", "Number"), locale: l), .init(FrontDeskLabels.summary(register), locale: l), .init(FrontDeskLabels.person(register), locale: l),
            .init(Text("电话", "Phone"), locale: l), .init(Text("凭证号", "Reference"), locale: l), .init(Text("登记日期", "Recorded on"), .date, locale: l),
            .init(Text("状态", "State"), locale: l),
        ]
        columns += own.map { f in .init(FrontDeskLabels.field(register, f.key), f.kind == .day ? .date : (f.kind == .count || f.kind == .money ? .number : .text), locale: l) }
        columns += [.init(Text("认领人/取件人", "Claimed or collected by"), locale: l), .init(Text("办结时间", "Closed at"), locale: l)]
        columns += closing.map { .init(FrontDeskLabels.closeField($0), locale: l) }
        let rows: [[ExportTable.Cell]] = items.map { rec in
            var cells: [ExportTable.Cell] = [.text(rec.number), .text(rec.summary), .text(rec.personName), .text(rec.personPhone), .optionalText(rec.ref),
                                             .date(rec.recordedOn), .text(FrontDeskLabels.status(rec.status)(l))]
            cells += own.map { f in
                guard let v = rec.fields[f.key] else { return .empty }
                switch f.kind {
                case .day: return .date(v)
                case .count, .money: return .number(v)
                case .choice: return .text(FrontDeskLabels.choice(v)(l))
                default: return .text(v)
                }
            }
            cells += [.optionalText(rec.closerName), .optionalText(rec.closedMillis.map { Times.display($0) })]
            cells += closing.map { .optionalText(rec.closeFields[$0]) }
            return cells
        }
        return ExportTable(sheetName: FrontDeskLabels.register(register)(l), columns: columns, rows: rows)
    }
}
