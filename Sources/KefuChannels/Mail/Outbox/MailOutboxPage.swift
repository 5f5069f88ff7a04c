import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #16 item 2: `GET /admin/mail-outbox[?status=&page=]` — outgoing mail for head-office administrators (one read:
/// `MailOutboxLog.list`), with the retry of a failed message (a form; one transaction, audited).
public struct MailOutboxPage: Sendable {
    let log: MailOutboxLog
    let shell: PageShell

    public init(log: MailOutboxLog, shell: PageShell) {
        self.log = log
        self.shell = shell
    }

    public static let href = "/admin/mail-outbox"
    public static let nav = [
        NavItem(id: "admin-mail-outbox", href: href, label: Text("外发邮件", "Outgoing mail"), area: .admin,
                isVisible: { $0.isAdmin && $0.coversWholeOrganisation }),
    ]
    static let title = Text("外发邮件", "Outgoing mail")

    static func statusLabel(_ status: String) -> Text {
        switch status {
        case "pending": return Text("待发送", "Waiting")
        case "sent": return Text("已发送", "Sent")
        case "failed": return Text("发送失败", "Failed")
        default: return Text("全部", "All")
        }
    }

    public func register(on router: Router<KefuContext>) {
        router.get(RouterPath(Self.href)) { [log] request, context in
            let query = request.queryDictionary
            let status = query["status"] ?? "all"
            let list = try await log.list(status: status, ticketId: nil, paging: try Paging.from(query), viewer: try context.requirePrincipal())
            return render(context.page(request), list, status: status).response()
        }
        router.post(RouterPath(Self.href + "/:id/retry")) { [log] _, context in
            _ = try await log.retry(id: try context.parameters.require("id"), by: try context.requirePrincipal())
            return Redirect.to("\(Self.href)?status=pending&notice=saved")
        }
    }

    func render(_ page: PageContext, _ list: ListPage<MailOutboxLog.Entry>, status: String) -> HTML {
        let l = page.locale
        let rows: [DataTable.Row] = list.items.map { e in
            let retry: HTML = e.status == "failed"
                ? "<form method=\"post\" action=\"\(Self.href)/\(e.id)/retry\" class=\"inline\">\(page.csrfField)<button type=\"submit\" class=\"link\" data-retry=\"\(e.id)\">\(Text("重发", "Send again"), l)</button></form>"
                : .empty
            let kind = e.kind == "acknowledgement" ? Text("自动回执", "Acknowledgement")
                : e.kind == "portal_link" ? Text("门户登录链接", "Portal sign-in link") : Text("回复", "Reply")
            return DataTable.Row([
                DataTable.Cell("\(e.createdAt)"),
                DataTable.Cell(e.ticketId.map { "<a href=\"/tickets/\($0)\">\(e.subject)</a>" as HTML } ?? "\(e.subject)"), // #16.6 a sign-in link has no ticket
                DataTable.Cell("\(kind, l)"),
                DataTable.Cell("\(e.to)"),
                DataTable.Cell("\(Self.statusLabel(e.status), l)\(e.lastError.map { "<div class=\"hint mail-error\">\($0)</div>" as HTML } ?? .empty)"),
                DataTable.Cell("\(String(e.attempts))", class: "num"),
                DataTable.Cell(retry),
            ], attributes: "data-id=\"\(e.id)\" data-status=\"\(e.status)\"")
        }
        let filters: [HTML] = MailOutboxLog.statuses.map { s in
            s == status ? "<strong>\(Self.statusLabel(s), l)</strong> " : "<a href=\"\(Self.href)?status=\(s)\">\(Self.statusLabel(s), l)</a> "
        }
        let table: HTML = list.items.isEmpty
            ? "<p class=\"empty\" id=\"mail-outbox-empty\">\(Text("没有外发邮件", "No outgoing mail"), l)</p>"
            : DataTable.render(id: "mail-outbox-list", headers: [
                Text("排队时间", "Queued")(l), Text("主题", "Subject")(l), Text("类型", "Kind")(l), Text("收件人", "To")(l),
                Text("状态", "Status")(l), Text("尝试次数", "Attempts")(l), "",
            ], rows: rows)
        let body: HTML = """
        <h1>\(Self.title, l)</h1>
        <p class="hint">\(Text("邮件工单的公开回复和自动回执经 SMTP 中继发出；临时失败会自动重试（1、5、15 分钟，1、4 小时），仍失败的在工单上注明，可在此重发。",
                              "Public replies on e-mail tickets and acknowledgements go out through the SMTP relay; a temporary failure is retried (1, 5, 15 min, 1 h, 4 h), and one that still fails is noted on its ticket and can be sent again here."), l)</p>
        <p class="toolbar">\(filters)</p>
        <section class="card">\(table)
          \(FormControls.pager(basePath: Self.href, query: ["status": status], page: list.page, per: list.per, total: list.total, locale: l))
        </section>
        """
        return shell.render(page, title: Self.title, active: "admin-mail-outbox", body: body)
    }
}
