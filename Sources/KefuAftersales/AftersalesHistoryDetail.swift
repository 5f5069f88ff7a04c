import KefuDomain
import KefuPlatform

/// #11.5: the facts an after-sales history entry records, in words in both languages (`退回方式：顺丰`), never as the
/// stored `key=value` pairs. Record ids are left out (the page links the related records by number); people named
/// by id are shown by name when the page knows them.
enum AftersalesHistoryDetail {
    static let labels: [String: Text] = [
        "accepted": Text("受理", "Accepted"), "comment": Text("说明", "Comment"), "approved": Text("顾客同意", "Approved"),
        "signedBy": Text("签名人", "Signed by"), "handler": Text("经办人", "Handled by"), "corrective": Text("纠正措施", "Corrective action"),
        "preventive": Text("预防措施", "Preventive action"), "dueDate": Text("完成期限", "Due"), "effective": Text("有效", "Effective"),
        "side": Text("验证方", "Verified by"), "note": Text("说明", "Note"), "form": Text("表单", "Form"), "to": Text("状态", "Status"),
        "method": Text("发货方式", "Shipping method"), "trackingNumber": Text("运单号", "Tracking number"), "minutes": Text("会议纪要", "Minutes"),
        "participants": Text("参加人", "Participants"), "major": Text("重大投诉", "Major"), "number": Text("编号", "Number"),
        "kind": Text("类型", "Kind"), "status": Text("状态", "Status"), "quantity": Text("数量", "Quantity"), "occasion": Text("调查时机", "Occasion"),
        "overall": Text("总体评价", "Overall rating"), "percent": Text("比例", "Percentage"), "reason": Text("原因", "Reason"),
        "report": Text("检验报告", "Inspection report"), "responsibility": Text("责任", "Responsibility"), "handling": Text("处理方式", "Handling"),
        "fee": Text("维修费用（元）", "Fee (yuan)"), "shipDate": Text("发货日期", "Ship date"), "rootCause": Text("根本原因", "Root cause"),
        "aboutUserId": Text("被投诉人", "About"), "salespersonId": Text("业务员", "Salesperson"),
        "mainComponentDamaged": Text("主元器件损坏", "Main component damaged"), "inWarranty": Text("在保修期内", "In warranty"),
        "passed": Text("检验结果", "Result"),
    ]
    /// Ids of records: linked from the page by number instead.
    static let hidden: Set<String> = ["from", "ticketId", "repairOrderId", "responseId", "surveyResponseId", "responsibleOrgUnitId", "complaintId", "campaignId"]
    static let people: Set<String> = ["aboutUserId", "salespersonId"]

    static func value(_ key: String, _ raw: String, names: [String: String]) -> Text {
        if people.contains(key) { return names[raw].map { Text($0, $0) } ?? Text("—", "—") }
        switch key {
        case "to", "status":
            for label in [AftersalesLabels.complaint, AftersalesLabels.repair, AftersalesLabels.returnStatus] {
                let t = label(raw)
                if t.zh != raw { return t }
            }
        case "responsibility": return AftersalesLabels.responsibility(raw)
        case "handling", "side": return AftersalesLabels.handling(raw)
        case "kind": return AftersalesLabels.kind(raw)
        case "passed": return raw == "true" ? Text("合格", "Pass") : Text("不合格", "Fail")
        case "occasion":
            switch raw {
            case "ticket": return Text("工单解决后", "After a ticket")
            case "repair": return Text("维修后", "After a repair")
            case "campaign": return Text("定期调查", "Campaign")
            default: break
            }
        default: break
        }
        if raw == "true" { return AftersalesLabels.yesNo(true) }
        if raw == "false" { return AftersalesLabels.yesNo(false) }
        return Text(raw, raw)
    }

    /// The entry's facts as `label：value` in the page's language, in a stable order.
    static func text(_ detail: [String: String], names: [String: String], _ l: AppLocale) -> String {
        detail.keys.sorted().filter { !hidden.contains($0) && !(detail[$0] ?? "").isEmpty }.map { key in
            let label = labels[key] ?? Text(key, key)
            return label(l) + (l == .en ? ": " : "：") + value(key, detail[key]!, names: names)(l)
        }.joined(separator: l == .en ? "; " : "；")
    }
}
