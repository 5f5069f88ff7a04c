import Foundation
import Hummingbird
import KefuDomain

/// RET-01..RET-04: `GET /admin/retention[?kind=&page=]`, the retention report as a printable page: per kind of filed
/// record its period, the cut-off day, how many are past it and the oldest; a kind opens the list of those records.
/// The page itself deletes and moves nothing: `kefu retention archive` archives the kinds marked so (#17.6), the
/// others are the operator's step, and the page says which.
/// #17.6: the page also shows each kind's period with a form to keep it longer, and the active legal holds with the
/// form that places one and a release form on each; a refused form comes back with what was typed (`FormFlash`).
public struct RetentionPage: Sendable {
    let report: RetentionReport
    let settings: RetentionSettings
    let shell: PageShell

    public init(report: RetentionReport, settings: RetentionSettings, shell: PageShell) {
        self.report = report
        self.settings = settings
        self.shell = shell
    }

    public static let href = "/admin/retention"
    public static let nav = [
        NavItem(id: "admin-retention", href: href, label: Text("档案保存期", "Retention"), area: .admin,
                isVisible: { $0.isAdmin && $0.coversWholeOrganisation }),
    ]

    public func register(on router: Router<KefuContext>) {
        router.get(RouterPath(Self.href)) { [report, settings] request, context in
            let principal = try context.requirePrincipal()
            let page = Self.page(request, context)
            let query = request.queryDictionary
            let kind = try report.kind(query["kind"])
            let model = try await report.pageModel(kind: kind, paging: try Paging.from(query), settings: settings, viewer: principal, locale: page.locale) // one read
            return render(page, model).response()
        }
        router.post(RouterPath(Self.href + "/periods/:kind")) { [settings] request, context in
            let principal = try context.requirePrincipal()
            try RetentionReport.requireHeadOfficeAdmin(principal)
            let form = try await FormData.read(request)
            let typed = (form["years"] ?? "").trimmingCharacters(in: .whitespaces)
            let years = Int(typed)
            if years == nil && !typed.isEmpty {
                throw AppError(.unprocessableContent, "validation_failed", Text("保存期须为整数年", "The period is a whole number of years"), details: ["field": "years"])
            }
            _ = try await settings.setPeriod(kind: try context.parameters.require("kind"), years: years, by: principal, locale: context.locale)
            return Redirect.to(Self.href + "?notice=period")
        }
        router.post(RouterPath(Self.href + "/holds")) { [settings] request, context in
            let principal = try context.requirePrincipal()
            try RetentionReport.requireHeadOfficeAdmin(principal)
            let form = try await FormData.read(request)
            _ = try await settings.place(kind: form["kind"], recordId: form["recordId"], reason: form["reason"], until: form["until"], by: principal, locale: context.locale)
            return Redirect.to(Self.href + "?notice=hold")
        }
        router.post(RouterPath(Self.href + "/holds/:id/release")) { [settings] request, context in
            let principal = try context.requirePrincipal()
            try RetentionReport.requireHeadOfficeAdmin(principal)
            let form = try await FormData.read(request)
            _ = try await settings.release(id: try context.parameters.require("id"), reason: form["reason"], by: principal, locale: context.locale)
            return Redirect.to(Self.href + "?notice=release")
        }
    }

