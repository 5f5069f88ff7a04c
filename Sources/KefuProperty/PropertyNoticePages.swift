import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// PRP-01 the notices (list, arrears with their age, printable 交费通知单 two to an A4 page, export), a notice with its
/// payment and chase forms; PRP-02/RPT-10 the collection rate by fee and period, exportable.
struct PropertyNoticePages: Sendable {
    let property: PropertyService
    let shell: PageShell

    static let path = PropertyPaths.root
    static let exportLimit = 20_000

    static func query(_ q: [String: String]) -> [String: String] {
        q.filter { ["estateId", "month", "arrears", "q"].contains($0.key) && !$0.value.isEmpty }
    }

    static func encoded(_ q: [String: String]) -> String {
        q.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+"))) ?? "")" }
            .joined(separator: "&")
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = PropertyPages.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await property.notices(q, paging: try Paging.from(q, defaultPer: 30), viewer: principal)
        let arrears = q["arrears"] == "1"
        let rows: [DataTable.Row] = m.items.map { n in
            DataTable.Row(plain: ["<a class=\"prp-notice-link\" href=\"\(Self.path)/notices/\(n.id)\">\(n.number)</a>", "\(n.estateName)", "\(n.building) \(n.room)",
                                  "\(n.occupantName ?? "—")", "\(n.month)", "\(n.billed)", "\(n.paid)", "\(n.owing)",
                                  n.settled ? "<span class=\"badge ok\">\(Text("已交清", "Paid")(l))</span>"
                                            : "<span class=\"badge late prp-age\" data-age=\"\(n.ageMonths)\">\(Text("欠费 \(n.ageMonths) 个月", "\(n.ageMonths) months owing")(l))</span>"],
                          attributes: "class=\"prp-notice\" data-id=\"\(n.id)\" data-number=\"\(n.number)\" data-settled=\"\(n.settled ? "1" : "0")\"")
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有交费通知单", "No fee notices"), l)</p>"
            : DataTable.render(id: "prp-notices", headers: [Text("编号", "Number"), Text("小区", "Estate"), Text("房屋", "Unit"), Text("住户", "Occupant"),
                                                            Text("月份", "Month"), Text("应交", "Billed"), Text("已交", "Paid"), Text("欠费", "Owing"), Text("状态", "State")].map { $0(l) }, rows: rows)
        let fq = Self.query(q)
        let qs = Self.encoded(fq)
        let title = arrears ? Text("物业欠费清单", "Property arrears") : Text("交费通知单", "Fee notices")
        let body: HTML = """
        <h1 id="prp-notices-title">\(title, l)</h1>
        <form method="get" action="\(Self.path)/notices" class="toolbar filters no-print" id="prp-notice-filter">
        <input type="hidden" name="estateId" value="\(q["estateId"] ?? "")">
        \(FormControls.field(Text("编号、房号、姓名或电话", "Number, room, name or phone")(l), for: "prp-filter-q", FormControls.input(id: "prp-filter-q", name: "q", value: q["q"])))
        \(FormControls.field(Text("月份", "Month")(l), for: "prp-filter-month", FormControls.input(id: "prp-filter-month", name: "month", type: "month", value: q["month"])))
        \(FormControls.field(Text("欠费", "Arrears")(l), for: "prp-filter-arrears", FormControls.select(id: "prp-filter-arrears", name: "arrears",
            options: [("", Text("全部", "All")(l)), ("1", Text("仅欠费", "Owing only")(l))], selected: q["arrears"] ?? "")))
        <button type="submit" id="prp-filter-apply">\(Text("查询", "Search"), l)</button></form>
        <p class="actions no-print"><a id="prp-export-xlsx" href="\(Self.path)/notices/export?format=xlsx&\(qs)">\(Text("导出 Excel", "Export Excel"), l)</a>
        <a id="prp-export-csv" href="\(Self.path)/notices/export?format=csv&\(qs)">\(Text("导出 CSV", "Export CSV"), l)</a>
        <a id="prp-print-link" href="\(Self.path)/notices/print?\(qs)">\(Text("打印通知单", "Print notices"), l)</a></p>
        \(table)
        \(FormControls.pager(basePath: "\(Self.path)/notices", query: fq, page: m.page, per: m.per, total: m.total, locale: l))
        """
        return shell.render(page, title: title, active: arrears ? "property-arrears" : "property", body: body, breadcrumbs: .underActive).response()
    }

