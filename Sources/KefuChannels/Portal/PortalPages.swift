import Foundation
import HTTPTypes
import Hummingbird
import KefuDomain
import KefuOrg
import KefuPlatform
import KefuServiceDesk

/// #16.6 the customer portal's pages (public, phone-sized screens first, zh-CN by default, `?lang=en` switches):
/// `GET /portal` the sign-in form (an e-mail address), `POST /portal/link` asks for a one-time link, `GET /portal/in/{token}`
/// signs in, `POST /portal/out` signs out, `GET /portal/tickets` my tickets, `GET /portal/tickets/{number}` one ticket's
/// public thread, `POST /portal/tickets/{number}/reply` an answer. The portal's own cookie (`kefu_portal`, path
/// /portal) is the only way in: a staff session opens no portal page and a portal session no staff page. Every POST
/// carries the double-submit token of `kefu_portal_csrf` (checked by `CSRFMiddleware`).
public struct PortalPages: Sendable {
    let portal: PortalService
    let shell: PageShell
    let addresses: ClientAddress

    public init(portal: PortalService, shell: PageShell, addresses: ClientAddress) {
        self.portal = portal
        self.shell = shell
        self.addresses = addresses
    }

    public static let sessionCookie = "kefu_portal"
    public static let csrfCookie = CSRFMiddleware.portalCookie
    static let langCookie = "kefu_portal_lang"
    static let cookiePath = "/portal"
    static let numberCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_"))

    /// What every portal answer needs: the language, the form token and the cookies to set.
    struct Visit {
        let locale: AppLocale
        let csrf: String
        let setLang: Bool

        var page: PageContext { PageContext(principal: nil, locale: locale, csrfToken: csrf) }

        func finish(_ response: Response, overHTTPS: Bool) -> Response {
            var response = response
            response.setCookie(Cookie(name: PortalPages.csrfCookie, value: csrf, maxAge: 86_400, path: PortalPages.cookiePath, secure: overHTTPS,
                                      httpOnly: true, sameSite: .lax))
            if setLang {
                response.setCookie(Cookie(name: PortalPages.langCookie, value: locale.rawValue, maxAge: 365 * 86_400, path: PortalPages.cookiePath,
                                          secure: overHTTPS, httpOnly: true, sameSite: .lax))
            }
            return response
        }
    }

    static func visit(_ request: Request, _ context: KefuContext) -> Visit {
        let asked = request.uri.queryParameters.get("lang")
        let chosen: AppLocale? = asked.map { $0.lowercased().hasPrefix("en") ? .en : .zhCN }
        let kept = (request.cookies[langCookie]?.value).flatMap { AppLocale(rawValue: String($0)) }
        let existing = request.cookies[csrfCookie]?.value ?? ""
        let csrf = existing.count >= 32 && existing.count <= 64 && existing.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            ? existing : Secrets.randomToken()
        return Visit(locale: chosen ?? kept ?? AppLocale(header: request.headers[.acceptLanguage]), csrf: csrf, setLang: chosen != nil)
    }

