import Hummingbird
import KefuDomain
import KefuPlatform

/// The bell's page: the signed-in user's alerts, newest first, each opening its record (#11.4).
struct NotificationsPage: Sendable {
    let notifications: NotificationService
    let shell: PageShell

    func render(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let query = request.queryDictionary
        let unreadOnly = query["unread"] == "true"
        let result = try await notifications.list(for: principal, unreadOnly: unreadOnly, paging: try Paging.from(query, defaultPer: 25))
        let rows: [HTML] = result.items.map { n in
            let when = result.deliveredAt[n.id]?.display ?? ""
            let link: HTML = Self.href(n).map { "<a href=\"\($0)\">\(n.title)</a>" } ?? "\(n.title)"
            let mark: HTML = n.readAt == nil
                ? "<form method=\"post\" action=\"/notifications/\(n.id)/read\" class=\"inline\">\(page.csrfField)<button type=\"submit\" class=\"link mark-read\">\(Text("标为已读", "Mark read"), l)</button></form>"
                : "<span class=\"meta\">\(Text("已读", "Read"), l)</span>"
            return "<li class=\"card notification\(HTML(raw: n.readAt == nil ? " unread" : ""))\" data-id=\"\(n.id)\"><div class=\"meta\">\(when)</div><div><strong>\(link)</strong></div><div class=\"body\">\(n.body)</div>\(mark)</li>"
        }
        let list: HTML = result.items.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(unreadOnly ? Text("没有未读通知", "No unread notifications") : Text("还没有通知", "No notifications yet"), l)</p>"
            : "<ol id=\"notification-list\" class=\"plain\">\(rows)</ol>"
        let body: HTML = """
        <div class="actions" style="justify-content:space-between"><h1>\(Text("通知", "Notifications"), l) <span class="badge" id="unread-total">\(result.unread)</span></h1>
          <form method="post" action="/notifications/read-all" class="inline">\(page.csrfField)<button type="submit" class="secondary" id="read-all">\(Text("全部标为已读", "Mark all read"), l)</button></form></div>
        <nav class="tabs"><a href="/notifications"\(HTML(raw: unreadOnly ? "" : " class=\"active\""))>\(Text("全部", "All"), l)</a><a href="/notifications?unread=true"\(HTML(raw: unreadOnly ? " class=\"active\"" : ""))>\(Text("未读", "Unread"), l)</a></nav>
        \(list)
        \(FormControls.pager(basePath: "/notifications", query: query, page: result.page, per: result.per, total: result.total, locale: l))
        """
        return shell.render(page, title: Text("通知", "Notifications"), active: "notifications", body: body).response()
    }

    /// #11.4: where the work waits — the notification opens its record (marked read on the way); one without a link
    /// (none could be derived for an old row) is shown without one.
    static func href(_ n: NotificationView) -> String? {
        n.link == nil ? nil : "/notifications/\(n.id)/open"
    }

    func register(on router: Router<KefuContext>) {
        router.get("/notifications") { request, context in try await render(request, context) }
        // #11.4: opening a notification marks it read and leads to its record (only the owner's; only a path on this site).
        router.get("/notifications/:id/open") { _, context in
            let link = try await notifications.open(id: try context.parameters.require("id"), by: try context.requirePrincipal())
            return Redirect.to(link ?? "/notifications")
        }
        router.post("/notifications/read-all") { _, context in
            try await notifications.markAllRead(by: try context.requirePrincipal())
            return Redirect.to("/notifications")
        }
        router.post("/notifications/:id/read") { _, context in
            try await notifications.markRead(id: try context.parameters.require("id"), by: try context.requirePrincipal())
            return Redirect.to("/notifications")
        }
    }
}
