import KefuDomain
import KefuPlatform

/// #11.3: the body of a U8 document — as many lines as needed. Each line is an item (typed as its code, or chosen in
/// the shared item picker), a quantity as people type it ("3,500", full-width digits) and a remark. A refused save
/// draws the lines again as typed, the refused line and field marked with the message under it. Keyboard and
/// add/remove-line behaviour: `Assets.lineGridJS` (markup contract by data-attributes).
enum LineGrid {
    /// Form fields of line N: `item_N` (the picker's hidden id), `itemText_N` (what is shown or typed), `qty_N`, `lremark_N`.
    static let maxRows = 1_000

    /// One line as typed.
    struct Row: Sendable, Equatable {
        /// The row number it was posted under (a refused form is drawn with the same names, so nothing moves).
        var index: Int?
        var itemId = ""
        var itemText = ""
        var quantity = ""
        var remark = ""
        /// #12.4 (STO-05): a receipt line's new batch — number, production date, expiry (`lbatch_N`, `lprod_N`, `lexp_N`).
        var batchNo = ""
        var producedOn = ""
        var expiresOn = ""
        /// #12 STO-03: the line's bin (`lbin_N` the id, `lbinText_N` its location as shown or typed); ISS-06: the
        /// batch an issue line takes, accepted from the FEFO proposal (`lbatchId_N`, `lbatchText_N` what was shown).
        var binId = ""
        var binText = ""
        var batchId = ""
        var batchText = ""
        /// #12 STO-03: a transfer line's bin in the in warehouse (`ltobin_N`, `ltobinText_N`).
        var toBinId = ""
        var toBinText = ""

        var isBlank: Bool { itemId.isEmpty && itemText.trimmingCharacters(in: .whitespaces).isEmpty && quantity.trimmingCharacters(in: .whitespaces).isEmpty }

        init(index: Int? = nil, itemId: String = "", itemText: String = "", quantity: String = "", remark: String = "") {
            self.index = index; self.itemId = itemId; self.itemText = itemText; self.quantity = quantity; self.remark = remark
        }

        init(_ line: DocumentLineView) {
            self.init(itemId: line.itemId, itemText: "\(line.itemCode) \(line.itemName)", quantity: line.quantity.text, remark: line.remark)
        }

        init(_ line: DocumentLineView, storage: LineStorageLabel?) {
            self.init(line)
            binId = storage?.binId ?? ""; binText = storage?.fromLocation ?? storage?.binLocation ?? ""
            toBinId = storage?.toBinId ?? ""; toBinText = storage?.toLocation ?? ""
            batchId = storage?.batchId ?? ""; batchText = storage?.batchLabel ?? ""
        }
    }

    /// The non-blank lines of a posted form, in the order of their row numbers (rows added or removed in the browser
    /// leave gaps in the numbering).
    static func rows(_ form: FormData) -> [Row] {
        var indexes = Set<Int>()
        for key in form.values.keys {
            for prefix in ["item_", "itemText_", "qty_", "lremark_"] where key.hasPrefix(prefix) {
                if let n = Int(key.dropFirst(prefix.count)), n >= 0, n < maxRows { indexes.insert(n) }
            }
        }
        return indexes.sorted().map { n in
            var row = Row(index: n, itemId: (form["item_\(n)"] ?? "").trimmingCharacters(in: .whitespaces), itemText: form["itemText_\(n)"] ?? "",
                          quantity: form["qty_\(n)"] ?? "", remark: form["lremark_\(n)"] ?? "")
            row.batchNo = form["lbatch_\(n)"] ?? ""; row.producedOn = form["lprod_\(n)"] ?? ""; row.expiresOn = form["lexp_\(n)"] ?? ""
            row.binId = (form["lbin_\(n)"] ?? "").trimmingCharacters(in: .whitespaces); row.binText = form["lbinText_\(n)"] ?? ""
            row.batchId = (form["lbatchId_\(n)"] ?? "").trimmingCharacters(in: .whitespaces); row.batchText = form["lbatchText_\(n)"] ?? ""
            row.toBinId = (form["ltobin_\(n)"] ?? "").trimmingCharacters(in: .whitespaces); row.toBinText = form["ltobinText_\(n)"] ?? ""
            return row
        }.filter { !$0.isBlank }
    }

