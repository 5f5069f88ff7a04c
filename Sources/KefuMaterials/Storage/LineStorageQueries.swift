import KefuDomain
import KefuPlatform
import SQLKit

extension StorageLines {
    /// The bin and batch each saved line names, with their location and batch label (document page and print).
    static func labels(_ db: any SQLDatabase, documentId: String, warehouseCode: String, warehouseId: String) async throws -> [Int: LineStorageLabel] {
        let asked = try await load(db, documentId: documentId)
        guard !asked.isEmpty else { return [:] }
        let bins = try await StorageLookups.bins(db, warehouseId: warehouseId)
        var batches: [String: String] = [:]
        for row in try await db.raw("SELECT id, batch_no, expiry_date FROM stock_batches WHERE warehouse_id = \(bind: warehouseId)").all() {
            let expiry = try row.decode(column: "expiry_date", as: String?.self)
            batches[try row.decode(column: "id", as: String.self)] = try row.decode(column: "batch_no", as: String.self) + (expiry.map { " · " + $0 } ?? "")
        }
        return asked.mapValues { a in
            LineStorageLabel(binId: a.binId, binLocation: a.binId.flatMap { bins[$0] }.map { warehouseCode + "-" + $0.code }, batchId: a.batchId,
                             batchLabel: a.batchId.flatMap { batches[$0] } ?? a.batchNo.map { $0 + (a.expiryDate.map { " · " + $0 } ?? "") })
        }
    }

    /// A bin named by its location or code as typed ("A1G-S-1-1", "s-1-1") instead of picked: the bin of that code in
    /// the document's warehouse; an unknown text stays as it is and is refused at its line by `check`.
    static func resolveBins(_ db: any SQLDatabase, warehouse w: WarehouseView, lines: [MaterialValidation.Line]) async throws -> [MaterialValidation.Line] {
        guard lines.contains(where: { $0.storage?.binId != nil }) else { return lines }
        let bins = try await StorageLookups.bins(db, warehouseId: w.id)
        var byCode: [String: String] = [:]
        for (id, b) in bins { byCode[b.code.uppercased()] = id; byCode[(w.code + "-" + b.code).uppercased()] = id }
        return lines.map { line in
            guard let typed = line.storage?.binId, bins[typed] == nil, let id = byCode[typed.uppercased()] else { return line }
            var l = line
            l.storage?.binId = id
            return l
        }
    }
}
