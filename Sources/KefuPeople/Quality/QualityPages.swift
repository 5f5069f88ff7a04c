import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 人员 › 质检 (#15.5; KPI-02, KPI-03, CMP-17) as pages: calls entered for inspection (a refusal keeps what was typed) and
/// the penalty register with confirm and waive. Inspections and standards have their own file.
public struct QualityPages: Sendable {
    let standards: InspectionStandardService
    let inspections: InspectionService
    let penalties: QualityPenaltyService
    let shell: PageShell

    public init(standards: InspectionStandardService, inspections: InspectionService, penalties: QualityPenaltyService, shell: PageShell) {
        self.standards = standards
        self.inspections = inspections
        self.penalties = penalties
        self.shell = shell
    }

    static let group = Text("质检", "Quality inspection")

    public static let nav: [NavItem] = [
        NavItem(id: "people-inspections", href: "/people/quality/inspections", label: Text("质检记录", "Inspections"), area: .people, group: group,
                isVisible: { RosterRoles.isStaff($0.roles) }),
        NavItem(id: "people-quality-calls", href: "/people/quality/calls", label: Text("来电记录", "Calls"), area: .people, group: group,
                isVisible: { !$0.roles.isDisjoint(with: QualityPenaltyRules.registerReaders) }),
        NavItem(id: "people-quality-penalties", href: "/people/quality/penalties", label: Text("处罚记录", "Penalty records"), area: .people, group: group,
                isVisible: { RosterRoles.isStaff($0.roles) }),
        NavItem(id: "people-inspection-standards", href: "/people/quality/standards", label: Text("质检标准", "Inspection standards"), area: .people, group: group,
                isVisible: { !$0.roles.isDisjoint(with: QualityPenaltyRules.registerReaders) }),
    ]

    public func register(on router: Router<KefuContext>) {
        router.get("/people/quality/calls") { request, context in try await calls(request, context) }
        router.post("/people/quality/calls") { request, context in
            let principal = try context.requirePrincipal()
            let f = try await FormData.read(request)
            func whole(_ name: String, _ message: Text) throws -> Int? {
                guard let typed = TextRules.trimmed(f[name]) else { return nil }
                guard let n = UsualInput.wholeNumber(typed) else { throw AppError.validation(name, message) }
                return n
            }
            let v = try await inspections.enterCall(CallRecordInput(
                agentId: f["agentId"], calledAt: f["calledAt"].map { $0.replacingOccurrences(of: "T", with: " ") }, callerNumber: f["callerNumber"],
                rings: try whole("rings", Text("响铃次数应为整数", "The rings are a whole number")),
                durationSeconds: try whole("durationSeconds", Text("通话时长应为整数秒", "The duration is whole seconds")), note: f["note"]), by: principal)
            return Redirect.to(v.penaltyId != nil ? "/people/quality/penalties?late=\(v.id)" : "/people/quality/calls?saved=\(v.id)")
        }
        router.get("/people/quality/penalties") { request, context in try await register(request, context) }
        router.post("/people/quality/penalties/scan") { _, context in
            let r = try await penalties.scan(by: try context.requirePrincipal())
            return Redirect.to("/people/quality/penalties?scanned=\(r.created)")
        }
        for step in QualityPenaltyRules.Step.allCases {
            router.post("/people/quality/penalties/:id/\(step.rawValue)") { request, context in
                let principal = try context.requirePrincipal()
                let f = try await FormData.read(request)
                _ = try await penalties.decide(step, id: try context.parameters.require("id"), reason: f["note"], by: principal)
                return Redirect.to("/people/quality/penalties")
            }
        }
        InspectionPages(standards: standards, inspections: inspections, shell: shell).register(on: router)
    }

    // MARK: calls

    func calls(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await inspections.callsPage(viewer: principal, paging: try Paging.from(q, defaultPer: 20))
        let title = Text("来电记录", "Calls")
        let rows: [DataTable.Row] = m.calls.items.map { c in
            DataTable.Row([
                DataTable.Cell("\(m.shown[c.id] ?? "")"), DataTable.Cell("\(c.agentName)"),
                DataTable.Cell("\(c.callerNumber)"), DataTable.Cell("\(String(c.rings))", class: c.lateAnswer ? "late-answer" : ""),
                DataTable.Cell("\(String(c.durationSeconds))"), DataTable.Cell("\(c.note)"),
            ], attributes: HTML(raw: "class=\"call-row\" data-id=\"\(c.id)\" data-late=\"\(c.lateAnswer)\""))
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"calls-empty\">\(Text("还没有来电记录", "No calls entered yet"), l)</p>"
            : DataTable.render(id: "calls-list", headers: [Text("来电时间", "Time"), Text("接听人", "Agent"), Text("来电号码", "Caller"),
                                                          Text("响铃次数", "Rings"), Text("时长（秒）", "Seconds"), Text("备注", "Note")].map { $0(l) }, rows: rows)
        let saved: HTML = q["saved"] != nil ? "<p class=\"notice\" id=\"call-saved\" role=\"status\">\(Text("来电已记录", "Call entered"), l)</p>" : .empty
        let body: HTML = """
        <h1 id="calls-title">\(title, l)</h1>
        <p class="hint">\(Text("电话须在响铃三声之内接听；超过三声即生成处罚记录（KPI-02）。", "Answer within three rings; more than three produces a penalty record (KPI-02)."), l)</p>
        \(saved)
        \(table)
        \(FormControls.pager(basePath: "/people/quality/calls", query: [:], page: m.calls.page, per: m.calls.per, total: m.calls.total, locale: l))
        \(callForm(m, page: page))
        """
        return shell.render(page, title: title, active: "people-quality-calls", body: body).response()
    }

    func callForm(_ m: CallsPageModel, page: PageContext) -> HTML {
        guard !m.agents.isEmpty else { return .empty }
        let l = page.locale
        let s = page.formState(action: "/people/quality/calls")
        let fields: Set<String> = ["agentId", "calledAt", "callerNumber", "rings", "durationSeconds", "note"]
        func field(_ label: Text, _ name: String, _ control: HTML) -> HTML {
            FormControls.field(label(l), for: "call-\(name)", control, error: s.message(for: name, l))
        }
        func input(_ name: String, type: String = "text", attributes: String = "") -> HTML {
            FormControls.input(id: "call-\(name)", name: name, type: type, value: s.value(name), attributes: attributes)
        }
        return """
        <section id="call-new"><h2>\(Text("记录来电", "Enter a call"), l)</h2>
        \(s.generalMessage(fields: fields, l, id: "call-error"))
        <form method="post" action="/people/quality/calls" id="call-form">\(page.csrfField)
        <div class="grid one-column">
        \(field(Text("接听人", "Agent"), "agentId", FormControls.select(id: "call-agentId", name: "agentId", options: m.agents.map { ($0.id, $0.name) }, selected: s.values["agentId"])))
        \(field(Text("来电时间（YYYY-MM-DD HH:MM）", "Time (YYYY-MM-DD HH:MM)"), "calledAt", input("calledAt", attributes: "required placeholder=\"2026-11-20 14:30\"")))
        \(field(Text("来电号码", "Caller's number"), "callerNumber", input("callerNumber", type: "tel", attributes: "maxlength=\"30\" required")))
        \(field(Text("响铃次数", "Rings before the answer"), "rings", input("rings", attributes: "inputmode=\"numeric\" required")))
        \(field(Text("通话时长（秒）", "Duration (seconds)"), "durationSeconds", input("durationSeconds", attributes: "inputmode=\"numeric\" required")))
        \(field(Text("备注", "Note"), "note", input("note", attributes: "maxlength=\"1000\"")))
        </div><div class="actions"><button type="submit" id="call-submit">\(Text("保存", "Save"), l)</button></div></form></section>
        """
    }

    // MARK: the penalty register

    static func sourceLabel(_ s: String) -> Text {
        switch s {
        case QualityPenaltyRules.Source.lateAnswer.rawValue: Text("响铃超过三声", "Answered after more than 3 rings")
        case QualityPenaltyRules.Source.complaints.rawValue: Text("三次经核实的投诉", "Three verified complaints")
        default: Text("质检提出", "Proposed by an inspection")
        }
    }

    static func statusLabel(_ s: String) -> Text {
        switch s {
        case QualityPenaltyRules.Status.proposed.rawValue: Text("待确认", "Proposed")
        case QualityPenaltyRules.Status.confirmed.rawValue: Text("已确认", "Confirmed")
        default: Text("已免除", "Waived")
        }
    }

    func register(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let status = TextRules.trimmed(q["status"])
        let m = try await penalties.penaltiesPage(viewer: principal, status: status, paging: try Paging.from(q, defaultPer: 20))
        let title = Text("处罚记录", "Penalty records")
        let rows: [DataTable.Row] = m.penalties.items.map { p in
            var decide: HTML = .empty
            if !p.actions.isEmpty {
                let s = page.formState(action: "/people/quality/penalties/\(p.id)/confirm")
                let w = page.formState(action: "/people/quality/penalties/\(p.id)/waive")
                let error = s.message(for: "note", l) ?? w.message(for: "note", l)
                decide = """
                <form method="post" class="penalty-decide" id="decide-\(p.id)" action="/people/quality/penalties/\(p.id)/confirm">\(page.csrfField)
                \(FormControls.field(Text("理由", "Reason")(l), for: "note-\(p.id)", FormControls.input(id: "note-\(p.id)", name: "note", value: s.value("note") ?? w.value("note"),
                                                                                                      attributes: "maxlength=\"500\" class=\"penalty-note\""), error: error))
                <button type="submit" class="penalty-confirm">\(Text("确认处罚", "Confirm"), l)</button>
                <button type="submit" class="penalty-waive secondary" formaction="/people/quality/penalties/\(p.id)/waive">\(Text("免除", "Waive"), l)</button>
                </form>
                """
            }
            return DataTable.Row([
                DataTable.Cell("\(p.number)"), DataTable.Cell("\(p.agentName)"), DataTable.Cell("\(Self.sourceLabel(p.source)(l))"), DataTable.Cell("\(p.reason)"),
                DataTable.Cell("\(m.shown[p.id] ?? "")"),
                DataTable.Cell("<span class=\"penalty-status\">\(Self.statusLabel(p.status)(l))</span>\(p.decisionReason.map { HTML(raw: "<br><small>" + HTML.escape($0) + "</small>") } ?? .empty)"),
                DataTable.Cell(decide),
            ], attributes: HTML(raw: "class=\"penalty-row\" data-id=\"\(p.id)\" data-number=\"\(HTML.escape(p.number))\" data-status=\"\(p.status)\" data-source=\"\(p.source)\""))
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"penalties-empty\">\(Text("没有处罚记录", "No penalty records"), l)</p>"
            : DataTable.render(id: "penalties-list", headers: [Text("编号", "No."), Text("员工", "Staff"), Text("来源", "Source"), Text("事由", "Reason"),
                                                              Text("发生时间", "When"), Text("状态", "Status"), Text("处理", "Decision")].map { $0(l) }, rows: rows)
        let filters: [(String, String)] = [("", Text("全部", "All")(l))] + QualityPenaltyRules.Status.allCases.map { ($0.rawValue, Self.statusLabel($0.rawValue)(l)) }
        let scan: HTML = m.mayScan ? """
            <form method="post" action="/people/quality/penalties/scan" id="penalty-scan">\(page.csrfField)
            <button type="submit" class="secondary">\(Text("核对投诉（每三次经核实的投诉生成一条处罚）", "Check complaints (every third verified complaint)"), l)</button></form>
            """ : .empty
        let notes: HTML = q["scanned"].map { "<p class=\"notice\" id=\"penalty-scanned\" role=\"status\">\(Text("新增处罚记录 {0} 条", "{0} new penalty records").with($0), l)</p>" }
            ?? (q["late"] != nil ? "<p class=\"notice\" id=\"penalty-late\" role=\"status\">\(Text("来电已记录：响铃超过三声，已生成处罚记录", "Call entered: answered after more than three rings, a penalty record was proposed"), l)</p>" : .empty)
        var query: [String: String] = [:]
        if let status { query["status"] = status }
        let body: HTML = """
        <h1 id="penalties-title">\(title, l)</h1>
        <p class="hint">\(Text("响铃超过三声、三次经核实的投诉及质检提出的处罚，由部门主管确认或免除（KPI-02、CMP-17）。", "Late answers, three verified complaints and inspections propose penalties; the department supervisor confirms or waives each (KPI-02, CMP-17)."), l)</p>
        \(notes)
        <form method="get" action="/people/quality/penalties" class="toolbar filters" id="penalty-filter">
        \(FormControls.field(Text("状态", "Status")(l), for: "penalty-status", FormControls.select(id: "penalty-status", name: "status", options: filters, selected: status)))
        <button type="submit">\(Text("筛选", "Filter"), l)</button></form>
        \(scan)
        \(table)
        \(FormControls.pager(basePath: "/people/quality/penalties", query: query, page: m.penalties.page, per: m.penalties.per, total: m.penalties.total, locale: l))
        """
        return shell.render(page, title: title, active: "people-quality-penalties", body: body).response()
    }
}
