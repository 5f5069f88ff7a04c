import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 景区游客服务 (篇11) as pages, for the gate staff's phone first: one-column forms, stacked tables. The home with the
/// four services; the free-entry check at the gate with the day's register (VIS-03; export CSV/XLSX, print); the
/// lost-person cases with the broadcast log (VIS-04); wheelchairs and strollers (LND-03/04); reception plans (VIS-05).
public struct ScenicPages: Sendable {
    let scenic: ScenicService
    let shell: PageShell

    public init(scenic: ScenicService, shell: PageShell) {
        self.scenic = scenic
        self.shell = shell
    }

    public static let path = "/scenic"

    static func isWorker(_ p: Principal) -> Bool { ScenicRules.isWorker(p.roles) }

    public static let nav: [NavItem] = [
        NavItem(id: "scenic", href: path, label: Text("景区游客服务", "Scenic visitor services"), area: .desk, isVisible: { isWorker($0) }),
        NavItem(id: "scenic-free-entry", href: path + "/free-entries", label: Text("老人免票核验", "Free entry 70+"), area: .desk, isVisible: { isWorker($0) }),
        NavItem(id: "scenic-lost", href: path + "/lost", label: Text("景区寻人", "Lost persons"), area: .desk, isVisible: { isWorker($0) }),
        NavItem(id: "scenic-lending", href: path + "/items", label: Text("轮椅和婴儿车", "Wheelchairs and strollers"), area: .desk, isVisible: { isWorker($0) }),
        NavItem(id: "scenic-plans", href: path + "/plans", label: Text("特殊团体接待", "Group reception plans"), area: .desk, isVisible: { isWorker($0) }),
        NavItem(id: "scenic-mailings", href: path + "/mailings", label: Text("代邮服务", "Mailing service"), area: .desk, isVisible: { isWorker($0) }), // #14 VIS-01/02
        NavItem(id: "scenic-ticket-deliveries", href: path + "/ticket-deliveries", label: Text("预约送票", "Ticket delivery"), area: .desk, isVisible: { isWorker($0) }), // #14 VIS-01/02
    ]

    public func register(on router: Router<KefuContext>) {
        router.get("/scenic") { request, context in try home(request, context) }
        router.get("/scenic/free-entries") { request, context in try await freeEntries(request, context) }
        router.get("/scenic/free-entries/export") { request, context in try await exportFreeEntries(request, context) }
        router.post("/scenic/free-entries") { request, context in try await checkFreeEntry(request, context) }
        registerLost(on: router)
        registerLending(on: router)
        registerPlans(on: router)
        registerDeliveries(on: router) // #14 VIS-01/02
    }

    static func requireWorker(_ p: Principal) throws {
        guard isWorker(p) else { throw AppError.forbidden(Text("您不能使用景区游客服务", "You cannot use the scenic area's visitor services")) }
    }

