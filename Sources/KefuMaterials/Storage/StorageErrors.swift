import KefuDomain
import KefuPlatform
import SQLKit

/// Refusals of the storage rules, in both languages.
enum StorageErrors {
    static func placement(_ refusal: StorageRules.Refusal, itemCode: String, binCode: String?) -> AppError {
        switch refusal {
        case .hazardousNeedsDesignatedBin:
            return AppError(.conflict, "hazardous_bin_required",
                            Text("存货 {0} 是危险品，只能放入指定的危险品库位（STO-01）{1}", "Item {0} is hazardous and may only be put into a bin designated for hazardous goods (STO-01){1}")
                                .with(itemCode, binCode.map { "：" + $0 } ?? ""), details: ["itemCode": itemCode])
        case .designatedBinOnlyHazardous:
            return AppError(.conflict, "bin_hazardous_only",
                            Text("库位 {1} 指定存放危险品，存货 {0} 不是危险品，不能放入（STO-01）", "Bin {1} is designated for hazardous goods; item {0} is not hazardous and cannot go there (STO-01)")
                                .with(itemCode, binCode ?? ""), details: ["itemCode": itemCode])
        }
    }

    static func short(itemCode: String, lineNo: Int, batchNamed: Bool, binCode: String?) -> AppError {
        AppError(.conflict, "batch_short",
                 Text("第 {0} 行：存货 {1} 在指定的{2}中数量不足", "Line {0}: the named {3} does not hold enough of item {1}")
                    .with(String(lineNo), itemCode, batchNamed ? "批次" : "库位" + (binCode.map { " " + $0 } ?? ""), batchNamed ? "batch" : "bin" + (binCode.map { " " + $0 } ?? "")),
                 details: ["itemCode": itemCode, "field": "lines[\(lineNo - 1)].batchId"])
    }

    static func placeBelowZero(_ db: any SQLDatabase, itemId: String, binId: String, batchId: String) async throws -> AppError {
        let item = try await db.raw("SELECT code FROM items WHERE id = \(bind: itemId)").first()?.decode(column: "code", as: String.self) ?? itemId
        let bin = binId.isEmpty ? "—" : (try await db.raw("SELECT code FROM bins WHERE id = \(bind: binId)").first()?.decode(column: "code", as: String.self) ?? binId)
        let batch = batchId.isEmpty ? "—" : (try await db.raw("SELECT batch_no FROM stock_batches WHERE id = \(bind: batchId)").first()?.decode(column: "batch_no", as: String.self) ?? batchId)
        return AppError(.conflict, "place_below_zero",
                        Text("库位 {1}、批次 {2} 中存货 {0} 的数量不足：该处的库存已被发出或移走，不能按原样冲回",
                             "Item {0} in bin {1}, batch {2} would go below zero: that stock has since been issued or moved, so it cannot be reversed exactly")
                            .with(item, bin, batch), details: ["itemCode": item])
    }
}
