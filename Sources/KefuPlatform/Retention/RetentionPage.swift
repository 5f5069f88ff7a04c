import Foundation
import Hummingbird
import KefuDomain

/// RET-01..RET-04: `GET /admin/retention[?kind=&page=]`, the retention report as a printable page: per kind of filed
/// record its period, the cut-off day, how many are past it and the oldest; a kind opens the list of those records.
/// Kefu deletes and moves nothing: archiving is the operator's step, and the page says so.
public struct RetentionPage: Sendable {
    let report: RetentionReport
    let shell: PageShell

    public init(report: RetentionReport, shell: PageShell) {
        self.report = report
        self.shell = shell
    }

    public static let href = "/admin/retention"
    public static let nav = [
        NavItem(id: "admin-retention", href: href, label: Text("档案保存期", "Retention"), area: .admin,
                isVisible: { $0.isAdmin && $0.coversWholeOrganisation }),
    ]

    public func register(on router: Router<KefuContext>) {
        router.get(RouterPath(Self.href)) { [report] request, context in
            let principal = try context.requirePrincipal()
            let page = context.page(request)
            let query = request.queryDictionary
            let kind = try report.kind(query["kind"])
            let result = try await report.report(kind: kind, paging: try Paging.from(query), viewer: principal, locale: page.locale) // one read
            return render(page, result).response()
        }
    }

    func render(_ page: PageContext, _ r: RetentionReport.Result) -> HTML {
        let l = page.locale
        let title = Text("档案保存期报表", "Retention report")
        let rows: [DataTable.Row] = r.items.map { s in
            DataTable.Row([
                DataTable.Cell("<a href=\"\(Self.href)?kind=\(s.kind)\">\(s.label)</a>"),
                DataTable.Cell("\(Text("{0} 年", "{0} years").with(String(s.years)), l)", class: "num"),
                DataTable.Cell("\(s.cutoff)"),
                DataTable.Cell("\(s.count)", class: "num", id: "retention-count-\(s.kind)"),
                DataTable.Cell("\(s.oldestClosedAtMillis.map { Times.display($0) } ?? "—")"),
            ], attributes: "data-kind=\"\(s.kind)\"")
        }
        let summary = DataTable.render(id: "retention-summary", headers: [
            Text("记录类别", "Kind of record")(l), Text("保存期", "Kept for")(l), Text("截止日（含）", "Closed on or before")(l),
            Text("可归档", "May be archived")(l), Text("最早关闭于", "Oldest closed")(l),
        ], rows: rows)
        var list: HTML = .empty
        if let records = r.records, let kind = r.kind, let s = r.items.first(where: { $0.kind == kind }) {
            let recordRows: [DataTable.Row] = records.items.map { rec in
                let number: HTML = rec.href.map { "<a href=\"\($0)\">\(rec.number)</a>" } ?? "\(rec.number)"
                return DataTable.Row([DataTable.Cell(number), DataTable.Cell("\(Times.display(rec.closedAtMillis))")])
            }
            let empty: HTML = records.items.isEmpty ? "<p class=\"empty\" id=\"retention-records-empty\">\(Text("没有超过保存期的记录", "No record is past its period"), l)</p>" : .empty
            list = """
            <section class="card" id="retention-records">
              <h2>\(s.label) <span class="meta">\(Text("截止 {0} 关闭的记录", "closed on or before {0}").with(s.cutoff), l)</span></h2>
              \(empty)\(records.items.isEmpty ? .empty : DataTable.render(id: "retention-record-list", headers: [Text("编号", "Number")(l), Text("关闭时间", "Closed")(l)], rows: recordRows))
              \(FormControls.pager(basePath: Self.href, query: ["kind": kind], page: records.page, per: records.per, total: records.total, locale: l))
            </section>
            """
        }
        let body: HTML = """
        <h1>\(title, l)</h1>
        <p class="meta">\(Text("统计日：{0}（按北京时间）", "As of {0} (Asia/Shanghai days)").with(r.asOf), l)</p>
        <p class="notice" id="retention-operator-note">\(Text("本报表只列出已超过保存期、可以归档的记录。客服系统不会删除或移动任何记录：归档由系统管理员在系统之外完成。保存期内的记录不能删除（RET-04）。",
            "This report only lists the records past their retention period that may be archived. Kefu deletes and moves nothing: archiving is the operator's step outside Kefu. Records inside their period cannot be deleted (RET-04)."), l)</p>
        <p class="meta">\(Text("保存期自记录关闭（或审核、记账）之日起计算；未关闭的记录一直保存。售后与投诉记录、服务单 3 年（RET-01），工程维修单 2 年（RET-02），归档单据及交资料员存档的物业记录按 3 年计（RET-03）。",
            "Periods count from the day a record is closed (or audited, posted); an open record is always kept. After-sales and complaint records and tickets: 3 years (RET-01); work orders: 2 years (RET-02); filed papers and the property records filed with the archivist: 3 years (RET-03)."), l)</p>
        <div class="toolbar no-print"><button type="button" id="retention-print" data-print>\(Text("打印", "Print"), l)</button></div>
        <section class="card">\(summary)</section>
        \(list)
        """
        return shell.render(page, title: title, active: "admin-retention", body: body)
    }
}
