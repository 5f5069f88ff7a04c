import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 物业收费 (#14 item 2) as pages: the estates, an estate with its fee table (PRP-03) and units (PRP-06) and the forms
/// to add them and to make the month's notices (PRP-01); the notices, arrears and the collection rate are in
/// `PropertyNoticePages`. One-column forms, stacked tables on a phone; refused forms keep what was typed.
public struct PropertyPages: Sendable {
    let property: PropertyService
    let shell: PageShell

    public init(property: PropertyService, shell: PageShell) {
        self.property = property
        self.shell = shell
    }

    static let path = PropertyPaths.root

    static func isReader(_ p: Principal) -> Bool { !p.roles.isDisjoint(with: PropertyRules.readers) }
    static func isWorker(_ p: Principal) -> Bool { !p.roles.isDisjoint(with: PropertyRules.workers) }

    public static let nav: [NavItem] = [
        NavItem(id: "property", href: path, label: Text("物业收费", "Property fees"), area: .desk, isVisible: { isReader($0) }),
        NavItem(id: "property-arrears", href: path + "/notices?arrears=1", label: Text("物业欠费", "Property arrears"), area: .desk, isVisible: { isReader($0) }),
        NavItem(id: "property-renovations", href: path + "/renovations", label: Text("装修审批", "Renovations"), area: .desk, isVisible: { isReader($0) }), // #14 PRP-06
        NavItem(id: "property-patrols", href: path + "/patrols", label: Text("巡楼与空置房", "Patrols and vacant units"), area: .desk, isVisible: { isReader($0) }), // #14 PRP-07
        NavItem(id: "property-review", href: path + "/daily-review", label: Text("每日审阅", "Daily review"), area: .desk, isVisible: { PropertyOperationsPages.isReviewer($0) }), // #14 PRP-04
        NavItem(id: "property-proposals", href: path + "/proposals", label: Text("业主建议", "Owner proposals"), area: .desk, isVisible: { isReader($0) }), // #14 PRP-10
        NavItem(id: "property-work-plans", href: path + "/work-plans", label: Text("下月工作计划", "Work plans"), area: .desk, isVisible: { isReader($0) }), // #14 PRP-08
        NavItem(id: "property-contractors", href: path + "/contractors", label: Text("外包服务", "Outsourced services"), area: .desk, isVisible: { isReader($0) }), // #14 PRP-05
        NavItem(id: "property-admin-registers", href: path + "/admin-registers", label: Text("行政登记", "Admin registers"), area: .desk, isVisible: { isReader($0) }), // #14 PRP-11
        NavItem(id: "property-service-report", href: path + "/service-report", label: Text("物业客服统计", "Property service report"), area: .desk, isVisible: { isReader($0) }), // #14 PRP-09
        NavItem(id: "property-events", href: path + "/events", label: Text("重要与突发事件", "Events and emergencies"), area: .desk, isVisible: { isReader($0) }), // #14 ESC-03
        NavItem(id: "property-opinions", href: path + "/opinion-rounds", label: Text("业主意见调查", "Owners' opinion survey"), area: .desk, isVisible: { isReader($0) }), // #14 SAT-10
        NavItem(id: "property-visits", href: path + "/visits", label: Text("走访住户", "Visits to residents"), area: .desk, isVisible: { isReader($0) }), // #14 SAT-10
        NavItem(id: "property-forums", href: path + "/forums", label: Text("业主座谈会", "Owner forums"), area: .desk, isVisible: { isReader($0) }), // #14 SAT-10
    ]

    public func register(on router: Router<KefuContext>) {
        router.get("/property") { request, context in try await estates(request, context) }
        router.post("/property/estates") { request, context in try await createEstate(request, context) }
        router.get("/property/estates/:id") { request, context in try await estate(request, context) }
        router.post("/property/estates/:id/units") { request, context in try await addUnit(request, context) }
        router.post("/property/estates/:id/import") { request, context in try await importUnits(request, context) }
        router.post("/property/estates/:id/fee-rates") { request, context in try await addRate(request, context) }
        router.post("/property/estates/:id/notices") { request, context in try await generate(request, context) }
        let notices = PropertyNoticePages(property: property, shell: shell)
        router.get("/property/estates/:id/collection") { request, context in try await notices.collection(request, context) }
        router.get("/property/estates/:id/collection/export") { request, context in try await notices.collectionExport(request, context) }
        router.get("/property/notices") { request, context in try await notices.list(request, context) }
        router.get("/property/notices/print") { request, context in try await notices.print(request, context) }
        router.get("/property/notices/export") { request, context in try await notices.export(request, context) }
        router.get("/property/notices/:id") { request, context in try await notices.detail(request, context) }
        router.post("/property/notices/:id/payments") { request, context in try await notices.pay(request, context) }
        router.post("/property/notices/:id/chases") { request, context in try await notices.chase(request, context) }
    }

    /// The notice after a change (`?notice=property&what=…`).
    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = context.page(request)
        let q = request.uri.queryParameters
        guard q.get("notice") == "property", let what = q.get("what").map({ String($0) }) else { return base }
        let label: Text = switch what {
        case "estate": Text("已建立小区", "Estate set up")
        case "unit": Text("已登记房屋", "Unit registered")
        case "import": Text("已导入房屋", "Units imported")
        case "rate": Text("已保存收费标准", "Fee rate saved")
        case "payment": Text("已登记交费", "Payment recorded")
        case "chase": Text("已登记催缴", "Chase recorded")
        default: Text("已生成交费通知单：\(what) 张", "Notices made: \(what)")
        }
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken, notice: label(base.locale), formFlash: base.formFlash, path: base.path)
    }

    static func field(_ state: FormState, _ prefix: String, _ name: String, _ label: Text, _ l: AppLocale, type: String = "text", value: String? = nil, attributes: String = "") -> HTML {
        let id = "\(prefix)-\(name)"
        return FormControls.field(label(l), for: id, FormControls.input(id: id, name: name, type: type, value: state.values[name] ?? value, attributes: attributes),
                                  error: state.message(for: name, l))
    }

    static func choose(_ state: FormState, _ prefix: String, _ name: String, _ label: Text, _ l: AppLocale, _ options: [(String, String)], selected: String? = nil) -> HTML {
        let id = "\(prefix)-\(name)"
        return FormControls.field(label(l), for: id, FormControls.select(id: id, name: name, options: options, selected: state.values[name] ?? selected),
                                  error: state.message(for: name, l))
    }

    static func values(_ form: FormData) -> [String: String] {
        var v = form.values
        v["_csrf"] = nil
        v["_back"] = nil
        return v
    }

    func estates(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let list = try await property.estates(viewer: principal)
        let rows: [DataTable.Row] = list.map { e in
            DataTable.Row(plain: ["<a class=\"prp-estate-link\" href=\"\(Self.path)/estates/\(e.id)\">\(e.name)</a>", "\(e.unitName)", "\(String(e.units))",
                                  "<a href=\"\(Self.path)/notices?estateId=\(e.id)\">\(Text("通知单", "Notices")(l))</a> · <a href=\"\(Self.path)/estates/\(e.id)/collection\">\(Text("收费率", "Collection rate")(l))</a>"],
                          attributes: "class=\"prp-estate\" data-id=\"\(e.id)\"")
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("还没有小区", "No estates yet"), l)</p>"
            : DataTable.render(id: "prp-estates", headers: [Text("小区", "Estate"), Text("服务中心", "Service centre"), Text("房屋数", "Units"), Text("查看", "See")].map { $0(l) }, rows: rows)
        let action = "\(Self.path)/estates"
        let state = page.formState(action: action)
        let form: HTML = Self.isWorker(principal) ? """
            <section class="card no-print" id="prp-estate-new"><h2>\(Text("建立小区", "Set up an estate"), l)</h2>
            \(state.generalMessage(fields: ["name", "address"], l, id: "form-error"))
            <form method="post" action="\(action)" id="prp-estate-form">\(page.csrfField)<div class="grid one-column">
            \(Self.field(state, "prp-estate", "name", Text("小区名称", "Estate name"), l, attributes: "required"))
            \(Self.field(state, "prp-estate", "address", Text("地址", "Address"), l))
            </div><div class="actions"><button type="submit" id="prp-estate-save">\(Text("保存", "Save"), l)</button></div></form></section>
            """ : .empty
        let body: HTML = """
        <h1 id="property-title">\(Text("物业收费", "Property fees"), l)</h1>
        <p class="hint">\(Text("小区、房屋与住户档案，收费标准，交费通知单、交费与催缴，收费率（PRP-01/02/03/06）。", "Estates, units and occupants, fee tables, notices, payments and chasing, the collection rate (PRP-01/02/03/06)."), l)</p>
        <p class="actions"><a class="button" id="prp-arrears-link" href="\(Self.path)/notices?arrears=1">\(Text("欠费清单", "Arrears"), l)</a></p>
        \(table)
        \(form)
        """
        return shell.render(page, title: Text("物业收费", "Property fees"), active: "property", body: body).response()
    }

    func createEstate(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let e = try await property.createEstate(PropertyBody(Self.values(try await FormData.read(request))), by: principal)
        return Redirect.to("\(Self.path)/estates/\(e.id)?notice=property&what=estate")
    }

    func estate(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let id = try context.parameters.require("id")
        let q = request.queryDictionary
        let m = try await property.estatePage(id: id, q: TextRules.trimmed(q["q"]), paging: try Paging.from(q, defaultPer: 20), viewer: principal)
        let e = m.estate
        let base = "\(Self.path)/estates/\(e.id)"
        let rateRows: [DataTable.Row] = e.feeRates.map { r in
            DataTable.Row(plain: ["\(r.fee)", "\(PropertyLabels.kind(r.kind)(l))", "\(PropertyLabels.basis(r.basis)(l))", "\(r.rate)",
                                  "\(r.appliesTo.map { PropertyLabels.use($0)(l) }.joined(separator: "、"))", "\(r.effectiveFrom)",
                                  r.current ? "<span class=\"badge\">\(Text("现行", "In effect")(l))</span>" : ""],
                          attributes: "class=\"prp-rate\" data-fee=\"\(r.fee)\" data-current=\"\(r.current ? "1" : "0")\"")
        }
        let rates: HTML = rateRows.isEmpty ? "<p class=\"empty\" id=\"prp-no-rates\">\(Text("还没有收费标准", "No fee rates yet"), l)</p>"
            : DataTable.render(id: "prp-rates", headers: [Text("收费项目", "Fee"), Text("类别", "Kind"), Text("计费方式", "Basis"), Text("单价/金额", "Rate"),
                                                          Text("适用", "Applies to"), Text("起始月份", "From"), Text("", "")].map { $0(l) }, rows: rateRows)
        let unitRows: [DataTable.Row] = m.units.items.map { u in
            DataTable.Row(plain: ["\(u.building)", "<a class=\"prp-unit-link\" href=\"\(Self.path)/units/\(u.id)\">\(u.room)</a>", "\(u.area)", "\(PropertyLabels.use(u.use)(l))",
                                  "\(u.occupantKind.map { PropertyLabels.occupant($0)(l) } ?? "—")", "\(u.occupantName ?? "—")", "\(u.occupantPhone ?? "—")", "\(u.moveInOn ?? "—")"],
                          attributes: "class=\"prp-unit\" data-id=\"\(u.id)\"")
        }
        let units: HTML = unitRows.isEmpty ? "<p class=\"empty\" id=\"prp-no-units\">\(Text("没有房屋", "No units"), l)</p>"
            : DataTable.render(id: "prp-units", headers: [Text("楼栋", "Building"), Text("房号", "Room"), Text("建筑面积㎡", "Area m²"), Text("用途", "Use"),
                                                          Text("住户类别", "Occupant"), Text("姓名", "Name"), Text("电话", "Phone"), Text("入住日期", "Moved in")].map { $0(l) }, rows: unitRows)
        let filterQuery = q.filter { $0.key == "q" && !$0.value.isEmpty }
        let forms: HTML = m.mayWork ? Self.workForms(page, base: base) : .empty
        let body: HTML = """
        <h1 id="prp-estate-title">\(e.name)</h1>
        <p class="meta">\(e.unitName)\(e.address.map { " · " + $0 } ?? "") · \(Text("房屋", "Units")(l)) \(String(e.units))</p>
        <p class="actions no-print"><a class="button" id="prp-notices-link" href="\(Self.path)/notices?estateId=\(e.id)">\(Text("交费通知单", "Fee notices"), l)</a>
        <a id="prp-estate-arrears" href="\(Self.path)/notices?estateId=\(e.id)&arrears=1">\(Text("欠费", "Arrears"), l)</a>
        <a id="prp-collection-link" href="\(base)/collection">\(Text("收费率", "Collection rate"), l)</a></p>
        <section class="card" id="prp-fee-table"><h2>\(Text("收费标准（PRP-03）", "Fee table (PRP-03)"), l)</h2>\(rates)</section>
        <section class="card" id="prp-unit-list"><h2>\(Text("房屋与住户（PRP-06）", "Units and occupants (PRP-06)"), l)</h2>
        <form method="get" action="\(base)" class="toolbar filters no-print" id="prp-unit-filter">
        \(FormControls.field(Text("房号、姓名或电话", "Room, name or phone")(l), for: "prp-unit-q", FormControls.input(id: "prp-unit-q", name: "q", value: q["q"])))
        <button type="submit" id="prp-unit-search">\(Text("查询", "Search"), l)</button></form>
        \(units)
        \(FormControls.pager(basePath: base, query: filterQuery, page: m.units.page, per: m.units.per, total: m.units.total, locale: l))</section>
        \(forms)
        """
        return shell.render(page, title: Text(e.name, e.name), active: "property", body: body, breadcrumbs: .underActive).response()
    }

    /// The property CS admin's forms on the estate page: make the month's notices, a fee rate, a unit.
    static func workForms(_ page: PageContext, base: String) -> HTML {
        let l = page.locale
        let run = page.formState(action: base + "/notices"), rate = page.formState(action: base + "/fee-rates"), unit = page.formState(action: base + "/units")
        let importState = page.formState(action: base + "/import")
        let uses = PropertyUnitUse.allCases.map { ($0.rawValue, PropertyLabels.use($0)(l)) }
        let month = PropertyNow.month().iso
        return """
        <section class="card no-print" id="prp-run"><h2>\(Text("生成交费通知单（PRP-01）", "Make the month's fee notices (PRP-01)"), l)</h2>
        <p class="hint">\(Text("同一月份再次生成只补缺少的房屋。", "Running a month again adds only the missing units."), l)</p>
        \(run.generalMessage(fields: ["month"], l, id: "prp-run-error"))
        <form method="post" action="\(base)/notices" id="prp-run-form">\(page.csrfField)<div class="grid one-column">
        \(field(run, "prp-run", "month", Text("计费月份", "Billing month"), l, type: "month", value: month, attributes: "required"))
        </div><div class="actions"><button type="submit" id="prp-run-save">\(Text("生成", "Make notices"), l)</button></div></form></section>
        <section class="card no-print" id="prp-rate-new"><h2>\(Text("设置收费标准", "Set a fee rate"), l)</h2>
        <p class="hint">\(Text("调整单价即新增一行，自起始月份生效，原标准保留。", "A new rate is a new row from its month on; the old one is kept."), l)</p>
        \(rate.generalMessage(fields: ["fee", "kind", "basis", "rate", "appliesTo", "effectiveFrom"], l, id: "prp-rate-error"))
        <form method="post" action="\(base)/fee-rates" id="prp-rate-form">\(page.csrfField)<div class="grid one-column">
        \(field(rate, "prp-rate", "fee", Text("收费项目", "Fee"), l, value: "物业费", attributes: "required"))
        \(choose(rate, "prp-rate", "kind", Text("类别", "Kind"), l, PropertyFeeKind.allCases.map { ($0.rawValue, PropertyLabels.kind($0)(l)) }))
        \(choose(rate, "prp-rate", "basis", Text("计费方式", "Basis"), l, PropertyFeeBasis.allCases.map { ($0.rawValue, PropertyLabels.basis($0)(l)) }))
        \(field(rate, "prp-rate", "rate", Text("单价或金额（元）", "Rate or amount (yuan)"), l, attributes: "required inputmode=\"decimal\""))
        \(field(rate, "prp-rate", "appliesTo", Text("适用用途（逗号分隔，空为全部）", "Applies to (comma-separated, empty: all)"), l))
        \(field(rate, "prp-rate", "effectiveFrom", Text("起始月份", "From month"), l, type: "month", value: month, attributes: "required"))
        </div><div class="actions"><button type="submit" id="prp-rate-save">\(Text("保存", "Save"), l)</button></div></form></section>
        <section class="card no-print" id="prp-import"><h2>\(Text("导入房屋（XLSX 或 CSV）", "Import units (XLSX or CSV)"), l)</h2>
        <p class="hint">\(Text("第一行为表头：楼栋、房号、建筑面积、用途、住户类别、住户姓名、联系电话、入住日期；全部成功才导入。",
                             "First row: 楼栋, 房号, 建筑面积, 用途, 住户类别, 住户姓名, 联系电话, 入住日期; all rows or none."), l)</p>
        \(importState.error.map { FormControls.errorBox($0, l, id: "prp-import-error") } ?? .empty)
        <form method="post" action="\(base)/import" enctype="multipart/form-data" id="prp-import-form">\(page.csrfField)
        <label for="prp-import-file">\(Text("文件", "File"), l)</label>
        <input type="file" name="file" id="prp-import-file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" required>
        <button type="submit" id="prp-import-save">\(Text("导入", "Import"), l)</button></form></section>
        <section class="card no-print" id="prp-unit-new"><h2>\(Text("登记房屋", "Register a unit"), l)</h2>
        \(unit.generalMessage(fields: ["building", "room", "area", "use", "occupantKind", "occupantName", "occupantPhone", "moveInOn"], l, id: "prp-unit-error"))
        <form method="post" action="\(base)/units" id="prp-unit-form">\(page.csrfField)<div class="grid one-column">
        \(field(unit, "prp-unit", "building", Text("楼栋", "Building"), l, attributes: "required"))
        \(field(unit, "prp-unit", "room", Text("房号", "Room"), l, attributes: "required"))
        \(field(unit, "prp-unit", "area", Text("建筑面积（㎡）", "Building area (m²)"), l, attributes: "required inputmode=\"decimal\""))
        \(choose(unit, "prp-unit", "use", Text("用途", "Use"), l, uses))
        \(choose(unit, "prp-unit", "occupantKind", Text("住户类别", "Occupant kind"), l, PropertyOccupantKind.allCases.map { ($0.rawValue, PropertyLabels.occupant($0)(l)) }))
        \(field(unit, "prp-unit", "occupantName", Text("住户姓名", "Occupant's name"), l))
        \(field(unit, "prp-unit", "occupantPhone", Text("联系电话", "Phone"), l, type: "tel"))
        \(field(unit, "prp-unit", "moveInOn", Text("入住日期", "Move-in date"), l, type: "date"))
        </div><div class="actions"><button type="submit" id="prp-unit-save">\(Text("保存", "Save"), l)</button></div></form></section>
        """
    }

    func addUnit(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let values = Self.values(try await FormData.read(request))
        do {
            _ = try await property.addUnits(estateId: id, PropertyUnitsBody(units: [PropertyBody(values)]), by: principal)
        } catch let e as AppError {
            // The single-unit form names its fields without the bulk request's "units[0]." prefix.
            var details = e.details
            if let f = details["field"] { details["field"] = f.replacingOccurrences(of: "units[0].", with: "") }
            throw AppError(e.status, e.code, e.message, details: details)
        }
        return Redirect.to("\(Self.path)/estates/\(id)?notice=property&what=unit")
    }

    func importUnits(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        var request = request
        guard MultipartForm.isMultipart(request) else {
            throw AppError.badRequest("invalid_multipart", Text("上传文件的表单格式不正确", "The upload form is malformed"))
        }
        let form = try await MultipartForm.read(&request)
        guard let file = form.file("file"), !file.bytes.isEmpty else {
            throw AppError.validation("file", Text("请选择房屋表（XLSX 或 CSV）", "Choose the units sheet (XLSX or CSV)"))
        }
        let made = try await property.importUnits(estateId: id, file: file.bytes, by: principal)
        return Redirect.to("\(Self.path)/estates/\(id)?notice=property&what=import&count=\(made.made)")
    }

    func addRate(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        _ = try await property.addFeeRate(estateId: id, PropertyBody(Self.values(try await FormData.read(request))), by: principal)
        return Redirect.to("\(Self.path)/estates/\(id)?notice=property&what=rate")
    }

    func generate(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let run = try await property.generate(estateId: id, PropertyBody(Self.values(try await FormData.read(request))), by: principal)
        return Redirect.to("\(Self.path)/notices?estateId=\(id)&month=\(run.month)&notice=property&what=\(run.made)")
    }
}