    public func register(on router: Router<KefuContext>) {
        let portal = self.portal
        router.get("/portal") { request, context in
            let v = Self.visit(request, context)
            if try await portal.session(cookie: request.cookies[Self.sessionCookie]?.value) != nil { return Redirect.to("/portal/tickets") }
            return v.finish(signInPage(v, email: nil, error: nil).response(status: portal.mailAvailable ? .ok : .serviceUnavailable),
                            overHTTPS: context.overHTTPS)
        }
        router.post("/portal/link") { request, context in
            let v = Self.visit(request, context)
            let f = try await FormData.read(request)
            guard portal.mailAvailable else { return v.finish(signInPage(v, email: nil, error: nil).response(status: .serviceUnavailable), overHTTPS: context.overHTTPS) }
            do {
                let outcome = try await portal.requestLink(email: f["email"], client: addresses.resolve(request, context: context))
                switch outcome {
                case .accepted: return v.finish(notice(v, id: "portal-link-sent", title: Text("请查收邮件", "Check your mail"), text: Text(
                    "如果该邮箱地址在我们这里有工单，登录链接已发送到该邮箱，15 分钟内有效，只能使用一次。没有收到？请检查垃圾邮件，或稍后重新申请。",
                    "If this address has tickets with us, a sign-in link is on its way to it. It is good for 15 minutes, once. Nothing came? Check the spam folder, or ask again later.")).response(),
                    overHTTPS: context.overHTTPS)
                case .throttled: return v.finish(notice(v, id: "portal-throttled", title: Text("请求过于频繁", "Too many requests"), text: Text(
                    "申请登录链接的次数过多，请 15 分钟后再试。", "Too many sign-in links were asked for; please try again in 15 minutes.")).response(status: .tooManyRequests),
                    overHTTPS: context.overHTTPS)
                }
            } catch let error as AppError where error.status == .unprocessableContent {
                return v.finish(signInPage(v, email: f["email"], error: error).response(status: error.status), overHTTPS: context.overHTTPS)
            }
        }
        // Opening the mailed link shows a button; the button (a POST) spends the link: a scanner that fetches the link
        // never signs in, nor uses it up.
        router.get("/portal/in/:token") { request, context in
            let v = Self.visit(request, context)
            let token = try context.parameters.require("token")
            switch try await portal.linkState(token: token) {
            case .valid?:
                return v.finish(confirmPage(v, token: token).response(), overHTTPS: context.overHTTPS)
            case .used?: return v.finish(linkRefusal(v, .used), overHTTPS: context.overHTTPS)
            case .expired?: return v.finish(linkRefusal(v, .expired), overHTTPS: context.overHTTPS)
            case nil: return v.finish(linkRefusal(v, .unknown), overHTTPS: context.overHTTPS)
            }
        }
        router.post("/portal/in/:token") { request, context in
            let v = Self.visit(request, context)
            let outcome = try await portal.signIn(token: try context.parameters.require("token"))
            guard case .signedIn(let session) = outcome else { return v.finish(linkRefusal(v, outcome), overHTTPS: context.overHTTPS) }
            var response = Redirect.to("/portal/tickets")
            response.setCookie(Cookie(name: Self.sessionCookie, value: session, maxAge: Int(PortalRules.sessionMaxMillis / 1000), path: Self.cookiePath,
                                      secure: context.overHTTPS, httpOnly: true, sameSite: .lax))
            return v.finish(response, overHTTPS: context.overHTTPS)
        }
        router.post("/portal/out") { request, context in
            try await portal.signOut(cookie: request.cookies[Self.sessionCookie]?.value)
            var response = Redirect.to("/portal")
            response.setCookie(Cookie(name: Self.sessionCookie, value: "", maxAge: 0, path: Self.cookiePath, secure: context.overHTTPS, httpOnly: true, sameSite: .lax))
            return response
        }
        router.get("/portal/tickets") { request, context in
            let v = Self.visit(request, context)
            guard let session = try await portal.session(cookie: request.cookies[Self.sessionCookie]?.value) else { return Redirect.to("/portal") }
            let model = try await portal.ticketsPage(session: session, paging: try Paging.from(request.queryDictionary, defaultPer: 20))
            return v.finish(ticketsPage(v, model).response(), overHTTPS: context.overHTTPS)
        }
        router.get("/portal/tickets/:number") { request, context in
            let v = Self.visit(request, context)
            guard let session = try await portal.session(cookie: request.cookies[Self.sessionCookie]?.value) else { return Redirect.to("/portal") }
            let number = try context.parameters.require("number")
            guard let model = try await portal.ticketPage(session: session, number: number) else {
                return v.finish(notFound(v).response(status: .notFound), overHTTPS: context.overHTTPS)
            }
            let notice = request.uri.queryParameters.get("notice")
            return v.finish(ticketPage(v, model, typed: nil, error: nil, sent: notice == "sent", rated: notice == "rated").response(), overHTTPS: context.overHTTPS)
        }
        router.get("/portal/files/:id") { request, context in
            let v = Self.visit(request, context)
            guard let session = try await portal.session(cookie: request.cookies[Self.sessionCookie]?.value) else { return Redirect.to("/portal") }
            guard let file = try await portal.file(session: session, id: try context.parameters.require("id")) else {
                return v.finish(notFound(v).response(status: .notFound), overHTTPS: context.overHTTPS)
            }
            return MailAttachmentDownload.download(name: file.name, type: file.type, bytes: file.bytes)
        }
        router.post("/portal/tickets/:number/rate") { request, context in
            let v = Self.visit(request, context)
            guard let session = try await portal.session(cookie: request.cookies[Self.sessionCookie]?.value) else { return Redirect.to("/portal") }
            let number = try context.parameters.require("number")
            let f = try await FormData.read(request)
            do {
                try await portal.rate(session: session, number: number, overall: f["overall"], comment: f["comment"])
                return Redirect.to("/portal/tickets/" + (number.addingPercentEncoding(withAllowedCharacters: Self.numberCharacters) ?? "") + "?notice=rated")
            } catch let error as AppError where error.status == .unprocessableContent || error.status == .conflict {
                guard let model = try await portal.ticketPage(session: session, number: number) else {
                    return v.finish(notFound(v).response(status: .notFound), overHTTPS: context.overHTTPS)
                }
                return v.finish(ticketPage(v, model, typed: nil, error: nil, sent: false, rateError: error, rateComment: f["comment"]).response(status: error.status),
                                overHTTPS: context.overHTTPS)
            } catch let error as AppError where error.status == .notFound {
                return v.finish(notFound(v).response(status: .notFound), overHTTPS: context.overHTTPS)
            }
        }
        router.post("/portal/tickets/:number/reply") { request, context in
            let v = Self.visit(request, context)
            guard let session = try await portal.session(cookie: request.cookies[Self.sessionCookie]?.value) else { return Redirect.to("/portal") }
            let number = try context.parameters.require("number")
            // A reply with a file comes as multipart/form-data (the form always sends it so); a plain form is taken too.
            var request = request
            var body: String?
            var upload: PortalService.Upload?
            if MultipartForm.isMultipart(request) {
                let form = try await MultipartForm.read(&request)
                body = form["body"]
                if let part = form.file("file"), !(part.fileName ?? "").isEmpty || !part.bytes.isEmpty {
                    upload = PortalService.Upload(fileName: part.fileName ?? "", bytes: part.bytes)
                }
            } else {
                body = try await FormData.read(request)["body"]
            }
            let f = FormData(values: ["body": body ?? ""])
            do {
                try await portal.reply(session: session, number: number, text: body, file: upload)
                return Redirect.to("/portal/tickets/" + (number.addingPercentEncoding(withAllowedCharacters: Self.numberCharacters) ?? "") + "?notice=sent")
            } catch let error as AppError where error.status == .unprocessableContent || error.status == .conflict {
                // The typed text stays in the box with the reason beside it.
                guard let model = try await portal.ticketPage(session: session, number: number) else {
                    return v.finish(notFound(v).response(status: .notFound), overHTTPS: context.overHTTPS)
                }
                return v.finish(ticketPage(v, model, typed: f["body"], error: error, sent: false).response(status: error.status), overHTTPS: context.overHTTPS)
            } catch let error as AppError where error.status == .notFound {
                return v.finish(notFound(v).response(status: .notFound), overHTTPS: context.overHTTPS)
            }
        }
    }

