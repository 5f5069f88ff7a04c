import Foundation
import Hummingbird
import KefuDomain
import KefuOrg
import KefuPlatform

/// Queues and search: my queue, team queue, all tickets (supervisors), with search, filters and paging.
struct TicketListPage: Sendable {
    let queries: TicketQueries
    let org: OrgService
    let settings: SlaSettings
    let shell: PageShell

    /// The queue views beside mine/team/all (SLA-03, SLA-04): due soon, breached, received today and still open.
    enum Focus: String, CaseIterable {
        case soon, breached, today

        var label: Text {
            switch self {
            case .soon: return Text("即将超时", "Due soon")
            case .breached: return Text("已超时", "Breached")
            case .today: return Text("今日未结", "Open from today")
            }
        }

        var param: (name: String, value: String) {
            switch self {
            case .soon: return ("dueWithin", "60")
            case .breached: return ("breached", "true")
            case .today: return ("openReceivedToday", "true")
            }
        }

        static func of(_ filter: TicketFilter) -> Focus? {
            if filter.dueWithinMinutes != nil { return .soon }
            if filter.breached == true { return .breached }
            return filter.openReceivedToday ? .today : nil
        }
    }

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
        let model = try await queries.queueModel(filter, paging: paging, viewer: principal)
        let result = model.result, names = model.ownerNames
        let now = Clock.millis(Date())
        let calendar = try await settings.current().calendar
        let rows: [HTML] = result.items.map { t in
            let status = TicketStatus(rawValue: t.status) ?? .open
            let prio = TicketPriority(rawValue: t.priority) ?? .normal
            let dueText: String = {
                if t.sla.pausedAt != nil { return Text("已暂停（等待客户）", "Paused (waiting on customer)")(l) }
                guard let due = t.sla.nextDueAt.flatMap(Times.parse).map(Clock.millis) else { return "—" }
                let mode = ClockCalendar(rawValue: t.sla.calendar) ?? .allDay
                let left = calendar.workingTimeLeft(from: now, until: due, mode)
                return TicketLabels.timeLeft(workingMillis: left, businessHours: mode == .businessHours)(l)
            }()
            let breached = t.isBreached(atMillis: now)
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
              <td class="nowrap\(HTML(raw: breached ? " overdue" : ""))">\(dueText)</td>
            </tr>
            """
        }
        let views: [(TicketFilter.View, Text)] = principal.isCustomer
            ? [(.all, Text("我的工单", "My tickets"))]
            : [(.mine, Text("我的工单", "My queue")), (.team, Text("团队工单", "Team queue"))]
                + (principal.has(.superviseTickets) ? [(.all, Text("全部工单", "All tickets"))] : [])
        let focus = Focus.of(filter)
        var tabs: [HTML] = views.map { v, label in
            "<a href=\"/tickets?view=\(v.rawValue)\" id=\"tab-\(v.rawValue)\"\(HTML(raw: focus == nil && filter.view == v ? " class=\"active\"" : ""))>\(label, l)</a>"
        }
        if !principal.isCustomer {
            let scope = principal.has(.superviseTickets) ? "all" : "team"
            tabs += Focus.allCases.map { f in
                "<a href=\"/tickets?view=\(scope)&\(f.param.name)=\(f.param.value)\" id=\"tab-\(f.rawValue)\"\(HTML(raw: focus == f ? " class=\"active\"" : ""))>\(f.label, l)</a>"
            }
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
          \(focus.map { f -> HTML in "<input type=\"hidden\" name=\"\(f.param.name)\" value=\"\(f.param.value)\">" } ?? .empty)
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
