import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// The count sheet (盘点表) as XLSX or CSV: exported from a distributed stocktake, filled in by the site in Excel or
/// WPS, imported back all or nothing with per-row errors naming the row and the column (issue #12.1).
enum StocktakeSheet {
    /// Columns in order; the import finds them by header (Chinese or English), so columns may be moved or added.
    enum Column: Int, CaseIterable {
        case lineNo, warehouseCode, itemCode, itemName, spec, unit, snapshot, movements, expected, counted, difference, reasonCode, reason

        var header: Text {
            switch self {
            case .lineNo: return Text("行号", "Line")
            case .warehouseCode: return Text("仓库编码", "Warehouse code")
            case .itemCode: return Text("存货编码", "Item code")
            case .itemName: return Text("存货名称", "Item name")
            case .spec: return Text("规格型号", "Specification")
            case .unit: return Text("计量单位", "Unit")
            case .snapshot: return Text("账面数量", "Book quantity")
            case .movements: return Text("盘点期间变动", "Moved since snapshot")
            case .expected: return Text("应存数量", "Expected quantity")
            case .counted: return Text("实盘数量", "Counted quantity")
            case .difference: return Text("差异数量", "Difference")
            case .reasonCode: return Text("差异原因", "Reason code")
            case .reason: return Text("差异说明", "Reason")
            }
        }

        var kind: ExportTable.Kind {
            switch self {
            case .lineNo, .snapshot, .movements, .expected, .counted, .difference: return .number
            default: return .text
            }
        }
    }

    static func table(_ v: StocktakeView, locale: AppLocale) -> ExportTable {
        ExportTable(sheetName: v.number, columns: Column.allCases.map { ExportTable.Column($0.header, $0.kind, locale: locale) }, rows: v.lines.map { l in
            [.integer(l.lineNo), .text(l.warehouseCode), .text(l.itemCode), .text(l.itemName), .text(l.spec), .text(l.unit), .quantity(l.snapshotQuantity),
             .quantity(l.movementsSince), .quantity(Quantity(milli: l.snapshotQuantity.milli + l.movementsSince.milli)),
             l.countedQuantity.map(ExportTable.Cell.quantity) ?? .empty, l.difference.map(ExportTable.Cell.quantity) ?? .empty,
             l.reasonCode.flatMap(StocktakeReasonCode.init(rawValue:)).map { .text(StocktakeLabels.reason($0)(locale)) } ?? .empty, .optionalText(l.reason.isEmpty ? nil : l.reason)]
        })
    }

    struct RowError: Sendable {
        let row: Int
        let column: Text
        let message: Text
        var text: Text { Text("第 \(row) 行「\(column.zh)」列：\(message.zh)", "Row \(row), column \"\(column.en)\": \(message.en)") }
    }