    /// One printable 交费通知单.
    static func printed(_ n: PropertyNoticeView, _ l: AppLocale) -> HTML {
        let lines: [HTML] = n.lines.map { line in
            "<tr><td>\(line.fee)</td><td>\(PropertyLabels.basis(line.basis)(l))</td><td>\(line.rate)</td><td>\(line.area)</td><td class=\"num\">\(line.amount)</td></tr>"
        }
        return """
        <article class="prp-print-notice card" data-number="\(n.number)" style="break-inside: avoid; page-break-inside: avoid; margin-bottom: 1.5em">
        <h2>\(n.estateName) \(Text("交费通知单", "Fee notice"), l) <small>\(n.number)</small></h2>
        <p>\(Text("房屋", "Unit"), l)：\(n.building) \(n.room)（\(n.area) ㎡） · \(Text("住户", "Occupant"), l)：\(n.occupantName ?? "—") · \(Text("计费月份", "Month"), l)：\(n.month)</p>
        <table class="data"><thead><tr><th>\(Text("收费项目", "Fee"), l)</th><th>\(Text("计费方式", "Basis"), l)</th><th>\(Text("单价/金额", "Rate"), l)</th>
        <th>\(Text("面积㎡", "Area m²"), l)</th><th>\(Text("金额（元）", "Amount (yuan)"), l)</th></tr></thead><tbody>\(lines)</tbody>
        <tfoot><tr><th colspan="4">\(Text("合计应交", "Total due"), l)</th><th class="num">\(n.billed)</th></tr>
        <tr><th colspan="4">\(Text("已交", "Paid"), l)</th><th class="num">\(n.paid)</th></tr></tfoot></table>
        <p class="hint">\(Text("请于当月内到物业服务中心或通过微信、支付宝、银行交纳。", "Please pay within the month at the service centre or by WeChat, Alipay or bank."), l)</p>
        </article>
        """
    }

    func print(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = PropertyPages.page(request, context)
        let l = page.locale
        var q = request.queryDictionary
        q["page"] = q["page"] ?? "1"
        let m = try await property.notices(q, paging: try Paging.from(q, defaultPer: 100), viewer: principal)
        let notices: [HTML] = m.items.map { Self.printed($0, l) }
        let body: HTML = """
        <h1 class="no-print" id="prp-print-title">\(Text("打印交费通知单", "Print fee notices"), l)</h1>
        <p class="actions no-print"><button type="button" id="prp-print" data-print>\(Text("打印", "Print"), l)</button></p>
        <div id="prp-print-notices">\(notices)</div>
        \(FormControls.pager(basePath: "\(Self.path)/notices/print", query: Self.query(q), page: m.page, per: m.per, total: m.total, locale: l))
        """
        return shell.render(page, title: Text("打印交费通知单", "Print fee notices"), active: "property", body: body, breadcrumbs: .underActive).response()
    }

