import Hummingbird
import KefuDomain
import KefuPlatform

/// #11.3: what a document screen says after a redirect — the message names what happened (已审核 / 已弃审 / 已删除 …)
/// and to which document. A refused action or form comes back through `FormFlash` (#11.2) with its own reason.
enum MaterialNotices {
    static let done: [String: Text] = [
        "created": Text("已保存（新单据）", "Saved (new document)"),
        "saved": Text("已保存", "Saved"),
        "audited": Text("已审核", "Audited"),
        "unaudited": Text("已弃审", "Un-audited"),
        "deleted": Text("已删除", "Deleted"),
        "imported": Text("已导入盘点表", "Count sheet imported"),
    ]

    /// The page context with the notice of `?notice=` in this feature's words (`&what=`: the document's number), and the
    /// refused form kept for this page (`FormFlash`, #11.2).
    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = context.page(request)
        let what: String? = request.uri.queryParameters.get("what").map { String($0.prefix(40)) }
        var notice: String? = base.notice
        if let code = request.uri.queryParameters.get("notice"), let text = done[String(code)] {
            let said: String = text(base.locale)
            notice = what.map { said + " " + $0 } ?? said
        }
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken, notice: notice,
                           formFlash: base.formFlash, path: base.path)
    }

    /// A feature's own notice after a step (`?notice=<feature>&what=<step>`), in that feature's words; else the books'.
    static func page(_ request: Request, _ context: KefuContext, feature: String, event: (String) -> Text) -> PageContext {
        let base = page(request, context)
        let q = request.uri.queryParameters
        guard q.get("notice").map({ String($0) }) == feature, let what = q.get("what").map({ String($0) }) else { return base }
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken, notice: event(what)(base.locale),
                           formFlash: base.formFlash, path: base.path)
    }
}