    /// The lines for the services: the item by id and/or by the code typed first in its text; the quantity read as
    /// people write it. A quantity that cannot be read is refused on its line.
    static func inputs(_ rows: [Row]) throws -> [LineInput] {
        try rows.enumerated().map { i, row in
            let code = row.itemText.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).first.map(String.init)
            let typed = row.quantity.trimmingCharacters(in: .whitespaces)
            var quantity: Quantity?
            if !typed.isEmpty {
                guard let q = UsualInput.number(typed).flatMap(Quantity.parse) else {
                    throw AppError.validation("lines[\(i)].quantity", Text("第 {0} 行：数量“{1}”无效（如 3,500 或 12.5，最多三位小数）",
                                                                         "Line {0}: the quantity “{1}” is not a number (e.g. 3,500 or 12.5, at most three decimals)")
                        .with(String(i + 1), typed))
                }
                quantity = q
            }
            // A bin typed but not picked arrives as its location text; the service resolves it in the warehouse (STO-03).
            let bin = row.binId.isEmpty ? row.binText.trimmingCharacters(in: .whitespaces) : row.binId
            let toBin = row.toBinId.isEmpty ? row.toBinText.trimmingCharacters(in: .whitespaces) : row.toBinId
            var input = LineInput(itemId: row.itemId.isEmpty ? nil : row.itemId, itemCode: code, quantity: quantity, remark: row.remark,
                             binId: bin.isEmpty ? nil : bin, batchId: row.batchId.isEmpty ? nil : row.batchId,
                             batchNo: row.batchNo, productionDate: row.producedOn, expiryDate: row.expiresOn)
            input.toBinId = toBin.isEmpty ? nil : toBin
            return input
        }
    }

    /// The line and field a refusal names (`lines[3].quantity` → line 3, `quantity`).
    static func errorLocation(_ error: AppError?) -> (line: Int, field: String)? {
        guard let field = error?.details["field"], field.hasPrefix("lines["), let close = field.firstIndex(of: "]"),
              let n = Int(field[field.index(field.startIndex, offsetBy: 6)..<close]) else { return nil }
        let rest = field[field.index(after: close)...].drop { $0 == "." }
        return (n, rest.isEmpty ? "itemId" : String(rest))
    }

    /// A refusal about the lines as a whole (no lines, too many lines) — shown above the grid.
    static func isAboutLines(_ error: AppError?) -> Bool { error?.details["field"].map { $0.hasPrefix("lines") } ?? false }

    // MARK: drawing

    /// `batches`: a receipt's grid, with the batch cell of each line (STO-05).
    /// `storage`: #12 — the bin cell of each line (STO-03) and, on an issue, the FEFO proposal cell (ISS-06).
    static func editable(_ rows: [Row], error: AppError?, batches: Bool = false, storage: LineStorageCells? = nil, _ l: AppLocale) -> HTML {
        // Posted rows keep their numbers; saved lines and the blank rows after them are numbered on.
        var next = (rows.compactMap(\.index).max() ?? -1) + 1
        var numbered: [(Int, Row)] = rows.map { row in
            if let i = row.index { return (i, row) }
            defer { next += 1 }
            return (next, row)
        }
        for _ in 0..<max(1, 3 - rows.count) {
            numbered.append((next, Row()))
            next += 1
        }
        let marked = errorLocation(error)
        let body: [HTML] = numbered.enumerated().map { position, entry in
            editableRow(entry.0, position + 1, entry.1, error: marked?.line == position ? (marked!.field, error!.message(l)) : nil, batches: batches, storage: storage, l)
        }
        let general: HTML = isAboutLines(error) && marked == nil ? "<p class=\"field-error\" id=\"lines-error\" role=\"alert\">\(error!.message, l)</p>" : .empty
        return """
        \(general)
        <table id="document-lines" class="line-grid" data-line-grid data-next-index="\(next)"\(storage?.tableAttributes(l) ?? .empty)>
        <thead><tr><th>#</th><th>\(Text("存货（编码 名称）", "Item (code name)"), l)</th><th>\(Text("数量", "Quantity"), l)</th><th>\(Text("备注", "Remark"), l)</th>
        \(batches ? "<th>\(Text("批次：批号 · 生产日期 · 有效期至（有保质期的存货必填日期）", "Batch: number · produced · expires (dates required for shelf-life items)")(l))</th>" as HTML : .empty)
        \(storage?.headers(l) ?? .empty)
        <th class="no-print"><span class="sr-only">\(Text("删除行", "Remove line"), l)</span></th></tr></thead>
        <tbody>\(body)</tbody></table>
        <template id="line-template">\(editableRow(nil, nil, Row(), error: nil, batches: batches, storage: storage, l))</template>
        <p class="no-print"><button type="button" id="line-add" data-line-add>\(Text("增加行", "Add line"), l)</button>
        <span class="hint">\(Text("回车移到下一格，最后一格回车增加一行；可直接输入存货编码", "Enter moves to the next cell and adds a line after the last one; type an item code or search"), l)</span></p>
        """
    }

    /// One line named `…_n`, shown as line `shown`; `n == nil` draws the template the script copies (`__N__` stands for
    /// the row number).
    static func editableRow(_ n: Int?, _ shown: Int?, _ row: Row, error: (field: String, message: String)?, batches: Bool = false, storage: LineStorageCells? = nil,
                            _ l: AppLocale) -> HTML {
        let i = n.map(String.init) ?? "__N__"
        let number = shown.map(String.init) ?? ""
        func invalid(_ field: String, _ id: String) -> HTML {
            guard let error, error.field == field else { return .empty }
            return " aria-invalid=\"true\" aria-describedby=\"\(id)-error\""
        }
        func message(_ field: String, _ id: String) -> HTML {
            guard let error, error.field == field else { return .empty }
            return "<p class=\"field-error\" id=\"\(id)-error\" role=\"alert\">\(error.message)</p>"
        }
        let itemLabel = Text("第 {0} 行 存货", "Line {0} item").with(number)(l)
        let qtyLabel = Text("第 {0} 行 数量", "Line {0} quantity").with(number)(l)
        let remarkLabel = Text("第 {0} 行 备注", "Line {0} remark").with(number)(l)
        return """
        <tr class="line-row\(error == nil ? "" : " has-error")" data-line="\(i)"><td class="line-no">\(number)</td>
        <td><input type="text" id="itemText_\(i)" name="itemText_\(i)" data-picker="/api/v1/search?kinds=item" data-picker-value="item_\(i)" value="\(row.itemText)" autocomplete="off" aria-label="\(itemLabel)"\(invalid("itemId", "itemText_\(i)"))><input type="hidden" id="item_\(i)" name="item_\(i)" value="\(row.itemId)">\(message("itemId", "itemText_\(i)"))</td>
        <td><input type="text" id="qty_\(i)" name="qty_\(i)" value="\(row.quantity)" inputmode="decimal" size="10" data-line-qty aria-label="\(qtyLabel)"\(invalid("quantity", "qty_\(i)"))>\(message("quantity", "qty_\(i)"))</td>
        <td><input type="text" id="lremark_\(i)" name="lremark_\(i)" value="\(row.remark)" aria-label="\(remarkLabel)"\(invalid("remark", "lremark_\(i)"))>\(message("remark", "lremark_\(i)"))</td>
        \(batches ? batchCell(i, number, row, invalid: invalid, message: message, l) : .empty)
        \(storage?.cells(i, number, row, invalid: invalid, message: message, l) ?? .empty)
        <td class="no-print"><button type="button" class="link" data-line-remove title="\(Text("删除该行", "Remove this line"), l)" aria-label="\(Text("删除该行", "Remove this line"), l)">×</button></td></tr>
        """
    }

    /// #12.4 (STO-05): a receipt line's batch — number and dates. Not in the Enter order of the grid (`data-line-extra`:
    /// Enter still goes 存货 → 数量 → 备注 → next line); reached by Tab or the mouse.
    static func batchCell(_ i: String, _ number: String, _ row: Row, invalid: (String, String) -> HTML, message: (String, String) -> HTML, _ l: AppLocale) -> HTML {
        func input(_ name: String, _ field: String, _ value: String, _ label: Text, _ size: Int) -> HTML {
            """
            <input type="text" id="\(name)_\(i)" name="\(name)_\(i)" value="\(value)" size="\(size)" data-line-extra aria-label="\(label.with(number)(l))"\(invalid(field, "\(name)_\(i)"))>\(message(field, "\(name)_\(i)"))
            """
        }
        return """
        <td class="line-batch">\(input("lbatch", "batchNo", row.batchNo, Text("第 {0} 行 批号", "Line {0} batch number"), 10))\(input("lprod", "productionDate", row.producedOn, Text("第 {0} 行 生产日期", "Line {0} production date"), 10))\(input("lexp", "expiryDate", row.expiresOn, Text("第 {0} 行 有效期至", "Line {0} expiry"), 10))</td>
        """
    }

    /// The lines of a saved document, with the 合计 line (quantities summed per unit).
    /// `storage`: #12 STO-03 — the bin and batch each line names, printed with the document (nil: no such column).
    static func readOnly(_ lines: [DocumentLineView], storage: [Int: LineStorageLabel]? = nil, _ l: AppLocale) -> HTML {
        let body: [HTML] = lines.enumerated().map { n, line in
            let place: HTML = storage.map { LineStorageCells.readOnlyCell($0[line.lineNo], l) } ?? .empty
            return "<tr class=\"line-row\"><td>\(n + 1)</td><td>\(line.itemCode)</td><td>\(line.itemName)</td><td>\(line.unit)</td><td class=\"num\">\(line.quantity.text)</td><td>\(line.remark)</td>\(place)</tr>"
        }
        var totals: [(unit: String, milli: Int64)] = []
        for line in lines {
            if let i = totals.firstIndex(where: { $0.unit == line.unit }) { totals[i].milli += line.quantity.milli } else { totals.append((line.unit, line.quantity.milli)) }
        }
        let total = totals.map { "\(Quantity(milli: $0.milli).text) \($0.unit)" }.joined(separator: "；")
        return """
        <table id="document-lines"><thead><tr><th>#</th><th>\(Text("存货编码", "Item code"), l)</th><th>\(Text("存货名称", "Item name"), l)</th>
        <th>\(Text("单位", "Unit"), l)</th><th>\(Text("数量", "Quantity"), l)</th><th>\(Text("备注", "Remark"), l)</th>\(storage == nil ? .empty : "<th>\(Text("库位 · 批次", "Bin · batch")(l))</th>" as HTML)</tr></thead><tbody>\(body)</tbody>
        <tfoot><tr id="lines-total"><td colspan="4">\(Text("合计（{0} 行）", "Total ({0} lines)").with(String(lines.count)), l)</td><td class="num">\(total)</td><td></td>\(storage == nil ? .empty : "<td></td>" as HTML)</tr></tfoot></table>
        """
    }
}
