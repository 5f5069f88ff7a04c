import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// VIS-01/02 as pages: the mailing register with its search and request form, a mailing with the "sent" form
/// (courier, tracking number) or the "delivered" button, printable; ticket deliveries likewise with "delivered".
extension ScenicPages {
    func registerDeliveries(on router: Router<KefuContext>) {
        router.get("/scenic/mailings") { request, context in try await mailingList(request, context) }
        router.post("/scenic/mailings") { request, context in try await requestMailing(request, context) }
        router.get("/scenic/mailings/:id") { request, context in try await mailingDetail(request, context) }
        router.post("/scenic/mailings/:id/send") { request, context in try await sendMailing(request, context) }
        router.post("/scenic/mailings/:id/deliver") { request, context in try await deliverMailing(request, context) }
        router.get("/scenic/ticket-deliveries") { request, context in try await deliveryList(request, context) }
        router.post("/scenic/ticket-deliveries") { request, context in try await scheduleDelivery(request, context) }
        router.get("/scenic/ticket-deliveries/:id") { request, context in try await deliveryDetail(request, context) }
        router.post("/scenic/ticket-deliveries/:id/deliver") { request, context in try await deliverTickets(request, context) }
    }

    static func mailingBadge(_ s: MailingRules.Status, _ l: AppLocale) -> HTML {
        "<span class=\"badge scenic-mailing-status\" data-status=\"\(s.rawValue)\">\(ScenicLabels.mailingStatus(s), l)</span>"
    }

    static func deliveryBadge(_ s: TicketDeliveryRules.Status, _ l: AppLocale) -> HTML {
        "<span class=\"badge scenic-delivery-status\" data-status=\"\(s.rawValue)\">\(ScenicLabels.ticketDeliveryStatus(s), l)</span>"
    }

    static func searchForm(_ id: String, _ action: String, _ q: [String: String], _ label: Text, _ l: AppLocale) -> HTML {
        """
        <form method="get" action="\(action)" class="toolbar filters no-print" id="\(id)-filter">
        \(FormControls.field(label(l), for: "\(id)-q", FormControls.input(id: "\(id)-q", name: "q", value: q["q"])))
        <button type="submit" id="\(id)-apply">\(Text("查询", "Search"), l)</button></form>
        """
    }

    // MARK: mailing

    func mailingList(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try Self.requireWorker(principal)
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await scenic.mailings(q, paging: try Paging.from(q, defaultPer: 20), viewer: principal)
        let action = "\(Self.path)/mailings"
        let state = page.formState(action: action)
        let rows: [DataTable.Row] = m.items.map { x in
            DataTable.Row(plain: ["<a class=\"scenic-mailing-link\" href=\"\(action)/\(x.id)\">\(x.number)</a>", "\(x.visitorName)", "\(x.addressee) · \(x.phone)",
                                  "\(x.items)", "¥\(x.fee)", "\(x.courier.map { $0 + " " + (x.trackingNo ?? "") } ?? "—")", "\(Self.mailingBadge(x.status, l))"],
                          attributes: "class=\"scenic-mailing-row\" data-id=\"\(x.id)\" data-number=\"\(x.number)\"")
        }
        let headers = [Text("编号", "Number"), Text("游客", "Visitor"), Text("收件人", "Addressee"), Text("物品", "Items"), Text("邮费", "Postage"),
                       Text("快递", "Courier"), Text("状态", "State")].map { $0(l) }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有代邮登记", "No mailings"), l)</p>"
            : DataTable.render(id: "scenic-mailing-list", headers: headers, rows: rows)
        let fields: Set<String> = ["visitorName", "addressee", "address", "phone", "items", "fee"]
        let body: HTML = """
        <h1 id="scenic-mailing-title">\(Text("代邮服务", "Mailing service"), l)</h1>
        <p class="hint">\(Text("营销部门为特殊游客代邮所购旅游工艺品：登记、寄出（快递公司和单号）、妥投（VIS-01/02）。", "Marketing mails the crafts a special visitor bought: registered, sent (courier and tracking number), delivered (VIS-01/02)."), l)</p>
        \(Self.searchForm("scenic-mailing", action, q, Text("编号、单号、姓名或电话", "Number, tracking no., name or phone"), l))
        <p class="no-print"><button type="button" data-print>\(Text("打印", "Print"), l)</button></p>
        \(table)
        \(FormControls.pager(basePath: action, query: q.filter { $0.key == "q" && !$0.value.isEmpty }, page: m.page, per: m.per, total: m.total, locale: l))
        <section class="card no-print" id="scenic-mailing-request"><h2>\(Text("登记代邮", "Register a mailing"), l)</h2>
        \(state.generalMessage(fields: fields, l, id: "form-error"))
        <form method="post" action="\(action)" id="scenic-mailing-form">\(page.csrfField)
        <div class="grid one-column">
        \(Self.textField(state, "mailing", "visitorName", Text("游客姓名", "Visitor's name"), l, attributes: "required"))
        \(Self.textField(state, "mailing", "addressee", Text("收件人", "Addressee"), l, attributes: "required"))
        \(Self.textArea(state, "mailing", "address", Text("收件地址", "Address"), l, required: true))
        \(Self.textField(state, "mailing", "phone", Text("收件人电话", "Addressee's phone"), l, type: "tel", attributes: "required"))
        \(Self.textArea(state, "mailing", "items", Text("邮寄物品（工艺品名称、件数）", "Items (crafts, how many)"), l, required: true))
        \(Self.textField(state, "mailing", "fee", Text("邮费（元，无则不填）", "Postage (yuan, blank if none)"), l, attributes: "inputmode=\"decimal\""))
        </div>
        <div class="actions"><button type="submit" id="scenic-mailing-submit">\(Text("登记", "Register"), l)</button></div>
        </form></section>
        """
        return shell.render(page, title: Text("代邮服务", "Mailing service"), active: "scenic-mailings", body: body, breadcrumbs: .underActive).response()
    }

