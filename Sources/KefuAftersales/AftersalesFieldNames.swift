import KefuPlatform

/// #11.2: the names of after-sales fields as the user reads them, so that a message says "请填写出厂日期", not
/// "请填写 shippedAt" (the API's field key stays in `details.field`).
enum AftersalesFieldNames {
    static let names: [String: Text] = [
        "aboutUserId": Text("被投诉人", "person complained about"), "accepted": Text("顾客是否接受", "accepted"),
        "answers.comment": Text("意见", "comment"), "approved": Text("顾客是否同意", "approved"), "comment": Text("意见", "comment"),
        "corrective": Text("纠正措施", "corrective action"), "customer.name": Text("客户名称", "customer name"),
        "customer.phone": Text("客户电话", "customer phone"), "customerIds": Text("客户编号", "customer numbers"),
        "customerName": Text("客户名称", "customer name"), "defect": Text("故障描述", "defect"), "dueDate": Text("完成日期", "due date"),
        "effective": Text("是否有效", "effective"), "handling": Text("处理方式", "handling"), "inWarranty": Text("是否在保修期内", "in warranty"),
        "kind": Text("类别", "kind"), "mainComponentDamaged": Text("主元器件是否损坏", "main component damaged"), "method": Text("发运方式", "shipping method"),
        "minutes": Text("会议纪要", "minutes"), "model": Text("机型", "model"), "name": Text("名称", "name"), "note": Text("备注", "note"),
        "participants": Text("参加人员", "participants"), "passed": Text("检验结果", "QC result"), "preventive": Text("预防措施", "preventive action"),
        "purchaseDate": Text("购买日期", "purchase date"), "qualityIssue": Text("是否质量问题", "quality issue"), "quarter": Text("季度", "quarter"),
        "reason": Text("原因", "reason"), "repairOrderId": Text("维修单", "repair order"), "report": Text("检验报告", "inspection report"),
        "responsibility": Text("责任归属", "responsibility"), "responsibleOrgUnitId": Text("责任部门", "responsible unit"),
        "rootCause": Text("原因分析", "root cause"), "salespersonId": Text("业务员", "salesperson"), "serialNumber": Text("序列号", "serial number"),
        "shipDate": Text("发货日期", "ship date"), "shippedAt": Text("出厂日期", "factory ship date"), "signedBy": Text("签字人", "signed by"),
        "status": Text("状态", "status"), "ticketId": Text("工单", "ticket"), "trackingNumber": Text("运单号", "tracking number"),
        "units.defect": Text("故障描述", "defect"), "units.serialNumber": Text("序列号", "serial number"),
        "source": Text("投诉来源", "complaint source"), "orgUnitId": Text("受理部门", "receiving unit"), // #16 item 6 CMP-01
        "fee": Text("维修费用", "fee"), "fee.amount": Text("维修费用金额", "fee amount"),
    ]

    /// `template` with `{0}` the field's name in each language and `{1}`… the other arguments.
    static func message(_ template: Text, _ field: String, _ rest: String...) -> Text { FieldNames(names).message(template, field, rest) }
}