    /// The notice after a step (`?notice=<what>`).
    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = context.page(request)
        guard let what = request.uri.queryParameters.get("notice").map({ String($0) }) else { return base }
        let notices: [String: Text] = [
            "free_entry": Text("已核验并登记：免票入园", "Checked and recorded: free entry"), "reported": Text("已登记寻人", "Lost person reported"),
            "broadcast": Text("已登记一遍广播", "Broadcast logged"), "closed": Text("已结案", "Case closed"), "item": Text("已添加", "Added"),
            "lent": Text("已借出", "Lent out"), "returned": Text("已归还", "Returned"), "repaired": Text("已修好，可再借出", "Repaired: available again"),
            "plan": Text("接待计划已发送各部门", "Plan sent to the departments"), "confirmed": Text("已确认本部门准备", "Preparation confirmed"),
            "mailing": Text("已登记代邮", "Mailing registered"), "sent": Text("已寄出", "Sent"), "delivered": Text("已妥投", "Delivered"), // #14 VIS-01/02
            "delivery": Text("已登记送票", "Ticket delivery scheduled"), "tickets_delivered": Text("已登记送达", "Delivery recorded"),
        ]
        guard let notice = notices[what] else { return base }
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken, notice: notice(base.locale), formFlash: base.formFlash, path: base.path)
    }

    static func textField(_ state: FormState, _ prefix: String, _ name: String, _ label: Text, _ l: AppLocale, type: String = "text", value: String? = nil,
                          attributes: String = "") -> HTML {
        let id = prefix + "-" + name
        return FormControls.field(label(l), for: id, FormControls.input(id: id, name: name, type: type, value: state.values[name] ?? value, attributes: attributes),
                                  error: state.message(for: name, l))
    }

    static func textArea(_ state: FormState, _ prefix: String, _ name: String, _ label: Text, _ l: AppLocale, required: Bool = false) -> HTML {
        let id = prefix + "-" + name
        return FormControls.field(label(l), for: id, "<textarea id=\"\(id)\" name=\"\(name)\" rows=\"3\"\(required ? " required" : "")>\(state.values[name] ?? "")</textarea>",
                                  error: state.message(for: name, l))
    }

    static func choice(_ state: FormState, _ prefix: String, _ name: String, _ label: Text, _ options: [(String, String)], _ l: AppLocale, selected: String? = nil) -> HTML {
        let id = prefix + "-" + name
        return FormControls.field(label(l), for: id, FormControls.select(id: id, name: name, options: options, selected: state.values[name] ?? selected),
                                  error: state.message(for: name, l))
    }

    static func values(_ form: FormData) -> [String: String] {
        var v = form.values
        v["_csrf"] = nil
        v["_back"] = nil
        return v
    }

    func home(_ request: Request, _ context: KefuContext) throws -> Response {
        let principal = try context.requirePrincipal()
        try Self.requireWorker(principal)
        let page = Self.page(request, context)
        let l = page.locale
        let cards: [(String, String, Text, Text)] = [
            ("free-entries", "scenic-home-free", Text("老人免票核验（VIS-03）", "Free entry at 70 or over (VIS-03)"),
             Text("验明身份证或有关证件，年满 70 周岁免票放行并登记。", "Check the ID; visitors aged 70 or over enter free, and the check is recorded.")),
            ("lost", "scenic-home-lost", Text("景区寻人（VIS-04）", "Lost persons (VIS-04)"),
             Text("协助游客联系广播站，普通话广播不少于三遍，逐遍登记。", "Help the visitor reach the broadcast station; at least three Mandarin broadcasts, each logged.")),
            ("items", "scenic-home-items", Text("轮椅和婴儿车（LND-03/04）", "Wheelchairs and strollers (LND-03/04)"),
             Text("借用或租用；归还时检查，损坏的立即送修。", "Lend or rent; check on return, send damaged ones to the repair shop at once.")),
            ("plans", "scenic-home-plans", Text("特殊团体预约接待（VIS-05）", "Special-group reception plans (VIS-05)"),
             Text("市场运营部制定接待计划并发送有关部门，各部门确认准备。", "Market ops draws up the plan and sends it to the departments, who confirm.")),
            ("mailings", "scenic-home-mailings", Text("代邮服务（VIS-01/02）", "Mailing service (VIS-01/02)"),
             Text("营销部门为特殊游客代邮旅游工艺品，登记快递单号直至妥投。", "Marketing mails a special visitor's crafts, with the tracking number until delivered.")),
            ("ticket-deliveries", "scenic-home-deliveries", Text("预约送票（VIS-01/02）", "Ticket delivery (VIS-01/02)"),
             Text("为预约的特殊团体送票，登记时间、地点和签收人。", "Tickets delivered to a reserved special group: when, where, who received them.")),
        ]
        let items: [HTML] = cards.map { slug, id, title, hint in
            "<li class=\"card\" id=\"\(id)\"><h2><a href=\"\(Self.path)/\(slug)\">\(title, l)</a></h2><p class=\"hint\">\(hint, l)</p></li>"
        }
        let body: HTML = """
        <h1 id="scenic-title">\(Text("景区特殊游客服务", "Scenic area: special visitor services"), l)</h1>
        <p class="hint">\(Text("为老人、幼儿、残疾人等特殊游客提供个性化服务（篇11）。", "Personal services for the elderly, young children and disabled visitors (篇11)."), l)</p>
        <ul class="plain-list" id="scenic-services">\(items)</ul>
        """
        return shell.render(page, title: Text("景区游客服务", "Scenic visitor services"), active: "scenic", body: body).response()
    }

    // MARK: VIS-03

    func freeEntries(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try Self.requireWorker(principal)
        let page = Self.page(request, context)
        let l = page.locale
        var q = request.queryDictionary
        let today = ScenicNow(Date()).day.iso
        if q["date"] == nil { q["date"] = today }
        let m = try await scenic.freeEntries(q, paging: try Paging.from(q, defaultPer: 50), viewer: principal)
        let action = "\(Self.path)/free-entries"
        let state = page.formState(action: action)
        let kinds = ScenicService.IDKind.allCases.map { ($0.rawValue, ScenicLabels.idKind($0)(l)) }
        let rows: [DataTable.Row] = m.items.map { e in
            DataTable.Row(plain: ["\(Times.display(e.checkedMillis))", "\(e.visitorName)", "\(e.idMasked)", "\(e.birthDate)", "\(e.age)", "\(e.gate)", "\(e.checkedByName)"],
                          attributes: "class=\"scenic-free-row\" data-age=\"\(e.age)\"")
        }
        let headers = [Text("核验时间", "Checked at"), Text("游客", "Visitor"), Text("证件号（已遮蔽）", "ID (masked)"), Text("出生日期", "Born"),
                       Text("年龄", "Age"), Text("检票口", "Gate"), Text("核验人", "Checked by")].map { $0(l) }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("当天没有免票登记", "No free entries that day"), l)</p>"
            : DataTable.render(id: "scenic-free-list", headers: headers, rows: rows)
        let fields: Set<String> = ["visitorName", "idKind", "idNumber", "birthDate", "gate"]
        let filter = q.filter { ["q", "date"].contains($0.key) && !$0.value.isEmpty }
        let exportQuery = filter.sorted { $0.key < $1.key }.map { "&\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined()
        let body: HTML = """
        <h1 id="scenic-free-title">\(Text("老人免票核验", "Free entry at 70 or over"), l)</h1>
        <p class="hint">\(Text("根据当地政府规定，年满 \(FreeEntryRules.freeAge) 周岁的老人验明身份证或有关证件后免票放行（VIS-03）。证件号只保存前 6 位和后 4 位。",
                              "Visitors aged \(FreeEntryRules.freeAge) or over enter free once the ID is checked (VIS-03). Only the first 6 and last 4 characters of the ID number are kept."), l)</p>
        <section class="card no-print" id="scenic-free-check">
        \(state.generalMessage(fields: fields, l, id: "form-error"))
        <form method="post" action="\(action)" id="scenic-free-form">\(page.csrfField)
        <div class="grid one-column">
        \(Self.textField(state, "free", "visitorName", Text("游客姓名", "Visitor's name"), l, attributes: "required autocomplete=\"off\""))
        \(Self.choice(state, "free", "idKind", Text("证件类型", "ID kind"), kinds, l))
        \(Self.textField(state, "free", "idNumber", Text("证件号码", "ID number"), l, attributes: "required autocomplete=\"off\" inputmode=\"text\""))
        \(Self.textField(state, "free", "birthDate", Text("出生日期（其他证件填写）", "Birth date (other IDs)"), l, type: "date"))
        \(Self.textField(state, "free", "gate", Text("检票口", "Gate"), l, attributes: "required"))
        </div>
        <div class="actions"><button type="submit" id="scenic-free-submit">\(Text("核验", "Check"), l)</button></div>
        </form></section>
        <h2>\(Text("免票登记", "Free-entry register"), l)</h2>
        <form method="get" action="\(action)" class="toolbar filters no-print" id="scenic-free-filter">
        \(FormControls.field(Text("日期", "Day")(l), for: "scenic-free-date", FormControls.input(id: "scenic-free-date", name: "date", type: "date", value: q["date"])))
        \(FormControls.field(Text("姓名、证件号或检票口", "Name, ID or gate")(l), for: "scenic-free-q", FormControls.input(id: "scenic-free-q", name: "q", value: q["q"])))
        <button type="submit" id="scenic-free-apply">\(Text("查询", "Search"), l)</button></form>
        <p class="actions no-print"><a id="scenic-free-csv" href="\(action)/export?format=csv\(exportQuery)">\(Text("导出 CSV", "Export CSV"), l)</a>
        <a id="scenic-free-xlsx" href="\(action)/export?format=xlsx\(exportQuery)">\(Text("导出 Excel", "Export Excel"), l)</a>
        <button type="button" data-print>\(Text("打印", "Print"), l)</button></p>
        <p id="scenic-free-total">\(Text("共 \(m.total) 人次", "\(m.total) in all"), l)</p>
        \(table)
        \(FormControls.pager(basePath: action, query: filter, page: m.page, per: m.per, total: m.total, locale: l))
        """
        return shell.render(page, title: Text("老人免票核验", "Free entry at 70 or over"), active: "scenic-free-entry", body: body, breadcrumbs: .underActive).response()
    }

    func checkFreeEntry(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        let e = try await scenic.checkFreeEntry(ScenicBody(Self.values(form)), by: principal)
        return Redirect.to("\(Self.path)/free-entries?date=\(e.visitDate)&notice=free_entry")
    }

    func exportFreeEntries(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let l = context.page(request).locale
        let q = request.queryDictionary
        guard let format = TableExport.Format(q["format"] ?? "csv") else {
            throw AppError.validation("format", Text("格式的取值必须是：xlsx, csv", "Format must be one of: xlsx, csv"))
        }
        let m = try await scenic.freeEntries(q, paging: Paging(page: 1, per: 10_000), viewer: principal)
        let columns: [ExportTable.Column] = [
            .init(Text("游览日期", "Visit date"), .date, locale: l), .init(Text("核验时间", "Checked at"), locale: l), .init(Text("游客", "Visitor"), locale: l),
            .init(Text("证件类型", "ID kind"), locale: l), .init(Text("证件号（已遮蔽）", "ID (masked)"), locale: l), .init(Text("出生日期", "Born"), .date, locale: l),
            .init(Text("年龄", "Age"), .number, locale: l), .init(Text("检票口", "Gate"), locale: l), .init(Text("核验人", "Checked by"), locale: l),
        ]
        let rows: [[ExportTable.Cell]] = m.items.map { e in
            [.date(e.visitDate), .text(Times.display(e.checkedMillis)), .text(e.visitorName),
             .text(ScenicService.IDKind(rawValue: e.idKind).map { ScenicLabels.idKind($0)(l) } ?? e.idKind), .text(e.idMasked), .date(e.birthDate),
             .number(String(e.age)), .text(e.gate), .text(e.checkedByName)]
        }
        return TableExport.response(ExportTable(sheetName: Text("老人免票登记", "Free entries")(l), columns: columns, rows: rows), as: format,
                                    filename: Text("老人免票登记", "Free entries")(l))
    }
}
