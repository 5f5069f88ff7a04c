import Foundation
import Hummingbird
import KefuDomain
import KefuOrg
import KefuPlatform

/// #16.3 pages: the call log `/telephony/calls` (filters by customer and agent, paged; one read:
/// `TelephonyService.callLog`), the screen pop's stream `/telephony/live` (server-sent events polling the database, so
/// it works across nodes; 204 for a user without an extension), a call made a ticket (form), and the administrators'
/// extension map `/admin/telephony/extensions` (one read: `TelephonyService.extensionsPage`).
public struct TelephonyPages: Sendable {
    let telephony: TelephonyService
    let shell: PageShell
    let stream: EventStream

    public init(telephony: TelephonyService, shell: PageShell, streams: EventStreamSlots = EventStreamSlots()) {
        self.telephony = telephony
        self.shell = shell
        self.stream = EventStream(slots: streams, interval: .seconds(1))
    }

    public static let callsHref = "/telephony/calls"
    public static let extensionsHref = "/admin/telephony/extensions"
    public static let nav = [
        NavItem(id: "telephony-calls", href: callsHref, label: Text("来电记录", "Calls"), isVisible: { Role.seesUnitTickets($0.roles) }),
        NavItem(id: "admin-telephony-extensions", href: extensionsHref, label: Text("电话分机", "Phone extensions"), area: .admin,
                isVisible: { $0.isAdmin }),
    ]

    static func stateLabel(_ s: String) -> Text {
        switch s {
        case "ringing": return Text("振铃中", "Ringing")
        case "answered": return Text("已接听", "Answered")
        case "missed": return Text("未接", "Missed")
        case "ended": return Text("已结束", "Ended")
        default: return Text(s, s)
        }
    }

