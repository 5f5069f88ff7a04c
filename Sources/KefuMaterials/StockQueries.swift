import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// On-hand (现存量) and the stock ledger (出入库流水账, LED).
public struct StockQueries: Sendable {
    let store: any Store

    public init(store: any Store) { self.store = store }

    /// Non-zero balances the viewer may see, optionally of one warehouse and/or one item.
    public func onHand(warehouseId: String?, itemId: String?, viewer: Principal) async throws -> [OnHandRow] {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await Self.onHand(db, warehouseId: warehouseId, itemId: itemId, viewer: viewer) }
    }

    static func onHand(_ db: any SQLDatabase, warehouseId: String?, itemId: String?, viewer: Principal) async throws -> [OnHandRow] {
        let warehouseId = TextRules.trimmed(warehouseId), itemId = TextRules.trimmed(itemId)
        var conditions: [SQLQueryString] = ["b.quantity <> 0"]
        if let warehouseId { conditions.append("b.warehouse_id = \(bind: warehouseId)") }
        if let itemId { conditions.append("b.item_id = \(bind: itemId)") }
        if !MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) { conditions.append("w.org_path LIKE \(bind: viewer.orgPath + "%")") }
        return try await db.raw("""
            SELECT b.warehouse_id, w.code AS warehouse_code, b.item_id, i.code AS item_code, i.name AS item_name, i.unit, b.quantity
            FROM stock_balances b JOIN warehouses w ON w.id = b.warehouse_id JOIN items i ON i.id = b.item_id
            WHERE \(SQLList(conditions, separator: SQLRaw(" AND "))) ORDER BY w.code, i.code
            """).all().map {
            OnHandRow(warehouseId: try $0.decode(column: "warehouse_id", as: String.self), warehouseCode: try $0.decode(column: "warehouse_code", as: String.self),
                      itemId: try $0.decode(column: "item_id", as: String.self), itemCode: try $0.decode(column: "item_code", as: String.self),
                      itemName: try $0.decode(column: "item_name", as: String.self), unit: try $0.decode(column: "unit", as: String.self),
                      quantity: Quantity(milli: try $0.decode(column: "quantity", as: Int64.self)))
        }
    }

    /// ISS-07: what auditing the document would do to each of its items (in the order the lines first name them).
    public func check(_ d: StockDocumentView, viewer: Principal) async throws -> [StockCheckLine] {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await Self.check(db, d, viewer: viewer) }
    }

    static func check(_ db: any SQLDatabase, _ d: StockDocumentView, viewer: Principal) async throws -> [StockCheckLine] {
        guard let direction = StockDirection(rawValue: d.direction) else { return [] }
        let change = Dictionary(uniqueKeysWithValues: Posting.deltas(d.lines.map {
            (key: Posting.Key(warehouseId: d.warehouseId, itemId: $0.itemId), movement: Posting.movement(direction: direction, quantity: $0.quantity, reversing: false))
        }).map { ($0.key.itemId, $0.delta) })
        let onHand = try await onHand(db, warehouseId: d.warehouseId, itemIds: d.lines.map(\.itemId), viewer: viewer)
        var seen = Set<String>()
        return d.lines.filter { seen.insert($0.itemId).inserted }.map {
            StockCheckLine(itemCode: $0.itemCode, itemName: $0.itemName, unit: $0.unit, onHand: onHand[$0.itemId] ?? Quantity(milli: 0),
                           change: Quantity(milli: change[$0.itemId] ?? 0))
        }
    }

    /// On-hand of the given items in one warehouse the viewer may see; an item without stock is absent.
    static func onHand(_ db: any SQLDatabase, warehouseId: String, itemIds: [String], viewer: Principal) async throws -> [String: Quantity] {
        guard !itemIds.isEmpty else { return [:] }
        var conditions: [SQLQueryString] = ["b.warehouse_id = \(bind: warehouseId)", "b.item_id IN (\(SQLList(Set(itemIds).map { SQLBind($0) })))"]
        if !MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) { conditions.append("w.org_path LIKE \(bind: viewer.orgPath + "%")") }
        var out: [String: Quantity] = [:]
        for row in try await db.raw("""
            SELECT b.item_id, b.quantity FROM stock_balances b JOIN warehouses w ON w.id = b.warehouse_id
            WHERE \(SQLList(conditions, separator: SQLRaw(" AND ")))
            """).all() {
            out[try row.decode(column: "item_id", as: String.self)] = Quantity(milli: try row.decode(column: "quantity", as: Int64.self))
        }
        return out
    }

    /// The stocktake template of 篇2 §6 starts from this export.
    public func onHandCSV(warehouseId: String?, itemId: String? = nil, viewer: Principal) async throws -> String {
        let rows = try await onHand(warehouseId: warehouseId, itemId: itemId, viewer: viewer)
        return CSV.document([["warehouseCode", "itemCode", "itemName", "unit", "quantity", "countedQuantity"]]
                            + rows.map { [$0.warehouseCode, $0.itemCode, $0.itemName, $0.unit, $0.quantity.text, ""] })
    }

    /// One warehouse's movements with document dates in [from, to], in posting order; `balance` is the item's on-hand
    /// in that warehouse right after the movement.
    public func ledger(warehouseId rawWarehouse: String?, from rawFrom: String?, to rawTo: String?, itemId: String? = nil, viewer: Principal) async throws -> [LedgerRow] {
        try MaterialAccess.requireViewer(viewer)
        let now = Date()
        let from = try MaterialValidation.date(rawFrom ?? String(MaterialValidation.today(now).prefix(8)) + "01", now: now)
        let to = try MaterialValidation.date(rawTo, now: now)
        let itemId = TextRules.trimmed(itemId)
        return try await store.read { db in try await Self.ledger(db, warehouseId: rawWarehouse, from: from, to: to, itemId: itemId, viewer: viewer) }
    }

    static func ledger(_ db: any SQLDatabase, warehouseId rawWarehouse: String?, from: String, to: String, itemId: String?, viewer: Principal) async throws -> [LedgerRow] {
        let w = try await MasterDataService.requireWarehouse(db, id: rawWarehouse, field: "warehouseId")
        try MaterialAccess.requireView(viewer, w)
        let item: SQLQueryString = itemId.map { "AND m.item_id = \(bind: $0)" } ?? ""
        return try await db.raw("""
            SELECT m.seq, m.doc_date, m.document_id, m.document_number, m.direction, m.reason, m.item_id, i.code, i.name, m.quantity, m.balance_after, m.remark,
                d.ticket_id, d.ticket_number
            FROM stock_movements m JOIN items i ON i.id = m.item_id LEFT JOIN stock_documents d ON d.id = m.document_id
            WHERE m.warehouse_id = \(bind: w.id) AND m.doc_date >= \(bind: from) AND m.doc_date <= \(bind: to) \(item)
            ORDER BY m.seq
            """).all().map { r in
            let q = try r.decode(column: "quantity", as: Int64.self)
            let isIn = try r.decode(column: "direction", as: String.self) == "in"
            return LedgerRow(seq: try r.decode(column: "seq", as: Int64.self), date: try r.decode(column: "doc_date", as: String.self),
                             documentId: try r.decode(column: "document_id", as: String.self), documentNumber: try r.decode(column: "document_number", as: String.self),
                             reason: try r.decode(column: "reason", as: String.self), itemId: try r.decode(column: "item_id", as: String.self),
                             itemCode: try r.decode(column: "code", as: String.self), itemName: try r.decode(column: "name", as: String.self),
                             quantityIn: isIn ? Quantity(milli: q) : nil, quantityOut: isIn ? nil : Quantity(milli: -q),
                             balance: Quantity(milli: try r.decode(column: "balance_after", as: Int64.self)),
                             remark: try r.decode(column: "remark", as: String.self),
                             ticketId: try r.decode(column: "ticket_id", as: String?.self), ticketNumber: try r.decode(column: "ticket_number", as: String?.self))
        }
    }
}

