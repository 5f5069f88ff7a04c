import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 工作任务单 (#14.1, WO-01..11) as pages, small enough for the technician's phone on a slow network: the list (the
/// technician's open orders first, everything in scope for duty staff), the issue form (from a ticket or direct), the
/// order with the steps the viewer may take now, the 5-minute door clock (WO-02) and the signature pad (WO-07), and
/// the three-copy print (WO-09, `WorkOrderPrintPage`). A refused form comes back through `FormFlash` with what was typed.
public struct WorkOrderPages: Sendable {
    let orders: WorkOrderService
    let shell: PageShell

    public init(orders: WorkOrderService, shell: PageShell) {
        self.orders = orders
        self.shell = shell
    }

    public static let path = "/work-orders"

    public static let nav: [NavItem] = [
        NavItem(id: "work-orders", href: path, label: Text("工作任务单", "Work orders"), area: .desk,
                isVisible: { !$0.roles.isDisjoint(with: WorkOrderRules.viewers) }),
        NavItem(id: "new-work-order", href: path + "/new", label: Text("开具任务单", "Issue a work order"), area: .desk,
                isVisible: { !$0.roles.isDisjoint(with: WorkOrderRules.issuers) }),
    ]

    public func register(on router: Router<KefuContext>) {
        router.get("/work-orders") { request, context in try await list(request, context) }
        router.get("/work-orders/new") { request, context in try await newForm(request, context) }
        router.post("/work-orders") { request, context in try await create(request, context) }
        router.get("/work-orders/:id") { request, context in try await detail(request, context) }
        router.get("/work-orders/:id/print") { request, context in try await print(request, context) }
        for step in WorkOrderStep.allCases {
            router.post("/work-orders/:id/\(step.rawValue)") { request, context in try await act(request, context, step) }
        }
    }

    /// The notice after a step (`?notice=work_order&what=<step>`).
    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = context.page(request)
        let q = request.uri.queryParameters
        guard q.get("notice") == "work_order", let what = q.get("what").map({ String($0) }) else { return base }
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken,
                           notice: Text("已办理：", "Done: ")(base.locale) + WorkOrderLabels.event(what)(base.locale), formFlash: base.formFlash, path: base.path)
    }

    static func badge(_ s: WorkOrderStatus, _ l: AppLocale) -> HTML {
        "<span class=\"badge wo-status\" data-status=\"\(s.rawValue)\">\(WorkOrderLabels.status(s), l)</span>"
    }

    /// m:ss of a door clock.
    static func minutesSeconds(_ seconds: Int) -> String { "\(seconds / 60):\(String(format: "%02d", seconds % 60))" }

    /// WO-02: the door clock of an order on its way (`data-due`: the due moment; the asset script counts it down), or
    /// how long the technician took once there.
    static func doorClock(_ o: WorkOrderView, nowMillis: Int64, _ l: AppLocale) -> HTML {
        guard let accepted = o.acceptedMillis, let due = o.arriveDueMillis else { return .empty }
        if let arrived = o.arrivedMillis {
            let took = Int(max(0, arrived - accepted) / 1000)
            let late = o.arrivedLate == true
            return "<span class=\"door-clock\(late ? " late" : "")\" id=\"door-clock\" data-late=\"\(late ? "1" : "0")\">\(Text("到场用时", "At the door after"), l) \(Self.minutesSeconds(took))\(late ? " · " + Text("迟到（超过 5 分钟，WO-02）", "late (over 5 minutes, WO-02)")(l) : "")</span>"
        }
        // Late or not is the rule's answer (WorkOrderRules via the view), not the page's own arithmetic.
        let left = Int((due - nowMillis) / 1000), late = o.isOverdue(nowMillis: nowMillis)
        let text = (left < 0 ? "-" : "") + Self.minutesSeconds(abs(left))
        return """
        <span class="door-clock\(late ? " late" : "")" id="door-clock" data-due="\(String(due))" data-now="\(String(nowMillis))" data-late="\(late ? "1" : "0")" \
        data-late-label="\(Text("已超时", "Late by"), l)">\(Text("到场倒计时（5 分钟，WO-02）", "To the door (5 minutes, WO-02)"), l) <b id="door-clock-left">\(text)</b> · \
        \(Text("须于", "due by"), l) \(Times.display(due))</span>
        """
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        var q = request.queryDictionary
        // A technician opens on the orders still to do (to accept or his own); duty staff on everything.
        if q["view"] == nil, principal.roles.contains(.dutyTechnician), principal.roles.isDisjoint(with: WorkOrderRules.issuers) { q["view"] = "open" }
        switch q["view"] ?? "all" {
        case "mine": q["mine"] = "1"
        case "open": q["open"] = "1"
        default: break
        }
        let m = try await orders.listModel(q, paging: try Paging.from(q, defaultPer: 20), viewer: principal)
        let rows: [DataTable.Row] = m.orders.items.map { o in
            DataTable.Row(plain: [
                "<a class=\"wo-link\" href=\"\(Self.path)/\(o.id)\">\(o.number)</a>", "\(o.location)", "\(WorkOrderLabels.kind(o.kind), l)", "\(o.requesterName)",
                Self.badge(o.status, l), o.arrivedLate == true || o.isOverdue(nowMillis: m.nowMillis) ? "<span class=\"badge late\">\(Text("迟到", "Late")(l))</span>" as HTML : "",
                "\(Times.display(o.issuedMillis))",
            ], attributes: "class=\"wo-row\" data-id=\"\(o.id)\" data-status=\"\(o.status.rawValue)\"")
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有工作任务单", "No work orders"), l)</p>"
            : DataTable.render(id: "work-order-list", headers: [Text("编号", "Number"), Text("地点", "Location"), Text("类型", "Kind"), Text("报修人", "Requester"),
                                                                 Text("状态", "State"), Text("到场", "Door"), Text("派单时间", "Issued")].map { $0(l) }, rows: rows)
        let view = q["view"] ?? "all"
        let tabs: [HTML] = [("open", Text("待办", "To do")), ("mine", Text("我的", "Mine")), ("all", Text("全部", "All"))].map { key, label in
            "<a class=\"tab\(view == key ? " active" : "")\" id=\"wo-tab-\(key)\" href=\"\(Self.path)?view=\(key)\"\(view == key ? " aria-current=\"page\"" : "")>\(label(l))</a>"
        }
        let statuses = [("", Text("全部状态", "All states")(l))] + WorkOrderStatus.allCases.map { ($0.rawValue, WorkOrderLabels.status($0)(l)) }
        let kinds = [("", Text("全部类型", "All kinds")(l))] + WorkOrderKind.allCases.map { ($0.rawValue, WorkOrderLabels.kind($0)(l)) }
        let body: HTML = """
        <div class="actions list-head"><h1 id="work-orders-title">\(Text("工作任务单", "Work orders"), l)</h1>
        \(m.canIssue ? "<a class=\"button\" id=\"new-work-order-link\" href=\"\(Self.path)/new\">\(Text("开具任务单", "Issue a work order")(l))</a>" as HTML : .empty)</div>
        <nav class="tabs" id="wo-tabs">\(tabs)</nav>
        <form method="get" action="\(Self.path)" class="toolbar filters" id="wo-filter"><input type="hidden" name="view" value="\(view)">
        \(FormControls.field(Text("编号、地点或报修人", "Number, location or requester")(l), for: "wo-filter-q", FormControls.input(id: "wo-filter-q", name: "q", value: q["q"])))
        \(FormControls.field(Text("状态", "State")(l), for: "wo-filter-status", FormControls.select(id: "wo-filter-status", name: "status", options: statuses, selected: q["status"] ?? "")))
        \(FormControls.field(Text("类型", "Kind")(l), for: "wo-filter-kind", FormControls.select(id: "wo-filter-kind", name: "kind", options: kinds, selected: q["kind"] ?? "")))
        \(FormControls.field(Text("到场", "Door")(l), for: "wo-filter-late", FormControls.select(id: "wo-filter-late", name: "late",
            options: [("", Text("全部", "All")(l)), ("1", Text("仅迟到", "Late only")(l))], selected: q["late"] ?? "")))
        <button type="submit" id="wo-filter-apply">\(Text("筛选", "Filter"), l)</button></form>
        \(table)
        \(FormControls.pager(basePath: Self.path, query: q.filter { $0.key != "mine" && $0.key != "open" }, page: m.orders.page, per: m.orders.per, total: m.orders.total, locale: l))
        """
        return shell.render(page, title: Text("工作任务单", "Work orders"), active: "work-orders", body: body).response()
    }

    static func textField(_ state: FormState, _ name: String, _ label: Text, _ id: String, _ l: AppLocale, value: String? = nil, attributes: String = "") -> HTML {
        FormControls.field(label(l), for: id, FormControls.input(id: id, name: name, value: state.values[name] ?? value, attributes: attributes), error: state.message(for: name, l))
    }

    static func textArea(_ state: FormState, _ name: String, _ label: Text, _ id: String, _ l: AppLocale, value: String? = nil, required: Bool = true) -> HTML {
        FormControls.field(label(l), for: id, "<textarea id=\"\(id)\" name=\"\(name)\" rows=\"3\"\(required ? " required" : "")>\(state.values[name] ?? value ?? "")</textarea>",
                           error: state.message(for: name, l))
    }

    func newForm(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let ticketTyped = request.queryDictionary["ticket"]
        let m = try await orders.formModel(ticket: ticketTyped, viewer: principal)
        let state = page.formState(action: Self.path)
        let t = m.ticket
        let unit: HTML = m.units.count > 1
            ? FormControls.field(Text("所属单位", "Unit")(l), for: "wo-unit",
                                 FormControls.select(id: "wo-unit", name: "orgUnitId", options: m.units.map { ($0.id, $0.name) }, selected: state.values["orgUnitId"] ?? t?.orgUnitId ?? m.ownUnitId),
                                 error: state.message(for: "orgUnitId", l))
            : "<input type=\"hidden\" name=\"orgUnitId\" value=\"\(m.units.first?.id ?? m.ownUnitId)\">"
        let kinds = WorkOrderKind.allCases.map { ($0.rawValue, WorkOrderLabels.kind($0)(l)) }
        let from: HTML = t.map { "<p class=\"hint\" id=\"wo-from-ticket\">\(Text("来自工单", "From ticket"), l) <b>\($0.number)</b> · \($0.subject)</p><input type=\"hidden\" name=\"ticketId\" value=\"\($0.id)\">" } ?? .empty
        let body: HTML = """
        <h1 id="work-order-form-title">\(Text("开具工作任务单", "Issue a work order"), l)</h1>
        <p class="hint">\(Text("每一栏都必须真实填写（WO-06）；公共设施由该区域负责人维修，否则由值班技工维修（WO-05）。",
                               "Every field is required and truthful (WO-06); a public facility is repaired by the person responsible for the area, otherwise the duty technician (WO-05)."), l)</p>
        \(from)
        \(state.generalMessage(fields: ["orgUnitId", "kind", "location", "area", "description", "requesterName", "requesterPhone"], l, id: "form-error"))
        <form method="post" action="\(Self.path)" id="work-order-form">\(page.csrfField)
        <div class="grid one-column">
        \(unit)
        \(FormControls.field(Text("类型", "Kind")(l), for: "wo-kind", FormControls.select(id: "wo-kind", name: "kind", options: kinds, selected: state.values["kind"]), error: state.message(for: "kind", l)))
        \(Self.textField(state, "location", Text("地点（楼栋单元房号或设施位置）", "Location (building, unit, room or facility)"), "wo-location", l, attributes: "required"))
        \(Self.textField(state, "area", Text("区域（公共设施：按区域负责人派单，WO-05）", "Area (public facility: goes to the area's responsible person, WO-05)"), "wo-area", l))
        \(Self.textArea(state, "description", Text("报修内容", "What is wrong"), "wo-description", l, value: t?.subject))
        \(Self.textField(state, "requesterName", Text("报修人（住户或报修部门及人员）", "Requester (resident, or reporting department and person)"), "wo-requester", l, value: t?.requesterName, attributes: "required"))
        \(Self.textField(state, "requesterPhone", Text("联系电话", "Phone"), "wo-phone", l, value: t?.requesterPhone, attributes: "required inputmode=\"tel\""))
        </div>
        <div class="actions"><button type="submit" id="work-order-save">\(Text("派单", "Issue"), l)</button>
        <a href="\(Self.path)">\(Text("取消", "Cancel"), l)</a></div>
        </form>
        """
        return shell.render(page, title: Text("开具工作任务单", "Issue a work order"), active: "new-work-order", body: body, breadcrumbs: .underActive).response()
    }

    func create(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        let input = WorkOrderInput(ticketId: form["ticketId"], location: form["location"], kind: form["kind"], description: form["description"],
                                   requesterName: form["requesterName"], requesterPhone: form["requesterPhone"], orgUnitId: form["orgUnitId"], area: form["area"])
        let o = try await orders.issue(input, by: principal)
        return Redirect.to("\(Self.path)/\(o.id)?notice=work_order&what=issue")
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let m = try await orders.pageModel(id: try context.parameters.require("id"), viewer: principal)
        let o = m.order
        let title = Text("工作任务单 {0}", "Work order {0}").with(o.number)
        let events: [HTML] = m.timeline.map { e in
            "<li class=\"timeline-event\" data-action=\"\(e.action)\"><time>\(Times.display(e.at.millis))</time> · \(e.actorName) · \(WorkOrderLabels.event(e.action), l)\(e.detail["arrivedLate"] == "true" ? " · " + Text("迟到", "late")(l) : "")</li>"
        }
        let body: HTML = """
        <h1 id="work-order-title">\(title, l)</h1>
        <p class="meta" id="work-order-state" data-status="\(o.status.rawValue)">\(Self.badge(o.status, l)) · \(WorkOrderLabels.kind(o.kind), l) \(Self.doorClock(o, nowMillis: m.nowMillis, l))</p>
        \(WorkOrderStepForms.render(o, page: page))
        \(WorkOrderFacts.render(o, l))
        <h2>\(Text("办理记录", "Timeline"), l)</h2>
        <ol class="timeline" id="work-order-timeline">\(events)</ol>
        <p class="no-print"><a class="button" id="work-order-print" href="\(Self.path)/\(o.id)/print">\(Text("打印三联单", "Print the three copies"), l)</a> ·
        <a href="\(Self.path)">\(Text("返回任务单列表", "Back to the work orders"), l)</a></p>
        """
        return shell.render(page, title: title, active: "work-orders", body: body, breadcrumbs: .underActive).response()
    }

    func act(_ request: Request, _ context: KefuContext, _ step: WorkOrderStep) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        if step == .signature {
            _ = try await orders.sign(id: id, WorkOrderSignatureInput(signerName: form["signerName"], signerRelation: form["signerRelation"], image: form["image"]), by: principal)
        } else {
            _ = try await orders.step(step, id: id, WorkOrderStepInput(appointmentAt: form["appointmentAt"], note: form["note"],
                                                                      workNotes: form["workNotes"], materials: form["materials"]), by: principal)
        }
        return Redirect.to("\(Self.path)/\(id)?notice=work_order&what=\(step == .signature ? "sign" : step.rawValue)")
    }

    func print(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let m = try await orders.pageModel(id: try context.parameters.require("id"), viewer: principal)
        return WorkOrderPrintPage.render(m.order).response()
    }
}
