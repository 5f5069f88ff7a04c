import KefuDomain
import KefuPlatform
import SQLKit

/// #12 STO-03 on a transfer: the bin each line is taken from (out warehouse) and put into (in warehouse). Kept beside
/// the transfer's lines while it is saved; audit hands them to the generated out and in documents as their lines'
/// bins (the out document still takes the batch FEFO, ISS-06).
enum TransferLineBins {
    struct Pair: Sendable, Equatable {
        var from: String?
        var to: String?
    }

    /// Line number (1-based) → bins; a bin typed as its location or code is resolved in its warehouse; an unknown or
    /// inactive bin is refused at its line, as is a to-bin that may not hold the item (STO-01).
    static func check(_ db: any SQLDatabase, from: WarehouseView, to: WarehouseView, lines: [MaterialValidation.Line]) async throws -> [Int: Pair] {
        guard lines.contains(where: { $0.storage?.binId != nil || $0.toBinId != nil }) else { return [:] }
        let fromBins = try await StorageLookups.bins(db, warehouseId: from.id), toBins = try await StorageLookups.bins(db, warehouseId: to.id)
        let items = try await StorageLookups.items(db, ids: Array(Set(lines.map(\.itemId))))
        func resolve(_ typed: String?, _ w: WarehouseView, _ bins: [String: StorageLookups.BinInfo], _ i: Int, _ field: String) throws -> String? {
            guard let typed else { return nil }
            let id = bins[typed] != nil ? typed : bins.first { ($0.value.code.uppercased() == typed.uppercased()) || (w.code + "-" + $0.value.code).uppercased() == typed.uppercased() }?.key
            guard let id, bins[id]?.active == true else {
                throw AppError.validation("lines[\(i)].\(field)", Text("第 {0} 行的库位不在仓库 {1} 中", "Line {0}: the bin is not in warehouse {1}").with(String(i + 1), w.code))
            }
            return id
        }
        var out: [Int: Pair] = [:]
        for (i, line) in lines.enumerated() {
            let pair = Pair(from: try resolve(line.storage?.binId, from, fromBins, i, "binId"), to: try resolve(line.toBinId, to, toBins, i, "toBinId"))
            if let toBin = pair.to, let item = items[line.itemId], let refusal = StorageRules.placement(item.attributes, binHazardous: toBins[toBin]?.hazardous) {
                let e = StorageErrors.placement(refusal, itemCode: item.code, binCode: toBins[toBin]?.code ?? "")
                throw AppError(.unprocessableContent, e.code, e.message, details: ["field": "lines[\(i)].toBinId"])
            }
            if pair != Pair() { out[i + 1] = pair }
        }
        return out
    }

    static func save(_ db: any SQLDatabase, transferId: String, _ pairs: [Int: Pair]) async throws {
        try await delete(db, transferId: transferId)
        for (n, p) in pairs.sorted(by: { $0.key < $1.key }) {
            try await db.raw("""
                INSERT INTO transfer_line_bins (transfer_id, line_no, from_bin_id, to_bin_id) VALUES (\(bind: transferId), \(bind: n), \(bind: p.from), \(bind: p.to))
                """).run()
        }
    }

    static func delete(_ db: any SQLDatabase, transferId: String) async throws {
        try await db.raw("DELETE FROM transfer_line_bins WHERE transfer_id = \(bind: transferId)").run()
    }

    static func load(_ db: any SQLDatabase, transferId: String) async throws -> [Int: Pair] {
        var out: [Int: Pair] = [:]
        for row in try await db.raw("SELECT line_no, from_bin_id, to_bin_id FROM transfer_line_bins WHERE transfer_id = \(bind: transferId)").all() {
            out[try row.decode(column: "line_no", as: Int.self)] = Pair(from: try row.decode(column: "from_bin_id", as: String?.self),
                                                                     to: try row.decode(column: "to_bin_id", as: String?.self))
        }
        return out
    }

    /// Audit: the out document's lines take from the from-bins, the in document's lines go to the to-bins.
    static func handOn(_ db: any SQLDatabase, transferId: String, lines: [MaterialValidation.Line], outId: String, inId: String) async throws {
        let pairs = try await load(db, transferId: transferId)
        guard !pairs.isEmpty else { return }
        func with(_ bin: (Pair) -> String?) -> [MaterialValidation.Line] {
            lines.enumerated().map { i, l in
                var line = l
                line.storage = pairs[i + 1].flatMap(bin).map { StorageLines.Asked(binId: $0) }
                return line
            }
        }
        try await StorageLines.save(db, documentId: outId, lines: with(\.from))
        try await StorageLines.save(db, documentId: inId, lines: with(\.to))
    }

    /// The transfer page's labels: "from-location → to-location" per line.
    static func labels(_ db: any SQLDatabase, transferId: String, from: WarehouseView, to: WarehouseView) async throws -> [Int: LineStorageLabel] {
        let pairs = try await load(db, transferId: transferId)
        guard !pairs.isEmpty else { return [:] }
        let fromBins = try await StorageLookups.bins(db, warehouseId: from.id), toBins = try await StorageLookups.bins(db, warehouseId: to.id)
        return pairs.mapValues { p in
            let a = p.from.flatMap { fromBins[$0] }.map { from.code + "-" + $0.code }, b = p.to.flatMap { toBins[$0] }.map { to.code + "-" + $0.code }
            return LineStorageLabel(binId: p.from, binLocation: "\(a ?? "—") → \(b ?? "—")", batchId: nil, batchLabel: nil,
                                    toBinId: p.to, fromLocation: a, toLocation: b)
        }
    }
}
