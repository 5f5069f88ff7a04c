import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 现场出入库流水账 (LED-01..07): the department's chase list and the days (list), a day's form for the site keeper
/// (phone/tablet: one line per row, large controls), the day as posted with its drafted documents, and its print with
/// 期初结存, 合计 and signature lines (LED-06).
struct SiteLedgerPages: Sendable {
    let ledgers: SiteLedgerService
    let shell: PageShell

    static let blankRows = 6

    func register(on router: Router<KefuContext>) {
        router.get("/materials/site-ledgers") { request, context in try await list(request, context) }
        for format in TableExport.Format.allCases {
            router.get("/materials/site-ledgers.\(format.rawValue)") { request, context in
                let principal = try context.requirePrincipal()
                let q = request.queryDictionary
                let m = try await ledgers.listModel(date: q["date"], query: q, paging: Paging(page: 1, per: 1), viewer: principal)
                return TableExport.response(m.standingsExportTable(context.page(request).locale), as: format, filename: "site-ledger-standings-\(m.date)")
            }
        }
        for format in TableExport.Format.allCases {
            router.get("/materials/site-ledger-days.\(format.rawValue)") { request, context in
                let principal = try context.requirePrincipal()
                let q = request.queryDictionary
                let m = try await ledgers.listModel(date: q["date"], query: q, paging: Paging(page: 1, per: SiteLedgerListModel.exportLimit), viewer: principal)
                return TableExport.response(m.daysExportTable(context.page(request).locale), as: format, filename: "site-ledger-days")
            }
        }
        router.get("/materials/site-ledgers/new") { request, context in try await detail(request, context, id: nil) }
        router.post("/materials/site-ledgers") { request, context in try await create(request, context) }
        router.get("/materials/site-ledgers/:id") { request, context in try await detail(request, context, id: try context.parameters.require("id")) }
        router.post("/materials/site-ledgers/:id/edit") { request, context in try await update(request, context) }
        for step in ["submit", "return", "post", "file"] {
            router.post("/materials/site-ledgers/:id/\(step)") { request, context in try await act(request, context, step: step) }
        }
    }

    static func kindLabel(_ k: String) -> Text {
        switch LedgerLineKind(rawValue: k) {
        case .purchase?: return Text("采购入库", "Purchase receipt")
        case .repaired?: return Text("修复入库", "Repaired receipt")
        case .transferIn?: return Text("调拨入库", "Transfer receipt")
        case .selfUse?: return Text("自用出库", "Own-use issue")
        case .shipment?: return Text("发货出库", "Shipment")
        case nil: return Text(k, k)
        }
    }

    static func statusLabel(_ s: String) -> Text {
        switch LedgerDayStatus(rawValue: s) {
        case .draft?: return Text("草稿", "Draft")
        case .submitted?: return Text("已提交", "Submitted")
        case .posted?: return Text("已记账", "Posted")
        case nil: return Text(s, s)
        }
    }

