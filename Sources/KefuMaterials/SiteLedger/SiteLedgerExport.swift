import KefuDomain
import KefuPlatform

/// LED-07's chase list as exported (XLSX/CSV through the shared `KefuPlatform/Export`): each site warehouse, the day,
/// how its ledger stands and the reason given for lateness.
extension SiteLedgerListModel {
    func standingsExportTable(_ l: AppLocale) -> ExportTable {
        ExportTable(sheetName: Text("现场报送情况", "Site ledger standings")(l), columns: [
            .init(Text("仓库编码", "Warehouse code"), locale: l), .init(Text("仓库名称", "Warehouse"), locale: l),
            .init(Text("日期", "Date"), .date, locale: l), .init(Text("情况", "Standing"), locale: l), .init(Text("迟报原因", "Reason for lateness"), locale: l),
        ], rows: standings.map { s in
            [.text(s.warehouseCode), .text(s.warehouseName), .date(s.date), .text(SiteLedgerPages.standingLabel(s.standing)(l)), .optionalText(s.lateReason)]
        })
    }
}
