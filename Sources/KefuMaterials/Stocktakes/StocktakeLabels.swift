import Foundation
import KefuDomain
import KefuPlatform

/// zh/en names of stocktake states, steps, kinds and reasons.
enum StocktakeLabels {
    static func status(_ s: StocktakeStatus) -> Text {
        switch s {
        case .draft: return Text("草稿", "Draft")
        case .counting: return Text("盘点中", "Counting")
        case .submitted: return Text("已提交", "Submitted")
        case .approved: return Text("已审批", "Approved")
        case .adjusted: return Text("已调账", "Adjusted")
        case .closed: return Text("已关闭", "Closed")
        }
    }

    static func action(_ a: StocktakeAction) -> Text {
        switch a {
        case .edit: return Text("修改", "Edit")
        case .distribute: return Text("下发", "Distribute")
        case .count: return Text("录入实盘数", "Enter counts")
        case .submit: return Text("提交", "Submit")
        case .return: return Text("退回", "Return")
        case .approve: return Text("审批", "Approve")
        case .post: return Text("过账调整", "Post adjustments")
        case .assess: return Text("考核", "Assess")
        }
    }

    static func kind(_ k: StocktakeKind) -> Text {
        switch k {
        case .quarterly: return Text("季度盘点", "Quarterly count")
        case .monthly: return Text("月度盘点", "Monthly count")
        case .spot: return Text("临时盘点", "Ad-hoc count")
        }
    }

    static func scope(_ s: StocktakeScope) -> Text {
        s == .full ? Text("全盘", "Full count") : Text("抽盘", "Spot check")
    }

    static func reason(_ r: StocktakeReasonCode) -> Text {
        switch r {
        case .surplus: return Text("盘盈", "Surplus")
        case .shortage: return Text("盘亏", "Shortage")
        case .damage: return Text("损坏", "Damage")
        case .spoilage: return Text("变质", "Spoilage")
        case .bookingError: return Text("记账差错", "Booking error")
        case .other: return Text("其他", "Other")
        }
    }

    /// A reason typed in a sheet: its code or its Chinese or English name.
    static func reasonCode(_ typed: String) -> StocktakeReasonCode? {
        let t = typed.trimmingCharacters(in: .whitespaces)
        if let c = StocktakeReasonCode(rawValue: t.lowercased()) { return c }
        return StocktakeReasonCode.allCases.first { reason($0).zh == t || reason($0).en.lowercased() == t.lowercased() }
    }
}