    public func register(on router: Router<KefuContext>) {
        let telephony = self.telephony, stream = self.stream
        router.get("/telephony/live") { _, context in
            let principal = try context.requirePrincipal()
            guard !principal.isCustomer, try await telephony.hasExtension(principal) else { return Response(status: .noContent) }
            return try await stream.response(event: "call") {
                let pop = try await telephony.pop(for: principal)
                return (pop.call?.stamp ?? "none", String(decoding: try JSONEncoder().encode(pop), as: UTF8.self))
            }
        }
        router.get(RouterPath(Self.callsHref)) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            let log = try await telephony.callLog(customerId: q["customerId"], agentId: q["agentId"], paging: try Paging.from(q, defaultPer: 20), viewer: principal)
            return renderCalls(context.page(request), log, customerId: q["customerId"], agentId: q["agentId"]).response()
        }
        router.post("/telephony/calls/:id/ticket") { _, context in
            let call = try await telephony.makeTicket(callRowId: try context.parameters.require("id"), by: try context.requirePrincipal())
            return Redirect.to("/tickets/\(call.ticketId ?? "")")
        }
        router.get(RouterPath(Self.extensionsHref)) { request, context in
            let model = try await telephony.extensionsPage(viewer: try context.requirePrincipal())
            return renderExtensions(context.page(request), model).response()
        }
        router.post(RouterPath(Self.extensionsHref)) { request, context in
            let form = try await FormData.read(request)
            _ = try await telephony.putExtension(form["extension"]?.trimmingCharacters(in: .whitespaces) ?? "", TelephonyExtensionInput(agentId: form["agentId"]),
                                                 by: try context.requirePrincipal())
            return Redirect.to("\(Self.extensionsHref)?notice=saved")
        }
        router.post(RouterPath(Self.extensionsHref + "/:extension/unassign")) { _, context in
            try await telephony.deleteExtension(try context.parameters.require("extension"), by: try context.requirePrincipal())
            return Redirect.to("\(Self.extensionsHref)?notice=saved")
        }
    }

    func renderCalls(_ page: PageContext, _ log: TelephonyService.CallLog, customerId: String?, agentId: String?) -> HTML {
        let l = page.locale
        let list = log.calls
        let rows: [DataTable.Row] = list.items.map { c in
            let customer: HTML = c.customerId.map { id in
                "<a href=\"\(Self.callsHref)?customerId=\(id)\">\(c.customerName ?? c.callerNumber)</a>"
            } ?? "—"
            let agent: HTML = c.agentId.map { id in "<a href=\"\(Self.callsHref)?agentId=\(id)\">\(c.agentName ?? id)</a>" } ?? "—"
            let ticket: HTML = c.ticketId.map { id in "<a href=\"/tickets/\(id)\">\(c.ticketNumber ?? id)</a>" }
                ?? (c.answeredAt != nil
                    ? "<form method=\"post\" action=\"/telephony/calls/\(c.id)/ticket\" class=\"inline\">\(page.csrfField)<button type=\"submit\" class=\"link\">\(Text("建工单", "Make a ticket"), l)</button></form>"
                    : "—")
            return DataTable.Row([
                DataTable.Cell("\((c.ringingAt ?? c.answeredAt ?? c.endedAt)?.display ?? "—")"),
                DataTable.Cell("\(c.callerNumber)"),
                DataTable.Cell(customer),
                DataTable.Cell("\(c.extension)"),
                DataTable.Cell(agent),
                DataTable.Cell("\(Self.stateLabel(c.state), l)"),
                DataTable.Cell("\(String(c.rings))", class: "num"),
                DataTable.Cell(ticket),
            ], attributes: "data-id=\"\(c.id)\" data-state=\"\(c.state)\"")
        }
        let agentOptions = [("", Text("全部客服", "All agents")(l))] + log.agents.map { ($0.id, $0.name) }
        var query: [String: String] = [:]
        if let customerId, !customerId.isEmpty { query["customerId"] = customerId }
        if let agentId, !agentId.isEmpty { query["agentId"] = agentId }
        let customerFilter: HTML = log.customerName.map { name in
            "<p id=\"calls-customer\">\(Text("客户", "Customer"), l): <strong>\(name)</strong> · <a href=\"\(Self.callsHref)\">\(Text("全部来电", "All calls"), l)</a></p>"
        } ?? .empty
        let table: HTML = list.items.isEmpty
            ? "<p class=\"empty\" id=\"calls-empty\">\(Text("没有来电记录", "No calls"), l)</p>"
            : DataTable.render(id: "calls-list", headers: [
                Text("时间", "Time")(l), Text("来电号码", "Caller")(l), Text("客户", "Customer")(l), Text("分机", "Extension")(l),
                Text("客服", "Agent")(l), Text("状态", "State")(l), Text("响铃", "Rings")(l), Text("工单", "Ticket")(l),
            ], rows: rows)
        let body: HTML = """
        <h1>\(Text("来电记录", "Calls"), l)</h1>
        <form method="get" action="\(Self.callsHref)" class="toolbar" id="calls-filter">
          \(customerId.map { "<input type=\"hidden\" name=\"customerId\" value=\"\($0)\">" as HTML } ?? .empty)
          <label>\(Text("客服", "Agent"), l) \(FormControls.select(id: "calls-agent", name: "agentId", options: agentOptions, selected: agentId))</label>
          <button type="submit">\(Text("筛选", "Filter"), l)</button>
        </form>
        \(customerFilter)
        <section class="card">\(table)
          \(FormControls.pager(basePath: Self.callsHref, query: query, page: list.page, per: list.per, total: list.total, locale: l))
        </section>
        """
        return shell.render(page, title: Text("来电记录", "Calls"), active: "telephony-calls", body: body)
    }

    func renderExtensions(_ page: PageContext, _ m: TelephonyService.ExtensionsPage) -> HTML {
        let l = page.locale
        let rows: [DataTable.Row] = m.extensions.map { e in
            let unassign: HTML = """
            <form method="post" action="\(Self.extensionsHref)/\(e.extension)/unassign" class="inline">\(page.csrfField)<button type="submit" class="link" id="unassign-\(e.extension)">\(Text("取消分配", "Unassign"), l)</button></form>
            """
            return DataTable.Row([DataTable.Cell("\(e.extension)"), DataTable.Cell("\(e.agentName)"), DataTable.Cell("\(e.updatedAt.display)"), DataTable.Cell(unassign)],
                                 attributes: "data-extension=\"\(e.extension)\"")
        }
        let table: HTML = m.extensions.isEmpty
            ? "<p class=\"empty\" id=\"extensions-empty\">\(Text("还没有分配分机", "No extensions assigned yet"), l)</p>"
            : DataTable.render(id: "extensions-list", headers: [Text("分机", "Extension")(l), Text("客服", "Agent")(l), Text("更新时间", "Updated")(l), ""], rows: rows)
        let body: HTML = """
        <h1>\(Text("电话分机", "Phone extensions"), l)</h1>
        <p class="hint">\(Text("电话系统按分机号推送来电；分机分配给哪位客服，来电就弹屏给谁，未接来电的回拨工单也归其所在单位。", "The phone system reports calls by extension: the agent an extension is assigned to gets the screen pop, and a missed call's call-back ticket goes to that agent's unit."), l)</p>
        <section class="card">\(table)</section>
        <section class="card"><h2>\(Text("分配分机", "Assign an extension"), l)</h2>
          <form method="post" action="\(Self.extensionsHref)" id="extension-form">\(page.csrfField)
            <label>\(Text("分机号", "Extension"), l) <input name="extension" id="extension-number" inputmode="numeric" pattern="[0-9]{1,20}" required></label>
            <label>\(Text("客服", "Agent"), l) \(FormControls.select(id: "extension-agent", name: "agentId", options: m.agents.map { ($0.id, $0.name) }, selected: nil))</label>
            <button type="submit" id="extension-save">\(Text("保存", "Save"), l)</button>
          </form>
        </section>
        """
        return shell.render(page, title: Text("电话分机", "Phone extensions"), active: "admin-telephony-extensions", body: body)
    }
}
