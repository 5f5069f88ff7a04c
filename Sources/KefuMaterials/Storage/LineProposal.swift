import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// What the line grid of an unsaved document proposes for one line (ISS-06, STO-03): the item's usual bin in the
/// warehouse (the put-away default of a receipt) and, for an issue, the batches FEFO would take for the quantity.
public struct LineProposal: Codable, Sendable {
    public struct BinRef: Codable, Sendable, Equatable {
        public let id: String
        public let code: String
        public let location: String
    }

    public struct Take: Codable, Sendable, Equatable {
        public let batchId: String?
        public let batchNo: String?
        public let expiryDate: String?
        public let binId: String?
        public let binCode: String?
        /// Four-part location (warehouse-rack-tier-position).
        public let binLocation: String?
        public let quantity: Quantity
    }

    public let itemId: String
    public let itemCode: String
    public let usualBin: BinRef?
    /// FEFO order (ISS-06); for `quantity` when given, else the first lot only (what the issue would take first).
    public let takes: [Take]
    public let available: Quantity
    /// How much of `quantity` the warehouse cannot give (0: enough).
    public let shortfall: Quantity
}

/// A bin as the shared picker lists it (`number` is what the field shows: the four-part location).
public struct BinPickerHit: Codable, Sendable {
    public let id: String
    public let number: String
    public let title: String
    public let detail: String?
}

extension StorageQueries {
    /// `GET /api/v1/stock/line-proposal`: `itemRef` is an item id or code (as typed in the grid); a warehouse outside
    /// the viewer's scope is refused as any read of it.
    public func lineProposal(warehouseId: String?, itemRef: String?, quantity: String?, viewer: Principal) async throws -> LineProposal {
        try MaterialAccess.requireViewer(viewer)
        guard let warehouseId = TextRules.trimmed(warehouseId) else { throw AppError.validation("warehouseId", Text("请选择仓库", "Choose a warehouse")) }
        guard let itemRef = TextRules.trimmed(itemRef) else { throw AppError.validation("itemId", Text("请填写存货", "Give an item")) }
        let need: Int64? = try TextRules.trimmed(quantity).map { typed in
            guard let q = UsualInput.number(typed).flatMap(Quantity.parse), q.isPositive else {
                throw AppError.validation("quantity", Text("数量“{0}”无效", "The quantity “{0}” is not a number").with(typed))
            }
            return q.milli
        }
        return try await store.read { db in
            guard let w = try await MasterDataService.warehouse(db, id: warehouseId) else { throw AppError.notFound(Text("仓库", "Warehouse")) }
            try MaterialAccess.requireView(viewer, w)
            guard let item = try await db.raw("SELECT id, code FROM items WHERE id = \(bind: itemRef) OR code = \(bind: itemRef)").first() else {
                throw AppError.notFound(Text("存货", "Item"))
            }
            let itemId = try item.decode(column: "id", as: String.self)
            let bins = try await StorageLookups.bins(db, warehouseId: w.id)
            let usual = try await StorageLookups.defaultBins(db, warehouseId: w.id, itemIds: [itemId], bins: bins)[itemId]
            let lots = try await StorageLookups.lots(db, warehouseId: w.id, itemIds: [itemId])[itemId] ?? []
            let available = lots.reduce(Int64(0)) { $0 + max(0, $1.quantity) }
            let takes: [FEFO.Take]
            if let need {
                takes = FEFO.pick(lots, quantity: min(need, available)) ?? []
            } else {
                takes = FEFO.proposal(lots).map { [FEFO.Take(binId: $0.binId, batchId: $0.batchId, quantity: $0.quantity)] } ?? []
            }
            var batches: [String: (no: String, expiry: String?)] = [:]
            let batchIds = Array(Set(takes.map(\.batchId).filter { !$0.isEmpty }))
            if !batchIds.isEmpty {
                for row in try await db.raw("SELECT id, batch_no, expiry_date FROM stock_batches WHERE id IN (\(SQLList(batchIds.map { SQLBind($0) })))").all() {
                    batches[try row.decode(column: "id", as: String.self)] = (try row.decode(column: "batch_no", as: String.self), try row.decode(column: "expiry_date", as: String?.self))
                }
            }
            return LineProposal(
                itemId: itemId, itemCode: try item.decode(column: "code", as: String.self),
                usualBin: usual.flatMap { id in bins[id].map { LineProposal.BinRef(id: id, code: $0.code, location: w.code + "-" + $0.code) } },
                takes: takes.map { t in
                    LineProposal.Take(batchId: t.batchId.isEmpty ? nil : t.batchId, batchNo: batches[t.batchId]?.no, expiryDate: batches[t.batchId]?.expiry,
                                      binId: t.binId.isEmpty ? nil : t.binId, binCode: bins[t.binId]?.code,
                                      binLocation: bins[t.binId].map { w.code + "-" + $0.code }, quantity: Quantity(milli: t.quantity))
                },
                available: Quantity(milli: available), shortfall: Quantity(milli: max(0, (need ?? 0) - available)))
        }
    }

    /// `GET /api/v1/bins/search`: the active bins of a warehouse whose code or name contains `q`, for the line grid's
    /// bin picker (STO-03).
    public func binHits(warehouseId: String?, q: String?, limit: String?, viewer: Principal) async throws -> [BinPickerHit] {
        let n = min(max(Int(limit ?? "") ?? 8, 1), 50)
        let needle = (TextRules.trimmed(q) ?? "").uppercased()
        return try await bins(warehouseId: TextRules.trimmed(warehouseId) ?? "", viewer: viewer)
            .filter { $0.active && (needle.isEmpty || $0.location.uppercased().contains(needle) || $0.code.contains(needle) || $0.name.uppercased().contains(needle)) }
            .prefix(n)
            .map { BinPickerHit(id: $0.id, number: $0.location, title: $0.name.isEmpty ? $0.code : $0.name, detail: $0.hazardous ? "危险品库位" : nil) }
    }
}
