import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// TRN-03 as pages: the staff of the viewer's unit and below with their qualifications, agents typing under 80
/// characters a minute flagged, and the certificate alert (expiring within 30 days or expired) at the top; one
/// person's record as a form (certificates one a line: "名称 | 编号 | 有效期至").
struct QualificationPages: Sendable {
    let qualifications: QualificationService
    let shell: PageShell

    func register(on router: Router<KefuContext>) {
        router.get("/people/qualifications") { request, context in try await list(request, context) }
        router.get("/people/qualifications/:userId") { request, context in try await edit(request, context) }
        router.post("/people/qualifications/:userId") { request, context in
            let principal = try context.requirePrincipal()
            let user = try context.parameters.require("userId")
            let f = try await FormData.read(request)
            var speed: Int?
            if let typed = TextRules.trimmed(f["typingSpeed"]) {
                guard let s = UsualInput.wholeNumber(typed) else {
                    throw AppError.validation("typingSpeed", Text("打字速度应为整数（字/分）", "The typing speed is a whole number (characters a minute)"))
                }
                speed = s
            }
            let dialects = (f["dialects"] ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" }).map(String.init)
            _ = try await qualifications.put(userId: user, QualificationsInput(mandarinLevel: TextRules.trimmed(f["mandarinLevel"]), dialects: dialects, typingSpeed: speed,
                                                                               typingTestedOn: f["typingTestedOn"], certificates: Self.certificates(f["certificates"] ?? "")),
                                             by: principal)
            return Redirect.to("/people/qualifications?saved=\(user)")
        }
    }

    /// "名称 | 编号 | 2027-06-30" per line; the date may be left out.
    static func certificates(_ text: String) -> [QualificationsInput.Certificate] {
        text.split(whereSeparator: \.isNewline).compactMap { raw in
            let parts = raw.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.contains(where: { !$0.isEmpty }) else { return nil }
            return QualificationsInput.Certificate(name: parts[0], number: parts.count > 1 ? parts[1] : nil, expiresOn: parts.count > 2 ? parts[2] : nil)
        }
    }

    static func mandarinLabel(_ code: String?, _ l: AppLocale) -> String {
        guard let code, let level = TrainingRules.mandarinLevels.first(where: { $0.code == code }) else { return "" }
        return l == .en ? level.en : level.zh
    }

    static func certificateLabel(_ status: String) -> Text {
        switch status {
        case "expired": Text("已过期", "Expired")
        case "expiring": Text("30 天内到期", "Expires within 30 days")
        case "permanent": Text("长期有效", "No expiry")
        default: Text("有效", "Valid")
        }
    }

    static func typingLabel(_ flag: String?) -> Text? {
        switch flag {
        case "below_required": Text("低于 80 字/分", "Below 80 characters/min")
        case "not_recorded": Text("未测试", "Not tested")
        default: nil
        }
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let flag = TextRules.trimmed(q["flag"])
        let m = try await qualifications.staffPage(viewer: principal, flag: flag, paging: try Paging.from(q, defaultPer: 20))
        let title = Text("员工资格", "Staff qualifications")
        let alerts: HTML = m.alerts.isEmpty ? .empty : HTML(raw: """
            <section id="certificate-alerts" class="alert-box" role="status"><h2>\(HTML.escape(Text("证书到期预警", "Certificate expiry alert")(l)))</h2><ul>
            """ + m.alerts.map { a in
                "<li class=\"certificate-alert cert-\(a.certificate.status)\" data-user=\"\(a.userId)\">\(HTML.escape(a.userName))：\(HTML.escape(a.certificate.name)) \(HTML.escape(a.certificate.number)) · "
                    + "\(HTML.escape(a.certificate.expiresOn ?? "")) \(HTML.escape(Self.certificateLabel(a.certificate.status)(l)))</li>"
            }.joined() + "</ul></section>")
        let rows: [DataTable.Row] = m.staff.items.map { p in
            let typing = (p.typingSpeed.map { "\($0) " + Text("字/分", "chars/min")(l) } ?? "")
                + (Self.typingLabel(p.typingFlag).map { " <span class=\"badge flagged typing-flag\">\(HTML.escape($0(l)))</span>" } ?? "")
            let certs = p.certificates.map { c in
                "<li class=\"cert-\(c.status)\">\(HTML.escape(c.name)) \(HTML.escape(c.number)) \(HTML.escape(c.expiresOn ?? "")) (\(HTML.escape(Self.certificateLabel(c.status)(l))))</li>"
            }.joined()
            let edit = p.actions.contains("edit") ? "<a href=\"/people/qualifications/\(p.userId)\" class=\"qualification-edit\">\(HTML.escape(Text("编辑", "Edit")(l)))</a>" : ""
            return DataTable.Row([
                DataTable.Cell("\(p.userName)"), DataTable.Cell("\(Self.mandarinLabel(p.mandarinLevel, l))"), DataTable.Cell("\(p.dialects.joined(separator: "、"))"),
                DataTable.Cell(HTML(raw: typing)), DataTable.Cell(HTML(raw: "<ul class=\"certificates\">\(certs)</ul>")), DataTable.Cell(HTML(raw: edit)),
            ], attributes: HTML(raw: "class=\"qualification-row\" data-user=\"\(p.userId)\" data-typing-flag=\"\(p.typingFlag ?? "")\" data-alerts=\"\(p.certificateAlerts)\""))
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"qualifications-empty\">\(Text("没有符合条件的人员", "Nobody matches"), l)</p>"
            : DataTable.render(id: "qualification-list", headers: [Text("姓名", "Name"), Text("普通话", "Mandarin"), Text("方言", "Dialects"), Text("打字速度", "Typing"),
                                                                  Text("证书", "Certificates"), Text("操作", "Actions")].map { $0(l) }, rows: rows)
        let flags: [(String, String)] = [("", Text("全部", "Everyone")(l)), ("typing", Text("打字不达标", "Typing below requirement")(l)),
                                         ("certificates", Text("证书预警", "Certificate alerts")(l)), ("any", Text("任一预警", "Any flag")(l))]
        var query: [String: String] = [:]
        if let flag { query["flag"] = flag }
        let body: HTML = """
        <h1 id="qualifications-title">\(title, l)</h1>
        <p class="hint">\(Text("TRN-03：普通话标准并能听懂本地方言；客服代表五笔打字不低于 80 字/分；持证上岗，证书到期前 30 天预警。", "TRN-03: standard Mandarin and the local dialect; agents type at least 80 characters a minute; certificates are alerted 30 days before they expire."), l)</p>
        \(alerts)
        <form method="get" action="/people/qualifications" class="toolbar filters" id="qualification-filter">
        \(FormControls.field(Text("筛选", "Show")(l), for: "qualification-flag", FormControls.select(id: "qualification-flag", name: "flag", options: flags, selected: flag ?? "")))
        <button type="submit">\(Text("查看", "Show"), l)</button></form>
        \(table)
        \(FormControls.pager(basePath: "/people/qualifications", query: query, page: m.staff.page, per: m.staff.per, total: m.staff.total, locale: l))
        """
        return shell.render(page, title: title, active: "people-qualifications", body: body).response()
    }

    func edit(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let user = try context.parameters.require("userId")
        let v = try await qualifications.qualifications(userId: user, viewer: principal)
        guard v.actions.contains("edit") else { throw AppError.forbidden(Text("资格记录由本单位主管或经理维护（TRN-03）", "Qualifications are kept by the unit's supervisor or manager (TRN-03)")) }
        let action = "/people/qualifications/\(user)"
        let s = page.formState(action: action)
        let levels: [(String, String)] = [("", Text("（未测）", "(not tested)")(l))] + TrainingRules.mandarinLevels.map { ($0.code, l == .en ? $0.en : $0.zh) }
        let certs = v.certificates.map { "\($0.name) | \($0.number) | \($0.expiresOn ?? "")" }.joined(separator: "\n")
        let title = Text("资格记录", "Qualifications")
        let body: HTML = """
        <h1 id="qualification-title">\(title, l)：\(v.userName)</h1>
        \(s.generalMessage(fields: ["mandarinLevel", "dialects", "typingSpeed", "typingTestedOn", "certificates"], l, id: "qualification-error"))
        <form method="post" action="\(action)" id="qualification-form">\(page.csrfField)
        <div class="grid one-column">
        \(FormControls.field(Text("普通话等级", "Mandarin level")(l), for: "q-mandarin", FormControls.select(id: "q-mandarin", name: "mandarinLevel", options: levels, selected: s.value("mandarinLevel", default: v.mandarinLevel)), error: s.message(for: "mandarinLevel", l)))
        \(FormControls.field(Text("能听懂的方言（逗号分隔）", "Dialects understood (comma separated)")(l), for: "q-dialects", FormControls.input(id: "q-dialects", name: "dialects", value: s.value("dialects", default: v.dialects.joined(separator: ", "))), error: s.message(for: "dialects", l)))
        \(FormControls.field(Text("五笔打字速度（字/分）", "Typing speed, Wubi (characters/min)")(l), for: "q-typing", FormControls.input(id: "q-typing", name: "typingSpeed", value: s.value("typingSpeed", default: v.typingSpeed.map(String.init)), attributes: "inputmode=\"numeric\""), error: s.message(for: "typingSpeed", l)))
        \(FormControls.field(Text("测试日期", "Tested on")(l), for: "q-tested", FormControls.input(id: "q-tested", name: "typingTestedOn", type: "date", value: s.value("typingTestedOn", default: v.typingTestedOn)), error: s.message(for: "typingTestedOn", l)))
        \(FormControls.field(Text("证书（每行：名称 | 编号 | 有效期至）", "Certificates (one a line: name | number | expires on)")(l), for: "q-certificates",
                             HTML(raw: "<textarea id=\"q-certificates\" name=\"certificates\" rows=\"5\">\(HTML.escape(s.value("certificates", default: certs) ?? ""))</textarea>"), error: s.message(for: "certificates", l)))
        </div><div class="actions"><button type="submit" id="qualification-save">\(Text("保存", "Save"), l)</button>
        <a class="button" href="/people/qualifications">\(Text("返回", "Back"), l)</a></div></form>
        """
        return shell.render(page, title: title, active: "people-qualifications", body: body).response()
    }
}
