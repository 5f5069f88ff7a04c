import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform

/// zh/en names of stocktake states, steps, kinds and reasons.
enum StocktakeLabels {
    /// D5 on the stocktake page: who approved it, or (before the decision) who will — the configured role or person,
    /// else the default rule, the department manager.
    static func approver(_ s: StocktakeView) -> Text {
        if let by = s.approvedBy {
            let name = s.approvedByName ?? by
            return Text("{0}（已审批）", "{0} (approved)").with(name)
        }
        let a = s.approver
        if a.rule == "user", let id = a.userId {
            let name = a.userName ?? id
            return Text("待 {0} 审批（指定审批人，D5）", "Awaiting {0} (named approver, D5)").with(name)
        }
        if a.rule == "role", let role = a.role.flatMap(Role.init(rawValue:)) {
            let name = OrgLabels.role(role)
            return Text("待\(name.zh)审批（指定审批角色，D5）", "Awaiting the \(name.en) (named role, D5)")
        }
        return Text("待业务部经理审批（默认，D5）", "Awaiting the department manager (default, D5)")
    }

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
