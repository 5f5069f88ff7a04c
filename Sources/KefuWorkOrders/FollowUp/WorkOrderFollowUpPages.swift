import Hummingbird
import KefuDomain
import KefuPlatform

/// WO-10: `/work-orders/follow-up` — the engineering assistant's daily list of orders not completed or not visited back
/// (age, door clock result, appointment, who holds it) and the manager's assessment per technician over a period.
/// Printable.
public struct WorkOrderFollowUpPages: Sendable {
    let orders: WorkOrderService
    let shell: PageShell

    public init(orders: WorkOrderService, shell: PageShell) {
        self.orders = orders
        self.shell = shell
    }

    public static let path = "/work-orders/follow-up"

    public static let nav: [NavItem] = [
        NavItem(id: "work-order-follow-up", href: path, label: Text("任务单跟进与考核", "Work order follow-up"), area: .desk,
                isVisible: { !$0.roles.isDisjoint(with: WorkOrderRules.viewers) }),
    ]

    public func register(on router: Router<KefuContext>) {
        router.get(RouterPath(Self.path)) { request, context in try await show(request, context) }
    }

    /// Age of an order as "2 天 3 小时" / "45 分钟".
    static func age(_ millis: Int64, _ l: AppLocale) -> String {
        let minutes = max(0, millis / 60_000)
        if minutes < 60 { return Text("{0} 分钟", "{0} min").with(String(minutes))(l) }
        let hours = minutes / 60
        if hours < 24 { return Text("{0} 小时", "{0} h").with(String(hours))(l) }
        return Text("{0} 天 {1} 小时", "{0} d {1} h").with(String(hours / 24), String(hours % 24))(l)
    }

    func show(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await orders.followUpModel(from: q["from"], to: q["to"], viewer: principal) // one read
        let pendingRows: [DataTable.Row] = m.pending.map { o in
            let door: HTML = o.arrivedLate == true || o.isOverdue(nowMillis: m.nowMillis)
                ? "<span class=\"badge late\">\(Text("迟到", "Late"), l)</span>"
                : o.arrivedMillis != nil ? "\(Text("按时", "On time"), l)" : "—"
            let holder = o.technicianName ?? o.assigneeName.map { $0 + Text("（派给）", " (assigned)")(l) } ?? Text("待接单", "not accepted")(l)
            return DataTable.Row(plain: [
                "<a href=\"\(WorkOrderPages.path)/\(o.id)\">\(o.number)</a>", "\(o.location)", WorkOrderPages.badge(o.status, l),
                "\(Self.age(m.nowMillis - o.issuedMillis, l))", door, "\(o.appointmentAt ?? "—")", "\(holder)", "\(o.unitName)",
            ], attributes: "class=\"follow-up-row\" data-id=\"\(o.id)\" data-status=\"\(o.status.rawValue)\"")
        }
        let pending: HTML = pendingRows.isEmpty
            ? "<p class=\"empty\" id=\"follow-up-empty\">\(Text("没有待跟进的任务单", "Nothing to follow up"), l)</p>"
            : DataTable.render(id: "follow-up-list", headers: [Text("编号", "Number"), Text("地点", "Location"), Text("状态", "State"), Text("已过时间", "Age"),
                                                               Text("到场", "Door"), Text("预约", "Appointment"), Text("由谁办理", "Held by"), Text("单位", "Unit")].map { $0(l) },
                               rows: pendingRows)
        let techRows: [DataTable.Row] = m.technicians.map { t in
            DataTable.Row(plain: ["\(t.name)", "\(t.accepted)", "\(t.onTimePercent.map { "\($0)%" } ?? "—")", "\(t.late)", "\(t.completed)", "\(t.visited)"],
                          attributes: "class=\"assessment-row\"")
        }
        let assessment: HTML = techRows.isEmpty
            ? "<p class=\"empty\" id=\"assessment-empty\">\(Text("该期间没有接单记录", "No accepted orders in the period"), l)</p>"
            : DataTable.render(id: "assessment-list", headers: [Text("技工", "Technician"), Text("接单", "Accepted"), Text("5 分钟内到场率", "On time (5 min)"),
                                                                Text("迟到", "Late"), Text("签字完成", "Signed and completed"), Text("已回访", "Visited back")].map { $0(l) },
                               rows: techRows)
        let body: HTML = """
        <h1 id="follow-up-title">\(Text("任务单跟进与考核", "Work order follow-up"), l)</h1>
        <p class="hint">\(Text("工程助理每日跟进未完成或未回访的任务单；工程部经理按期间考核技工（WO-10）。", "The engineering assistant follows up every order not completed or not visited back each day; the department manager assesses the technicians per period (WO-10)."), l)</p>
        <div class="toolbar no-print"><button type="button" id="follow-up-print" data-print>\(Text("打印", "Print"), l)</button></div>
        <section class="card"><h2>\(Text("待跟进（{0} 张）", "To follow up ({0})").with(String(m.pending.count)), l)</h2>\(pending)</section>
        <section class="card"><h2>\(Text("技工考核 {0} 至 {1}", "Technicians {0} to {1}").with(m.from.iso, m.to.iso), l)</h2>
        <form method="get" action="\(Self.path)" class="toolbar filters" id="assessment-period">
        \(FormControls.field(Text("自", "From")(l), for: "period-from", FormControls.input(id: "period-from", name: "from", type: "date", value: m.from.iso)))
        \(FormControls.field(Text("至", "To")(l), for: "period-to", FormControls.input(id: "period-to", name: "to", type: "date", value: m.to.iso)))
        <button type="submit" id="period-apply">\(Text("查看", "Show"), l)</button></form>
        \(assessment)</section>
        """
        return shell.render(page, title: Text("任务单跟进与考核", "Work order follow-up"), active: "work-order-follow-up", body: body).response()
    }
}
