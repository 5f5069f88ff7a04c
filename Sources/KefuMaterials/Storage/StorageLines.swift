import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #12.4: the bin and batch a saved line asks for (STO-03, STO-05, ISS-06), kept beside the line until audit.
enum StorageLines {
    struct Asked: Sendable, Equatable {
        var binId: String?
        var batchId: String?
        var batchNo: String?
        var productionDate: String?
        var expiryDate: String?
        /// STO-06: set at receipt; the batch's first maintenance is due this many days after it.
        var maintenanceCycleDays: Int?

        var isEmpty: Bool { self == Asked() }
        var hasBatchData: Bool { batchId != nil || productionDate != nil || expiryDate != nil }
    }

    /// The line's storage fields, checked for form; nil when it names none.
    static func parse(_ l: LineInput, index i: Int, now: Date) throws -> Asked? {
        func day(_ raw: String?, _ field: String) throws -> String? {
            guard let t = TextRules.trimmed(raw) else { return nil }
            do { return try MaterialValidation.date(t, now: now) } catch {
                throw AppError.validation("lines[\(i)].\(field)", Text("第 {0} 行的日期格式应为 YYYY-MM-DD", "Line {0}: the date must be YYYY-MM-DD").with(String(i + 1)))
            }
        }
        var a = Asked(binId: TextRules.trimmed(l.binId), batchId: TextRules.trimmed(l.batchId),
                      batchNo: try MaterialValidation.text(l.batchNo, field: "lines[\(i)].batchNo", max: 60, required: false),
                      productionDate: try day(l.productionDate, "productionDate"), expiryDate: try day(l.expiryDate, "expiryDate"),
                      maintenanceCycleDays: l.maintenanceCycleDays)
        if let d = a.maintenanceCycleDays, !(1...36500).contains(d) {
            throw AppError.validation("lines[\(i)].maintenanceCycleDays", Text("第 {0} 行的保养周期应为 1–36500 天", "Line {0}: the maintenance cycle is 1–36500 days").with(String(i + 1)))
        }
        if a.batchId != nil, a.batchNo != nil || a.productionDate != nil || a.expiryDate != nil {
            throw AppError.validation("lines[\(i)].batchId", Text("第 {0} 行：选择已有批次时不填写新批次的批号和日期", "Line {0}: name an existing batch or give a new batch's data, not both").with(String(i + 1)))
        }
        if a.isEmpty { return nil }
        a.batchNo = a.batchNo.map { String($0.prefix(60)) }
        return a
    }

    /// Content rules of a line's storage on a document being saved: the bin lies in the document's warehouse; a named
    /// batch is the item's batch there; batch data only on lines that add stock; a shelf-life item received by purchase
    /// carries batch data (STO-05); hazardous goods go only to designated bins (STO-01).
    static func check(_ db: any SQLDatabase, direction: StockDirection, reason: StockReason, warehouse w: WarehouseView, date: String,
                      lines: [MaterialValidation.Line]) async throws {
        let items = try await StorageLookups.items(db, ids: Array(Set(lines.map(\.itemId))))
        let named = lines.contains { $0.storage?.binId != nil }
        let bins = named ? try await StorageLookups.bins(db, warehouseId: w.id) : [:]
        // ISS-06: what earlier lines of this document already take of each (item, batch), so that an issue split over
        // several batches in FEFO order (the line grid's accepted proposal) is first-to-expire line by line.
        var takenBefore: [String: Int64] = [:]
        for (i, line) in lines.enumerated() {
            let adds = Posting.movement(direction: direction, quantity: line.quantity, reversing: false) > 0
            let item = items[line.itemId]
            let a = line.storage
            if let binId = a?.binId {
                guard let bin = bins[binId], bin.active else {
                    throw AppError.validation("lines[\(i)].binId", Text("第 {0} 行的库位不在仓库 {1} 中", "Line {0}: the bin is not in warehouse {1}").with(String(i + 1), w.code))
                }
                if adds, let item, let refusal = StorageRules.placement(item.attributes, binHazardous: bin.hazardous) {
                    let e = StorageErrors.placement(refusal, itemCode: item.code, binCode: bin.code)
                    throw AppError(.unprocessableContent, e.code, e.message, details: ["field": "lines[\(i)].binId"])
                }
            }
            if let batchId = a?.batchId {
                let row = try await db.raw("SELECT id FROM stock_batches WHERE id = \(bind: batchId) AND warehouse_id = \(bind: w.id) AND item_id = \(bind: line.itemId)").first()
                if row == nil {
                    throw AppError.validation("lines[\(i)].batchId", Text("第 {0} 行的批次不是该存货在仓库 {1} 的批次", "Line {0}: the batch is not a batch of this item in warehouse {1}").with(String(i + 1), w.code))
                }
                // ISS-06 (#12 §4): an issue takes the earliest-expiring batch; taking another one needs a reason (the line's remark).
                let earlier = takenBefore.filter { $0.key.hasPrefix(line.itemId + "\u{1}") }
                if !adds, line.remark.isEmpty,
                   let first = FEFO.proposal(Self.left(try await StorageLookups.pickLots(db, warehouseId: w.id, itemId: line.itemId, need: earlier.values.reduce(1, +)),
                                                       itemId: line.itemId, taken: earlier)),
                   first.batchId != batchId {
                    throw AppError.validation("lines[\(i)].remark", Text("第 {0} 行没有按效期先出（FEFO）选择批次：请在备注中写明原因",
                                                                      "Line {0} names a batch other than the first to expire (FEFO): give the reason in its remark").with(String(i + 1)))
                }
            }
            if !adds, let batchId = a?.batchId { takenBefore[line.itemId + "\u{1}" + batchId, default: 0] += line.quantity.milli }
            if !adds, a?.batchNo != nil || a?.productionDate != nil || a?.expiryDate != nil {
                throw AppError.validation("lines[\(i)].batchNo", Text("第 {0} 行减少库存，只能选择已有批次", "Line {0} takes stock away: it can only name an existing batch").with(String(i + 1)))
            }
            if adds, let a, let p = a.productionDate {
                switch ShelfLife.datesProblem(producedOn: p, receivedOn: date, expiry: a.expiryDate) {
                case .producedAfterReceipt?:
                    throw AppError.validation("lines[\(i)].productionDate", Text("第 {0} 行：生产日期晚于入库日期", "Line {0}: the production date is after the receipt date").with(String(i + 1)))
                case .expiryNotAfterProduction?:
                    throw AppError.validation("lines[\(i)].expiryDate", Text("第 {0} 行：失效日期应晚于生产日期", "Line {0}: the expiry must come after the production date").with(String(i + 1)))
                case nil: break
                }
            }
            if adds, item?.shelfLifeDays != nil, [.purchase, .spotPurchase].contains(reason), a?.hasBatchData != true {
                throw AppError.validation("lines[\(i)].productionDate", Text("第 {0} 行的存货 {1} 有保质期：请填写生产日期或失效日期（STO-05）",
                                                                           "Line {0}: item {1} has a shelf life — give its production date or expiry (STO-05)").with(String(i + 1), item?.code ?? ""))
            }
        }
    }