/// `kefu check-ledger`: rebuilds every balance from the ledger and reports where the kept balance differs.
public enum LedgerCheck {
    public struct Difference: Sendable, CustomStringConvertible {
        public let warehouseId: String
        public let itemId: String
        public let balance: Int64
        public let ledger: Int64
        public var description: String {
            "warehouse \(warehouseId) item \(itemId): balance \(Quantity(milli: balance).text), ledger \(Quantity(milli: ledger).text)"
        }
    }

    public static func differences(_ db: any SQLDatabase) async throws -> [Difference] {
        // Ledger sums against their balances, then balances with no ledger at all; each side an index look-up per row
        // (a FULL OUTER JOIN against an aggregate has no index to use on SQLite).
        let rows = try await db.raw("""
            SELECT l.warehouse_id, l.item_id, COALESCE(b.quantity, 0) AS balance, l.total AS ledger
            FROM (SELECT item_id, warehouse_id, CAST(SUM(quantity) AS BIGINT) AS total FROM stock_movements GROUP BY item_id, warehouse_id) l
            LEFT JOIN stock_balances b ON b.warehouse_id = l.warehouse_id AND b.item_id = l.item_id
            WHERE COALESCE(b.quantity, 0) <> l.total
            UNION ALL
            SELECT b.warehouse_id, b.item_id, b.quantity AS balance, 0 AS ledger FROM stock_balances b
            WHERE b.quantity <> 0 AND NOT EXISTS (SELECT 1 FROM stock_movements m WHERE m.item_id = b.item_id AND m.warehouse_id = b.warehouse_id)
            ORDER BY 1, 2
            """).all()
        return try rows.map {
            Difference(warehouseId: try $0.decode(column: "warehouse_id", as: String.self), itemId: try $0.decode(column: "item_id", as: String.self),
                       balance: try $0.decode(column: "balance", as: Int64.self), ledger: try $0.decode(column: "ledger", as: Int64.self))
        }
    }

    /// Checks; with `repair`, rewrites the differing balances from the ledger in one transaction.
    public static func run(_ store: any Store, repair: Bool) async throws -> [Difference] {
        try await store.write { db in
            let diffs = try await differences(db)
            if repair {
                // #18.1: the balance rows in (warehouse, item) byte order, the order every posting takes them in.
                for d in diffs.sorted(by: { ($0.warehouseId, $0.itemId) < ($1.warehouseId, $1.itemId) }) {
                    try await db.raw("""
                        INSERT INTO stock_balances (warehouse_id, item_id, quantity, updated_at) VALUES (\(bind: d.warehouseId), \(bind: d.itemId), \(bind: d.ledger), \(bind: Clock.millis()))
                        ON CONFLICT (warehouse_id, item_id) DO UPDATE SET quantity = excluded.quantity, updated_at = excluded.updated_at
                        """).run()
                }
            }
            return diffs
        }
    }
}