    /// Reads the filled-in sheet into counts for `lines` (keyed by warehouse code + item code); every problem is
    /// collected, and any problem refuses the whole file.
    static func counts(_ rows: [[String]], lines: [StocktakeQueries.LineRow], warehouses: [WarehouseView], fullScope: Bool,
                       itemIdsByCode: [String: String]) throws -> [StocktakeService.Count] {
        guard let header = rows.first, !header.isEmpty else {
            throw AppError(.unprocessableContent, "import_rejected", Text("文件是空的：第 1 行应为盘点表的表头", "The file is empty: row 1 must hold the count sheet's headers"))
        }
        let wanted: [Column] = [.lineNo, .warehouseCode, .itemCode, .counted, .reasonCode, .reason]
        let positions = TableFile.headerPositions(header, wanted: wanted.map { [$0.header.zh, $0.header.en] })
        var at: [Column: Int] = [:]
        for (c, p) in zip(wanted, positions) { if let p { at[c] = p } }
        for required in [Column.itemCode, .counted] where at[required] == nil {
            throw AppError(.unprocessableContent, "import_rejected", Text("第 1 行缺少「{0}」列：请使用从 Kefu 导出的盘点表", "Row 1 has no \"{1}\" column: use the count sheet exported from Kefu")
                .with(required.header.zh, required.header.en))
        }
        if at[.warehouseCode] == nil, warehouses.count > 1 {
            throw AppError(.unprocessableContent, "import_rejected", Text("第 1 行缺少「仓库编码」列（这张盘点单有多个仓库）", "Row 1 has no \"Warehouse code\" column (this stocktake has several warehouses)"))
        }
        var byKey: [String: StocktakeQueries.LineRow] = [:]
        for l in lines { byKey[l.warehouseCode.lowercased() + "\u{1}" + l.itemCode.lowercased()] = l }
        let whByCode = Dictionary(warehouses.map { ($0.code.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        var errors: [RowError] = []
        var counts: [StocktakeService.Count] = []
        var seen: [String: Int] = [:]
        for (index, row) in rows.enumerated().dropFirst() {
            let rowNo = index + 1
            func cell(_ c: Column) -> String { at[c].flatMap { $0 < row.count ? row[$0].trimmingCharacters(in: .whitespaces) : nil } ?? "" }
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let countedText = cell(.counted)
            let itemCode = cell(.itemCode)
            let whCode = at[.warehouseCode] == nil ? warehouses[0].code : cell(.warehouseCode)
            guard let w = whByCode[whCode.lowercased()] else {
                errors.append(RowError(row: rowNo, column: Column.warehouseCode.header, message: Text("仓库 \(whCode) 不在这张盘点单上", "warehouse \(whCode) is not on this stocktake")))
                continue
            }
            if itemCode.isEmpty {
                errors.append(RowError(row: rowNo, column: Column.itemCode.header, message: Text("存货编码为空", "the item code is empty")))
                continue
            }
            let key = w.code.lowercased() + "\u{1}" + itemCode.lowercased()
            let line = byKey[key]
            var itemId = line?.itemId
            if line == nil {
                if fullScope, let id = itemIdsByCode[itemCode.lowercased()] {
                    itemId = id
                } else {
                    errors.append(RowError(row: rowNo, column: Column.itemCode.header,
                                           message: fullScope ? Text("没有编码为 \(itemCode) 的存货", "there is no item with the code \(itemCode)")
                                                              : Text("存货 \(itemCode) 不在这次抽盘范围内", "item \(itemCode) is not on this spot check")))
                    continue
                }
            }
            if let first = seen[key] {
                errors.append(RowError(row: rowNo, column: Column.itemCode.header, message: Text("与第 \(first) 行重复", "repeats row \(first)")))
                continue
            }
            seen[key] = rowNo
            if countedText.isEmpty { continue }
            let normalised = UsualInput.number(countedText) ?? countedText
            guard let counted = Quantity.parse(normalised) else {
                errors.append(RowError(row: rowNo, column: Column.counted.header, message: Text("“\(countedText)”不是数量（最多三位小数）", "\"\(countedText)\" is not a quantity (at most three decimals)")))
                continue
            }
            if counted.isNegative {
                errors.append(RowError(row: rowNo, column: Column.counted.header, message: Text("实盘数量不能为负数", "a counted quantity cannot be negative")))
                continue
            }
            let reasonText = cell(.reasonCode)
            var reasonCode: StocktakeReasonCode?
            if !reasonText.isEmpty {
                guard let c = StocktakeLabels.reasonCode(reasonText) else {
                    let allowed = StocktakeReasonCode.allCases.map { StocktakeLabels.reason($0).zh }.joined(separator: "、")
                    errors.append(RowError(row: rowNo, column: Column.reasonCode.header, message: Text("“\(reasonText)”不是差异原因，可填：\(allowed)", "\"\(reasonText)\" is not a reason code; use one of \(StocktakeReasonCode.allCases.map(\.rawValue).joined(separator: ", "))")))
                    continue
                }
                reasonCode = c
            }
            let reason = cell(.reason)
            if reason.count > 500 {
                errors.append(RowError(row: rowNo, column: Column.reason.header, message: Text("差异说明最长 500 字", "the reason is at most 500 characters")))
                continue
            }
            counts.append(StocktakeService.Count(lineNo: line?.lineNo, warehouseId: w.id, itemId: itemId ?? "", counted: counted, reasonCode: reasonCode, reason: reason))
        }
        if !errors.isEmpty {
            let shown = errors.prefix(20).map(\.text)
            let more = errors.count > 20 ? Text("……共 \(errors.count) 处错误", "… \(errors.count) errors in all") : nil
            let all = shown + (more.map { [$0] } ?? [])
            throw AppError(.unprocessableContent, "import_rejected",
                           Text("文件有 \(errors.count) 处错误，未导入任何数量：", "The file has \(errors.count) errors; nothing was imported: ")
                            .joined(all),
                           details: ["errors": String(errors.count), "firstRow": String(errors[0].row), "firstColumn": errors[0].column.en])
        }
        return counts
    }
}

extension Text {
    /// This text followed by the others, one per line.
    func joined(_ others: [Text]) -> Text {
        Text(([zh] + others.map(\.zh)).joined(separator: "\n"), ([en] + others.map(\.en)).joined(separator: "\n"))
    }
}

extension StocktakeService {
    public func sheet(id: String, viewer: Principal) async throws -> StocktakeView {
        let v = try await get(id: id, viewer: viewer)
        guard v.status != StocktakeStatus.draft.rawValue else {
            throw AppError.conflict("invalid_state", Text("盘点单尚未下发，没有盘点表", "The stocktake is not distributed yet: there is no count sheet"))
        }
        return v
    }

    /// `POST …/counts/import`: the sheet Kefu exported, filled in (XLSX or UTF-8 CSV); all rows or none.
    public func importCounts(id: String, file: [UInt8], by actor: Principal, now: Date = Date()) async throws -> StocktakeView {
        let rows = try TableFile.rows(file)
        let lock = store.dialect.rowLock()
        return try await store.write { db in
            let r = try await Self.lockedForCounting(db, id: id, lock: lock, actor: actor)
            let lines = try await StocktakeQueries.lines(db, id: id)
            let warehouses = try await StocktakeQueries.warehouses(db, id: id)
            var itemIdsByCode: [String: String] = [:]
            if r.scope == StocktakeScope.full.rawValue {
                let known = Set(lines.map { $0.itemCode.lowercased() })
                let codeColumn = TableFile.headerPositions(rows.first ?? [], wanted: [[StocktakeSheet.Column.itemCode.header.zh, StocktakeSheet.Column.itemCode.header.en]])[0]
                let unknown = Set(rows.dropFirst().compactMap { row in codeColumn.flatMap { $0 < row.count ? row[$0].trimmingCharacters(in: .whitespaces).lowercased() : nil } })
                    .subtracting(known).filter { !$0.isEmpty }
                if !unknown.isEmpty, unknown.count <= 1000 {
                    for row in try await db.raw("SELECT id, code FROM items WHERE LOWER(code) IN (\(SQLList(unknown.sorted().map { SQLBind($0) })))").all() {
                        itemIdsByCode[try row.decode(column: "code", as: String.self).lowercased()] = try row.decode(column: "id", as: String.self)
                    }
                }
            }
            let counts = try StocktakeSheet.counts(rows, lines: lines, warehouses: warehouses, fullScope: r.scope == StocktakeScope.full.rawValue, itemIdsByCode: itemIdsByCode)
            for w in Set(counts.map(\.warehouseId)) {
                if let wv = warehouses.first(where: { $0.id == w }) { try Self.requireCountWarehouse(actor, r, wv) }
            }
            try await Self.apply(db, id: id, counts, nextLineNo: (lines.map(\.lineNo).max() ?? 0) + 1)
            let at = Clock.millis(now)
            try await db.raw("UPDATE stocktakes SET updated_at = \(bind: at) WHERE id = \(bind: id)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "import", entity: Self.entity, entityId: id,
                                        detail: ["number": r.number, "lines": String(counts.count)], at: at)
            return try await StocktakeQueries.view(db, id: id, viewer: actor, lines: StocktakeQueries.lines(lines, after: counts))
        }
    }
}
