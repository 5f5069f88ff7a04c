import KefuDomain
import KefuPlatform

/// #12 STO-03, ISS-06: the bin and batch a saved line names, as the document page shows and prints them.
struct LineStorageLabel: Sendable, Equatable {
    var binId: String?
    /// Four-part location: warehouse, rack, tier, position.
    var binLocation: String?
    var batchId: String?
    /// "batch no · expiry".
    var batchLabel: String?
    /// A transfer line: the bin in the in warehouse, and each end's location (edit form).
    var toBinId: String? = nil
    var fromLocation: String? = nil
    var toLocation: String? = nil
}

/// #12 on the line grid of a receipt or issue: the bin cell of each line — the shared picker over the warehouse's bins,
/// filled with the item's usual bin when the item is chosen (STO-03) — and on an issue the FEFO cell: the batches the
/// issue would take (earliest expiry first), which the user accepts before saving (ISS-06). Behaviour:
/// `Assets.lineProposalJS` (markup contract: `data-line-storage` on the grid, `data-line-fefo` cells).
struct LineStorageCells: Sendable {
    /// The warehouse chosen on the form ("" while none is).
    let warehouseId: String
    /// An issue: the FEFO cell is drawn.
    let fefo: Bool
    /// A transfer: `warehouseId` is the out warehouse and each line has a second bin, in this (in) warehouse.
    var toWarehouseId: String? = nil

    static func binPicker(_ warehouseId: String) -> String { "/api/v1/bins/search?warehouseId=" + urlQueryValue(warehouseId) }

    /// A transfer's grid also proposes FEFO (STO-05): `data-warehouse-select` names its out-warehouse select, and
    /// `data-batch-kept="0"` says the line keeps no batch — accepting writes the out bin and quantity per batch; the
    /// generated out document takes the batch FEFO within that bin at audit.
    func tableAttributes(_ l: AppLocale) -> HTML {
        let transfer: HTML = toWarehouseId == nil ? .empty : " data-line-bins data-warehouse-select=\"t-from\" data-batch-kept=\"0\""
        return """
         \(transfer) data-line-storage data-warehouse="\(warehouseId)" data-fefo="\(fefo || toWarehouseId != nil ? "1" : "0")" data-text-accept="\(Text("采用", "Accept"), l)" data-text-accepted="\(Text("已采用", "Accepted"), l)" data-text-none="\(Text("该仓库没有此存货的库存", "No stock of this item in the warehouse"), l)" data-text-short="\(Text("库存不足，缺 {0}", "Short by {0}"), l)" data-text-batch="\(Text("批次", "Batch"), l)" data-text-expiry="\(Text("有效期至", "expires"), l)" data-text-bin="\(Text("库位", "bin"), l)" data-text-loose="\(Text("未上架", "not put away"), l)" data-text-fefo="\(Text("效期先出建议：", "First to expire: "), l)"
        """
    }

    func headers(_ l: AppLocale) -> HTML {
        if toWarehouseId != nil {
            return "<th>\(Text("转出库位", "Bin taken from"), l)</th><th>\(Text("转入库位", "Bin put into"), l)</th><th>\(Text("转出批次（效期先出建议）", "Batches out (first to expire)"), l)</th>"
        }
        let bin: HTML = "<th>\(Text("库位（仓库-货架-层-位）", "Bin (warehouse-rack-tier-position)"), l)</th>"
        return fefo ? "\(bin)<th>\(Text("批次（效期先出建议）", "Batch (first to expire)"), l)</th>" : bin
    }

    func cells(_ i: String, _ number: String, _ row: LineGrid.Row, invalid: (String, String) -> HTML, message: (String, String) -> HTML, _ l: AppLocale) -> HTML {
        func binCell(_ name: String, _ field: String, _ text: String, _ id: String, _ warehouse: String, select: String, _ label: Text) -> HTML {
            """
            <td class="line-bin"><input type="text" id="\(name)Text_\(i)" name="\(name)Text_\(i)" value="\(text)" size="12" data-picker="\(Self.binPicker(warehouse))" data-picker-value="\(name)_\(i)" data-line-extra data-line-bin data-bin-of="\(select)" autocomplete="off" aria-label="\(label.with(number), l)"\(invalid(field, "\(name)Text_\(i)"))><input type="hidden" id="\(name)_\(i)" name="\(name)_\(i)" value="\(id)">\(message(field, "\(name)Text_\(i)"))</td>
            """
        }
        if let to = toWarehouseId {
            return """
            \(binCell("lbin", "binId", row.binText, row.binId, warehouseId, select: "t-from", Text("第 {0} 行 转出库位", "Line {0} bin taken from")))\(binCell("ltobin", "toBinId", row.toBinText, row.toBinId, to, select: "t-to", Text("第 {0} 行 转入库位", "Line {0} bin put into")))<td class="line-fefo" data-line-fefo id="lfefo_\(i)"><span class="fefo-text" aria-live="polite"></span></td>
            """
        }
        let bin = binCell("lbin", "binId", row.binText, row.binId, warehouseId, select: "doc-warehouse", Text("第 {0} 行 库位", "Line {0} bin"))
        guard fefo else { return bin }
        return """
        \(bin)<td class="line-fefo" data-line-fefo id="lfefo_\(i)"><input type="hidden" id="lbatchId_\(i)" name="lbatchId_\(i)" value="\(row.batchId)"><input type="hidden" id="lbatchText_\(i)" name="lbatchText_\(i)" value="\(row.batchText)"><span class="fefo-text" aria-live="polite">\(row.batchText.isEmpty ? "" : Text("已采用", "Accepted")(l) + "：" + row.batchText)</span>\(message("batchId", "lbatchId_\(i)"))</td>
        """
    }

    static func readOnlyCell(_ label: LineStorageLabel?, _ l: AppLocale) -> HTML {
        let parts = [label?.binLocation, label?.batchLabel.map { Text("批次", "Batch")(l) + " " + $0 }].compactMap { $0 }
        return "<td class=\"line-place\">\(parts.isEmpty ? "—" : parts.joined(separator: " · "))</td>"
    }
}