    /// The notice after a change (`?notice=period|hold|release`).
    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = context.page(request)
        let text: Text?
        switch request.uri.queryParameters.get("notice") {
        case "period": text = Text("保存期已更新", "The period is saved")
        case "hold": text = Text("已设置保全", "The legal hold is placed")
        case "release": text = Text("保全已解除", "The legal hold is released")
        default: text = nil
        }
        guard let text else { return base }
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken, notice: text(base.locale), formFlash: base.formFlash, path: base.path)
    }

    /// #17.6: each kind's floor, configured and effective period, with a form per kind (a refusal keeps what was typed
    /// and stands under the field).
    func periodsCard(_ page: PageContext, _ periods: [RetentionSettings.Period]) -> HTML {
        let l = page.locale
        let rows: [DataTable.Row] = periods.map { p in
            let action = "\(Self.href)/periods/\(p.kind)"
            let state = page.formState(action: action)
            let id = "retention-years-\(p.kind)"
            let input = FormControls.input(id: id, name: "years", type: "number", value: state.value("years", default: String(p.effectiveYears)),
                                           attributes: "step=\"1\" inputmode=\"numeric\" class=\"narrow\"")
            let field = FormControls.field(Text("保存年数", "Years kept")(l), for: id, input, error: state.message(for: "years", l))
            let form: HTML = """
            <form method="post" action="\(action)" class="inline-form" id="retention-period-form-\(p.kind)">\(page.csrfField)\(field)\
            <button type="submit" id="retention-period-save-\(p.kind)">\(Text("保存", "Save"), l)</button></form>
            """
            return DataTable.Row([
                DataTable.Cell("\(p.label)"),
                DataTable.Cell("\(Text("{0} 年", "{0} years").with(String(p.floorYears)), l)", class: "num"),
                DataTable.Cell("\(p.configuredYears.map { Text("{0} 年", "{0} years").with(String($0))(l) } ?? "—")", class: "num"),
                DataTable.Cell("\(Text("{0} 年", "{0} years").with(String(p.effectiveYears)), l)", class: "num", id: "retention-effective-\(p.kind)"),
                DataTable.Cell(form, class: "no-print"),
            ], attributes: "data-kind=\"\(p.kind)\"")
        }
        return """
        <section class="card" id="retention-periods">
          <h2>\(Text("保存期设置", "Retention periods"), l)</h2>
          <p class="meta">\(Text("管理员可以延长某类记录的保存期（整年，最多 {0} 年），但不能短于规定的最低保存期。",
              "An administrator may keep a kind of record longer (whole years, at most {0}), never shorter than its floor.").with(String(RetentionPolicy.maximumYears)), l)</p>
          \(DataTable.render(id: "retention-period-list", headers: [Text("记录类别", "Kind of record")(l), Text("最低保存期", "Floor")(l), Text("已设置", "Configured")(l),
                                                                   Text("执行保存期", "In force")(l), Text("修改", "Change")(l)], rows: rows))
        </section>
        """
    }

    /// #17.6: the active legal holds, each with its release form, and the form that places a hold.
    func holdsCard(_ page: PageContext, _ holds: ListPage<RetentionSettings.Hold>) -> HTML {
        let l = page.locale
        let rows: [DataTable.Row] = holds.items.map { h in
            let action = "\(Self.href)/holds/\(h.id)/release"
            let state = page.formState(action: action)
            let id = "retention-release-reason-\(h.id)"
            let record: HTML = h.href.map { "<a href=\"\($0)\">\(h.recordNumber ?? h.recordId)</a>" } ?? "\(h.recordNumber ?? h.recordId)"
            let form: HTML = """
            <form method="post" action="\(action)" class="inline-form" id="retention-release-form-\(h.id)">\(page.csrfField)\
            \(FormControls.field(Text("解除原因", "Reason for release")(l), for: id, FormControls.input(id: id, name: "reason", value: state.value("reason")), error: state.message(for: "reason", l)))\
            <button type="submit" id="retention-release-\(h.id)">\(Text("解除保全", "Release"), l)</button></form>
            """
            return DataTable.Row([
                DataTable.Cell("\(h.kindLabel)"), DataTable.Cell(record), DataTable.Cell("\(h.reason)"),
                DataTable.Cell("\(h.until ?? Text("直至解除", "until released")(l))"),
                DataTable.Cell("\(h.placedByName) · \(Times.display(h.placedAtMillis))"), DataTable.Cell(form, class: "no-print"),
            ], attributes: "class=\"retention-hold\" data-hold=\"\(h.id)\" data-record=\"\(h.recordId)\"")
        }
        let list: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"retention-holds-empty\">\(Text("没有生效的保全", "No legal hold is in force"), l)</p>"
            : DataTable.render(id: "retention-hold-list", headers: [Text("记录类别", "Kind of record")(l), Text("记录", "Record")(l), Text("原因", "Reason")(l),
                                                                   Text("截止日（含）", "Last day")(l), Text("设置人 · 时间", "Placed by · at")(l), Text("解除", "Release")(l)], rows: rows)
        let action = "\(Self.href)/holds"
        let state = page.formState(action: action)
        func text(_ name: String, _ label: Text, _ id: String, type: String = "text", hint: Text? = nil) -> HTML {
            FormControls.field(label(l), for: id, FormControls.input(id: id, name: name, type: type, value: state.value(name)), error: state.message(for: name, l),
                               hint: hint?(l))
        }
        let kinds = [("", Text("请选择", "Choose")(l))] + settings.kinds.map { ($0.rawValue, RetentionLabels.kind($0)(l)) }
        let kindField = FormControls.field(Text("记录类别", "Kind of record")(l), for: "retention-hold-kind",
                                           FormControls.select(id: "retention-hold-kind", name: "kind", options: kinds, selected: state.value("kind")),
                                           error: state.message(for: "kind", l))
        return """
        <section class="card" id="retention-holds">
          <h2>\(Text("保全（法律保留）", "Legal holds"), l)</h2>
          <p class="meta">\(Text("保全中的记录不列为可归档，不会被归档或删除，无论是否已过保存期（RET-04）。",
              "A record under a legal hold is not listed as due, and is neither archived nor deleted, whatever its period (RET-04)."), l)</p>
          \(list)
          <h3>\(Text("设置保全", "Place a legal hold"), l)</h3>
          \(state.generalMessage(fields: ["kind", "recordId", "reason", "until"], l, id: "retention-hold-error"))
          <form method="post" action="\(action)" id="retention-hold-form" class="no-print">\(page.csrfField)
          <div class="grid">
          \(kindField)
          \(text("recordId", Text("记录编号", "Record number or id"), "retention-hold-record"))
          \(text("reason", Text("原因", "Reason"), "retention-hold-reason"))
          \(text("until", Text("截止日（可不填）", "Last day (optional)"), "retention-hold-until", type: "date", hint: Text("不填则直至解除", "empty: until released")))
          </div>
          <div class="actions"><button type="submit" id="retention-hold-save">\(Text("设置保全", "Place the hold"), l)</button></div>
          </form>
        </section>
        """
    }

    func render(_ page: PageContext, _ model: RetentionPageModel) -> HTML {
        let r = model.report
        let l = page.locale
        let title = Text("档案保存期报表", "Retention report")
        let rows: [DataTable.Row] = r.items.map { s in
            DataTable.Row([
                DataTable.Cell("<a href=\"\(Self.href)?kind=\(s.kind)\">\(s.label)</a>"),
                DataTable.Cell("\(Text("{0} 年", "{0} years").with(String(s.years)), l)", class: "num", id: "retention-years-in-force-\(s.kind)"),
                DataTable.Cell("\(s.cutoff)"),
                DataTable.Cell("\(s.count)", class: "num", id: "retention-count-\(s.kind)"),
                DataTable.Cell("\(s.oldestClosedAtMillis.map { Times.display($0) } ?? "—")"),
                DataTable.Cell("\(s.archivable ? Text("系统归档", "kefu archives") : Text("系统外归档", "operator, outside Kefu"), l)", id: "retention-archive-\(s.kind)"),
            ], attributes: "data-kind=\"\(s.kind)\"")
        }
        let summary = DataTable.render(id: "retention-summary", headers: [
            Text("记录类别", "Kind of record")(l), Text("保存期", "Kept for")(l), Text("截止日（含）", "Closed on or before")(l),
            Text("可归档", "May be archived")(l), Text("最早关闭于", "Oldest closed")(l), Text("归档方式", "Archived by")(l),
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
        <p class="notice" id="retention-operator-note">\(Text("本报表只列出已超过保存期、未被保全、可以归档的记录；本页不删除或移动任何记录。标为“系统归档”的类别由系统管理员运行 kefu retention archive 导出（JSON 行文件）后删除，其余类别由系统管理员在系统之外归档。保存期内或保全中的记录不能删除（RET-04）。",
            "This report only lists the records past their retention period, under no legal hold, that may be archived; this page deletes and moves nothing. The kinds marked “kefu archives” are written out (JSON lines) and then deleted by the operator's `kefu retention archive`; the others are archived by the operator outside Kefu. Records inside their period or under a hold cannot be deleted (RET-04)."), l)</p>
        <p class="meta">\(Text("保存期自记录关闭（或审核、记账）之日起计算；未关闭的记录一直保存。售后与投诉记录、服务单 3 年（RET-01），工程维修单 2 年（RET-02），归档单据及交资料员存档的物业记录按 3 年计（RET-03）。以上为最低保存期，管理员可在下方延长；保全中的记录一直保存。",
            "Periods count from the day a record is closed (or audited, posted); an open record is always kept. After-sales and complaint records and tickets: 3 years (RET-01); work orders: 2 years (RET-02); filed papers and the property records filed with the archivist: 3 years (RET-03). These are floors: an administrator may keep a kind longer below, and a record under a legal hold is always kept."), l)</p>
        <div class="toolbar no-print"><button type="button" id="retention-print" data-print>\(Text("打印", "Print"), l)</button></div>
        <section class="card">\(summary)</section>
        \(list)
        \(periodsCard(page, model.periods))
        \(holdsCard(page, model.holds))
        """
        return shell.render(page, title: title, active: "admin-retention", body: body)
    }
}
