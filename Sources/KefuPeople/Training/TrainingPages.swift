import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 人员 › 培训 (#15.4, TRN-01) as pages: the sessions list with the form that records one (a refusal keeps what was
/// typed), a session with its attendance sheet (one row per person, keyboard: Tab moves status → score → next row), the
/// printable sign-in sheet, and the months without training per unit. Plans and qualifications have their own files.
public struct TrainingPages: Sendable {
    let sessions: TrainingService
    let plans: TrainingPlanService
    let qualifications: QualificationService
    let shell: PageShell

    public init(sessions: TrainingService, plans: TrainingPlanService, qualifications: QualificationService, shell: PageShell) {
        self.sessions = sessions
        self.plans = plans
        self.qualifications = qualifications
        self.shell = shell
    }

    static let group = Text("培训与资格", "Training & qualifications")

    public static let nav: [NavItem] = [
        NavItem(id: "people-trainings", href: "/people/trainings", label: Text("培训记录", "Training sessions"), area: .people, group: group,
                isVisible: { RosterRoles.isStaff($0.roles) }),
        NavItem(id: "people-training-gaps", href: "/people/training-gaps", label: Text("培训缺失月份", "Months without training"), area: .people, group: group,
                isVisible: { !$0.roles.isDisjoint(with: TrainingRules.organisers) }),
        NavItem(id: "people-training-plans", href: "/people/training-plans", label: Text("培训计划", "Training plans"), area: .people, group: group,
                isVisible: { !$0.roles.isDisjoint(with: TrainingRules.planReaders) }),
        NavItem(id: "people-qualifications", href: "/people/qualifications", label: Text("员工资格", "Staff qualifications"), area: .people, group: group,
                isVisible: { !$0.roles.isDisjoint(with: TrainingRules.organisers) }),
    ]

    public func register(on router: Router<KefuContext>) {
        router.get("/people/trainings") { request, context in try await list(request, context) }
        router.post("/people/trainings") { request, context in
            let principal = try context.requirePrincipal()
            let f = try await FormData.read(request)
            let v = try await sessions.createSession(TrainingSessionInput(orgUnitId: f["orgUnitId"], topic: f["topic"], trainer: f["trainer"], date: f["date"],
                                                                         start: f["start"], end: f["end"], place: f["place"], content: f["content"],
                                                                         planId: TextRules.trimmed(f["planId"])), by: principal)
            return Redirect.to("/people/trainings/\(v.id)")
        }
        router.get("/people/trainings/:id") { request, context in try await session(request, context, print: false) }
        router.get("/people/trainings/:id/sign-in") { request, context in try await session(request, context, print: true) }
        router.post("/people/trainings/:id/attendance") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            let f = try await FormData.read(request)
            let users = f.values.keys.filter { $0.hasPrefix("status-") }.map { String($0.dropFirst(7)) }.sorted()
            var lines: [AttendanceInput.Line] = []
            for user in users {
                guard let status = TextRules.trimmed(f["status-\(user)"]) else { continue } // not marked: not on the sheet
                var score: Int?
                if let typed = TextRules.trimmed(f["score-\(user)"]) {
                    guard let s = UsualInput.wholeNumber(typed) else {
                        throw AppError.validation("lines", Text("成绩应为 0–100 的整数", "A score is a whole number 0–100"))
                    }
                    score = s
                }
                lines.append(AttendanceInput.Line(userId: user, status: status, score: score))
            }
            _ = try await sessions.recordAttendance(sessionId: id, AttendanceInput(lines: lines), by: principal)
            return Redirect.to("/people/trainings/\(id)?saved=1")
        }
        router.get("/people/training-gaps") { request, context in try await gaps(request, context) }
        TrainingPlanPages(plans: plans, shell: shell).register(on: router)
        QualificationPages(qualifications: qualifications, shell: shell).register(on: router)
    }

    static func attendanceLabel(_ s: String) -> Text {
        switch s {
        case "present": Text("出席", "Present")
        case "absent": Text("缺席", "Absent")
        case "excused": Text("请假", "Excused")
        default: Text("未登记", "Not recorded")
        }
    }

    // MARK: list and form

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await sessions.listPage(viewer: principal, q: q["q"], paging: try Paging.from(q, defaultPer: 20))
        let title = Text("培训记录", "Training sessions")
        let rows: [DataTable.Row] = m.sessions.items.map { s in
            DataTable.Row([
                DataTable.Cell("<a href=\"/people/trainings/\(s.id)\" class=\"training-link\">\(s.number)</a>"),
                DataTable.Cell("\(s.date) \(s.start)–\(s.end)"), DataTable.Cell("\(s.orgUnitName)"), DataTable.Cell("\(s.topic)"),
                DataTable.Cell("\(s.trainer)"), DataTable.Cell("\(s.place)"), DataTable.Cell("\(String(s.presentCount))"),
            ], attributes: HTML(raw: "class=\"training-row\" data-id=\"\(s.id)\" data-number=\"\(HTML.escape(s.number))\""))
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"training-empty\">\(Text("还没有培训记录", "No training sessions yet"), l)</p>"
            : DataTable.render(id: "training-list", headers: [Text("编号", "No."), Text("时间", "When"), Text("单位", "Unit"), Text("主题", "Topic"),
                                                             Text("讲师", "Trainer"), Text("地点", "Place"), Text("出席人数", "Present")].map { $0(l) }, rows: rows)
        var query: [String: String] = [:]
        if let s = TextRules.trimmed(q["q"]) { query["q"] = s }
        let body: HTML = """
        <h1 id="training-title">\(title, l)</h1>
        <p class="hint">\(Text("每月至少进行一次产品知识更新和沟通技巧培训（TRN-01）。", "At least one training on product knowledge and communication skills each month (TRN-01)."), l)</p>
        <form method="get" action="/people/trainings" class="toolbar filters" id="training-search">
        \(FormControls.field(Text("查找", "Find")(l), for: "training-q", FormControls.input(id: "training-q", name: "q", type: "search", value: query["q"])))
        <button type="submit">\(Text("查找", "Find"), l)</button></form>
        \(table)
        \(FormControls.pager(basePath: "/people/trainings", query: query, page: m.sessions.page, per: m.sessions.per, total: m.sessions.total, locale: l))
        \(form(m, page: page))
        """
        return shell.render(page, title: title, active: "people-trainings", body: body).response()
    }

    func form(_ m: TrainingListPageModel, page: PageContext) -> HTML {
        guard !m.units.isEmpty else { return .empty }
        let l = page.locale
        let s = page.formState(action: "/people/trainings")
        let fields: Set<String> = ["orgUnitId", "topic", "trainer", "date", "start", "end", "place", "content", "planId"]
        func field(_ label: Text, _ name: String, _ control: HTML) -> HTML {
            FormControls.field(label(l), for: "training-\(name)", control, error: s.message(for: name, l))
        }
        func input(_ name: String, type: String = "text", value: String? = nil, attributes: String = "") -> HTML {
            FormControls.input(id: "training-\(name)", name: name, type: type, value: s.value(name, default: value), attributes: attributes)
        }
        let plans: [(String, String)] = [("", Text("（无）", "(none)")(l))] + m.approvedPlans.map { ($0.id, $0.label) }
        return """
        <section id="training-new"><h2>\(Text("记录培训", "Record a training session"), l)</h2>
        \(s.generalMessage(fields: fields, l, id: "training-error"))
        <form method="post" action="/people/trainings" id="training-form">\(page.csrfField)
        <div class="grid one-column">
        \(field(Text("单位", "Unit"), "orgUnitId", FormControls.select(id: "training-orgUnitId", name: "orgUnitId", options: m.units.map { ($0.id, $0.name) }, selected: s.values["orgUnitId"])))
        \(field(Text("培训主题", "Topic"), "topic", input("topic", attributes: "maxlength=\"100\" required")))
        \(field(Text("讲师", "Trainer"), "trainer", input("trainer", attributes: "maxlength=\"40\" required")))
        \(field(Text("日期", "Date"), "date", input("date", type: "date", attributes: "required")))
        \(field(Text("开始时间", "Start"), "start", input("start", type: "time", value: "14:00")))
        \(field(Text("结束时间", "End"), "end", input("end", type: "time", value: "16:00")))
        \(field(Text("地点", "Place"), "place", input("place", attributes: "maxlength=\"100\" required")))
        \(field(Text("培训内容", "Content"), "content", HTML(raw: "<textarea id=\"training-content\" name=\"content\" rows=\"4\" maxlength=\"2000\">\(HTML.escape(s.values["content"] ?? ""))</textarea>")))
        \(field(Text("执行的培训计划", "Plan carried out"), "planId", FormControls.select(id: "training-planId", name: "planId", options: plans, selected: s.values["planId"])))
        </div><div class="actions"><button type="submit" id="training-submit">\(Text("保存", "Save"), l)</button></div></form></section>
        """
    }

    // MARK: one session: attendance sheet, sign-in sheet

    func session(_ request: Request, _ context: KefuContext, print: Bool) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let id = try context.parameters.require("id")
        let m = try await sessions.sessionPage(id: id, viewer: principal)
        let s = m.session
        let facts: HTML = """
        <dl class="facts" id="training-facts">
        <dt>\(Text("编号", "No."), l)</dt><dd id="training-number">\(s.number)</dd>
        <dt>\(Text("单位", "Unit"), l)</dt><dd>\(s.orgUnitName)</dd>
        <dt>\(Text("主题", "Topic"), l)</dt><dd id="training-topic">\(s.topic)</dd>
        <dt>\(Text("讲师", "Trainer"), l)</dt><dd>\(s.trainer)</dd>
        <dt>\(Text("时间", "When"), l)</dt><dd>\(s.date) \(s.start)–\(s.end)</dd>
        <dt>\(Text("地点", "Place"), l)</dt><dd>\(s.place)</dd>
        <dt>\(Text("内容", "Content"), l)</dt><dd>\(s.content)</dd>
        </dl>
        """
        if print {
            let rows: [DataTable.Row] = m.sheet.enumerated().map { i, p in
                DataTable.Row([DataTable.Cell("\(String(i + 1))"), DataTable.Cell("\(p.name)"), DataTable.Cell(.empty, class: "sign-cell"), DataTable.Cell(.empty, class: "sign-cell")],
                              attributes: "class=\"sign-row\"")
            }
            let title = Text("培训签到表", "Training sign-in sheet")
            let body: HTML = """
            <div class="toolbar no-print"><a class="button" href="/people/trainings/\(s.id)">\(Text("返回", "Back"), l)</a>
            <button type="button" id="sign-in-print" data-print>\(Text("打印", "Print"), l)</button></div>
            <h1 id="sign-in-title">\(title, l)</h1>
            \(facts)
            \(DataTable.render(id: "sign-in-sheet", headers: [Text("序号", "#"), Text("姓名", "Name"), Text("签到", "Signature"), Text("备注", "Note")].map { $0(l) }, rows: rows, cls: "sign-in-sheet"))
            <p class="hint">\(Text("讲师签字：", "Trainer's signature:"), l) ______________</p>
            """
            return shell.render(page, title: title, active: "people-trainings", body: body).response()
        }
        let savedNote: HTML = request.uri.queryParameters.get("saved") != nil
            ? "<p class=\"notice\" id=\"attendance-saved\" role=\"status\">\(Text("出勤已保存", "Attendance saved"), l)</p>" : .empty
        let title = Text("培训", "Training session")
        let body: HTML = """
        <h1 id="training-session-title">\(title, l) \(s.number)</h1>
        \(savedNote)
        <div class="toolbar no-print"><a class="button" id="sign-in-link" href="/people/trainings/\(s.id)/sign-in">\(Text("打印签到表", "Print the sign-in sheet"), l)</a></div>
        \(facts)
        <p id="training-present">\(Text("出席人数", "Present"), l)：<strong>\(String(s.presentCount))</strong></p>
        \(sheet(m, page: page))
        """
        return shell.render(page, title: title, active: "people-trainings", body: body).response()
    }

    /// The attendance sheet: one row per person; a row left "not recorded" stays off the sheet.
    func sheet(_ m: TrainingSessionPageModel, page: PageContext) -> HTML {
        let l = page.locale
        let s = m.session
        let action = "/people/trainings/\(s.id)/attendance"
        let state = page.formState(action: action)
        guard s.actions.contains("attendance") else {
            let rows: [DataTable.Row] = s.attendance.map {
                DataTable.Row([DataTable.Cell("\($0.userName)"), DataTable.Cell("\(Self.attendanceLabel($0.status)(l))"), DataTable.Cell("\($0.score.map(String.init) ?? "")")])
            }
            return rows.isEmpty ? "<p class=\"empty\" id=\"attendance-empty\">\(Text("尚未登记出勤", "No attendance recorded"), l)</p>"
                : DataTable.render(id: "attendance-list", headers: [Text("姓名", "Name"), Text("出勤", "Attendance"), Text("成绩", "Score")].map { $0(l) }, rows: rows)
        }
        guard !m.sheet.isEmpty else { return "<p class=\"empty\" id=\"attendance-empty\">\(Text("本单位没有在职人员", "The unit has no active staff"), l)</p>" }
        let options: [(String, String)] = [("", Text("未登记", "Not recorded")(l))] + TrainingRules.Attendance.allCases.map { ($0.rawValue, Self.attendanceLabel($0.rawValue)(l)) }
        let rows: [DataTable.Row] = m.sheet.map { p in
            let typedStatus = state.values["status-\(p.userId)"] ?? p.status
            let typedScore = state.values["score-\(p.userId)"] ?? p.score.map(String.init)
            return DataTable.Row([
                DataTable.Cell("<label for=\"status-\(p.userId)\">\(p.name)</label>"),
                DataTable.Cell(FormControls.select(id: "status-\(p.userId)", name: "status-\(p.userId)", options: options, selected: typedStatus,
                                                   attributes: "class=\"attendance-status\"")),
                DataTable.Cell(FormControls.input(id: "score-\(p.userId)", name: "score-\(p.userId)", value: typedScore,
                                                  attributes: "class=\"attendance-score\" inputmode=\"numeric\" maxlength=\"3\" aria-label=\"\(HTML.escape(Text("成绩", "Score")(l)))\"")),
            ], attributes: HTML(raw: "class=\"attendance-row\" data-user=\"\(p.userId)\""))
        }
        return """
        <section id="attendance"><h2>\(Text("出勤登记", "Attendance sheet"), l)</h2>
        <p class="hint">\(Text("每人一行：选择出席、缺席或请假，可填成绩（0–100）；Tab 键依次移到下一格。", "One row per person: present, absent or excused, and an optional score 0–100; Tab moves to the next cell."), l)</p>
        \(state.generalMessage(fields: [], l, id: "attendance-error"))
        <form method="post" action="\(action)" id="attendance-form">\(page.csrfField)
        \(DataTable.render(id: "attendance-sheet", headers: [Text("姓名", "Name"), Text("出勤", "Attendance"), Text("成绩", "Score")].map { $0(l) }, rows: rows))
        <div class="actions"><button type="submit" id="attendance-save">\(Text("保存出勤", "Save attendance"), l)</button></div></form></section>
        """
    }

    // MARK: months without training (TRN-01)

    func gaps(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let g = try await sessions.gapsPage(viewer: principal, from: q["from"], to: q["to"])
        let title = Text("培训缺失月份", "Months without training")
        let months = g.units.first?.months.map(\.month) ?? []
        let rows: [DataTable.Row] = g.units.map { u in
            let name = DataTable.Cell("\(u.orgUnitName)")
            let cells: [DataTable.Cell] = u.months.map { m in
                let label: Text = m.status == "gap" ? Text("缺培训", "No training")
                    : m.status == "covered" ? Text("已培训 {0} 次", "{0} held").with(String(m.sessions)) : Text("进行中", "Open")
                let span = "<span class=\"gap-cell gap-\(m.status)\" data-month=\"\(m.month)\" data-status=\"\(m.status)\">\(HTML.escape(label(l)))</span>"
                return DataTable.Cell(HTML(raw: span), label: m.month)
            }
            let count = DataTable.Cell("\(String(u.gaps))", class: u.gaps > 0 ? "gap-count flagged" : "gap-count")
            return DataTable.Row([name] + cells + [count], attributes: HTML(raw: "class=\"gap-row\" data-unit=\"\(u.orgUnitId)\" data-gaps=\"\(u.gaps)\""))
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"gaps-empty\">\(Text("范围内没有客服团队", "No customer-service team in your scope"), l)</p>"
            : DataTable.render(id: "training-gaps", headers: [Text("单位", "Unit")(l)] + months + [Text("缺失月数", "Months missing")(l)], rows: rows)
        let body: HTML = """
        <h1 id="gaps-title">\(title, l)</h1>
        <p class="hint">\(Text("TRN-01：每月至少一次培训（有人出席方计入）。已结束而无培训的月份标为“缺培训”。", "TRN-01: at least one training a month (counted once someone attended). A month that is over without one is flagged."), l)</p>
        <form method="get" action="/people/training-gaps" class="toolbar filters" id="gaps-range">
        \(FormControls.field(Text("起始月份", "From")(l), for: "gaps-from", FormControls.input(id: "gaps-from", name: "from", type: "month", value: g.from)))
        \(FormControls.field(Text("截止月份", "To")(l), for: "gaps-to", FormControls.input(id: "gaps-to", name: "to", type: "month", value: g.to)))
        <button type="submit" id="gaps-show">\(Text("查看", "Show"), l)</button></form>
        \(table)
        """
        return shell.render(page, title: title, active: "people-training-gaps", body: body).response()
    }
}
