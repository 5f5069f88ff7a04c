import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// Return batches to the production warehouse (DMG-03..05) as pages: the list (production sees every site's), the
/// form that packs a site's registered parts, and the batch: its parts as the printed packing list with signature
/// lines (DMG-05), the wooden-crate checklist (DMG-04) that must be complete before it ships, and receipt by production.
struct DamagedReturnPages: Sendable {
    let damaged: DamagedPartService
    let shell: PageShell

    static let path = "/materials/damaged-returns"

    func register(on router: Router<KefuContext>) {
        router.get("/materials/damaged-returns") { request, context in try await list(request, context) }
        router.get("/materials/damaged-returns/new") { request, context in try await newForm(request, context) }
        router.post("/materials/damaged-returns") { request, context in try await create(request, context) }
        router.get("/materials/damaged-returns/:id") { request, context in try await detail(request, context) }
        router.post("/materials/damaged-returns/:id/checklist") { request, context in try await checklist(request, context) }
        router.post("/materials/damaged-returns/:id/ship") { request, context in try await ship(request, context) }
        router.post("/materials/damaged-returns/:id/receive") { request, context in try await receive(request, context) }
    }

    static func badge(_ raw: String, _ l: AppLocale) -> HTML {
        "<span class=\"badge damaged-return-status\" data-status=\"\(raw)\">\(DamagedLabels.returnStatus(raw), l)</span>"
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = DamagedPartPages.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await damaged.returnListModel(q, paging: try Paging.from(q, defaultPer: 25), viewer: principal)
        let rows: [DataTable.Row] = m.returns.items.map { r in
            DataTable.Row(plain: [
                "<a class=\"damaged-return-link\" href=\"\(Self.path)/\(r.id)\">\(r.number)</a>", "\(r.orgUnitName)", "\(r.partCount)", "\(r.packedVolume.text)",
                "\(r.shippedOn ?? "")", Self.badge(r.status, l),
            ], attributes: "class=\"damaged-return-row\" data-id=\"\(r.id)\"")
        }
        let statuses = [("", Text("全部状态", "All states")(l))] + DamagedReturnStatus.allCases.map { ($0.rawValue, DamagedLabels.returnStatus($0.rawValue)(l)) }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有损坏件返回批次", "No return batches"), l)</p>"
            : DataTable.render(id: "damaged-return-list", headers: [Text("批次号", "Batch"), Text("现场", "Site"), Text("件数", "Parts"), Text("装箱体积（m³）", "Packed (m³)"),
                                                                    Text("发运日期", "Shipped on"), Text("状态", "State")].map { $0(l) }, rows: rows)
        let body: HTML = """
        <div class="actions list-head"><h1 id="damaged-returns-title">\(Text("损坏件返回批次", "Damaged-part returns"), l)</h1>
        \(m.canPack ? "<a class=\"button\" id=\"new-damaged-return\" href=\"\(Self.path)/new\">\(Text("装箱返回", "Pack a return")(l))</a>" as HTML : .empty)</div>
        <form method="get" action="\(Self.path)" class="toolbar" id="damaged-return-filter">
        \(FormControls.field(Text("状态", "State")(l), for: "dr-filter-status", FormControls.select(id: "dr-filter-status", name: "status", options: statuses, selected: m.status?.rawValue ?? "")))
        <button type="submit" id="damaged-return-filter-apply">\(Text("筛选", "Filter"), l)</button></form>
        \(table)
        \(FormControls.pager(basePath: Self.path, query: q, page: m.returns.page, per: m.returns.per, total: m.returns.total, locale: l))
        """
        return shell.render(page, title: Text("损坏件返回批次", "Damaged-part returns"), active: "damaged-returns", body: body).response()
    }

