import KefuDomain
import KefuPlatform
import SQLKit

/// Moves stock for an audit or un-audit (DOC-06, DOC-07, D1), inside the caller's transaction: the balances change
/// and the ledger grows in the same commit, or neither does.
///
/// Concurrency: each (warehouse, item) balance is changed by one upsert that adds the delta
/// (`quantity = quantity + excluded.quantity`) and returns the new value. On PostgreSQL the upsert takes the row lock
/// and holds it to commit, so a concurrent posting of the same item waits and then adds to the committed value (no
/// lost update); rows are always taken in (warehouse, item) order, so two postings never wait on each other in a
/// circle (no deadlock). SQLite has one writer, which serialises postings whole.
enum PostingEngine {
    struct Document: Sendable {
        let id: String
        let number: String
        let direction: StockDirection
        let reason: String
        let date: String
        let remark: String
        let warehouseId: String
    }

    struct Line: Sendable {
        let itemId: String
        let quantity: Quantity
        let remark: String
    }

    static let balanceChunk = 500
    static let movementChunk = 400
    static let preparedLines = 20

    /// Posts `lines` of `document` (or their reversal). Throws 409 `stock_below_zero` naming the item and warehouse
    /// when any balance would end below zero.
    /// `alongside`: statements (PostgreSQL only) run as data-modifying CTEs of the last ledger insert, after the
    /// balances are known to stay at or above zero — they cost no extra round trip.
    static func post(_ db: any SQLDatabase, document: Document, lines: [Line], reversing: Bool, actorId: String, at: Int64,
                     alongside: [SQLQueryString] = []) async throws {
        let keyed = keyedLines(document, lines, reversing: reversing)
        let after = try await applyBalances(db, Posting.deltas(keyed), at: at)
        try await appendLedger(db, document: document, lines: lines, reversing: reversing, after: after, actorId: actorId, at: at, alongside: alongside)
    }

    static func keyedLines(_ document: Document, _ lines: [Line], reversing: Bool) -> [(key: Posting.Key, movement: Int64)] {
        lines.map { (key: Posting.Key(warehouseId: document.warehouseId, itemId: $0.itemId),
                     movement: Posting.movement(direction: document.direction, quantity: $0.quantity, reversing: reversing)) }
    }

    /// Adds the deltas to the balances in lock order; returns the balances after.
    static func applyBalances(_ db: any SQLDatabase, _ deltas: [(key: Posting.Key, delta: Int64)], at: Int64) async throws -> [Posting.Key: Int64] {
        var after: [Posting.Key: Int64] = [:]
        var start = 0
        while start < deltas.count {
            let chunk = deltas[start..<min(start + balanceChunk, deltas.count)]
            let values = SQLList(chunk.map { SQLQueryString("(\(bind: $0.key.warehouseId), \(bind: $0.key.itemId), \(bind: $0.delta), \(bind: at))") })
            let rows = try await db.raw("""
                INSERT INTO stock_balances (warehouse_id, item_id, quantity, updated_at) VALUES \(values)
                ON CONFLICT (warehouse_id, item_id) DO UPDATE SET quantity = stock_balances.quantity + excluded.quantity, updated_at = excluded.updated_at
                RETURNING warehouse_id, item_id, quantity
                """).all()
            for row in rows {
                after[Posting.Key(warehouseId: try row.decode(column: "warehouse_id", as: String.self), itemId: try row.decode(column: "item_id", as: String.self))]
                    = try row.decode(column: "quantity", as: Int64.self)
            }
            start += balanceChunk
        }
        return after
    }

    /// PostgreSQL, one statement for a document's audit or un-audit: reads its lines (after the document row is locked,
    /// so they are current) and adds their net per item to the balances, taking the balance rows in item order —
    /// byte order (`COLLATE "C"`), the order of `Posting.Key` for these ASCII ids — so the lock order is the same as on
    /// every other posting. Returns the lines and the balances after.
    static func loadAndApply(_ db: any SQLDatabase, documentId: String, document: Document, reversing: Bool, at: Int64) async throws
        -> (lines: [DocumentLineView], after: [Posting.Key: Int64]) {
        let sign = Posting.movement(direction: document.direction, quantity: Quantity(milli: 1), reversing: reversing)
        let rows = try await db.prepared("""
            WITH l AS (SELECT l.line_no, l.item_id, i.code, i.name, i.unit, l.quantity, l.remark
                       FROM stock_document_lines l JOIN items i ON i.id = l.item_id WHERE l.document_id = \(bind: documentId)),
            up AS (INSERT INTO stock_balances (warehouse_id, item_id, quantity, updated_at)
                   SELECT \(bind: document.warehouseId), item_id, SUM(quantity) * \(bind: sign), \(bind: at) FROM l
                   GROUP BY item_id HAVING SUM(quantity) <> 0 ORDER BY item_id COLLATE "C"
                   ON CONFLICT (warehouse_id, item_id) DO UPDATE SET quantity = stock_balances.quantity + excluded.quantity, updated_at = excluded.updated_at
                   RETURNING item_id, quantity)
            SELECT l.line_no, l.item_id, l.code, l.name, l.unit, l.quantity, l.remark, up.quantity AS balance
            FROM l LEFT JOIN up ON up.item_id = l.item_id ORDER BY l.line_no
            """).all()
        var lines: [DocumentLineView] = []
        lines.reserveCapacity(rows.count)
        var after: [Posting.Key: Int64] = [:]
        for row in rows {
            let itemId = try row.decode(column: "item_id", as: String.self)
            lines.append(DocumentLineView(lineNo: try row.decode(column: "line_no", as: Int.self), itemId: itemId,
                                          itemCode: try row.decode(column: "code", as: String.self), itemName: try row.decode(column: "name", as: String.self),
                                          unit: try row.decode(column: "unit", as: String.self),
                                          quantity: Quantity(milli: try row.decode(column: "quantity", as: Int64.self)),
                                          remark: try row.decode(column: "remark", as: String.self)))
            if let balance = try row.decode(column: "balance", as: Int64?.self) {
                after[Posting.Key(warehouseId: document.warehouseId, itemId: itemId)] = balance
            }
        }
        return (lines, after)
    }

