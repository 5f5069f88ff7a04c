import KefuDomain
import KefuPlatform

/// zh/en labels of the material books, in U8's words.
enum MaterialLabels {
    static func reason(_ r: StockReason) -> Text {
        switch r {
        case .purchase: return Text("采购入库", "Purchase receipt")
        case .spotPurchase: return Text("零采入库", "Spot purchase receipt")
        case .damaged: return Text("损坏入库", "Damaged receipt")
        case .repaired: return Text("修复入库", "Repaired receipt")
        case .materialReturn: return Text("物资退库", "Material return")
        case .selfUse: return Text("自用领用", "Self-use issue")
        case .repairReturn: return Text("返修出库", "Repair-return issue")
        case .scrap: return Text("报废出库", "Scrap issue")
        case .transfer: return Text("调拨", "Transfer")
        case .stocktakeGain: return Text("盘盈", "Stocktake gain")
        case .stocktakeLoss: return Text("盘亏", "Stocktake loss")
        }
    }

    static func reasonText(_ raw: String) -> Text { StockReason(rawValue: raw).map(reason) ?? Text(raw, raw) }

    static func direction(_ d: StockDirection) -> Text {
        d == .in ? Text("其他入库单", "Other receipt") : Text("其他出库单", "Other issue")
    }

    static func status(_ raw: String) -> Text {
        raw == DocumentStatus.audited.rawValue ? Text("已审核", "Audited") : Text("已保存", "Saved")
    }

    /// #11.5, MAT-03: the item categories in words, never the stored code (`spare_part`).
    static func category(_ raw: String) -> Text {
        switch ItemCategory(rawValue: raw) {
        case .tool?: return Text("工具", "Tool")
        case .sparePart?: return Text("备品备件", "Spare part")
        case .consumable?: return Text("消耗品", "Consumable")
        case .storageEquipment?: return Text("仓储装卸安全设备", "Storage equipment")
        case nil: return Text(raw, raw)
        }
    }

    /// MAT-04: ⅰ类 / ⅱ类 物资 (SPEC glossary: no repair value / worth commercial repair).
    static func repairClass(_ raw: String) -> Text {
        switch RepairClass(rawValue: raw) {
        case .I?: return Text("ⅰ类（无修复价值）", "Class i (not worth repairing)")
        case .II?: return Text("ⅱ类（值得修复）", "Class ii (worth repairing)")
        case nil: return Text(raw, raw)
        }
    }

    static func condition(_ raw: String) -> Text {
        raw == WarehouseCondition.damaged.rawValue ? Text("损坏品库", "Damaged-item warehouse") : Text("完好品库", "Good-item warehouse")
    }

    static func progress(_ raw: String) -> Text {
        switch TransferProgress(rawValue: raw) {
        case .awaitingDispatch?: return Text("待发货", "Awaiting dispatch")
        case .inTransit?: return Text("在途", "In transit")
        case .received?: return Text("已收货", "Received")
        default: return Text("已保存", "Saved")
        }
    }

    static let actions: [(String, Text)] = [
        ("edit", Text("修改", "Edit")), ("delete", Text("删除", "Delete")), ("audit", Text("审核", "Audit")), ("unaudit", Text("弃审", "Un-audit")),
    ]
}
