import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 月度对账 (STK-08, RPT-07) as a page: pick the unit and the month, see 账表 and 账账 computed line by line, enter 账实
/// per line and record the result (a refusal comes back through `FormFlash` with what was typed); once recorded, the
/// kept result with its differences, printable and exported as XLSX/CSV.
struct ReconciliationPages: Sendable {
    let reconciliations: ReconciliationService
    let shell: PageShell

    static let path = "/materials/reconciliations"

    func register(on router: Router<KefuContext>) {
        router.get("/materials/reconciliations") { request, context in try await page(request, context) }
        router.post("/materials/reconciliations") { request, context in try await record(request, context) }
        for format in TableExport.Format.allCases {
            router.get("/materials/reconciliations.\(format.rawValue)") { request, context in
                let principal = try context.requirePrincipal()
                let q = request.queryDictionary
                let view = try await reconciliations.get(orgUnitId: q["orgUnitId"], month: q["month"], viewer: principal)
                return TableExport.response(view.exportTable(context.page(request).locale), as: format, filename: "reconciliation-\(view.month)")
            }
        }
    }

    static func signed(_ q: Quantity?) -> String {
        guard let q else { return "—" }
        return q.milli > 0 ? "+" + q.text : q.text
    }

    func page(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = MaterialNotices.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let state = page.formState(action: Self.path)
        let refused: FormState? = state.error == nil ? nil : state
        let m = try await reconciliations.pageModel(orgUnitId: refused?.values["orgUnitId"] ?? q["orgUnitId"], month: refused?.values["month"] ?? q["month"], viewer: principal)
        let units = [("", Text("— 请选择 —", "— choose —")(l))] + m.units.map { ($0.id, $0.name) }
        let chooser: HTML = """
        <form method="get" action="\(Self.path)" class="filters no-print" id="reconciliation-filter">
        \(FormControls.field(Text("组织", "Org unit")(l), for: "rc-unit", FormControls.select(id: "rc-unit", name: "orgUnitId", options: units, selected: m.orgUnitId)))
        \(FormControls.field(Text("月份", "Month")(l), for: "rc-month", HTML(raw: "<input type=\"month\" id=\"rc-month\" name=\"month\" value=\"\(HTML.escape(m.month))\">")))
        <button type="submit" id="reconciliation-show">\(Text("查看", "Show"), l)</button></form>
        """
        var body: HTML = """
        <h1 id="reconciliation-title">\(Text("月度对账（账表、账账、账实）", "Monthly reconciliation (books, site ledger, physical)"), l)</h1>
        \(chooser)
        """
        if let v = m.view { body = HTML(raw: body.raw + result(v, m, refused: refused, page: page, query: request.uri.query ?? "").raw) }
        else { body = HTML(raw: body.raw + "<p class=\"empty\" id=\"empty-state\">\(Text("请选择组织和月份", "Choose a unit and a month")(l))</p>") }
        return shell.render(page, title: Text("月度对账", "Reconciliation"), active: "reconciliations", body: body).response()
    }

