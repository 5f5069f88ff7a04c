import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 人员 › 排班 (#15.1, #15.3) as pages: the unit's roster for a month as a calendar grid (holidays and 调休上班 marked,
/// printable, scrolls sideways on a phone) with the supervisor's edit form and who is on duty now; "my shifts" with the
/// swap and leave forms and the viewer's requests; the manager's approval list. Refusals come back through `FormFlash`.
public struct PeoplePages: Sendable {
    let rosters: RosterService
    let swaps: SwapService
    let shell: PageShell

    public init(rosters: RosterService, swaps: SwapService, shell: PageShell) {
        self.rosters = rosters
        self.swaps = swaps
        self.shell = shell
    }

    public static let nav: [NavItem] = [
        NavItem(id: "people-roster", href: "/people/roster", label: Text("值班表", "Duty roster"), area: .people, group: Text("排班", "Rosters"),
                isVisible: { RosterRoles.isStaff($0.roles) }),
        NavItem(id: "people-my-shifts", href: "/people/my-shifts", label: Text("我的班次", "My shifts"), area: .people, group: Text("排班", "Rosters"),
                isVisible: { RosterRoles.isStaff($0.roles) }),
        NavItem(id: "people-approvals", href: "/people/approvals", label: Text("换班与请假审批", "Swap and leave approvals"), area: .people,
                group: Text("排班", "Rosters"), isVisible: { !$0.roles.isDisjoint(with: RosterRoles.swapApprovers.union(RosterRoles.leaveApprovers)) }),
        requestSearchNav, // #15 leftovers
    ]

    public func register(on router: Router<KefuContext>) {
        router.get("/people/roster") { request, context in try await roster(request, context) }
        router.post("/people/roster/:unit/:month/add") { request, context in try await editRoster(request, context, add: true) }
        router.post("/people/roster/:unit/:month/remove") { request, context in try await editRoster(request, context, add: false) }
        router.get("/people/my-shifts") { request, context in try await myShifts(request, context) }
        router.post("/people/swaps") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            let v = try await swaps.request(SwapInput(requesterShiftId: form["requesterShiftId"], counterpartShiftId: form["counterpartShiftId"], reason: form["reason"]), by: principal)
            return Redirect.to("/people/my-shifts?notice=swap&number=\(v.number)")
        }
        router.post("/people/swaps/:id/:step") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            let form = try await FormData.read(request)
            let decision = DecisionInput(note: form["note"])
            let v: SwapView
            switch try context.parameters.require("step") {
            case "consent": v = try await swaps.consent(id: id, by: principal)
            case "approve": v = try await swaps.approve(id: id, decision, by: principal)
            case "reject": v = try await swaps.reject(id: id, decision, by: principal)
            default: throw AppError.notFound(Text("页面", "Page"))
            }
            return Redirect.to((form["back"] == "detail" ? Self.swapPath(v.id) : form["back"] == "approvals" ? "/people/approvals" : "/people/my-shifts") + "?notice=swap&number=\(v.number)")
        }
        router.post("/people/leave") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            let v = try await swaps.requestLeave(LeaveInput(shiftId: form["shiftId"], reason: form["reason"]), by: principal)
            return Redirect.to("/people/my-shifts?notice=leave&number=\(v.number)")
        }
        router.post("/people/leave/:id/approve") { request, context in
            let principal = try context.requirePrincipal()
            let v = try await swaps.approveLeave(id: try context.parameters.require("id"), by: principal)
            return Redirect.to("/people/approvals?notice=leave&number=\(v.number)")
        }
        router.post("/people/leave/:id/reject") { request, context in // #15 leftovers
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            let v = try await swaps.rejectLeave(id: try context.parameters.require("id"), LeaveRejectionInput(reason: form["reason"]), by: principal)
            return Redirect.to("/people/approvals?notice=leave&number=\(v.number)")
        }
        router.get("/people/approvals") { request, context in try await approvals(request, context) }
        registerRequestSearch(on: router) // #15 leftovers
        registerRosterEditor(on: router) // #15 leftovers
        registerRequestDetails(on: router) // #15 leftovers: swap and leave detail pages
    }

    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = context.page(request)
        let q = request.uri.queryParameters
        guard let notice = q.get("notice"), let number = q.get("number") else { return base }
        let said = notice == "leave" ? Text("请假单已更新", "Leave request updated") : Text("换班单已更新", "Swap form updated")
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken, notice: said(base.locale) + " " + String(number.prefix(20)),
                           formFlash: base.formFlash, path: base.path)
    }

    static func kindLabel(_ kind: String) -> Text {
        switch kind {
        case "holiday": Text("放假", "Holiday")
        case "adjusted_workday": Text("调休上班", "Adjusted workday")
        case "weekend": Text("周末", "Weekend")
        default: Text("工作日", "Workday")
        }
    }

    static func statusLabel(_ s: String) -> Text {
        switch s {
        case "requested": Text("待审批", "Requested")
        case "effective": Text("已生效", "Effective")
        case "rejected": Text("已驳回", "Rejected")
        case "approved": Text("已批准", "Approved")
        default: Text(s, s)
        }
    }

    static func entryLabel(_ e: RosterEntryView) -> String { "\(e.date) \(e.shiftName) \(e.start)–\(e.end)" }

    // MARK: roster

    func roster(_ request: Request, _ context: KefuContext) async throws -> Response {
        if request.queryDictionary["view"] == "week" { return try await rosterWeek(request, context) } // SHF-01 week view
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await rosters.rosterPage(unitId: TextRules.trimmed(q["unit"]), month: TextRules.trimmed(q["month"]), viewer: principal)
        let r = m.roster
        let title = Text("值班表", "Duty roster")
        // The month as weeks Monday–Sunday; a phone scrolls the grid sideways (.roster-scroll).
        let first = CivilDay(iso: r.days.first?.date ?? "2026-01-01") ?? CivilDay(number: 0)
        let lead = (first.weekday + 6) % 7
        var cells: [HTML] = Array(repeating: "<td class=\"roster-blank\"></td>", count: lead)
        for d in r.days {
            let entries = d.entries.map { e -> String in
                "<li class=\"roster-entry\" data-user=\"\(e.userId)\" data-shift=\"\(e.shiftCode)\" data-swapped=\"\(e.swapped)\">\(HTML.escape(e.userName)) · \(HTML.escape(e.shiftCode)) \(e.start)–\(e.end)\(e.swapped ? " ⇄" : "")\(e.onLeave ? " (" + Text("请假", "leave")(l) + ")" : "")\(Self.handoverMark(m.handoverMarks[e.id], l).raw)</li>"
            }.joined()
            let mark = d.kind == "holiday" || d.kind == "adjusted_workday" ? " <span class=\"badge roster-kind\">\(HTML.escape(d.holidayName ?? Self.kindLabel(d.kind)(l)))</span>" : ""
            cells.append(HTML(raw: "<td class=\"roster-day roster-\(d.kind)\" data-date=\"\(d.date)\" data-kind=\"\(d.kind)\"><div class=\"roster-date\">\(d.date.suffix(2))\(mark)</div><ul>\(entries)</ul></td>"))
        }
        while cells.count % 7 != 0 { cells.append("<td class=\"roster-blank\"></td>") }
        let weeks = stride(from: 0, to: cells.count, by: 7).map { "<tr>" + cells[$0..<$0 + 7].map(\.raw).joined() + "</tr>" }.joined()
        let heads = [Text("一", "Mon"), Text("二", "Tue"), Text("三", "Wed"), Text("四", "Thu"), Text("五", "Fri"), Text("六", "Sat"), Text("日", "Sun")]
            .map { "<th scope=\"col\">\($0(l))</th>" }.joined()
        let comps = first.components
        let prev = comps.month == 1 ? String(format: "%04d-12", comps.year - 1) : String(format: "%04d-%02d", comps.year, comps.month - 1)
        let next = comps.month == 12 ? String(format: "%04d-01", comps.year + 1) : String(format: "%04d-%02d", comps.year, comps.month + 1)
        let onDuty: HTML = m.onDuty.isEmpty
            ? "<p class=\"empty\" id=\"on-duty-empty\">\(Text("此刻没有人当班", "Nobody is on duty now"), l)</p>"
            : HTML(raw: "<ul id=\"on-duty-list\">" + m.onDuty.map { "<li>\(HTML.escape($0.userName)) · \(HTML.escape($0.shiftName)) \($0.start)–\($0.end)</li>" }.joined() + "</ul>")
        let units = m.units.map { ($0.id, $0.name) }
        let body: HTML = """
        <h1 id="roster-title">\(title, l)：<span id="roster-unit">\(r.orgUnitName)</span> <span id="roster-month">\(r.month)</span></h1>
        <form method="get" action="/people/roster" class="toolbar filters no-print" id="roster-choose">
        \(FormControls.field(Text("组织", "Unit")(l), for: "roster-unit-select", FormControls.select(id: "roster-unit-select", name: "unit", options: units, selected: r.orgUnitId)))
        \(FormControls.field(Text("月份", "Month")(l), for: "roster-month-input", FormControls.input(id: "roster-month-input", name: "month", type: "month", value: r.month)))
        <button type="submit" id="roster-show">\(Text("查看", "Show"), l)</button>
        <a class="button" id="roster-prev" href="/people/roster?unit=\(r.orgUnitId)&month=\(prev)">\(Text("上月", "Previous month"), l)</a>
        <a class="button" id="roster-next" href="/people/roster?unit=\(r.orgUnitId)&month=\(next)">\(Text("下月", "Next month"), l)</a>
        <a class="button" id="roster-week-view" href="/people/roster?view=week&unit=\(r.orgUnitId)&date=\(r.month == String(Times.day(Date()).iso.prefix(7)) ? Times.day(Date()).iso : first.iso)">\(Text("周视图", "Week view"), l)</a>
        <button type="button" id="roster-print" data-print>\(Text("打印", "Print"), l)</button></form>
        <section id="on-duty" class="no-print"><h2>\(Text("当前值班", "On duty now"), l)</h2>\(onDuty)</section>
        <p class="hint">\(Text("放假日当班人员不允许换班或请假；调休上班日按工作日排班。⇄ 表示已换班的班次。", "Staff on duty on a holiday may neither swap nor take leave; adjusted workdays are worked as weekdays. ⇄ marks a swapped shift."), l) \(Text("“交接未完成”：交接班记录未经接班人接收，或班次已结束而未写交接。", "“Handover incomplete”: the handover is not yet accepted by the incoming person, or the shift ended without one."), l)</p>
        <div class="roster-scroll" tabindex="0" role="region" aria-labelledby="roster-title"><table class="roster-grid" id="roster-grid"><thead><tr>\(HTML(raw: heads))</tr></thead><tbody>\(HTML(raw: weeks))</tbody></table></div>
        \(editForms(m, page: page))
        """
        return shell.render(page, title: title, active: "people-roster", body: body).response()
    }

    /// SHF-01: the planner adds a person's shift on a day, or removes one (kept only while no swap or leave names it).
    func editForms(_ m: RosterPageModel, page: PageContext) -> HTML {
        let r = m.roster
        guard r.actions.contains("edit") else { return .empty }
        let l = page.locale
        let add = "/people/roster/\(r.orgUnitId)/\(r.month)/add", remove = "/people/roster/\(r.orgUnitId)/\(r.month)/remove"
        let state = page.formState(action: add), removeState = page.formState(action: remove)
        let shifts = r.shifts.map { ($0.id, "\($0.code) \($0.name) \($0.start)–\($0.end)") }
        let entries = r.days.flatMap(\.entries).map { ($0.id, "\($0.date) \($0.userName) \($0.shiftCode)") }
        let removeForm: HTML = entries.isEmpty ? .empty : """
            <form method="post" action="\(remove)" id="roster-remove-form">\(page.csrfField)
            \(removeState.generalMessage(fields: [], l, id: "roster-remove-error"))
            \(FormControls.field(Text("删除排班", "Remove a shift")(l), for: "roster-remove-entry", FormControls.select(id: "roster-remove-entry", name: "entryId", options: entries, selected: nil)))
            <div class="actions"><button type="submit" id="roster-remove">\(Text("删除", "Remove"), l)</button></div></form>
            """
        return """
        <section class="no-print" id="roster-edit"><h2>\(Text("编排值班表（主管）", "Plan the roster (supervisor)"), l)</h2>
        <p><a class="button" id="roster-editor-link" href="/people/roster/edit?unit=\(r.orgUnitId)&month=\(r.month)">\(Text("整月编排", "Edit the whole month"), l)</a></p>
        \(state.generalMessage(fields: [], l, id: "roster-error"))
        <form method="post" action="\(add)" id="roster-add-form">\(page.csrfField)
        <div class="grid">
        \(FormControls.field(Text("日期", "Date")(l), for: "roster-add-date", FormControls.input(id: "roster-add-date", name: "date", type: "date", value: state.values["date"] ?? r.days.first?.date)))
        \(FormControls.field(Text("人员", "Person")(l), for: "roster-add-user", FormControls.select(id: "roster-add-user", name: "userId", options: m.members.map { ($0.id, $0.name) }, selected: state.values["userId"])))
        \(FormControls.field(Text("班次", "Shift")(l), for: "roster-add-shift", FormControls.select(id: "roster-add-shift", name: "shiftId", options: shifts, selected: state.values["shiftId"])))
        </div>
        <div class="actions"><button type="submit" id="roster-add">\(Text("加入排班", "Add to the roster"), l)</button></div></form>
        \(removeForm)
        </section>
        """
    }

    func editRoster(_ request: Request, _ context: KefuContext, add: Bool) async throws -> Response {
        let principal = try context.requirePrincipal()
        let unit = try context.parameters.require("unit"), month = try context.parameters.require("month")
        let form = try await FormData.read(request)
        let current = try await rosters.roster(unitId: unit, month: month, viewer: principal)
        var entries = current.days.flatMap(\.entries).map { RosterInput.Entry(date: $0.date, userId: $0.userId, shiftId: $0.shiftId) }
        if add {
            entries.append(RosterInput.Entry(date: form["date"], userId: form["userId"], shiftId: form["shiftId"]))
        } else {
            let removed = form["entryId"]
            let kept = current.days.flatMap(\.entries).filter { $0.id != removed }
            entries = kept.map { RosterInput.Entry(date: $0.date, userId: $0.userId, shiftId: $0.shiftId) }
        }
        _ = try await rosters.putRoster(unitId: unit, month: month, RosterInput(entries: entries), by: principal)
        return Redirect.to("/people/roster?unit=\(unit)&month=\(month)")
    }

    // MARK: my shifts

    func swapTable(_ items: [SwapView], page: PageContext, back: String, id: String) -> HTML {
        let l = page.locale
        let rows: [DataTable.Row] = items.map { s in
            let buttons = s.actions.map { step -> String in
                let label: Text = step == "consent" ? Text("同意换班", "Consent") : step == "approve" ? Text("批准", "Approve") : Text("驳回", "Reject")
                return "<form method=\"post\" action=\"/people/swaps/\(s.id)/\(step)\" class=\"inline\">\(page.csrfField.raw)<input type=\"hidden\" name=\"back\" value=\"\(back)\"><button type=\"submit\" class=\"swap-\(step)\" data-number=\"\(s.number)\">\(label(l))</button></form>"
            }.joined(separator: " ")
            return DataTable.Row([
                DataTable.Cell("<a class=\"swap-link\" href=\"\(Self.swapPath(s.id))\">\(s.number)</a>"),
                DataTable.Cell("\(s.requesterName)：\(s.requesterShift.date) \(s.requesterShift.shiftCode) \(s.requesterShift.start)–\(s.requesterShift.end)"),
                DataTable.Cell("\(s.counterpartName)：\(s.counterpartShift.date) \(s.counterpartShift.shiftCode) \(s.counterpartShift.start)–\(s.counterpartShift.end)"),
                DataTable.Cell("\(Self.statusLabel(s.status)(l))\(s.status == "requested" ? (s.consented ? " · " + Text("同事已同意", "colleague consented")(l) : " · " + Text("待同事同意", "awaiting consent")(l)) : "")"),
                DataTable.Cell(HTML(raw: buttons)),
            ], attributes: "class=\"swap-row\" data-id=\"\(s.id)\" data-number=\"\(s.number)\" data-status=\"\(s.status)\"")
        }
        guard !rows.isEmpty else { return "<p class=\"empty\" id=\"\(id)-empty\">\(Text("没有换班单", "No swap forms"), l)</p>" }
        return DataTable.render(id: id, headers: [Text("单号", "No."), Text("换出", "Given"), Text("换入", "Taken"), Text("状态", "State"), Text("操作", "Actions")].map { $0(l) }, rows: rows)
    }

    func leaveTable(_ items: [LeaveView], page: PageContext, id: String) -> HTML {
        let l = page.locale
        let rows: [DataTable.Row] = items.map { v in
            let button = (v.actions.contains("approve")
                ? "<form method=\"post\" action=\"/people/leave/\(v.id)/approve\" class=\"inline\">\(page.csrfField.raw)<button type=\"submit\" class=\"leave-approve\">\(Text("批准", "Approve")(l))</button></form>" : "")
                + (v.actions.contains("reject") ? LeaveRejectForm.render(v, page: page).raw : "")
            return DataTable.Row([
                DataTable.Cell("<a class=\"leave-link\" href=\"\(Self.leavePath(v.id))\">\(v.number)</a>"), DataTable.Cell("\(v.userName)"),
                DataTable.Cell("\(v.shift.date) \(v.shift.shiftCode) \(v.shift.start)–\(v.shift.end)"), DataTable.Cell("\(v.reason)"),
                DataTable.Cell("\(Self.statusLabel(v.status)(l))\(v.status == "rejected" ? "：" + (v.decisionNote ?? "") : "")"), DataTable.Cell(HTML(raw: button)),
            ], attributes: "class=\"leave-row\" data-id=\"\(v.id)\" data-number=\"\(v.number)\" data-status=\"\(v.status)\"")
        }
        guard !rows.isEmpty else { return "<p class=\"empty\" id=\"\(id)-empty\">\(Text("没有请假单", "No leave requests"), l)</p>" }
        return DataTable.render(id: id, headers: [Text("单号", "No."), Text("人员", "Person"), Text("班次", "Shift"), Text("事由", "Reason"), Text("状态", "State"), Text("操作", "Actions")].map { $0(l) }, rows: rows)
    }

    func myShifts(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await swaps.myShiftsPage(viewer: principal, paging: try Paging.from(q, defaultPer: 20))
        let title = Text("我的班次", "My shifts")
        let swapState = page.formState(action: "/people/swaps"), leaveState = page.formState(action: "/people/leave")
        let mine = m.mine.map { ($0.id, Self.entryLabel($0)) }
        let theirs = m.colleagues.map { ($0.id, "\($0.userName) · " + Self.entryLabel($0)) }
        let shifts: HTML = m.mine.isEmpty ? "<p class=\"empty\" id=\"my-shifts-empty\">\(Text("近期没有排班", "No coming shifts"), l)</p>"
            : HTML(raw: "<ul id=\"my-shift-list\">" + m.mine.map { "<li data-date=\"\($0.date)\">\(HTML.escape(Self.entryLabel($0)))\($0.swapped ? " ⇄" : "")</li>" }.joined() + "</ul>")
        let body: HTML = """
        <h1 id="my-shifts-title">\(title, l)</h1>
        \(shifts)
        <section id="swap-request"><h2>\(Text("申请换班", "Ask for a swap"), l)</h2>
        <p class="hint">\(Text("换班须经双方同意并由部门经理批准后生效；每人每月不超过 {0} 次，不得连续换班、不得连班，节假日当班不得换班。", "A swap needs both people's consent and the department manager's approval; at most {0} a month, no consecutive swaps, no back-to-back shifts, no swaps of holiday duty.").with(String(ShiftSwapPolicy.monthlyLimit)), l)</p>
        \(swapState.generalMessage(fields: [], l, id: "swap-error"))
        <form method="post" action="/people/swaps" id="swap-form">\(page.csrfField)
        <div class="grid one-column">
        \(FormControls.field(Text("我的班次", "My shift")(l), for: "swap-mine", FormControls.select(id: "swap-mine", name: "requesterShiftId", options: mine, selected: swapState.values["requesterShiftId"])))
        \(FormControls.field(Text("同事的班次", "Colleague's shift")(l), for: "swap-theirs", FormControls.select(id: "swap-theirs", name: "counterpartShiftId", options: theirs, selected: swapState.values["counterpartShiftId"])))
        \(FormControls.field(Text("事由", "Reason")(l), for: "swap-reason", FormControls.input(id: "swap-reason", name: "reason", value: swapState.values["reason"])))
        </div><div class="actions"><button type="submit" id="swap-submit">\(Text("提交换班申请", "Ask for the swap"), l)</button></div></form></section>
        <section id="leave-request"><h2>\(Text("申请请假", "Ask for leave"), l)</h2>
        \(leaveState.generalMessage(fields: [], l, id: "leave-error"))
        <form method="post" action="/people/leave" id="leave-form">\(page.csrfField)
        <div class="grid one-column">
        \(FormControls.field(Text("请假班次", "Shift")(l), for: "leave-shift", FormControls.select(id: "leave-shift", name: "shiftId", options: mine, selected: leaveState.values["shiftId"])))
        \(FormControls.field(Text("事由", "Reason")(l), for: "leave-reason", FormControls.input(id: "leave-reason", name: "reason", value: leaveState.values["reason"])))
        </div><div class="actions"><button type="submit" id="leave-submit">\(Text("提交请假申请", "Ask for leave"), l)</button></div></form></section>
        <h2>\(Text("我的换班单", "My swap forms"), l)</h2>
        \(swapTable(m.swaps.items, page: page, back: "my-shifts", id: "my-swaps"))
        \(FormControls.pager(basePath: "/people/my-shifts", query: [:], page: m.swaps.page, per: m.swaps.per, total: m.swaps.total, locale: l))
        <h2>\(Text("我的请假单", "My leave requests"), l)</h2>
        \(leaveTable(m.leaves.items, page: page, id: "my-leaves"))
        """
        return shell.render(page, title: title, active: "people-my-shifts", body: body).response()
    }

    func approvals(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let m = try await swaps.approvalsPage(viewer: principal, paging: try Paging.from(request.queryDictionary, defaultPer: 20))
        let title = Text("换班与请假审批", "Swap and leave approvals")
        let body: HTML = """
        <h1 id="approvals-title">\(title, l)</h1>
        \(page.formState(action: "/people/approvals").generalMessage(fields: [], l, id: "approval-error"))
        <h2>\(Text("待审批的换班单（SHF-06）", "Swaps awaiting approval (SHF-06)"), l)</h2>
        \(swapTable(m.swaps.items, page: page, back: "approvals", id: "approval-swaps"))
        \(FormControls.pager(basePath: "/people/approvals", query: [:], page: m.swaps.page, per: m.swaps.per, total: m.swaps.total, locale: l))
        <h2>\(Text("待审批的请假单（SHF-05）", "Leave awaiting approval (SHF-05)"), l)</h2>
        \(leaveTable(m.leaves.items, page: page, id: "approval-leaves"))
        """
        return shell.render(page, title: title, active: "people-approvals", body: body).response()
    }
}