    // MARK: views

    static let css = """
    .portal { max-width: 720px; margin: 0 auto; padding: 0 8px; }
    .portal h1 { font-size: 1.4rem; }
    .portal label { display: block; font-weight: 600; margin: 8px 0 4px; }
    .portal input[type=email], .portal textarea { width: 100%; box-sizing: border-box; font-size: 16px; padding: 10px; }
    .portal button { font-size: 16px; padding: 10px 16px; min-height: 44px; }
    .portal .field-error { color: #b42318; }
    .portal .tickets { list-style: none; padding: 0; }
    .portal .tickets li { border: 1px solid #d9e2ec; border-radius: 8px; margin: 0 0 8px; padding: 10px 12px; background: #fff; }
    .portal .tickets a { font-weight: 600; display: block; }
    .portal .meta { color: #52606d; font-size: .9rem; }
    .portal .msg { border-left: 4px solid #9fb3c8; padding: 6px 10px; margin: 10px 0; background: #fff; white-space: pre-wrap; overflow-wrap: anywhere; }
    .portal .msg.mine { border-left-color: #2f855a; }
    .portal .bar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; justify-content: space-between; }
    .portal a:focus, .portal button:focus, .portal input:focus, .portal textarea:focus { outline: 3px solid #2563eb; outline-offset: 2px; }
    """

