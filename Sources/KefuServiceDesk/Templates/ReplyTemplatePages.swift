import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #16 item 5 (CH-03, CH-04): the template library as pages — the templates in force (filter by kind, channel,
/// language, words), the form to add one, and a template's own page to change or switch it off. Staff read; CS
/// supervisors and managers write for their unit and below. Refused forms keep what was typed.
public struct ReplyTemplatePages: Sendable {
    let templates: ReplyTemplateService
    let shell: PageShell

    public init(templates: ReplyTemplateService, shell: PageShell) {
        self.templates = templates
        self.shell = shell
    }

    static let path = "/reply-templates"
    static let fields: Set<String> = ["orgUnitId", "kind", "channel", "category", "title", "code", "body", "locale", "active"]

    public static let nav: [NavItem] = [
        NavItem(id: "reply-templates", href: path, label: Text("回复模板", "Reply templates"), isVisible: { !$0.isCustomer }),
    ]

    public func register(on router: Router<KefuContext>) {
        router.get("/reply-templates") { request, context in try await list(request, context) }
        router.post("/reply-templates") { request, context in try await create(request, context) }
        router.get("/reply-templates/:id") { request, context in try await edit(request, context) }
        router.post("/reply-templates/:id") { request, context in try await update(request, context) }
    }

    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = context.page(request)
        guard request.uri.queryParameters.get("notice") == "reply-template" else { return base }
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken, notice: Text("回复模板已保存", "Reply template saved")(base.locale),
                           formFlash: base.formFlash, path: base.path)
    }

    static func values(_ form: FormData) -> [String: String] {
        var v = form.values
        v["_csrf"] = nil
        return v
    }

    static func channelLabel(_ c: String?, _ l: AppLocale) -> String {
        guard let c, let channel = TicketChannel(rawValue: c) else { return Text("不限", "Any")(l) }
        return TicketLabels.channel(channel)(l)
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await templates.pageModel(q, paging: try Paging.from(q, defaultPer: 50), editing: nil, viewer: principal)
        let rows: [DataTable.Row] = m.templates.items.map { t in
            let kind = ReplyTemplateRules.Kind(rawValue: t.kind).map { ReplyTemplateMessages.kind($0)(l) } ?? t.kind
            let title: HTML = t.mayEdit ? "<a class=\"rt-link\" href=\"\(Self.path)/\(t.id)\">\(t.title)</a>" : "\(t.title)"
            let state: HTML = t.active ? .empty : " <span class=\"badge\">\(Text("已停用", "Off"), l)</span>"
            return DataTable.Row(plain: ["\(title)\(state)", "\(t.code ?? "")", "\(kind)", "\(Self.channelLabel(t.channel, l))", "\(t.category)",
                                         "\(t.body)", "\(t.orgUnitName)", "\(t.locale)"],
                                 attributes: "class=\"rt-row\" data-id=\"\(t.id)\" data-code=\"\(t.code ?? "")\" data-active=\"\(t.active ? "1" : "0")\"")
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有符合条件的回复模板", "No reply templates match"), l)</p>"
            : DataTable.render(id: "reply-templates", headers: [Text("标题", "Title"), Text("快捷码", "Code"), Text("类型", "Kind"), Text("渠道", "Channel"),
                                                                 Text("分类", "Category"), Text("内容", "Text"), Text("适用范围", "Holds for"), Text("语言", "Language")].map { $0(l) },
                               rows: rows)
        let filterKeys = ["kind", "channel", "locale", "q", "includeInactive"]
        let filterQuery = q.filter { filterKeys.contains($0.key) && !$0.value.isEmpty }
        let form: HTML = m.units.isEmpty ? .empty : """
            <section class="card no-print" id="rt-new"><h2>\(Text("新增回复模板", "Add a reply template"), l)</h2>
            \(templateForm(action: Self.path, state: page.formState(action: Self.path), current: nil, units: m.units, page: page))</section>
            """
        let body: HTML = """
        <h1 id="rt-page-title">\(Text("回复模板", "Reply templates"), l)</h1>
        <p class="hint">\(Text("规范服务用语（CH-03）、问候语（CH-04：先报部门，再报姓名）和结束语。在工单回复框中按 Ctrl+/ 输入快捷码插入。邮件自动回执在客户来信生成工单时自动发出，离部门最近的一条生效。",
                              "Standard phrases (CH-03), greetings (CH-04: the office first, then the agent) and closings. In a ticket's reply box press Ctrl+/ and type the code. The mail acknowledgement goes out by itself when a customer's mail becomes a ticket; the one nearest the unit holds."), l)</p>
        <form method="get" action="\(Self.path)" class="toolbar filters no-print" id="rt-filter">
        \(FormControls.field(Text("类型", "Kind")(l), for: "rt-f-kind", FormControls.select(id: "rt-f-kind", name: "kind",
            options: [("", Text("全部", "All")(l))] + ReplyTemplateRules.Kind.allCases.map { ($0.rawValue, ReplyTemplateMessages.kind($0)(l)) }, selected: q["kind"] ?? "")))
        \(FormControls.field(Text("渠道", "Channel")(l), for: "rt-f-channel", FormControls.select(id: "rt-f-channel", name: "channel",
            options: [("", Text("全部", "All")(l))] + TicketChannel.allCases.map { ($0.rawValue, TicketLabels.channel($0)(l)) }, selected: q["channel"] ?? "")))
        \(FormControls.field(Text("语言", "Language")(l), for: "rt-f-locale", FormControls.select(id: "rt-f-locale", name: "locale",
            options: [("", Text("全部", "All")(l)), ("zh-CN", "中文"), ("en", "English")], selected: q["locale"] ?? "")))
        \(FormControls.field(Text("关键词", "Words")(l), for: "rt-f-q", FormControls.input(id: "rt-f-q", name: "q", type: "search", value: q["q"])))
        <button type="submit" id="rt-f-apply">\(Text("查询", "Search"), l)</button></form>
        \(table)
        \(FormControls.pager(basePath: Self.path, query: filterQuery, page: m.templates.page, per: m.templates.per, total: m.templates.total, locale: l))
        \(form)
        """
        return shell.render(page, title: Text("回复模板", "Reply templates"), active: "reply-templates", body: body).response()
    }

    func templateForm(action: String, state s: FormState, current t: ReplyTemplateView?, units: [(id: String, name: String)], page: PageContext) -> HTML {
        let l = page.locale
        func value(_ name: String, _ current: String?) -> String { s.value(name, default: current) ?? "" }
        func text(_ name: String, _ label: Text, _ current: String?, attributes: String = "") -> HTML {
            FormControls.field(label(l), for: "rt-\(name)", FormControls.input(id: "rt-\(name)", name: name, value: value(name, current), attributes: attributes),
                               error: s.message(for: name, l))
        }
        let unit: HTML = t == nil ? FormControls.field(Text("适用部门（及下级）", "Holds for the unit (and below)")(l), for: "rt-orgUnitId",
            FormControls.select(id: "rt-orgUnitId", name: "orgUnitId", options: units.map { ($0.id, $0.name) }, selected: s.value("orgUnitId")),
            error: s.message(for: "orgUnitId", l)) : "<p class=\"meta\">\(Text("适用范围：", "Holds for: "), l)\(t!.orgUnitName)</p>"
        let active: HTML = t == nil ? .empty : FormControls.field(Text("状态", "State")(l), for: "rt-active", FormControls.select(id: "rt-active", name: "active",
            options: [("true", Text("启用", "On")(l)), ("false", Text("停用", "Off")(l))], selected: value("active", t!.active ? "true" : "false")),
            error: s.message(for: "active", l))
        return """
        \(s.generalMessage(fields: Self.fields, l, id: "rt-error"))
        <form method="post" action="\(action)" id="rt-form">\(page.csrfField)<div class="grid one-column">
        \(unit)
        \(FormControls.field(Text("类型", "Kind")(l), for: "rt-kind", FormControls.select(id: "rt-kind", name: "kind",
            options: ReplyTemplateRules.Kind.allCases.map { ($0.rawValue, ReplyTemplateMessages.kind($0)(l)) }, selected: value("kind", t?.kind ?? "phrase")),
            error: s.message(for: "kind", l)))
        \(FormControls.field(Text("渠道", "Channel")(l), for: "rt-channel", FormControls.select(id: "rt-channel", name: "channel",
            options: [("", Text("不限", "Any")(l))] + TicketChannel.allCases.map { ($0.rawValue, TicketLabels.channel($0)(l)) }, selected: value("channel", t?.channel)),
            error: s.message(for: "channel", l)))
        \(text("title", Text("标题", "Title"), t?.title, attributes: "required maxlength=\"\(ReplyTemplateRules.maxTitle)\""))
        \(text("code", Text("快捷码（字母数字，如 hello）", "Shortcut code (letters, digits, e.g. hello)"), t?.code, attributes: "maxlength=\"\(ReplyTemplateRules.maxCode)\""))
        \(text("category", Text("分类", "Category"), t?.category, attributes: "maxlength=\"\(ReplyTemplateRules.maxCategory)\""))
        \(FormControls.field(Text("内容", "Text")(l), for: "rt-body",
            "<textarea id=\"rt-body\" name=\"body\" required maxlength=\"\(ReplyTemplateRules.maxBody)\">\(value("body", t?.body))</textarea>" as HTML,
            error: s.message(for: "body", l),
            hint: Text("可用变量：{客户} {工单号} {客服} {时限} {部门}（或 {customer} {ticketNumber} {agent} {dueAt} {unit}）",
                       "Variables: {customer} {ticketNumber} {agent} {dueAt} {unit}")(l)))
        \(FormControls.field(Text("语言", "Language")(l), for: "rt-locale", FormControls.select(id: "rt-locale", name: "locale",
            options: [("zh-CN", "中文"), ("en", "English")], selected: value("locale", t?.locale ?? (l == .zhCN ? "zh-CN" : "en"))),
            error: s.message(for: "locale", l)))
        \(active)
        </div><div class="actions"><button type="submit" id="rt-save">\(Text("保存", "Save"), l)</button></div></form>
        """
    }

    func create(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let values = Self.values(try await FormData.read(request))
        _ = try await templates.create(FlatBody(values), by: principal)
        return Redirect.to("\(Self.path)?notice=reply-template")
    }

    func edit(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let id = try context.parameters.require("id")
        let m = try await templates.pageModel([:], paging: Paging(page: 1, per: 1), editing: id, viewer: principal)
        guard let t = m.editing else { throw AppError.notFound(Text("回复模板", "Reply template")) }
        let action = "\(Self.path)/\(t.id)"
        let content: HTML = t.mayEdit
            ? templateForm(action: action, state: page.formState(action: action), current: t, units: m.units, page: page)
            : "<p id=\"rt-readonly\">\(t.body)</p>"
        let body: HTML = """
        <h1 id="rt-edit-title">\(Text("回复模板", "Reply template"), l)：\(t.title)</h1>
        <section class="card">\(content)</section>
        <p class="actions no-print"><a href="\(Self.path)">\(Text("返回模板库", "Back to the library"), l)</a></p>
        """
        return shell.render(page, title: Text("回复模板", "Reply template"), active: "reply-templates", body: body, breadcrumbs: .underActive).response()
    }

    func update(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let values = Self.values(try await FormData.read(request))
        _ = try await templates.update(id: id, FlatBody(values), by: principal)
        return Redirect.to("\(Self.path)?notice=reply-template")
    }
}
