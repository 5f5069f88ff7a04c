import Foundation
import Hummingbird
import KefuAftersales
import KefuDomain
import KefuMaterials
import KefuPlatform
import KefuServiceDesk

/// #11.5: the home page at `/`, per role: my queue and its clocks, documents waiting for my audit, low stock, open
/// CAPA; each part with its count, an empty state and a link to the full list. Customers keep their own landing
/// (their tickets); signed-out visitors go to sign-in.
struct HomePage: Sendable {
    let queries: HomeQueries
    let shell: PageShell

    func register(on router: Router<KefuContext>) {
        router.get("/") { request, context in
            guard let principal = context.principal else { return Redirect.to("/login") }
            if principal.isCustomer { return Redirect.to("/tickets") }
            let model = try await queries.model(viewer: principal)
            let page = context.page(request)
            return shell.render(page, title: Text("首页", "Home"), active: "home", body: body(model, page)).response()
        }
    }

    func body(_ m: HomeModel, _ page: PageContext) -> HTML {
        let l = page.locale
        let parts = [m.queue.map { queue($0, l) }, m.audits.map { audits($0, l) }, m.lowStock.map { lowStock($0, l) }, m.capa.map { capa($0, l) }, m.announcements.map { announcements($0, l) },
                     m.certificates.map { certificates($0, l) }] // #15 leftovers TRN-03
            .compactMap { $0 }
        let welcome: HTML = parts.isEmpty
            ? "<p class=\"empty\" id=\"home-welcome\">\(Text("请从上方菜单进入您的工作。", "Start your work from the menu above."), l)</p>" : .empty
        return """
        <h1 id="home-title">\(Text("首页", "Home"), l)</h1>
        \(welcome)
        <div class="home-grid">\(parts)</div>
        """
    }

    func section(id: String, title: Text, count: Int, more: (Text, String), _ l: AppLocale, content: HTML) -> HTML {
        section(id: id, title: title, count: "\(count)", more: more, l, content: content)
    }

    func section(id: String, title: Text, count: String, more: (Text, String), _ l: AppLocale, content: HTML) -> HTML {
        """
        <section class="card home-part" id="\(id)" aria-labelledby="\(id)-title">
          <h2 id="\(id)-title">\(title, l) <span class="badge" id="\(id)-count">\(count)</span></h2>
          \(content)
          <p class="more"><a href="\(more.1)" id="\(id)-more">\(more.0, l)</a></p>
        </section>
        """
    }

    func empty(_ id: String, _ text: Text, _ l: AppLocale) -> HTML { "<p class=\"empty\" id=\"\(id)-empty\">\(text, l)</p>" }

    func queue(_ q: MyQueue, _ l: AppLocale) -> HTML {
        // #11.5: the home lists are DataTables: on a phone each row is a card of labelled lines.
        let rows = q.rows.map { t -> DataTable.Row in
            let clock: HTML
            switch t.clock {
            case .none: clock = "—"
            case .paused: clock = "\(Text("已暂停（等待客户）", "Paused (waiting on customer)"), l)"
            case .running(let left, let late): clock = late ? "<span class=\"overdue\">\(left, l)</span>" : "\(left, l)"
            }
            return DataTable.Row([.init("\(t.number)", class: "nowrap"), .init("<a href=\"/tickets/\(t.id)\">\(t.subject)</a>"), .init("\(t.customerName ?? "—")"),
                                  .init("<span class=\"badge status-\(t.status.rawValue)\">\(TicketLabels.status(t.status), l)</span>"), .init(clock, class: "nowrap")],
                                 attributes: "class=\"home-ticket\" data-id=\"\(t.id)\"")
        }
        let summary: HTML = """
        <p class="meta" id="home-queue-clocks">\(Text("已超时 {0} · 一小时内到期 {1}", "{0} overdue · {1} due within the hour").with(String(q.lateCount), String(q.soonCount)), l)</p>
        """
        let content: HTML = q.rows.isEmpty ? empty("home-queue", Text("您名下没有待办工单。", "No open tickets are yours."), l) : """
            \(summary)\(DataTable.render(id: "home-queue-table", headers: [Text("编号", "No."), Text("主题", "Subject"), Text("客户", "Customer"),
                                                                      Text("状态", "Status"), Text("到期", "Due")].map { $0(l) }, rows: rows))
            """
        return section(id: "home-queue", title: Text("我的待办工单", "My queue"), count: q.openCountLabel,
                       more: (Text("打开我的队列", "Open my queue"), "/tickets?view=mine"), l, content: content)
    }

