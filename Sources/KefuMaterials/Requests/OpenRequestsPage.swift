import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// REQ-08, RPT-05: the weekly progress of open 内部联络单 — each open request with its state, age, who it waits for
/// and the planner's clock; the open back-fills of urgent releases (REQ-09) counted apart.
struct OpenRequestsPage: Sendable {
    let requests: MaterialRequestService
    let shell: PageShell

    func register(on router: Router<KefuContext>) {
        router.get("/materials/reports/open-requests") { request, context in try await show(request, context) }
    }

    func show(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = MaterialNotices.page(request, context)
        let l = page.locale
        let report = try await requests.openReport(orgUnitId: request.queryDictionary["orgUnitId"], viewer: principal)
        let rows: [DataTable.Row] = report.items.map { r in
            DataTable.Row(plain: [
                "<a class=\"material-request-link\" href=\"\(MaterialRequestPages.path)/\(r.id)\">\(r.number)</a>", "\(r.orgUnitName)",
                "\(MaterialRequestLabels.kind(r.kind), l)", MaterialRequestPages.stateBadge(r.state, l), "<span class=\"num\">\(String(r.ageDays))</span>",
                "\(MaterialRequestLabels.role(r.waitingFor), l)",
                r.plannerBreached ? "<span class=\"badge warn planner-breached\">\(Text("计划员超时", "Planner overdue")(l))</span>" as HTML
                    : r.backfillPending ? "<span class=\"badge warn\">\(Text("待补联络单", "Form to back-fill")(l))</span>" as HTML : .empty,
            ], attributes: "class=\"open-request-row\" data-id=\"\(r.id)\"")
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有未结的联络单", "No open requests"), l)</p>"
            : DataTable.render(id: "open-requests", headers: [Text("单号", "Number"), Text("申请单位", "Unit"), Text("类别", "Kind"), Text("状态", "State"),
                                                              Text("已过天数", "Age (days)"), Text("等待", "Waiting for"), Text("提示", "Flags")].map { $0(l) }, rows: rows)
        let body: HTML = """
        <h1 id="open-requests-title">\(Text("未结内部联络单进度（周报）", "Open material requests (weekly progress)"), l)</h1>
        <p class="meta" id="open-requests-summary">\(Text("未结 {0} 张 · 计划员超时 {1} · 待补联络单 {2}", "{0} open · {1} planner overdue · {2} forms to back-fill")
            .with(String(report.total), String(report.plannerBreaches), String(report.backfillsOpen)), l)</p>
        \(table)
        """
        return shell.render(page, title: Text("未结联络单周报", "Open requests"), active: "open-requests", body: body).response()
    }
}
