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
        /// STO-02: the item's ABC class (where it belongs: `ABCPlacement`).
        var abcClass: ABCClass = .C
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
            for row in try await db.raw("SELECT id, code, storage_attributes, shelf_life_days, maintenance_cycle_days, abc_class FROM items WHERE id IN (\(SQLList(part.map { SQLBind($0) })))").all() {
                out[try row.decode(column: "id", as: String.self)] = ItemStorage(
                    code: try row.decode(column: "code", as: String.self),
                    attributes: StorageAttribute.decode(try row.decode(column: "storage_attributes", as: String.self)),
                    shelfLifeDays: try row.decode(column: "shelf_life_days", as: Int?.self),
                    maintenanceCycleDays: try row.decode(column: "maintenance_cycle_days", as: Int?.self),
                    abcClass: ABCClass(rawValue: try row.decode(column: "abc_class", as: String.self)) ?? .C)
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
    /// `positiveOnly`: only places holding stock (what a pick may take), not the ones below zero.
    static func lots(_ db: any SQLDatabase, warehouseId: String, itemIds: [String], positiveOnly: Bool = false) async throws -> [String: [FEFO.Lot]] {
        var out: [String: [FEFO.Lot]] = [:]
        var start = 0
        while start < itemIds.count {
            let part = itemIds[start..<min(start + 500, itemIds.count)]
            for row in try await db.raw("""
                SELECT p.item_id, p.bin_id, p.batch_id, p.quantity, b.expiry_date, b.received_on
                FROM stock_places p LEFT JOIN stock_batches b ON b.id = p.batch_id
                WHERE p.warehouse_id = \(bind: warehouseId) AND p.item_id IN (\(SQLList(part.map { SQLBind($0) }))) AND p.quantity \(unsafeRaw: positiveOnly ? ">" : "<>") 0
                """).all() {
                out[try row.decode(column: "item_id", as: String.self), default: []].append(try lot(row))
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

extension StorageLookups {
    static let pickWindow = 64

    /// The lots an issue of `need` may take from, in FEFO order as far as it matters: the first `pickWindow` places
    /// by (expiry, receipt date) from the database; when those cannot settle the pick exactly (too little stock
    /// strictly before the window's last date key, where ties could continue past the window), all of them.
    /// An item with 1,000 open batches is then picked from a few dozen rows (#12 §9 benchmark).
    static func pickLots(_ db: any SQLDatabase, warehouseId: String, itemId: String, need: Int64) async throws -> [FEFO.Lot] {
        func load(limit: Int?) async throws -> [FEFO.Lot] {
            let tail: SQLQueryString = limit.map { "ORDER BY (s.expiry_date IS NULL), s.expiry_date, COALESCE(s.received_on, '') LIMIT \(literal: $0)" } ?? ""
            return try await db.raw("""
                SELECT p.bin_id, p.batch_id, p.quantity, s.expiry_date, s.received_on
                FROM stock_places p LEFT JOIN stock_batches s ON s.id = p.batch_id
                WHERE p.warehouse_id = \(bind: warehouseId) AND p.item_id = \(bind: itemId) AND p.quantity > 0 \(tail)
                """).all().map(lot)
        }
        if let settled = settled(window: try await load(limit: pickWindow), need: need) { return settled }
        return try await load(limit: nil)
    }

    /// The lots of a window that settle a pick of `need` exactly (all of them when the window is not full), nil when
    /// the full list is needed.
    static func settled(window: [FEFO.Lot], need: Int64) -> [FEFO.Lot]? {
        guard window.count == pickWindow, let last = window.last else { return window }
        let before = window.filter { ($0.expiry ?? "\u{10FFFF}", $0.receivedOn) < (last.expiry ?? "\u{10FFFF}", last.receivedOn) }
        return before.reduce(0, { $0 + $1.quantity }) >= need ? before : nil
    }

    /// `pickLots` for many items of one warehouse in a few statements whatever their number (a 200-line issue is not
    /// 200 round trips): each item's FEFO window in one statement per 500 items (`ROW_NUMBER() OVER (PARTITION BY
    /// item)`, same order as the single look-up), then every lot of the items whose window cannot settle the pick.
    static func pickLots(_ db: any SQLDatabase, warehouseId: String, needs: [String: Int64]) async throws -> [String: [FEFO.Lot]] {
        if needs.count == 1, let (itemId, need) = needs.first {
            return [itemId: try await pickLots(db, warehouseId: warehouseId, itemId: itemId, need: need)]
        }
        var windows: [String: [FEFO.Lot]] = [:]
        let itemIds = needs.keys.sorted()
        var start = 0
        while start < itemIds.count {
            let part = itemIds[start..<min(start + 500, itemIds.count)]
            for row in try await db.raw("""
                SELECT item_id, bin_id, batch_id, quantity, expiry_date, received_on FROM (
                    SELECT p.item_id, p.bin_id, p.batch_id, p.quantity, s.expiry_date, s.received_on,
                        ROW_NUMBER() OVER (PARTITION BY p.item_id ORDER BY (s.expiry_date IS NULL), s.expiry_date, COALESCE(s.received_on, '')) AS rn
                    FROM stock_places p LEFT JOIN stock_batches s ON s.id = p.batch_id
                    WHERE p.warehouse_id = \(bind: warehouseId) AND p.item_id IN (\(SQLList(part.map { SQLBind($0) }))) AND p.quantity > 0) w
                WHERE rn <= \(literal: pickWindow) ORDER BY item_id, rn
                """).all() {
                windows[try row.decode(column: "item_id", as: String.self), default: []].append(try lot(row))
            }
            start += 500
        }
        var out: [String: [FEFO.Lot]] = [:], unsettled: [String] = []
        for itemId in itemIds {
            if let settled = settled(window: windows[itemId] ?? [], need: needs[itemId] ?? 0) { out[itemId] = settled } else { unsettled.append(itemId) }
        }
        if !unsettled.isEmpty {
            for (itemId, all) in try await lots(db, warehouseId: warehouseId, itemIds: unsettled, positiveOnly: true) { out[itemId] = all }
        }
        return out
    }

    static func lot(_ row: any SQLRow) throws -> FEFO.Lot {
        FEFO.Lot(binId: try row.decode(column: "bin_id", as: String.self), batchId: try row.decode(column: "batch_id", as: String.self),
                 expiry: try row.decode(column: "expiry_date", as: String?.self), receivedOn: try row.decode(column: "received_on", as: String?.self) ?? "",
                 quantity: try row.decode(column: "quantity", as: Int64.self))
    }

    /// STO-03 put-away default per item: the bin holding most of it in the warehouse (then the lowest bin code).
    static func defaultBins(_ db: any SQLDatabase, warehouseId: String, itemIds: [String], bins: [String: BinInfo]) async throws -> [String: String] {
        guard !itemIds.isEmpty else { return [:] }
        var best: [String: (bin: String, quantity: Int64)] = [:]
        var start = 0
        while start < itemIds.count {
            let part = itemIds[start..<min(start + 500, itemIds.count)]
            for row in try await db.raw("""
                SELECT item_id, bin_id, CAST(SUM(quantity) AS BIGINT) AS q FROM stock_places
                WHERE warehouse_id = \(bind: warehouseId) AND item_id IN (\(SQLList(part.map { SQLBind($0) }))) AND bin_id <> '' AND quantity > 0
                GROUP BY item_id, bin_id
                """).all() {
                let item = try row.decode(column: "item_id", as: String.self), bin = try row.decode(column: "bin_id", as: String.self)
                let q = try row.decode(column: "q", as: Int64.self)
                guard bins[bin]?.active == true else { continue }
                if let b = best[item], b.quantity > q || (b.quantity == q && (bins[b.bin]?.code ?? "") < (bins[bin]?.code ?? "")) { continue }
                best[item] = (bin, q)
            }
            start += 500
        }
        return best.mapValues(\.bin)
    }

    /// Per item: the warehouse balance and Σ of its places (they differ only for stock written straight into balances).
    static func placedAndBalance(_ db: any SQLDatabase, warehouseId: String, itemIds: [String]) async throws -> [String: (balance: Int64, placed: Int64)] {
        var out: [String: (Int64, Int64)] = [:]
        var start = 0
        while start < itemIds.count {
            let part = itemIds[start..<min(start + 500, itemIds.count)]
            for row in try await db.raw("""
                SELECT b.item_id, b.quantity, COALESCE((SELECT CAST(SUM(p.quantity) AS BIGINT) FROM stock_places p
                    WHERE p.warehouse_id = b.warehouse_id AND p.item_id = b.item_id), 0) AS placed
                FROM stock_balances b WHERE b.warehouse_id = \(bind: warehouseId) AND b.item_id IN (\(SQLList(part.map { SQLBind($0) })))
                """).all() {
                out[try row.decode(column: "item_id", as: String.self)] = (try row.decode(column: "quantity", as: Int64.self), try row.decode(column: "placed", as: Int64.self))
            }
            start += 500
        }
        return out
    }
}
