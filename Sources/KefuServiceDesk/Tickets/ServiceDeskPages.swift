import Hummingbird
import KefuDomain
import KefuOrg
import KefuPlatform

/// The agent console's service-desk pages.
public struct ServiceDeskPages: Sendable {
    let list: TicketListPage
    let new: NewTicketPage
    let detail: TicketDetailPage
    let customers: CustomerRegisterPage
    let live: TicketQueueStream

    /// `links`: features that keep records for tickets (e.g. after-sales' complaint cases) and link them on the ticket page.
    public init(tickets: TicketService, queries: TicketQueries, customers: CustomerService, org: OrgService, settings: SlaSettings,
                customerFlags: CustomerFlagService, links: [any TicketLinkProvider] = [], parts: (any TicketPartsProvider)? = nil,
                streams: EventStreamSlots = EventStreamSlots(), shell: PageShell) {
        list = TicketListPage(queries: queries, org: org, settings: settings, shell: shell)
        live = TicketQueueStream(queries: queries, stream: EventStream(slots: streams))
        new = NewTicketPage(tickets: tickets, shell: shell)
        detail = TicketDetailPage(tickets: tickets, queries: queries, links: links, parts: parts, customerFlags: customerFlags, shell: shell)
        self.customers = CustomerRegisterPage(customers: customers, shell: shell)
    }

    public static let nav: [NavItem] = [
        NavItem(id: "tickets", href: "/tickets", label: Text("工单", "Tickets")),
        NavItem(id: "new-ticket", href: "/tickets/new", label: Text("登记工单", "Log a ticket"), isVisible: { $0.has(.createTicket) }),
        NavItem(id: "submit-request", href: "/tickets/new", label: Text("提交问题", "Submit a request"), isVisible: { $0.isCustomer }),
        NavItem(id: "customers", href: "/customers", label: Text("客户台账", "Customers"), isVisible: { $0.has(.viewCustomerRegister) }),
    ]

    public func register(on router: Router<KefuContext>) {
        router.get("/tickets") { request, context in try await list.render(request, context) }
        router.get("/tickets/live") { request, context in try await live.respond(request, context) }
        router.get("/tickets/new") { request, context in try new.form(request, context, values: nil) }
        router.post("/tickets") { request, context in try await new.submit(request, context) }
        detail.register(on: router)
        router.get("/customers") { request, context in try await customers.render(request, context) }
    }
}

/// The customer register (TKT-06), for supervisors and managers.
struct CustomerRegisterPage: Sendable {
    let customers: CustomerService
    let shell: PageShell

    func render(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let query = request.queryDictionary
        let result = try await customers.register(q: query["q"], paging: try Paging.from(query), viewer: principal)
        let rows: [DataTable.Row] = result.items.map { c in
            DataTable.Row(plain: ["\(c.name)", "\(c.phone ?? "—")", "\(c.email ?? "—")",
                                  "<a href=\"/tickets?view=all&customerId=\(c.id)&status=\">\(Text("工单", "Tickets"), l)</a>"], attributes: "class=\"customer-row\"")
        }
        let table: HTML = result.items.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有客户记录", "No customers found"), l)</p>"
            : DataTable.render(id: "customer-list", headers: [Text("姓名", "Name")(l), Text("电话", "Phone")(l), Text("邮箱", "Email")(l), ""], rows: rows)
        let body: HTML = """
        <h1>\(Text("客户台账", "Customer register"), l)</h1>
        <p class="hint">\(Text("客户信息保密，仅限授权人员查看。", "Customer information is confidential; authorised staff only."), l)</p>
        <form method="get" action="/customers" class="toolbar">
          \(FormControls.field(Text("姓名、电话或邮箱", "Name, phone or email")(l), for: "customer-q", FormControls.input(id: "customer-q", name: "q", type: "search", value: query["q"])))
          <button type="submit">\(Text("搜索", "Search"), l)</button>
        </form>
        \(table)
        \(FormControls.pager(basePath: "/customers", query: query, page: result.page, per: result.per, total: result.total, locale: l))
        """
        return shell.render(page, title: Text("客户台账", "Customer register"), active: "customers", body: body).response()
    }
}
