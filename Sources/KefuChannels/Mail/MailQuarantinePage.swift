import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #16.1: `GET /admin/mail-quarantine[?status=&page=]` and `/admin/mail-quarantine/{id}`: the quarantined inbound mail
/// for head-office administrators — the list (one read: `MailQuarantine.list`), one message with its reason and header
/// fields (one read: `MailQuarantine.get`), its raw download, re-ingest and discard (forms; each one transaction, audited).
public struct MailQuarantinePage: Sendable {
    let quarantine: MailQuarantine
    let shell: PageShell

    public init(quarantine: MailQuarantine, shell: PageShell) {
        self.quarantine = quarantine
        self.shell = shell
    }

    public static let href = "/admin/mail-quarantine"
    public static let nav = [
        NavItem(id: "admin-mail-quarantine", href: href, label: Text("隔离邮件", "Mail quarantine"), area: .admin,
                isVisible: { $0.isAdmin && $0.coversWholeOrganisation }),
    ]
    static let title = Text("隔离邮件", "Mail quarantine")

    static func reasonLabel(_ code: String) -> Text {
        switch code {
        case "malformed_multipart": return Text("MIME 结构损坏", "Broken MIME structure")
        case "no_headers": return Text("没有邮件头", "No header fields")
        case "no_sender": return Text("没有发件人", "No sender")
        case "too_deep": return Text("嵌套过深", "Nested too deep")
        case "rate_limited": return Text("发件人发信过于频繁", "Sender over the rate limit")
        default: return Text(code, code)
        }
    }

    static func statusLabel(_ status: String) -> Text {
        switch status {
        case "held": return Text("待处理", "Held")
        case "reingested": return Text("已重新接收", "Re-ingested")
        case "discarded": return Text("已丢弃", "Discarded")
        default: return Text(status, status)
        }
    }

    public func register(on router: Router<KefuContext>) {
        router.get(RouterPath(Self.href)) { [quarantine] request, context in
            let principal = try context.requirePrincipal()
            let page = context.page(request)
            let query = request.queryDictionary
            let list = try await quarantine.list(status: query["status"], paging: try Paging.from(query), viewer: principal)
            return renderList(page, list, status: query["status"] ?? "held").response()
        }
        router.get(RouterPath(Self.href + "/:id")) { [quarantine] request, context in
            let entry = try await quarantine.get(id: try context.parameters.require("id"), viewer: try context.requirePrincipal())
            return renderEntry(context.page(request), entry).response()
        }
        router.post(RouterPath(Self.href + "/:id/reingest")) { [quarantine] _, context in
            let id = try context.parameters.require("id")
            let result = try await quarantine.reingest(id: id, by: try context.requirePrincipal())
            if let ticketId = result.ticketId { return Redirect.to("/tickets/\(ticketId)") }
            return Redirect.to("\(Self.href)?notice=saved")
        }
        router.post(RouterPath(Self.href + "/:id/discard")) { [quarantine] _, context in
            _ = try await quarantine.discard(id: try context.parameters.require("id"), by: try context.requirePrincipal())
            return Redirect.to("\(Self.href)?notice=saved")
        }
    }

