import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 重要/突发事件 (ESC-03) as pages: the events with filters, the 逾期 mark and the form to record one; an event with its
/// follow-up notes and the supervisor's forms to follow up and to close it. Refused forms keep what was typed.
public struct PropertyEventPages: Sendable {
    let events: PropertyEventService
    let shell: PageShell

    public init(events: PropertyEventService, shell: PageShell) {
        self.events = events
        self.shell = shell
    }

    static let path = PropertyPaths.root + "/events"

    public func register(on router: Router<KefuContext>) {
        router.get("/property/events") { request, context in try await list(request, context) }
        router.post("/property/events") { request, context in try await record(request, context) }
        router.get("/property/events/:id") { request, context in try await detail(request, context) }
        router.post("/property/events/:id/follow-ups") { request, context in try await followUp(request, context) }
        router.post("/property/events/:id/close") { request, context in try await close(request, context) }
    }

    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = context.page(request)
        guard request.uri.queryParameters.get("notice") == "property-event", let what = request.uri.queryParameters.get("what").map({ String($0) }) else { return base }
        let label: Text = switch what {
        case "event": Text("已登记事件", "Event recorded")
        case "follow-up": Text("已登记跟进情况", "Follow-up recorded")
        default: Text("事件已关闭", "Event closed")
        }
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken, notice: label(base.locale), formFlash: base.formFlash, path: base.path)
    }

    static func status(_ v: PropertyEventView, _ l: AppLocale) -> HTML {
        let cls = v.status == .closed ? "ok" : v.status == .reported ? "" : "late"
        let late: HTML = v.overdue ? " <span class=\"badge late prp-event-overdue\">\(Text("逾期", "Overdue"), l)</span>" : .empty
        return "<span class=\"badge \(cls)\">\(PropertyEventInput.statusLabel(v.status), l)</span>\(late)"
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await events.eventsPage(q, paging: try Paging.from(q, defaultPer: 30), viewer: principal)
        let rows: [DataTable.Row] = m.events.items.map { v in
            DataTable.Row(plain: ["<a class=\"prp-event-link\" href=\"\(Self.path)/\(v.id)\">\(v.number)</a>", "\(PropertyEventInput.kindLabel(v.kind), l)",
                                  "\(PropertyEventInput.severityLabel(v.severity), l)", "\(v.title)", "\(v.estateName) \(v.location)",
                                  "\(v.occurredOn) \(v.occurredTime ?? "")", "\(v.kind == .important ? (v.reportedTo ?? "—") : (v.assigneeName ?? "—"))",
                                  Self.status(v, l)],
                          attributes: "class=\"prp-event\" data-number=\"\(v.number)\" data-status=\"\(v.status.rawValue)\" data-overdue=\"\(v.overdue ? "1" : "0")\"")
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有事件", "No events"), l)</p>"
            : DataTable.render(id: "prp-events", headers: [Text("编号", "Number"), Text("类别", "Kind"), Text("程度", "Severity"), Text("事件", "What"),
                                                           Text("小区/地点", "Estate / where"), Text("发生时间", "When"), Text("上报/跟进人", "Reported to / assignee"),
                                                           Text("状态", "Status")].map { $0(l) }, rows: rows)
        let action = Self.path
        let s = page.formState(action: action)
        let form: HTML = m.estates.isEmpty || !m.mayRecord ? .empty : """
            <section class="card no-print" id="prp-event-new"><h2>\(Text("登记事件", "Record an event"), l)</h2>
            <p class="hint">\(Text("重要事件上报管理处主任（客服经理）；突发事件交客服主管跟进，2 小时内未跟进显示逾期。",
                                   "Important events are reported to the office director (CS manager); emergencies go to the CS supervisor and show overdue when not followed up within 2 hours."), l)</p>
            \(s.generalMessage(fields: ["estateId", "kind", "severity", "title", "location", "occurredOn", "occurredTime", "description"], l, id: "prp-event-error"))
            <form method="post" action="\(action)" id="prp-event-form">\(page.csrfField)<div class="grid one-column">
            \(PropertyPages.choose(s, "prp-event", "estateId", Text("小区", "Estate"), l, PropertyOperationsPages.estateOptions(m.estates)))
            \(PropertyPages.choose(s, "prp-event", "kind", Text("事件类别", "Kind"), l, PropertyEventKind.allCases.map { ($0.rawValue, PropertyEventInput.kindLabel($0)(l)) }))
            \(PropertyPages.choose(s, "prp-event", "severity", Text("严重程度", "Severity"), l,
                                   PropertyEventSeverity.allCases.map { ($0.rawValue, PropertyEventInput.severityLabel($0)(l)) }))
            \(PropertyPages.field(s, "prp-event", "title", Text("事件", "What happened"), l, attributes: "required"))
            \(PropertyPages.field(s, "prp-event", "location", Text("地点", "Where"), l, attributes: "required"))
            \(PropertyPages.field(s, "prp-event", "occurredOn", Text("发生日期", "Date"), l, type: "date", value: Times.day(Date()).iso))
            \(PropertyPages.field(s, "prp-event", "occurredTime", Text("发生时间（HH:MM）", "Time (HH:MM)"), l, type: "time"))
            \(PropertyOperationsPages.textarea(s, "prp-event-description", "description", Text("经过", "Details"), l))
            </div><div class="actions"><button type="submit" id="prp-event-save">\(Text("保存", "Save"), l)</button></div></form></section>
            """
        let filterQuery = q.filter { ["estateId", "kind", "status", "overdue", "q"].contains($0.key) && !$0.value.isEmpty }
        let body: HTML = """
        <h1 id="prp-events-title">\(Text("重要与突发事件", "Important events and emergencies"), l)</h1>
        <form method="get" action="\(Self.path)" class="toolbar filters no-print" id="prp-event-filter">
        \(FormControls.field(Text("小区", "Estate")(l), for: "prp-ef-estate", FormControls.select(id: "prp-ef-estate", name: "estateId",
            options: [("", Text("全部", "All")(l))] + PropertyOperationsPages.estateOptions(m.estates), selected: q["estateId"] ?? "")))
        \(FormControls.field(Text("类别", "Kind")(l), for: "prp-ef-kind", FormControls.select(id: "prp-ef-kind", name: "kind",
            options: [("", Text("全部", "All")(l))] + PropertyEventKind.allCases.map { ($0.rawValue, PropertyEventInput.kindLabel($0)(l)) }, selected: q["kind"] ?? "")))
        \(FormControls.field(Text("状态", "Status")(l), for: "prp-ef-status", FormControls.select(id: "prp-ef-status", name: "status",
            options: [("", Text("全部", "All")(l))] + PropertyEventStatus.allCases.map { ($0.rawValue, PropertyEventInput.statusLabel($0)(l)) }, selected: q["status"] ?? "")))
        \(FormControls.field(Text("逾期", "Overdue")(l), for: "prp-ef-overdue", FormControls.select(id: "prp-ef-overdue", name: "overdue",
            options: [("", Text("全部", "All")(l)), ("1", Text("只看逾期", "Overdue only")(l))], selected: q["overdue"] ?? "")))
        \(FormControls.field(Text("编号、事件或地点", "Number, what or where")(l), for: "prp-ef-q", FormControls.input(id: "prp-ef-q", name: "q", value: q["q"])))
        <button type="submit" id="prp-ef-apply">\(Text("查询", "Search"), l)</button></form>
        <p class="actions no-print"><button type="button" id="prp-print" onclick="window.print()">\(Text("打印", "Print"), l)</button></p>
        \(table)
        \(FormControls.pager(basePath: Self.path, query: filterQuery, page: m.events.page, per: m.events.per, total: m.events.total, locale: l))
        \(form)
        """
        return shell.render(page, title: Text("重要与突发事件", "Important events and emergencies"), active: "property-events", body: body).response()
    }

    func record(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let values = PropertyPages.values(try await FormData.read(request))
        let v = try await events.record(estateId: values["estateId"] ?? "", FlatBody(values), by: principal)
        return Redirect.to("\(Self.path)/\(v.id)?notice=property-event&what=event")
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let v = try await events.event(id: try context.parameters.require("id"), viewer: principal)
        let notes: [HTML] = v.notes.map { n in "<li class=\"prp-event-note\"><p>\(n.note)</p><p class=\"meta\">\(n.notedBy) · \(n.notedAt)</p></li>" }
        let notesHTML: HTML = notes.isEmpty ? "<p class=\"empty\">\(Text("还没有跟进记录", "No follow-ups yet"), l)</p>" : "<ol>\(notes)</ol>"
        let followAction = "\(Self.path)/\(v.id)/follow-ups", closeAction = "\(Self.path)/\(v.id)/close"
        let fs = page.formState(action: followAction), cs = page.formState(action: closeAction)
        let follow: HTML = v.mayFollowUp ? """
            <section class="card no-print" id="prp-event-follow"><h2>\(Text("登记跟进情况", "Record a follow-up"), l)</h2>
            \(fs.error.map { FormControls.errorBox($0, l, id: "prp-event-follow-error") } ?? .empty)
            <form method="post" action="\(followAction)" id="prp-event-follow-form">\(page.csrfField)
            \(PropertyOperationsPages.textarea(fs, "prp-event-note", "note", Text("跟进情况", "Follow-up"), l, required: true))
            <div class="actions"><button type="submit" id="prp-event-follow-save">\(Text("保存", "Save"), l)</button></div></form></section>
            """ : .empty
        let close: HTML = v.mayClose ? """
            <section class="card no-print" id="prp-event-close"><h2>\(Text("关闭事件", "Close the event"), l)</h2>
            \(cs.error.map { FormControls.errorBox($0, l, id: "prp-event-close-error") } ?? .empty)
            <form method="post" action="\(closeAction)" id="prp-event-close-form">\(page.csrfField)
            \(PropertyOperationsPages.textarea(cs, "prp-event-result", "result", Text("处理结果", "Result"), l, required: true))
            <div class="actions"><button type="submit" id="prp-event-close-save">\(Text("关闭", "Close"), l)</button></div></form></section>
            """ : .empty
        let reported: HTML = v.kind == .important
            ? "<p id=\"prp-event-reported\">\(Text("已上报：", "Reported to: "), l)\(v.reportedTo ?? Text("（无客服经理）", "(no CS manager)")(l)) · \(v.reportedAt ?? "")</p>"
            : "<p id=\"prp-event-assignee\">\(Text("跟进人：", "Follow-up by: "), l)\(v.assigneeName ?? Text("（未指定）", "(none)")(l))</p>"
        let body: HTML = """
        <h1 id="prp-event-title">\(PropertyEventInput.kindLabel(v.kind), l) \(v.number)</h1>
        <p class="meta" id="prp-event-meta">\(v.estateName) · \(v.location) · \(v.occurredOn) \(v.occurredTime ?? "") · \(PropertyEventInput.severityLabel(v.severity), l) · \(Self.status(v, l))</p>
        <section class="card"><h2>\(v.title)</h2>\(v.description.map { d -> HTML in "<p>\(d)</p>" } ?? .empty)
        \(reported)<p class="meta">\(Text("登记：", "Recorded by: "), l)\(v.recordedBy) · \(v.recordedAt)</p>
        \(v.result.map { r -> HTML in "<p id=\"prp-event-result-text\"><strong>\(Text("处理结果：", "Result: "), l)</strong>\(r) · \(v.closedBy ?? "") \(v.closedAt ?? "")</p>" } ?? .empty)
        </section>
        <section class="card" id="prp-event-notes"><h2>\(Text("跟进记录", "Follow-ups"), l)</h2>
        \(notesHTML)</section>
        <p class="actions no-print"><button type="button" id="prp-print" onclick="window.print()">\(Text("打印", "Print"), l)</button>
        <a href="\(Self.path)">\(Text("返回", "Back"), l)</a></p>
        \(follow)
        \(close)
        """
        return shell.render(page, title: Text("事件 " + v.number, "Event " + v.number), active: "property-events", body: body, breadcrumbs: .underActive).response()
    }

    func followUp(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        _ = try await events.followUp(id: id, FlatBody(PropertyPages.values(try await FormData.read(request))), by: principal)
        return Redirect.to("\(Self.path)/\(id)?notice=property-event&what=follow-up")
    }

    func close(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        _ = try await events.close(id: id, FlatBody(PropertyPages.values(try await FormData.read(request))), by: principal)
        return Redirect.to("\(Self.path)/\(id)?notice=property-event&what=close")
    }
}
