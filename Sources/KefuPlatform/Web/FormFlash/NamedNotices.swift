/// #11.2: after a successful form the page says what happened and to which record (`?notice=<code>&what=<number>`).
/// `{0}` is the record's number or name.
enum NamedNotices {
    static let texts: [String: Text] = [
        "unit_created": Text("已创建组织 {0}", "Org unit {0} created"),
        "unit_saved": Text("已保存组织 {0}", "Org unit {0} saved"),
        "user_created": Text("已创建用户 {0}", "User {0} created"),
        "user_saved": Text("已保存用户 {0}", "User {0} saved"),
        "policy_created": Text("已创建服务标准 {0}", "Service standard {0} created"),
        "policy_saved": Text("已保存服务标准 {0}", "Service standard {0} saved"),
        "calendar_saved": Text("已保存 {0} 年的工作日历", "Working calendar for {0} saved"),
        "webhook_saved": Text("已保存 Webhook {0}", "Webhook {0} saved"),
        "settings_saved": Text("已保存设置", "Settings saved"),
        "ticket_created": Text("已创建工单 {0}", "Ticket {0} created"),
        "complaint_created": Text("已登记投诉 {0}", "Complaint {0} registered"),
        "repair_created": Text("已创建维修单 {0}", "Repair order {0} created"),
        "return_created": Text("已创建退货单 {0}", "Return {0} created"),
        "survey_sent": Text("已发送满意度调查 {0}", "Survey {0} sent"),
        "step_done": Text("已完成：{0}", "Done: {0}"),
        "parts_issued": Text("已领用备件：出库单 {0}", "Parts issued: issue {0}"),
        // #12.1: a file upload (multipart, outside FormFlash) says what became of it on the page it came from.
        "attached": Text("已上传附件 {0}", "Attachment {0} uploaded"),
        "attachment_refused": Text("附件未上传：{0}", "Attachment not uploaded: {0}"),
    ]
}
