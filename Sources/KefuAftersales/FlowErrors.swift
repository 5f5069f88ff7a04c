import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// A refused step of a flow as the API answers it: 409 with the code naming the rule or the missing step.
enum FlowErrors {
    static let messages: [String: Text] = [
        "complaint_closed": Text("投诉已关闭", "The complaint is closed"),
        "already_classified": Text("投诉已分类", "The complaint is already classified"),
        "not_company_goes_to_customer_service": Text("非公司责任的投诉由客服解释处理，不转品管部", "A complaint that is not the company's responsibility is answered by customer service, not sent to QA"),
        "not_referred_to_quality": Text("投诉尚未转品管部", "The complaint has not been sent to QA"),
        "analysis_already_done": Text("原因分析阶段已结束", "The analysis stage is over"),
        "analysis_missing": Text("品管部尚未记录原因分析和责任归属", "QA has not recorded root cause and responsibility yet"),
        "no_internal_fault": Text("品管部未认定内部责任，无需纠正预防措施", "QA found no internal fault; no corrective action is planned"),
        "actions_missing": Text("责任部门尚未制定纠正与预防措施", "The responsible department has not planned corrective and preventive actions"),
        "actions_already_approved": Text("措施已批准", "The actions are already approved"),
        "approval_missing": Text("纠正与预防措施尚未经管理者代表批准", "The actions are not yet approved by the management representative"),
        "review_meeting_not_allowed": Text("只能在调查或制定措施阶段召开会审", "A joint review is held only while investigating or planning"),
        "already_confirmed": Text("顾客已确认", "The customer has already confirmed"),
        "customer_confirmation_missing": Text("尚未记录顾客确认", "The customer's confirmation is not recorded yet"),
        "already_verified": Text("已验证", "Already verified"),
        "verification_missing": Text("品管部和客服尚未验证措施有效", "QA and customer service have not verified the actions as effective"),
        "classification_missing": Text("投诉尚未分类", "The complaint is not classified yet"),
        "handling_missing": Text("物业公司的投诉须先记录处理情况才能结案", "A property organisation's complaint closes only after its handling is recorded"), // #14 CMP-15
        "return_visit_missing": Text("物业公司的投诉须先记录回访才能结案（处理率和回访率均须 100%）", "A property organisation's complaint closes only after a recorded return visit (handling and return visits both 100%)"), // #14 CMP-15
        // #16 item 6 (CMP-01, D15)
        "already_answered": Text("已给顾客首次答复", "The customer has already had the first answer"),
        "answered_by_sales": Text("此投诉由销售部受理，由销售部答复顾客", "The sales department accepted this complaint and answers the customer"),
        "answered_by_customer_service": Text("此投诉由客服部受理，由客服部答复顾客", "Customer service accepted this complaint and answers the customer"),
        "repair_closed": Text("返修单已关闭", "The repair order is closed"),
        "already_diagnosed": Text("已完成检测", "Already diagnosed"),
        "diagnosis_missing": Text("维修组尚未检测", "The repair group has not diagnosed the unit yet"),
        "no_decision_pending": Text("没有待顾客确认的报价", "No fee quote is awaiting the customer's decision"),
        "customer_consent_missing": Text("尚未收到顾客签字同意维修", "The customer's signed consent to the repair is missing"),
        "not_under_repair": Text("返修品不在维修中", "The unit is not under repair"),
        "qc_pass_missing": Text("返修品未经品管检验合格，不能出库", "The unit has not passed QC and cannot ship"),
        "already_shipped": Text("已出库", "Already shipped"),
        "not_shipped": Text("尚未出库", "Not shipped yet"),
        "return_closed": Text("退换货单已关闭", "The return is closed"),
        "goods_already_received": Text("退回品已收到", "The returned goods are already received"),
        "goods_not_received": Text("尚未收到退回品", "The returned goods have not been received"),
        "already_inspected": Text("已检验", "Already inspected"),
        "no_quality_question": Text("顾客未对质量提出异议，无需品管检验", "The customer does not question quality; no QA inspection"),
        "inspection_missing": Text("品管部尚未出具检验报告", "QA has not issued the inspection report yet"),
        "already_decided": Text("已判定", "Already decided"),
        "override_not_needed": Text("只有被拒绝的退换货才需要特批", "Only a rejected return needs an override"),
        "return_rejected": Text("退换货不符合三个月质量规定，需销售部经理特批", "The return fails the 3-month quality rule; the sales manager must override"),
        "not_accepted": Text("退换货尚未判定受理", "The return has not been accepted yet"),
        "slip_missing": Text("尚未开具退回/换货品详单", "The return/exchange slip has not been issued"),
        "already_signed": Text("销售部经理已签字", "The sales manager has already signed"),
        "salesperson_annotation_missing": Text("区域业务员尚未注明发货日期和原因", "The regional salesperson has not annotated ship date and reason"),
        "already_booked": Text("财务已入账", "Finance has already booked it"),
        "sales_manager_signature_missing": Text("尚无销售部经理签字", "The sales manager's signature is missing"),
        "not_an_exchange": Text("这不是换货单", "This is not an exchange"),
        "replacement_already_shipped": Text("换货品已发出", "The replacement has already shipped"),
        "replacement_not_shipped": Text("换货品尚未发出", "The replacement has not shipped"),
        "finance_booking_missing": Text("财务尚未入账", "Finance has not booked it yet"),
    ]

    static func error(_ refusal: FlowRefusal) -> AppError {
        AppError.conflict(refusal.code, messages[refusal.code] ?? Text("不允许此操作：\(refusal.code)", "Not allowed: \(refusal.code)"))
    }

    static func check<S>(_ result: Result<S, FlowRefusal>) throws -> S {
        switch result {
        case .success(let s): return s
        case .failure(let r): throw error(r)
        }
    }
}
