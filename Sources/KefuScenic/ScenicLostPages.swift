import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// VIS-04 lost-person cases as pages: the list with the report form, a case with its broadcast log, the "log a
/// broadcast" button and the close form (refused before the third broadcast, with the reason shown).
extension ScenicPages {
    func registerLost(on router: Router<KefuContext>) {
        router.get("/scenic/lost") { request, context in try await lostList(request, context) }
        router.post("/scenic/lost") { request, context in try await reportLost(request, context) }
        router.get("/scenic/lost/:id") { request, context in try await lostDetail(request, context) }
        router.post("/scenic/lost/:id/broadcast") { request, context in try await broadcast(request, context) }
        router.post("/scenic/lost/:id/close") { request, context in try await closeLost(request, context) }
    }

    static func lostBadge(_ s: LostPersonRules.Status, _ l: AppLocale) -> HTML {
        "<span class=\"badge scenic-status\" data-status=\"\(s.rawValue)\">\(ScenicLabels.lostStatus(s), l)</span>"
    }

    func lostList(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try Self.requireWorker(principal)
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await scenic.lostCases(q, paging: try Paging.from(q, defaultPer: 20), viewer: principal)
        let action = "\(Self.path)/lost"
        let state = page.formState(action: action)
        let rows: [DataTable.Row] = m.items.map { c in
            DataTable.Row(plain: ["<a class=\"scenic-lost-link\" href=\"\(action)/\(c.id)\">\(c.number)</a>", "\(c.lostName)", "\(c.reporterName) · \(c.reporterPhone)",
                                  "\(c.broadcastCount) / \(LostPersonRules.minBroadcasts)", "\(Times.display(c.reportedMillis))", "\(Self.lostBadge(c.status, l))"],
                          attributes: "class=\"scenic-lost-row\" data-id=\"\(c.id)\" data-number=\"\(c.number)\"")
        }
        let headers = [Text("编号", "Number"), Text("走失者", "Who is lost"), Text("报告人", "Reporter"), Text("广播遍数", "Broadcasts"), Text("登记时间", "Reported"),
                       Text("状态", "State")].map { $0(l) }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有寻人登记", "No cases"), l)</p>"
            : DataTable.render(id: "scenic-lost-list", headers: headers, rows: rows)
        let fields: Set<String> = ["lostName", "description", "lastSeen", "reporterName", "reporterPhone"]
        let filter = q.filter { ["q", "open"].contains($0.key) && !$0.value.isEmpty }
        let body: HTML = """
        <h1 id="scenic-lost-title">\(Text("景区寻人", "Lost persons"), l)</h1>
        <p class="hint">\(Text("员工遇到寻人的游客，应主动协助联系广播站；广播站用普通话广播，不少于三遍（VIS-04）。", "Staff help the visitor reach the broadcast station, which broadcasts in Mandarin at least three times (VIS-04)."), l)</p>
        <form method="get" action="\(action)" class="toolbar filters no-print" id="scenic-lost-filter">
        \(FormControls.field(Text("编号、姓名或电话", "Number, name or phone")(l), for: "scenic-lost-q", FormControls.input(id: "scenic-lost-q", name: "q", value: q["q"])))
        \(FormControls.field(Text("状态", "State")(l), for: "scenic-lost-open", FormControls.select(id: "scenic-lost-open", name: "open",
            options: [("", Text("全部", "All")(l)), ("1", Text("未结案", "Open")(l))], selected: q["open"] ?? "")))
        <button type="submit" id="scenic-lost-apply">\(Text("查询", "Search"), l)</button></form>
        \(table)
        \(FormControls.pager(basePath: action, query: filter, page: m.page, per: m.per, total: m.total, locale: l))
        <section class="card no-print" id="scenic-lost-report"><h2>\(Text("登记寻人", "Report a lost person"), l)</h2>
        \(state.generalMessage(fields: fields, l, id: "form-error"))
        <form method="post" action="\(action)" id="scenic-lost-form">\(page.csrfField)
        <div class="grid one-column">
        \(Self.textField(state, "lost", "lostName", Text("走失者姓名或称呼", "Who is lost"), l, attributes: "required"))
        \(Self.textArea(state, "lost", "description", Text("年龄、衣着、体貌特征", "Age, clothes, appearance"), l, required: true))
        \(Self.textField(state, "lost", "lastSeen", Text("最后出现的地点和时间", "Last seen where and when"), l, attributes: "required"))
        \(Self.textField(state, "lost", "reporterName", Text("报告人", "Reporter"), l, attributes: "required"))
        \(Self.textField(state, "lost", "reporterPhone", Text("报告人电话", "Reporter's phone"), l, type: "tel", attributes: "required"))
        </div>
        <div class="actions"><button type="submit" id="scenic-lost-submit">\(Text("登记并联系广播站", "Record and call the broadcast station"), l)</button></div>
        </form></section>
        """
        return shell.render(page, title: Text("景区寻人", "Lost persons"), active: "scenic-lost", body: body, breadcrumbs: .underActive).response()
    }

    func reportLost(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        let c = try await scenic.reportLostPerson(ScenicBody(Self.values(form)), by: principal)
        return Redirect.to("\(Self.path)/lost/\(c.id)?notice=reported")
    }

