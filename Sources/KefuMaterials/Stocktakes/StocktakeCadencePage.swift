import KefuDomain
import KefuPlatform

/// STK-01/02 on the stocktake list: each warehouse in scope with its last count and whether the count is due.
extension StocktakePages {
    static func cadenceLabel(_ raw: String) -> Text {
        StocktakeCadence(rawValue: raw) == .quarterly ? Text("每季度（业务部，STK-01）", "Quarterly (department, STK-01)")
            : Text("每月（现场，STK-02）", "Monthly (site, STK-02)")
    }

    static func dueLabel(_ raw: String) -> Text {
        switch StocktakeCadence.Due(rawValue: raw) {
        case .done: return Text("本期已盘", "Counted this period")
        case .overdue: return Text("已逾期", "Overdue")
        default: return Text("本期待盘", "Due this period")
        }
    }

    static func cadenceTable(_ rows: [StocktakeCadenceRow], _ l: AppLocale) -> HTML {
        guard !rows.isEmpty else { return .empty }
        // #11.5: a DataTable: on a phone each warehouse is a card of labelled lines.
        let body: [DataTable.Row] = rows.map { r in
            DataTable.Row([.init("\(r.warehouseCode)"), .init("\(r.warehouseName)"), .init("\(cadenceLabel(r.cadence), l)"),
                           .init("\(r.lastCount ?? Text("从未盘点", "Never counted")(l))", class: "last-count"),
                           .init("<span class=\"badge cadence-due\" data-due=\"\(r.due)\">\(dueLabel(r.due), l)</span>")],
                          attributes: "class=\"cadence-row\" data-warehouse-code=\"\(r.warehouseCode)\" data-due=\"\(r.due)\"")
        }
        return """
        <h2>\(Text("盘点周期", "Count schedule"), l)</h2>
        \(DataTable.render(id: "stocktake-cadence", headers: [Text("仓库编码", "Warehouse code"), Text("仓库名称", "Warehouse"), Text("周期", "Cadence"),
                                                          Text("上次盘点", "Last counted"), Text("状态", "State")].map { $0(l) }, rows: body))
        """
    }
}
