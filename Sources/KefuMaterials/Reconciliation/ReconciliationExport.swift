import KefuDomain
import KefuPlatform

/// RPT-07's export: the month's reconciliation as shown (recorded, else computed), one row per item, quantities as
/// numbers, through the shared `KefuPlatform/Export`.
extension ReconciliationView {
    func exportTable(_ l: AppLocale) -> ExportTable {
        ExportTable(sheetName: Text("月度对账", "Reconciliation")(l), columns: [
            .init(Text("存货编码", "Item code"), locale: l), .init(Text("存货名称", "Item name"), locale: l),
            .init(Text("账面（账）", "Books"), .number, locale: l), .init(Text("报表（表）", "Report"), .number, locale: l),
            .init(Text("现场流水账", "Site ledger"), .number, locale: l), .init(Text("实存（实）", "Physical"), .number, locale: l),
            .init(Text("账表差", "Books − report"), .number, locale: l), .init(Text("账账差", "Ledger − books"), .number, locale: l),
            .init(Text("账实差", "Books − physical"), .number, locale: l),
        ], rows: lines.map { r in
            [.text(r.itemCode), .text(r.itemName), .quantity(r.books), .quantity(r.report), .quantity(r.siteLedger),
             r.physical.map(ExportTable.Cell.quantity) ?? .empty, .quantity(r.booksVsReport), .quantity(r.ledgerVsBooks),
             r.booksVsPhysical.map(ExportTable.Cell.quantity) ?? .empty]
        })
    }
}
