import Hummingbird
import KefuDomain

/// #11.1: `GET /search?q=`, the page behind the header's search box: the hits grouped by kind, each a link to its
/// record; an empty state that says what can be searched.
public struct SearchPage: Sendable {
    let search: SiteSearch
    let shell: PageShell

    public init(search: SiteSearch, shell: PageShell) {
        self.search = search
        self.shell = shell
    }

    public func register(on router: Router<KefuContext>) {
        router.get("/search") { request, context in
            let principal = try SearchAPI.requireStaff(context)
            let page = context.page(request)
            let q = request.uri.queryParameters.get("q")
            let p = try search.parameters(q: q, kinds: nil, limit: nil)
            let result = try await search.find(p, viewer: principal, locale: page.locale)
            return render(page, typed: q ?? "", asked: p.query != nil, result: result).response()
        }
    }

    static let hint = Text("可按工单号（KF2026-000004 或 4）、单据号、客户名称、电话、邮箱、序列号、存货编码或名称、用户名查找",
                           "Search by ticket number (KF2026-000004 or just 4), document number, customer name, phone or e-mail, serial number, item code or name, or username")

    func render(_ page: PageContext, typed: String, asked: Bool, result: SiteSearch.Result) -> HTML {
        let l = page.locale
        let groups: [HTML] = search.kinds.compactMap { kind in
            let hits = result.items.filter { $0.kind == kind.id }
            guard !hits.isEmpty else { return nil }
            let rows: [HTML] = hits.map { hit in
                let label: HTML = "<span class=\"search-number\">\(hit.number ?? "")</span> <span class=\"search-title\">\(hit.title)</span>"
                let link: HTML = hit.href.map { "<a href=\"\($0)\">\(label)</a>" } ?? label
                let detail: HTML = hit.detail.map { " <span class=\"meta\">\($0)</span>" } ?? .empty
                return "<li class=\"search-hit\" data-kind=\"\(hit.kind)\" data-id=\"\(hit.id)\">\(link)\(detail)</li>"
            }
            return """
            <section class="card search-group" id="search-\(kind.id)">
              <h2>\(kind.label, l) <span class="meta">\(hits.count)</span></h2>
              <ul class="search-hits">\(rows)</ul>
            </section>
            """
        }
        let empty: HTML = !asked ? "<p class=\"empty\" id=\"search-empty\">\(Self.hint, l)</p>"
            : groups.isEmpty ? "<p class=\"empty\" id=\"search-empty\">\(Text("没有找到“{0}”。", "Nothing found for “{0}”.").with(typed), l)<br>\(Self.hint, l)</p>"
            : .empty
        let body: HTML = """
        <h1>\(Text("搜索", "Search"), l)</h1>
        <form method="get" action="/search" class="toolbar" role="search">
          <div class="field search-field"><label for="search-q">\(Text("查找", "Find"), l)</label>
            <input type="search" id="search-q" name="q" value="\(typed)" maxlength="\(FindQuery.maxLength)" autofocus></div>
          <button type="submit" id="search-submit">\(Text("搜索", "Search"), l)</button>
        </form>
        \(empty)
        <div id="search-results">\(groups)</div>
        """
        return shell.render(page, title: Text("搜索", "Search"), active: "search", body: body)
    }
}
