import Foundation
import Hummingbird
import KefuDomain
import KefuOrg
import KefuPlatform

/// One ticket: facts, timeline, and (#11.4) one form to reply or note, set the status and the assignee together, plus
/// the hand-on actions the ticket's state allows. Printed, it shows number, status, customer, clocks and timeline.
struct TicketDetailPage: Sendable {
    let tickets: TicketService
    let queries: TicketQueries
    let links: [any TicketLinkProvider]
    /// #13.6: the parts section (the materials feature, through the composition root).
    let parts: (any TicketPartsProvider)?
    /// #16 item 6 TKT-05.
    let customerFlags: CustomerFlagService
    let shell: PageShell

    func render(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let id = try context.parameters.require("id")
        // #11.2 FormFlash: a refused submit came back here (PRG) with what was typed and why.
        let state = principal.isCustomer ? page.formState(action: "/tickets/\(id)/comments") : page.formState(action: "/tickets/\(id)/handle")
        let model = try await queries.pageModel(id: id, viewer: principal, links: links, parts: parts)
        let t = model.ticket, people = model.people, related = model.related
        let status = TicketStatus(rawValue: t.status) ?? .open
        let staff = !principal.isCustomer
        let actions = model.actions
        let times = model.instants
        let time: (Instant?) -> String = { $0.displayOrDash }
        // #11.6: the people and units to choose from come with the model (Org's query API, the page's one read).
        let staffUsers = model.staff
        let forms = TicketHandleForm(ticket: t, actions: actions, staffUsers: staffUsers.map { ($0.id, $0.displayName) },
                                     units: model.units.map { ($0.id, $0.name) }, state: state, page: page, templates: model.replyTemplates)
        let owners = staffUsers.filter { Role.canOwnTickets($0.roles) }.map { ($0.id, $0.displayName) }

        let prio = TicketPriority(rawValue: t.priority) ?? .normal
        let flagView = model.customerFlags.map { TicketCustomerFlagView(flags: $0, ticketId: t.id, page: page) }
        let customer: HTML = t.customer.map { c in
            "\(c.name)\(c.phone.map { " · " + $0 } ?? "")\(c.email.map { " · " + $0 } ?? "")" as HTML
        } ?? "—"
        let responded: HTML = times.firstResponded != nil ? "\(time(times.firstResponded))" : "<span class=\"badge prio-high\">\(Text("尚未响应", "Not yet"), l)</span>"
        // #10.19: a customer sees what was asked, where it stands and when — not who works it, the service
        // standard, its clocks or its breaches.
        let staffPeople: HTML = staff ? """
              <dt>\(Text("首问负责人", "Owner"), l)</dt><dd id="ticket-owner">\(t.ownerId.flatMap { people[$0] } ?? "—")</dd>
              <dt>\(Text("处理人", "Assignee"), l)</dt><dd id="ticket-assignee">\(t.assigneeId.flatMap { people[$0] } ?? "—")</dd>
              <dt>\(Text("处理部门", "Handling unit"), l)</dt><dd id="ticket-team">\(model.teamName ?? "—")</dd>
            """ : .empty
        let staffClocks: HTML = staff ? """
              <dt>\(Text("首次响应时限", "First response due"), l)</dt><dd>\(time(times.firstResponseDue))</dd>
              <dt>\(Text("首次响应", "First response"), l)</dt><dd id="ticket-first-response">\(responded)</dd>
              <dt>\(Text("解决时限", "Resolution due"), l)</dt><dd id="ticket-resolution-due">\(time(times.resolutionDue))</dd>
              <dt>\(Text("升级时限", "Escalate by"), l)</dt><dd>\(time(times.escalationDue))</dd>
              <dt>\(Text("服务标准", "SLA policy"), l)</dt><dd id="ticket-policy">\(t.sla.policyName ?? Text("默认服务标准", "Default standard")(l)) · \(TicketLabels.calendar(t.sla.calendar), l)</dd>
              \(times.paused != nil ? "<dt>\(Text("计时", "Clock")(l))</dt><dd id=\"ticket-paused\">\(Text("已暂停（等待客户），自", "Paused (waiting on the customer) since")(l)) \(time(times.paused))</dd>" as HTML : .empty)
              \(times.breaches.isEmpty ? .empty : "<dt>\(Text("超时记录", "Breaches")(l))</dt><dd id=\"ticket-breaches\">\(times.breaches.map { b in (b.kind == "first_response" ? Text("首次响应", "First response") : Text("解决", "Resolution"))(l) + " " + time(b.at) }.joined(separator: "；"))</dd>" as HTML)
            """ : .empty
        let body: HTML = """
        <p class="meta no-print"><a href="/tickets">← \(Text("返回工单列表", "Back to tickets"), l)</a></p>
        <div class="ticket-head"><span id="ticket-number" class="badge">\(t.number)</span>
          <span id="ticket-status" class="badge status-\(t.status)" data-status="\(t.status)">\(TicketLabels.status(status), l)</span>
          <span class="badge prio-\(t.priority)">\(TicketLabels.priority(prio), l)</span>
          \(staff && t.escalationLevel > 0 ? "<span class=\"badge prio-urgent\">\(Text("已升级", "Escalated")(l)) \(t.escalationLevel)</span>" as HTML : .empty)</div>
        <h1 id="ticket-subject">\(t.subject)</h1>
        <div class="two-col">
          <div>
            <section class="card"><div class="body" id="ticket-description">\(t.description.isEmpty ? "—" : t.description)</div></section>
            <h2>\(Text("处理记录", "Timeline"), l)</h2>
            <ol id="timeline" class="timeline">\(TicketTimelineView.render(model.timeline, l))</ol>
            \(forms.main)
            \(model.parts.map { TicketPartsView.render($0, ticketId: t.id, page: page) } ?? .empty)
          </div>
          <aside>
            <section class="card"><dl class="facts">
              <dt>\(Text("客户", "Customer"), l)</dt><dd id="ticket-customer">\(customer)\(flagView?.badge ?? .empty)</dd>
              <dt>\(Text("渠道", "Channel"), l)</dt><dd>\(TicketChannel(rawValue: t.channel).map { TicketLabels.channel($0)(l) } ?? t.channel)</dd>
              <dt>\(Text("类型", "Type"), l)</dt><dd>\(TicketType(rawValue: t.type).map { TicketLabels.type($0)(l) } ?? t.type)</dd>
              \(staffPeople)
              \(related.map { "<dt>\(Text("相关记录", "Related")(l))</dt><dd class=\"related-record\"><a href=\"\($0.href)\">\($0.label, l)</a></dd>" as HTML })
              <dt>\(Text("受理时间", "Received"), l)</dt><dd>\(time(times.received))</dd>
              \(staffClocks)
              <dt>\(Text("解决时间", "Resolved"), l)</dt><dd>\(time(times.resolved))</dd>
            </dl></section>
            \(forms.handOns)
            \(forms.ownerForm(owners: owners))
            \(flagView?.card ?? .empty)
            <p class="no-print"><button type="button" class="secondary" data-print id="print-ticket">\(Text("打印", "Print"), l)</button></p>
          </aside>
        </div>
        """
        return shell.render(page, title: Text(t.number + " " + t.subject, t.number + " " + t.subject), active: "tickets", body: body, breadcrumbs: .underActive)
            .response()
    }

