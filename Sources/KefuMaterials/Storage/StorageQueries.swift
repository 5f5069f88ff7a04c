import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// Reads of bins and batches, within the viewer's scope (D16: HQ and department accountants see all, others their unit
/// and below).
public struct StorageQueries: Sendable {
    let store: any Store

    public init(store: any Store) { self.store = store }

    static func scope(_ viewer: Principal, column: String = "w.org_path") -> SQLQueryString? {
        MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) ? nil : "\(unsafeRaw: column) LIKE \(bind: viewer.orgPath + "%")"
    }

    public func bins(warehouseId: String?, viewer: Principal) async throws -> [BinView] {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await Self.bins(db, warehouseId: TextRules.trimmed(warehouseId), viewer: viewer) }
    }

    static func bins(_ db: any SQLDatabase, warehouseId: String?, viewer: Principal) async throws -> [BinView] {
        var conditions: [SQLQueryString] = []
        if let warehouseId { conditions.append("b.warehouse_id = \(bind: warehouseId)") }
        if let s = scope(viewer) { conditions.append(s) }
        let whereClause: SQLQueryString = conditions.isEmpty ? "" : "WHERE \(SQLList(conditions, separator: SQLRaw(" AND ")))"
        return try await db.raw("""
            SELECT \(unsafeRaw: BinView.columns) FROM bins b JOIN warehouses w ON w.id = b.warehouse_id \(whereClause) ORDER BY w.code, b.rack, b.tier, b.position
            """).all().map(BinView.init(row:))
    }

    /// Stock per place in issue order (FEFO, then FIFO) per warehouse and item; `nearOnly`: the near-expiry list.
    public func batches(itemId: String?, warehouseId: String?, nearOnly: Bool = false, viewer: Principal, now: Date = Date()) async throws -> [BatchStockRow] {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            try await Self.batches(db, itemId: TextRules.trimmed(itemId), warehouseId: TextRules.trimmed(warehouseId), binId: nil, nearOnly: nearOnly, viewer: viewer, now: now)
        }
    }

    static func batches(_ db: any SQLDatabase, itemId: String?, warehouseId: String?, binId: String?, nearOnly: Bool, viewer: Principal, now: Date) async throws -> [BatchStockRow] {
        var conditions: [SQLQueryString] = ["p.quantity <> 0"]
        if let itemId { conditions.append("p.item_id = \(bind: itemId)") }
        if let warehouseId { conditions.append("p.warehouse_id = \(bind: warehouseId)") }
        if let binId { conditions.append("p.bin_id = \(bind: binId)") }
        if let s = scope(viewer) { conditions.append(s) }
        let rows = try await db.raw("""
            SELECT p.warehouse_id, w.code AS warehouse_code, p.item_id, i.code AS item_code, i.name AS item_name, i.unit, i.near_expiry_days,
                p.batch_id, s.batch_no, s.production_date, s.received_on, s.expiry_date, s.maintenance_due, p.bin_id, n.code AS bin_code, p.quantity
            FROM stock_places p JOIN warehouses w ON w.id = p.warehouse_id JOIN items i ON i.id = p.item_id
            LEFT JOIN stock_batches s ON s.id = p.batch_id LEFT JOIN bins n ON n.id = p.bin_id
            WHERE \(SQLList(conditions, separator: SQLRaw(" AND ")))
            """).all()
        let today = MaterialValidation.today(now)
        struct Raw { let row: BatchStockRow; let lot: FEFO.Lot; let threshold: Int? }
        var groups: [String: [Raw]] = [:]
        for r in rows {
            let batchId = try r.decode(column: "batch_id", as: String.self), binId = try r.decode(column: "bin_id", as: String.self)
            let expiry = try r.decode(column: "expiry_date", as: String?.self)
            let threshold = try r.decode(column: "near_expiry_days", as: Int?.self)
            let quantity = try r.decode(column: "quantity", as: Int64.self)
            let received = try r.decode(column: "received_on", as: String?.self)
            let row = BatchStockRow(
                warehouseId: try r.decode(column: "warehouse_id", as: String.self), warehouseCode: try r.decode(column: "warehouse_code", as: String.self),
                itemId: try r.decode(column: "item_id", as: String.self), itemCode: try r.decode(column: "item_code", as: String.self),
                itemName: try r.decode(column: "item_name", as: String.self), unit: try r.decode(column: "unit", as: String.self),
                batchId: batchId.isEmpty ? nil : batchId, batchNo: try r.decode(column: "batch_no", as: String?.self),
                productionDate: try r.decode(column: "production_date", as: String?.self), receivedOn: received, expiryDate: expiry,
                maintenanceDue: try r.decode(column: "maintenance_due", as: String?.self),
                binId: binId.isEmpty ? nil : binId, binCode: try r.decode(column: "bin_code", as: String?.self), quantity: Quantity(milli: quantity),
                nearExpiry: ShelfLife.isNearExpiry(expiry: expiry, today: today, thresholdDays: threshold), issueOrder: 0)
            groups[row.warehouseId + "\u{1}" + row.itemId, default: []].append(
                Raw(row: row, lot: FEFO.Lot(binId: binId, batchId: batchId, expiry: expiry, receivedOn: received ?? "", quantity: quantity), threshold: threshold))
        }
        var out: [BatchStockRow] = []
        for key in groups.keys.sorted() {
            let sorted = groups[key]!.sorted { FEFO.before($0.lot, $1.lot) }
            for (i, raw) in sorted.enumerated() {
                let r = raw.row
                out.append(BatchStockRow(warehouseId: r.warehouseId, warehouseCode: r.warehouseCode, itemId: r.itemId, itemCode: r.itemCode, itemName: r.itemName,
                                         unit: r.unit, batchId: r.batchId, batchNo: r.batchNo, productionDate: r.productionDate, receivedOn: r.receivedOn,
                                         expiryDate: r.expiryDate, maintenanceDue: r.maintenanceDue, binId: r.binId, binCode: r.binCode, quantity: r.quantity,
                                         nearExpiry: r.nearExpiry, issueOrder: i + 1))
            }
        }
        out.sort { ($0.warehouseCode, $0.itemCode, $0.issueOrder) < ($1.warehouseCode, $1.itemCode, $1.issueOrder) }
        return nearOnly ? out.filter(\.nearExpiry) : out
    }

    /// A document's bin/batch lines for the API (`GET /api/v1/stock-documents/{id}/placements`), within the viewer's scope.
    public func placements(documentId: String, viewer: Principal) async throws -> [StoragePlacementLine] {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await Self.placements(db, document: try await DocumentQueries.view(db, id: documentId, viewer: viewer)) }
    }

    /// The document page's bin/batch lines: what an audited document moved, or what a saved issue would take (FEFO,
    /// ISS-06: the issue screen proposes the batch).
    static func placements(_ db: any SQLDatabase, document d: StockDocumentView) async throws -> [StoragePlacementLine] {
        let codes = Dictionary(d.lines.map { ($0.lineNo, $0.itemCode) }, uniquingKeysWith: { a, _ in a })
        // STO-02: each line's item class and the place it suggests.
        let items = try await StorageLookups.items(db, ids: Array(Set(d.lines.map(\.itemId))))
        let classes = Dictionary(d.lines.map { ($0.lineNo, items[$0.itemId]?.abcClass ?? .C) }, uniquingKeysWith: { a, _ in a })
        func abc(_ lineNo: Int) -> (cls: String, place: String) {
            let c = classes[lineNo] ?? .C
            return (c.rawValue, ABCPlacement.place(for: c).rawValue)
        }
        if d.status == DocumentStatus.audited.rawValue {
            return try await db.raw("""
                SELECT p.line_no, p.quantity, n.code AS bin_code, s.batch_no, s.expiry_date FROM stock_line_places p
                LEFT JOIN bins n ON n.id = p.bin_id LEFT JOIN stock_batches s ON s.id = p.batch_id
                WHERE p.document_id = \(bind: d.id) ORDER BY p.line_no
                """).all().map { r in
                let lineNo = try r.decode(column: "line_no", as: Int.self)
                return StoragePlacementLine(lineNo: lineNo, itemCode: codes[lineNo] ?? "", binCode: try r.decode(column: "bin_code", as: String?.self),
                                            batchNo: try r.decode(column: "batch_no", as: String?.self), expiryDate: try r.decode(column: "expiry_date", as: String?.self),
                                            quantity: Quantity(milli: abs(try r.decode(column: "quantity", as: Int64.self))), done: true,
                                            abcClass: abc(lineNo).cls, suggestedPlace: abc(lineNo).place)
            }
        }
        guard d.direction == StockDirection.out.rawValue else { return [] }
        let asked = try await StorageLines.load(db, documentId: d.id)
        var lots = try await StorageLookups.lots(db, warehouseId: d.warehouseId, itemIds: Array(Set(d.lines.map(\.itemId))))
        let bins = try await StorageLookups.bins(db, warehouseId: d.warehouseId)
        var batchNames: [String: (no: String, expiry: String?)] = [:]
        for row in try await db.raw("SELECT id, batch_no, expiry_date FROM stock_batches WHERE warehouse_id = \(bind: d.warehouseId)").all() {
            batchNames[try row.decode(column: "id", as: String.self)] = (try row.decode(column: "batch_no", as: String.self), try row.decode(column: "expiry_date", as: String?.self))
        }
        var out: [StoragePlacementLine] = []
        for line in d.lines where line.quantity.isPositive {
            for t in StorageLookups.take(&lots, itemId: line.itemId, want: asked[line.lineNo], quantity: line.quantity.milli) ?? [] {
                out.append(StoragePlacementLine(lineNo: line.lineNo, itemCode: line.itemCode, binCode: bins[t.binId]?.code, batchNo: batchNames[t.batchId]?.no,
                                                expiryDate: batchNames[t.batchId]?.expiry, quantity: Quantity(milli: t.quantity), done: false,
                                                abcClass: abc(line.lineNo).cls, suggestedPlace: abc(line.lineNo).place))
            }
        }
        return out
    }
}
