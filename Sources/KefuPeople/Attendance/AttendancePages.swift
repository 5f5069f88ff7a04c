import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 人员 › 考勤 (#15.3) as pages: absenteeism (旷工, SHF-05, SHF-11) for a month with the supervisor's form (blame shares of
/// an unclear swap handover), and leaving the work area (离岗, SHF-12) with the person's request and return and the duty
/// manager's decisions. Refusals come back through `FormFlash` with what was typed.
public struct AttendancePages: Sendable {
    let absences: AbsenceService
    let workAreaLeaves: WorkAreaLeaveService
    let shell: PageShell

    public init(absences: AbsenceService, workAreaLeaves: WorkAreaLeaveService, shell: PageShell) {
        self.absences = absences
        self.workAreaLeaves = workAreaLeaves
        self.shell = shell
    }

    public static let nav: [NavItem] = [
        NavItem(id: "people-absences", href: "/people/absences", label: Text("旷工记录", "Absences"), area: .people, group: Text("考勤", "Attendance"),
                isVisible: { RosterRoles.isStaff($0.roles) }),
        NavItem(id: "people-work-area", href: "/people/work-area", label: Text("离岗登记", "Leaving the work area"), area: .people, group: Text("考勤", "Attendance"),
                isVisible: { RosterRoles.isStaff($0.roles) }),
    ]

    /// A typed percentage ("60", "60%", "６０"), nil when blank; refused with the shares' field when not 0–100.
    static func percent(_ raw: String?) throws -> Int? {
        guard let t = TextRules.trimmed(raw) else { return nil }
        guard let p = AbsenceRules.percent(t) else {
            throw AppError.validation("shares", Text("责任比例须为 0–100 的整数", "A share is a whole number 0–100"))
        }
        return p
    }

    public func register(on router: Router<KefuContext>) {
        router.get("/people/absences") { request, context in try await absencePage(request, context) }
        router.post("/people/absences") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            let input = AbsenceInput(shiftId: form["shiftId"], unclearHandover: form["unclearHandover"] == "1",
                                     absenteePercent: try Self.percent(form["absenteeShare"]), otherPartyPercent: try Self.percent(form["otherShare"]), note: form["note"])
            let v = try await absences.record(input, by: principal)
            return Redirect.to("/people/absences?month=\(v.shift.date.prefix(7))&recorded=\(v.number)")
        }
        router.get("/people/work-area") { request, context in try await workAreaPage(request, context) }
        router.post("/people/work-area") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            guard let minutes = UsualInput.number(form["minutes"] ?? "").flatMap({ Int($0) }) else {
                throw AppError.validation("minutes", Text("请填写离岗分钟数", "Give the minutes away"))
            }
            let v = try await workAreaLeaves.request(WorkAreaLeaveInput(minutes: minutes, reason: form["reason"]), by: principal)
            return Redirect.to("/people/work-area?done=\(v.number)")
        }
        router.post("/people/work-area/:id/:step") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            let form = try await FormData.read(request)
            let v: WorkAreaLeaveView
            switch try context.parameters.require("step") {
            case "approve": v = try await workAreaLeaves.approve(id: id, DecisionInput(note: form["note"]), by: principal)
            case "reject": v = try await workAreaLeaves.reject(id: id, DecisionInput(note: form["note"]), by: principal)
            case "return": v = try await workAreaLeaves.returned(id: id, by: principal)
            default: throw AppError.notFound(Text("页面", "Page"))
            }
            return Redirect.to("/people/work-area?done=\(v.number)")
        }
    }

    static func notice(_ page: PageContext, _ request: Request, key: String, _ said: Text) -> PageContext {
        guard let number = request.uri.queryParameters.get(key) else { return page }
        return PageContext(principal: page.principal, locale: page.locale, csrfToken: page.csrfToken, notice: said(page.locale) + " " + String(number.prefix(20)),
                           formFlash: page.formFlash, path: page.path)
    }

    // MARK: absences

    func absencePage(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.notice(context.page(request), request, key: "recorded", Text("已登记旷工", "Absence recorded"))
        let l = page.locale
        let q = request.queryDictionary
        let m = try await absences.page(month: q["month"], viewer: principal, paging: try Paging.from(q, defaultPer: 20))
        let title = Text("旷工记录", "Absences")
        let rows: [DataTable.Row] = m.absences.items.map { a in
            let shares = a.shares.map { "\($0.userName) \($0.percent)%" }.joined(separator: "，")
            return DataTable.Row([
                DataTable.Cell("\(a.number)"), DataTable.Cell("\(a.userName)"),
                DataTable.Cell("\(a.shift.date) \(a.shift.shiftCode) \(a.shift.start)–\(a.shift.end)\(a.swapId == nil ? "" : " ⇄")"),
                DataTable.Cell("\(shares)"),
                DataTable.Cell("\(a.unclearHandover ? Text("换班交接不清", "Unclear swap handover")(l) : "")\(a.note.isEmpty ? "" : " " + a.note)"),
                DataTable.Cell("\(a.recordedByName)"),
            ], attributes: "class=\"absence-row\" data-id=\"\(a.id)\" data-number=\"\(a.number)\"")
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"absences-empty\">\(Text("本月没有旷工记录", "No absences this month"), l)</p>"
            : DataTable.render(id: "absences", headers: [Text("编号", "No."), Text("缺勤人", "Absentee"), Text("班次", "Shift"), Text("责任比例", "Shares of blame"),
                                                      Text("说明", "Note"), Text("登记人", "Recorded by")].map { $0(l) }, rows: rows)
        let body: HTML = """
        <h1 id="absences-title">\(title, l) <span id="absences-month">\(m.month)</span></h1>
        <form method="get" action="/people/absences" class="toolbar filters" id="absences-choose">
        \(FormControls.field(Text("月份", "Month")(l), for: "absences-month-input", FormControls.input(id: "absences-month-input", name: "month", type: "month", value: m.month)))
        <button type="submit" id="absences-show">\(Text("查看", "Show"), l)</button></form>
        <p class="hint">\(Text("未经批准的缺勤为旷工；换班或还班时双方交接不清造成误班、空班的，按责任大小考核双方（篇6 §七）。", "Absence without approved leave is absenteeism; when an unclear swap handover causes a missed shift, both parties are assessed by their share of blame (part 6 §7)."), l)</p>
        \(table)
        \(FormControls.pager(basePath: "/people/absences", query: ["month": m.month], page: m.absences.page, per: m.absences.per, total: m.absences.total, locale: l))
        \(absenceForm(m, page: page))
        """
        return shell.render(page, title: title, active: "people-absences", body: body).response()
    }

    func absenceForm(_ m: AbsencePageModel, page: PageContext) -> HTML {
        guard m.mayRecord else { return .empty }
        let l = page.locale
        guard !m.choices.isEmpty else {
            return "<p class=\"empty\" id=\"absence-no-shifts\">\(Text("本月到今天为止没有可登记的班次", "No shift of this month up to today to record"), l)</p>"
        }
        let state = page.formState(action: "/people/absences")
        let fields: Set<String> = ["shiftId", "shares", "unclearHandover", "note"]
        let checked = state.values["unclearHandover"] == "1" ? " checked" : ""
        return """
        <section id="absence-record"><h2>\(Text("登记旷工（主管）", "Record an absence (supervisor)"), l)</h2>
        \(state.generalMessage(fields: fields, l, id: "absence-error"))
        <form method="post" action="/people/absences" id="absence-form">\(page.csrfField)
        <div class="grid one-column">
        \(FormControls.field(Text("缺勤班次", "Missed shift")(l), for: "absence-shift", FormControls.select(id: "absence-shift", name: "shiftId", options: m.choices.map { ($0.entryId, $0.label) }, selected: state.values["shiftId"]), error: state.message(for: "shiftId", l), hint: Text("⇄ 为换班或还班的班次，后为换班另一方", "⇄ marks a swapped or payback shift, followed by the swap's other party")(l)))
        <div class="field"><label><input type="checkbox" id="absence-unclear" name="unclearHandover" value="1"\(HTML(raw: checked))> \(Text("换班双方交接不清（SHF-11）", "The swap's handover was unclear (SHF-11)"), l)</label>\(state.message(for: "unclearHandover", l).map { HTML(raw: "<p class=\"field-error\" role=\"alert\">\(HTML.escape($0))</p>") } ?? .empty)</div>
        \(FormControls.field(Text("缺勤人责任 %", "Absentee's share %")(l), for: "absence-share-absentee", FormControls.input(id: "absence-share-absentee", name: "absenteeShare", value: state.values["absenteeShare"], attributes: "inputmode=\"numeric\""), error: state.message(for: "shares", l)))
        \(FormControls.field(Text("换班另一方责任 %", "Other party's share %")(l), for: "absence-share-other", FormControls.input(id: "absence-share-other", name: "otherShare", value: state.values["otherShare"], attributes: "inputmode=\"numeric\""), error: nil, hint: Text("两项合计 100；交接清楚时留空", "Both together 100; leave empty for a clear handover")(l)))
        \(FormControls.field(Text("说明", "Note")(l), for: "absence-note", FormControls.input(id: "absence-note", name: "note", value: state.values["note"]), error: state.message(for: "note", l)))
        </div><div class="actions"><button type="submit" id="absence-submit">\(Text("登记旷工", "Record the absence"), l)</button></div></form></section>
        """
    }

    // MARK: leaving the work area

    static func statusLabel(_ s: String) -> Text {
        switch s {
        case "requested": Text("待值班经理审批", "Awaiting the duty manager")
        case "out": Text("离岗中", "Away")
        case "rejected": Text("未批准", "Refused")
        case "returned": Text("已返岗", "Back")
        default: Text(s, s)
        }
    }

    func leaveTable(_ items: [WorkAreaLeaveView], page: PageContext, id: String) -> HTML {
        let l = page.locale
        let rows: [DataTable.Row] = items.map { g in
            let buttons = g.actions.map { step -> String in
                let label: Text = step == "approve" ? Text("批准", "Approve") : step == "reject" ? Text("不批准", "Refuse") : Text("已返岗", "I am back")
                return "<form method=\"post\" action=\"/people/work-area/\(g.id)/\(step)\" class=\"inline\">\(page.csrfField.raw)<button type=\"submit\" class=\"work-area-\(step)\" data-number=\"\(g.number)\">\(label(l))</button></form>"
            }.joined(separator: " ")
            let overstay = g.overstayed ? " · " + Text("超时 {0} 分钟", "{0} min over").with(String(g.overstayMinutes ?? 0))(l) : ""
            return DataTable.Row([
                DataTable.Cell("\(g.number)"), DataTable.Cell("\(g.userName)"),
                DataTable.Cell("\(g.minutes) / \(g.allowedMinutes)"), DataTable.Cell("\(g.reason)"),
                DataTable.Cell("\(Self.statusLabel(g.status)(l))\(overstay)"), DataTable.Cell(HTML(raw: buttons)),
            ], attributes: "class=\"work-area-row\" data-id=\"\(g.id)\" data-status=\"\(g.status)\" data-overstayed=\"\(g.overstayed ? "true" : "false")\"")
        }
        guard !rows.isEmpty else { return "<p class=\"empty\" id=\"\(id)-empty\">\(Text("没有离岗记录", "No work-area leaves"), l)</p>" }
        return DataTable.render(id: id, headers: [Text("编号", "No."), Text("人员", "Person"), Text("分钟（申请/允许）", "Minutes (asked/allowed)"), Text("事由", "Reason"),
                                                  Text("状态", "State"), Text("操作", "Actions")].map { $0(l) }, rows: rows)
    }

    func workAreaPage(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.notice(context.page(request), request, key: "done", Text("离岗记录已更新", "Work-area leave updated"))
        let l = page.locale
        let m = try await workAreaLeaves.page(viewer: principal, paging: try Paging.from(request.queryDictionary, defaultPer: 20))
        let title = Text("离岗登记", "Leaving the work area")
        let state = page.formState(action: "/people/work-area")
        let awaiting: HTML = m.awaiting.isEmpty && principal.roles.isDisjoint(with: WorkAreaLeaveRules.dutyManagers) ? .empty : """
            <h2>\(Text("待我审批（值班经理）", "Awaiting my decision (duty manager)"), l)</h2>
            \(leaveTable(m.awaiting, page: page, id: "work-area-awaiting"))
            """
        let body: HTML = """
        <h1 id="work-area-title">\(title, l)</h1>
        <p class="hint" id="work-area-limit">\(Text("本部门允许离岗 {0} 分钟；超过须经值班经理批准（SHF-12）。", "Your unit allows {0} minutes away; longer needs the duty manager's approval (SHF-12).").with(String(m.limit.allowedMinutes)), l)</p>
        <section id="work-area-request"><h2>\(Text("申请离岗", "Leave the work area"), l)</h2>
        \(state.generalMessage(fields: ["minutes", "reason"], l, id: "work-area-error"))
        <form method="post" action="/people/work-area" id="work-area-form">\(page.csrfField)
        <div class="grid one-column">
        \(FormControls.field(Text("分钟", "Minutes")(l), for: "work-area-minutes", FormControls.input(id: "work-area-minutes", name: "minutes", value: state.values["minutes"], attributes: "inputmode=\"numeric\""), error: state.message(for: "minutes", l)))
        \(FormControls.field(Text("事由", "Reason")(l), for: "work-area-reason", FormControls.input(id: "work-area-reason", name: "reason", value: state.values["reason"]), error: state.message(for: "reason", l)))
        </div><div class="actions"><button type="submit" id="work-area-submit">\(Text("登记离岗", "Log leaving"), l)</button></div></form></section>
        \(awaiting)
        <h2>\(Text("我的离岗记录", "My work-area leaves"), l)</h2>
        \(leaveTable(m.mine.items, page: page, id: "work-area-mine"))
        \(FormControls.pager(basePath: "/people/work-area", query: [:], page: m.mine.page, per: m.mine.per, total: m.mine.total, locale: l))
        """
        return shell.render(page, title: title, active: "people-work-area", body: body).response()
    }
}