    func result(_ v: ReconciliationView, _ m: ReconciliationPageModel, refused: FormState?, page: PageContext, query: String) -> HTML {
        let l = page.locale
        let editing = m.canRecord
        // #11.5: a DataTable — on a phone each item is a card, the three differences labelled.
        let rows: [DataTable.Row] = v.lines.enumerated().map { i, line in
            let differs = line.booksVsReport.milli != 0 || line.ledgerVsBooks.milli != 0 || (line.booksVsPhysical?.milli ?? 0) != 0
            let physical: HTML
            if editing {
                let typed = refused?.values["lines[\(i)].physicalQuantity"] ?? ""
                physical = """
                <input type="hidden" name="lines[\(i)].itemId" value="\(line.itemId)"><input type="text" inputmode="decimal" class="qty" id="physical-\(i)" name="lines[\(i)].physicalQuantity" value="\(typed)" aria-label="\(Text("实存", "Physical")(l)) \(line.itemCode)">
                """
            } else {
                physical = "\(line.physical?.text ?? "—")"
            }
            return DataTable.Row([.init("\(line.itemCode)", class: "nowrap"), .init("\(line.itemName)"), .init("\(line.books.text)", class: "num"),
                                  .init("\(line.report.text)", class: "num"), .init("\(line.siteLedger.text)", class: "num"), .init(physical, class: "num"),
                                  .init("\(Self.signed(line.booksVsReport))", class: "num diff-report"), .init("\(Self.signed(line.ledgerVsBooks))", class: "num diff-ledger"),
                                  .init("\(Self.signed(line.booksVsPhysical))", class: "num diff-physical")],
                                 attributes: "class=\"reconciliation-row\(differs ? " differs" : "")\" data-item=\"\(line.itemCode)\" data-differs=\"\(differs ? "1" : "0")\"")
        }
        let status: HTML = v.recorded
            ? "<p class=\"meta\" id=\"reconciliation-status\" data-recorded=\"1\">\(Text("已登记", "Recorded")(l)) · \(v.recordedAt ?? "") · \(Text("截至", "as of")(l)) \(v.asOf) · \(Text("差异行数", "Lines differing")(l)) <strong id=\"differing\">\(v.differing)</strong></p>"
            : "<p class=\"meta\" id=\"reconciliation-status\" data-recorded=\"0\">\(Text("未登记（按当前数据计算）", "Not recorded (computed from today's data)")(l)) · \(Text("截至", "as of")(l)) \(v.asOf) · \(Text("差异行数", "Lines differing")(l)) <strong id=\"differing\">\(v.differing)</strong></p>"
        let q = query.isEmpty ? "" : "?" + query
        let toolbar: HTML = """
        <p class="actions no-print"><a class="button" id="export-reconciliation-xlsx" href="\(Self.path).xlsx\(q)">\(Text("导出 Excel", "Export Excel"), l)</a>
        <a class="button" id="export-reconciliation-csv" href="\(Self.path).csv\(q)">\(Text("导出 CSV", "Export CSV"), l)</a>
        <button type="button" data-print>\(Text("打印", "Print"), l)</button></p>
        """
        let table: HTML = v.lines.isEmpty ? "<p class=\"empty\" id=\"no-lines\">\(Text("该组织在本月没有库存或流水", "No stock or movements for this unit and month")(l))</p>"
            : DataTable.render(id: "reconciliation-lines", headers: [Text("存货编码", "Item code"), Text("存货名称", "Item name"), Text("账面（账）", "Books"),
                                                                     Text("报表（表）", "Report"), Text("现场流水账", "Site ledger"), Text("实存（实）", "Physical"),
                                                                     Text("账表差", "Books − report"), Text("账账差", "Ledger − books"), Text("账实差", "Books − physical")].map { $0(l) },
                               rows: rows)
        let error: HTML = refused.map { FormControls.errorBox($0.error, l, id: "form-error") } ?? .empty
        guard editing else {
            return HTML(raw: status.raw + toolbar.raw + table.raw + DocumentPrint.signatures(l, roles: [Text("现场保管员", "Site keeper"), Text("业务部账务员", "Department accountant")]).raw)
        }
        return """
        \(status)\(toolbar)\(error)
        <form method="post" action="\(Self.path)" id="reconciliation-form">\(page.csrfField)
        <input type="hidden" name="orgUnitId" value="\(v.orgUnitId)"><input type="hidden" name="month" value="\(v.month)">
        <input type="hidden" name="_back" value="\(Self.path)?orgUnitId=\(urlQueryValue(v.orgUnitId))&month=\(urlQueryValue(v.month))">
        \(table)
        <p class="hint no-print">\(Text("按最近一次盘点填写实存数量；留空的行不登记账实。", "Enter the physical quantities of the latest count; blank lines are recorded without one."), l)</p>
        <button type="submit" id="record-reconciliation">\(Text("登记对账结果", "Record the reconciliation"), l)</button></form>
        """
    }

    static func input(_ form: FormData) -> ReconciliationInput {
        var lines: [ReconciliationInput.Line] = []
        for i in 0..<5_000 {
            guard let item = TextRules.trimmed(form["lines[\(i)].itemId"]) else { break }
            guard let typed = TextRules.trimmed(form["lines[\(i)].physicalQuantity"]) else { continue }
            lines.append(.init(itemId: item, physicalQuantity: Quantity.parse(UsualInput.number(typed) ?? typed)))
        }
        return ReconciliationInput(orgUnitId: form["orgUnitId"], month: form["month"], lines: lines)
    }

    func record(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let v = try await reconciliations.record(Self.input(try await FormData.read(request)), by: principal)
        return Redirect.to("\(Self.path)?orgUnitId=\(urlQueryValue(v.orgUnitId))&month=\(urlQueryValue(v.month))&notice=saved")
    }
}
