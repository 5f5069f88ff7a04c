import KefuDomain
import KefuPlatform
import SQLKit

/// Reads the posting of places needs, inside the posting's transaction.
enum StorageLookups {
    struct ItemStorage: Sendable {
        let code: String
        let attributes: Set<StorageAttribute>
        let shelfLifeDays: Int?
        /// STO-06: the item's maintenance cycle; a receipt's batch is then due for maintenance that many days on.
        var maintenanceCycleDays: Int? = nil
    }

    struct BinInfo: Sendable {
        let code: String
        let hazardous: Bool
        let active: Bool
    }

    static func items(_ db: any SQLDatabase, ids: [String]) async throws -> [String: ItemStorage] {
        var out: [String: ItemStorage] = [:]
        var start = 0
        while start < ids.count {
            let part = ids[start..<min(start + 500, ids.count)]
            for row in try await db.raw("SELECT id, code, storage_attributes, shelf_life_days, maintenance_cycle_days FROM items WHERE id IN (\(SQLList(part.map { SQLBind($0) })))").all() {
                out[try row.decode(column: "id", as: String.self)] = ItemStorage(
                    code: try row.decode(column: "code", as: String.self),
                    attributes: StorageAttribute.decode(try row.decode(column: "storage_attributes", as: String.self)),
                    shelfLifeDays: try row.decode(column: "shelf_life_days", as: Int?.self),
                    maintenanceCycleDays: try row.decode(column: "maintenance_cycle_days", as: Int?.self))
            }
            start += 500
        }
        return out
    }

    static func bins(_ db: any SQLDatabase, warehouseId: String) async throws -> [String: BinInfo] {
        var out: [String: BinInfo] = [:]
        for row in try await db.raw("SELECT id, code, hazardous, active FROM bins WHERE warehouse_id = \(bind: warehouseId)").all() {
            out[try row.decode(column: "id", as: String.self)] = BinInfo(code: try row.decode(column: "code", as: String.self),
                                                                         hazardous: try row.decode(column: "hazardous", as: Int.self) != 0,
                                                                         active: try row.decode(column: "active", as: Int.self) != 0)
        }
        return out
    }

    /// The places with stock of the items in one warehouse, with their batch's dates.
    static func lots(_ db: any SQLDatabase, warehouseId: String, itemIds: [String]) async throws -> [String: [FEFO.Lot]] {
        var out: [String: [FEFO.Lot]] = [:]
        var start = 0
        while start < itemIds.count {
            let part = itemIds[start..<min(start + 500, itemIds.count)]
            for row in try await db.raw("""
                SELECT p.item_id, p.bin_id, p.batch_id, p.quantity, b.expiry_date, b.received_on
                FROM stock_places p LEFT JOIN stock_batches b ON b.id = p.batch_id
                WHERE p.warehouse_id = \(bind: warehouseId) AND p.item_id IN (\(SQLList(part.map { SQLBind($0) }))) AND p.quantity <> 0
                """).all() {
                out[try row.decode(column: "item_id", as: String.self), default: []].append(FEFO.Lot(
                    binId: try row.decode(column: "bin_id", as: String.self), batchId: try row.decode(column: "batch_id", as: String.self),
                    expiry: try row.decode(column: "expiry_date", as: String?.self), receivedOn: try row.decode(column: "received_on", as: String?.self) ?? "",
                    quantity: try row.decode(column: "quantity", as: Int64.self)))
            }
            start += 500
        }
        return out
    }

    static func balances(_ db: any SQLDatabase, warehouseId: String, itemIds: [String]) async throws -> [String: Int64] {
        var out: [String: Int64] = [:]
        var start = 0
        while start < itemIds.count {
            let part = itemIds[start..<min(start + 500, itemIds.count)]
            for row in try await db.raw("""
                SELECT item_id, quantity FROM stock_balances WHERE warehouse_id = \(bind: warehouseId) AND item_id IN (\(SQLList(part.map { SQLBind($0) })))
                """).all() {
                out[try row.decode(column: "item_id", as: String.self)] = try row.decode(column: "quantity", as: Int64.self)
            }
            start += 500
        }
        return out
    }
}

extension StorageLookups {
    /// Takes `quantity` of an item from the lots (the line's batch/bin if it names them, else all), FEFO, and lowers
    /// the lots by what was taken; nil when they hold less.
    static func take(_ lots: inout [String: [FEFO.Lot]], itemId: String, want: StorageLines.Asked?, quantity: Int64) -> [FEFO.Take]? {
        let candidates = (lots[itemId] ?? []).filter { lot in
            (want?.batchId.map { $0 == lot.batchId } ?? true) && (want?.binId.map { $0 == lot.binId } ?? true)
        }
        guard let takes = FEFO.pick(candidates, quantity: quantity) else { return nil }
        for t in takes {
            lots[itemId] = lots[itemId]?.map { l in
                l.binId == t.binId && l.batchId == t.batchId
                    ? FEFO.Lot(binId: l.binId, batchId: l.batchId, expiry: l.expiry, receivedOn: l.receivedOn, quantity: l.quantity - t.quantity) : l
            }
        }
        return takes
    }
}
