import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #12.4: 库位表 (a warehouse's bins and what lies where, STO-03/04) with adding bins and moving stock, the printable
/// bin card (STO-04), and 批次/临期 (stock per batch in issue order with near-expiry flags, STO-05, ISS-06).
struct StoragePages: Sendable {
    let api: MaterialsAPI
    let shell: PageShell

    func register(on router: Router<KefuContext>) {
        router.get("/materials/bins") { request, context in try await bins(request, context) }
        router.post("/materials/bins") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            let bin = try await api.bins.create(BinInput(warehouseId: form["warehouseId"], rack: form["rack"], tier: form["tier"], position: form["position"],
                                                         name: form["name"], hazardous: form["hazardous"] != nil), by: principal)
            return Redirect.to("/materials/bins?warehouseId=\(bin.warehouseId)&notice=saved")
        }
        router.post("/materials/bins/moves") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            guard let quantity = TextRules.trimmed(form["quantity"]).flatMap({ UsualInput.number($0) }).flatMap(Quantity.parse) else {
                throw AppError.validation("quantity", Text("请填写数量（最多三位小数）", "Give a quantity (at most three decimals)"))
            }
            _ = try await api.bins.move(BinMoveInput(warehouseId: form["warehouseId"], itemId: form["itemId"], fromBinId: form["fromBinId"], toBinId: form["toBinId"],
                                                     batchId: form["batchId"], quantity: quantity, remark: form["remark"]), by: principal)
            return Redirect.to("/materials/bins?warehouseId=\(urlQueryValue(form["warehouseId"] ?? ""))&notice=saved")
        }
        router.get("/materials/bins/:id/card") { request, context in try await card(request, context) }
        router.get("/materials/batches") { request, context in try await batches(request, context) }
        for format in TableExport.Format.allCases {
            router.get("/materials/batches.\(format.rawValue)") { request, context in
                let principal = try context.requirePrincipal()
                let q = request.queryDictionary
                let rows = try await api.storage.batches(itemId: q["itemId"], warehouseId: q["warehouseId"], nearOnly: q["near"] == "1", viewer: principal)
                return TableExport.response(BatchStockRow.exportTable(rows, context.page(request).locale), as: format, filename: q["near"] == "1" ? "near-expiry" : "batches")
            }
        }
    }

    static func place(_ r: BatchStockRow, _ l: AppLocale) -> String { r.binCode ?? Text("未上架", "Not put away")(l) }

    func bins(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let m = try await api.storage.binsPage(warehouseId: request.queryDictionary["warehouseId"], viewer: principal)
        let whOptions = m.warehouses.map { ($0.id, "\($0.code) \($0.name)") }
        let perBin = Dictionary(grouping: m.stock) { $0.binId ?? "" }
        // #11.5: DataTables: in the warehouse, on a phone, each bin (and each batch below) is a card of labelled lines.
        let binRows: [DataTable.Row] = m.bins.map { b in
            let held: [HTML] = (perBin[b.id] ?? []).map { heldItem($0, m, l) }
            return DataTable.Row([.init("\(b.location)", class: "nowrap"), .init("\(b.rack)"), .init("\(b.tier)"), .init("\(b.position)"), .init("\(b.name)"),
                                  .init("\(b.hazardous ? Text("危险品库位", "Hazardous goods") : Text("普通", "Ordinary"), l)"), .init("<ul class=\"plain\">\(held)</ul>"),
                                  .init("<a class=\"bin-card-link\" href=\"/materials/bins/\(b.id)/card\">\(Text("库位卡", "Bin card"), l)</a>")],
                                 attributes: "class=\"bin-row\" data-code=\"\(b.code)\"")
        }
        let unplaced: [HTML] = (perBin[""] ?? []).map { heldItem($0, m, l) }
        var forms = HTML.empty
        if m.canEdit, let w = m.warehouse {
            let add = page.formState(action: "/materials/bins")
            let move = page.formState(action: "/materials/bins/moves")
            func part(_ label: Text, _ name: String) -> HTML {
                FormControls.field(label(l), for: "bin-" + name, FormControls.input(id: "bin-" + name, name: name, value: add.value(name)), error: add.message(for: name, l))
            }
            let binChoices = m.bins.map { ($0.id, $0.location) }
            let items = Dictionary(m.stock.map { ($0.itemId, "\($0.itemCode) \($0.itemName)") }, uniquingKeysWith: { a, _ in a }).sorted { $0.value < $1.value }
            let batchChoices = [("", Text("按效期先出（FEFO）", "First to expire (FEFO)")(l))]
                + Dictionary(m.stock.compactMap { r in r.batchId.map { ($0, "\(r.itemCode) · \(r.batchNo ?? "") · \(r.expiryDate ?? "—")") } }, uniquingKeysWith: { a, _ in a })
                    .sorted { $0.value < $1.value }
            forms = """
            <form method="post" action="/materials/bins" id="bin-create" class="toolbar no-print">\(page.csrfField)
            <input type="hidden" name="warehouseId" value="\(w.id)">
            \(part(Text("货架（区）号", "Rack (zone)"), "rack"))\(part(Text("层（排）号", "Tier (row)"), "tier"))\(part(Text("位号", "Position"), "position"))
            \(part(Text("名称", "Name"), "name"))
            <div class="field"><label for="bin-hazardous"><input type="checkbox" id="bin-hazardous" name="hazardous" value="1"> \(Text("指定存放危险品", "Designated for hazardous goods"), l)</label></div>
            <button type="submit" id="bin-create-submit">\(Text("新增库位", "Add bin"), l)</button></form>
            <form method="post" action="/materials/bins/moves" id="bin-move" class="toolbar no-print">\(page.csrfField)
            <input type="hidden" name="warehouseId" value="\(w.id)">
            \(FormControls.field(Text("存货", "Item")(l), for: "move-item", FormControls.select(id: "move-item", name: "itemId", options: items.map { ($0.key, $0.value) }, selected: move.value("itemId")), error: move.message(for: "itemId", l)))
            \(FormControls.field(Text("从库位", "From bin")(l), for: "move-from", FormControls.select(id: "move-from", name: "fromBinId", options: [("", Text("未上架", "Not put away")(l))] + binChoices, selected: move.value("fromBinId")), error: move.message(for: "fromBinId", l)))
            \(FormControls.field(Text("到库位", "To bin")(l), for: "move-to", FormControls.select(id: "move-to", name: "toBinId", options: binChoices, selected: move.value("toBinId")), error: move.message(for: "toBinId", l)))
            \(FormControls.field(Text("批次", "Batch")(l), for: "move-batch", FormControls.select(id: "move-batch", name: "batchId", options: batchChoices, selected: move.value("batchId"))))
            \(FormControls.field(Text("数量", "Quantity")(l), for: "move-quantity", FormControls.input(id: "move-quantity", name: "quantity", value: move.value("quantity")), error: move.message(for: "quantity", l)))
            <button type="submit" id="bin-move-submit">\(Text("移库", "Move"), l)</button></form>
            """
        }
        let html: HTML = """
        <div class="actions" style="justify-content:space-between"><h1 id="bins-title">\(Text("库位表", "Bin locations"), l)\(m.warehouse.map { " · \($0.code) \($0.name)" } ?? "")</h1>
        <button type="button" id="bins-print" data-print class="no-print">\(Text("打印", "Print"), l)</button></div>
        <form method="get" action="/materials/bins" class="toolbar no-print">
          \(FormControls.field(Text("仓库", "Warehouse")(l), for: "bins-warehouse", FormControls.select(id: "bins-warehouse", name: "warehouseId", options: whOptions, selected: m.warehouse?.id)))
          <button type="submit" id="bins-submit">\(Text("查询", "Show"), l)</button>
          <a href="/materials/batches\(m.warehouse.map { "?warehouseId=" + $0.id } ?? "")">\(Text("批次与效期", "Batches and expiry"), l)</a>
        </form>
        \(forms)
        \(m.bins.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("本仓库还没有库位", "This warehouse has no bins yet"), l)</p>" as HTML
            : DataTable.render(id: "bin-list", headers: [Text("库位（仓库-货架-层-位）", "Location (warehouse-rack-tier-position)"), Text("货架（区）", "Rack"),
                                                        Text("层（排）", "Tier"), Text("位", "Position"), Text("名称", "Name"), Text("指定", "Designated"),
                                                        Text("存放（存货 · 批次 · 数量）", "Holds (item · batch · quantity)"), Text("操作", "Actions")].map { $0(l) },
                               rows: binRows))
        \(unplaced.isEmpty ? .empty : "<h2>\(Text("未上架的库存", "Stock not yet put away"), l)</h2><ul id=\"unplaced\">\(unplaced)</ul>" as HTML)
        """
        return shell.render(page, title: Text("库位表", "Bin locations"), active: "bins", body: html).response()
    }

    /// One item held at a place: item · batch · quantity, and its ABC class with where it belongs (STO-02).
    func heldItem(_ r: BatchStockRow, _ m: BinsPageModel, _ l: AppLocale) -> HTML {
        "<li class=\"held\" data-item=\"\(r.itemCode)\">\(r.itemCode) \(r.itemName) · \(r.batchNo ?? "—") · \(r.quantity.text) · \(StorageLabels.abc(m.classes[r.itemId] ?? .C, l))</li>"
    }

    func card(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let m = try await api.storage.binCard(id: try context.parameters.require("id"), viewer: principal)
        let b = m.bin
        let lines: [HTML] = m.lines.map { x in
            """
            <tr class="bin-card-line"><td>\(x.item.name)</td><td>\(x.item.code)</td><td class="abc">\(StorageLabels.abc(ABCClass(rawValue: x.item.abcClass) ?? .C, l))</td><td>\(x.item.spec)</td><td>\(x.item.model)</td>
            <td>\([x.item.maker, x.item.origin].filter { !$0.isEmpty }.joined(separator: " / "))</td><td>\(x.batchNo ?? "—")</td><td>\(x.expiryDate ?? "—")</td>
            <td class="num">\(x.item.reserveQuota?.text ?? "—")</td><td class="num">\(x.quantity.text)</td></tr>
            """
        }
        let empty: HTML = m.lines.isEmpty ? "<tr><td colspan=\"10\">\(Text("库位为空", "The bin is empty"), l)</td></tr>" : .empty
        let html: HTML = """
        <div class="bin-card" id="bin-card">
        <h1>\(Text("库位卡", "Bin card"), l) \(b.location)</h1>
        <table class="bin-card-head"><tbody><tr><th>\(Text("仓库号", "Warehouse"), l)</th><td id="card-warehouse">\(b.warehouseCode) \(m.warehouseName)</td>
        <th>\(Text("货架（区）号", "Rack (zone)"), l)</th><td id="card-rack">\(b.rack)</td><th>\(Text("层（排）号", "Tier (row)"), l)</th><td id="card-tier">\(b.tier)</td>
        <th>\(Text("位号", "Position"), l)</th><td id="card-position">\(b.position)</td></tr></tbody></table>
        <table id="bin-card-lines"><thead><tr><th>\(Text("名称", "Name"), l)</th><th>\(Text("编码", "Code"), l)</th><th>\(Text("ABC 分类", "ABC class"), l)</th><th>\(Text("规格", "Spec"), l)</th>
        <th>\(Text("型号", "Model"), l)</th><th>\(Text("厂家/产地", "Maker / origin"), l)</th><th>\(Text("批次", "Batch"), l)</th><th>\(Text("有效期至", "Expiry"), l)</th>
        <th>\(Text("储备定额", "Reserve quota"), l)</th><th>\(Text("数量", "Quantity"), l)</th></tr></thead><tbody>\(lines)\(empty)</tbody></table>
        <p class="no-print"><button type="button" id="card-print" data-print>\(Text("打印", "Print"), l)</button>
        <a href="/materials/bins?warehouseId=\(b.warehouseId)">\(Text("返回库位表", "Back to bin locations"), l)</a></p>
        </div>
        """
        return shell.render(page, title: Text("库位卡", "Bin card"), active: "bins", body: html).response()
    }

    func batches(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let near = q["near"] == "1"
        let m = try await api.storage.batchesPage(warehouseId: q["warehouseId"], itemId: q["itemId"], nearOnly: near, viewer: principal)
        let whOptions = [("", Text("全部", "All")(l))] + m.warehouses.map { ($0.id, "\($0.code) \($0.name)") }
        let itemOptions = [("", Text("全部", "All")(l))] + m.items.map { ($0.id, "\($0.code) \($0.name)") }
        let rows: [DataTable.Row] = m.rows.map { r in
            DataTable.Row([.init("\(r.warehouseCode)"), .init("\(r.itemCode)"), .init("\(r.itemName)"), .init("\(String(r.issueOrder))", class: "num"),
                           .init("\(r.batchNo ?? "—")"), .init("\(r.productionDate ?? "—")"), .init("\(r.receivedOn ?? "—")"),
                           .init("\(r.expiryDate ?? "—")\(r.nearExpiry ? " <span class=\"badge status-near\">\(Text("临期", "Near expiry")(l))</span>" as HTML : .empty)"),
                           .init("\(r.maintenanceDue ?? "—")"), .init("\(Self.place(r, l))"), .init("\(r.quantity.text)", class: "num")],
                          attributes: "class=\"batch-row\(r.nearExpiry ? " near-expiry" : "")\" data-batch=\"\(r.batchNo ?? "")\"")
        }
        let html: HTML = """
        <div class="actions" style="justify-content:space-between"><h1>\(near ? Text("临期批次", "Batches near expiry") : Text("批次与效期", "Batches and expiry"), l)</h1>
        <span class="no-print"><a class="button" id="export-batches-xlsx" href="/materials/batches.xlsx\(request.uri.query.map { "?" + $0 } ?? "")">\(Text("导出 Excel", "Export Excel"), l)</a>
        <a class="button" id="export-batches-csv" href="/materials/batches.csv\(request.uri.query.map { "?" + $0 } ?? "")">\(Text("导出 CSV", "Export CSV"), l)</a></span></div>
        <form method="get" action="/materials/batches" class="toolbar no-print">
          \(FormControls.field(Text("仓库", "Warehouse")(l), for: "bt-warehouse", FormControls.select(id: "bt-warehouse", name: "warehouseId", options: whOptions, selected: q["warehouseId"])))
          \(FormControls.field(Text("存货", "Item")(l), for: "bt-item", FormControls.select(id: "bt-item", name: "itemId", options: itemOptions, selected: q["itemId"])))
          <div class="field"><label for="bt-near"><input type="checkbox" id="bt-near" name="near" value="1"\(HTML(raw: near ? " checked" : ""))> \(Text("只看临期（默认 30 天内，存货可另设）", "Near expiry only (within 30 days unless the item sets its own)"), l)</label></div>
          <button type="submit" id="batches-submit">\(Text("查询", "Show"), l)</button>
        </form>
        \(m.rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有批次库存", "No stock"), l)</p>" as HTML
            : DataTable.render(id: "batch-list", headers: [Text("仓库", "Warehouse"), Text("存货编码", "Item code"), Text("存货名称", "Item name"),
                                                          Text("出库顺序", "Issue order"), Text("批号", "Batch"), Text("生产日期", "Produced"), Text("入库日期", "Received"),
                                                          Text("有效期至", "Expiry"), Text("下次保养", "Maintenance due"), Text("库位", "Bin"),
                                                          Text("数量", "Quantity")].map { $0(l) }, rows: rows))
        """
        return shell.render(page, title: Text("批次与效期", "Batches and expiry"), active: near ? "near-expiry" : "batches", body: html).response()
    }
}