    func export(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let l = context.page(request).locale
        let q = request.queryDictionary
        guard let format = TableExport.Format(q["format"] ?? "xlsx") else {
            throw AppError.validation("format", Text("格式的取值必须是：xlsx, csv", "Format must be one of: xlsx, csv"))
        }
        let m = try await property.notices(q, paging: Paging(page: 1, per: Self.exportLimit), viewer: principal)
        let fees = Array(Set(m.items.flatMap { $0.lines.map(\.fee) })).sorted()
        var columns: [ExportTable.Column] = [
            .init(Text("编号", "Number"), locale: l), .init(Text("小区", "Estate"), locale: l), .init(Text("楼栋", "Building"), locale: l),
            .init(Text("房号", "Room"), locale: l), .init(Text("建筑面积㎡", "Area m²"), .number, locale: l), .init(Text("住户", "Occupant"), locale: l),
            .init(Text("电话", "Phone"), locale: l), .init(Text("月份", "Month"), locale: l),
        ]
        columns += fees.map { .init($0, .number) }
        columns += [.init(Text("应交", "Billed"), .number, locale: l), .init(Text("已交", "Paid"), .number, locale: l),
                    .init(Text("欠费", "Owing"), .number, locale: l), .init(Text("欠费月数", "Months owing"), .number, locale: l)]
        let rows: [[ExportTable.Cell]] = m.items.map { n in
            var cells: [ExportTable.Cell] = [.text(n.number), .text(n.estateName), .text(n.building), .text(n.room), .number(n.area), .optionalText(n.occupantName),
                                             .optionalText(n.occupantPhone), .text(n.month)]
            cells += fees.map { fee in n.lines.first { $0.fee == fee }.map { .number($0.amount) } ?? .empty }
            cells += [.number(n.billed), .number(n.paid), .number(n.owing), .integer(n.ageMonths)]
            return cells
        }
        return TableExport.response(ExportTable(sheetName: Text("交费通知单", "Fee notices")(l), columns: columns, rows: rows), as: format,
                                    filename: Text("交费通知单", "Fee notices")(l))
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = PropertyPages.page(request, context)
        let l = page.locale
        let n = try await property.notice(id: try context.parameters.require("id"), viewer: principal)
        let base = "\(Self.path)/notices/\(n.id)"
        let payments: [HTML] = n.payments.map { p in
            "<li class=\"prp-payment\">\(p.paidOn) · \(p.amount) \(Text("元", "yuan")(l)) · \(PropertyLabels.method(p.method)(l))\(p.receiptNo.map { " · " + $0 } ?? "") · \(p.recordedBy)</li>"
        }
        let chases: [HTML] = n.chases.map { c in
            "<li class=\"prp-chase\">\(c.chasedOn) · \(PropertyLabels.chase(c.method)(l)) · \(c.result) · \(c.chasedBy)</li>"
        }
        var forms: HTML = .empty
        if n.actions.contains("payments") {
            let pay = page.formState(action: base + "/payments"), chase = page.formState(action: base + "/chases")
            forms = """
            <section class="card no-print" id="prp-pay"><h2>\(Text("登记交费", "Record a payment"), l)</h2>
            \(pay.generalMessage(fields: ["amount", "method", "receiptNo", "paidOn"], l, id: "prp-pay-error"))
            <form method="post" action="\(base)/payments" id="prp-pay-form">\(page.csrfField)<div class="grid one-column">
            \(PropertyPages.field(pay, "prp-pay", "amount", Text("金额（元）", "Amount (yuan)"), l, value: n.owing, attributes: "required inputmode=\"decimal\""))
            \(PropertyPages.choose(pay, "prp-pay", "method", Text("交费方式", "Method"), l, PropertyPaymentMethod.allCases.map { ($0.rawValue, PropertyLabels.method($0)(l)) }))
            \(PropertyPages.field(pay, "prp-pay", "receiptNo", Text("收据号", "Receipt no."), l))
            \(PropertyPages.field(pay, "prp-pay", "paidOn", Text("交费日期", "Paid on"), l, type: "date"))
            </div><div class="actions"><button type="submit" id="prp-pay-save">\(Text("保存", "Save"), l)</button></div></form></section>
            <section class="card no-print" id="prp-chase"><h2>\(Text("登记催缴", "Record a chase"), l)</h2>
            \(chase.generalMessage(fields: ["method", "result", "chasedOn"], l, id: "prp-chase-error"))
            <form method="post" action="\(base)/chases" id="prp-chase-form">\(page.csrfField)<div class="grid one-column">
            \(PropertyPages.choose(chase, "prp-chase", "method", Text("催缴方式", "How"), l, PropertyChaseMethod.allCases.map { ($0.rawValue, PropertyLabels.chase($0)(l)) }))
            \(PropertyPages.field(chase, "prp-chase", "result", Text("结果", "Result"), l, attributes: "required"))
            \(PropertyPages.field(chase, "prp-chase", "chasedOn", Text("催缴日期", "Chased on"), l, type: "date"))
            </div><div class="actions"><button type="submit" id="prp-chase-save">\(Text("保存", "Save"), l)</button></div></form></section>
            """
        }
        let body: HTML = """
        <p class="no-print"><a href="\(Self.path)/notices?estateId=\(n.estateId)">\(Text("返回通知单列表", "Back to the notices"), l)</a>
        · <button type="button" id="prp-notice-print" data-print>\(Text("打印", "Print"), l)</button></p>
        \(Self.printed(n, l))
        <p id="prp-notice-state" data-settled="\(n.settled ? "1" : "0")">\(n.settled ? Text("已交清", "Paid in full")(l) : Text("尚欠 \(n.owing) 元，欠费 \(n.ageMonths) 个月", "Owing \(n.owing) yuan for \(n.ageMonths) months")(l))</p>
        <section class="card" id="prp-payments"><h2>\(Text("交费记录", "Payments"), l)</h2><ul>\(payments)</ul></section>
        <section class="card" id="prp-chases"><h2>\(Text("催缴记录", "Chases"), l)</h2><ul>\(chases)</ul></section>
        \(forms)
        """
        return shell.render(page, title: Text("交费通知单 " + n.number, "Fee notice " + n.number), active: "property", body: body, breadcrumbs: .underActive).response()
    }

    func pay(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        _ = try await property.pay(noticeId: id, PropertyBody(PropertyPages.values(try await FormData.read(request))), by: principal)
        return Redirect.to("\(Self.path)/notices/\(id)?notice=property&what=payment")
    }