    /// Runs a form action; after success the browser is sent back to the ticket saying what happened (PRG). A refusal
    /// is thrown: `FormFlashMiddleware` answers 303 to the ticket, which draws the form again with what was typed and
    /// the message under its field (#11.2).
    func act(_ request: Request, _ context: KefuContext, notice: @escaping @Sendable (FormData) -> String,
             _ action: @Sendable (Principal, String, FormData) async throws -> String?) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        let done = try await action(principal, id, form) ?? notice(form)
        return Redirect.to("/tickets/\(id)?notice=\(done)")
    }

    func register(on router: Router<KefuContext>) {
        router.get("/tickets/:id") { request, context in try await render(request, context) }
        router.post("/tickets/:id/handle") { request, context in
            try await act(request, context, notice: { _ in "saved" }) { p, id, f in
                let done = try await tickets.handle(ticketId: id, HandleTicketInput(body: f["body"], visibility: f["visibility"], status: f["status"],
                                                                                    assigneeId: f["assigneeId"]), by: p)
                if let c = done.commented { return c == .internal ? "noted" : "replied" }
                return done.statusChanged ? "status" : "assigned"
            }
        }
        router.post("/tickets/:id/comments") { request, context in
            try await act(request, context, notice: { $0["visibility"] == "internal" ? "noted" : "replied" }) { p, id, f in
                _ = try await tickets.comment(ticketId: id, body: f["body"], visibility: f["visibility"], by: p)
                return nil
            }
        }
        router.post("/tickets/:id/status") { request, context in
            try await act(request, context, notice: { _ in "status" }) { p, id, f in
                _ = try await tickets.changeStatus(ticketId: id, to: f["status"], note: f["note"], by: p)
                return nil
            }
        }
        router.post("/tickets/:id/take") { request, context in
            try await act(request, context, notice: { _ in "taken" }) { p, id, _ in _ = try await tickets.take(ticketId: id, by: p); return nil }
        }
        router.post("/tickets/:id/forward") { request, context in
            try await act(request, context, notice: { _ in "forwarded" }) { p, id, f in
                _ = try await tickets.forward(ticketId: id, toOrgUnitId: f["toOrgUnitId"], toUserId: f["toUserId"], note: f["note"], by: p)
                return nil
            }
        }
        router.post("/tickets/:id/escalate") { request, context in
            try await act(request, context, notice: { _ in "escalated" }) { p, id, f in
                _ = try await tickets.escalate(ticketId: id, reason: f["reason"], toOrgUnitId: nil, by: p)
                return nil
            }
        }
        // #16 item 6 TKT-05: propose a flag on the ticket's customer; a supervisor's decision on it.
        router.post("/tickets/:id/customer-flag") { request, context in
            try await act(request, context, notice: { _ in "flag-proposed" }) { p, id, f in
                _ = try await customerFlags.propose(customerId: f["customerId"] ?? "", reason: f["reason"], ticketId: id, by: p)
                return nil
            }
        }
        router.post("/tickets/:id/customer-flag/decide") { request, context in
            try await act(request, context, notice: { "flag-" + ($0["step"] ?? "") }) { p, _, f in
                _ = try await customerFlags.decide(customerId: f["customerId"] ?? "", step: f["step"] ?? "", note: f["note"], by: p)
                return nil
            }
        }
        router.post("/tickets/:id/owner") { request, context in
            try await act(request, context, notice: { _ in "owner" }) { p, id, f in
                _ = try await tickets.changeOwner(ticketId: id, ownerId: f["ownerId"], reason: f["reason"], by: p)
                return nil
            }
        }
    }
}
