import KefuDomain
import KefuPlatform

/// zh-CN and English for the scenic visitor services' states and choices.
enum ScenicLabels {
    /// "寻人 XR-2026-0001": a label followed by a record's number or code.
    static func titled(_ t: Text, _ s: String) -> Text { Text(t.zh + " " + s, t.en + " " + s) }

    static func lostStatus(_ s: LostPersonRules.Status) -> Text {
        switch s {
        case .open: return Text("已登记", "Reported")
        case .broadcasting: return Text("广播中", "Broadcasting")
        case .closed: return Text("已结案", "Closed")
        }
    }

    static func outcome(_ o: LostPersonRules.Outcome) -> Text {
        switch o {
        case .found: return Text("已找到", "Found")
        case .handedOver: return Text("已移交（如公安）", "Handed over (e.g. police)")
        case .other: return Text("其他", "Other")
        }
    }

    static func itemKind(_ k: LendingRules.ItemKind) -> Text {
        k == .wheelchair ? Text("轮椅", "Wheelchair") : Text("婴儿车", "Stroller")
    }

    static func itemStatus(_ s: LendingRules.ItemStatus) -> Text {
        switch s {
        case .available: return Text("可借", "Available")
        case .lent: return Text("借出", "Lent")
        case .inRepair: return Text("维修中", "In repair")
        }
    }

    static func loanKind(_ k: LendingRules.LoanKind) -> Text { k == .lend ? Text("借用（免费）", "Loan (free)") : Text("租用", "Rental") }

    static func check(_ c: LendingRules.Check) -> Text { c == .ok ? Text("完好", "OK") : Text("损坏，已送修", "Damaged, sent to repair") }

    static func idKind(_ k: ScenicService.IDKind) -> Text {
        k == .residentId ? Text("居民身份证", "Resident ID card") : Text("其他证件（填出生日期）", "Other ID (enter the birth date)")
    }

    static func planStatus(_ s: ReceptionPlanRules.Status) -> Text { s == .ready ? Text("各部门已确认", "All confirmed") : Text("待部门确认", "Awaiting departments") }
}

/// VIS-01/02 mailing and ticket delivery.
extension ScenicLabels {
    static func mailingStatus(_ s: MailingRules.Status) -> Text {
        switch s {
        case .requested: return Text("待寄出", "Requested")
        case .sent: return Text("已寄出", "Sent")
        case .delivered: return Text("已妥投", "Delivered")
        }
    }

    static func mailingStep(_ s: MailingRules.Step) -> Text { s == .send ? Text("寄出", "Send") : Text("确认妥投", "Mark delivered") }

    static func ticketDeliveryStatus(_ s: TicketDeliveryRules.Status) -> Text { s == .scheduled ? Text("待送票", "Scheduled") : Text("已送达", "Delivered") }
}
