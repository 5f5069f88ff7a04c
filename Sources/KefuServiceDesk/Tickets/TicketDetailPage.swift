import Foundation
import Hummingbird
import KefuDomain
import KefuOrg
import KefuPlatform

/// One ticket: facts, timeline, and the forms to reply, change status, take, assign, forward, escalate and
/// (supervisors) change the owner. Forms show only what the viewer may do.
struct TicketDetailPage: Sendable {
    let tickets: TicketService
    let queries: TicketQueries
    let org: OrgService
    let links: [any TicketLinkProvider]
    let shell: PageShell

    func render(_ request: Request, _ context: KefuContext, error: AppError? = nil) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let id = try context.parameters.require("id")
        let model = try await queries.pageModel(id: id, viewer: principal, links: links)
        let t = model.ticket, events = model.events, people = model.people, related = model.related
        let status = TicketStatus(rawValue: t.status) ?? .open
        let staff = !principal.isCustomer
        func time(_ s: String?) -> String { s.flatMap { Times.parse($0) }.map { Times.display(Clock.millis($0)) } ?? "—" }

        let timeline: [HTML] = events.map { e in
            let cls = e.kind == "comment" ? (e.visibility == "internal" ? "event internal" : "event public-comment") : (e.visibility == "internal" ? "event internal" : "event")
            var detail = HTML.empty
            switch e.kind {
            case "comment":
                let label = e.visibility == "internal" ? Text("内部备注", "Internal note") : Text("公开回复", "Public reply")
                detail = "<div class=\"meta\">\(label, l)</div><div class=\"body\">\(e.data["body"] ?? "")</div>"
            case "status":
                let from = TicketStatus(rawValue: e.data["from"] ?? "").map { TicketLabels.status($0)(l) } ?? ""
                let to = TicketStatus(rawValue: e.data["to"] ?? "").map { TicketLabels.status($0)(l) } ?? ""
                detail = "<div>\(from) → \(to)</div>\(e.data["note"].map { "<div class=\"body\">\($0)</div>" as HTML } ?? .empty)"
            case "forwarded", "assigned":
                let parts = [e.data["teamName"], e.data["assigneeName"]].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
                detail = "<div>\(Text("接收：", "To: "), l)\(parts)</div>\(e.data["note"].map { "<div class=\"body\">\($0)</div>" as HTML } ?? .empty)"
            case "escalated":
                let late = e.data["late"] == "true" ? Text("（超过升级时限，迟报）", " (after the escalation time: late)")
                    : e.data["automatic"] == "true" ? Text("（超时自动升级）", " (automatic, on a breach)") : Text("", "")
                detail = "<div>\(Text("级别", "Level"), l) \(e.data["level"] ?? "")\(late, l)</div><div class=\"body\">\(e.data["reason"] ?? "")</div>"
            case "owner_changed":
                detail = "<div>→ \(e.data["toName"] ?? "")</div><div class=\"body\">\(e.data["reason"] ?? "")</div>"
            case "first_response":
                detail = "<div>\(Text("受理后 {0} 分钟（按服务标准计时）", "{0} min after receipt (on the SLA clock)").with(e.data["minutes"] ?? ""), l)</div>"
            case "sla_breached":
                let clock = e.data["clock"] == "first_response" ? Text("首次响应超时", "First response overdue") : Text("解决超时", "Resolution overdue")
                detail = "<div>\(clock, l) · \(Text("时限", "Due"), l) \(time(e.data["dueAt"]))</div>"
            default: break
            }
            let when = Times.parse(e.at).map { Times.display(Clock.millis($0)) } ?? ""
            return "<li class=\"\(cls)\" data-kind=\"\(e.kind)\"><div class=\"meta\">\(when) · \(e.actorName ?? Text("系统", "System")(l)) · \(TicketLabels.event(e.kind), l)</div>\(detail)</li>"
        }

        var forms: [HTML] = []
        if status != .closed {
            let visibilityControl: HTML = staff
                ? FormControls.field(Text("可见范围", "Visibility")(l), for: "comment-visibility", FormControls.select(id: "comment-visibility", name: "visibility",
                    options: [("public", Text("公开回复（客户可见）", "Public reply (customer sees it)")(l)), ("internal", Text("内部备注（仅员工可见）", "Internal note (staff only)")(l))], selected: "public"))
                : "<input type=\"hidden\" name=\"visibility\" value=\"public\" id=\"comment-visibility\">"
            forms.append("""
            <form method="post" action="/tickets/\(t.id)/comments" id="comment-form" class="card">\(page.csrfField)
              <h2><label for="comment-body">\(Text("回复 / 备注", "Reply / note"), l)</label></h2>
              <textarea id="comment-body" name="body" required maxlength="10000"></textarea>
              <div class="actions">\(visibilityControl)<button type="submit" id="comment-submit">\(Text("提交", "Submit"), l)</button></div>
            </form>
            """)
        }
        if staff, status != .closed {
            let nextOptions = status.allowedNext.map { ($0.rawValue, TicketLabels.status($0)(l)) }
            forms.append("""
            <form method="post" action="/tickets/\(t.id)/status" id="status-form" class="card">\(page.csrfField)
              <h2>\(Text("变更状态", "Change status"), l)</h2>
              \(FormControls.field(Text("新状态", "New status")(l), for: "status-select", FormControls.select(id: "status-select", name: "status", options: nextOptions, selected: nil)))
              \(FormControls.field(Text("说明", "Note")(l), for: "status-note", FormControls.input(id: "status-note", name: "note", attributes: "maxlength=\"2000\"")))
              <button type="submit" id="status-submit">\(Text("更新状态", "Update status"), l)</button>
            </form>
            """)
            if t.ownerId == nil {
                forms.append("<form method=\"post\" action=\"/tickets/\(t.id)/take\" id=\"take-form\" class=\"card\">\(page.csrfField)<button type=\"submit\" id=\"take-submit\">\(Text("接手此工单（成为首问负责人）", "Take this ticket (become its owner)"), l)</button></form>")
            }
            let units = try await org.units(viewer: principal, paging: Paging(page: 1, per: 1000), includeInactive: false).items
            let unitOptions = units.map { ($0.id, $0.name) }
            let staffUsers = try await org.users(viewer: principal, filter: .init(activeOnly: true), paging: Paging(page: 1, per: Paging.maxPer)).items
                .filter { !Role.isCustomerOnly(Role.set($0.roles)) }
            let userOptions = [("", Text("（不指定个人）", "(no particular person)")(l))] + staffUsers.map { ($0.id, $0.displayName) }
            forms.append("""
            <form method="post" action="/tickets/\(t.id)/forward" id="forward-form" class="card">\(page.csrfField)
              <h2>\(Text("转交部门 / 人员", "Forward to a department / person"), l)</h2>
              \(FormControls.field(Text("部门", "Department")(l), for: "forward-unit", FormControls.select(id: "forward-unit", name: "toOrgUnitId", options: unitOptions, selected: t.teamId)))
              \(FormControls.field(Text("接收人", "Recipient")(l), for: "forward-user", FormControls.select(id: "forward-user", name: "toUserId", options: userOptions, selected: t.assigneeId ?? "")))
              \(FormControls.field(Text("说明", "Note")(l), for: "forward-note", FormControls.input(id: "forward-note", name: "note", attributes: "maxlength=\"2000\"")))
              <button type="submit" id="forward-submit" class="secondary">\(Text("转交", "Forward"), l)</button>
            </form>
            <form method="post" action="/tickets/\(t.id)/escalate" id="escalate-form" class="card">\(page.csrfField)
              <h2>\(Text("升级（超出权限时 1 小时内）", "Escalate (within 1 hour when beyond your authority)"), l)</h2>
              \(FormControls.field(Text("原因", "Reason")(l), for: "escalate-reason", FormControls.input(id: "escalate-reason", name: "reason", attributes: "required maxlength=\"2000\"")))
              <button type="submit" id="escalate-submit" class="secondary">\(Text("升级", "Escalate"), l)</button>
            </form>
            """)
            if principal.has(.superviseTickets) {
                let csUsers = staffUsers.filter { Role.canOwnTickets(Role.set($0.roles)) }
                forms.append("""
                <form method="post" action="/tickets/\(t.id)/owner" id="owner-form" class="card">\(page.csrfField)
                  <h2>\(Text("变更首问负责人（主管）", "Change owner (supervisor)"), l)</h2>
                  \(FormControls.field(Text("新负责人", "New owner")(l), for: "owner-select", FormControls.select(id: "owner-select", name: "ownerId", options: csUsers.map { ($0.id, $0.displayName) }, selected: t.ownerId)))
                  \(FormControls.field(Text("原因", "Reason")(l), for: "owner-reason", FormControls.input(id: "owner-reason", name: "reason", attributes: "required maxlength=\"2000\"")))
                  <button type="submit" id="owner-submit" class="secondary">\(Text("变更", "Change"), l)</button>
                </form>
                """)
            }
        }
        let errorBox = FormControls.errorBox(error, l)
        let prio = TicketPriority(rawValue: t.priority) ?? .normal
        let customer: HTML = t.customer.map { c in
            "\(c.name)\(c.phone.map { " · " + $0 } ?? "")\(c.email.map { " · " + $0 } ?? "")" as HTML
        } ?? "—"
        let responded: HTML = t.sla.firstRespondedAt != nil ? "\(time(t.sla.firstRespondedAt))" : "<span class=\"badge prio-high\">\(Text("尚未响应", "Not yet"), l)</span>"
        // #10.19: a customer sees what was asked, where it stands and when — not who works it, the service
        // standard, its clocks or its breaches.
        let staffPeople: HTML = staff ? """
              <dt>\(Text("首问负责人", "Owner"), l)</dt><dd id="ticket-owner">\(t.ownerId.flatMap { people[$0] } ?? "—")</dd>
              <dt>\(Text("处理人", "Assignee"), l)</dt><dd id="ticket-assignee">\(t.assigneeId.flatMap { people[$0] } ?? "—")</dd>
              <dt>\(Text("处理部门", "Handling unit"), l)</dt><dd id="ticket-team">\(model.teamName ?? "—")</dd>
            """ : .empty
        let staffClocks: HTML = staff ? """
              <dt>\(Text("首次响应时限", "First response due"), l)</dt><dd>\(time(t.sla.firstResponseDueAt))</dd>
              <dt>\(Text("首次响应", "First response"), l)</dt><dd id="ticket-first-response">\(responded)</dd>
              <dt>\(Text("解决时限", "Resolution due"), l)</dt><dd id="ticket-resolution-due">\(time(t.sla.resolutionDueAt))</dd>
              <dt>\(Text("升级时限", "Escalate by"), l)</dt><dd>\(time(t.sla.escalationDueAt))</dd>
              <dt>\(Text("服务标准", "SLA policy"), l)</dt><dd id="ticket-policy">\(t.sla.policyName ?? Text("默认服务标准", "Default standard")(l)) · \(TicketLabels.calendar(t.sla.calendar), l)</dd>
              \(t.sla.pausedAt != nil ? "<dt>\(Text("计时", "Clock")(l))</dt><dd id=\"ticket-paused\">\(Text("已暂停（等待客户），自", "Paused (waiting on the customer) since")(l)) \(time(t.sla.pausedAt))</dd>" as HTML : .empty)
              \(t.sla.breaches.isEmpty ? .empty : "<dt>\(Text("超时记录", "Breaches")(l))</dt><dd id=\"ticket-breaches\">\(t.sla.breaches.map { b in (b.kind == "first_response" ? Text("首次响应", "First response") : Text("解决", "Resolution"))(l) + " " + time(b.at) }.joined(separator: "；"))</dd>" as HTML)
            """ : .empty
        let body: HTML = """
        <p class="meta"><a href="/tickets">← \(Text("返回工单列表", "Back to tickets"), l)</a></p>
        <div class="actions"><span id="ticket-number" class="badge">\(t.number)</span>
          <span id="ticket-status" class="badge status-\(t.status)" data-status="\(t.status)">\(TicketLabels.status(status), l)</span>
          <span class="badge prio-\(t.priority)">\(TicketLabels.priority(prio), l)</span>
          \(staff && t.escalationLevel > 0 ? "<span class=\"badge prio-urgent\">\(Text("已升级", "Escalated")(l)) \(t.escalationLevel)</span>" as HTML : .empty)</div>
        <h1 id="ticket-subject">\(t.subject)</h1>
        \(errorBox)
        <div class="two-col">
          <div>
            <section class="card"><div class="body" id="ticket-description">\(t.description.isEmpty ? "—" : t.description)</div></section>
            <h2>\(Text("处理记录", "Timeline"), l)</h2>
            <ol id="timeline" class="timeline">\(timeline)</ol>
            \(forms.first ?? .empty)
          </div>
          <aside>
            <section class="card"><dl class="facts">
              <dt>\(Text("客户", "Customer"), l)</dt><dd id="ticket-customer">\(customer)</dd>
              <dt>\(Text("渠道", "Channel"), l)</dt><dd>\(TicketChannel(rawValue: t.channel).map { TicketLabels.channel($0)(l) } ?? t.channel)</dd>
              <dt>\(Text("类型", "Type"), l)</dt><dd>\(TicketType(rawValue: t.type).map { TicketLabels.type($0)(l) } ?? t.type)</dd>
              \(staffPeople)
              \(related.map { "<dt>\(Text("相关记录", "Related")(l))</dt><dd class=\"related-record\"><a href=\"\($0.href)\">\($0.label, l)</a></dd>" as HTML })
              <dt>\(Text("受理时间", "Received"), l)</dt><dd>\(time(t.receivedAt))</dd>
              \(staffClocks)
              <dt>\(Text("解决时间", "Resolved"), l)</dt><dd>\(time(t.sla.resolvedAt))</dd>
            </dl></section>
            \(Array(forms.dropFirst()))
            <p><button type="button" class="secondary" data-print>\(Text("打印", "Print"), l)</button></p>
          </aside>
        </div>
        """
        return shell.render(page, title: Text(t.number + " " + t.subject, t.number + " " + t.subject), active: "tickets", body: body, breadcrumbs: .underActive)
            .response(status: error?.status ?? .ok)
    }

    /// Runs a form action; a rule or validation failure shows the ticket again with the message.
    func act(_ request: Request, _ context: KefuContext, notice: String,
             _ action: @Sendable (Principal, String, FormData) async throws -> Void) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        do {
            try await action(principal, id, form)
            return Redirect.to("/tickets/\(id)?notice=\(notice)")
        } catch let error as AppError where error.status.code == 422 || error.status == .conflict || error.status == .forbidden {
            return try await render(request, context, error: error)
        }
    }

    func register(on router: Router<KefuContext>) {
        router.get("/tickets/:id") { request, context in try await render(request, context) }
        router.post("/tickets/:id/comments") { request, context in
            let form = try await FormData.read(request)
            let notice = form["visibility"] == "internal" ? "noted" : "replied"
            return try await act(request, context, notice: notice) { p, id, f in
                _ = try await tickets.comment(ticketId: id, body: f["body"], visibility: f["visibility"], by: p)
            }
        }
        router.post("/tickets/:id/status") { request, context in
            try await act(request, context, notice: "status") { p, id, f in _ = try await tickets.changeStatus(ticketId: id, to: f["status"], note: f["note"], by: p) }
        }
        router.post("/tickets/:id/take") { request, context in
            try await act(request, context, notice: "taken") { p, id, _ in _ = try await tickets.take(ticketId: id, by: p) }
        }
        router.post("/tickets/:id/forward") { request, context in
            try await act(request, context, notice: "forwarded") { p, id, f in
                _ = try await tickets.forward(ticketId: id, toOrgUnitId: f["toOrgUnitId"], toUserId: f["toUserId"], note: f["note"], by: p)
            }
        }
        router.post("/tickets/:id/escalate") { request, context in
            try await act(request, context, notice: "escalated") { p, id, f in _ = try await tickets.escalate(ticketId: id, reason: f["reason"], toOrgUnitId: nil, by: p) }
        }
        router.post("/tickets/:id/owner") { request, context in
            try await act(request, context, notice: "owner") { p, id, f in _ = try await tickets.changeOwner(ticketId: id, ownerId: f["ownerId"], reason: f["reason"], by: p) }
        }
    }
}