    func requestMailing(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        let m = try await scenic.requestMailing(ScenicBody(Self.values(form)), by: principal)
        return Redirect.to("\(Self.path)/mailings/\(m.id)?notice=mailing")
    }

    func mailingDetail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let m = try await scenic.mailing(id: try context.parameters.require("id"), viewer: principal)
        let base = "\(Self.path)/mailings/\(m.id)"
        var step: HTML = .empty
        if m.actions.contains("send") {
            let state = page.formState(action: base + "/send")
            step = """
            <form method="post" action="\(base)/send" id="scenic-mailing-send-form" class="card no-print"><h2>\(Text("寄出", "Send"), l)</h2>\(page.csrfField)
            \(state.generalMessage(fields: ["courier", "trackingNo"], l, id: "scenic-mailing-send-error"))
            <div class="grid one-column">
            \(Self.textField(state, "send", "courier", Text("快递公司", "Courier"), l, attributes: "required"))
            \(Self.textField(state, "send", "trackingNo", Text("快递单号", "Tracking number"), l, attributes: "required"))
            </div>
            <button type="submit" id="scenic-mailing-send">\(Text("已寄出", "Sent"), l)</button></form>
            """
        } else if m.actions.contains("deliver") {
            step = """
            <form method="post" action="\(base)/deliver" id="scenic-mailing-deliver-form" class="no-print">\(page.csrfField)
            <button type="submit" id="scenic-mailing-deliver">\(Text("确认已妥投", "Mark delivered"), l)</button></form>
            """
        }
        let body: HTML = """
        <h1 id="scenic-mailing-detail-title">\(Text("代邮", "Mailing"), l) \(m.number)</h1>
        <p class="meta" id="scenic-mailing-state">\(Self.mailingBadge(m.status, l)) · \(m.unitName)</p>
        \(step)
        <dl class="facts" id="scenic-mailing-facts">
        <dt>\(Text("游客", "Visitor"), l)</dt><dd>\(m.visitorName)</dd>
        <dt>\(Text("收件人", "Addressee"), l)</dt><dd>\(m.addressee) · \(m.phone)</dd>
        <dt>\(Text("收件地址", "Address"), l)</dt><dd>\(m.address)</dd>
        <dt>\(Text("邮寄物品", "Items"), l)</dt><dd>\(m.items)</dd>
        <dt>\(Text("邮费", "Postage"), l)</dt><dd id="scenic-mailing-fee">¥\(m.fee)</dd>
        <dt>\(Text("快递", "Courier"), l)</dt><dd id="scenic-mailing-courier">\(m.courier ?? "—") \(m.trackingNo ?? "")</dd>
        <dt>\(Text("登记", "Registered"), l)</dt><dd>\(m.requestedByName) · \(Times.display(m.requestedMillis))</dd>
        </dl>
        <p class="no-print"><button type="button" data-print>\(Text("打印", "Print"), l)</button> · <a href="\(Self.path)/mailings">\(Text("返回代邮服务", "Back to mailings"), l)</a></p>
        """
        return shell.render(page, title: ScenicLabels.titled(Text("代邮", "Mailing"), m.number), active: "scenic-mailings", body: body, breadcrumbs: .underActive).response()
    }

    func sendMailing(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        _ = try await scenic.sendMailing(id: id, ScenicBody(Self.values(form)), by: principal)
        return Redirect.to("\(Self.path)/mailings/\(id)?notice=sent")
    }

    func deliverMailing(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        _ = try await FormData.read(request)
        _ = try await scenic.deliverMailing(id: id, by: principal)
        return Redirect.to("\(Self.path)/mailings/\(id)?notice=delivered")
    }

    // MARK: ticket delivery

    func deliveryList(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try Self.requireWorker(principal)
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await scenic.ticketDeliveries(q, paging: try Paging.from(q, defaultPer: 20), viewer: principal)
        let action = "\(Self.path)/ticket-deliveries"
        let state = page.formState(action: action)
        let rows: [DataTable.Row] = m.items.map { t in
            DataTable.Row(plain: ["<a class=\"scenic-delivery-link\" href=\"\(action)/\(t.id)\">\(t.number)</a>", "\(t.reservationRef)", "\(t.tickets)",
                                  "\(t.deliverTo) · \(t.phone)", "\(t.place)", "\(t.dueAt)", "\(Self.deliveryBadge(t.status, l))"],
                          attributes: "class=\"scenic-delivery-row\" data-id=\"\(t.id)\" data-number=\"\(t.number)\"")
        }
        let headers = [Text("编号", "Number"), Text("预约", "Reservation"), Text("票数", "Tickets"), Text("送交", "To"), Text("地点", "Where"),
                       Text("时间", "When"), Text("状态", "State")].map { $0(l) }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有送票登记", "No ticket deliveries"), l)</p>"
            : DataTable.render(id: "scenic-delivery-list", headers: headers, rows: rows)
        let fields: Set<String> = ["reservationRef", "tickets", "deliverTo", "phone", "place", "dueAt", "note"]
        let body: HTML = """
        <h1 id="scenic-delivery-title">\(Text("预约送票", "Ticket delivery"), l)</h1>
        <p class="hint">\(Text("市场运营部为预约的特殊团体送票：登记送票的时间、地点和对象，送达后登记签收人（VIS-01/02）。", "Market ops delivers the tickets of a special group's reservation: when, where and to whom; on delivery who received them (VIS-01/02)."), l)</p>
        \(Self.searchForm("scenic-delivery", action, q, Text("编号、预约编号、姓名或电话", "Number, reservation, name or phone"), l))
        <p class="no-print"><button type="button" data-print>\(Text("打印", "Print"), l)</button></p>
        \(table)
        \(FormControls.pager(basePath: action, query: q.filter { $0.key == "q" && !$0.value.isEmpty }, page: m.page, per: m.per, total: m.total, locale: l))
        <section class="card no-print" id="scenic-delivery-schedule"><h2>\(Text("登记送票", "Schedule a delivery"), l)</h2>
        \(state.generalMessage(fields: fields, l, id: "form-error"))
        <form method="post" action="\(action)" id="scenic-delivery-form">\(page.csrfField)
        <div class="grid one-column">
        \(Self.textField(state, "delivery", "reservationRef", Text("预约编号（如接待计划编号）", "Reservation (e.g. the reception plan's number)"), l, attributes: "required"))
        \(Self.textField(state, "delivery", "tickets", Text("票数", "Tickets"), l, type: "number", attributes: "required min=\"1\" max=\"\(TicketDeliveryRules.maxTickets)\""))
        \(Self.textField(state, "delivery", "deliverTo", Text("送交何人", "Deliver to"), l, attributes: "required"))
        \(Self.textField(state, "delivery", "phone", Text("联系电话", "Phone"), l, type: "tel", attributes: "required"))
        \(Self.textField(state, "delivery", "place", Text("送票地点", "Where"), l, attributes: "required"))
        \(Self.textField(state, "delivery", "dueAt", Text("送票时间（如 2026-12-20 09:00）", "When (e.g. 2026-12-20 09:00)"), l, attributes: "required"))
        \(Self.textField(state, "delivery", "note", Text("备注", "Note"), l))
        </div>
        <div class="actions"><button type="submit" id="scenic-delivery-submit">\(Text("登记", "Schedule"), l)</button></div>
        </form></section>
        """
        return shell.render(page, title: Text("预约送票", "Ticket delivery"), active: "scenic-ticket-deliveries", body: body, breadcrumbs: .underActive).response()
    }

    func scheduleDelivery(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        let t = try await scenic.scheduleTicketDelivery(ScenicBody(Self.values(form)), by: principal)
        return Redirect.to("\(Self.path)/ticket-deliveries/\(t.id)?notice=delivery")
    }

    func deliveryDetail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let t = try await scenic.ticketDelivery(id: try context.parameters.require("id"), viewer: principal)
        let base = "\(Self.path)/ticket-deliveries/\(t.id)"
        var step: HTML = .empty
        if t.actions.contains("deliver") {
            let state = page.formState(action: base + "/deliver")
            step = """
            <form method="post" action="\(base)/deliver" id="scenic-delivery-deliver-form" class="card no-print"><h2>\(Text("已送达", "Delivered"), l)</h2>\(page.csrfField)
            \(state.generalMessage(fields: ["receivedBy"], l, id: "scenic-delivery-deliver-error"))
            \(Self.textField(state, "deliver", "receivedBy", Text("签收人", "Received by"), l, attributes: "required"))
            <button type="submit" id="scenic-delivery-deliver">\(Text("登记送达", "Record delivery"), l)</button></form>
            """
        }
        let delivered: HTML = t.deliveredMillis.map {
            "<dt>\(Text("送达", "Delivered"), l)</dt><dd id=\"scenic-delivery-received\">\(t.receivedBy ?? "—") · \(t.deliveredByName ?? "—") · \(Times.display($0))</dd>" as HTML
        } ?? .empty
        let body: HTML = """
        <h1 id="scenic-delivery-detail-title">\(Text("送票", "Ticket delivery"), l) \(t.number)</h1>
        <p class="meta" id="scenic-delivery-state">\(Self.deliveryBadge(t.status, l)) · \(t.unitName)</p>
        \(step)
        <dl class="facts" id="scenic-delivery-facts">
        <dt>\(Text("预约", "Reservation"), l)</dt><dd>\(t.reservationRef)</dd>
        <dt>\(Text("票数", "Tickets"), l)</dt><dd>\(t.tickets)</dd>
        <dt>\(Text("送交", "To"), l)</dt><dd>\(t.deliverTo) · \(t.phone)</dd>
        <dt>\(Text("地点和时间", "Where and when"), l)</dt><dd>\(t.place) · \(t.dueAt)</dd>
        \(t.note.map { "<dt>\(Text("备注", "Note"), l)</dt><dd>\($0)</dd>" as HTML } ?? .empty)
        <dt>\(Text("登记", "Registered"), l)</dt><dd>\(t.createdByName) · \(Times.display(t.createdMillis))</dd>
        \(delivered)
        </dl>
        <p class="no-print"><button type="button" data-print>\(Text("打印", "Print"), l)</button> · <a href="\(Self.path)/ticket-deliveries">\(Text("返回预约送票", "Back to ticket deliveries"), l)</a></p>
        """
        return shell.render(page, title: ScenicLabels.titled(Text("送票", "Ticket delivery"), t.number), active: "scenic-ticket-deliveries", body: body, breadcrumbs: .underActive).response()
    }

    func deliverTickets(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        _ = try await scenic.deliverTickets(id: id, ScenicBody(Self.values(form)), by: principal)
        return Redirect.to("\(Self.path)/ticket-deliveries/\(id)?notice=tickets_delivered")
    }
}
