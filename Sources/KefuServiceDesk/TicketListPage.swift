import Foundation
import Hummingbird
import KefuDomain
import KefuOrg
import KefuPlatform

/// Queues and search: my queue, team queue, all tickets (supervisors), with search, filters and paging.
struct TicketListPage: Sendable {
    let queries: TicketQueries
    let org: OrgService
    let shell: PageShell

    func render(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        var query = request.queryDictionary
        if query["view"] == nil { query["view"] = principal.isCustomer ? "all" : "mine" }
        var filter = try TicketFilter.parse(query)
        // Queues show work still to do unless a status or a search is asked for.
        if query["status"] == nil, filter.q == nil, filter.view != .all {
            filter.statuses = TicketStatus.allCases.filter(\.isOpen)
        }
        if query["sort"] == nil { filter.sort = filter.view == .all ? .created : .due }
        let paging = try Paging.from(query, defaultPer: 25)
        let result = try await queries.list(filter, paging: paging, viewer: principal)
        let names = try await queries.store.read { db in
            try await OrgQueries.displayNames(db, ids: Set(result.items.compactMap(\.ownerId)))
        }
        let now = Date()
        let rows: [HTML] = result.items.map { t in
            let status = TicketStatus(rawValue: t.status) ?? .open
            let prio = TicketPriority(rawValue: t.priority) ?? .normal
            let dueText: String = {
                let due = ServiceStandards.nextDue(isOpen: status.isOpen, firstResponseDue: t.sla.firstResponseDueAt,
                                                   firstResponded: t.sla.firstRespondedAt != nil, resolutionDue: t.sla.resolutionDueAt)
                guard let due, let date = Times.parse(due) else { return "—" }
                return TicketLabels.timeLeft(dueAt: date, now: now)(l)
            }()
            let received = Times.parse(t.receivedAt).map { Times.display(Clock.millis($0)) } ?? ""
            return """
            <tr class="ticket-row" data-id="\(t.id)">
              <td class="nowrap">\(t.number)</td>
              <td><a class="ticket-link" href="/tickets/\(t.id)">\(t.subject)</a></td>
              <td>\(t.customer?.name ?? "—")</td>
              <td><span class="badge status-\(t.status)">\(TicketLabels.status(status), l)</span></td>
              <td><span class="badge prio-\(t.priority)">\(TicketLabels.priority(prio), l)</span></td>
              <td>\(t.ownerId.flatMap { names[$0] } ?? "—")</td>
              <td class="nowrap">\(received)</td>
              <td class="nowrap">\(dueText)</td>
            </tr>
            """
        }
        let views: [(TicketFilter.View, Text)] = principal.isCustomer
            ? [(.all, Text("我的工单", "My tickets"))]
            : [(.mine, Text("我的工单", "My queue")), (.team, Text("团队工单", "Team queue"))]
                + (principal.has(.superviseTickets) ? [(.all, Text("全部工单", "All tickets"))] : [])
        let tabs: [HTML] = views.map { v, label in
            "<a href=\"/tickets?view=\(v.rawValue)\" id=\"tab-\(v.rawValue)\"\(HTML(raw: filter.view == v ? " class=\"active\"" : ""))>\(label, l)</a>"
        }
        let statusOptions = [("", Text("待处理（默认）", "Open (default)")(l))] + TicketStatus.allCases.map { ($0.rawValue, TicketLabels.status($0)(l)) }
        let sortOptions = [("due", Text("按到期时间", "By due time")(l)), ("created", Text("按登记时间", "Newest first")(l)),
                           ("updated", Text("按更新时间", "Recently updated")(l)), ("priority", Text("按优先级", "By priority")(l))]
        let table: HTML = result.items.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(filter.q != nil ? Text("没有找到匹配的工单", "No tickets match your search") : Text("这里没有工单", "No tickets here"), l)</p>"
            : """
            <table id="ticket-list"><thead><tr>
              <th>\(Text("编号", "Number"), l)</th><th>\(Text("主题", "Subject"), l)</th><th>\(Text("客户", "Customer"), l)</th>
              <th>\(Text("状态", "Status"), l)</th><th>\(Text("优先级", "Priority"), l)</th><th>\(Text("首问负责人", "Owner"), l)</th>
              <th>\(Text("受理时间", "Received"), l)</th><th>\(Text("到期", "Due"), l)</th>
            </tr></thead><tbody>\(rows)</tbody></table>
            """
        let newLabel = principal.isCustomer ? Text("提交问题", "Submit a request") : Text("登记工单", "Log a ticket")
        let newButton: HTML = principal.has(.createTicket) || principal.isCustomer
            ? "<a class=\"button\" href=\"/tickets/new\" id=\"new-ticket-button\">\(newLabel, l)</a>" : .empty
        let body: HTML = """
        <div class="actions" style="justify-content:space-between"><h1>\(Text("工单", "Tickets"), l)</h1>\(newButton)</div>
        <nav class="tabs">\(tabs)</nav>
        <form method="get" action="/tickets" id="search-form" class="toolbar" role="search">
          <input type="hidden" name="view" value="\(filter.view.rawValue)">
          \(FormControls.field(Text("搜索主题、描述和回复", "Search subject, description and replies")(l), for: "search-q",
                               FormControls.input(id: "search-q", name: "q", type: "search", value: filter.q, attributes: "placeholder=\"\(Text("如：风机 漏油", "e.g. 风机 漏油")(l))\"")))
          \(FormControls.field(Text("状态", "Status")(l), for: "filter-status", FormControls.select(id: "filter-status", name: "status", options: statusOptions, selected: query["status"])))
          \(FormControls.field(Text("排序", "Sort")(l), for: "filter-sort", FormControls.select(id: "filter-sort", name: "sort", options: sortOptions, selected: filter.sort.rawValue)))
          <button type="submit" id="search-submit">\(Text("搜索", "Search"), l)</button>
        </form>
        \(table)
        \(FormControls.pager(basePath: "/tickets", query: query, page: result.page, per: result.per, total: result.total, exact: result.totalExact, locale: l))
        """
        return shell.render(page, title: Text("工单", "Tickets"), active: "tickets", body: body).response()
    }
}
