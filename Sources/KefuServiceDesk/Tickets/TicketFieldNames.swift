import KefuPlatform

/// #11.2: the ticket fields by the labels the ticket pages show, so a refusal says "请填写原因", not "请填写 reason"
/// (the key stays in `details.field`, which places the message under its field).
enum TicketFieldNames {
    static let names = FieldNames([
        "subject": Text("主题", "Subject"), "description": Text("描述", "Description"), "type": Text("类型", "Type"),
        "channel": Text("渠道", "Channel"), "priority": Text("优先级", "Priority"), "status": Text("状态", "Status"),
        "visibility": Text("回复方式", "Reply or note"), "note": Text("备注", "Note"), "reason": Text("原因", "Reason"),
        "body": Text("内容", "Text"), "format": Text("格式", "Format"), "groupBy": Text("统计方式", "Group by"),
        "calendar": Text("计时日历", "Calendar"), "match.type": Text("适用类型", "Applies to type"),
        "match.priority": Text("适用优先级", "Applies to priority"), "match.channel": Text("适用渠道", "Applies to channel"),
    ])

    /// `template` with `{0}` the field's label in each language and `{1}`… the other arguments.
    static func message(_ template: Text, _ field: String, _ rest: String...) -> Text { names.message(template, field, rest) }
}
