import KefuDomain
import KefuPlatform

/// RPT-01's export: the report as shown, as XLSX or CSV (Chinese or English headers, quantities as numbers, expiry as
/// a date), through the shared `KefuPlatform/Export`.
extension OnHandReport {
    func exportTable(_ l: AppLocale) -> ExportTable {
        ExportTable(sheetName: Text("现存量报表", "On-hand report")(l), columns: [
            .init(OnHandReportPages.levelName(level), locale: l),
            .init(Text("存货编码", "Item code"), locale: l),
            .init(Text("存货名称", "Item name"), locale: l),
            .init(Text("单位", "Unit"), locale: l),
            .init(Text("现存量", "On-hand"), .number, locale: l),
            .init(Text("有效期至", "Expiry"), .date, locale: l),
        ], rows: rows.map { r in
            [.text(r.groupLabel), .text(r.itemCode), .text(r.itemName), .text(r.unit), .quantity(r.quantity), r.expiryDate.map(ExportTable.Cell.date) ?? .empty]
        })
    }
}

extension BatchStockRow {
    /// STO-05's batch list as exported (批次与效期 / 临期批次).
    static func exportTable(_ rows: [BatchStockRow], _ l: AppLocale) -> ExportTable {
        ExportTable(sheetName: Text("批次与效期", "Batches").callAsFunction(l), columns: [
            .init(Text("仓库", "Warehouse"), locale: l), .init(Text("存货编码", "Item code"), locale: l), .init(Text("存货名称", "Item name"), locale: l),
            .init(Text("出库顺序", "Issue order"), .number, locale: l), .init(Text("批号", "Batch"), locale: l),
            .init(Text("生产日期", "Produced"), .date, locale: l), .init(Text("入库日期", "Received"), .date, locale: l),
            .init(Text("有效期至", "Expiry"), .date, locale: l), .init(Text("临期", "Near expiry"), locale: l),
            .init(Text("库位", "Bin"), locale: l), .init(Text("数量", "Quantity"), .number, locale: l),
        ], rows: rows.map { r in
            [.text(r.warehouseCode), .text(r.itemCode), .text(r.itemName), .integer(r.issueOrder), .optionalText(r.batchNo),
             r.productionDate.map(ExportTable.Cell.date) ?? .empty, r.receivedOn.map(ExportTable.Cell.date) ?? .empty,
             r.expiryDate.map(ExportTable.Cell.date) ?? .empty, .text(r.nearExpiry ? Text("是", "yes")(l) : ""), .optionalText(r.binCode), .quantity(r.quantity)]
        })
    }
}