    func lostDetail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let c = try await scenic.lostCase(id: try context.parameters.require("id"), viewer: principal)
        let base = "\(Self.path)/lost/\(c.id)"
        let log: [HTML] = c.broadcasts.map { b in
            "<li class=\"scenic-broadcast\" data-seq=\"\(b.seq)\">\(Text("第 \(b.seq) 遍", "No. \(b.seq)"), l) · \(Times.display(b.atMillis)) · \(Text("普通话", "Mandarin"), l) · \(b.byName)<br>\(b.text)</li>"
        }
        var steps: [HTML] = []
        if c.actions.contains("broadcast") {
            let state = page.formState(action: base + "/broadcast")
            steps.append("""
            <form method="post" action="\(base)/broadcast" id="scenic-broadcast-form"><h2>\(Text("登记广播", "Log a broadcast"), l)</h2>\(page.csrfField)
            \(state.generalMessage(fields: ["text"], l, id: "scenic-broadcast-error"))
            \(Self.textArea(state, "bc", "text", Text("广播内容（不填用标准寻人稿）", "Text (blank: the usual notice)"), l))
            <p class="hint">\(Text("广播语言：普通话。已广播 \(c.broadcastCount) 遍，至少 \(LostPersonRules.minBroadcasts) 遍。", "Language: Mandarin. \(c.broadcastCount) broadcast so far, at least \(LostPersonRules.minBroadcasts)."), l)</p>
            <button type="submit" id="scenic-broadcast">\(Text("已广播一遍", "Broadcast done"), l)</button></form>
            """)
        }
        if c.status != .closed, ScenicRules.mayWork(roles: principal.roles, userPath: principal.orgPath, recordPath: c.orgPath) {
            // The close form is shown from the start: closing early is refused with the rule's reason (VIS-04).
            let state = page.formState(action: base + "/close")
            let outcomes = LostPersonRules.Outcome.allCases.map { ($0.rawValue, ScenicLabels.outcome($0)(l)) }
            steps.append("""
            <form method="post" action="\(base)/close" id="scenic-close-form"><h2>\(Text("结案", "Close the case"), l)</h2>\(page.csrfField)
            \(state.generalMessage(fields: ["outcome", "note"], l, id: "scenic-close-error"))
            \(Self.choice(state, "close", "outcome", Text("结果", "Outcome"), outcomes, l))
            \(Self.textField(state, "close", "note", Text("说明", "Note"), l))
            <button type="submit" id="scenic-close">\(Text("结案", "Close"), l)</button></form>
            """)
        }
        let closed: HTML = c.closedMillis.map { at in
            "<dt>\(Text("结案", "Closed"), l)</dt><dd id=\"scenic-closed\">\(c.outcome.map { ScenicLabels.outcome($0)(l) } ?? "—")\(c.closeNote.map { " · " + $0 } ?? "") · \(Times.display(at)) · \(c.closedByName ?? "—")</dd>"
        } ?? .empty
        let title = ScenicLabels.titled(Text("寻人", "Lost person"), c.number)
        let body: HTML = """
        <h1 id="scenic-lost-case-title">\(Text("寻人", "Lost person"), l) \(c.number)</h1>
        <p class="meta" id="scenic-lost-state" data-status="\(c.status.rawValue)" data-broadcasts="\(c.broadcastCount)">\(Self.lostBadge(c.status, l))
        <span id="scenic-broadcast-count">\(Text("已广播 \(c.broadcastCount) 遍", "\(c.broadcastCount) broadcast(s)"), l)</span></p>
        \(steps.isEmpty ? .empty : "<section class=\"card no-print\" id=\"scenic-lost-steps\">\(steps)</section>" as HTML)
        <dl class="facts" id="scenic-lost-facts">
        <dt>\(Text("走失者", "Who is lost"), l)</dt><dd>\(c.lostName)</dd>
        <dt>\(Text("体貌特征", "Description"), l)</dt><dd>\(c.description)</dd>
        <dt>\(Text("最后出现", "Last seen"), l)</dt><dd>\(c.lastSeen)</dd>
        <dt>\(Text("报告人", "Reporter"), l)</dt><dd>\(c.reporterName) · \(c.reporterPhone)</dd>
        <dt>\(Text("所属单位", "Unit"), l)</dt><dd>\(c.unitName)</dd>
        <dt>\(Text("登记", "Reported"), l)</dt><dd>\(c.reporterByName) · \(Times.display(c.reportedMillis))</dd>
        \(closed)
        </dl>
        <h2>\(Text("广播记录", "Broadcast log"), l)</h2>
        \(log.isEmpty ? "<p class=\"empty\" id=\"scenic-no-broadcast\">\(Text("尚未广播", "No broadcast yet"), l)</p>" as HTML : "<ol class=\"plain-list\" id=\"scenic-broadcast-log\">\(log)</ol>" as HTML)
        <p class="no-print"><button type="button" data-print>\(Text("打印", "Print"), l)</button> · <a href="\(Self.path)/lost">\(Text("返回寻人列表", "Back to the cases"), l)</a></p>
        """
        return shell.render(page, title: title, active: "scenic-lost", body: body, breadcrumbs: .underActive).response()
    }

    func broadcast(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        _ = try await scenic.logBroadcast(id: id, ScenicBody(Self.values(form)), by: principal)
        return Redirect.to("\(Self.path)/lost/\(id)?notice=broadcast")
    }

    func closeLost(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        _ = try await scenic.closeLostCase(id: id, ScenicBody(Self.values(form)), by: principal)
        return Redirect.to("\(Self.path)/lost/\(id)?notice=closed")
    }
}