    func audits(_ a: AuditQueue, _ l: AppLocale) -> HTML {
        let rows = a.rows.map { d -> DataTable.Row in
            DataTable.Row([.init("<a href=\"/materials/documents/\(d.id)\">\(d.number)</a>", class: "nowrap"), .init("\(d.kind, l) · \(d.reason, l)"),
                           .init("\(d.warehouseName)"), .init("\(d.date)", class: "nowrap")], attributes: "class=\"home-audit\"")
        }
        let content: HTML = a.rows.isEmpty ? empty("home-audits", Text("没有等待您审核的单据。", "No documents are waiting for your audit."), l) : """
            \(DataTable.render(id: "home-audits-table", headers: [Text("单据号", "Document no."), Text("单据类型", "Kind"), Text("仓库", "Warehouse"),
                                                               Text("单据日期", "Date")].map { $0(l) }, rows: rows))
            """
        return section(id: "home-audits", title: Text("待我审核的单据", "Waiting for my audit"), count: a.count,
                       more: (Text("查看未审核单据", "All unaudited documents"), "/materials/documents?status=saved"), l, content: content)
    }

    func lowStock(_ s: LowStock, _ l: AppLocale) -> HTML {
        let rows = s.rows.map { r -> DataTable.Row in
            DataTable.Row([.init("\(r.itemCode)", class: "nowrap"), .init("\(r.itemName)"), .init("\(r.warehouseName)"),
                           .init("\(r.onHand.text) \(r.unit)", class: "num short"), .init("\(r.quota.text) \(r.unit)", class: "num")],
                          attributes: "class=\"home-low-stock\"")
        }
        let content: HTML = s.rows.isEmpty ? empty("home-low-stock", Text("没有低于储备定额的存货。", "Nothing is below its reserve quota."), l) : """
            \(DataTable.render(id: "home-low-stock-table", headers: [Text("存货编码", "Item code"), Text("存货名称", "Item"), Text("仓库", "Warehouse"),
                                                                  Text("现存量", "On hand"), Text("储备定额", "Reserve quota")].map { $0(l) }, rows: rows))
            """
        return section(id: "home-low-stock", title: Text("低库存", "Low stock"), count: s.count,
                       more: (Text("查看现存量", "Open on-hand"), "/materials/on-hand"), l, content: content)
    }

    func capa(_ c: OpenCapa, _ l: AppLocale) -> HTML {
        let rows = c.rows.map { r -> DataTable.Row in
            DataTable.Row([.init("<a href=\"/complaints/\(r.id)\">\(r.number)</a>", class: "nowrap"), .init("\(r.subject)"), .init("\(r.status, l)"),
                           .init("\(r.dueDate ?? "—")", class: r.overdue ? "nowrap overdue" : "nowrap")], attributes: "class=\"home-capa\"")
        }
        let content: HTML = c.rows.isEmpty ? empty("home-capa", Text("没有进行中的纠正预防措施。", "No corrective actions are open."), l) : """
            <p class="meta">\(Text("已逾期 {0}", "{0} overdue").with(String(c.overdueCount)), l)</p>\
            \(DataTable.render(id: "home-capa-table", headers: [Text("投诉单号", "Complaint no."), Text("主题", "Subject"), Text("状态", "Status"),
                                                             Text("措施期限", "Actions due")].map { $0(l) }, rows: rows))
            """
        return section(id: "home-capa", title: Text("进行中的纠正预防措施", "Open CAPA"), count: c.count,
                       more: (Text("查看投诉", "Open complaints"), "/complaints"), l, content: content)
    }
}
