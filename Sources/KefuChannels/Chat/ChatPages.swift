import Foundation
import Hummingbird
import KefuDomain
import KefuOrg
import KefuPlatform
import KefuServiceDesk

/// #16.4 pages: the visitor's chat widget `/chat/{orgUnitCode}` (public, no sign-in; out of hours a message form whose
/// message becomes a ticket) and the agents' desk `/chats` (the queue of their units, take, the conversation with the
/// reply box and the approved phrases, end the chat into a ticket; one read: `ChatService.desk`). The conversation
/// runs over the WebSocket `/chat/ws` (Assets' chat script).
public struct ChatPages: Sendable {
    let chat: ChatService
    let shell: PageShell

    public init(chat: ChatService, shell: PageShell) {
        self.chat = chat
        self.shell = shell
    }

    public static let deskHref = "/chats"
    public static let nav = [
        NavItem(id: "chats", href: deskHref, label: Text("在线咨询", "Live chat"), isVisible: { ChatService.mayHandleChats($0) }),
    ]

    static func stateLabel(_ s: String) -> Text {
        switch s {
        case "waiting": return Text("等待接入", "Waiting")
        case "active": return Text("对话中", "In progress")
        case "closed": return Text("已结束", "Ended")
        default: return Text(s, s)
        }
    }

    public func register(on router: Router<KefuContext>) {
        let chat = self.chat
        router.get("/chat/:code") { request, context in
            let code = try context.parameters.require("code")
            let page = PageContext(principal: nil, locale: context.locale, csrfToken: "")
            do {
                let widget = try await chat.widget(code: code)
                return renderWidget(page, widget).response()
            } catch let missing as AppError where missing.status == .notFound {
                let l = page.locale
                let body: HTML = "<section class=\"chat-widget card\"><h1>\(Text("在线咨询", "Live chat"), l)</h1><p id=\"chat-unknown\" role=\"alert\">\(Text("该咨询入口不存在，请核对链接。", "There is no chat here; please check the link."), l)</p></section>"
                return shell.render(page, title: Text("在线咨询", "Live chat"), active: "", body: body).response(status: .notFound)
            }
        }
        router.get(RouterPath(Self.deskHref)) { request, context in
            let principal = try context.requirePrincipal()
            let desk = try await chat.desk(selected: request.queryDictionary["id"], viewer: principal)
            return renderDesk(context.page(request), desk).response()
        }
    }

    func renderWidget(_ page: PageContext, _ w: ChatService.Widget) -> HTML {
        let l = page.locale
        let fields: HTML = """
          <label for="chat-name">\(Text("您的称呼", "Your name"), l)</label>
          <input id="chat-name" name="name" maxlength="\(ChatRules.nameMax)" required autocomplete="name">
          <label for="chat-contact">\(Text("手机号码或电子邮箱", "Phone or e-mail"), l)</label>
          <input id="chat-contact" name="contact" maxlength="\(ChatRules.contactMax)" required autocomplete="tel">
          <label for="chat-first">\(Text("您想咨询什么？", "How can we help?"), l)</label>
          <textarea id="chat-first" name="message" rows="3" maxlength="\(ChatRules.messageMax)" required></textarea>
          <p class="field-error" id="chat-start-error" role="alert" hidden></p>
        """
        let start: HTML = w.open
            ? """
              <form id="chat-start" class="chat-start">\(fields)
                <button type="submit" id="chat-start-button">\(Text("开始咨询", "Start chat"), l)</button>
              </form>
              """
            : """
              <p id="chat-offline" class="hint">\(Text("现在是非服务时间（工作日 08:30–17:30）。请留言，我们会尽快联系您。", "We are closed now (working days 08:30–17:30). Leave a message and we will get back to you."), l)</p>
              <form id="chat-leave" class="chat-start">\(fields)
                <button type="submit" id="chat-leave-button">\(Text("提交留言", "Leave the message"), l)</button>
              </form>
              <p id="chat-left" role="status" hidden></p>
              """
        let body: HTML = """
        <section class="chat-widget card" data-chat-widget data-code="\(w.code)" data-open="\(w.open ? "1" : "0")" data-lang="\(l == .zhCN ? "zh" : "en")">
          <h1>\(Text("在线咨询", "Live chat")(l)) · \(w.unitName)</h1>
          \(start)
          <div id="chat-room" hidden>
            <p id="chat-status" role="status" aria-live="polite">\(Text("正在连接…", "Connecting…"), l)</p>
            <ol id="chat-log" class="chat-log" aria-live="polite"></ol>
            <form id="chat-form" class="chat-form">
              <label for="chat-input" class="visually-hidden">\(Text("消息", "Message"), l)</label>
              <textarea id="chat-input" rows="2" maxlength="\(ChatRules.messageMax)" placeholder="\(Text("输入消息，回车发送（Shift+回车换行）", "Type a message; Enter sends (Shift+Enter for a new line)"), l)"></textarea>
              <button type="submit" id="chat-send">\(Text("发送", "Send"), l)</button>
            </form>
            <p class="field-error" id="chat-error" role="alert" hidden></p>
            <button type="button" id="chat-new" class="link" hidden>\(Text("开始新的咨询", "Start a new chat"), l)</button>
          </div>
        </section>
        """
        return shell.render(page, title: Text("在线咨询", "Live chat"), active: "", body: body)
    }