    /// The lots less what earlier lines take of their batches (keys "item\u{1}batch"), in FEFO order.
    static func left(_ lots: [FEFO.Lot], itemId: String, taken: [String: Int64]) -> [FEFO.Lot] {
        var owed = taken
        return FEFO.order(lots).map { lot in
            let key = itemId + "\u{1}" + lot.batchId
            let n = min(lot.quantity, owed[key] ?? 0)
            owed[key] = (owed[key] ?? 0) - n
            return FEFO.Lot(binId: lot.binId, batchId: lot.batchId, expiry: lot.expiry, receivedOn: lot.receivedOn, quantity: lot.quantity - n)
        }
    }

    static func save(_ db: any SQLDatabase, documentId: String, lines: [MaterialValidation.Line]) async throws {
        let rows = lines.enumerated().compactMap { i, l in l.storage.map { (i + 1, $0) } }
        var start = 0
        while start < rows.count {
            let part = rows[start..<min(start + 400, rows.count)]
            try await db.raw("""
                INSERT INTO stock_line_storage (document_id, line_no, bin_id, batch_id, batch_no, production_date, expiry_date, maintenance_cycle_days)
                VALUES \(SQLList(part.map { n, a in SQLQueryString("(\(bind: documentId), \(bind: n), \(bind: a.binId), \(bind: a.batchId), \(bind: a.batchNo), \(bind: a.productionDate), \(bind: a.expiryDate), \(bind: a.maintenanceCycleDays))") }))
                """).run()
            start += 400
        }
    }

    static func delete(_ db: any SQLDatabase, documentId: String) async throws {
        try await db.raw("DELETE FROM stock_line_storage WHERE document_id = \(bind: documentId)").run()
    }

    static func load(_ db: any SQLDatabase, documentId: String) async throws -> [Int: Asked] {
        var out: [Int: Asked] = [:]
        for row in try await db.raw("""
            SELECT line_no, bin_id, batch_id, batch_no, production_date, expiry_date, maintenance_cycle_days FROM stock_line_storage WHERE document_id = \(bind: documentId)
            """).all() {
            out[try row.decode(column: "line_no", as: Int.self)] = Asked(
                binId: try row.decode(column: "bin_id", as: String?.self), batchId: try row.decode(column: "batch_id", as: String?.self),
                batchNo: try row.decode(column: "batch_no", as: String?.self), productionDate: try row.decode(column: "production_date", as: String?.self),
                expiryDate: try row.decode(column: "expiry_date", as: String?.self), maintenanceCycleDays: try row.decode(column: "maintenance_cycle_days", as: Int?.self))
        }
        return out
    }
}
