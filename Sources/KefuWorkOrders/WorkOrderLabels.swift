import KefuDomain
import KefuPlatform

/// The words of the work orders in both languages (#14.1).
public enum WorkOrderLabels {
    public static func status(_ s: WorkOrderStatus) -> Text {
        switch s {
        case .issued: return Text("已派单", "Issued")
        case .appointmentBooked: return Text("已预约", "Appointment booked")
        case .accepted: return Text("已接单", "Accepted")
        case .arrived: return Text("已到场", "Arrived")
        case .working: return Text("维修中", "Working")
        case .awaitingSignature: return Text("待签字", "Awaiting signature")
        case .completed: return Text("已完成", "Completed")
        case .returnVisited: return Text("已回访", "Return visited")
        }
    }

    public static func kind(_ k: WorkOrderKind) -> Text {
        switch k {
        case .household: return Text("住户报修", "Household")
        case .publicFacility: return Text("公共设施", "Public facility")
        }
    }

    /// The button of a step.
    public static func step(_ s: WorkOrderStep) -> Text {
        switch s {
        case .bookAppointment: return Text("预约上门", "Book appointment")
        case .accept: return Text("接单", "Accept")
        case .depart: return Text("出发", "Depart")
        case .arrive: return Text("到场", "Arrive")
        case .start: return Text("开始维修", "Start work")
        case .finish: return Text("维修完毕", "Finish work")
        case .signature: return Text("报修人签字", "Requester signs")
        case .complete: return Text("完成", "Complete")
        case .returnVisit: return Text("回访", "Return visit")
        }
    }

    public static func relation(_ r: WorkOrderSignerRelation) -> Text {
        switch r {
        case .owner: return Text("业主", "Owner")
        case .tenant: return Text("租户", "Tenant")
        case .adultFamilyMember: return Text("家庭成年成员", "Adult household member")
        case .csAssistantOrAbove: return Text("客服部客服助理及以上", "CS dept: CS assistant or above")
        case .securityForemanOrAbove: return Text("保安部领班及以上", "Security: foreman or above")
        case .csCentreOfficeStaff: return Text("客服中心文员", "CS centre: office staff")
        case .onSiteSalesStaff: return Text("销售部现场销售人员", "Sales: on-site sales staff")
        }
    }

    /// A timeline entry's action (the audit trail's `action`).
    public static func event(_ action: String) -> Text {
        if action == "issue" { return Text("开具任务单", "Issued") }
        if action == "sign" { return Text("报修人签字", "Signed by the requester") }
        return WorkOrderStep(rawValue: action).map(step) ?? Text(action, action)
    }
}
