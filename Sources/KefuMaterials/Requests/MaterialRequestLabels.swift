import KefuDomain
import KefuPlatform

/// The words of material requests in both languages (4.4 states, kinds, urgency, steps).
enum MaterialRequestLabels {
    static func state(_ s: MaterialRequestState) -> Text {
        switch s {
        case .draft: return Text("草稿", "Draft")
        case .siteReview: return Text("现场负责人审核", "Site chief review")
        case .plannerReview: return Text("计划员确认", "Planner review")
        case .supervisorReview: return Text("主管审核", "Supervisor review")
        case .managerReview: return Text("经理审批", "Manager approval")
        case .sentToProduction: return Text("已报生产管理部", "Sent to production")
        case .shippingFromStock: return Text("生产库发货", "Shipping from stock")
        case .procurement: return Text("采购中", "Procurement")
        case .supplierShipping: return Text("供应商发货", "Supplier shipping")
        case .arrived: return Text("已到货", "Arrived")
        case .closed: return Text("已关闭", "Closed")
        }
    }

    static func state(_ raw: String) -> Text { MaterialRequestState(rawValue: raw).map(state) ?? Text(raw, raw) }

    static func kind(_ k: MaterialRequestKind) -> Text {
        switch k {
        case .tool: return Text("工具", "Tools")
        case .consumable: return Text("耗材", "Consumables")
        case .sparePart: return Text("备件", "Spare parts")
        }
    }

    static func kind(_ raw: String) -> Text { MaterialRequestKind(rawValue: raw).map(kind) ?? Text(raw, raw) }

    static func urgency(_ raw: String) -> Text {
        MaterialRequestUrgency(rawValue: raw) == .urgent ? Text("紧急", "Urgent") : Text("一般", "Normal")
    }

    static func action(_ raw: String) -> Text {
        switch raw {
        case "submit": return Text("提交", "Submitted")
        case "approve": return Text("审核签字", "Signed")
        case "return": return Text("退回", "Returned")
        case "decide": return Text("生产管理部决定", "Production decided")
        case "order": return Text("采购下单", "Order placed")
        case "ship": return Text("发货", "Shipped")
        case "confirm-arrival": return Text("确认到货", "Arrival confirmed")
        case "close": return Text("关闭", "Closed")
        case "urgent_release": return Text("紧急放行", "Urgent release")
        case "backfill": return Text("补办联络单", "Form back-filled")
        default: return Text(raw, raw)
        }
    }

    static func role(_ raw: String?) -> Text {
        switch raw.flatMap(Role.init(rawValue:)) {
        case .siteKeeper?: return Text("现场库管", "Site keeper")
        case .siteLead?: return Text("现场负责人", "Site chief")
        case .deptPlanner?: return Text("业务部计划员", "Department planner")
        case .deptSupervisor?: return Text("业务部主管", "Department supervisor")
        case .deptManager?: return Text("业务部经理", "Department manager")
        case .production?: return Text("生产管理部", "Production")
        case .procurement?: return Text("采购", "Procurement")
        default: return Text("—", "—")
        }
    }
}
