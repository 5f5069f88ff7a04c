import KefuDomain
import KefuPlatform

/// #16 item 5 (CH-03): the reply box's template picker. A list grouped by kind for mouse and touch, and a search box
/// for the keyboard (Ctrl+/ from the reply box): type a shortcut code or part of a title, Enter inserts the filled-in
/// text at the cursor and goes back to the reply box.
public struct TicketTemplatePicker {
    let templates: [RenderedReplyTemplate]
    let locale: AppLocale

    /// #16.4: the chat page's reply box uses the same picker (its textarea has the id `comment-body`).
    public init(templates: [RenderedReplyTemplate], locale: AppLocale) { self.templates = templates; self.locale = locale }

    public var html: HTML {
        let l = locale
        guard !templates.isEmpty else {
            return "<p class=\"hint\" id=\"phrase-empty\">\(Text("暂无回复模板", "No reply templates yet"), l) · <a href=\"\(ReplyTemplatePages.path)\">\(Text("模板库", "Template library"), l)</a></p>"
        }
        var groups: [HTML] = []
        for kind in ReplyTemplateRules.Kind.allCases where kind.inReplyBox {
            let items = templates.filter { $0.kind == kind.rawValue }
            guard !items.isEmpty else { continue }
            let options: [HTML] = items.map { t in
                let label = (t.code.map { "[\($0)] " } ?? "") + t.title + (t.locale == (l == .zhCN ? "zh-CN" : "en") ? "" : " (\(t.locale))")
                return "<option value=\"\(t.text)\" data-code=\"\(t.code ?? "")\" data-title=\"\(t.title)\">\(label)</option>"
            }
            groups.append("<optgroup label=\"\(ReplyTemplateMessages.kind(kind)(l))\">\(options)</optgroup>")
        }
        let select: HTML = """
            <select id="phrase-select" data-phrase-into="comment-body"><option value="">\(Text("插入常用语…", "Insert a phrase…"), l)</option>\(groups)</select>
            """
        let search = FormControls.input(id: "phrase-search", name: "",
                                        attributes: "autocomplete=\"off\" data-phrase-search=\"phrase-select\" placeholder=\"\(Text("快捷码或标题，回车插入", "Code or title, Enter inserts")(l))\"")
        return """
            \(FormControls.field(Text("常用语", "Usual phrases")(l), for: "phrase-select", select))
            \(FormControls.field(Text("查找模板（Ctrl+/）", "Find a template (Ctrl+/)")(l), for: "phrase-search", search))
            """
    }
}
