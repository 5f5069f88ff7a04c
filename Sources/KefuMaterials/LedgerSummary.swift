import KefuDomain

/// #11.5, LED-06: the daily 流水账 as it is printed and signed — per item the 期初结存 before the period's first
/// movement, the period's 收入 / 发出 合计 and the 期末结存 after its last movement (balances in posting order, as the
/// ledger's 结存 column).
struct LedgerSummary: Sendable {
    struct Item: Sendable, Equatable {
        let itemId: String
        let code: String
        let name: String
        var opening: Quantity
        var quantityIn: Quantity
        var quantityOut: Quantity
        var closing: Quantity
    }

    let items: [Item]
    var totalIn: Quantity { Quantity(milli: items.reduce(0) { $0 + $1.quantityIn.milli }) }
    var totalOut: Quantity { Quantity(milli: items.reduce(0) { $0 + $1.quantityOut.milli }) }

    init(_ rows: [LedgerRow]) {
        var order: [String] = []
        var byItem: [String: Item] = [:]
        for r in rows {
            let inQ = r.quantityIn?.milli ?? 0, outQ = r.quantityOut?.milli ?? 0
            if var item = byItem[r.itemId] {
                item.quantityIn = Quantity(milli: item.quantityIn.milli + inQ)
                item.quantityOut = Quantity(milli: item.quantityOut.milli + outQ)
                item.closing = r.balance
                byItem[r.itemId] = item
            } else {
                order.append(r.itemId)
                byItem[r.itemId] = Item(itemId: r.itemId, code: r.itemCode, name: r.itemName, opening: Quantity(milli: r.balance.milli - inQ + outQ),
                                        quantityIn: Quantity(milli: inQ), quantityOut: Quantity(milli: outQ), closing: r.balance)
            }
        }
        items = order.compactMap { byItem[$0] }
    }
}
