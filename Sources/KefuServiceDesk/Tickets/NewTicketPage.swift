import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// The form for logging a call in seconds with the keyboard alone: phone first (with look-up as you type),
/// then name, channel, type, priority, subject; Enter in the subject saves.
struct NewTicketPage: Sendable {
    let tickets: TicketService
    let shell: PageShell

    func form(_ request: Request, _ context: KefuContext, values: FormData?) throws -> Response {
        // #11.2: a refused ticket comes back through a redirect; what was typed is drawn again (the shell shows why).
        let values = values ?? context.formFlash?.state(for: "/tickets").map { FormData(values: $0.values) }
        let principal = try context.requirePrincipal()
        if principal.isCustomer { return try customerForm(request, context, values: values) }
        guard principal.has(.createTicket) else { throw AppError.forbidden(Text("只有客服人员可以登记工单", "Only customer-service staff can log tickets")) }
        let page = context.page(request)
        let l = page.locale
        let v = values?.values ?? [:]
        let channels = TicketChannel.allCases.filter { $0 != .api }.map { ($0.rawValue, TicketLabels.channel($0)(l)) }
        let types = TicketType.allCases.map { ($0.rawValue, TicketLabels.type($0)(l)) }
        let priorities = TicketPriority.allCases.map { ($0.rawValue, TicketLabels.priority($0)(l)) }
        let body: HTML = """
        <h1>\(Text("登记工单", "Log a ticket"), l)</h1>
        <form method="post" action="/tickets" id="new-ticket-form" class="card" autocomplete="off">\(page.csrfField)
          <div class="grid">
            <div class="field"><label for="customer-phone">\(Text("来电号码", "Caller's phone"), l)</label>
              \(FormControls.input(id: "customer-phone", name: "customer_phone", type: "tel", value: v["customer_phone"], attributes: "autofocus inputmode=\"tel\" maxlength=\"40\""))
              <div class="lookup" id="customer-lookup" aria-live="polite" data-found="\(Text("已有客户：", "Known customer:")(l))" data-none="\(Text("新客户", "New customer")(l))"></div></div>
            \(FormControls.field(Text("客户姓名", "Customer name")(l), for: "customer-name", FormControls.input(id: "customer-name", name: "customer_name", value: v["customer_name"], attributes: "maxlength=\"100\"")))
            \(FormControls.field(Text("客户邮箱", "Customer email")(l), for: "customer-email", FormControls.input(id: "customer-email", name: "customer_email", type: "email", value: v["customer_email"], attributes: "maxlength=\"200\"")))
            \(FormControls.field(Text("渠道", "Channel")(l), for: "channel", FormControls.select(id: "channel", name: "channel", options: channels, selected: v["channel"] ?? request.queryDictionary["channel"] ?? "phone")))
            \(FormControls.field(Text("类型", "Type")(l), for: "type", FormControls.select(id: "type", name: "type", options: types, selected: v["type"] ?? "inquiry")))
            \(FormControls.field(Text("优先级", "Priority")(l), for: "priority", FormControls.select(id: "priority", name: "priority", options: priorities, selected: v["priority"] ?? "normal")))
          </div>
          \(FormControls.field(Text("主题", "Subject")(l), for: "subject", FormControls.input(id: "subject", name: "subject", value: v["subject"], attributes: "required maxlength=\"200\"")))
          \(FormControls.field(Text("描述", "Description")(l), for: "description", HTML("<textarea id=\"description\" name=\"description\" maxlength=\"10000\">\(v["description"] ?? "")</textarea>")))
          \(FormControls.field(Text("实际来电时间（补录时填写，可留空）", "When the customer called (for calls logged afterwards; optional)")(l), for: "received-at",
                               FormControls.input(id: "received-at", name: "received_at", type: "datetime-local", value: v["received_at"])))
          <div class="actions"><button type="submit" id="create-ticket">\(Text("保存工单", "Save ticket"), l)</button>
          <span class="hint">\(Text("在主题中按回车即可保存", "Press Enter in the subject to save"), l)</span></div>
        </form>
        """
        return shell.render(page, title: Text("登记工单", "Log a ticket"), active: "new-ticket", body: body).response()
    }

    /// A customer with a portal account files a request on the web (CH-01): what happened, nothing else.
    func customerForm(_ request: Request, _ context: KefuContext, values: FormData?) throws -> Response {
        let page = context.page(request)
        let l = page.locale
        let v = values?.values ?? [:]
        let types = [TicketType.repair, .inquiry, .complaint, .return, .exchange, .suggestion, .other].map { ($0.rawValue, TicketLabels.type($0)(l)) }
        let body: HTML = """
        <h1>\(Text("提交问题", "Submit a request"), l)</h1>
        <form method="post" action="/tickets" id="new-ticket-form" class="card">\(page.csrfField)
          \(FormControls.field(Text("类型", "Type")(l), for: "type", FormControls.select(id: "type", name: "type", options: types, selected: v["type"] ?? "repair")))
          \(FormControls.field(Text("主题", "Subject")(l), for: "subject", FormControls.input(id: "subject", name: "subject", value: v["subject"], attributes: "required autofocus maxlength=\"200\"")))
          \(FormControls.field(Text("详细描述", "Details")(l), for: "description", HTML("<textarea id=\"description\" name=\"description\" maxlength=\"10000\">\(v["description"] ?? "")</textarea>")))
          <button type="submit" id="create-ticket">\(Text("提交", "Submit"), l)</button>
        </form>
        """
        return shell.render(page, title: Text("提交问题", "Submit a request"), active: "new-ticket", body: body).response()
    }

    func submit(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        let phone = TextRules.trimmed(form["customer_phone"])
        let name = TextRules.trimmed(form["customer_name"])
        let email = TextRules.trimmed(form["customer_email"])
        let customer = (phone ?? name ?? email) == nil ? nil : CustomerInput(name: name, phone: phone, email: email)
        let input = CreateTicketInput(
            subject: form["subject"], description: form["description"], type: form["type"], channel: form["channel"], priority: form["priority"],
            customer: customer, receivedAt: TextRules.trimmed(form["received_at"]).map { Self.localToRFC3339($0) }
        )
        let ticket = try await tickets.create(input, by: principal)
        return Redirect.to("/tickets/\(ticket.id)?notice=ticket_created&what=" + urlQueryValue(ticket.number))
    }

    /// `datetime-local` gives "2026-11-29T09:30" in the organisation's zone.
    static func localToRFC3339(_ local: String) -> String {
        let offset = Times.zone.secondsFromGMT()
        let sign = offset >= 0 ? "+" : "-"
        let h = abs(offset) / 3600, m = (abs(offset) % 3600) / 60
        let withSeconds = local.count == 16 ? local + ":00" : local
        return withSeconds + String(format: "%@%02d:%02d", sign, h, m)
    }
}
