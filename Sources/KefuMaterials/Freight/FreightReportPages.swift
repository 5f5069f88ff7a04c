import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// RPT-12 as a page: the freight exceptions by month and business department (count, cost, over the reference, the
/// approvals' outcome), then the records themselves a page at a time; the same records as CSV or XLSX.
struct FreightReportPages: Sendable {
    let freight: FreightService
    let shell: PageShell

    static let path = "/materials/reports/freight-exceptions"

    func register(on router: Router<KefuContext>) {
        router.get("/materials/reports/freight-exceptions") { request, context in try await report(request, context) }
        for format in TableExport.Format.allCases {
            router.get("/materials/reports/freight-exceptions.\(format.rawValue)") { request, context in
                let principal = try context.requirePrincipal()
                let q = request.queryDictionary
                let m = try await freight.exceptionReport(q, paging: Paging(page: 1, per: FreightService.exportLimit), viewer: principal)
                return TableExport.response(m.exportTable(context.page(request).locale), as: format, filename: "freight-exceptions")
            }
        }
    }

    func report(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await freight.exceptionReport(q, paging: try Paging.from(q, defaultPer: 25), viewer: principal)
        let groupRows: [DataTable.Row] = m.groups.map { g in
            DataTable.Row(plain: ["\(g.month)", "\(g.departmentName)", "\(g.count)", "\(g.cost)", "\(g.overReference)", "\(g.awaiting)", "\(g.approved)",
                                  "\(g.rejected)", "\(g.notNeeded)"],
                          attributes: "class=\"freight-group-row\" data-month=\"\(g.month)\" data-department=\"\(g.departmentId)\"")
        }
        let recordRows: [DataTable.Row] = m.records.items.map { r in
            DataTable.Row(plain: [
                FreightPages.link(r), "\(r.shippedOn)", "\(r.departmentName)", "\(r.unitName)", "\(FreightLabels.mode(r.mode), l)", "\(r.referencePrice ?? "—")",
                "\(r.cost)", "\(FreightLabels.approval(r.approvalNeeded), l)", FreightPages.statusBadge(r.status, l),
                "\(r.deciderName ?? "")\(r.decisionComment.map { " · " + $0 } ?? "")",
            ], attributes: "class=\"freight-exception-row\" data-id=\"\(r.id)\" data-status=\"\(r.status.rawValue)\"")
        }
        let kept = q.filter { ["from", "to", "orgUnitId", "mode", "status"].contains($0.key) && !$0.value.isEmpty }
        let query = kept.keys.sorted().map { "\($0)=\(urlQueryValue(kept[$0]!))" }.joined(separator: "&")
        let body: HTML = """
        <h1 id="freight-report-title">\(Text("运费异常报表（RPT-12）", "Freight exceptions (RPT-12)"), l)</h1>
        <p class="hint">\(Text("超出参考价格或需要审批的运费，按月份和业务部汇总，附审批结果。", "Freight above the reference price or needing approval, by month and department, with the approvals' outcome."), l)</p>
        <form method="get" action="\(Self.path)" class="toolbar filters" id="freight-report-filter">
        \(FormControls.field(Text("起始月份", "From month")(l), for: "frr-from", FormControls.input(id: "frr-from", name: "from", type: "month", value: q["from"])))
        \(FormControls.field(Text("截止月份", "To month")(l), for: "frr-to", FormControls.input(id: "frr-to", name: "to", type: "month", value: q["to"])))
        <button type="submit" id="freight-report-apply">\(Text("查看", "Show"), l)</button>
        <a class="button no-print" id="freight-report-csv" href="\(Self.path).csv?\(query)">\(Text("导出 CSV", "Export CSV"), l)</a>
        <a class="button no-print" id="freight-report-xlsx" href="\(Self.path).xlsx?\(query)">\(Text("导出 Excel", "Export Excel"), l)</a></form>
        <h2>\(Text("按月份和业务部", "By month and department"), l)</h2>
        \(groupRows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("所选期间没有运费异常", "No freight exceptions in this period")(l))</p>" as HTML
            : DataTable.render(id: "freight-report-groups", headers: [Text("月份", "Month"), Text("业务部", "Department"), Text("笔数", "Records"), Text("运费（元）", "Cost (CNY)"),
                                                                     Text("超参考价（元）", "Over reference (CNY)"), Text("待审批", "Awaiting"), Text("已批准", "Approved"),
                                                                     Text("已驳回", "Rejected"), Text("无需审批", "No approval")].map { $0(l) }, rows: groupRows))
        <h2>\(Text("明细", "Records"), l)</h2>
        \(recordRows.isEmpty ? .empty : DataTable.render(id: "freight-report-records", headers: [
            Text("编号", "Number"), Text("发运日期", "Shipped on"), Text("业务部", "Department"), Text("现场", "Site"), Text("运输方式", "Mode"),
            Text("参考价格", "Reference"), Text("运费", "Cost"), Text("审批要求", "Approval needed"), Text("结果", "Outcome"), Text("审批人 · 意见", "Decided by · comment"),
        ].map { $0(l) }, rows: recordRows))
        \(FormControls.pager(basePath: Self.path, query: q, page: m.records.page, per: m.records.per, total: m.records.total, locale: l))
        """
        return shell.render(page, title: Text("运费异常报表", "Freight exceptions"), active: "freight-report", body: body).response()
    }
}