    func frame(_ v: Visit, title: Text, signedIn: Bool, _ content: HTML) -> HTML {
        let l = v.locale
        let other: HTML = l == .en ? "<a href=\"?lang=zh-CN\" id=\"portal-lang\" lang=\"zh-CN\">中文</a>" : "<a href=\"?lang=en\" id=\"portal-lang\" lang=\"en\">English</a>"
        let out: HTML = signedIn
            ? "<form method=\"post\" action=\"/portal/out\" class=\"inline\">\(v.page.csrfField)<button type=\"submit\" id=\"portal-sign-out\">\(Text("退出", "Sign out"), l)</button></form>"
            : .empty
        let body: HTML = """
        <style>\(HTML(raw: Self.css))</style>
        <main class="portal" id="portal">
          <div class="bar"><strong>\(Text("客户服务门户", "Customer portal"), l)</strong><span>\(other) \(out)</span></div>
          \(content)
        </main>
        """
        return shell.render(v.page, title: title, active: "", body: body)
    }

    func signInPage(_ v: Visit, email: String?, error: AppError?) -> HTML {
        let l = v.locale
        guard portal.mailAvailable else {
            return frame(v, title: Text("客户服务门户", "Customer portal"), signedIn: false, """
            <h1>\(Text("登录客户服务门户", "Sign in to the customer portal"), l)</h1>
            <p id="portal-unavailable" role="alert">\((portal.unavailable ?? PortalService.noOutgoingMail).message(l))</p>
            """)
        }
        let errorLine: HTML = error.map { "<p class=\"field-error\" id=\"email-error\" role=\"alert\">\($0.message(l))</p>" } ?? .empty
        return frame(v, title: Text("客户服务门户", "Customer portal"), signedIn: false, """
        <h1>\(Text("登录客户服务门户", "Sign in to the customer portal"), l)</h1>
        <p>\(Text("请输入您联系我们时使用的电子邮箱，我们会发送一个一次性登录链接。", "Enter the e-mail address you wrote to us from; we will send you a one-time sign-in link."), l)</p>
        <form method="post" action="/portal/link" id="portal-sign-in">
          \(v.page.csrfField)
          <label for="portal-email">\(Text("电子邮箱", "E-mail address"), l)</label>
          <input type="email" id="portal-email" name="email" required maxlength="\(PortalRules.addressMax)" autocomplete="email" value="\(email ?? "")"\(HTML(raw: error == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"email-error\""))>
          \(errorLine)
          <p><button type="submit" id="portal-send">\(Text("发送登录链接", "Send me a link"), l)</button></p>
        </form>
        """)
    }

