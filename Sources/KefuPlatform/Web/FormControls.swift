/// Small builders for form controls, so every page writes labels and options the same way.
public enum FormControls {
    /// Why a form was refused, in the user's language, above the form.
    public static func errorBox(_ error: AppError?, _ l: AppLocale, id: String? = nil) -> HTML {
        guard let error else { return .empty }
        return "<p class=\"flash-error\" role=\"alert\"\(HTML(raw: id.map { " id=\"\($0)\"" } ?? ""))>\(error.message, l)</p>"
    }

    public static func select(id: String, name: String, options: [(String, String)], selected: String?, attributes: String = "") -> HTML {
        let opts = options.map { value, label -> HTML in
            let sel = value == selected ? " selected" : ""
            return "<option value=\"\(value)\"\(HTML(raw: sel))>\(label)</option>"
        }
        return "<select id=\"\(id)\" name=\"\(name)\"\(HTML(raw: attributes.isEmpty ? "" : " " + attributes))>\(opts)</select>"
    }

    public static func field(_ label: String, for id: String, _ control: HTML, hint: String? = nil) -> HTML {
        let hintHTML: HTML = hint.map { "<div class=\"hint\">\($0)</div>" } ?? .empty
        return "<div class=\"field\"><label for=\"\(id)\">\(label)</label>\(control)\(hintHTML)</div>"
    }

    public static func input(id: String, name: String, type: String = "text", value: String? = nil, attributes: String = "") -> HTML {
        "<input type=\"\(type)\" id=\"\(id)\" name=\"\(name)\" value=\"\(value ?? "")\"\(HTML(raw: attributes.isEmpty ? "" : " " + attributes))>"
    }

    /// Previous / next links that keep the other query parameters.
    public static func pager(basePath: String, query: [String: String], page: Int, per: Int, total: Int, exact: Bool = true, locale: AppLocale) -> HTML {
        let pages = max(1, (total + per - 1) / per)
        func link(_ p: Int) -> String {
            var q = query
            q["page"] = String(p)
            return basePath + "?" + q.keys.sorted().map { "\($0)=\(urlQueryValue(q[$0]!))" }.joined(separator: "&")
        }
        let prev: HTML = page > 1 ? "<a id=\"page-prev\" href=\"\(link(page - 1))\">\(Text("上一页", "Previous"), locale)</a>" : .empty
        let next: HTML = page < pages ? "<a id=\"page-next\" href=\"\(link(page + 1))\">\(Text("下一页", "Next"), locale)</a>" : .empty
        let count = exact ? String(total) : String(total) + "+"
        let info = Text("第 {0} / {1} 页，共 {2} 条", "Page {0} of {1}, {2} in all").with(String(page), String(pages), count)
        return "<div class=\"pager\">\(prev)<span>\(info, locale)</span>\(next)</div>"
    }
}

/// Notices shown after a redirect (`?notice=code`).
public enum Notices {
    static let texts: [String: Text] = [
        "created": Text("已创建", "Created"),
        "saved": Text("已保存", "Saved"),
        "replied": Text("已添加回复", "Reply added"),
        "noted": Text("已添加内部备注", "Internal note added"),
        "status": Text("状态已更新", "Status updated"),
        "assigned": Text("已分派", "Assigned"),
        "forwarded": Text("已转交", "Forwarded"),
        "escalated": Text("已升级", "Escalated"),
        "owner": Text("首问负责人已变更", "Owner changed"),
        "taken": Text("您已接手该工单", "You took this ticket"),
        "flag-proposed": Text("已提议标记为劣质客户，待主管确认", "Flag proposed; a supervisor will decide"), // TKT-05
        "flag-confirm": Text("已确认劣质客户标记", "Customer flag confirmed"),
        "flag-reject": Text("已驳回劣质客户标记", "Customer flag rejected"),
        "flag-clear": Text("已解除劣质客户标记", "Customer flag cleared"),
    ]

    public static func text(_ code: String?, _ locale: AppLocale, what: String? = nil) -> String? {
        guard let code else { return nil }
        if let t = texts[code] { return t(locale) }
        // #11.2: a notice that names what happened and the record it happened to (`&what=`).
        guard let t = NamedNotices.texts[code] else { return nil }
        return t.with(String((what ?? "").prefix(80)))(locale)
    }
}

extension KefuContext {
    /// What a page needs about this request.
    public func page(_ request: Request) -> PageContext {
        PageContext(principal: principal, locale: locale, csrfToken: session?.csrfToken ?? "",
                    notice: Notices.text(request.uri.queryParameters.get("notice"), locale, what: request.uri.queryParameters.get("what")),
                    formFlash: formFlash, path: request.uri.path + (request.uri.query.map { "?" + $0 } ?? ""))
    }
}

import Hummingbird
