import KefuDomain
import KefuPlatform

/// #16 item 5: the refusals of `ReplyTemplateRules` in the user's language.
enum ReplyTemplateMessages {
    static func label(_ field: String) -> Text {
        switch field {
        case "title": return Text("标题", "Title")
        case "category": return Text("分类", "Category")
        case "code": return Text("快捷码", "Shortcut code")
        default: return Text("内容", "Text")
        }
    }

    static func text(_ r: ReplyTemplateRules.Refusal) -> Text {
        switch r {
        case .missing(let f): return Text("请填写" + label(f).zh, label(f).en + " is required")
        case .tooLong(let f, let max): return Text(label(f).zh + "最多 \(max) 个字", label(f).en + " has at most \(max) characters")
        case .badKind: return Text("类型须为常用语、问候语、结束语或邮件自动回执", "The kind is phrase, greeting, closing or acknowledgement")
        case .badChannel: return Text("渠道须为电话、邮件、在线、网页、来访、接口或信函/其他，或不限", "The channel is phone, email, chat, web, walk_in, api or other, or none")
        case .badLocale: return Text("语言须为 zh-CN 或 en", "The language is zh-CN or en")
        case .badCode: return Text("快捷码只能包含字母、数字、- 和 _", "A shortcut code holds letters, digits, - and _ only")
        case .unknownVariable(let name):
            return Text("不认识的变量 {{0}}；可用：{customer}/{客户}、{ticketNumber}/{工单号}、{agent}/{客服}、{dueAt}/{时限}、{unit}/{部门}",
                        "Unknown variable {{0}}; use {customer}, {ticketNumber}, {agent}, {dueAt} or {unit}").with(name)
        }
    }

    static func kind(_ k: ReplyTemplateRules.Kind) -> Text {
        switch k {
        case .phrase: return Text("常用语", "Phrase")
        case .greeting: return Text("问候语", "Greeting")
        case .closing: return Text("结束语", "Closing")
        case .acknowledgement: return Text("邮件自动回执", "Mail acknowledgement")
        }
    }
}
