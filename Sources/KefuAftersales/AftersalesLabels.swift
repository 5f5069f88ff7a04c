import KefuDomain
import KefuPlatform

/// zh-CN / English names of the procedure's states and steps.
enum AftersalesLabels {
    static func complaint(_ s: String) -> Text {
        switch ComplaintStatus(rawValue: s) {
        case .registered?: return Text("已登记", "Registered")
        case .classified?: return Text("已分类", "Classified")
        case .investigating?: return Text("品管调查中", "Investigating (QA)")
        case .actionPlanned?: return Text("已制定措施", "Actions planned")
        case .awaitingConfirmation?: return Text("待顾客确认", "Awaiting customer confirmation")
        case .actionInProgress?: return Text("措施执行中", "Actions in progress")
        case .verified?: return Text("已验证", "Verified")
        case .closed?: return Text("已关闭", "Closed")
        case nil: return Text(s, s)
        }
    }

    static func repair(_ s: String) -> Text {
        switch RepairStatus(rawValue: s) {
        case .received?: return Text("已接收", "Received")
        case .awaitingCustomerApproval?: return Text("待顾客确认费用", "Awaiting customer approval")
        case .repairing?: return Text("维修中", "Repairing")
        case .returningUnrepaired?: return Text("不修返回", "Returning unrepaired")
        case .readyToShip?: return Text("检验合格待出库", "QC passed, ready to ship")
        case .shipped?: return Text("已出库", "Shipped")
        case .closed?: return Text("顾客已收货", "Delivered, closed")
        case nil: return Text(s, s)
        }
    }

    static func returnStatus(_ s: String) -> Text {
        switch ReturnStatus(rawValue: s) {
        case .requested?: return Text("已申请", "Requested")
        case .goodsReceived?: return Text("已收到退回品", "Goods received")
        case .inspected?: return Text("已检验", "Inspected")
        case .accepted?: return Text("已受理", "Accepted")
        case .rejected?: return Text("不符合退货规定", "Rejected")
        case .slipIssued?: return Text("已开红联", "Slip issued")
        case .salesManagerSigned?: return Text("销售部经理已签字", "Signed by sales manager")
        case .bookedByFinance?: return Text("财务已入账", "Booked by finance")
        case .closed?: return Text("已关闭", "Closed")
        case nil: return Text(s, s)
        }
    }

    static func kind(_ s: String) -> Text { s == "exchange" ? Text("换货", "Exchange") : Text("退货", "Return") }

    static func responsibility(_ s: String?) -> Text {
        switch s {
        case "not_company"?: return Text("非公司责任", "Not the company's responsibility")
        case "company"?: return Text("公司责任", "The company's responsibility")
        case "product"?: return Text("产品自身质量问题", "Product's own defect")
        case "customer"?: return Text("顾客使用原因", "Customer's use")
        case "transport"?: return Text("运输原因", "Transport")
        case "other"?: return Text("其他", "Other")
        default: return Text("—", "—")
        }
    }

    /// #16 item 6 (CMP-01, D15): where the complaint came in, and so who answers the customer first.
    static func complaintSource(_ s: String?) -> Text {
        switch ComplaintSource(rawValue: s ?? "") {
        case .sales?: return Text("销售部受理（由销售部答复顾客）", "Accepted by sales (sales answers the customer)")
        case .direct?: return Text("顾客直接投诉（由客服部答复顾客）", "Direct to customer service (CS answers the customer)")
        case nil: return Text("—", "—")
        }
    }

    static func handling(_ s: String?) -> Text {
        switch s {
        case "customer_service"?: return Text("客服处理", "Customer service")
        case "quality"?: return Text("转品管部（顾客投诉处理单）", "To QA (complaint form)")
        default: return Text("—", "—")
        }
    }

    static func yesNo(_ b: Bool?) -> Text {
        switch b {
        case true?: return Text("是", "Yes")
        case false?: return Text("否", "No")
        case nil: return Text("—", "—")
        }
    }

    static func action(_ a: String) -> Text {
        let names: [String: Text] = [
            "registered": Text("登记", "Registered"), "classified": Text("分类", "Classified"), "sent_to_quality": Text("顾客投诉处理单转品管部", "Complaint form sent to QA"),
            "analysis": Text("原因分析与责任归属", "Root cause and responsibility"), "actions_planned": Text("制定纠正与预防措施", "Actions planned"),
            "actions_approved": Text("管理者代表批准", "Approved by management representative"), "review_meeting": Text("会审", "Joint review"),
            "customer_confirmation": Text("顾客确认", "Customer confirmation"), "verification": Text("效果验证", "Verification"), "closed": Text("关闭", "Closed"),
            "received": Text("接收返修品", "Units received"), "diagnosed": Text("检测", "Diagnosed"), "customer_approved": Text("顾客签字同意维修", "Customer approved"),
            "customer_declined": Text("顾客不修，返回", "Customer declined"), "qc_passed": Text("检验合格", "QC passed"), "qc_failed": Text("检验不合格", "QC failed"),
            "shipped": Text("出库", "Shipped"), "delivered": Text("顾客已收货", "Delivered"), "requested": Text("申请", "Requested"),
            "goods_received": Text("收到退回品", "Goods received"), "inspected": Text("品管检验", "QA inspection"), "accepted": Text("受理", "Accepted"),
            "rejected": Text("不符合退货规定", "Rejected by the rule"), "override": Text("销售部经理特批", "Sales manager override"),
            "slip_issued": Text("开具红联", "Slip issued"), "salesperson_annotated": Text("业务员注明", "Salesperson annotated"),
            "sales_manager_signed": Text("销售部经理签字", "Sales manager signed"), "booked_by_finance": Text("财务入账", "Booked by finance"),
            "replacement_shipped": Text("换货品发出", "Replacement shipped"),
            "supervisor_review": Text("主管审阅", "Supervisor review"), "return_visit": Text("回访", "Return visit"),
        ]
        return names[a] ?? Text(a, a)
    }
}
