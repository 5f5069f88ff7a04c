import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 到货验收 (ARR-01..07, #13.2) as pages, made for a phone at the site: the receiving log with the due and late checks,
/// the check form (papers, counted lines, photos of damage), and one check with its steps — the production
/// warehouse's confirmation of goods without papers (ARR-05) and completion, which drafts the receipt.
struct ArrivalPages: Sendable {
    let arrivals: ArrivalService
    let shell: PageShell

    static let path = "/materials/arrivals"
    /// Rows of the form when no transfer prefills it.
    static let blankLines = 4

    func register(on router: Router<KefuContext>) {
        router.get("/materials/arrivals") { request, context in try await list(request, context) }
        router.get("/materials/arrivals/new") { request, context in try await newForm(request, context) }
        router.post("/materials/arrivals") { request, context in try await create(request, context) }
        router.get("/materials/arrivals/:id") { request, context in try await detail(request, context) }
        router.post("/materials/arrivals/:id/confirm") { request, context in try await confirm(request, context) }
        router.post("/materials/arrivals/:id/complete") { request, context in try await complete(request, context) }
    }

    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        MaterialNotices.page(request, context, feature: "arrival", event: ArrivalLabels.event)
    }

    static func clockBadge(_ a: ArrivalView, _ l: AppLocale) -> HTML {
        "<span class=\"badge arrival-clock\" data-clock=\"\(a.clock)\">\(ArrivalLabels.clock(a.clockValue), l)</span>"
    }

    static func papers(_ a: ArrivalView, _ l: AppLocale) -> String {
        var parts: [String] = []
        if !a.deliveryNoteRef.isEmpty { parts.append(Text("送货单 ", "Delivery note ")(l) + a.deliveryNoteRef) }
        if !a.packingListRef.isEmpty { parts.append(Text("装箱单 ", "Packing list ")(l) + a.packingListRef) }
        return parts.isEmpty ? Text("无随货单据", "No papers")(l) : parts.joined(separator: "；")
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await arrivals.listPageModel(try ArrivalFilter.parse(q), paging: try Paging.from(q, defaultPer: 25), viewer: principal)
        let rows: [DataTable.Row] = m.arrivals.items.map { a in
            let goods = a.lines.map { "\($0.itemName) \($0.spec) × \($0.countedQuantity.text)/\($0.expectedQuantity.text)" }.joined(separator: "；")
            return DataTable.Row(plain: [
                "<a class=\"arrival-link\" href=\"\(Self.path)/\(a.id)\">\(a.number)</a>", "\(Times.display(a.arrivedMillis))", "\(a.warehouseName)",
                "\(ArrivalLabels.source(a.source), l)", "\(Self.papers(a, l))", "\(goods)", "\(a.checkDueOn)", Self.clockBadge(a, l),
                "\(ArrivalLabels.status(a.statusValue), l)",
            ], attributes: "class=\"arrival-row\" data-id=\"\(a.id)\" data-clock=\"\(a.clock)\"")
        }
        let stateOptions = [("", Text("全部", "All")(l))] + ArrivalFilter.State.allCases.map { ($0.rawValue, ArrivalLabels.state($0)(l)) }
        let warehouseOptions = [("", Text("全部仓库", "All warehouses")(l))] + m.warehouses.map { ($0.id, $0.name) }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有到货验收记录", "No arrival checks"), l)</p>"
            : DataTable.render(id: "arrival-list", headers: [Text("验收单号", "Number"), Text("到货时间", "Arrived"), Text("仓库", "Warehouse"), Text("来源", "Source"),
                                                             Text("随货单据", "Papers"), Text("存货（实收/应收）", "Goods (counted/expected)"),
                                                             Text("验收期限", "Check due"), Text("期限", "Clock"), Text("状态", "State")].map { $0(l) }, rows: rows)
        let body: HTML = """
        <div class="actions list-head"><h1 id="arrivals-title">\(Text("到货验收与收货登记（ARR）", "Arrival checks and receiving log (ARR)"), l)</h1>
        \(m.canRecord ? "<a class=\"button\" id=\"new-arrival\" href=\"\(Self.path)/new\">\(Text("登记到货", "Record an arrival")(l))</a>" as HTML : .empty)</div>
        <p class="hint">\(Text("到货后 5 个工作日内必须验收完毕（ARR-06），超期由现场负责人承担责任。", "Each arrival must be checked within 5 working days (ARR-06); a late check is the site chief's responsibility."), l)</p>
        <form method="get" action="\(Self.path)" class="toolbar" id="arrival-filter">
        \(FormControls.field(Text("状态", "State")(l), for: "arrival-filter-state", FormControls.select(id: "arrival-filter-state", name: "state", options: stateOptions, selected: m.filter.state?.rawValue ?? "")))
        \(FormControls.field(Text("仓库", "Warehouse")(l), for: "arrival-filter-warehouse", FormControls.select(id: "arrival-filter-warehouse", name: "warehouseId", options: warehouseOptions, selected: m.filter.warehouseId ?? "")))
        \(FormControls.field(Text("到货自", "Arrived from")(l), for: "arrival-filter-from", FormControls.input(id: "arrival-filter-from", name: "from", type: "date", value: m.filter.from)))
        \(FormControls.field(Text("到货至", "Arrived to")(l), for: "arrival-filter-to", FormControls.input(id: "arrival-filter-to", name: "to", type: "date", value: m.filter.to)))
        <button type="submit" id="arrival-filter-apply">\(Text("筛选", "Filter"), l)</button>
        <button type="button" class="secondary no-print" data-print id="arrival-print">\(Text("打印收货登记", "Print the receiving log"), l)</button></form>
        \(table)
        \(FormControls.pager(basePath: Self.path, query: q, page: m.arrivals.page, per: m.arrivals.per, total: m.arrivals.total, locale: l))
        """
        return shell.render(page, title: Text("到货验收", "Arrival checks"), active: "arrivals", body: body).response()
    }

    func newForm(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await arrivals.formModel(transferId: q["transferId"], requestId: q["requestId"], viewer: principal)
        let state = page.formState(action: Self.path)
        func err(_ name: String) -> String? { state.message(for: name, l) }
        func value(_ name: String, _ fallback: String? = nil) -> String? { state.values[name] ?? fallback }
        func text(_ name: String, _ label: Text, _ id: String, type: String = "text", fallback: String? = nil, attributes: String = "") -> HTML {
            state.textField(name, label, id, l, type: type, fallback: fallback, attributes: attributes)
        }
        let prefill = m.transfer
        let requested = m.request
        // #13.1 item 1: a check against a request lists the request's lines, their quantities expected.
        let preLines: [(itemCode: String, quantity: String)] = prefill?.lines.map { ($0.itemCode, $0.quantity.text) }
            ?? requested?.lines.map { ($0.itemCode, $0.quantity.text) } ?? []
        let sourceValue = value("sourceKind", requested != nil ? "material_request" : prefill == nil ? "supplier" : "transfer") ?? "supplier"
        let sourceOptions = [("supplier", ArrivalLabels.source("supplier")(l)), ("transfer", ArrivalLabels.source("transfer")(l)),
                             ("material_request", ArrivalLabels.source("material_request")(l))]
        let lineCount = max(preLines.isEmpty ? Self.blankLines : preLines.count, Int(value("lineCount") ?? "") ?? 0)
        let lineRows: [HTML] = (0..<lineCount).map { i in
            let pre = i < preLines.count ? preLines[i] : nil
            let n = "lines[\(i)]"
            func cell(_ field: String, _ label: Text, type: String = "text", fallback: String? = nil, attributes: String = "") -> HTML {
                let id = "arrival-line-\(i)-\(field)"
                return FormControls.field(label(l), for: id, FormControls.input(id: id, name: "\(n).\(field)", type: type, value: value("\(n).\(field)", fallback), attributes: attributes),
                                          error: err("\(n).\(field)"))
            }
            let damagedChecked = value("\(n).damaged") == "1" ? " checked" : ""
            return """
            <fieldset class="arrival-line" data-line="\(i)"><legend>\(Text("第 {0} 行", "Line {0}").with(String(i + 1)), l)</legend>
            \(cell("itemId", Text("存货编码", "Item code"), fallback: pre?.itemCode, attributes: "autocomplete=\"off\""))
            \(cell("expectedQuantity", Text("应收数量（单据）", "Expected (papers)"), fallback: pre?.quantity, attributes: "inputmode=\"decimal\""))
            \(cell("countedQuantity", Text("实收数量（清点）", "Counted"), attributes: "inputmode=\"decimal\""))
            <div class="field check"><label for="arrival-line-\(i)-damaged"><input type="checkbox" id="arrival-line-\(i)-damaged" name="\(n).damaged" value="1"\(damagedChecked)> \(Text("包装破损或质量问题", "Damaged packaging or quality problem"), l)</label></div>
            \(cell("note", Text("说明", "Note")))
            </fieldset>
            """
        }
        let body: HTML = """
        <h1 id="arrival-form-title">\(Text("登记到货验收", "Record an arrival check"), l)</h1>
        <p class="hint">\(Text("先清点、后入库（ARR-01）：按送货单和装箱单逐项清点；数量不符、包装破损或质量问题请拍照，系统将报告现场负责人和业务部（ARR-04）。无随货单据的货物须经生产库发货人确认后暂估入库（ARR-05）。",
                               "Count first, then book (ARR-01): count each line against the delivery note and packing list; photograph mismatches, damaged packaging or quality problems — the site chief and the department are told (ARR-04). Goods without papers are received provisionally after the production warehouse's shipper confirms (ARR-05)."), l)</p>
        \(state.generalMessage(fields: Set(["warehouseId", "source", "supplierId", "transferId", "materialRequestId", "arrivedAt", "deliveryNoteRef", "packingListRef", "photos"]
                                           + (0..<lineCount).flatMap { i in ["itemId", "expectedQuantity", "countedQuantity", "note"].map { "lines[\(i)].\($0)" } }), l, id: "form-error"))
        <form method="post" action="\(Self.path)" enctype="multipart/form-data" id="arrival-form" class="one-column">\(page.csrfField)
        <input type="hidden" name="lineCount" value="\(lineCount)">
        \(FormControls.field(Text("收货仓库", "Receiving warehouse")(l), for: "arrival-warehouse",
                             FormControls.select(id: "arrival-warehouse", name: "warehouseId", options: m.warehouses.map { ($0.id, $0.name) }, selected: value("warehouseId", prefill?.toWarehouseId)),
                             error: err("warehouseId")))
        \(FormControls.field(Text("到货来源", "Source")(l), for: "arrival-source",
                             FormControls.select(id: "arrival-source", name: "sourceKind", options: sourceOptions, selected: sourceValue), error: err("source")))
        \(FormControls.field(Text("供应商", "Supplier")(l), for: "arrival-supplier",
                             FormControls.select(id: "arrival-supplier", name: "supplierId", options: [("", "—")] + m.suppliers.map { ($0.id, $0.name) }, selected: value("supplierId", requested?.supplierId)),
                             error: err("supplierId"), hint: Text("供应商发货或物资申请由供应商直发时填写", "For a supplier shipment, or a request's goods shipped by a supplier")(l)))
        \(text("transferId", Text("调拨单（编号见在途调拨）", "Transfer (see transfers in transit)"), "arrival-transfer", fallback: prefill?.transferId))
        \(prefill.map { "<p class=\"hint\" id=\"arrival-transfer-number\">\(Text("调拨单 ", "Transfer ")(l))\($0.number)</p>" as HTML } ?? .empty)
        \(text("materialRequestId", Text("内部联络单号", "Material request number"), "arrival-request", fallback: requested?.number))
        \(text("arrivedAt", Text("到货日期", "Arrived on"), "arrival-date", type: "date", fallback: MaterialValidation.today(Date())))
        \(text("deliveryNoteRef", Text("送货单号", "Delivery note number"), "arrival-delivery-note", fallback: prefill.map { $0.papers.deliveryNoteRef.isEmpty ? $0.papers.shippingListRef : $0.papers.deliveryNoteRef }))
        \(text("packingListRef", Text("装箱单号", "Packing list number"), "arrival-packing-list", fallback: prefill?.papers.packingListRef))
        <h2>\(Text("清点明细", "Counted lines"), l)</h2>
        <p class="hint">\(Text("空行不保存。", "Empty lines are not kept."), l)</p>
        \(lineRows)
        <fieldset name="photos" id="arrival-photos" class="field photo-set\(err("photos") == nil ? "" : " has-error")">
        <legend>\(Text("照片（破损、短少等，可多张，每张不超过 10 MB）", "Photos (damage, shortage …; several allowed, 10 MB each at most)"), l)</legend>
        <input type="file" id="arrival-photo-input" name="photos" accept="image/jpeg,image/png,image/webp" capture="environment" multiple>
        \(err("photos").map { "<p class=\"field-error\" id=\"arrival-photos-error\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)</fieldset>
        <div class="actions"><button type="submit" id="arrival-save">\(Text("保存验收记录", "Save the check"), l)</button></div>
        </form>
        """
        return shell.render(page, title: Text("登记到货验收", "Record an arrival check"), active: "arrivals", body: body, breadcrumbs: .underActive).response()
    }

    func create(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var request = request
        guard MultipartForm.isMultipart(request) else {
            throw AppError.badRequest("invalid_multipart", Text("上传照片的表单格式不正确", "The form with the photos is malformed"))
        }
        let form = try await MultipartForm.read(&request)
        var pageIndex: [Int] = []
        do {
            let count = min(Int(form["lineCount"] ?? "") ?? Self.blankLines, MaterialValidation.maxLines)
            var lines: [ArrivalLineInput] = []
            for i in 0..<count {
                let n = "lines[\(i)]"
                let code = TextRules.trimmed(form["\(n).itemId"])
                let expected = TextRules.trimmed(form["\(n).expectedQuantity"]), counted = TextRules.trimmed(form["\(n).countedQuantity"])
                guard code != nil || expected != nil || counted != nil else { continue }
                pageIndex.append(i)
                let k = "lines[\(lines.count)]" // named as the input's line: `onPage` maps it back to the page's row
                lines.append(ArrivalLineInput(itemCode: code ?? "", expectedQuantity: try Self.quantity(expected, "\(k).expectedQuantity"),
                                              countedQuantity: try Self.quantity(counted, "\(k).countedQuantity"), note: form["\(n).note"],
                                              damaged: form["\(n).damaged"] == "1"))
            }
            let kind = ArrivalSource(rawValue: form["sourceKind"] ?? "") ?? .supplier
            var input = ArrivalInput(warehouseId: form["warehouseId"], arrivedAt: form["arrivedAt"], deliveryNoteRef: form["deliveryNoteRef"],
                                     packingListRef: form["packingListRef"], lines: lines)
            input.materialRequestId = kind == .materialRequest ? form["materialRequestId"] : nil
            input.transferId = kind == .transfer ? form["transferId"] : nil
            input.supplierId = kind == .transfer ? nil : form["supplierId"]
            let photos = form.parts.filter { $0.name == "photos" && $0.fileName != nil && !$0.bytes.isEmpty }.map { ArrivalPhoto(fileName: $0.fileName, bytes: $0.bytes) }
            let a = try await arrivals.create(input, photos: photos, by: principal)
            return Redirect.to("\(Self.path)/\(a.id)?notice=arrival&what=created")
        } catch let error as AppError {
            // #11.2: what was typed comes back with the reason under its field (the photos are chosen again).
            throw RefusedUpload(Self.onPage(error, pageIndex: pageIndex), form: form)
        }
    }

    /// Empty lines are skipped, so a line's index on the page can differ from its index in the input: the API's
    /// `lines[i]` refusals name the page's own fields when they match; an item code the page's grid names is `itemId`.
    static func onPage(_ error: AppError, pageIndex: [Int]) -> AppError {
        guard let field = error.details["field"], field.hasPrefix("lines["), let close = field.firstIndex(of: "]"),
              let k = Int(field[field.index(field.startIndex, offsetBy: 6)..<close]), k < pageIndex.count else { return error }
        var details = error.details
        details["field"] = "lines[\(pageIndex[k])" + field[close...]
        return AppError(error.status, error.code, error.message, details: details)
    }

    static func quantity(_ raw: String?, _ field: String) throws -> Quantity? {
        guard let raw else { return nil }
        let normalised = UsualInput.number(raw) ?? raw
        guard let q = Quantity.parse(normalised) else {
            throw AppError.validation(field, Text("数量格式不正确（最多三位小数）", "A quantity has at most three decimals"))
        }
        return q
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let id = try context.parameters.require("id")
        let m = try await arrivals.pageModel(id: id, viewer: principal)
        let a = m.arrival
        let title = Text("到货验收单 {0}", "Arrival check {0}").with(a.number)
        let rows: [DataTable.Row] = a.lines.map { line in
            DataTable.Row(plain: [
                "\(line.itemCode)", "\(line.itemName)", "\(line.spec)", "\(line.unit)", "\(line.expectedQuantity.text)", "\(line.countedQuantity.text)",
                line.difference.milli == 0 ? "0" : "<strong class=\"arrival-difference\">\(line.difference.text)</strong>",
                line.damaged ? "<span class=\"badge arrival-damaged\">\(Text("破损", "Damaged")(l))</span>" : .empty, "\(line.note)",
            ], attributes: "class=\"arrival-line-row\" data-line=\"\(line.lineNo)\"")
        }
        let source: HTML
        switch ArrivalSource(rawValue: a.source) {
        case .transfer?: source = a.transferId.map { "<a href=\"/materials/transfers/\($0)\" id=\"arrival-transfer-link\">\(a.transferNumber ?? "")</a>" } ?? .empty
        default: source = "\(a.supplierName ?? "")"
        }
        let requestLink: HTML = a.materialRequestId.map { id in
            "<dt>\(Text("内部联络单", "Material request")(l))</dt><dd><a id=\"arrival-request-link\" href=\"/materials/requests/\(id)\">\(m.requestNumber ?? id)</a>\(a.statusValue == .checking && m.requestNumber != nil ? " · " + Text("验收完成时联络单自动关闭", "the request closes when the check is completed")(l) : "")</dd>"
        } ?? .empty
        let receipt: HTML = a.receiptDocumentId.map {
            "<p class=\"flash-notice\" id=\"arrival-receipt\">\(Text("入库单：", "Receipt: "), l)<a id=\"arrival-receipt-link\" href=\"/materials/documents/\($0)\">\(a.receiptNumber ?? "")</a></p>"
        } ?? .empty
        let confirmation: HTML = a.provisional ? (a.confirmedBy != nil
            ? "<dt>\(Text("生产库确认", "Confirmed by production"), l)</dt><dd id=\"arrival-confirmed\">\(a.confirmedByName ?? "") · \(a.confirmedAt ?? "") \(a.confirmationNote ?? "")</dd>"
            : "<dt>\(Text("生产库确认", "Confirmed by production"), l)</dt><dd id=\"arrival-confirmed\">\(Text("待生产库发货人确认（ARR-05）", "Waiting for the production warehouse's shipper (ARR-05)"), l)</dd>") : .empty
        var steps: [HTML] = []
        if m.canConfirm {
            let state = page.formState(action: "\(Self.path)/\(a.id)/confirm")
            steps.append("""
            <form method="post" action="\(Self.path)/\(a.id)/confirm" id="arrival-confirm-form" class="card no-print">\(page.csrfField)
            \(FormControls.field(Text("确认说明", "Note")(l), for: "arrival-confirm-note", FormControls.input(id: "arrival-confirm-note", name: "note", value: state.values["note"]), error: state.message(for: "note", l)))
            <button type="submit" id="arrival-confirm">\(Text("确认发货（暂估入库）", "Confirm the shipment (provisional receipt)"), l)</button></form>
            """)
        }
        if m.canComplete {
            steps.append("""
            <form method="post" action="\(Self.path)/\(a.id)/complete" class="inline no-print" id="arrival-complete-form">\(page.csrfField)
            <button type="submit" id="arrival-complete">\(Text("验收完成，生成入库单", "Complete the check and draft the receipt"), l)</button></form>
            """)
        }
        let photos: [HTML] = m.photos.map { p in
            "<figure class=\"photo\"><a href=\"/attachments/\(p.id)\" class=\"photo-link\"><img src=\"/attachments/\(p.id)\" alt=\"\(p.fileName)\" loading=\"lazy\"></a><figcaption>\(p.fileName)</figcaption></figure>"
        }
        let upload: HTML = m.canAddPhotos ? """
            <form method="post" action="/attachments" enctype="multipart/form-data" class="photo-upload no-print" id="arrival-photo-form">\(page.csrfField)
            <input type="hidden" name="ownerKind" value="\(ArrivalAttachments.ownerKind)"><input type="hidden" name="ownerId" value="\(a.id)">
            <input type="hidden" name="label" value="\(ArrivalService.photoLabel)">
            <label for="arrival-photo-add">\(Text("补充照片", "Add a photo"), l)</label><input type="file" name="file" id="arrival-photo-add" accept="image/jpeg,image/png,image/webp" capture="environment">
            <button type="submit" id="arrival-photo-upload">\(Text("上传", "Upload"), l)</button></form>
            """ : .empty
        let body: HTML = """
        <h1 id="arrival-title">\(title, l)</h1>
        <p class="meta" id="arrival-state" data-status="\(a.status)">\(ArrivalLabels.status(a.statusValue), l) · \(Self.clockBadge(a, l))\
        \(a.hasDiscrepancy ? " · <span class=\"badge arrival-discrepancy\" id=\"arrival-discrepancy\">\(Text("有差异，已报告现场负责人和业务部", "Discrepancy reported to the site chief and the department")(l))</span>" as HTML : .empty)</p>
        \(receipt)
        <dl class="facts" id="arrival-facts">
        <dt>\(Text("仓库", "Warehouse"), l)</dt><dd>\(a.warehouseName)</dd>
        <dt>\(Text("来源", "Source"), l)</dt><dd id="arrival-source">\(ArrivalLabels.source(a.source), l) · \(source)</dd>
        \(requestLink)
        <dt>\(Text("到货时间", "Arrived"), l)</dt><dd>\(Times.display(a.arrivedMillis))</dd>
        <dt>\(Text("验收期限", "Check due by"), l)</dt><dd id="arrival-due">\(a.checkDueOn)</dd>
        <dt>\(Text("随货单据", "Papers"), l)</dt><dd id="arrival-papers">\(Self.papers(a, l))</dd>
        \(confirmation)
        <dt>\(Text("登记人", "Recorded by"), l)</dt><dd>\(a.createdByName)</dd>
        </dl>
        <div class="actions" id="arrival-steps">\(steps)</div>
        <h2>\(Text("清点明细", "Counted lines"), l)</h2>
        \(DataTable.render(id: "arrival-lines", headers: [Text("存货编码", "Item code"), Text("名称", "Name"), Text("规格型号", "Spec"), Text("单位", "Unit"),
                                                          Text("应收", "Expected"), Text("实收", "Counted"), Text("差异", "Difference"), Text("破损", "Damaged"),
                                                          Text("说明", "Note")].map { $0(l) }, rows: rows))
        <h2>\(Text("照片", "Photos"), l)</h2>
        \(photos.isEmpty ? "<p class=\"empty\" id=\"arrival-no-photos\">\(Text("没有照片", "No photos")(l))</p>" as HTML : "<div class=\"photo-grid\" id=\"arrival-photos\">\(photos)</div>")
        \(upload)
        <p class="no-print"><a href="\(Self.path)">\(Text("返回到货验收", "Back to arrival checks"), l)</a></p>
        """
        return shell.render(page, title: title, active: "arrivals", body: body, breadcrumbs: .underActive).response()
    }

    func confirm(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        _ = try await arrivals.confirm(id: id, ArrivalConfirmation(note: form["note"]), by: principal)
        return Redirect.to("\(Self.path)/\(id)?notice=arrival&what=confirmed")
    }

    func complete(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        _ = try await arrivals.complete(id: id, by: principal)
        return Redirect.to("\(Self.path)/\(id)?notice=arrival&what=completed")
    }
}
