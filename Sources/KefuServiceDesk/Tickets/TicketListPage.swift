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
        let result = model.result, names = model.ownerNames, calendar = model.calendar
        let now = Clock.millis(Date())
        let rows: [DataTable.Row] = result.items.compactMap { t in model.instants[t.id].map { row(t, $0, names: names, calendar: calendar, now: now, l) } }
        let focus = Focus.of(filter)
        let tabs = queueTabs(principal, filter: filter, focus: focus, counts: model.counts, l)
        let statusOptions = [("", Text("待处理（默认）", "Open (default)")(l))] + TicketStatus.allCases.map { ($0.rawValue, TicketLabels.status($0)(l)) }
        let sortOptions = [("due", Text("按到期时间", "By due time")(l)), ("created", Text("按登记时间", "Newest first")(l)),
                           ("updated", Text("按更新时间", "Recently updated")(l)), ("priority", Text("按优先级", "By priority")(l))]
        let table: HTML = result.items.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(filter.q != nil ? Text("没有找到匹配的工单", "No tickets match your search") : Text("这里没有工单", "No tickets here"), l)</p>"
            : DataTable.render(id: "ticket-list", headers: [
                Text("编号", "Number"), Text("主题", "Subject"), Text("客户", "Customer"), Text("状态", "Status"), Text("优先级", "Priority"),
                Text("首问负责人", "Owner"), Text("处理人", "Assignee"), Text("受理时间", "Received"), Text("到期时间", "Due at"),
                Text("剩余（工作时间）", "Left (working time)"),
            ].map { $0(l) }, rows: rows)
        let liveCounts: HTML = "<span hidden id=\"queue-stamp\" data-stamp=\"\(model.counts.stamp)\"></span>"
        let newLabel = principal.isCustomer ? Text("提交问题", "Submit a request") : Text("登记工单", "Log a ticket")
        let newButton: HTML = principal.has(.createTicket) || principal.isCustomer
            ? "<a class=\"button\" href=\"/tickets/new\" id=\"new-ticket-button\">\(newLabel, l)</a>" : .empty
        let body: HTML = """
        <div class="actions" style="justify-content:space-between"><h1>\(Text("工单", "Tickets"), l)</h1>\(newButton)</div>
        \(tabs)
        <form method="get" action="/tickets" id="search-form" class="toolbar" role="search">
          <input type="hidden" name="view" value="\(filter.view.rawValue)">
          \(filter.unassigned ? "<input type=\"hidden\" name=\"unassigned\" value=\"true\">" as HTML : .empty)
          \(focus.map { f -> HTML in "<input type=\"hidden\" name=\"\(f.param.name)\" value=\"\(f.param.value)\">" } ?? .empty)
          \(FormControls.field(Text("搜索主题、描述和回复", "Search subject, description and replies")(l), for: "search-q",
                               FormControls.input(id: "search-q", name: "q", type: "search", value: filter.q, attributes: "placeholder=\"\(Text("如：风机 漏油", "e.g. 风机 漏油")(l))\"")))
          \(FormControls.field(Text("状态", "Status")(l), for: "filter-status", FormControls.select(id: "filter-status", name: "status", options: statusOptions, selected: query["status"])))
          \(FormControls.field(Text("排序", "Sort")(l), for: "filter-sort", FormControls.select(id: "filter-sort", name: "sort", options: sortOptions, selected: filter.sort.rawValue)))
          <button type="submit" id="search-submit">\(Text("搜索", "Search"), l)</button>
        </form>
        <div id="queue-rows" data-live-part data-live-queue="/tickets/live">
        \(liveCounts)
        \(table)
        \(FormControls.pager(basePath: "/tickets", query: query, page: result.page, per: result.per, total: result.total, exact: result.totalExact, locale: l))
        </div>
        <p class="live-state no-print" id="live-state" data-on="\(Text("实时更新已开启", "Live updates on"), l)" data-off="\(Text("实时更新已断开，正在重连…", "Live updates lost; reconnecting…"), l)"></p>
        """
        return shell.render(page, title: Text("工单", "Tickets"), active: "tickets", body: body).response()
    }

    /// One queue row: owner and assignee by name, the due instant and the working time left on the ticket's calendar.
    func row(_ t: TicketView, _ times: TicketInstants, names: [String: String], calendar: WorkCalendar, now: Int64, _ l: AppLocale) -> DataTable.Row {
        let status = TicketStatus(rawValue: t.status) ?? .open
        let prio = TicketPriority(rawValue: t.priority) ?? .normal
        let due = times.nextDue?.millis
        let leftText: String = {
            if times.paused != nil { return Text("已暂停（等待客户）", "Paused (waiting on customer)")(l) }
            guard let due else { return "—" }
            let mode = ClockCalendar(rawValue: t.sla.calendar) ?? .allDay
            return TicketLabels.timeLeft(workingMillis: calendar.workingTimeLeft(from: now, until: due, mode), businessHours: mode == .businessHours)(l)
        }()
        let breached = times.isBreached(atMillis: now)
        let received = times.received.display
        let dueAt = times.paused == nil ? times.nextDue.displayOrDash : "—"
        return DataTable.Row([
            .init("\(t.number)", class: "nowrap"),
            .init("<a class=\"ticket-link\" href=\"/tickets/\(t.id)\">\(t.subject)</a>"),
            .init("\(t.customer?.name ?? "—")"),
            .init("<span class=\"badge status-\(t.status)\">\(TicketLabels.status(status), l)</span>"),
            .init("<span class=\"badge prio-\(t.priority)\">\(TicketLabels.priority(prio), l)</span>"),
            .init("\(t.ownerId.flatMap { names[$0] } ?? "—")"),
            .init("\(t.assigneeId.flatMap { names[$0] } ?? "—")", class: "assignee"),
            .init("\(received)", class: "nowrap"),
            .init("\(dueAt)", class: "nowrap due-at"),
            .init("\(leftText)", class: breached ? "nowrap time-left overdue" : "nowrap time-left"),
        ], attributes: "class=\"ticket-row\" data-id=\"\(t.id)\"")
    }

    /// #11.4: the queue views with how many open tickets each holds (SLA-03 "shown to owner and supervisor").
    func queueTabs(_ principal: Principal, filter: TicketFilter, focus: Focus?, counts: TicketQueueCounts, _ l: AppLocale) -> HTML {
        struct Tab { let id: String; let href: String; let label: Text; let count: Int?; let active: Bool; let hot: Bool }
        var tabs: [Tab] = []
        if principal.isCustomer {
            tabs.append(Tab(id: "all", href: "/tickets?view=all", label: Text("我的工单", "My tickets"), count: nil, active: true, hot: false))
        } else {
            let plain = focus == nil && !filter.unassigned
            tabs.append(Tab(id: "mine", href: "/tickets?view=mine", label: Text("我的工单", "My queue"), count: counts.mine, active: plain && filter.view == .mine, hot: false))
            tabs.append(Tab(id: "unassigned", href: "/tickets?view=team&unassigned=true", label: Text("未分派", "Unassigned"), count: counts.unassigned,
                            active: focus == nil && filter.unassigned, hot: false))
            tabs.append(Tab(id: "team", href: "/tickets?view=team", label: Text("团队工单", "Team queue"), count: counts.team, active: plain && filter.view == .team, hot: false))
            if principal.has(.superviseTickets) {
                tabs.append(Tab(id: "all", href: "/tickets?view=all", label: Text("全部工单", "All tickets"), count: counts.all, active: plain && filter.view == .all, hot: false))
            }
            // The focus views count everything the viewer may see, so they list it all (the scope still limits).
            let focusCounts: [Focus: Int] = [.soon: counts.soon, .breached: counts.breached, .today: counts.today]
            for f in Focus.allCases {
                tabs.append(Tab(id: f.rawValue, href: "/tickets?view=all&\(f.param.name)=\(f.param.value)", label: f.label, count: focusCounts[f],
                                active: focus == f, hot: f != .today && (focusCounts[f] ?? 0) > 0))
            }
        }
        let items: [HTML] = tabs.map { tab in
            // #17.7: the tabs count up to TicketQueries.queueCountCap.
            let cap = TicketQueries.queueCountCap
            let count: HTML = tab.count.map { "<span class=\"count\(HTML(raw: tab.hot ? " hot" : ""))\" id=\"count-\(tab.id)\">\($0 >= cap ? "\(cap - 1)+" : "\($0)")</span>" } ?? .empty
            return "<li><a href=\"\(tab.href)\" id=\"tab-\(tab.id)\"\(HTML(raw: tab.active ? " class=\"active\"" : ""))>\(tab.label, l)\(count)</a></li>"
        }
        return "<nav id=\"queue-tabs\" data-live-part aria-label=\"\(Text("工单队列", "Ticket queues"), l)\"><ul class=\"queue-counts\" id=\"queue-counts\">\(items)</ul></nav>"
    }
}
