import KefuDomain
import KefuPlatform

/// The words of arrival checks (#13.2) in both languages.
enum ArrivalLabels {
    static func source(_ raw: String) -> Text {
        switch ArrivalSource(rawValue: raw) {
        case .materialRequest?: return Text("物资申请", "Material request")
        case .transfer?: return Text("调拨", "Transfer")
        case .supplier?: return Text("供应商发货", "Supplier shipment")
        case nil: return Text(raw, raw)
        }
    }

    static func status(_ s: ArrivalStatus) -> Text {
        switch s {
        case .checking: return Text("验收中", "Checking")
        case .completed: return Text("已完成", "Completed")
        }
    }

    static func clock(_ c: ArrivalClock) -> Text {
        switch c {
        case .running: return Text("期限内", "Within time")
        case .dueSoon: return Text("即将到期", "Due soon")
        case .late: return Text("已超期", "Late")
        case .checkedInTime: return Text("按期验收", "Checked in time")
        case .checkedLate: return Text("超期验收", "Checked late")
        }
    }

    static func state(_ s: ArrivalFilter.State) -> Text {
        switch s {
        case .open: return Text("验收中", "Open")
        case .due: return Text("到期待验", "Due")
        case .late: return Text("超期", "Late")
        case .completed: return Text("已完成", "Completed")
        }
    }

    static func event(_ what: String) -> Text {
        switch what {
        case "created": return Text("到货验收已登记", "Arrival check recorded")
        case "completed": return Text("验收完成，已生成入库单草稿", "Check completed; the receipt is drafted")
        case "confirmed": return Text("已确认无单据到货", "Goods without papers confirmed")
        case "papers": return Text("发货单据已保存", "Shipping papers saved")
        default: return Text("已保存", "Saved")
        }
    }
}
