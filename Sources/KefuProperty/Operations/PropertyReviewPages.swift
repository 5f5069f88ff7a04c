import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 每日审阅 (#14 PRP-04) as a page: a unit's day — complaints, patrol reports, management logs — the sign-off form
/// (once per day) and the days not yet reviewed.
extension PropertyOperationsPages {
    func review(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let m = try await ops.reviewPage(request.queryDictionary, viewer: principal)
        let d = m.day
        let base = "\(Self.path)/daily-review?orgUnitId=\(d.orgUnitId)"
        let complaintRows: [DataTable.Row] = d.complaints.map { c in
            DataTable.Row(plain: ["<a href=\"/complaints/\(c.id)\">\(c.number)</a>", "\(c.subject)", "\(c.customerName ?? "—")", "\(Times.display(c.registeredAt))",
                                  "\(c.status == "closed" ? Text("已结案", "Closed")(l) : Text("处理中", "Open")(l))"], attributes: "class=\"prp-review-complaint\"")
        }
        let complaints: HTML = complaintRows.isEmpty ? "<p class=\"empty\" id=\"prp-review-no-complaints\">\(Text("当天没有投诉", "No complaints that day"), l)</p>"
            : DataTable.render(id: "prp-review-complaints", headers: [Text("编号", "Number"), Text("主题", "Subject"), Text("客户", "Customer"), Text("登记时间", "Registered"),
                                                                      Text("状态", "Status")].map { $0(l) }, rows: complaintRows)
        let patrolRows: [DataTable.Row] = d.patrols.map { p in
            DataTable.Row(plain: ["<a href=\"\(Self.path)/patrols/\(p.id)\">\(p.number)</a>", "\(p.estateName)", "\(p.patrolledTime ?? "—")", "\(p.buildings)", "\(p.patroller)",
                                  Self.status(p.status, l), "\(p.findings.map(\.description).joined(separator: "；"))"], attributes: "class=\"prp-review-patrol\"")
        }
        let patrols: HTML = patrolRows.isEmpty ? "<p class=\"empty\" id=\"prp-review-no-patrols\">\(Text("当天没有巡楼记录", "No patrols that day"), l)</p>"
            : DataTable.render(id: "prp-review-patrols", headers: [Text("编号", "Number"), Text("小区", "Estate"), Text("时间", "Time"), Text("楼栋", "Buildings"),
                                                                   Text("巡查人", "Patroller"), Text("状态", "Status"), Text("问题", "Findings")].map { $0(l) }, rows: patrolRows)
        let logRows: [DataTable.Row] = d.vacantChecks.map { c in
            DataTable.Row(plain: ["\(c.number)", "\(Text("空置房检查", "Vacant-unit check")(l))", "\(c.estateName) \(c.building) \(c.room)",
                                  "\(c.allOK ? Text("正常", "All OK")(l) : Text("有异常", "Something abnormal")(l))\(c.note.map { "：" + $0 } ?? "")"],
                          attributes: "class=\"prp-review-log\"")
        } + d.proposals.map { p in
            DataTable.Row(plain: ["\(p.number)", "\(Text("业主建议", "Owner proposal")(l))", "\(p.estateName) \(p.unitLabel ?? "")", "\(p.ownerName)：\(p.content)"],
                          attributes: "class=\"prp-review-log\"")
        }
        let logs: HTML = logRows.isEmpty ? "<p class=\"empty\" id=\"prp-review-no-logs\">\(Text("当天没有管理记录", "No management logs that day"), l)</p>"
            : DataTable.render(id: "prp-review-logs", headers: [Text("编号", "Number"), Text("类别", "Kind"), Text("对象", "About"), Text("内容", "Content")].map { $0(l) },
                               rows: logRows)
        let action = Self.path + "/daily-reviews"
        let s = page.formState(action: action)
        let signOff: HTML
        if let r = d.review {
            signOff = """
            <section class="card" id="prp-review-signed"><h2>\(Text("已审阅", "Reviewed"), l)</h2>
            <p>\(r.comment)</p><p class="meta">\(r.reviewedBy) · \(r.reviewedAt)</p></section>
            """
        } else if d.maySign {
            signOff = """
            <section class="card no-print" id="prp-review-sign"><h2>\(Text("签署审阅", "Sign the day off"), l)</h2>
            \(s.generalMessage(fields: ["comment"], l, id: "prp-review-error"))
            <form method="post" action="\(action)" id="prp-review-form">\(page.csrfField)
            <input type="hidden" name="orgUnitId" value="\(d.orgUnitId)"><input type="hidden" name="day" value="\(d.day)">
            <div class="grid one-column">\(Self.textarea(s, "prp-review-comment", "comment", Text("审阅意见", "Comment"), l, required: true))</div>
            <div class="actions"><button type="submit" id="prp-review-save">\(Text("签署", "Sign off"), l)</button></div></form></section>
            """
        } else {
            signOff = "<p class=\"hint\" id=\"prp-review-unsigned\">\(Text("尚未审阅", "Not reviewed yet"), l)</p>"
        }
        let pending: [HTML] = m.pending.items.map { p in
            "<li class=\"prp-pending-day\" data-day=\"\(p.day)\"><a href=\"\(base)&day=\(p.day)\">\(p.day)</a> · \(Text("投诉", "complaints")(l)) \(p.complaints) · \(Text("巡楼", "patrols")(l)) \(p.patrols) · \(Text("记录", "logs")(l)) \(p.logs)</li>"
        }
        let body: HTML = """
        <h1 id="prp-review-title">\(Text("每日审阅", "Daily review"), l) · \(d.unitName) · \(d.day)</h1>
        <form method="get" action="\(Self.path)/daily-review" class="toolbar filters no-print" id="prp-review-filter">
        <input type="hidden" name="orgUnitId" value="\(d.orgUnitId)">
        \(FormControls.field(Text("日期", "Day")(l), for: "prp-review-day", FormControls.input(id: "prp-review-day", name: "day", type: "date", value: d.day)))
        <button type="submit" id="prp-review-go">\(Text("查看", "Show"), l)</button></form>
        <section class="card" id="prp-review-complaint-list"><h2>\(Text("投诉记录", "Complaints"), l) (\(d.complaints.count))</h2>\(complaints)</section>
        <section class="card" id="prp-review-patrol-list"><h2>\(Text("巡查报告", "Patrol reports"), l) (\(d.patrols.count))</h2>\(patrols)</section>
        <section class="card" id="prp-review-log-list"><h2>\(Text("管理日志", "Management logs"), l) (\(logRows.count))</h2>\(logs)</section>
        \(signOff)
        <section class="card no-print" id="prp-review-pending"><h2>\(Text("近 14 天未审阅的日期", "Days of the last 14 not yet reviewed"), l)</h2>
        \(pending.isEmpty ? HTML(raw: "<p class=\"empty\">—</p>") : "<ul>\(pending)</ul>")</section>
        """
        return shell.render(page, title: Text("每日审阅", "Daily review"), active: "property-review", body: body).response()
    }

    func sign(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let values = PropertyPages.values(try await FormData.read(request))
        let r = try await ops.signReview(FlatBody(values), by: principal)
        return Redirect.to("\(Self.path)/daily-review?orgUnitId=\(r.orgUnitId)&day=\(r.day)&notice=property-ops&what=review")
    }
}
