import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #15 leftovers: `/people/swaps/:id` and `/people/leave/:id` — the request, the seed's rules it was checked against when
/// it was made (a request breaking one is refused at once, so one that exists passed them), who consented, approved or
/// rejected it and when, and the steps the viewer may take. Linked from the lists, the request search and notifications.
extension PeoplePages {
    static func swapPath(_ id: String) -> String { "/people/swaps/\(id)" }
    static func leavePath(_ id: String) -> String { "/people/leave/\(id)" }

    func registerRequestDetails(on router: Router<KefuContext>) {
        router.get("/people/swaps/:id") { request, context in try await swapDetail(request, context) }
        router.get("/people/leave/:id") { request, context in try await leaveDetail(request, context) }
    }

    static func actionLabel(_ a: String) -> Text {
        switch a {
        case "request": Text("提交申请", "Requested")
        case "consent": Text("同事同意", "Colleague consented")
        case "approve": Text("批准", "Approved")
        case "reject": Text("驳回", "Rejected")
        default: Text(a, a)
        }
    }

    func historyTable(_ steps: [RequestHistoryStep], _ l: AppLocale) -> HTML {
        guard !steps.isEmpty else { return "<p class=\"empty\" id=\"request-history-empty\">\(Text("没有记录", "No history"), l)</p>" }
        let rows = steps.map { s in
            DataTable.Row([DataTable.Cell("\(Self.actionLabel(s.action)(l))"), DataTable.Cell("\(s.actorName)"), DataTable.Cell("\(s.at)", class: "nowrap")],
                          attributes: "class=\"request-history-row\" data-action=\"\(s.action)\"")
        }
        return DataTable.render(id: "request-history", headers: [Text("步骤", "Step"), Text("人员", "By"), Text("时间", "When")].map { $0(l) }, rows: rows)
    }

    /// The part both detail pages end with: the rules checked, the history, the viewer's steps, the way back.
    func detailTail(rules: [Text], history: [RequestHistoryStep], actions: String, actionsId: String, _ l: AppLocale) -> HTML {
        let checks = "<ul id=\"request-checks\">" + rules.map { "<li class=\"request-check\">✓ \(HTML.escape($0(l)))</li>" }.joined() + "</ul>"
        return """
        <h2>\(Text("规则检查（提交时已通过）", "Rule checks (passed when requested)"), l)</h2>
        \(HTML(raw: checks))
        <h2>\(Text("经过", "History"), l)</h2>
        \(historyTable(history, l))
        \(actions.isEmpty ? HTML.empty : HTML(raw: "<div class=\"actions\" id=\"\(actionsId)\">\(actions)</div>"))
        <p class="no-print"><a href="/people/my-shifts">\(Text("我的班次", "My shifts"), l)</a> · <a href="\(Self.requestSearchPath)">\(Text("换班与请假查询", "Swap and leave search"), l)</a></p>
        """
    }

