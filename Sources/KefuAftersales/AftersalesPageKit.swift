import Foundation
import Hummingbird
import KefuDomain
import KefuOrg
import KefuPlatform

/// The pieces every after-sales page is made of: facts, history, and forms for the next allowed steps.
enum PageKit {
    /// #11.5: the records this one belongs with (its ticket, the ticket's other after-sales records), by number.
    static func related(_ records: [RelatedRecord], _ l: AppLocale) -> HTML {
        guard !records.isEmpty else { return .empty }
        let links = records.map { "<li><a id=\"\($0.elementId)\" href=\"\($0.href)\">\($0.label, l)</a></li>" as HTML }
        return "<section class=\"related\" id=\"related-records\" aria-label=\"\(Text("相关记录", "Related records"), l)\"><span class=\"meta\">\(Text("相关记录", "Related records"), l)：</span><ul class=\"inline-list\">\(links)</ul></section>"
    }

    enum Input: Sendable {
        case text(String, Text, required: Bool)
        case area(String, Text, required: Bool)
        case date(String, Text)
        case number(String, Text)
        case select(String, Text, [(String, Text)])
        /// #11.1: a field pointing to a record, as a typeahead picker over `search` (the search API with its kinds).
        case picker(String, Text, search: String, required: Bool)
    }

    static func form(_ page: PageContext, id: String, action: String, title: Text, button: Text, _ inputs: [Input]) -> HTML {
        let l = page.locale
        let fields: [HTML] = inputs.map { input in
            switch input {
            case .text(let name, let label, let required):
                return FormControls.field(label(l), for: "\(id)-\(name)", FormControls.input(id: "\(id)-\(name)", name: name, attributes: required ? "required" : ""))
            case .picker(let name, let label, let search, let required):
                return FormControls.field(label(l), for: "\(id)-\(name)", FormControls.picker(id: "\(id)-\(name)", name: name, search: search, shown: nil, value: nil,
                                                                                        attributes: required ? "required" : ""))
            case .area(let name, let label, let required):
                return FormControls.field(label(l), for: "\(id)-\(name)", "<textarea id=\"\(id)-\(name)\" name=\"\(name)\" rows=\"3\"\(HTML(raw: required ? " required" : ""))></textarea>")
            case .date(let name, let label):
                // #11.2: typed as people write days ("2026/10/20", "2026年10月20日"), read by `UsualInput`.
                return FormControls.field(label(l), for: "\(id)-\(name)", FormControls.input(id: "\(id)-\(name)", name: name, attributes: "required placeholder=\"2026/10/20\" autocomplete=\"off\""))
            case .number(let name, let label):
                return FormControls.field(label(l), for: "\(id)-\(name)", FormControls.input(id: "\(id)-\(name)", name: name, attributes: "inputmode=\"decimal\""))
            case .select(let name, let label, let options):
                return FormControls.field(label(l), for: "\(id)-\(name)", FormControls.select(id: "\(id)-\(name)", name: name,
                                                                                           options: options.map { ($0.0, $0.1(l)) }, selected: nil))
            }
        }
        return """
        <form method="post" action="\(action)" id="form-\(id)" class="card action-form">
          <h3>\(title, l)</h3>
          \(page.csrfField)
          \(fields)
          <button type="submit" id="\(id)-submit">\(button, l)</button>
        </form>
        """
    }

    static func facts(_ l: AppLocale, _ rows: [(Text, String?)]) -> HTML {
        let items: [HTML] = rows.map { "<dt>\($0.0, l)</dt><dd>\($0.1 ?? "—")</dd>" }
        return "<dl class=\"facts\">\(items)</dl>"
    }

    /// #11.6: the model carries the instant; the page only formats it in the organisation's zone.
    static func time(_ t: Instant?) -> String? { t?.display }

    static func history(_ l: AppLocale, _ entries: [AuditTrail.Entry], names: [String: String]) -> HTML {
        let items: [HTML] = entries.map { e in
            let detail = AftersalesHistoryDetail.text(e.detail, names: names, l)
            return "<li class=\"event\" data-kind=\"\(e.action)\"><div class=\"meta\">\(time(e.at) ?? "") · \(e.actorId.flatMap { names[$0] } ?? Text("系统/顾客", "System/customer")(l)) · \(AftersalesLabels.action(e.action), l)</div><div class=\"body\">\(detail)</div></li>"
        }
        return "<h2>\(Text("处理记录", "History"), l)</h2><ol class=\"timeline\" id=\"history\">\(items)</ol>"
    }

    static func table(id: String, _ l: AppLocale, headers: [Text], rows: [[HTML]], empty: Text) -> HTML {
        if rows.isEmpty { return "<p class=\"empty\" id=\"empty-state\">\(empty, l)</p>" }
        return DataTable.render(id: id, headers: headers.map { $0(l) }, rows: rows.map { DataTable.Row(plain: $0) })
    }

    static func statusFilter(_ l: AppLocale, action: String, selected: String?, _ options: [(String, Text)]) -> HTML {
        """
        <form method="get" action="\(action)" class="toolbar">
          \(FormControls.field(Text("状态", "Status")(l), for: "status-filter", FormControls.select(id: "status-filter", name: "status",
                options: [("", Text("全部", "All")(l))] + options.map { ($0.0, $0.1(l)) }, selected: selected ?? "")))
          <button type="submit">\(Text("筛选", "Filter"), l)</button>
        </form>
        """
    }

    /// A step posted from a page: the service call, then back to the detail page. A refusal is kept and answered with a
    /// redirect to the page the form was on by `FormFlashMiddleware` (#11.2, POST-redirect-GET).
    static func handle(_ request: Request, _ context: KefuContext, back: String,
                       _ act: @escaping @Sendable (FormData, Principal) async throws -> Void) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        try await act(form, principal)
        return Redirect.to(back + "?notice=saved")
    }

    static func flag(_ v: String?) -> Bool? {
        switch v { case "true"?, "1"?, "on"?: return true; case "false"?, "0"?: return false; default: return nil }
    }

    static let yesNoOptions: [(String, Text)] = [("false", Text("否", "No")), ("true", Text("是", "Yes"))]
}

/// A list page of one kind of record: heading, links, status filter, table and pager.
struct ListPageSpec: Sendable {
    let title: Text
    let path: String
    let active: String
    let tableId: String
    let headers: [Text]
    let statuses: [(String, Text)]
    let empty: Text

    func render<T>(_ shell: PageShell, _ request: Request, _ context: KefuContext, links: HTML, result: ListPage<T>,
                   row: (T, AppLocale) -> [HTML]) -> Response {
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let body: HTML = """
        <h1>\(title, l)</h1>
        <p>\(links)</p>
        \(PageKit.statusFilter(l, action: path, selected: q["status"], statuses))
        \(PageKit.table(id: tableId, l, headers: headers, rows: result.items.map { row($0, l) }, empty: empty))
        \(FormControls.pager(basePath: path, query: q, page: result.page, per: result.per, total: result.total, locale: l))
        """
        return shell.render(page, title: title, active: active, body: body).response()
    }

    /// The link to a record's detail and its status badge, as every list shows them.
    static func link(_ href: String, _ cls: String, _ number: String) -> HTML { "<a href=\"\(href)\" class=\"\(cls)\">\(number)</a>" }

    static func status(_ raw: String, _ label: Text, _ l: AppLocale) -> HTML { "<span class=\"status\" data-status=\"\(raw)\">\(label, l)</span>" }
}
