import KefuDomain
import KefuPlatform

/// #12.4 on a document's page: a saved issue shows the batches FEFO proposes (ISS-06: the earliest expiry first, the
/// storekeeper fetches those); an audited document shows the bins and batches it put into or took from. Each item shows its
/// ABC class and where such an item belongs (STO-02: A floor-stacked, B and C shelved).
enum PlacementTable {
    static func render(_ lines: [StoragePlacementLine], _ l: AppLocale) -> HTML {
        guard let first = lines.first else { return .empty }
        let rows: [HTML] = lines.map { p in
            """
            <tr class="placement-row" data-item="\(p.itemCode)" data-batch="\(p.batchNo ?? "")"><td class="num">\(String(p.lineNo))</td><td>\(p.itemCode) <span class="placement-abc">\(StorageLabels.abc(ABCClass(rawValue: p.abcClass) ?? .C, l))</span></td>
            <td>\(p.binCode ?? Text("未上架", "Not put away")(l))</td><td class="batch-no">\(p.batchNo ?? "—")</td><td>\(p.expiryDate ?? "—")</td><td class="num">\(p.quantity.text)</td></tr>
            """
        }
        let title = first.done ? Text("库位与批次（已执行）", "Bins and batches (done)") : Text("建议发货批次（效期先出 FEFO）", "Batches to issue (first to expire, FEFO)")
        return """
        <h2 id="placement-title">\(title, l)</h2>
        <table id="placements" data-done="\(first.done ? "1" : "0")"><thead><tr><th>\(Text("行", "Line"), l)</th><th>\(Text("存货编码 · ABC 分类与存放建议（STO-02）", "Item code · ABC class and where it belongs (STO-02)"), l)</th>
        <th>\(Text("库位", "Bin"), l)</th><th>\(Text("批号", "Batch"), l)</th><th>\(Text("有效期至", "Expiry"), l)</th><th>\(Text("数量", "Quantity"), l)</th></tr></thead>
        <tbody>\(rows)</tbody></table>
        """
    }
}