    /// The page the mailed link opens: one button that signs in (focused: Enter signs in).
    func confirmPage(_ v: Visit, token: String) -> HTML {
        let l = v.locale
        let action = "/portal/in/" + (token.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_"))) ?? "")
        return frame(v, title: Text("登录客户服务门户", "Sign in to the customer portal"), signedIn: false, """
        <h1>\(Text("登录客户服务门户", "Sign in to the customer portal"), l)</h1>
        <p>\(Text("点击下面的按钮登录，查看您的工单。此链接只能使用一次。", "Press the button to sign in and see your tickets. This link works once."), l)</p>
        <form method="post" action="\(action)" id="portal-confirm">
          \(v.page.csrfField)
          <p><button type="submit" id="portal-confirm-button" autofocus>\(Text("登录", "Sign in"), l)</button></p>
        </form>
        """)
    }

    /// Why a mailed link signs nobody in, with the way to a new one.
    func linkRefusal(_ v: Visit, _ outcome: PortalService.SignIn) -> Response {
        let again = Text("重新申请登录链接", "Ask for a new link")
        switch outcome {
        case .used:
            return notice(v, id: "portal-link-used", title: Text("链接已使用", "Link already used"), text: Text(
                "这个登录链接已经用过了，每个链接只能使用一次。", "This sign-in link has been used already; each link works once."), link: ("/portal", again))
                .response(status: .gone)
        case .expired:
            return notice(v, id: "portal-link-expired", title: Text("链接已过期", "Link expired"), text: Text(
                "这个登录链接已过期（有效期 15 分钟）。", "This sign-in link has expired (links are good for 15 minutes)."), link: ("/portal", again))
                .response(status: .gone)
        case .unknown, .signedIn:
            return notice(v, id: "portal-link-unknown", title: Text("链接无效", "Link not valid"), text: Text(
                "这个登录链接无效，请核对邮件中的完整链接。", "This sign-in link is not valid; please check the full link in the mail."), link: ("/portal", again))
                .response(status: .notFound)
        }
    }

    func notice(_ v: Visit, id: String, title: Text, text: Text, link: (String, Text)? = nil) -> HTML {
        let l = v.locale
        let back: HTML = link.map { "<p><a href=\"\($0.0)\" id=\"portal-again\">\($0.1, l)</a></p>" } ?? .empty
        return frame(v, title: title, signedIn: false, "<h1>\(title, l)</h1><p id=\"\(id)\" role=\"status\">\(text, l)</p>\(back)")
    }

    func notFound(_ v: Visit) -> HTML {
        let l = v.locale
        return frame(v, title: Text("未找到工单", "Ticket not found"), signedIn: true, """
        <h1>\(Text("未找到工单", "Ticket not found"), l)</h1>
        <p id="portal-not-found" role="alert">\(Text("在您的工单中没有找到这个编号。", "There is no ticket with this number among yours."), l)</p>
        <p><a href="/portal/tickets">\(Text("返回我的工单", "Back to my tickets"), l)</a></p>
        """)
    }

    static func statusLabel(_ s: TicketStatus) -> Text {
        switch PortalRules.customerStatus(s) {
        case .received: return Text("已受理", "Received")
        case .inProgress: return Text("处理中", "In progress")
        case .waitingForYou: return Text("等待您的回复", "Waiting for your reply")
        case .resolved: return Text("已解决", "Resolved")
        case .closed: return Text("已关闭", "Closed")
        }
    }

    func ticketsPage(_ v: Visit, _ m: PortalTicketsModel) -> HTML {
        let l = v.locale
        let items: [HTML] = m.items.map { t in
            """
            <li data-number="\(t.number)"><a href="/portal/tickets/\(t.number)">\(t.number) · \(t.subject)</a>
            <span class="meta"><span class="status" data-status="\(t.status.rawValue)">\(Self.statusLabel(t.status), l)</span> · \(Text("最近更新", "Last changed"), l) \(Instant(millis: t.updatedAt).display)</span></li>
            """
        }
        let list: HTML = m.items.isEmpty
            ? "<p id=\"portal-no-tickets\">\(Text("这个邮箱还没有工单。", "There are no tickets for this address yet."), l)</p>"
            : "<ul class=\"tickets\" id=\"portal-tickets\">\(items)</ul>"
        let pages = max(1, (m.total + m.per - 1) / m.per)
        let prev: HTML = m.page > 1 ? "<a href=\"/portal/tickets?page=\(m.page - 1)\" rel=\"prev\" id=\"portal-prev\">\(Text("上一页", "Previous"), l)</a>" : .empty
        let next: HTML = m.page < pages ? "<a href=\"/portal/tickets?page=\(m.page + 1)\" rel=\"next\" id=\"portal-next\">\(Text("下一页", "Next"), l)</a>" : .empty
        return frame(v, title: Text("我的工单", "My tickets"), signedIn: true, """
        <h1>\(Text("我的工单", "My tickets"), l)</h1>
        <p class="meta" id="portal-signed-in-as">\(m.email)</p>
        \(list)
        <nav class="bar" aria-label="\(Text("分页", "Pages"), l)">\(prev)<span>\(Text("第 {0} / {1} 页，共 {2} 个", "Page {0} of {1}, {2} in all").with(String(m.page), String(pages), String(m.total)), l)</span>\(next)</nav>
        """)
    }

    func ticketPage(_ v: Visit, _ m: PortalTicketModel, typed: String?, error: AppError?, sent: Bool, rated: Bool = false,
                    rateError: AppError? = nil, rateComment: String? = nil) -> HTML {
        let l = v.locale
        let t = m.ticket
        let rateErrorLine: HTML = rateError.map { "<p class=\"field-error\" id=\"rate-error\" role=\"alert\">\($0.message(l))</p>" } ?? .empty
        let levels: [HTML] = SatisfactionLevel.allCases.map { level in
            "<label class=\"level\"><input type=\"radio\" name=\"overall\" value=\"\(level.rawValue)\" id=\"rate-\(level.rawValue)\" required> \(l == .en ? level.en : level.zh)</label>"
        }
        var satisfaction: HTML = .empty
        if let rating = m.rating, let level = SatisfactionLevel(rawValue: rating) {
            let thanks: HTML = rated ? "<p id=\"portal-rated-thanks\" role=\"status\">\(Text("感谢您的评价！", "Thank you for your rating!"), l)</p>" : .empty
            satisfaction = "<section id=\"portal-rating\">\(thanks)\(rateErrorLine)<p id=\"portal-rated\" data-rating=\"\(rating)\">\(Text("您的评价", "Your rating"), l)：\(l == .en ? level.en : level.zh)</p></section>"
        } else if m.mayRate {
            satisfaction = """
            <form method="post" action="/portal/tickets/\(t.number)/rate" id="portal-rate">
              \(v.page.csrfField)
              <fieldset><legend>\(Text("您对这次服务满意吗？", "How satisfied are you with our service?"), l)</legend>
              <div class="levels" role="radiogroup">\(levels)</div></fieldset>
              \(rateErrorLine)
              <label for="portal-rate-comment">\(Text("意见或建议（可选）", "Comment (optional)"), l)</label>
              <textarea id="portal-rate-comment" name="comment" rows="3" maxlength="\(PortalRules.ratingCommentMax)">\(rateComment ?? "")</textarea>
              <p><button type="submit" id="portal-rate-send">\(Text("提交评价", "Send rating"), l)</button></p>
            </form>
            """
        }
        let first: HTML = "<div class=\"msg mine\" data-kind=\"description\"><div class=\"meta\">\(Text("您的问题", "Your request"), l) · \(Instant(millis: t.receivedAt).display)</div>\(t.description)</div>"
        let messages: [HTML] = t.messages.map { msg in
            let who = msg.fromCustomer ? Text("您", "You") : Text("客服中心", "Customer service")
            return "<div class=\"msg\(HTML(raw: msg.fromCustomer ? " mine" : ""))\" data-comment=\"\(msg.id)\" data-from=\"\(msg.fromCustomer ? "customer" : "staff")\"><div class=\"meta\">\(who, l) · \(Instant(millis: msg.at).display)</div>\(msg.body)</div>"
        }
        let sentLine: HTML = sent ? "<p id=\"portal-reply-sent\" role=\"status\">\(Text("您的回复已提交。", "Your reply has been sent."), l)</p>" : .empty
        let errorLine: HTML = error.map { "<p class=\"field-error\" id=\"reply-error\" role=\"alert\">\($0.message(l))</p>" } ?? .empty
        let fileItems: [HTML] = m.files.map { file in
            let from = file.fromPortal ? Text("门户上传", "sent here") : Text("随邮件发来", "sent by mail")
            return "<li><a href=\"/portal/files/\(file.id)\" data-file=\"\(file.id)\">\(file.name)</a> <span class=\"meta\">\(MailAttachmentDownload.size(file.sizeBytes)) · \(from, l)</span></li>"
        }
        let files: HTML = m.files.isEmpty ? .empty
            : "<section id=\"portal-files\"><h2>\(Text("附件", "Files"), l)</h2><ul>\(fileItems)</ul></section>"
        let replyBox: HTML = m.mayReply
            ? """
              <form method="post" action="/portal/tickets/\(t.number)/reply" id="portal-reply" enctype="multipart/form-data">
                \(v.page.csrfField)
                <label for="portal-reply-body">\(Text("回复", "Your reply"), l)</label>
                <textarea id="portal-reply-body" name="body" rows="5" maxlength="\(PortalRules.replyMax)" required\(HTML(raw: error == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"reply-error\""))>\(typed ?? "")</textarea>
                \(errorLine)
                <label for="portal-reply-file">\(Text("附件（可选，一个文件，不超过 {0} MB）", "File (optional, one, at most {0} MB)").with(String(portal.maxFileBytes / 1_048_576)), l)</label>
                <input type="file" id="portal-reply-file" name="file">
                <p><button type="submit" id="portal-reply-send">\(Text("提交回复", "Send reply"), l)</button></p>
              </form>
              """
            : "\(errorLine)<p id=\"portal-replies-closed\">\(Text("该工单已关闭，不能再回复。如有新问题，请重新联系我们。", "This ticket is closed; replies are closed. For a new question, please contact us again."), l)</p>"
        return frame(v, title: Text("工单 {0}", "Ticket {0}").with(t.number), signedIn: true, """
        <p><a href="/portal/tickets" id="portal-back">\(Text("← 我的工单", "← My tickets"), l)</a></p>
        <h1>\(t.number) · \(t.subject)</h1>
        <p class="meta">\(Text("状态", "Status"), l)：<span id="portal-status" data-status="\(t.status.rawValue)">\(Self.statusLabel(t.status), l)</span></p>
        \(sentLine)
        <section id="portal-thread" aria-label="\(Text("往来记录", "Conversation"), l)">\(first)\(messages)</section>
        \(files)
        \(satisfaction)
        \(replyBox)
        """)
    }
}