    func swapDetail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let m = try await swaps.swapDetail(id: try context.parameters.require("id"), viewer: principal)
        let s = m.swap
        let title = Text("换班单", "Swap form")
        let buttons = s.actions.map { step -> String in
            let label: Text = step == "consent" ? Text("同意换班", "Consent") : step == "approve" ? Text("批准", "Approve") : Text("驳回", "Reject")
            return "<form method=\"post\" action=\"/people/swaps/\(s.id)/\(step)\" class=\"inline\">\(page.csrfField.raw)<input type=\"hidden\" name=\"back\" value=\"detail\"><button type=\"submit\" class=\"swap-\(step)\">\(label(l))</button></form>"
        }.joined(separator: " ")
        let consent = s.consented ? Text("同事已同意", "The colleague consented") : Text("待同事同意", "Awaiting the colleague's consent")
        let rules: [Text] = [
            Text("每人每月换班不超过 {0} 次（SHF-07）", "At most {0} swaps per person per month (SHF-07)").with(String(ShiftSwapPolicy.monthlyLimit)),
            Text("不连续换班，不造成任何一方连班（SHF-08）", "No consecutive swaps, no back-to-back shifts for either party (SHF-08)"),
            Text("节假日值班不换班（SHF-10）", "No swap of holiday duty (SHF-10)"),
            Text("双方同意并经部门经理批准后生效（SHF-06）", "Effective once both parties agree and the department manager approves (SHF-06)"),
        ]
        let body: HTML = """
        <h1 id="swap-detail-title">\(title, l) <span id="swap-detail-number">\(s.number)</span></h1>
        <p><span class="badge" id="swap-detail-status" data-status="\(s.status)">\(Self.statusLabel(s.status), l)</span> \(s.status == "requested" ? consent(l) : "")</p>
        <dl class="facts" id="swap-detail-facts">
        <dt>\(Text("换出", "Given"), l)</dt><dd>\(s.requesterName)：\(s.requesterShift.date) \(s.requesterShift.shiftCode) \(s.requesterShift.start)–\(s.requesterShift.end)</dd>
        <dt>\(Text("换入", "Taken"), l)</dt><dd>\(s.counterpartName)：\(s.counterpartShift.date) \(s.counterpartShift.shiftCode) \(s.counterpartShift.start)–\(s.counterpartShift.end)</dd>
        <dt>\(Text("事由", "Reason"), l)</dt><dd>\(s.reason)</dd>
        \(s.decidedByName.map { n in HTML(raw: "<dt>\(HTML.escape(Text("审批人", "Decided by")(l)))</dt><dd id=\"swap-detail-decider\">\(HTML.escape(n))\(HTML.escape(s.decisionNote.map { "：" + $0 } ?? ""))</dd>") } ?? .empty)
        </dl>
        \(detailTail(rules: rules, history: m.history, actions: buttons, actionsId: "swap-detail-actions", l))
        """
        return shell.render(page, title: title, active: "people-my-shifts", body: body).response()
    }

    func leaveDetail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let m = try await swaps.leaveDetail(id: try context.parameters.require("id"), viewer: principal)
        let v = m.leave
        let title = Text("请假单", "Leave request")
        let approve = v.actions.contains("approve")
            ? "<form method=\"post\" action=\"/people/leave/\(v.id)/approve\" class=\"inline\">\(page.csrfField.raw)<button type=\"submit\" class=\"leave-approve\">\(Text("批准", "Approve")(l))</button></form>" : ""
        let reject = v.actions.contains("reject") ? LeaveRejectForm.render(v, page: page).raw : ""
        let rules: [Text] = [
            Text("只能为自己的班次请假（SHF-05）", "Leave only from one's own shift (SHF-05)"),
            Text("换班或还班的班次不请假（SHF-09）", "No leave on a swapped or payback shift (SHF-09)"),
            Text("节假日值班不请假（SHF-10）", "No leave from holiday duty (SHF-10)"),
            Text("经主管或经理批准（SHF-05）", "Approved by the supervisor or manager (SHF-05)"),
        ]
        let body: HTML = """
        <h1 id="leave-detail-title">\(title, l) <span id="leave-detail-number">\(v.number)</span></h1>
        <p><span class="badge" id="leave-detail-status" data-status="\(v.status)">\(Self.statusLabel(v.status), l)</span></p>
        <dl class="facts" id="leave-detail-facts">
        <dt>\(Text("人员", "Person"), l)</dt><dd>\(v.userName)</dd>
        <dt>\(Text("班次", "Shift"), l)</dt><dd>\(v.shift.date) \(v.shift.shiftCode) \(v.shift.start)–\(v.shift.end)</dd>
        <dt>\(Text("事由", "Reason"), l)</dt><dd>\(v.reason)</dd>
        \(v.decidedByName.map { n in HTML(raw: "<dt>\(HTML.escape(Text("审批人", "Decided by")(l)))</dt><dd id=\"leave-detail-decider\">\(HTML.escape(n))\(HTML.escape(v.decisionNote.map { "：" + $0 } ?? ""))</dd>") } ?? .empty)
        </dl>
        \(detailTail(rules: rules, history: m.history, actions: approve + reject, actionsId: "leave-detail-actions", l))
        """
        return shell.render(page, title: title, active: "people-my-shifts", body: body).response()
    }
}