    func renderList(_ page: PageContext, _ list: ListPage<MailQuarantine.Entry>, status: String) -> HTML {
        let l = page.locale
        let rows: [DataTable.Row] = list.items.map { e in
            DataTable.Row([
                DataTable.Cell("\(e.receivedAt)"),
                DataTable.Cell("<a href=\"\(Self.href)/\(e.id)\">\(e.subject.isEmpty ? "—" : e.subject)</a>"),
                DataTable.Cell("\(e.from.isEmpty ? "—" : e.from)"),
                DataTable.Cell("\(Self.reasonLabel(e.reason), l)"),
                DataTable.Cell("\(String(e.size))", class: "num"),
                DataTable.Cell("\(Self.statusLabel(e.status), l)"),
            ], attributes: "data-id=\"\(e.id)\"")
        }
        let filters: [HTML] = ["held", "reingested", "discarded", "all"].map { s in
            let label = s == "all" ? Text("全部", "All") : Self.statusLabel(s)
            return s == status ? "<strong>\(label, l)</strong> " : "<a href=\"\(Self.href)?status=\(s)\">\(label, l)</a> "
        }
        let table: HTML = list.items.isEmpty
            ? "<p class=\"empty\" id=\"mail-quarantine-empty\">\(Text("没有隔离的邮件", "No quarantined mail"), l)</p>"
            : DataTable.render(id: "mail-quarantine-list", headers: [
                Text("收到时间", "Received")(l), Text("主题", "Subject")(l), Text("发件人", "From")(l), Text("原因", "Reason")(l),
                Text("字节", "Bytes")(l), Text("状态", "Status")(l),
            ], rows: rows)
        let body: HTML = """
        <h1>\(Self.title, l)</h1>
        <p class="hint">\(Text("无法解析、没有发件人或发信过于频繁的邮件原样保存在这里。修正后可重新接收，或丢弃（丢弃的邮件仍保留记录）。", "Messages Kefu could not parse, without a sender, or over a sender's rate are kept here as received. Re-ingest one after a fix, or discard it (a discarded message stays on record)."), l)</p>
        <p class="toolbar">\(filters)</p>
        <section class="card">\(table)
          \(FormControls.pager(basePath: Self.href, query: ["status": status], page: list.page, per: list.per, total: list.total, locale: l))
        </section>
        """
        return shell.render(page, title: Self.title, active: "admin-mail-quarantine", body: body)
    }

    func renderEntry(_ page: PageContext, _ e: MailQuarantine.Entry) -> HTML {
        let l = page.locale
        let headerRows: [DataTable.Row] = (e.headers ?? []).map { pair in
            DataTable.Row([DataTable.Cell("\(pair.first ?? "")"), DataTable.Cell("\(pair.count > 1 ? pair[1] : "")")])
        }
        let actions: HTML = e.status == "held" ? """
            <form method="post" action="\(Self.href)/\(e.id)/reingest" class="inline">\(page.csrfField)<button type="submit" id="mail-reingest">\(Text("重新接收", "Re-ingest"), l)</button></form>
            <form method="post" action="\(Self.href)/\(e.id)/discard" class="inline">\(page.csrfField)<button type="submit" class="link" id="mail-discard">\(Text("丢弃", "Discard"), l)</button></form>
            """ : .empty
        let body: HTML = """
        <h1>\(Self.title, l): \(e.subject.isEmpty ? "—" : e.subject)</h1>
        <section class="card" id="mail-quarantine-entry">
          <dl>
            <dt>\(Text("原因", "Reason"), l)</dt><dd id="mail-reason">\(Self.reasonLabel(e.reason), l) <code>\(e.reason)</code> — \(e.detail)</dd>
            <dt>\(Text("发件人", "From"), l)</dt><dd>\(e.from.isEmpty ? "—" : e.from)</dd>
            <dt>\(Text("收件地址", "Recipient"), l)</dt><dd>\(e.recipient ?? "—")</dd>
            <dt>\(Text("收到时间", "Received"), l)</dt><dd>\(e.receivedAt)</dd>
            <dt>\(Text("大小", "Size"), l)</dt><dd>\(Text("{0} 字节", "{0} bytes").with(String(e.size)), l) · SHA-256 <code>\(e.sha256)</code></dd>
            <dt>\(Text("状态", "Status"), l)</dt><dd id="mail-status">\(Self.statusLabel(e.status), l)</dd>
          </dl>
          <div class="toolbar no-print"><a href="/api/v1/mail-quarantine/\(e.id)/raw" id="mail-raw">\(Text("下载原始邮件", "Download the raw message"), l)</a> \(actions)</div>
        </section>
        <section class="card"><h2>\(Text("邮件头", "Header fields"), l)</h2>
          \(headerRows.isEmpty ? "<p class=\"empty\">\(Text("读不出邮件头", "No header fields could be read")(l))</p>" as HTML
                               : DataTable.render(id: "mail-headers", headers: [Text("名称", "Name")(l), Text("内容", "Value")(l)], rows: headerRows))
        </section>
        """
        return shell.render(page, title: Self.title, active: "admin-mail-quarantine", body: body)
    }
}