    func newForm(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = DamagedPartPages.page(request, context)
        let l = page.locale
        let m = try await damaged.returnFormModel(viewer: principal)
        let state = page.formState(action: Self.path)
        let boxes: [HTML] = m.parts.map { p in
            """
            <li class="damaged-pack-part"><label><input type="checkbox" name="part_\(p.id)" value="on" class="damaged-pack-check" data-unit="\(p.orgUnitId)"\(HTML(raw: state.values["part_" + p.id] == nil ? "" : " checked"))> \
            \(m.unitNames[p.orgUnitId] ?? "") · \(p.number) · \(p.itemCode) \(p.itemName) × \(p.quantity.text) · \(Text("风机", "turbine"), l) \(p.turbineNumber)\
            \(p.packedVolume.map { " · \($0.text) m³" } ?? "")</label></li>
            """
        }
        let content: HTML = boxes.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有待装箱的损坏件", "No registered parts waiting to be packed"), l)</p>"
            : """
            \(state.generalMessage(fields: ["partIds", "note"], l, id: "form-error"))
            <form method="post" action="\(Self.path)" id="damaged-return-form" class="one-column">\(page.csrfField)
            <fieldset class="field\(state.message(for: "partIds", l) == nil ? "" : " has-error")" id="dr-parts"><legend>\(Text("选择同一现场的损坏件", "Choose parts of one site"), l)</legend>
            <ul class="plain-list">\(boxes)</ul>\(state.message(for: "partIds", l).map { "<p class=\"field-error\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)</fieldset>
            \(FormControls.field(Text("备注", "Note")(l), for: "dr-note", FormControls.input(id: "dr-note", name: "note", value: state.values["note"]), error: state.message(for: "note", l)))
            <div class="actions"><button type="submit" id="damaged-return-save">\(Text("建立返回批次", "Make the batch"), l)</button></div>
            </form>
            """
        let body: HTML = """
        <h1 id="damaged-return-form-title">\(Text("装箱返回生产管理部", "Pack a return to the production warehouse"), l)</h1>
        <p class="hint">\(Text("损坏件原则上每 15 天返回一次，装箱体积达到 3 立方米时立即以配货方式返回（DMG-03）。",
                               "Damaged parts go back every 15 days, and at once by consolidated freight when the packed volume reaches 3 m³ (DMG-03)."), l)</p>
        \(content)
        """
        return shell.render(page, title: Text("装箱返回", "Pack a return"), active: "damaged-returns", body: body, breadcrumbs: .underActive).response()
    }

    func create(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        let r = try await damaged.createReturn(DamagedReturnInput(partIds: form.values.keys.filter { $0.hasPrefix("part_") }.map { String($0.dropFirst(5)) }, note: form["note"]), by: principal)
        return Redirect.to("\(Self.path)/\(r.id)?notice=damaged&what=create")
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = DamagedPartPages.page(request, context)
        let l = page.locale
        let r = try await damaged.returnBatch(id: try context.parameters.require("id"), viewer: principal)
        let title = Text("返修损坏备件清单 {0}", "Damaged-parts return {0}").with(r.number)
        let rows: [DataTable.Row] = r.parts.enumerated().map { i, p in
            DataTable.Row(plain: ["\(i + 1)", "\(p.itemName)", "\(p.spec)", "\(p.quantity.text) \(p.unit)", "\(p.turbineNumber)", "\(p.replacedBy)", "\(p.replacedOn)",
                                  "\(p.newSerial)", "\(p.oldSerial)", "\(p.cause)", "\(p.repairClass)"], attributes: "class=\"damaged-return-part\"")
        }
        let table = DataTable.render(id: "damaged-return-parts", headers: [Text("序号", "No."), Text("名称", "Name"), Text("规格型号", "Spec"), Text("数量", "Quantity"),
                                                                           Text("风机号", "Turbine"), Text("更换人", "Replaced by"), Text("更换日期", "Replaced on"),
                                                                           Text("新备件编号", "New serial"), Text("旧备件编号", "Old serial"), Text("损坏原因", "Cause"),
                                                                           Text("类别", "Class")].map { $0(l) }, rows: rows)
        let body: HTML = """
        <h1 id="damaged-return-title">\(title, l)</h1>
        <div class="u8-toolbar no-print" id="damaged-return-toolbar"><button type="button" id="damaged-return-print" data-print>\(Text("打印装箱单", "Print the packing list"), l)</button></div>
        <p class="meta" id="damaged-return-state" data-status="\(r.status)">\(Self.badge(r.status, l)) · \(r.orgUnitName) · \(Text("{0} 件，装箱体积 {1} m³", "{0} parts, {1} m³ packed").with(String(r.partCount), r.packedVolume.text), l)\
        \(r.shippedOn.map { " · " + Text("发运日期 {0}", "shipped on {0}").with($0)(l) } ?? "")</p>
        \(r.note.isEmpty ? .empty : "<p id=\"damaged-return-note\">\(r.note)</p>" as HTML)
        <p class="print-only">\(Text("本清单即装箱单，随货返回生产管理部（DMG-05）。", "This list is the packing list and travels with the crate (DMG-05)."), l)</p>
        \(table)
        \(checklistSection(r, page: page))
        \(stepForms(r, page: page))
        \(DocumentPrint.signatures(l, roles: [Text("装箱人", "Packed by"), Text("现场负责人", "Site lead"), Text("承运人", "Carrier"), Text("生产管理部库房签收", "Received by production")]))
        <p class="no-print"><a href="\(Self.path)">\(Text("返回批次列表", "Back to the batches"), l)</a></p>
        """
        return shell.render(page, title: title, active: "damaged-returns", body: body, breadcrumbs: .underActive).response()
    }

