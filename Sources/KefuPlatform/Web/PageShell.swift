/// What a page needs to be drawn: who is looking, in which language, and the session's CSRF token.
public struct PageContext: Sendable {
    public let principal: Principal?
    public let locale: AppLocale
    public let csrfToken: String
    public let notice: String?
    /// #11.2: the refused form to draw again on this page (typed values, the reason and its field).
    public let formFlash: FormFlash?
    /// #11.2: this page's path and query; every form carries it (`_back`) so that a refusal returns here.
    public let path: String?

    public init(principal: Principal?, locale: AppLocale, csrfToken: String, notice: String? = nil, formFlash: FormFlash? = nil, path: String? = nil) {
        self.path = path
        self.principal = principal
        self.locale = locale
        self.csrfToken = csrfToken
        self.notice = notice
        self.formFlash = formFlash
    }

    /// A form drawn server-side with `action`: the refused values and reason when the flash is this form's.
    public func formState(action: String) -> FormState {
        formFlash?.state(for: action) ?? .empty
    }

    public func t(_ text: Text) -> String { text(locale) }

    /// Hidden CSRF field every form carries.
    public var csrfField: HTML {
        let back: HTML = path.map { "<input type=\"hidden\" name=\"_back\" value=\"\($0)\">" } ?? .empty
        return "<input type=\"hidden\" name=\"_csrf\" value=\"\(csrfToken)\">\(back)"
    }
}

/// The frame around every signed-in page: header with navigation, language switch and sign-out.
public struct PageShell: Sendable {
    /// The notification bell in the header: a link whose unread count the page script fills in from `countURL`.
    public struct Bell: Sendable {
        public let href: String
        public let countURL: String
        public let isVisible: @Sendable (Principal) -> Bool
        /// #11.4: the latest notifications (JSON `items` with `id`, `title`, `body`, `link`, `readAt`), opened from the bell.
        public let listURL: String?

        public init(href: String, countURL: String, listURL: String? = nil, isVisible: @escaping @Sendable (Principal) -> Bool) {
            self.href = href
            self.countURL = countURL
            self.listURL = listURL
            self.isVisible = isVisible
        }

        func listAttributes(_ l: AppLocale) -> HTML {
            guard let listURL else { return .empty }
            return " data-list-url=\"\(listURL)\" data-all-label=\"\(Text("查看全部通知", "All notifications"), l)\" data-empty-label=\"\(Text("还没有通知", "No notifications yet"), l)\""
        }
    }

    public let nav: [NavItem]
    public let bell: Bell?
    public static let productName = Text("客服管理系统", "Kefu service desk")

    public init(nav: [NavItem], bell: Bell? = nil) {
        self.nav = nav
        self.bell = bell
    }

    public func render(_ page: PageContext, title: Text, active: String, body: HTML, breadcrumbs: Breadcrumbs = .none) -> HTML {
        let l = page.locale
        var header = HTML.empty
        var trail = HTML.empty
        if let p = page.principal {
            let other: AppLocale = l == .en ? .zhCN : .en
            let otherLabel = l == .en ? "中文" : "English"
            // #11.5: staff find any record by the number or name they know from every page (the search page is KefuSearch's).
            let search: HTML = p.isCustomer ? .empty : """
                <form role="search" action="/search" method="get" class="quick-search" id="quick-search">\
                <label for="quick-search-q" class="sr-only">\(Text("搜索", "Search"), l)</label>\
                <input type="search" name="q" id="quick-search-q" maxlength="200" autocomplete="off" \
                placeholder="\(Text("工单号、单号、客户、电话…", "Ticket or document no., customer, phone…"), l)"></form>
                """
            header = """
            <header class="topbar" id="topbar">
              <a class="brand" href="/">客服 Kefu</a>
              <button type="button" class="nav-toggle" id="nav-toggle" aria-controls="main-nav" aria-expanded="false">\(Text("菜单", "Menu"), l)</button>
              <nav id="main-nav" aria-label="\(Text("主导航", "Main navigation"), l)">\(NavMenu.render(nav, for: p, active: active, l))</nav>
              \(search)
              <div class="user">
                \(bell.flatMap { $0.isVisible(p) ? $0 : nil }.map { b -> HTML in
                    "<a id=\"bell\" href=\"\(b.href)\" data-count-url=\"\(b.countURL)\"\(b.listAttributes(l)) title=\"\(Text("通知", "Notifications"), l)\" aria-label=\"\(Text("通知", "Notifications"), l)\">🔔<span id=\"bell-count\" hidden></span></a>"
                } ?? .empty)
                <span id="current-user">\(p.displayName)</span>
                <form method="post" action="/account/locale" class="inline">\(page.csrfField)<input type="hidden" name="locale" value="\(other.rawValue)"><button type="submit" class="link" id="locale-switch">\(otherLabel)</button></form>
                <form method="post" action="/logout" id="logout-form" class="inline">\(page.csrfField)<button type="submit" class="link" id="logout-submit">\(Text("退出", "Sign out"), l)</button></form>
              </div>
            </header>
            \(p.isCustomer ? HTML.empty : "<div id=\"screen-pop\" hidden role=\"dialog\" aria-live=\"assertive\" aria-labelledby=\"screen-pop-title\" data-live-url=\"/telephony/live\">\(page.csrfField)</div>" as HTML)
            """
            switch breadcrumbs {
            case .none: break
            case .underActive: trail = NavMenu.breadcrumbs(NavMenu.trail(nav, active: active), title: title, l)
            case .trail(let steps): trail = NavMenu.breadcrumbs(steps, title: title, l)
            }
        }
        let notice: HTML = "\(page.notice.map { "<p class=\"flash-notice\" role=\"status\">\($0)</p>" as HTML } ?? .empty)\(FormFlashView.render(page.formFlash, l))"
        return """
        <!doctype html>
        <html lang="\(l.htmlLang)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title, l) · \(PageShell.productName, l)</title>
        <link rel="stylesheet" href="/assets/app.css">
        <script src="/assets/app.js" defer></script>
        </head>
        <body>
        \(header)
        <main>
        \(trail)
        \(notice)
        \(body)
        </main>
        </body>
        </html>
        """
    }

    /// A readable error page in the user's language. A record that was archived (#17.6, 410 `archived`) is headed as
    /// such: nothing went wrong, the record left on purpose.
    public func errorPage(_ page: PageContext, _ error: AppError) -> HTML {
        let heading = error.code == "archived" ? Text("记录已归档", "Record archived") : Text("出错了", "Something went wrong")
        return render(page, title: heading, active: "", body: """
        <section class="error-page">
          <h1>\(heading, page.locale)</h1>
          \(FormControls.errorBox(error, page.locale, id: "error-message"))
          <p><a href="/" data-back>\(Text("返回", "Go back"), page.locale)</a> · <a href="/tickets">\(Text("我的工单", "My tickets"), page.locale)</a></p>
        </section>
        """)
    }
}