    /// Refuses a balance below zero, then appends the ledger rows with their running balance.
    static func appendLedger(_ db: any SQLDatabase, document: Document, lines: [Line], reversing: Bool, after: [Posting.Key: Int64], actorId: String,
                             at: Int64, alongside: [SQLQueryString]) async throws {
        let keyed = keyedLines(document, lines, reversing: reversing)
        let deltas = Posting.deltas(keyed)
        if let bad = Posting.firstNegative(after) {
            throw try await belowZero(db, bad, after: after[bad] ?? 0)
        }
        // The running balance of each movement: the balance before this posting plus the lines so far.
        var running: [Posting.Key: Int64] = [:]
        for d in deltas { running[d.key] = (after[d.key] ?? 0) - d.delta }
        let remark = document.remark
        var pending: [SQLQueryString] = []
        pending.reserveCapacity(min(keyed.count, movementChunk))
        let reversal = reversing ? 1 : 0
        for (line, k) in zip(lines, keyed) where k.movement != 0 {
            let balance = (running[k.key] ?? 0) + k.movement
            running[k.key] = balance
            let lineRemark = line.remark.isEmpty ? remark : (remark.isEmpty ? line.remark : remark + "；" + line.remark)
            pending.append("(\(bind: document.warehouseId), \(bind: line.itemId), \(bind: document.date), \(bind: document.id), \(bind: document.number), \(bind: document.direction.rawValue), \(bind: document.reason), \(bind: k.movement), \(bind: balance), \(bind: reversal), \(bind: lineRemark), \(bind: actorId), \(bind: at))")
            if pending.count == movementChunk {
                try await insertMovements(db, pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        if !pending.isEmpty {
            try await insertMovements(db, pending, alongside: alongside)
        } else {
            for statement in alongside { try await db.raw(statement).run() }
        }
    }

    static func insertMovements(_ db: any SQLDatabase, _ values: [SQLQueryString], alongside: [SQLQueryString] = []) async throws {
        let with: SQLQueryString = alongside.isEmpty ? ""
            : "WITH \(SQLList(alongside.enumerated().map { i, s in SQLQueryString("side\(unsafeRaw: String(i)) AS (\(s))") })) "
        // A document of a few lines gives the same text each time (prepared); a long one runs once and unprepared.
        let sql: SQLQueryString = """
            \(with)INSERT INTO stock_movements (warehouse_id, item_id, doc_date, document_id, document_number, direction, reason, quantity, balance_after,
                reversal, remark, posted_by, posted_at) VALUES \(SQLList(values))
            """
        try await (values.count <= preparedLines ? db.prepared(sql).run() : db.raw(sql).run())
    }

    static func belowZero(_ db: any SQLDatabase, _ key: Posting.Key, after: Int64) async throws -> AppError {
        let item = try await db.raw("SELECT code, name FROM items WHERE id = \(bind: key.itemId)").first()
        let wh = try await db.raw("SELECT code, name FROM warehouses WHERE id = \(bind: key.warehouseId)").first()
        let itemCode = try item?.decode(column: "code", as: String.self) ?? key.itemId
        let itemName = try item?.decode(column: "name", as: String.self) ?? ""
        let whCode = try wh?.decode(column: "code", as: String.self) ?? key.warehouseId
        let whName = try wh?.decode(column: "name", as: String.self) ?? ""
        return AppError(.conflict, "stock_below_zero",
                        Text("现存量不能低于零（DOC-07）：仓库 {0} {1} 的存货 {2} {3} 将变为 {4}",
                             "On-hand may not go below zero (DOC-07): item {2} {3} in warehouse {0} {1} would become {4}")
                            .with(whCode, whName, itemCode, itemName, Quantity(milli: after).text),
                        details: ["itemCode": itemCode, "warehouseCode": whCode, "itemId": key.itemId, "warehouseId": key.warehouseId])
    }
}

extension PostingEngine.Line {
    init(_ line: DocumentLineView) { self.init(itemId: line.itemId, quantity: line.quantity, remark: line.remark) }
}
