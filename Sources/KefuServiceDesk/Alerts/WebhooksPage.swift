import Hummingbird
import KefuDomain
import KefuOrg
import KefuPlatform

/// Outgoing webhooks per unit, for administrators and for supervisors over their own units.
struct WebhooksPage: Sendable {
    let notifications: NotificationService
    let shell: PageShell

    func render(_ request: Request, _ context: KefuContext, secret: (unit: String, value: String)? = nil) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let model = try await notifications.webhooksPageModel(viewer: principal)  // #11.6: one read
        let hooks = model.hooks, units = model.units
        let rows: [HTML] = units.map { u in
            let hook = hooks[u.id]
            let formats = WebhookConfig.Format.allCases.map { ($0.rawValue, $0 == .kefu ? "Kefu JSON" : $0 == .wecom ? Text("企业微信机器人", "WeCom bot")(l) : Text("钉钉机器人", "DingTalk bot")(l)) }
            let shown: HTML = secret?.unit == u.id
                ? "<p class=\"flash-notice\" id=\"webhook-secret\">\(Text("签名密钥（只显示这一次）：", "Signing secret (shown this once): "), l)<code>\(secret!.value)</code></p>" : .empty
            let remove: HTML = hook == nil ? .empty
                : "<form method=\"post\" action=\"/admin/webhooks/\(u.id)/delete\" class=\"inline\">\(page.csrfField)<button type=\"submit\" class=\"link\">\(Text("删除", "Remove"), l)</button></form>"
            return """
            <section class="card webhook" data-unit="\(u.id)"><h2>\(u.name) <span class="meta">\(u.code)</span></h2>\(shown)
              <form method="post" action="/admin/webhooks/\(u.id)" class="toolbar">\(page.csrfField)
                \(FormControls.field(Text("推送地址", "URL")(l), for: "url-\(u.code)", FormControls.input(id: "url-\(u.code)", name: "url", type: "url", value: hook?.url, attributes: "maxlength=\"500\" placeholder=\"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…\"")))
                \(FormControls.field(Text("格式", "Format")(l), for: "format-\(u.code)", FormControls.select(id: "format-\(u.code)", name: "format", options: formats, selected: hook?.format)))
                \(FormControls.field(Text("状态", "Status")(l), for: "active-\(u.code)", FormControls.select(id: "active-\(u.code)", name: "active", options: [("true", Text("启用", "On")(l)), ("false", Text("暂停", "Paused")(l))], selected: hook.map { String($0.active) })))
                <button type="submit">\(Text("保存", "Save"), l)</button> \(remove)
              </form>
            </section>
            """
        }
        let body: HTML = """
        <h1>\(Text("通知推送", "Webhooks"), l)</h1>
        <p class="hint">\(Text("超时和升级提醒除站内通知外，还可推送到部门的企业微信或钉钉群机器人。每次推送带 X-Kefu-Timestamp 和 X-Kefu-Signature（HMAC-SHA256）头，失败会重试 5 次。", "Breach and escalation alerts can also go to the unit's WeCom or DingTalk group bot. Each POST carries X-Kefu-Timestamp and X-Kefu-Signature (HMAC-SHA256) headers; failures are retried 5 times."), l)</p>
        \(rows.isEmpty ? "<p class=\"empty\">\(Text("没有可设置的部门", "No units to set up")(l))</p>" as HTML : HTML(raw: rows.map(\.raw).joined()))
        """
        return shell.render(page, title: Text("通知推送", "Webhooks"), active: "admin-webhooks", body: body).response()
    }

    func register(on router: Router<KefuContext>) {
        router.get("/admin/webhooks") { request, context in try await render(request, context) }
        router.post("/admin/webhooks/:id") { request, context in
            let unit = try context.parameters.require("id")
            let form = try await FormData.read(request)
            // The signing secret is shown once, on this answer (it is never shown again); a refusal redirects (#11.2).
            let saved = try await notifications.setWebhook(unitId: unit, WebhookInput(url: form["url"], secret: nil, format: form["format"], active: form["active"] != "false"),
                                                           by: try context.requirePrincipal())
            return try await render(request, context, secret: saved.secret.map { (unit, $0) })
        }
        router.post("/admin/webhooks/:id/delete") { _, context in
            try await notifications.removeWebhook(unitId: try context.parameters.require("id"), by: try context.requirePrincipal())
            return Redirect.to("/admin/webhooks?notice=saved")
        }
    }
}
