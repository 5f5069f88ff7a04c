import KefuDomain
import KefuPlatform

/// The words of freight (FRT-01..06, RPT-12) in both languages.
enum FreightLabels {
    static func mode(_ m: FreightMode) -> Text {
        switch m {
        case .rentedVehicle: return Text("租车（拼车/包车）", "Rented vehicle")
        case .air: return Text("空运", "Air freight")
        case .express: return Text("快递", "Express")
        }
    }

    static func approval(_ a: FreightApproval) -> Text {
        switch a {
        case .none: return Text("无需申请", "No application")
        case .department: return Text("向业务部申请（FRT-04）", "Application to the department (FRT-04)")
        case .departmentManager: return Text("业务部经理审批（FRT-05）", "Department manager approves (FRT-05)")
        case .departmentLeadership: return Text("部门领导书面审批（FRT-06）", "Department leadership approves in writing (FRT-06)")
        }
    }

    /// Who decides, for a refusal message.
    static func approverText(_ a: FreightApproval) -> Text {
        switch a {
        case .none: return Text("这笔运费无需审批", "this freight needs no approval")
        case .department, .departmentLeadership:
            return Text("由本业务部主管或经理审批", "it is decided by its business department's supervisor or manager")
        case .departmentManager: return Text("空运只由本业务部经理审批（FRT-05）", "air freight is decided by its business department's manager only (FRT-05)")
        }
    }

    static func status(_ s: FreightStatus) -> Text {
        switch s {
        case .notNeeded: return Text("无需审批", "No approval needed")
        case .awaitingApproval: return Text("待审批", "Awaiting approval")
        case .approved: return Text("已批准", "Approved")
        case .rejected: return Text("已驳回", "Rejected")
        }
    }

    static func decision(_ d: FreightDecision) -> Text {
        d == .approve ? Text("批准", "Approve") : Text("驳回", "Reject")
    }

    static func event(_ action: String) -> Text {
        switch action {
        case "create": return Text("已登记", "Recorded")
        case "approve": return Text("已批准", "Approved")
        case "reject": return Text("已驳回", "Rejected")
        case "price": return Text("已新增参考价格", "Reference price added")
        default: return Text(action, action)
        }
    }
}
