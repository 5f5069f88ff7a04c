import KefuDomain
import KefuPlatform

/// The words of the commercial-repair pages and refusals (#13.3, DMG-06/07, ESC-05), in both languages.
enum CommercialRepairLabels {
    static let title = Text("商修申请", "Commercial repairs")
    static let new = Text("新建商修申请", "New repair application")
    static let department = Text("申请业务部", "Department")
    static let kind = Text("类型", "Kind")
    static let parts = Text("二类损坏件", "Class II damaged parts")
    static let note = Text("说明", "Note")
    static let repairer = Text("维修单位（厂家）", "Repairer (maker)")
    static let sentOn = Text("送修日期", "Sent on")
    static let expectedOn = Text("预计返回日期", "Expected back on")
    static let dueOn = Text("应返回日期", "Due back on")
    static let warrantyUntil = Text("保修截止日期", "Warranty until")
    static let cost = Text("维修费用（元）", "Repair cost (yuan)")
    static let returnedOn = Text("返回日期", "Returned on")
    static let result = Text("维修结果", "Result")
    static let comment = Text("审批意见", "Comment")
    static let late = Text("逾期", "Late")
    static let escalated = Text("已上报业务管理部", "Escalated to HQ")
    static let noParts = Text("本业务部各现场暂无可申请商修的二类损坏件", "No class II damaged parts of the department's sites await repair")

    static func kind(_ raw: String) -> Text {
        raw == CommercialRepairKind.warranty.rawValue ? Text("保修期内厂家维修（DMG-07）", "Maker's repair under warranty (DMG-07)")
                                                      : Text("商业维修（DMG-06）", "Commercial repair (DMG-06)")
    }

    static func status(_ raw: String) -> Text {
        switch CommercialRepairStatus(rawValue: raw) {
        case .draft?: return Text("草稿", "Draft")
        case .submitted?: return Text("待业务管理部审批", "Awaiting HQ approval")
        case .approved?: return Text("已批准待送修", "Approved, to send")
        case .sent?: return Text("维修中", "At the repairer")
        case .returned?: return Text("已返回", "Returned")
        case .closed?: return Text("已关闭", "Closed")
        case .cancelled?: return Text("已撤销", "Cancelled")
        case nil: return Text(raw, raw)
        }
    }

    static func result(_ raw: String?) -> Text {
        switch raw.flatMap(CommercialRepairResult.init(rawValue:)) {
        case .repaired?: return Text("已修复", "Repaired")
        case .scrapped?: return Text("无法修复报废", "Scrapped")
        case nil: return Text("—", "—")
        }
    }

    static func step(_ s: CommercialRepairRules.Step) -> Text {
        switch s {
        case .edit: return Text("修改", "Edit")
        case .submit: return Text("提交业务管理部", "Submit to HQ")
        case .approve: return Text("批准", "Approve")
        case .reject: return Text("退回", "Send back")
        case .send: return Text("送修", "Send for repair")
        case .record: return Text("登记维修结果", "Record the results")
        case .close: return Text("关闭", "Close")
        case .cancel: return Text("撤销", "Cancel")
        }
    }
}
