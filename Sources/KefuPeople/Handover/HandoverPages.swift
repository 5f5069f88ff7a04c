import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 人员 › 交接班 and 公告 (#15.2) as pages: the viewer's recent shifts with their handover state ("交接未完成" until the
/// incoming person accepts, SHF-02), the handover lists, the outgoing person's form with the facts Kefu filled in, the
/// incoming person's accept/return page with its unread announcements (SHF-04), printable; announcements with the
/// publisher's form and receipts. Refusals come back through `FormFlash` with what was typed.
public struct HandoverPages: Sendable {
    let handovers: HandoverService
    let announcements: AnnouncementService
    let shell: PageShell

    public init(handovers: HandoverService, announcements: AnnouncementService, shell: PageShell) {
        self.handovers = handovers
        self.announcements = announcements
        self.shell = shell
    }

    public static let nav: [NavItem] = [
        NavItem(id: "people-handovers", href: "/people/handovers", label: Text("交接班", "Shift handover"), area: .people, group: Text("排班", "Rosters"),
                isVisible: { RosterRoles.isStaff($0.roles) }),
        NavItem(id: "people-announcements", href: "/people/announcements", label: Text("公告", "Announcements"), area: .people, group: Text("排班", "Rosters"),
                isVisible: { RosterRoles.isStaff($0.roles) }),
    ]

    public func register(on router: Router<KefuContext>) {
        router.get("/people/handovers") { request, context in try await list(request, context) }
        router.post("/people/handovers") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            let h = try await handovers.create(HandoverInput(entryId: form["entryId"]), by: principal)
            return Redirect.to("/people/handovers/\(h.id)")
        }
        router.get("/people/handovers/:id") { request, context in try await detail(request, context) }
        router.post("/people/handovers/:id/:step") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            let form = try await FormData.read(request)
            let input = HandoverInput(equipment: form["equipment"], issues: form["issues"], staffing: form["staffing"], notes: form["notes"])
            let h: HandoverView
            switch try context.parameters.require("step") {
            case "save": h = try await handovers.update(id: id, input, by: principal)
            case "submit": h = try await handovers.submit(id: id, input, by: principal)
            case "accept": h = try await handovers.accept(id: id, by: principal)
            case "return": h = try await handovers.sendBack(id: id, HandoverReturnInput(reason: form["reason"]), by: principal)
            default: throw AppError.notFound(Text("页面", "Page"))
            }
            return Redirect.to("/people/handovers/\(h.id)")
        }
        router.get("/people/announcements") { request, context in try await announcementList(request, context) }
        router.post("/people/announcements") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            let a = try await announcements.publish(AnnouncementInput(orgUnitId: form["orgUnitId"], title: form["title"], body: form["body"], expiresOn: form["expiresOn"]),
                                                    by: principal)
            return Redirect.to("/people/announcements/\(a.id)/receipts")
        }
        router.get("/people/announcements/:id") { request, context in try await announcementPage(request, context) }
        router.get("/people/announcements/:id/receipts") { request, context in try await receiptsPage(request, context) }
    }

    static func statusLabel(_ s: String?) -> Text {
        switch s {
        case "draft": Text("草稿（交接未完成）", "Draft (handover not complete)")
        case "submitted": Text("待接班人签收（交接未完成）", "Awaiting the incoming person (handover not complete)")
        case "returned": Text("被退回（交接未完成）", "Sent back (handover not complete)")
        case "accepted": Text("已交接，班次已结束", "Handed over, shift closed")
        default: Text("未交班", "Not handed over")
        }
    }

    static func shiftLabel(_ s: HandoverShiftView) -> String { "\(s.date) \(s.shiftName) \(s.start)–\(s.end)" }

    /// The unread announcements (SHF-04), each a link that opens (and marks read) it.
    static func unreadBox(_ unread: ListPage<AnnouncementView>, _ l: AppLocale) -> HTML {
        guard !unread.items.isEmpty else { return .empty }
        let items = unread.items.map { "<li><a class=\"unread-announcement\" href=\"/people/announcements/\($0.id)\">\(HTML.escape($0.title))</a> · \(HTML.escape($0.publisherName))</li>" }.joined()
        return """
        <section class="handover-unread" id="unread-announcements" role="status"><h2>\(Text("未读公告（{0}）", "Unread announcements ({0})").with(String(unread.total)), l)</h2>
        <ul>\(HTML(raw: items))</ul></section>
        """
    }

    // MARK: handovers

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let view = try HandoverAPI.choice(q, HandoverListView.mine)
        let m = try await handovers.listPage(view: view, viewer: principal, paging: try Paging.from(q, defaultPer: 20))
        let title = Text("交接班", "Shift handover")
        let state = page.formState(action: "/people/handovers")
        let startable = m.myShifts.filter { $0.status == nil }.map { ($0.entry.id, "\($0.entry.date) \($0.entry.shiftName) \($0.entry.start)–\($0.entry.end)") }
        let shiftRows: [DataTable.Row] = m.myShifts.map { s in
            let link = s.handoverId.map { "<a href=\"/people/handovers/\($0)\">\(HTML.escape(s.handoverNumber ?? ""))</a>" } ?? ""
            return DataTable.Row([DataTable.Cell("\(s.entry.date) \(s.entry.shiftName) \(s.entry.start)–\(s.entry.end)"),
                                  DataTable.Cell("\(Self.statusLabel(s.status?.rawValue)(l))"), DataTable.Cell(HTML(raw: link))],
                                 attributes: "class=\"my-shift-row\" data-entry=\"\(s.entry.id)\" data-closed=\"\(String(s.status?.closesShift == true))\" data-status=\"\(s.status?.rawValue ?? "none")\"")
        }
        let shifts: HTML = shiftRows.isEmpty ? "<p class=\"empty\" id=\"handover-shifts-empty\">\(Text("近几天没有您的班次", "You have no shifts these days"), l)</p>"
            : DataTable.render(id: "handover-shifts", headers: [Text("班次", "Shift"), Text("交接状态", "Handover"), Text("交接班记录", "Log")].map { $0(l) }, rows: shiftRows)
        let createForm: HTML = startable.isEmpty ? .empty : """
            <form method="post" action="/people/handovers" id="handover-create-form">\(page.csrfField)
            \(state.generalMessage(fields: ["entryId"], l, id: "handover-create-error"))
            <div class="grid one-column">
            \(FormControls.field(Text("交班的班次", "Shift to hand over")(l), for: "handover-entry", FormControls.select(id: "handover-entry", name: "entryId", options: startable, selected: state.values["entryId"]), error: state.message(for: "entryId", l)))
            </div><div class="actions"><button type="submit" id="handover-create">\(Text("开始填写交接班记录", "Start the handover log"), l)</button></div></form>
            """
        let tabs = HandoverListView.allCases.map { v -> String in
            let label: Text = v == .mine ? Text("我的", "Mine") : v == .incoming ? Text("待接班", "To take over") : Text("本单位", "My unit")
            return "<a class=\"button\(v == view ? " active" : "")\" id=\"handover-tab-\(v.rawValue)\" href=\"/people/handovers?view=\(v.rawValue)\"\(v == view ? " aria-current=\"page\"" : "")>\(label(l))</a>"
        }.joined(separator: " ")
        let rows: [DataTable.Row] = m.handovers.items.map { h in
            DataTable.Row([DataTable.Cell(HTML(raw: "<a href=\"/people/handovers/\(h.id)\">\(HTML.escape(h.number))</a>")), DataTable.Cell("\(h.outgoingName)"),
                           DataTable.Cell("\(Self.shiftLabel(h.shift))"), DataTable.Cell("\(Self.statusLabel(h.status)(l))"), DataTable.Cell("\(h.acceptedByName ?? "")")],
                          attributes: "class=\"handover-row\" data-id=\"\(h.id)\" data-number=\"\(h.number)\" data-status=\"\(h.status)\"")
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"handovers-empty\">\(Text("没有交接班记录", "No handovers"), l)</p>"
            : DataTable.render(id: "handovers", headers: [Text("单号", "No."), Text("交班人", "Outgoing"), Text("班次", "Shift"), Text("状态", "State"), Text("接班人", "Incoming")].map { $0(l) }, rows: rows)
        let body: HTML = """
        <h1 id="handovers-title">\(title, l)</h1>
        \(Self.unreadBox(m.unread, l))
        <section id="handover-my-shifts"><h2>\(Text("我的班次与交接", "My shifts and their handover"), l)</h2>
        <p class="hint">\(Text("交班人须待接班人签收后方可离岗（SHF-02）；每个班次只有一份交接班记录。", "The outgoing person may leave only once the incoming one has accepted (SHF-02); one handover per shift."), l)</p>
        \(shifts)
        \(createForm)</section>
        <nav class="toolbar" aria-label="\(Text("交接班列表", "Handover lists"), l)">\(HTML(raw: tabs))</nav>
        \(table)
        \(FormControls.pager(basePath: "/people/handovers", query: ["view": view.rawValue], page: m.handovers.page, per: m.handovers.per, total: m.handovers.total, locale: l))
        """
        return shell.render(page, title: title, active: "people-handovers", body: body).response()
    }

    static func factsSection(_ f: ShiftFacts, _ l: AppLocale) -> HTML {
        func part(_ id: String, _ heading: Text, _ lines: [ShiftFactLine], empty: Text) -> String {
            let items = lines.isEmpty ? "<p class=\"empty\">\(empty(l))</p>"
                : "<ul>" + lines.map { "<li>\(HTML.escape($0.number)) · \(HTML.escape($0.subject)) · \(HTML.escape($0.status))</li>" }.joined() + "</ul>"
            return "<div id=\"\(id)\"><h3>\(heading(l))（\(lines.count)）</h3>\(items)</div>"
        }
        return HTML(raw: "<section id=\"handover-facts\"><h2>\(Text("本班情况（系统填写）", "What happened on the shift (filled in by Kefu)")(l))</h2>"
            + part("facts-tickets", Text("未结工单", "Open tickets"), f.openTickets, empty: Text("没有未结工单", "No open tickets"))
            + part("facts-work-orders", Text("未完成的工作任务单", "Open work orders"), f.openWorkOrders, empty: Text("没有未完成的工作任务单", "No open work orders"))
            + part("facts-breaches", Text("本班超时", "Breaches in the shift"), f.breaches, empty: Text("本班没有超时", "No breaches in the shift"))
            + "</section>")
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let m = try await handovers.detailPage(id: try context.parameters.require("id"), viewer: principal)
        let h = m.handover
        let title = Text("交接班记录", "Handover log")
        let action = "/people/handovers/\(h.id)"
        let saveState = page.formState(action: action + "/save"), submitState = page.formState(action: action + "/submit")
        let state = saveState.error != nil || !saveState.values.isEmpty ? saveState : submitState
        func area(_ name: String, _ label: Text, _ current: String) -> HTML {
            let id = "handover-\(name)"
            return FormControls.field(label(l), for: id, "<textarea id=\"\(id)\" name=\"\(name)\" rows=\"3\">\(state.values[name] ?? current)</textarea>", error: state.message(for: name, l))
        }
        func shown(_ label: Text, _ id: String, _ value: String) -> String {
            "<div class=\"handover-part\"><dt>\(label(l))</dt><dd id=\"\(id)\">\(value.isEmpty ? "—" : HTML.escape(value))</dd></div>"
        }
        let parts: HTML
        if h.actions.contains("edit") {
            parts = """
            <form method="post" action="\(action)/save" id="handover-form" class="no-print">\(page.csrfField)
            \(state.generalMessage(fields: ["equipment", "issues", "staffing", "notes"], l, id: "handover-error"))
            <div class="grid one-column">
            \(area("equipment", Text("设备状况", "Equipment status"), h.equipment))
            \(area("issues", Text("疑难及未结问题", "Open and difficult issues"), h.issues))
            \(area("staffing", Text("人员调班情况", "Staffing changes"), h.staffing))
            \(area("notes", Text("其他事项", "Other notes"), h.notes))
            </div><div class="actions">
            <button type="submit" id="handover-save">\(Text("保存", "Save"), l)</button>
            <button type="submit" id="handover-submit" formaction="\(action)/submit">\(Text("签字交班", "Sign and hand over"), l)</button></div></form>
            """
        } else {
            parts = HTML(raw: "<dl class=\"handover-parts\">" + shown(Text("设备状况", "Equipment status"), "handover-equipment-text", h.equipment)
                + shown(Text("疑难及未结问题", "Open and difficult issues"), "handover-issues-text", h.issues)
                + shown(Text("人员调班情况", "Staffing changes"), "handover-staffing-text", h.staffing)
                + shown(Text("其他事项", "Other notes"), "handover-notes-text", h.notes) + "</dl>")
        }
        let returnState = page.formState(action: action + "/return"), acceptState = page.formState(action: action + "/accept")
        let takeOver: HTML = !h.actions.contains("accept") ? .empty : """
            <section id="handover-take-over" class="no-print"><h2>\(Text("接班", "Take over"), l)</h2>
            \(acceptState.generalMessage(fields: [], l, id: "handover-accept-error"))
            <form method="post" action="\(action)/accept" id="handover-accept-form">\(page.csrfField)
            <div class="actions"><button type="submit" id="handover-accept">\(Text("签字接班", "Sign and take over"), l)</button></div></form>
            <form method="post" action="\(action)/return" id="handover-return-form">\(page.csrfField)
            \(returnState.generalMessage(fields: ["reason"], l, id: "handover-return-error"))
            <div class="grid one-column">\(FormControls.field(Text("退回原因", "Why it goes back")(l), for: "handover-reason", FormControls.input(id: "handover-reason", name: "reason", value: returnState.values["reason"]), error: returnState.message(for: "reason", l)))</div>
            <div class="actions"><button type="submit" id="handover-return">\(Text("退回交班人", "Send back"), l)</button></div></form></section>
            """
        let returned: HTML = h.status == "returned" ? "<p class=\"error-box\" id=\"handover-returned\" role=\"alert\">\(Text("接班人退回：", "Sent back: "), l)\(h.returnReason ?? "")</p>" : .empty
        let signed: String = h.acceptedAt.map { at in Text("接班人 {0} 已于 {1} 签收", "Taken over by {0} at {1}").with(h.acceptedByName ?? "", at)(l) } ?? ""
        let body: HTML = """
        <h1 id="handover-title">\(title, l) <span id="handover-number">\(h.number)</span></h1>
        \(Self.unreadBox(m.unread, l))
        <div class="toolbar no-print"><a class="button" href="/people/handovers">\(Text("返回列表", "Back to the list"), l)</a>
        <button type="button" id="handover-print" data-print>\(Text("打印", "Print"), l)</button></div>
        <dl class="handover-head">
        <div><dt>\(Text("单位", "Unit"), l)</dt><dd>\(h.orgUnitName)</dd></div>
        <div><dt>\(Text("交班人", "Outgoing"), l)</dt><dd id="handover-outgoing">\(h.outgoingName)</dd></div>
        <div><dt>\(Text("班次", "Shift"), l)</dt><dd id="handover-shift">\(Self.shiftLabel(h.shift))</dd></div>
        <div><dt>\(Text("状态", "State"), l)</dt><dd id="handover-status" data-status="\(h.status)" data-closed="\(String(h.shiftClosed))">\(Self.statusLabel(h.status), l)</dd></div>
        <div><dt>\(Text("接班人签收", "Incoming signature"), l)</dt><dd id="handover-accepted">\(signed.isEmpty ? "—" : signed)</dd></div>
        </dl>
        \(returned)
        \(parts)
        \(Self.factsSection(h.facts, l))
        \(takeOver)
        """
        return shell.render(page, title: title, active: "people-handovers", body: body).response()
    }

    // MARK: announcements

    func announcementList(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let view = try HandoverAPI.choice(q, AnnouncementListView.unread)
        let m = try await announcements.listPage(view: view, viewer: principal, paging: try Paging.from(q, defaultPer: 20))
        let title = Text("公告", "Announcements")
        let state = page.formState(action: "/people/announcements")
        let views: [AnnouncementListView] = m.units.isEmpty ? [.unread, .all] : AnnouncementListView.allCases
        let tabs = views.map { v -> String in
            let label: Text = v == .unread ? Text("未读", "Unread") : v == .all ? Text("全部", "All") : Text("已发布（本单位及下级）", "Published to my units")
            return "<a class=\"button\(v == view ? " active" : "")\" id=\"announcement-tab-\(v.rawValue)\" href=\"/people/announcements?view=\(v.rawValue)\"\(v == view ? " aria-current=\"page\"" : "")>\(label(l))</a>"
        }.joined(separator: " ")
        let rows: [DataTable.Row] = m.announcements.items.map { a in
            let receipts = a.actions.contains("receipts") ? "<a class=\"announcement-receipts\" href=\"/people/announcements/\(a.id)/receipts\">\(Text("阅读情况", "Receipts")(l))</a>" : ""
            return DataTable.Row([DataTable.Cell(HTML(raw: "<a class=\"announcement-open\" href=\"/people/announcements/\(a.id)\">\(HTML.escape(a.title))</a>")),
                                  DataTable.Cell("\(a.orgUnitName)"), DataTable.Cell("\(a.publisherName)"), DataTable.Cell("\(String(a.publishedAt.prefix(10)))"),
                                  DataTable.Cell("\(a.read ? Text("已读", "Read")(l) : Text("未读", "Unread")(l))"), DataTable.Cell(HTML(raw: receipts))],
                                 attributes: "class=\"announcement-row\" data-id=\"\(a.id)\" data-read=\"\(String(a.read))\"")
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"announcements-empty\">\(Text("没有公告", "No announcements"), l)</p>"
            : DataTable.render(id: "announcements", headers: [Text("标题", "Title"), Text("范围", "Unit"), Text("发布人", "Publisher"), Text("发布日期", "Published"), Text("阅读", "Read"), Text("操作", "Actions")].map { $0(l) }, rows: rows)
        let form: HTML = m.units.isEmpty ? .empty : """
            <section id="announcement-new" class="no-print"><h2>\(Text("发布公告", "Publish an announcement"), l)</h2>
            <form method="post" action="/people/announcements" id="announcement-form">\(page.csrfField)
            \(state.generalMessage(fields: ["orgUnitId", "title", "body", "expiresOn"], l, id: "announcement-error"))
            <div class="grid one-column">
            \(FormControls.field(Text("发布范围（本单位及下级）", "For (the unit and below)")(l), for: "announcement-unit", FormControls.select(id: "announcement-unit", name: "orgUnitId", options: m.units, selected: state.values["orgUnitId"] ?? principal.orgUnitId), error: state.message(for: "orgUnitId", l)))
            \(FormControls.field(Text("标题", "Title")(l), for: "announcement-title", FormControls.input(id: "announcement-title", name: "title", value: state.values["title"]), error: state.message(for: "title", l)))
            \(FormControls.field(Text("内容", "Text")(l), for: "announcement-body", "<textarea id=\"announcement-body\" name=\"body\" rows=\"4\">\(state.values["body"] ?? "")</textarea>", error: state.message(for: "body", l)))
            \(FormControls.field(Text("展示至（可空）", "Shown until (optional)")(l), for: "announcement-expires", FormControls.input(id: "announcement-expires", name: "expiresOn", value: state.values["expiresOn"], attributes: "placeholder=\"2026-12-31\""), error: state.message(for: "expiresOn", l)))
            </div><div class="actions"><button type="submit" id="announcement-publish">\(Text("发布", "Publish"), l)</button></div></form></section>
            """
        let body: HTML = """
        <h1 id="announcements-title">\(title, l)</h1>
        <nav class="toolbar" aria-label="\(title, l)">\(HTML(raw: tabs))</nav>
        \(table)
        \(FormControls.pager(basePath: "/people/announcements", query: ["view": view.rawValue], page: m.announcements.page, per: m.announcements.per, total: m.announcements.total, locale: l))
        \(form)
        """
        return shell.render(page, title: title, active: "people-announcements", body: body).response()
    }

    /// SHF-04: opening an announcement records the reader's receipt (one write transaction, then the page from its result).
    func announcementPage(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let a = try await announcements.open(id: try context.parameters.require("id"), by: principal)
        let receipts: HTML = a.actions.contains("receipts") ? "<a class=\"button\" id=\"announcement-receipts\" href=\"/people/announcements/\(a.id)/receipts\">\(Text("阅读情况", "Receipts"), l)</a>" : .empty
        let body: HTML = """
        <h1 id="announcement-title">\(a.title)</h1>
        <p class="hint">\(a.orgUnitName) · \(a.publisherName) · \(String(a.publishedAt.prefix(10)))\(a.expiresAt.map { " · " + Text("展示至 {0}", "shown until {0}").with(String($0.prefix(10)))(l) } ?? "")</p>
        <div id="announcement-body" class="announcement-body">\(a.body)</div>
        <div class="toolbar no-print"><a class="button" href="/people/announcements">\(Text("返回公告", "Back to announcements"), l)</a>
        <a class="button" href="/people/handovers">\(Text("交接班", "Shift handover"), l)</a> \(receipts)</div>
        """
        return shell.render(page, title: Text("公告", "Announcement"), active: "people-announcements", body: body).response()
    }

    func receiptsPage(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let r = try await announcements.receipts(id: try context.parameters.require("id"), viewer: principal)
        let rows: [DataTable.Row] = r.receipts.map { x in
            DataTable.Row([DataTable.Cell("\(x.userName)"), DataTable.Cell("\(x.readAt.map { Text("已读 {0}", "Read {0}").with(String($0.prefix(16)).replacingOccurrences(of: "T", with: " "))(l) } ?? Text("未读", "Unread")(l))")],
                          attributes: "class=\"receipt-row\" data-user=\"\(x.userId)\" data-read=\"\(String(x.readAt != nil))\"")
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"receipts-empty\">\(Text("该范围内没有人员", "Nobody in that unit"), l)</p>"
            : DataTable.render(id: "receipts", headers: [Text("人员", "Person"), Text("阅读", "Read")].map { $0(l) }, rows: rows)
        let body: HTML = """
        <h1 id="receipts-title">\(Text("阅读情况", "Receipts"), l)：\(r.announcement.title)</h1>
        <p id="receipts-summary">\(Text("已读 {0} 人，未读 {1} 人", "{0} read, {1} not yet").with(String(r.readCount), String(r.unreadCount)), l)</p>
        \(table)
        <div class="toolbar no-print"><a class="button" href="/people/announcements?view=published">\(Text("返回公告", "Back to announcements"), l)</a>
        <button type="button" data-print>\(Text("打印", "Print"), l)</button></div>
        """
        return shell.render(page, title: Text("阅读情况", "Receipts"), active: "people-announcements", body: body).response()
    }
}
