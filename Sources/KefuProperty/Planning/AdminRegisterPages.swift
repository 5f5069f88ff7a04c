import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// PRP-11 行政登记 as one page: the registers (fixed assets, consumables, office supplies, uniforms) with their
/// balances and a move form, and the staff-movement and welfare logs. Printable.
public struct AdminRegisterPages: Sendable {
    let registers: AdminRegisterService
    let shell: PageShell

    public init(registers: AdminRegisterService, shell: PageShell) {
        self.registers = registers
        self.shell = shell
    }

    static let path = PropertyPaths.root + "/admin-registers"

    public func register(on router: Router<KefuContext>) {
        router.get("/property/admin-registers") { request, context in try await show(request, context) }
        router.post("/property/admin-registers/items") { request, context in
            let principal = try context.requirePrincipal()
            _ = try await registers.createItem(FlatBody(try await FormData.read(request).values), by: principal)
            return Redirect.to("\(Self.path)?notice=register&what=item")
        }
        router.post("/property/admin-registers/moves") { request, context in
            let principal = try context.requirePrincipal()
            let f = try await FormData.read(request)
            _ = try await registers.move(itemId: f["itemId"] ?? "", FlatBody(f.values), by: principal)
            return Redirect.to("\(Self.path)?notice=register&what=move")
        }
        router.post("/property/admin-registers/logs") { request, context in
            let principal = try context.requirePrincipal()
            _ = try await registers.addLog(FlatBody(try await FormData.read(request).values), by: principal)
            return Redirect.to("\(Self.path)?notice=register&what=log")
        }
    }

    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = context.page(request)
        let q = request.uri.queryParameters
        guard q.get("notice") == "register", let what = q.get("what").map({ String($0) }) else { return base }
        let label: Text = what == "item" ? Text("已登记物品", "Item added") : what == "move" ? Text("已登记出入", "Move recorded") : Text("已登记", "Logged")
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken, notice: label(base.locale), formFlash: base.formFlash, path: base.path)
    }

    func show(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let m = try await registers.registerPage(viewer: principal)
        let input = ContractorPages.input
        let itemRows: [DataTable.Row] = m.items.map { i in
            DataTable.Row(plain: ["\(PlanningLabels.kind(i.kind), l)", "\(i.name)", "\(i.unitName)", "\(String(i.balance)) \(i.unitLabel)"],
                          attributes: "class=\"prp-admin-item\" data-id=\"\(i.id)\" data-balance=\"\(String(i.balance))\"")
        }
        let logRows: [DataTable.Row] = m.logs.map { g in
            DataTable.Row(plain: ["\(g.loggedOn)", "\(PlanningLabels.log(g.kind), l)", "\(g.person)", "\(g.detail)", "\(g.by)"], attributes: "class=\"prp-admin-log\"")
        }
        var forms: [HTML] = []
        if m.mayWrite {
            let its = page.formState(action: "\(Self.path)/items"), mv = page.formState(action: "\(Self.path)/moves"), lg = page.formState(action: "\(Self.path)/logs")
            let moveForm: HTML = m.items.isEmpty ? .empty : """
                <section class="card no-print" id="prp-move-new"><h2>\(Text("入库 / 领用", "In / out"), l)</h2>
                \(mv.generalMessage(fields: ["itemId", "direction", "quantity", "movedOn", "party", "note"], l, id: "prp-move-error"))
                <form method="post" action="\(Self.path)/moves" id="prp-move-form">\(page.csrfField)<div class="grid one-column">
                \(FormControls.field(Text("物品", "Item")(l), for: "prp-move-item", FormControls.select(id: "prp-move-item", name: "itemId",
                    options: m.items.map { ($0.id, "\(PlanningLabels.kind($0.kind)(l)) · \($0.name)（\($0.balance) \($0.unitLabel)）") }, selected: mv.values["itemId"]), error: mv.message(for: "itemId", l)))
                \(FormControls.field(Text("出入", "Direction")(l), for: "prp-move-direction", FormControls.select(id: "prp-move-direction", name: "direction",
                    options: [("in", Text("入库", "In")(l)), ("out", Text("领用/出库", "Out")(l))], selected: mv.values["direction"]), error: mv.message(for: "direction", l)))
                \(input(mv, "prp-move-quantity", "quantity", Text("数量", "Quantity"), l, "number", nil, "required min=\"1\" step=\"1\" inputmode=\"numeric\""))
                \(input(mv, "prp-move-on", "movedOn", Text("日期", "Date"), l, "date", nil, ""))
                \(input(mv, "prp-move-party", "party", Text("领用人/来源", "Who / from"), l, "text", nil, ""))
                \(input(mv, "prp-move-note", "note", Text("备注", "Note"), l, "text", nil, ""))
                </div><div class="actions"><button type="submit" id="prp-move-save">\(Text("保存", "Save"), l)</button></div></form></section>
                """
            forms.append(moveForm)
            forms.append("""
            <section class="card no-print" id="prp-item-new"><h2>\(Text("登记物品", "Add an item"), l)</h2>
            \(its.generalMessage(fields: ["kind", "name", "unitLabel"], l, id: "prp-item-error"))
            <form method="post" action="\(Self.path)/items" id="prp-item-form">\(page.csrfField)<div class="grid one-column">
            \(FormControls.field(Text("类别", "Kind")(l), for: "prp-item-kind", FormControls.select(id: "prp-item-kind", name: "kind",
                options: AdminRegisterKind.allCases.map { ($0.rawValue, PlanningLabels.kind($0)(l)) }, selected: its.values["kind"]), error: its.message(for: "kind", l)))
            \(input(its, "prp-item-name", "name", Text("名称", "Name"), l, "text", nil, "required"))
            \(input(its, "prp-item-label", "unitLabel", Text("计量单位", "Unit"), l, "text", "件", ""))
            </div><div class="actions"><button type="submit" id="prp-item-save">\(Text("保存", "Save"), l)</button></div></form></section>
            <section class="card no-print" id="prp-log-new"><h2>\(Text("人员异动 / 福利发放", "Staff movement / welfare"), l)</h2>
            \(lg.generalMessage(fields: ["kind", "loggedOn", "person", "detail"], l, id: "prp-log-error"))
            <form method="post" action="\(Self.path)/logs" id="prp-log-form">\(page.csrfField)<div class="grid one-column">
            \(FormControls.field(Text("类别", "Kind")(l), for: "prp-log-kind", FormControls.select(id: "prp-log-kind", name: "kind",
                options: AdminLogKind.allCases.map { ($0.rawValue, PlanningLabels.log($0)(l)) }, selected: lg.values["kind"]), error: lg.message(for: "kind", l)))
            \(input(lg, "prp-log-on", "loggedOn", Text("日期", "Date"), l, "date", nil, ""))
            \(input(lg, "prp-log-person", "person", Text("人员", "Person"), l, "text", nil, "required"))
            \(input(lg, "prp-log-detail", "detail", Text("内容", "Detail"), l, "text", nil, "required"))
            </div><div class="actions"><button type="submit" id="prp-log-save">\(Text("保存", "Save"), l)</button></div></form></section>
            """)
        }
        let body: HTML = """
        <h1 id="prp-admin-title">\(Text("行政登记", "Admin registers"), l)</h1>
        <p class="hint">\(Text("固定资产、低值易耗品、办公用品、工服台账（整数计量，结存不为负），人员异动与福利发放记录（PRP-11）。",
                               "Fixed assets, consumables, office supplies and uniforms in whole units (never below zero); staff movements and welfare hand-outs (PRP-11)."), l)</p>
        <p class="no-print"><button type="button" id="prp-admin-print" data-print>\(Text("打印", "Print"), l)</button></p>
        <section class="card" id="prp-admin-items">\(itemRows.isEmpty ? "<p class=\"empty\">\(Text("台账为空", "No items yet"), l)</p>" as HTML
            : DataTable.render(id: "prp-admin-item-list", headers: [Text("类别", "Kind"), Text("名称", "Name"), Text("单位", "Unit"), Text("结存", "Balance")].map { $0(l) }, rows: itemRows))</section>
        <section class="card" id="prp-admin-logs"><h2>\(Text("人员异动与福利发放", "Staff movements and welfare"), l)</h2>\(logRows.isEmpty ? "<p class=\"empty\">\(Text("暂无", "None yet"), l)</p>" as HTML
            : DataTable.render(id: "prp-admin-log-list", headers: [Text("日期", "Date"), Text("类别", "Kind"), Text("人员", "Person"), Text("内容", "Detail"),
                                                                   Text("登记人", "By")].map { $0(l) }, rows: logRows))</section>
        \(forms)
        """
        return shell.render(page, title: Text("行政登记", "Admin registers"), active: "property-admin-registers", body: body).response()
    }
}
