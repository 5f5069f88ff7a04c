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

/// The ledger days list as exported (LED-01..07): every day matching the page's filters (warehouse, unit, from, to,
/// status), one row each, with its standing and the steps' times.
extension SiteLedgerListModel {
    /// The most days one export carries (the page pages through them; a file holds them all up to this).
    static let exportLimit = 10_000

    func daysExportTable(_ l: AppLocale) -> ExportTable {
        ExportTable(sheetName: Text("现场流水账", "Site ledger days")(l), columns: [
            .init(Text("日期", "Date"), .date, locale: l), .init(Text("仓库编码", "Warehouse code"), locale: l), .init(Text("仓库名称", "Warehouse"), locale: l),
            .init(Text("状态", "Status"), locale: l), .init(Text("迟报", "Late"), locale: l), .init(Text("迟报原因", "Reason for lateness"), locale: l),
            .init(Text("提交时间", "Submitted at"), locale: l), .init(Text("记账时间", "Posted at"), locale: l), .init(Text("归档时间", "Filed at"), locale: l),
        ], rows: days.items.map { d in
            [.date(d.date), .text(d.warehouseCode), .text(d.warehouseName), .text(SiteLedgerPages.statusLabel(d.status)(l)),
             .text(d.late ? Text("是", "Yes")(l) : Text("否", "No")(l)), .optionalText(d.lateReason),
             .optionalText(d.submittedAt), .optionalText(d.postedAt), .optionalText(d.filedAt)]
        })
    }
}