    func chase(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        _ = try await property.chase(noticeId: id, PropertyBody(PropertyPages.values(try await FormData.read(request))), by: principal)
        return Redirect.to("\(Self.path)/notices/\(id)?notice=property&what=chase")
    }

    func collection(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = PropertyPages.page(request, context)
        let l = page.locale
        let id = try context.parameters.require("id")
        let q = request.queryDictionary
        let r = try await property.collection(estateId: id, q, viewer: principal)
        let rows: [DataTable.Row] = r.rows.map { row in
            DataTable.Row(plain: ["\(row.period)", "\(row.fee.isEmpty ? Text("全部（按通知单）", "All (by notice)")(l) : row.fee)", "\(row.billed)", "\(row.paid)", "\(row.rate)",
                                  "\(String(row.paidItems))/\(String(row.items))", "\(row.countRate)"],
                          attributes: "class=\"prp-rate-row\" data-period=\"\(row.period)\" data-fee=\"\(row.fee)\"")
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("该期间没有交费通知单", "No notices in the period"), l)</p>"
            : DataTable.render(id: "prp-collection", headers: [Text("期间", "Period"), Text("收费项目", "Fee"), Text("应收", "Billed"), Text("实收", "Paid"),
                                                               Text("收费率", "Collection rate"), Text("交清/总数", "Paid/all"), Text("户数收费率", "Count rate")].map { $0(l) }, rows: rows)
        let qs = Self.encoded(q.filter { ["period", "from", "to"].contains($0.key) && !$0.value.isEmpty })
        let body: HTML = """
        <h1 id="prp-collection-title">\(r.estateName) \(Text("收费率", "collection rate"), l)</h1>
        <form method="get" action="\(Self.path)/estates/\(id)/collection" class="toolbar filters no-print" id="prp-collection-filter">
        \(FormControls.field(Text("统计周期", "Period")(l), for: "prp-period", FormControls.select(id: "prp-period", name: "period",
            options: CollectionPeriod.allCases.map { ($0.rawValue, PropertyLabels.period($0)(l)) }, selected: r.period.rawValue)))
        \(FormControls.field(Text("自", "From")(l), for: "prp-from", FormControls.input(id: "prp-from", name: "from", type: "month", value: r.from)))
        \(FormControls.field(Text("至", "To")(l), for: "prp-to", FormControls.input(id: "prp-to", name: "to", type: "month", value: r.to)))
        <button type="submit" id="prp-collection-apply">\(Text("查询", "Show"), l)</button></form>
        <p class="actions no-print"><a id="prp-collection-xlsx" href="\(Self.path)/estates/\(id)/collection/export?format=xlsx&\(qs)">\(Text("导出 Excel", "Export Excel"), l)</a>
        <a id="prp-collection-csv" href="\(Self.path)/estates/\(id)/collection/export?format=csv&\(qs)">\(Text("导出 CSV", "Export CSV"), l)</a>
        <button type="button" id="prp-collection-print" data-print>\(Text("打印", "Print"), l)</button></p>
        \(table)
        """
        return shell.render(page, title: Text("收费率", "Collection rate"), active: "property", body: body, breadcrumbs: .underActive).response()
    }

    func collectionExport(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let l = context.page(request).locale
        let q = request.queryDictionary
        guard let format = TableExport.Format(q["format"] ?? "xlsx") else {
            throw AppError.validation("format", Text("格式的取值必须是：xlsx, csv", "Format must be one of: xlsx, csv"))
        }
        let r = try await property.collection(estateId: try context.parameters.require("id"), q, viewer: principal)
        let columns: [ExportTable.Column] = [.init(Text("期间", "Period"), locale: l), .init(Text("收费项目", "Fee"), locale: l), .init(Text("应收", "Billed"), .number, locale: l),
                                             .init(Text("实收", "Paid"), .number, locale: l), .init(Text("收费率", "Collection rate"), locale: l),
                                             .init(Text("总数", "All"), .number, locale: l), .init(Text("交清", "Paid in full"), .number, locale: l),
                                             .init(Text("户数收费率", "Count rate"), locale: l)]
        let rows: [[ExportTable.Cell]] = r.rows.map {
            [.text($0.period), .text($0.fee.isEmpty ? Text("全部", "All")(l) : $0.fee), .number($0.billed), .number($0.paid), .text($0.rate),
             .number(String($0.items)), .number(String($0.paidItems)), .text($0.countRate)]
        }
        return TableExport.response(ExportTable(sheetName: Text("收费率", "Collection rate")(l), columns: columns, rows: rows), as: format,
                                    filename: r.estateName + Text("收费率", " collection rate")(l))
    }
}