    static func standingLabel(_ s: String) -> Text {
        switch s {
        case "missing": return Text("未报", "Missing")
        case "open": return Text("填报中", "Open")
        case "late": return Text("迟报", "Late")
        default: return Text("按时", "On time")
        }
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await ledgers.listModel(date: q["date"], query: q, paging: try Paging.from(q, defaultPer: 25), viewer: principal)
        // #11.5: DataTables — on a phone each site and each day is a card of labelled lines.
        let standings: [DataTable.Row] = m.standings.map { s in
            let link: HTML = s.ledgerId.map { "<a href=\"/materials/site-ledgers/\($0)\">\(Text("查看", "Open"), l)</a>" } ?? .empty
            return DataTable.Row([.init("\(s.warehouseCode) \(s.warehouseName)"), .init("<span class=\"badge standing-\(s.standing)\">\(Self.standingLabel(s.standing), l)</span>"),
                                  .init("\(s.lateReason ?? "")"), .init(link)],
                                 attributes: "class=\"standing-row\" data-standing=\"\(s.standing)\"")
        }
        let days: [DataTable.Row] = m.days.items.map { d in
            DataTable.Row([.init("<a class=\"ledger-link\" href=\"/materials/site-ledgers/\(d.id)\">\(d.date)</a>", class: "nowrap"), .init("\(d.warehouseCode) \(d.warehouseName)"),
                           .init("\(Self.statusLabel(d.status), l)"), .init("\(d.late ? Text("迟报", "Late") : Text("", ""), l)")],
                          attributes: "class=\"ledger-row\"")
        }
        let body: HTML = """
        <div class="actions" style="justify-content:space-between"><h1>\(Text("现场出入库流水账", "Site daily ledgers"), l)</h1>
        <a class="button" id="new-site-ledger" href="/materials/site-ledgers/new">\(Text("填写当日流水账", "Write today's ledger"), l)</a></div>
        <form method="get" action="/materials/site-ledgers" class="filters"><label for="standing-date">\(Text("日期", "Date"), l)</label>
        <input type="date" id="standing-date" name="date" value="\(m.date)"><button type="submit">\(Text("查看", "Show"), l)</button>
        <a class="button no-print" id="export-standings-xlsx" href="/materials/site-ledgers.xlsx?date=\(m.date)">\(Text("导出 Excel", "Export Excel"), l)</a>
        <a class="button no-print" id="export-standings-csv" href="/materials/site-ledgers.csv?date=\(m.date)">\(Text("导出 CSV", "Export CSV"), l)</a></form>
        <h2>\(Text("各现场报送情况（LED-07）", "Sites' ledgers for the day (LED-07)"), l) · \(m.date)</h2>
        \(standings.isEmpty ? "<p class=\"empty\">\(Text("没有现场仓库", "No site warehouses"), l)</p>" as HTML : DataTable.render(id: "standings", headers: [Text("现场仓库", "Site warehouse"), Text("情况", "Standing"), Text("迟报原因", "Reason for lateness"), Text("流水账", "Ledger")].map { $0(l) }, rows: standings))
        <h2>\(Text("流水账", "Ledger days"), l)</h2>
        \(Self.dayFilters(q, l))
        \(days.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("还没有流水账", "No ledger days yet"), l)</p>" as HTML : DataTable.render(id: "site-ledger-list", headers: [Text("日期", "Date"), Text("仓库", "Warehouse"), Text("状态", "Status"), Text("迟报", "Late")].map { $0(l) }, rows: days))
        \(FormControls.pager(basePath: "/materials/site-ledgers", query: q, page: m.days.page, per: m.days.per, total: m.days.total, locale: l))
        """
        return shell.render(page, title: Text("现场流水账", "Site ledgers"), active: "site-ledgers", body: body).response()
    }

    /// The days list's filters (from, to, status; the chase list's date kept) and its XLSX/CSV export with the same filters.
    static func dayFilters(_ q: [String: String], _ l: AppLocale) -> HTML {
        let kept = q.filter { ["date", "from", "to", "status", "warehouseId", "orgUnitId"].contains($0.key) && !$0.value.isEmpty }
        let query = kept.keys.sorted().map { "\($0)=\(urlQueryValue(kept[$0]!))" }.joined(separator: "&")
        let statuses = [("", Text("全部", "All")(l))] + LedgerDayStatus.allCases.map { ($0.rawValue, statusLabel($0.rawValue)(l)) }
        return """
        <form method="get" action="/materials/site-ledgers" class="filters" id="ledger-day-filters">
        \(q["date"].map { "<input type=\"hidden\" name=\"date\" value=\"\($0)\">" as HTML } ?? .empty)
        <label for="days-from">\(Text("从", "From"), l)</label>\(FormControls.input(id: "days-from", name: "from", type: "date", value: q["from"]))
        <label for="days-to">\(Text("到", "To"), l)</label>\(FormControls.input(id: "days-to", name: "to", type: "date", value: q["to"]))
        <label for="days-status">\(Text("状态", "Status"), l)</label>\(FormControls.select(id: "days-status", name: "status", options: statuses, selected: q["status"]))
        <button type="submit" id="days-filter">\(Text("筛选", "Filter"), l)</button>
        <a class="button no-print" id="export-days-xlsx" href="/materials/site-ledger-days.xlsx?\(query)">\(Text("导出 Excel", "Export Excel"), l)</a>
        <a class="button no-print" id="export-days-csv" href="/materials/site-ledger-days.csv?\(query)">\(Text("导出 CSV", "Export CSV"), l)</a></form>
        """
    }

