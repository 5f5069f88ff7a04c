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

    static func binPicker(_ warehouseId: String) -> String { "/api/v1/bins/search?warehouseId=" + urlQueryValue(warehouseId) }

    func tableAttributes(_ l: AppLocale) -> HTML {
        """
         data-line-storage data-warehouse="\(warehouseId)" data-fefo="\(fefo ? "1" : "0")" data-text-accept="\(Text("采用", "Accept"), l)" data-text-accepted="\(Text("已采用", "Accepted"), l)" data-text-none="\(Text("该仓库没有此存货的库存", "No stock of this item in the warehouse"), l)" data-text-short="\(Text("库存不足，缺 {0}", "Short by {0}"), l)" data-text-batch="\(Text("批次", "Batch"), l)" data-text-expiry="\(Text("有效期至", "expires"), l)" data-text-bin="\(Text("库位", "bin"), l)" data-text-loose="\(Text("未上架", "not put away"), l)" data-text-fefo="\(Text("效期先出建议：", "First to expire: "), l)"
        """
    }

    func headers(_ l: AppLocale) -> HTML {
        let bin: HTML = "<th>\(Text("库位（仓库-货架-层-位）", "Bin (warehouse-rack-tier-position)"), l)</th>"
        return fefo ? "\(bin)<th>\(Text("批次（效期先出建议）", "Batch (first to expire)"), l)</th>" : bin
    }

    func cells(_ i: String, _ number: String, _ row: LineGrid.Row, invalid: (String, String) -> HTML, message: (String, String) -> HTML, _ l: AppLocale) -> HTML {
        let bin: HTML = """
        <td class="line-bin"><input type="text" id="lbinText_\(i)" name="lbinText_\(i)" value="\(row.binText)" size="12" data-picker="\(Self.binPicker(warehouseId))" data-picker-value="lbin_\(i)" data-line-extra data-line-bin autocomplete="off" aria-label="\(Text("第 {0} 行 库位", "Line {0} bin").with(number), l)"\(invalid("binId", "lbinText_\(i)"))><input type="hidden" id="lbin_\(i)" name="lbin_\(i)" value="\(row.binId)">\(message("binId", "lbinText_\(i)"))</td>
        """
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
