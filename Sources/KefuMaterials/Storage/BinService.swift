import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// Bins and moving stock between them (STO-01, STO-03): permission, validation, one transaction, audit trail.
/// Bins are the warehouse's own: those who enter its documents (DOC-08) lay them out and move stock.
public struct BinService: Sendable {
    let store: any Store

    public init(store: any Store) { self.store = store }

    public func create(_ input: BinInput, by actor: Principal, now: Date = Date()) async throws -> BinView {
        var typed: [String] = []
        for (field, raw) in [("rack", input.rack), ("tier", input.tier), ("position", input.position)] {
            guard let p = TextRules.trimmed(raw), StorageRules.validPart(p) else {
                throw AppError.validation(field, Text("货架号、层号、位号各为 1–10 位字母或数字（STO-03）", "Rack, tier and position are each 1–10 letters or digits (STO-03)"))
            }
            typed.append(p.uppercased())
        }
        let name = try MaterialValidation.text(input.name, field: "name", max: 100, required: false) ?? ""
        let parts = typed
        return try await store.write { db in
            let w = try await MasterDataService.requireActiveWarehouse(db, id: input.warehouseId, field: "warehouseId")
            try MaterialAccess.requireView(actor, w)
            try MaterialAccess.requireEdit(actor, w)
            let code = StorageRules.binCode(rack: parts[0], tier: parts[1], position: parts[2])
            if try await db.raw("SELECT id FROM bins WHERE warehouse_id = \(bind: w.id) AND code = \(bind: code)").first() != nil {
                throw AppError(.conflict, "duplicate_bin", Text("仓库 {0} 已有库位 {1}", "Warehouse {0} already has bin {1}").with(w.code, code), details: ["field": "position"])
            }
            let id = Clock.newID(), at = Clock.millis(now)
            try await db.raw("""
                INSERT INTO bins (id, warehouse_id, code, rack, tier, position, name, hazardous, active, created_by, created_at)
                VALUES (\(bind: id), \(bind: w.id), \(bind: code), \(bind: parts[0]), \(bind: parts[1]), \(bind: parts[2]), \(bind: name),
                    \(bind: input.hazardous == true ? 1 : 0), 1, \(bind: actor.userId), \(bind: at))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "bin", entityId: id, detail: ["location": w.code + "-" + code], at: at)
            return try await db.raw("SELECT \(unsafeRaw: BinView.columns) FROM bins b JOIN warehouses w ON w.id = b.warehouse_id WHERE b.id = \(bind: id)").first().map(BinView.init(row:))!
        }
    }

    /// Moves stock of one item from a bin (or from no bin) to another bin of the same warehouse; the batch named, else
    /// FEFO within the source. The warehouse balance does not change; Σ places stays equal to it.
    public func move(_ input: BinMoveInput, by actor: Principal, now: Date = Date()) async throws -> [BatchStockRow] {
        guard let quantity = input.quantity, quantity.isPositive else {
            throw AppError.validation("quantity", Text("请填写大于零的数量", "Give a quantity above zero"))
        }
        guard let itemId = TextRules.trimmed(input.itemId) else { throw AppError.validation("itemId", Text("请选择存货", "Choose an item")) }
        guard let toBinId = TextRules.trimmed(input.toBinId) else { throw AppError.validation("toBinId", Text("请选择目标库位", "Choose the bin to move to")) }
        let fromBinId = TextRules.trimmed(input.fromBinId) ?? ""
        guard fromBinId != toBinId else { throw AppError.validation("toBinId", Text("目标库位与原库位相同", "The bin to move to is the bin it lies in")) }
        let remark = try MaterialValidation.text(input.remark, field: "remark", max: 500, required: false) ?? ""
        let dialect = store.dialect
        try await store.write { db in
            let w = try await MasterDataService.requireWarehouse(db, id: input.warehouseId, field: "warehouseId")
            try MaterialAccess.requireView(actor, w)
            try MaterialAccess.requireEdit(actor, w)
            // The balance row is the lock every posting of this item takes first (PostgreSQL); SQLite has one writer.
            _ = try await db.raw("SELECT quantity FROM stock_balances WHERE warehouse_id = \(bind: w.id) AND item_id = \(bind: itemId)\(unsafeRaw: dialect.rowLock())").first()
            let bins = try await StorageLookups.bins(db, warehouseId: w.id)
            guard let target = bins[toBinId], target.active else {
                throw AppError.validation("toBinId", Text("目标库位不在仓库 {0} 中", "The bin to move to is not in warehouse {0}").with(w.code))
            }
            guard fromBinId.isEmpty || bins[fromBinId] != nil else {
                throw AppError.validation("fromBinId", Text("原库位不在仓库 {0} 中", "The bin to move from is not in warehouse {0}").with(w.code))
            }
            guard let item = try await StorageLookups.items(db, ids: [itemId])[itemId] else {
                throw AppError.validation("itemId", Text("存货不存在", "The item does not exist"))
            }
            if let refusal = StorageRules.placement(item.attributes, binHazardous: target.hazardous) {
                throw StorageErrors.placement(refusal, itemCode: item.code, binCode: target.code)
            }
            var lots = try await StorageLookups.lots(db, warehouseId: w.id, itemIds: [itemId])
            let want = StorageLines.Asked(binId: fromBinId, batchId: TextRules.trimmed(input.batchId))
            guard let takes = StorageLookups.take(&lots, itemId: itemId, want: want, quantity: quantity.milli) else {
                throw AppError(.conflict, "bin_short", Text("原库位中存货 {0} 的数量不足", "The bin to move from does not hold enough of item {0}").with(item.code),
                               details: ["field": "quantity"])
            }
            let at = Clock.millis(now)
            var moves: [(String, String, String, Int64)] = []
            for t in takes {
                moves.append((itemId, t.binId, t.batchId, -t.quantity))
                moves.append((itemId, toBinId, t.batchId, t.quantity))
                try await db.raw("""
                    INSERT INTO bin_moves (id, warehouse_id, item_id, batch_id, from_bin_id, to_bin_id, quantity, remark, moved_by, moved_at)
                    VALUES (\(bind: Clock.newID()), \(bind: w.id), \(bind: itemId), \(bind: t.batchId), \(bind: t.binId), \(bind: toBinId), \(bind: t.quantity),
                        \(bind: remark), \(bind: actor.userId), \(bind: at))
                    """).run()
            }
            try await StoragePosting.applyPlaces(db, warehouseId: w.id, moves, at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: "move", entity: "bin", entityId: toBinId,
                                        detail: ["itemCode": item.code, "quantity": quantity.text, "from": bins[fromBinId]?.code ?? "", "to": target.code], at: at)
        }
        return try await StorageQueries(store: store).batches(itemId: itemId, warehouseId: input.warehouseId, viewer: actor, now: now)
    }
}