    func detail(_ request: Request, _ context: KefuContext, id: String?) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let state = page.formState(action: id.map { "/materials/site-ledgers/\($0)/edit" } ?? "/materials/site-ledgers")
        let refused: FormState? = state.error == nil ? nil : state
        let m = try await ledgers.pageModel(id: id, warehouseId: refused?.values["warehouseId"] ?? request.queryDictionary["warehouseId"], viewer: principal)
        let d = m.ledger
        let editing = d == nil || (d?.actions.contains("edit") == true && (refused != nil || request.queryDictionary["mode"] == "edit"))
        let title = d.map { Text("现场流水账 {0} {1}", "Site ledger {0} {1}").with($0.warehouseCode, $0.date) } ?? Text("填写现场流水账", "Write a site ledger day")
        var content: HTML = refused.map { FormControls.errorBox($0.error, l, id: "form-error") } ?? .empty
        if editing {
            content = HTML(raw: content.raw + form(m, refused: refused, page: page).raw)
        } else if let d {
            content = HTML(raw: content.raw + view(d, m, page: page).raw)
        }
        let body: HTML = "<h1 id=\"site-ledger-title\">\(title, l)</h1>\(content)"
        return shell.render(page, title: title, active: "site-ledgers", body: body, breadcrumbs: .underActive).response()
    }

    func form(_ m: SiteLedgerPageModel, refused: FormState?, page: PageContext) -> HTML {
        let l = page.locale
        let d = m.ledger
        guard let w = m.warehouse else {
            let options: [HTML] = m.warehouses.map { "<option value=\"\($0.id)\">\($0.code) \($0.name)</option>" }
            return """
            <form method="get" action="/materials/site-ledgers/new" id="choose-warehouse">
            \(FormControls.field(Text("现场仓库", "Site warehouse")(l), for: "sl-warehouse", HTML(raw: "<select id=\"sl-warehouse\" name=\"warehouseId\">\(options.map(\.raw).joined())</select>")))
            <button type="submit">\(Text("下一步", "Next"), l)</button></form>
            """
        }
        let typed = refused?.values ?? [:]
        func value(_ name: String, _ saved: String?) -> String? { refused != nil ? typed[name] : saved }
        let saved = d?.lines ?? []
        let count = refused != nil ? max(Self.blankRows, (typed.keys.compactMap { Self.rowIndex($0) }.max() ?? -1) + 1) : saved.count + Self.blankRows
        let kinds = LedgerLineKind.allCases.map { ($0.rawValue, Self.kindLabel($0.rawValue)(l)) }
        let picks = [("", Text("— 从本现场现存量中选择 —", "— pick from the site's on-hand —")(l))]
            + m.picks.map { ($0.itemId, "\($0.code) \($0.name) \($0.spec)（\(Text("现存", "on hand")(l)) \($0.quantity.text) \($0.unit)）") }
        let suppliers = [("", "—")] + m.suppliers.map { ($0.id, "\($0.code) \($0.name)") }
        let rows: [HTML] = (0..<count).map { i in
            let s = i < saved.count && refused == nil ? saved[i] : nil
            func v(_ f: String, _ savedValue: String?) -> String? { value("lines[\(i)].\(f)", savedValue) }
            func err(_ f: String) -> HTML { refused?.message(for: "lines[\(i)].\(f)", l).map { "<p class=\"field-error\" role=\"alert\">\($0)</p>" } ?? .empty }
            return """
            <tr class="ledger-line" data-line="\(i)">
            <td>\(FormControls.select(id: "line-\(i)-kind", name: "lines[\(i)].kind", options: kinds, selected: v("kind", s?.kind) ?? "self_use"))</td>
            <td>\(FormControls.select(id: "line-\(i)-item", name: "lines[\(i)].itemId", options: picks, selected: v("itemId", s?.itemId)))\(FormControls.input(id: "line-\(i)-code", name: "lines[\(i)].itemCode", value: v("itemCode", nil), attributes: "placeholder=\"\(Text("或新到货存货编码", "or a new item's code")(l))\" class=\"narrow\""))\(err("itemId"))</td>
            <td>\(FormControls.input(id: "line-\(i)-in", name: "lines[\(i)].quantityIn", value: v("quantityIn", s.map { $0.quantityIn.milli == 0 ? "" : $0.quantityIn.text }), attributes: "inputmode=\"decimal\" class=\"qty\""))\(err("quantityIn"))</td>
            <td>\(FormControls.input(id: "line-\(i)-out", name: "lines[\(i)].quantityOut", value: v("quantityOut", s.map { $0.quantityOut.milli == 0 ? "" : $0.quantityOut.text }), attributes: "inputmode=\"decimal\" class=\"qty\""))\(err("quantityOut"))</td>
            <td>\(FormControls.input(id: "line-\(i)-remark", name: "lines[\(i)].remark", value: v("remark", s?.remark)))\(err("remark"))</td>
            <td>\(FormControls.input(id: "line-\(i)-reference", name: "lines[\(i)].reference", value: v("reference", s?.reference), attributes: "placeholder=\"\(Text("调拨单号/装箱单", "transfer no. / packing list")(l))\""))\(err("reference"))</td>
            <td>\(FormControls.select(id: "line-\(i)-supplier", name: "lines[\(i)].supplierId", options: suppliers, selected: v("supplierId", s?.supplierId)))\(err("supplierId"))</td>
            </tr>
            """
        }
        let action = d.map { "/materials/site-ledgers/\($0.id)/edit" } ?? "/materials/site-ledgers"
        return """
        <form method="post" action="\(action)" id="site-ledger-form" class="site-ledger-form">\(page.csrfField)
        <input type="hidden" name="warehouseId" value="\(w.id)">
        <div class="grid">
        <p class="meta">\(Text("现场仓库", "Site warehouse"), l)：<strong id="sl-warehouse-name">\(w.code) \(w.name)</strong></p>
        \(d == nil ? FormControls.field(Text("日期", "Date")(l), for: "sl-date", FormControls.input(id: "sl-date", name: "date", type: "date", value: value("date", MaterialValidation.today(Date()))), error: refused?.message(for: "date", l)) : "<p class=\"meta\">\(Text("日期", "Date")(l))：\(d!.date)</p>" as HTML)
        \(FormControls.field(Text("迟报原因（次日及以后提交时必填，LED-03）", "Reason for lateness (required when submitted after the day, LED-03)")(l), for: "sl-late", FormControls.input(id: "sl-late", name: "lateReason", value: value("lateReason", d?.lateReason)), error: refused?.message(for: "lateReason", l)))
        </div>
        <div class="table-scroll"><table class="line-grid site-ledger-grid" id="site-ledger-lines"><thead><tr>
        <th>\(Text("类别", "Kind"), l)</th><th>\(Text("存货", "Item"), l)</th><th>\(Text("收入", "In"), l)</th><th>\(Text("发出", "Out"), l)</th>
        <th>\(Text("摘要/用途", "What for"), l)</th><th>\(Text("单据号（调拨单号/装箱单）", "Reference (transfer / packing list)"), l)</th><th>\(Text("供应商（采购）", "Supplier (purchase)"), l)</th>
        </tr></thead><tbody>\(rows)</tbody></table></div>
        <p class="hint">\(Text("每一栏都必须填写；空行不保存。发出的存货只能从本现场现存量中选择（LED-02）。", "Every column is required; empty rows are not saved. Items going out can only be picked from the site's on-hand (LED-02)."), l)</p>
        <div class="actions"><button type="submit" id="site-ledger-save">\(Text("保存", "Save"), l)</button></div>
        </form>
        """
    }

    static func rowIndex(_ key: String) -> Int? {
        guard key.hasPrefix("lines["), let close = key.firstIndex(of: "]") else { return nil }
        return Int(key[key.index(key.startIndex, offsetBy: 6)..<close])
    }

    func stepButton(_ d: SiteLedgerView, _ step: String, _ label: Text, page: PageContext, extra: HTML = .empty) -> HTML {
        guard d.actions.contains(step) else { return .empty }
        return "<form method=\"post\" action=\"/materials/site-ledgers/\(d.id)/\(step)\" class=\"inline step-form\" id=\"\(step)-form\">\(page.csrfField)\(extra)<button type=\"submit\" id=\"ledger-\(step)\">\(label, page.locale)</button></form>"
    }

    func view(_ d: SiteLedgerView, _ m: SiteLedgerPageModel, page: PageContext) -> HTML {
        let l = page.locale
        var totalIn = Quantity.zero, totalOut = Quantity.zero
        // #11.5: a DataTable — on a phone each line (and each 期初结存) is a card of labelled lines, the 合计 a card of its own.
        var openings: [DataTable.Row] = []
        var seen = Set<String>()
        for line in d.lines where seen.insert(line.itemId).inserted {
            openings.append(DataTable.Row([.init("\(Text("期初结存", "Opening balance"), l)", span: 2, label: Text("类别", "Kind")(l)), .init("\(line.itemCode) \(line.itemName)"),
                                           .init("\((m.opening[line.itemId] ?? .zero).text) \(line.unit)", span: 3, label: Text("结存", "Balance")(l)), .init(.empty, span: 2)],
                                          attributes: "class=\"ledger-opening\""))
        }
        let lines: [DataTable.Row] = d.lines.map { x in
            totalIn = Quantity(milli: totalIn.milli + x.quantityIn.milli); totalOut = Quantity(milli: totalOut.milli + x.quantityOut.milli)
            return DataTable.Row([.init("\(String(x.lineNo))"), .init("\(Self.kindLabel(x.kind), l)"), .init("\(x.itemCode) \(x.itemName)"), .init("\(x.spec)"),
                                  .init("\(x.quantityIn.milli == 0 ? "" : x.quantityIn.text)", class: "num"), .init("\(x.quantityOut.milli == 0 ? "" : x.quantityOut.text)", class: "num"),
                                  .init("\(x.remark)"), .init("\(x.reference)")],
                                 attributes: "class=\"ledger-line-view\"")
        }
        let total = DataTable.Row([.init("\(Text("合计", "Total"), l)", span: 4, label: ""), .init("\(totalIn.text)", class: "num", id: "total-in"),
                                   .init("\(totalOut.text)", class: "num", id: "total-out"), .init(.empty, span: 2)], attributes: "class=\"ledger-total\"")
        let docs: [HTML] = d.documents.map { "<li class=\"drafted-document\"><a href=\"/materials/documents/\($0.id)\">\($0.number)</a> · \(MaterialLabels.status($0.status), l)</li>" }
        let files: [HTML] = m.attachments.map { "<li class=\"attachment\"><a href=\"/attachments/\($0.id)\">\($0.fileName)</a> · \(String($0.size)) B</li>" }
        let upload: HTML = m.canEdit ? """
            <form method="post" action="/attachments" enctype="multipart/form-data" class="no-print" id="attachment-form">\(page.csrfField)
            <input type="hidden" name="ownerKind" value="site_ledger"><input type="hidden" name="ownerId" value="\(d.id)"><input type="hidden" name="_back" value="/materials/site-ledgers/\(d.id)">
            <input type="file" name="file" id="attachment-file" accept="image/jpeg,image/png,image/webp,application/pdf" aria-label="\(Text("签字件或装箱单文件", "Signed copy or packing list file"), l)"><button type="submit" id="attachment-upload">\(Text("上传签字件/装箱单", "Upload signed copy / packing list"), l)</button></form>
            """ : .empty
        let toolbar: HTML = """
        <div class="u8-toolbar no-print" id="site-ledger-toolbar">
        \(d.actions.contains("edit") ? "<a class=\"button\" id=\"ledger-edit\" href=\"/materials/site-ledgers/\(d.id)?mode=edit\">\(Text("修改", "Edit")(l))</a>" as HTML : .empty)
        \(stepButton(d, "submit", Text("提交给业务部", "Submit to the department"), page: page, extra: d.late || d.lateReason != nil ? .empty : "<input type=\"text\" name=\"lateReason\" id=\"submit-late-reason\" placeholder=\"\(Text("迟报原因（如迟交）", "reason if late")(l))\" aria-label=\"\(Text("迟报原因（如迟交）", "reason if late")(l))\">"))
        \(stepButton(d, "post", Text("记账（生成并审核出入库单）", "Post (draft and audit the documents)"), page: page, extra: "<input type=\"hidden\" name=\"audit\" value=\"true\">"))
        \(stepButton(d, "return", Text("退回现场", "Send back"), page: page, extra: "<input type=\"text\" name=\"comment\" id=\"return-comment\" placeholder=\"\(Text("退回原因", "why")(l))\" aria-label=\"\(Text("退回原因", "why")(l))\">"))
        \(stepButton(d, "file", Text("登记已签字归档", "Record the signed copy as filed"), page: page))
        <button type="button" id="ledger-print" data-print>\(Text("打印", "Print"), l)</button>
        </div>
        """
        return """
        \(toolbar)
        <p class="meta" id="site-ledger-status" data-status="\(d.status)">\(Self.statusLabel(d.status), l)\(d.late ? " · " + Text("迟报", "late")(l) : "")\(d.lateReason.map { "（\($0)）" } ?? "")\(d.returnComment.map { " · " + Text("退回：", "Sent back: ")(l) + $0 } ?? "")</p>
        \(DataTable.render(id: "site-ledger-view", headers: ["#", Text("类别", "Kind")(l), Text("存货", "Item")(l), Text("规格", "Spec")(l), Text("收入", "In")(l),
                                                              Text("发出", "Out")(l), Text("摘要", "What for")(l), Text("单据号", "Reference")(l)],
                           rows: openings + lines, cls: "print-landscape", footer: [total]))
        <h2>\(Text("记账生成的单据（LED-05）", "Documents drafted by the posting (LED-05)"), l)</h2>
        \(docs.isEmpty ? "<p class=\"empty\">\(Text("记账后在此列出", "Listed here once posted"), l)</p>" as HTML : "<ul id=\"drafted-documents\">\(docs)</ul>")
        <h2 class="no-print">\(Text("附件", "Attachments"), l)</h2>
        \(files.isEmpty ? .empty : "<ul id=\"attachments\" class=\"no-print\">\(files)</ul>" as HTML)
        \(upload)
        \(DocumentPrint.signatures(l, roles: [Text("现场保管员", "Site keeper"), Text("现场总代表", "Site lead"), Text("业务部账务员", "Department accountant")]))
        """
    }

    static func input(_ form: FormData) -> SiteLedgerInput {
        let count = (form.values.keys.compactMap(rowIndex).max() ?? -1) + 1
        var lines: [SiteLedgerLineInput] = []
        for i in 0..<min(count, 2_000) {
            func f(_ name: String) -> String? { TextRules.trimmed(form["lines[\(i)].\(name)"]) }
            guard f("itemId") != nil || f("itemCode") != nil || f("quantityIn") != nil || f("quantityOut") != nil || f("remark") != nil else { continue }
            lines.append(SiteLedgerLineInput(kind: f("kind"), itemId: f("itemId"), itemCode: f("itemCode"),
                                             quantityIn: f("quantityIn").flatMap { Quantity.parse(UsualInput.number($0) ?? $0) },
                                             quantityOut: f("quantityOut").flatMap { Quantity.parse(UsualInput.number($0) ?? $0) },
                                             remark: f("remark"), reference: f("reference"), supplierId: f("supplierId")))
        }
        return SiteLedgerInput(warehouseId: form["warehouseId"], date: form["date"], lines: lines, lateReason: form["lateReason"])
    }

    func create(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let d = try await ledgers.create(Self.input(try await FormData.read(request)), by: principal)
        return Redirect.to("/materials/site-ledgers/\(d.id)?notice=created")
    }

    func update(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        _ = try await ledgers.update(id: id, Self.input(try await FormData.read(request)), by: principal)
        return Redirect.to("/materials/site-ledgers/\(id)?notice=saved")
    }

    func act(_ request: Request, _ context: KefuContext, step: String) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        let input = SiteLedgerStepInput(lateReason: form["lateReason"], comment: form["comment"], audit: form["audit"] == "true")
        switch step {
        case "submit": _ = try await ledgers.submit(id: id, input, by: principal)
        case "return": _ = try await ledgers.sendBack(id: id, input, by: principal)
        case "post": _ = try await ledgers.post(id: id, input, by: principal)
        default: _ = try await ledgers.file(id: id, by: principal)
        }
        return Redirect.to("/materials/site-ledgers/\(id)?notice=\(step)")
    }
}