    func queueItem(_ s: ChatSessionView, _ l: AppLocale, selected: String?) -> HTML {
        let take: HTML = s.state == "waiting"
            ? "<button type=\"button\" class=\"chat-take\" data-take=\"\(s.id)\">\(Text("接入", "Take"), l)</button>" : .empty
        return """
        <li data-session="\(s.id)" data-state="\(s.state)" class="\(s.id == selected ? "current" : "")">
          <a href="\(Self.deskHref)?id=\(s.id)">\(s.visitorName)</a> <span class="hint">\(s.contact)</span>
          <span class="chat-wait" data-since="\(String(s.createdAt.millis))">\(s.createdAt.display)</span> \(take)
        </li>
        """
    }

    func renderDesk(_ page: PageContext, _ d: ChatService.Desk) -> HTML {
        let l = page.locale
        let selectedId = d.selected?.id
        let waiting: HTML = d.waiting.isEmpty
            ? "<p class=\"empty\" id=\"chat-queue-empty\">\(Text("暂无等待接入的咨询", "Nobody is waiting"), l)</p>"
            : "<ul id=\"chat-queue-list\" class=\"chat-list\">\(d.waiting.map { queueItem($0, l, selected: selectedId) })</ul>"
        let mine: HTML = d.mine.isEmpty
            ? "<p class=\"empty\" id=\"chat-mine-empty\">\(Text("您没有进行中的对话", "You have no chats in progress"), l)</p>"
            : "<ul id=\"chat-mine-list\" class=\"chat-list\">\(d.mine.map { queueItem($0, l, selected: selectedId) })</ul>"
        var pane: HTML = "<p class=\"hint\" id=\"chat-none\">\(Text("从左侧选择或接入一个咨询。", "Choose or take a chat on the left."), l)</p>"
        if let s = d.selected {
            let log: [HTML] = d.messages.map { m in
                let who = m.author == "visitor" ? s.visitorName : m.author == "agent" ? (m.agentName ?? Text("客服", "Agent")(l)) : Text("系统", "System")(l)
                return "<li class=\"chat-\(m.author)\" data-seq=\"\(m.seq)\"><span class=\"who\">\(who)</span> <span class=\"hint\">\(m.at.display)</span><div class=\"body\">\(m.body)</div></li>"
            }
            let mayWrite = s.state == "active" && s.agentId == page.principal?.userId
            let join = [("", Text("新建工单", "A new ticket")(l))] + d.openTickets.map { ($0.id, "\($0.number) \($0.subject)") }
            let actions: HTML
            if s.state == "waiting" {
                actions = "<button type=\"button\" id=\"chat-take\" data-take=\"\(s.id)\">\(Text("接入", "Take"), l)</button>"
            } else if mayWrite {
                actions = """
                <form id="chat-reply" class="handle-form" data-ticket-shortcuts>
                  \(FormControls.field(Text("回复", "Reply")(l), for: "comment-body", "<textarea id=\"comment-body\" rows=\"3\" maxlength=\"\(ChatRules.messageMax)\"></textarea>"))
                  <div class="grid">\(TicketTemplatePicker(templates: d.templates, locale: l).html)</div>
                  <button type="submit" id="chat-send">\(Text("发送（Ctrl+Enter）", "Send (Ctrl+Enter)"), l)</button>
                </form>
                <form id="chat-end" class="toolbar">
                  <label>\(Text("结束后记录到", "On ending, record in"), l) \(FormControls.select(id: "chat-join", name: "ticketId", options: join, selected: nil))</label>
                  <button type="submit" id="chat-close">\(Text("结束对话", "End chat"), l)</button>
                </form>
                """
            } else if let ticketId = s.ticketId {
                actions = "<p id=\"chat-ticket\">\(Text("已记录到工单", "Recorded in ticket"), l) <a href=\"/tickets/\(ticketId)\">\(s.ticketNumber ?? ticketId)</a></p>"
            } else {
                actions = "<p class=\"hint\">\(Text("该对话由", "This chat is handled by"), l) \(s.agentName ?? "—")</p>"
            }
            pane = """
            <h2 id="chat-title">\(s.visitorName) <span class="hint">\(s.contact)</span> <span class="badge" id="chat-state">\(Self.stateLabel(s.state), l)</span></h2>
            <ol id="chat-log" class="chat-log" aria-live="polite">\(log)</ol>
            \(actions)
            <p id="chat-done" role="status" hidden></p>
            """
        }
        let lastSeq = d.messages.last?.seq ?? 0
        let body: HTML = """
        <h1>\(Text("在线咨询", "Live chat"), l)</h1>
        <p class="field-error" id="chat-error" role="alert" hidden></p>
        <div class="chat-desk" data-chat-desk data-session="\(selectedId ?? "")" data-state="\(d.selected?.state ?? "")" data-after="\(lastSeq)"
             data-lang="\(l == .zhCN ? "zh" : "en")">
          <section class="card chat-queue" id="chat-queue">
            <h2>\(Text("等待接入", "Waiting"), l) <span class="count" id="chat-queue-count">\(d.waiting.count)</span></h2>\(waiting)
            <h2>\(Text("我的对话", "My chats"), l)</h2>\(mine)
          </section>
          <section class="card chat-pane" id="chat-pane">\(pane)</section>
        </div>
        """
        return shell.render(page, title: Text("在线咨询", "Live chat"), active: "chats", body: body)
    }
}
