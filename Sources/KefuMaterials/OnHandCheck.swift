import KefuPlatform

/// ISS-07's table on a saved document's page: the storekeeper checks the stock before handing out (篇3 §1.3).
enum OnHandCheck {
    static func render(_ lines: [StockCheckLine], _ l: AppLocale) -> HTML {
        guard !lines.isEmpty else { return .empty }
        let rows: [HTML] = lines.map { c in
            let short: HTML = c.isShort ? "<td class=\"short\">\(Text("不足", "Short"), l)</td>" : "<td></td>"
            return """
            <tr class="on-hand-check-row" data-item="\(c.itemCode)"><td>\(c.itemCode)</td><td>\(c.itemName)</td><td>\(c.unit)</td>
            <td class="num">\(c.onHand.text)</td><td class="num">\(c.change.text)</td><td class="num after">\(c.after.text)</td>\(short)</tr>
            """
        }
        return """
        <h2>\(Text("现存量核对（审核前）", "Stock check (before audit)"), l)</h2>
        <table id="on-hand-check"><thead><tr><th>\(Text("存货编码", "Item code"), l)</th><th>\(Text("存货名称", "Item name"), l)</th><th>\(Text("单位", "Unit"), l)</th>
        <th>\(Text("现存量", "On-hand"), l)</th><th>\(Text("本单", "This document"), l)</th><th>\(Text("审核后", "After audit"), l)</th><th></th></tr></thead>
        <tbody>\(rows)</tbody></table>
        """
    }
}
