import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 巡楼与空置房 (#14 PRP-07) as pages: the patrol log with its form and a printable list, a patrol, the vacant units
/// with their checks. The daily review (PRP-04) and owner proposals (PRP-10) are in `ReviewPages` and `ProposalPages`.
/// One-column forms; refused forms keep what was typed (the form-flash helpers).
public struct PropertyOperationsPages: Sendable {
    let ops: PropertyOperationsService
    let shell: PageShell

    public init(ops: PropertyOperationsService, shell: PageShell) {
        self.ops = ops
        self.shell = shell
    }

    static let path = PropertyPaths.root

    static func isReader(_ p: Principal) -> Bool { !p.roles.isDisjoint(with: PropertyRules.readers) }
    static func isReviewer(_ p: Principal) -> Bool { !p.roles.isDisjoint(with: PropertyOperationsRules.reviewers) }

    public func register(on router: Router<KefuContext>) {
        router.get("/property/patrols") { request, context in try await patrols(request, context) }
        router.post("/property/patrols") { request, context in try await recordPatrol(request, context) }
        router.get("/property/patrols/:id") { request, context in try await patrol(request, context) }
        router.get("/property/vacant") { request, context in try await vacant(request, context) }
        router.post("/property/vacant-checks") { request, context in try await recordCheck(request, context) }
        router.get("/property/daily-review") { request, context in try await review(request, context) }
        router.post("/property/daily-reviews") { request, context in try await sign(request, context) }
        router.get("/property/proposals") { request, context in try await proposals(request, context) }
        router.post("/property/proposals") { request, context in try await recordProposal(request, context) }
        router.post("/property/proposal-batches") { request, context in try await submit(request, context) }
        router.get("/property/proposal-batches/:id") { request, context in try await batch(request, context) }
        router.post("/property/proposals/:id/answer") { request, context in try await answer(request, context) }
    }

    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = context.page(request)
        guard request.uri.queryParameters.get("notice") == "property-ops", let what = request.uri.queryParameters.get("what").map({ String($0) }) else { return base }
        let label: Text = switch what {
        case "patrol": Text("已登记巡楼记录", "Patrol recorded")
        case "check": Text("已登记空置房检查", "Vacant-unit check recorded")
        case "review": Text("已签署审阅", "Day signed off")
        case "proposal": Text("已登记业主建议", "Proposal recorded")
        case "batch": Text("已提交项目经理", "Submitted to the project manager")
        default: Text("已登记答复", "Answer recorded")
        }
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken, notice: label(base.locale), formFlash: base.formFlash, path: base.path)
    }

    static func estateOptions(_ estates: [PropertyEstateView]) -> [(String, String)] { estates.map { ($0.id, $0.name) } }

    static func textarea(_ state: FormState, _ id: String, _ name: String, _ label: Text, _ l: AppLocale, required: Bool = false) -> HTML {
        FormControls.field(label(l), for: id, "<textarea id=\"\(id)\" name=\"\(name)\" rows=\"3\"\(HTML(raw: required ? " required" : ""))>\(state.values[name] ?? "")</textarea>",
                           error: state.message(for: name, l))
    }

    static func state(_ s: VacantCheckState, _ l: AppLocale) -> String {
        s == .ok ? Text("正常", "OK")(l) : Text("异常", "Abnormal")(l)
    }

    static func status(_ s: PatrolStatus, _ l: AppLocale) -> HTML {
        s == .normal ? "<span class=\"badge ok\">\(Text("正常", "Normal"), l)</span>" : "<span class=\"badge late\">\(Text("有问题", "Issues found"), l)</span>"
    }

    // MARK: patrols

    func patrols(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await ops.patrolsPage(q, paging: try Paging.from(q, defaultPer: 30), viewer: principal)
        let rows: [DataTable.Row] = m.patrols.items.map { p in
            let findings = p.findings.map { f in
                "\(f.location.map { $0 + "：" } ?? "")\(f.description)" + (f.ticketRef.map { "（" + Text("工单 ", "ticket ")(l) + $0 + "）" } ?? "")
            }.joined(separator: "；")
            return DataTable.Row(plain: ["<a class=\"prp-patrol-link\" href=\"\(Self.path)/patrols/\(p.id)\">\(p.number)</a>", "\(p.estateName)",
                                         "\(p.patrolledOn) \(p.patrolledTime ?? "")", "\(p.buildings)", "\(p.patroller)", Self.status(p.status, l), "\(findings.isEmpty ? "—" : findings)"],
                                 attributes: "class=\"prp-patrol\" data-id=\"\(p.id)\" data-number=\"\(p.number)\" data-status=\"\(p.status.rawValue)\"")
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有巡楼记录", "No patrols"), l)</p>"
            : DataTable.render(id: "prp-patrols", headers: [Text("编号", "Number"), Text("小区", "Estate"), Text("时间", "When"), Text("楼栋", "Buildings"),
                                                            Text("巡查人", "Patroller"), Text("状态", "Status"), Text("发现的问题", "Findings")].map { $0(l) }, rows: rows)
        let filterQuery = q.filter { ["estateId", "from", "to", "status", "q"].contains($0.key) && !$0.value.isEmpty }
        let form: HTML = m.mayRecord ? patrolForm(page, m.estates) : .empty
        let body: HTML = """
        <h1 id="prp-patrols-title">\(Text("巡楼记录", "Building patrols"), l)</h1>
        <p class="hint">\(Text("项目楼宇巡检与空置房管理（PRP-07）。", "Building patrols and vacant-unit management (PRP-07)."), l)
        <a id="prp-vacant-link" href="\(Self.path)/vacant">\(Text("空置房检查", "Vacant-unit checks"), l)</a></p>
        \(filters(page, action: Self.path + "/patrols", estates: m.estates, q: q, withStatus: true))
        <p class="actions no-print"><button type="button" id="prp-print" onclick="window.print()">\(Text("打印", "Print"), l)</button></p>
        \(table)
        \(FormControls.pager(basePath: Self.path + "/patrols", query: filterQuery, page: m.patrols.page, per: m.patrols.per, total: m.patrols.total, locale: l))
        \(form)
        """
        return shell.render(page, title: Text("巡楼记录", "Building patrols"), active: "property-patrols", body: body).response()
    }

    func filters(_ page: PageContext, action: String, estates: [PropertyEstateView], q: [String: String], withStatus: Bool) -> HTML {
        let l = page.locale
        let status: HTML = withStatus ? FormControls.field(Text("状态", "Status")(l), for: "prp-f-status", FormControls.select(id: "prp-f-status", name: "status",
            options: [("", Text("全部", "All")(l)), ("normal", Text("正常", "Normal")(l)), ("issues", Text("有问题", "Issues found")(l))], selected: q["status"] ?? "")) : .empty
        return """
        <form method="get" action="\(action)" class="toolbar filters no-print" id="prp-log-filter">
        \(FormControls.field(Text("小区", "Estate")(l), for: "prp-f-estate", FormControls.select(id: "prp-f-estate", name: "estateId",
            options: [("", Text("全部", "All")(l))] + Self.estateOptions(estates), selected: q["estateId"] ?? "")))
        \(FormControls.field(Text("从", "From")(l), for: "prp-f-from", FormControls.input(id: "prp-f-from", name: "from", type: "date", value: q["from"])))
        \(FormControls.field(Text("到", "To")(l), for: "prp-f-to", FormControls.input(id: "prp-f-to", name: "to", type: "date", value: q["to"])))
        \(status)
        \(FormControls.field(Text("编号或关键字", "Number or words")(l), for: "prp-f-q", FormControls.input(id: "prp-f-q", name: "q", value: q["q"])))
        <button type="submit" id="prp-f-apply">\(Text("查询", "Search"), l)</button></form>
        """
    }

    func patrolForm(_ page: PageContext, _ estates: [PropertyEstateView]) -> HTML {
        let l = page.locale
        let action = Self.path + "/patrols"
        let s = page.formState(action: action)
        let findingRows: [HTML] = (0..<3).map { i in
            """
            <fieldset class="prp-finding"><legend>\(Text("问题 \(i + 1)", "Finding \(i + 1)"), l)</legend>
            \(PropertyPages.field(s, "prp-patrol", "location\(i)", Text("位置", "Location"), l))
            \(PropertyPages.field(s, "prp-patrol", "finding\(i)", Text("发现的问题", "What was found"), l))
            \(PropertyPages.choose(s, "prp-patrol", "disposition\(i)", Text("处理方式", "Disposition"), l,
                                   [("noted", Text("仅记录", "Noted only")(l)), ("ticket", Text("已转工单", "Turned into a ticket")(l))]))
            \(PropertyPages.field(s, "prp-patrol", "ticketRef\(i)", Text("工单号（转工单时）", "Ticket number (if turned into one)"), l))
            </fieldset>
            """
        }
        return """
        <section class="card no-print" id="prp-patrol-new"><h2>\(Text("登记巡楼", "Record a patrol"), l)</h2>
        \(s.generalMessage(fields: ["estateId", "patrolledOn", "patrolledTime", "buildings", "patroller", "note"], l, id: "prp-patrol-error"))
        <form method="post" action="\(action)" id="prp-patrol-form">\(page.csrfField)<div class="grid one-column">
        \(PropertyPages.choose(s, "prp-patrol", "estateId", Text("小区", "Estate"), l, Self.estateOptions(estates)))
        \(PropertyPages.field(s, "prp-patrol", "patrolledOn", Text("巡楼日期", "Patrol date"), l, type: "date", value: Times.day(Date()).iso, attributes: "required"))
        \(PropertyPages.field(s, "prp-patrol", "patrolledTime", Text("时间", "Time"), l, type: "time"))
        \(PropertyPages.field(s, "prp-patrol", "buildings", Text("巡查楼栋", "Buildings patrolled"), l, attributes: "required"))
        \(PropertyPages.field(s, "prp-patrol", "patroller", Text("巡查人（空为本人）", "Patroller (empty: you)"), l))
        \(findingRows)
        \(Self.textarea(s, "prp-patrol-note", "note", Text("备注", "Note"), l))
        </div><div class="actions"><button type="submit" id="prp-patrol-save">\(Text("保存", "Save"), l)</button></div></form></section>
        """
    }

    /// The page form's three finding rows as the API's findings (an empty row is skipped; a refusal names the row's field).
    static func patrolBody(_ values: [String: String]) -> PropertyPatrolBody {
        var findings: [FlatBody] = []
        var fields = values
        for i in 0..<3 {
            let description = TextRules.trimmed(values["finding\(i)"])
            let ref = TextRules.trimmed(values["ticketRef\(i)"])
            for k in ["location\(i)", "finding\(i)", "disposition\(i)", "ticketRef\(i)"] { fields[k] = nil }
            guard description != nil || ref != nil else { continue }
            var f: [String: String] = ["description": description ?? "", "disposition": values["disposition\(i)"] ?? "noted"]
            f["location"] = values["location\(i)"]
            f["ticketRef"] = ref
            if ref != nil { f["disposition"] = "ticket" }
            findings.append(FlatBody(f))
        }
        return PropertyPatrolBody(fields: FlatBody(fields), findings: findings)
    }

    func recordPatrol(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let values = PropertyPages.values(try await FormData.read(request))
        let estateId = values["estateId"] ?? ""
        do {
            let p = try await ops.recordPatrol(estateId: estateId, Self.patrolBody(values), by: principal)
            return Redirect.to("\(Self.path)/patrols/\(p.id)?notice=property-ops&what=patrol")
        } catch let e as AppError {
            // The form's finding rows are named "finding0"…; the API's "findings[0].description".
            var details = e.details
            if let f = details["field"], f.hasPrefix("findings[") {
                let i = f.dropFirst("findings[".count).prefix { $0.isNumber }
                details["field"] = (f.hasSuffix("ticketRef") ? "ticketRef" : f.hasSuffix("location") ? "location" : "finding") + i
            }
            throw AppError(e.status, e.code, e.message, details: details)
        }
    }

    func patrol(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let p = try await ops.patrol(id: try context.parameters.require("id"), viewer: principal)
        let rows: [DataTable.Row] = p.findings.map { f in
            DataTable.Row(plain: ["\(f.location ?? "—")", "\(f.description)",
                                  "\(f.disposition == .ticket ? Text("已转工单", "Turned into a ticket")(l) : Text("仅记录", "Noted only")(l))",
                                  f.ticketRef.map { "<a href=\"/search?q=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")\">\($0)</a>" } ?? "—"], attributes: "class=\"prp-finding-row\"")
        }
        let findings: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"prp-no-findings\">\(Text("未发现问题", "Nothing found"), l)</p>"
            : DataTable.render(id: "prp-findings", headers: [Text("位置", "Location"), Text("问题", "Finding"), Text("处理", "Disposition"), Text("工单", "Ticket")].map { $0(l) }, rows: rows)
        let body: HTML = """
        <h1 id="prp-patrol-title">\(Text("巡楼记录", "Patrol"), l) \(p.number)</h1>
        <p class="actions no-print"><button type="button" id="prp-print" onclick="window.print()">\(Text("打印", "Print"), l)</button>
        <a href="\(Self.path)/patrols?estateId=\(p.estateId)">\(Text("返回列表", "Back to the list"), l)</a></p>
        <dl class="facts" id="prp-patrol-facts">
        <dt>\(Text("小区", "Estate"), l)</dt><dd>\(p.estateName)</dd>
        <dt>\(Text("时间", "When"), l)</dt><dd>\(p.patrolledOn) \(p.patrolledTime ?? "")</dd>
        <dt>\(Text("楼栋", "Buildings"), l)</dt><dd>\(p.buildings)</dd>
        <dt>\(Text("巡查人", "Patroller"), l)</dt><dd>\(p.patroller)</dd>
        <dt>\(Text("状态", "Status"), l)</dt><dd id="prp-patrol-status">\(Self.status(p.status, l))</dd>
        <dt>\(Text("备注", "Note"), l)</dt><dd>\(p.note ?? "—")</dd>
        <dt>\(Text("登记人", "Recorded by"), l)</dt><dd>\(p.recordedBy)</dd></dl>
        <section class="card" id="prp-patrol-findings"><h2>\(Text("发现的问题", "Findings"), l)</h2>\(findings)</section>
        """
        return shell.render(page, title: Text("巡楼记录 " + p.number, "Patrol " + p.number), active: "property-patrols", body: body, breadcrumbs: .underActive).response()
    }

    // MARK: vacant units

    func vacant(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await ops.vacantPage(q, paging: try Paging.from(q, defaultPer: 30), viewer: principal)
        let unitRows: [DataTable.Row] = m.units.map { u in
            DataTable.Row(plain: ["\(u.estateName)", "\(u.building)", "\(u.room)", "\(u.lastCheckedOn ?? Text("从未检查", "Never checked")(l))"],
                          attributes: "class=\"prp-vacant-unit\" data-unit=\"\(u.unitId)\"")
        }
        let units: HTML = unitRows.isEmpty ? "<p class=\"empty\" id=\"prp-no-vacant\">\(Text("没有空置房", "No vacant units"), l)</p>"
            : DataTable.render(id: "prp-vacant-units", headers: [Text("小区", "Estate"), Text("楼栋", "Building"), Text("房号", "Room"), Text("最近检查", "Last checked")].map { $0(l) },
                               rows: unitRows)
        let checkRows: [DataTable.Row] = m.checks.items.map { c in
            DataTable.Row(plain: ["\(c.number)", "\(c.estateName)", "\(c.building) \(c.room)", "\(c.checkedOn)", "\(c.checker)",
                                  "\(Self.state(c.doors, l))", "\(Self.state(c.windows, l))", "\(Self.state(c.water, l))", "\(Self.state(c.power, l))", "\(c.note ?? "—")"],
                          attributes: "class=\"prp-vacant-check\" data-number=\"\(c.number)\" data-ok=\"\(c.allOK ? "1" : "0")\"")
        }
        let checks: HTML = checkRows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有检查记录", "No checks"), l)</p>"
            : DataTable.render(id: "prp-vacant-checks", headers: [Text("编号", "Number"), Text("小区", "Estate"), Text("房屋", "Unit"), Text("日期", "Date"),
                                                                  Text("检查人", "Checker"), Text("门", "Doors"), Text("窗", "Windows"), Text("水", "Water"),
                                                                  Text("电", "Power"), Text("说明", "Note")].map { $0(l) }, rows: checkRows)
        let filterQuery = q.filter { ["estateId", "from", "to", "q"].contains($0.key) && !$0.value.isEmpty }
        let action = Self.path + "/vacant-checks"
        let s = page.formState(action: action)
        let states = VacantCheckState.allCases.map { ($0.rawValue, Self.state($0, l)) }
        let form: HTML = m.mayRecord ? """
            <section class="card no-print" id="prp-check-new"><h2>\(Text("登记空置房检查", "Record a vacant-unit check"), l)</h2>
            \(s.generalMessage(fields: ["estateId", "building", "room", "checkedOn", "checker", "doors", "windows", "water", "power", "note"], l, id: "prp-check-error"))
            <form method="post" action="\(action)" id="prp-check-form">\(page.csrfField)<div class="grid one-column">
            \(PropertyPages.choose(s, "prp-check", "estateId", Text("小区", "Estate"), l, Self.estateOptions(m.estates)))
            \(PropertyPages.field(s, "prp-check", "building", Text("楼栋", "Building"), l, attributes: "required"))
            \(PropertyPages.field(s, "prp-check", "room", Text("房号", "Room"), l, attributes: "required"))
            \(PropertyPages.field(s, "prp-check", "checkedOn", Text("检查日期", "Check date"), l, type: "date", value: Times.day(Date()).iso))
            \(PropertyPages.field(s, "prp-check", "checker", Text("检查人（空为本人）", "Checker (empty: you)"), l))
            \(PropertyPages.choose(s, "prp-check", "doors", Text("门", "Doors"), l, states))
            \(PropertyPages.choose(s, "prp-check", "windows", Text("窗", "Windows"), l, states))
            \(PropertyPages.choose(s, "prp-check", "water", Text("水", "Water"), l, states))
            \(PropertyPages.choose(s, "prp-check", "power", Text("电", "Power"), l, states))
            \(Self.textarea(s, "prp-check-note", "note", Text("情况说明（有异常时必填）", "Note (required when something is abnormal)"), l))
            </div><div class="actions"><button type="submit" id="prp-check-save">\(Text("保存", "Save"), l)</button></div></form></section>
            """ : .empty
        let body: HTML = """
        <h1 id="prp-vacant-title">\(Text("空置房管理", "Vacant units"), l)</h1>
        <p class="hint"><a href="\(Self.path)/patrols">\(Text("巡楼记录", "Building patrols"), l)</a></p>
        \(filters(page, action: Self.path + "/vacant", estates: m.estates, q: q, withStatus: false))
        <section class="card" id="prp-vacant-unit-list"><h2>\(Text("空置房（最久未检查的在前）", "Vacant units (least recently checked first)"), l)</h2>\(units)</section>
        <section class="card" id="prp-vacant-check-list"><h2>\(Text("检查记录", "Checks"), l)</h2>
        <p class="actions no-print"><button type="button" id="prp-print" onclick="window.print()">\(Text("打印", "Print"), l)</button></p>
        \(checks)
        \(FormControls.pager(basePath: Self.path + "/vacant", query: filterQuery, page: m.checks.page, per: m.checks.per, total: m.checks.total, locale: l))</section>
        \(form)
        """
        return shell.render(page, title: Text("空置房管理", "Vacant units"), active: "property-patrols", body: body).response()
    }

    func recordCheck(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let values = PropertyPages.values(try await FormData.read(request))
        _ = try await ops.recordVacantCheck(estateId: values["estateId"] ?? "", FlatBody(values), by: principal)
        return Redirect.to("\(Self.path)/vacant?estateId=\(values["estateId"] ?? "")&notice=property-ops&what=check")
    }
}
