import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// The storage registers as pages (STO-06 保养记录, STO-07 出入库区登记, STO-09 安全检查 / 清洁记录): a list with a
/// filter and an add form each; the maintenance register also lists the batches due.
struct RegisterPages: Sendable {
    let api: MaterialsAPI
    let shell: PageShell

    static func title(_ kind: StorageRegisterKind) -> Text {
        switch kind {
        case .maintenance: return Text("保养记录（STO-06）", "Maintenance records (STO-06)")
        case .access: return Text("库区出入登记（STO-07）", "Warehouse access register (STO-07)")
        case .safety: return Text("安全检查记录（STO-09）", "Safety checks (STO-09)")
        case .cleaning: return Text("清洁记录（STO-09）", "Cleaning log (STO-09)")
        }
    }

    static func subjectLabel(_ kind: StorageRegisterKind) -> Text {
        switch kind {
        case .maintenance: return Text("保养内容（如除锈、上油）", "What was done (e.g. rust removal, oiling)")
        case .access: return Text("人员 / 车辆", "Person / vehicle")
        case .safety: return Text("检查项目（照明、电线、开关、消防器材…）", "Checked (lights, wiring, switches, fire equipment…)")
        case .cleaning: return Text("清洁区域", "Area cleaned")
        }
    }

    static func findingLabel(_ kind: StorageRegisterKind) -> Text {
        kind == .access ? Text("事由", "Purpose") : Text("发现的问题（无则写“无”）", "Findings (“none” if all is well)")
    }

    func register(on router: Router<KefuContext>) {
        router.get("/materials/registers/:kind") { request, context in try await page(request, context) }
        router.post("/materials/registers/:kind") { request, context in
            let principal = try context.requirePrincipal()
            let kind = try context.parameters.require("kind")
            let form = try await FormData.read(request)
            _ = try await api.registers.record(StorageRegisterInput(kind: kind, warehouseId: form["warehouseId"], date: form["date"], subject: form["subject"],
                                                                     finding: form["finding"], fix: form["fix"], itemId: form["itemId"], batchId: form["batchId"]), by: principal)
            return Redirect.to("/materials/registers/\(urlQueryValue(kind))?notice=saved")
        }
    }

    func page(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        guard let kind = StorageRegisterKind(rawValue: try context.parameters.require("kind")) else { throw AppError.notFound(Text("登记簿", "Register")) }
        let q = request.queryDictionary
        let m = try await api.registers.pageModel(kind: kind, warehouseId: q["warehouseId"], from: q["from"], to: q["to"], viewer: principal)
        let action = "/materials/registers/\(kind.rawValue)"
        let state = page.formState(action: action)
        func field(_ label: Text, _ name: String, _ control: HTML) -> HTML {
            FormControls.field(label(l), for: "reg-" + name, control, error: state.message(for: name, l))
        }
        func input(_ name: String, type: String = "text", value: String? = nil) -> HTML {
            FormControls.input(id: "reg-" + name, name: name, type: type, value: state.value(name, default: value))
        }
        var form = HTML.empty
        if !m.writable.isEmpty {
            let itemField: HTML = kind == .maintenance
                ? field(Text("存货", "Item"), "itemId", FormControls.select(id: "reg-itemId", name: "itemId", options: m.items.map { ($0.id, "\($0.code) \($0.name)") }, selected: state.value("itemId")))
                : .empty
            form = """
            <form method="post" action="\(action)" id="register-create" class="toolbar no-print">\(page.csrfField)
            \(field(Text("仓库", "Warehouse"), "warehouseId", FormControls.select(id: "reg-warehouseId", name: "warehouseId", options: m.writable.map { ($0.id, "\($0.code) \($0.name)") }, selected: state.value("warehouseId"))))
            \(field(Text("日期", "Date"), "date", input("date", type: "date", value: MaterialValidation.today(Date()))))
            \(itemField)
            \(field(Self.subjectLabel(kind), "subject", input("subject")))
            \(kind == .maintenance || kind == .cleaning ? .empty : field(Self.findingLabel(kind), "finding", input("finding")))
            \(kind == .safety ? field(Text("整改措施", "Fix"), "fix", input("fix")) : .empty)
            <button type="submit" id="register-submit">\(Text("登记", "Record"), l)</button></form>
            """
        }
        // #11.5: DataTables: in the warehouse, on a phone, each entry is a card of labelled lines.
        let rows: [DataTable.Row] = m.entries.map { e in
            DataTable.Row(plain: ["\(e.date)", "\(e.warehouseCode)", "\(e.itemCode ?? "")\(e.batchNo.map { " · " + $0 } ?? "")", "\(e.subject)", "\(e.finding)", "\(e.fix)"],
                          attributes: "class=\"register-row\"")
        }
        let due: [DataTable.Row] = m.due.map { r in
            DataTable.Row([.init("\(r.warehouseCode)"), .init("\(r.itemCode) \(r.itemName)"), .init("\(r.batchNo ?? "—")"), .init("\(r.maintenanceDue ?? "")"),
                           .init("\(r.quantity.text)", class: "num")], attributes: "class=\"due-row\" data-batch=\"\(r.batchNo ?? "")\"")
        }
        let whOptions = [("", Text("全部", "All")(l))] + m.warehouses.map { ($0.id, "\($0.code) \($0.name)") }
        let html: HTML = """
        <h1 id="register-title">\(Self.title(kind), l)</h1>
        \(form)
        \(kind == .maintenance ? """
            <h2>\(Text("到期待保养（7 天内）", "Due for maintenance (within 7 days)"), l)</h2>
            \(due.isEmpty ? "<p class=\"empty\" id=\"no-due\">\(Text("没有到期的保养", "Nothing is due"), l)</p>" as HTML
                : DataTable.render(id: "maintenance-due", headers: [Text("仓库", "Warehouse"), Text("存货", "Item"), Text("批号", "Batch"), Text("保养到期", "Due"),
                                                                   Text("数量", "Quantity")].map { $0(l) }, rows: due))
            """ as HTML : .empty)
        <form method="get" action="\(action)" class="toolbar no-print" id="register-filter">
          \(FormControls.field(Text("仓库", "Warehouse")(l), for: "rf-warehouse", FormControls.select(id: "rf-warehouse", name: "warehouseId", options: whOptions, selected: q["warehouseId"])))
          \(FormControls.field(Text("从", "From")(l), for: "rf-from", FormControls.input(id: "rf-from", name: "from", type: "date", value: q["from"])))
          \(FormControls.field(Text("到", "To")(l), for: "rf-to", FormControls.input(id: "rf-to", name: "to", type: "date", value: q["to"])))
          <button type="submit" id="register-filter-submit">\(Text("查询", "Show"), l)</button>
        </form>
        \(rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有记录", "No entries"), l)</p>" as HTML
            : DataTable.render(id: "register-list", headers: [Text("日期", "Date"), Text("仓库", "Warehouse"), Text("存货 · 批次", "Item · batch"), Self.subjectLabel(kind),
                                                             Self.findingLabel(kind), Text("整改措施", "Fix")].map { $0(l) }, rows: rows))
        """
        return shell.render(page, title: Self.title(kind), active: "register-" + kind.rawValue, body: html).response()
    }
}