    /// DMG-04: the three checks; a form of checkboxes while the batch is packing and the viewer packs it, else ticks.
    func checklistSection(_ r: DamagedReturnView, page: PageContext) -> HTML {
        let l = page.locale
        let ticked: [(DamagedPackingCheck, String, Bool)] = [(.woodenCrate, "woodenCrate", r.checklist.woodenCrate), (.plasticLining, "plasticLining", r.checklist.plasticLining),
                                                             (.separators, "separators", r.checklist.separators)]
        let editable = r.actions.contains("checklist")
        let items: [HTML] = ticked.map { check, name, on in
            let id = "check-" + check.rawValue.replacingOccurrences(of: "_", with: "-")
            return editable
                ? "<li><label><input type=\"checkbox\" id=\"\(id)\" name=\"\(name)\" value=\"true\"\(HTML(raw: on ? " checked" : ""))> \(DamagedLabels.check(check), l)</label></li>"
                : "<li id=\"\(id)\" data-ticked=\"\(on ? "yes" : "no")\">\(on ? "☑" : "☐") \(DamagedLabels.check(check), l)</li>"
        }
        let heading: HTML = "<h2>\(Text("装箱检查（DMG-04）", "Packing checklist (DMG-04)"), l)</h2>"
        guard editable else { return "\(heading)<ul class=\"plain-list\" id=\"damaged-checklist\">\(items)</ul>" }
        return """
        \(heading)
        <form method="post" action="\(Self.path)/\(r.id)/checklist" id="damaged-checklist-form" class="no-print">\(page.csrfField)
        <ul class="plain-list" id="damaged-checklist">\(items)</ul>
        <button type="submit" id="damaged-checklist-save" class="secondary">\(Text("保存检查", "Save the checklist"), l)</button></form>
        """
    }

    func stepForms(_ r: DamagedReturnView, page: PageContext) -> HTML {
        let l = page.locale
        var out: [HTML] = []
        if r.actions.contains("ship") {
            let state = page.formState(action: "\(Self.path)/\(r.id)/ship")
            out.append("""
            \(state.generalMessage(fields: ["shippedOn"], l, id: "ship-error"))
            <form method="post" action="\(Self.path)/\(r.id)/ship" id="damaged-ship-form" class="no-print one-column">\(page.csrfField)
            \(FormControls.field(Text("发运日期", "Shipped on")(l), for: "dr-shipped-on", FormControls.input(id: "dr-shipped-on", name: "shippedOn", type: "date", value: state.values["shippedOn"]),
                                 error: state.message(for: "shippedOn", l), hint: Text("留空为今天", "Empty: today")(l)))
            <p class="hint">\(Text("发运时电子版清单同时发送生产管理部库房（DMG-05）。", "On shipping, the electronic list goes to the production warehouse (DMG-05)."), l)</p>
            <button type="submit" id="damaged-ship">\(Text("发运", "Ship"), l)</button></form>
            """)
        }
        if r.actions.contains("receive") {
            out.append("""
            <form method="post" action="\(Self.path)/\(r.id)/receive" id="damaged-receive-form" class="no-print">\(page.csrfField)
            <button type="submit" id="damaged-receive">\(Text("签收", "Receive"), l)</button></form>
            """)
        }
        return "\(out)"
    }

    func checklist(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        func on(_ name: String) -> Bool { form[name] != nil }
        _ = try await damaged.checklist(id: id, DamagedChecklistInput(woodenCrate: on("woodenCrate"), plasticLining: on("plasticLining"), separators: on("separators")), by: principal)
        return Redirect.to("\(Self.path)/\(id)?notice=damaged&what=checklist")
    }

    func ship(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        _ = try await damaged.ship(id: id, DamagedShipInput(shippedOn: form["shippedOn"]), by: principal)
        return Redirect.to("\(Self.path)/\(id)?notice=damaged&what=ship")
    }

    func receive(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        _ = try await damaged.receive(id: id, by: principal)
        return Redirect.to("\(Self.path)/\(id)?notice=damaged&what=receive")
    }
}
