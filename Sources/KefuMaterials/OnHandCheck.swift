import KefuDomain
import KefuPlatform

/// ISS-07: before a document is audited its page shows, per item, the on-hand in the document's warehouse, what the
/// audit changes and what it leaves; a shortfall is marked, since the audit would be refused (DOC-07). The storekeeper
/// checks the stock before handing out (篇3 §1.3).
enum OnHandCheck {
    static func render(_ d: StockDocumentView, onHand: [String: Quantity], _ l: AppLocale) -> HTML {
        guard let direction = StockDirection(rawValue: d.direction), !d.lines.isEmpty else { return .empty }
        var order: [String] = []
        var change: [String: Int64] = [:]
        var line: [String: DocumentLineView] = [:]
        for l in d.lines {
            if change[l.itemId] == nil { order.append(l.itemId); line[l.itemId] = l }
            change[l.itemId, default: 0] += Posting.movement(direction: direction, quantity: l.quantity, reversing: false)
        }
        let rows: [HTML] = order.map { itemId in
            let now = onHand[itemId]?.milli ?? 0
            let delta = change[itemId] ?? 0
            let after = now + delta
            let l0 = line[itemId]!
            let short: HTML = after < 0 ? "<td class=\"short\">\(Text("不足", "Short"), l)</td>" : "<td></td>"
            return """
            <tr class="on-hand-check-row" data-item="\(l0.itemCode)"><td>\(l0.itemCode)</td><td>\(l0.itemName)</td><td>\(l0.unit)</td>
            <td class="num">\(Quantity(milli: now).text)</td><td class="num">\(Quantity(milli: delta).text)</td><td class="num after">\(Quantity(milli: after).text)</td>\(short)</tr>
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
