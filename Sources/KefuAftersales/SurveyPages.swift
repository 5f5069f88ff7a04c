import Foundation
import Hummingbird
import KefuDomain
import KefuOrg
import KefuPlatform

/// The public survey page (no sign-in, phone-sized screens first) and the staff pages for invitations, campaigns and reports.
struct SurveyPages: Sendable {
    let surveys: SurveyService
    let complaints: ComplaintService
    let repairs: RepairService
    let shell: PageShell
    static let csrfCookie = CSRFMiddleware.loginCookie
    /// A link's token as it is sent (base64url); anything else is percent-encoded on the way back to its page.
    static let tokenCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_"))

    func register(on router: Router<KefuContext>) {
        router.get("/s/:token") { request, context in try await publicPage(request, context, error: nil, chosen: nil) }
        router.post("/s/:token") { request, context in
            let token = try context.parameters.require("token")
            let f = try await FormData.read(request)
            var answers: [SurveySubmission.Answer] = []
            for item in SurveyTemplate.standard.flatMap(\.items) {
                if let level = f["item_\(item.code)"].flatMap({ Int($0) }) {
                    answers.append(.init(item: item.code, level: level, comment: TextRules.trimmed(f["comment_\(item.code)"])))
                }
            }
            let input = SurveySubmission(overall: f["overall"].flatMap { Int($0) }, answers: answers, comment: f["comment"])
            do {
                _ = try await surveys.submit(token: token, input)
                return thanks(context)
            } catch let error as AppError where error.status == .notFound || error.status == .conflict {
                // #11.2: an unknown, answered or expired link: back to the survey's own page (PRG), which says which.
                return Redirect.to("/s/" + (token.addingPercentEncoding(withAllowedCharacters: Self.tokenCharacters) ?? ""))
            } catch let error as AppError where error.status.code < 500 {
                // #11.2: a refused answer (e.g. no overall rating) draws the survey again with what was chosen.
                return try await publicPage(request, context, error: error, chosen: f)
            }
        }
        router.get("/surveys") { request, context in try await staffPage(request, context, created: []) }
        // #11.2: a refusal redirects to the page with what was typed (FormFlashMiddleware); the new invitations' links are
        // shown once, on this answer (only their hashes are kept).
        router.post("/surveys/invite") { request, context in
            let p = try context.requirePrincipal()
            let f = try await FormData.read(request)
            let inv = try await surveys.invite(ticketId: TextRules.trimmed(f["ticketId"]), repairOrderId: TextRules.trimmed(f["repairOrderId"]), validDays: nil,
                                               baseURL: AftersalesAPI.baseURL(request), by: p)
            return try await staffPage(request, context, created: [inv])
        }
        router.post("/surveys/campaign") { request, context in
            let p = try context.requirePrincipal()
            let f = try await FormData.read(request)
            let ids = (f["customerIds"] ?? "").split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)
            let c = try await surveys.campaign(name: f["name"], quarter: f["quarter"], customerIds: ids, validDays: UsualInput.wholeNumber(f["validDays"]),
                                               occasion: f["occasion"],
                                               baseURL: AftersalesAPI.baseURL(request), by: p)
            return try await staffPage(request, context, created: c.invitations)
        }
        router.post("/surveys/target") { request, context in
            let p = try context.requirePrincipal()
            let f = try await FormData.read(request)
            _ = try await surveys.setTarget(percent: f["percent"], by: p)
            return Redirect.to("/aftersales/reports?notice=saved")
        }
        router.get("/aftersales/reports") { request, context in try await reports(request, context) }
    }

    // MARK: public

    /// `chosen`: the level picked before a refusal, checked again.
    func levelRadios(_ name: String, required: Bool, chosen: String? = nil) -> HTML {
        let options: [HTML] = SatisfactionLevel.allCases.map { level in
            let checked = chosen == String(level.rawValue) ? " checked" : ""
            return "<label class=\"level\"><input type=\"radio\" name=\"\(name)\" value=\"\(level.rawValue)\" id=\"\(name)-\(level.rawValue)\"\(HTML(raw: required ? " required" : ""))\(HTML(raw: checked))><span>\(level.zh)</span></label>"
        }
        return "<div class=\"levels\" role=\"radiogroup\">\(options)</div>"
    }

    static let publicCSS = """
    .survey { max-width: 640px; margin: 0 auto; }
    .survey fieldset { border: 1px solid #d9e2ec; border-radius: 8px; margin: 0 0 14px; padding: 10px 12px; background: #fff; }
    .survey legend { font-weight: 700; padding: 0 4px; }
    .survey .item { margin: 8px 0 12px; }
    .levels { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0; }
    .level { display: inline-flex; align-items: center; gap: 4px; border: 1px solid #d9e2ec; border-radius: 16px; padding: 6px 10px; min-height: 40px; }
    .level input { width: 20px; height: 20px; margin: 0; }
    .survey input[type=text], .survey textarea { width: 100%; font-size: 16px; padding: 8px; }
    .survey button[type=submit] { width: 100%; font-size: 18px; padding: 12px; }
    """

    /// The survey page; after a refused answer (`error`) with what was `chosen` and the message beside its field.
    func publicPage(_ request: Request, _ context: KefuContext, error: AppError?, chosen: FormData?) async throws -> Response {
        let token = try context.parameters.require("token")
        let l = context.locale
        let csrf = Secrets.randomToken()
        let page = PageContext(principal: nil, locale: l, csrfToken: csrf)
        let survey: PublicSurvey
        do {
            survey = try await surveys.publicSurvey(token: token)
        } catch let missing as AppError where missing.status == .notFound {
            // #11.2: an unknown link is the survey's page saying so (404), not the console's error page.
            let body: HTML = "<section class=\"survey card\"><h1>\(Text("顾客满意度调查表", "Customer satisfaction survey"), l)</h1><p id=\"survey-closed\" role=\"alert\">\(Text("该问卷链接无效，请核对短信或邮件中的完整链接。", "This survey link is not valid; please check the full link in your message."), l)</p></section>"
            return shell.render(page, title: Text("顾客满意度调查", "Satisfaction survey"), active: "", body: body).response(status: .notFound)
        }
        let overallError: HTML = error?.details["field"] == "overall"
            ? "<p class=\"field-error\" id=\"overall-error\" role=\"alert\">\(error!.message(l))</p>" : .empty
        let topError: HTML = error == nil || error?.details["field"] == "overall" ? .empty : FormControls.errorBox(error, l, id: "action-error")
        let body: HTML
        switch survey.state {
        case .submitted:
            body = "<section class=\"survey card\"><h1>\(Text("顾客满意度调查表", "Customer satisfaction survey"), l)</h1><p id=\"survey-closed\">\(Text("该问卷已提交，感谢您的反馈。", "This survey has already been submitted. Thank you."), l)</p></section>"
        case .expired:
            body = "<section class=\"survey card\"><h1>\(Text("顾客满意度调查表", "Customer satisfaction survey"), l)</h1><p id=\"survey-closed\">\(Text("该问卷链接已过期。", "This survey link has expired."), l)</p></section>"
        case .open:
            let sections: [HTML] = SurveyTemplate.standard.map { s in
                let items: [HTML] = s.items.map { item in
                    """
                    <div class="item"><div>\(item.zh) <span class="hint">\(item.en)</span></div>\(levelRadios("item_\(item.code)", required: false, chosen: chosen?["item_\(item.code)"]))
                    <input type="text" name="comment_\(item.code)" id="comment_\(item.code)" maxlength="2000" value="\(chosen?["comment_\(item.code)"] ?? "")" placeholder="\(Text("补充意见（可选）", "Comment (optional)"), l)"></div>
                    """
                }
                return "<fieldset><legend>\(s.zh) · \(s.en)</legend>\(items)</fieldset>"
            }
            body = """
            <style>\(HTML(raw: Self.publicCSS))</style>
            <section class="survey">
              <h1>\(Text("顾客满意度调查表", "Customer satisfaction survey"), l)</h1>
              <p>\(Text("您好！", "Hello!"), l) \(Text("请对我们的产品和服务进行评价，每项分为很满意、比较满意、基本满意、不太满意、不满意五级。", "Please rate our products and service on five levels."), l)</p>
              \(topError)
              <form method="post" action="/s/\(token)" id="survey-form">
                \(page.csrfField)
                \(sections)
                <fieldset><legend>\(Text("其他建议或需求", "Other suggestions or needs"), l)</legend><textarea name="comment" id="survey-comment" rows="3" maxlength="4000">\(chosen?["comment"] ?? "")</textarea></fieldset>
                <fieldset id="overall"\(HTML(raw: overallError.raw.isEmpty ? "" : " class=\"has-error\" aria-describedby=\"overall-error\""))><legend>\(Text("客户总体评价（必填）", "Overall rating (required)"), l)</legend>\(levelRadios("overall", required: true, chosen: chosen?["overall"]))\(overallError)</fieldset>
                <button type="submit" id="survey-submit">\(Text("提交", "Submit"), l)</button>
              </form>
            </section>
            """
        }
        var response = shell.render(page, title: Text("顾客满意度调查", "Satisfaction survey"), active: "", body: body).response(status: error?.status ?? .ok)
        response.setCookie(Cookie(name: Self.csrfCookie, value: csrf, maxAge: 86_400, path: "/s/", secure: context.overHTTPS, httpOnly: true, sameSite: .lax))
        return response
    }

    func thanks(_ context: KefuContext) -> Response {
        let l = context.locale
        let page = PageContext(principal: nil, locale: l, csrfToken: "")
        let body: HTML = "<section class=\"survey card\"><h1 id=\"survey-thanks\">\(Text("感谢您的评价！", "Thank you for your feedback!"), l)</h1><p>\(Text("我们会认真对待您的每一条意见。", "We take every comment seriously."), l)</p></section>"
        return shell.render(page, title: Text("感谢", "Thank you"), active: "", body: body).response()
    }

    // MARK: staff

    func staffPage(_ request: Request, _ context: KefuContext, created: [SurveyInvitationView]) async throws -> Response {
        let p = try context.requirePrincipal()
        try AftersalesAccess.require(p, .view)
        let page = context.page(request)
        let l = page.locale
        let links: [HTML] = created.map { "<li><a class=\"survey-url\" href=\"\($0.url)\">\($0.url)</a> · \(Text("有效期至", "valid until"), l) \(PageKit.time($0.expiresAt) ?? "")</li>" }
        let createdBox: HTML = created.isEmpty ? .empty : "<div class=\"card\" id=\"created-links\"><h2>\(Text("调查链接（请发给顾客）", "Survey links (send them to the customers)"), l)</h2><ul>\(links)</ul></div>"
        var forms: [HTML] = []
        if AftersalesPermission.granted(.customerService, to: p.roles) {
            forms.append(PageKit.form(page, id: "invite", action: "/surveys/invite", title: Text("为工单发送调查", "Survey for a ticket"), button: Text("生成链接", "Create link"), [
                .picker("ticketId", Text("工单编号", "Ticket number"), search: "/api/v1/search?kinds=ticket", required: true)]))
            forms.append(PageKit.form(page, id: "campaign", action: "/surveys/campaign", title: Text("季度满意度调查", "Quarterly campaign"), button: Text("生成链接", "Create links"), [
                .text("name", Text("名称", "Name"), required: true), .text("quarter", Text("季度（如 2026-Q4）", "Quarter (e.g. 2026-Q4)"), required: true),
                .select("occasion", Text("调查时机", "Occasion"), [("campaign", Text("季度调查", "Quarterly survey")), ("sample", Text("测试样品的顾客", "Customers testing samples")),
                                                                 ("visit", Text("业务人员拜访", "Sales visit")), ("other", Text("其他（促销、随机访谈）", "Other (promotion, random interview)"))]),
                .area("customerIds", Text("客户电话或编号（每行一个）", "Customer phones or ids (one per line)"), required: true)]))
        }
        // SAT-05: the returned forms, newest first (`?overall=1`: the dissatisfied ones).
        let q = request.queryDictionary
        let returned = try await surveys.responses(from: q["from"], to: q["to"], overall: q["overall"], paging: try Paging.from(q, defaultPer: 20), viewer: p)
        let itemNames = Dictionary(uniqueKeysWithValues: SurveyTemplate.standard.flatMap(\.items).map { ($0.code, $0.zh) })
        let rows: [[HTML]] = returned.items.map { r in
            let level = SatisfactionLevel(rawValue: r.overall)
            let answers = r.answers.map { a in "\(itemNames[a.item] ?? a.item)：\(SatisfactionLevel(rawValue: a.level)?.zh ?? "")" + (a.comment.map { "（\($0)）" } ?? "") }
            return ["\(PageKit.time(r.submittedAt) ?? "")", "\(r.customerName ?? "—")", "<span class=\"level-\(r.overall)\">\(level?.zh ?? "")</span>",
                    "\(answers.joined(separator: "；"))", "\(r.comment ?? "")",
                    r.complaintId.map { "<a href=\"/complaints/\($0)\">\(Text("投诉", "Complaint"), l)</a>" } ?? .empty]
        }
        let body: HTML = """
        <h1>\(Text("满意度调查", "Satisfaction surveys"), l)</h1>
        <p><a href="/aftersales/reports">\(Text("满意度统计", "Satisfaction report"), l)</a> · <a href="/surveys?overall=1" id="dissatisfied-filter">\(Text("总体评价不满意", "Overall dissatisfied"), l)</a></p>
        \(createdBox)
        <div class="action-forms">\(forms)</div>
        <h2>\(Text("回收的调查表", "Returned forms"), l)</h2>
        \(PageKit.table(id: "survey-responses", l, headers: [Text("提交时间", "Submitted"), Text("客户", "Customer"), Text("总体评价", "Overall"), Text("各项评价", "Items"),
                                                        Text("其他建议", "Suggestions"), Text("", "")], rows: rows, empty: Text("尚无回收的调查表", "No returned forms yet")))
        \(FormControls.pager(basePath: "/surveys", query: q, page: returned.page, per: returned.per, total: returned.total, locale: l))
        """
        return shell.render(page, title: Text("满意度调查", "Surveys"), active: "surveys", body: body).response()
    }

    func reports(_ request: Request, _ context: KefuContext) async throws -> Response {
        let p = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let year = q["year"]
        let complaintReport = try await complaints.report(year: year, viewer: p)
        let repairReport = try await repairs.monthlyReport(month: q["month"], viewer: p)
        let sat = try await surveys.report(from: q["from"], to: q["to"], groupBy: q["groupBy"] ?? "department", viewer: p)
        let months: [[HTML]] = complaintReport.byMonth.map { ["\($0.key)", "\($0.count)"] }
        // #11.5: the report's fallback keys (`none`, `unanalysed`) in words.
        func named(_ c: ComplaintReport.Count, none: Text) -> HTML { c.key == "none" || c.key == "unanalysed" ? "\(none, l)" : "\(c.name ?? c.key)" }
        let depts: [[HTML]] = complaintReport.byDepartment.map { [named($0, none: Text("未确定责任部门", "No responsible department yet")), "\($0.count)"] }
        let causes: [[HTML]] = complaintReport.byCause.map { [named($0, none: Text("尚未分析", "Not analysed yet")), "\($0.count)"] }
        let agents: [[HTML]] = complaintReport.byAgent.map { [named($0, none: Text("未指定", "Not named")), "\($0.count)"] }
        let satRows: [[HTML]] = sat.groups.map { g in
            ["\(g.name ?? g.key)", "\(g.responses)", "\(g.satisfied)", "\(g.percent.map { $0 + "%" } ?? "—")",
             "\(g.meetsTarget.map { ($0 ? Text("达标（奖励）", "Meets target (reward)") : Text("未达标（纠正措施、限期整改）", "Below target (corrective notice)"))(l) } ?? "—")"]
        }
        let itemRows: [[HTML]] = sat.items.map { i in ["\(i.name)", "\(i.answers)"] + i.levels.map { "\($0)" } + ["\(i.satisfiedPercent.map { $0 + "%" } ?? "—")"] }
        let targetForm: HTML = AftersalesPermission.granted(.setQualityTarget, to: p.roles, userPath: p.orgPath)
            ? PageKit.form(page, id: "target", action: "/surveys/target", title: Text("公司质量目标（满意度）", "Company quality target (satisfaction)"), button: Text("保存", "Save"),
                           [.text("percent", Text("目标百分比，如 90.00", "Target percent, e.g. 90.00"), required: true)])
            : .empty
        let filter: HTML = """
        <form method="get" action="/aftersales/reports" class="toolbar" id="report-filter">
          \(FormControls.field(Text("年份", "Year")(l), for: "r-year", FormControls.input(id: "r-year", name: "year", value: String(complaintReport.year), attributes: "inputmode=\"numeric\"")))
          \(FormControls.field(Text("月份", "Month")(l), for: "r-month", FormControls.input(id: "r-month", name: "month", type: "month", value: repairReport.month)))
          \(FormControls.field(Text("满意度自", "Satisfaction from")(l), for: "r-from", FormControls.input(id: "r-from", name: "from", type: "date", value: q["from"])))
          \(FormControls.field(Text("至", "to")(l), for: "r-to", FormControls.input(id: "r-to", name: "to", type: "date", value: q["to"])))
          \(FormControls.field(Text("分组", "Group by")(l), for: "r-group", FormControls.select(id: "r-group", name: "groupBy", options: [
              ("department", Text("部门", "Department")(l)), ("month", Text("月", "Month")(l)), ("quarter", Text("季度", "Quarter")(l)), ("none", Text("合计", "Total")(l))],
              selected: q["groupBy"] ?? "department")))
          <button type="submit">\(Text("查询", "Show"), l)</button>
        </form>
        """
        let body: HTML = """
        <h1>\(Text("售后报表", "After-sales reports"), l)</h1>
        \(filter)
        <h2>\(Text("{0} 年顾客投诉统计（管理评审）", "Complaint statistics {0} (management review)").with(String(complaintReport.year)), l)</h2>
        <p id="complaint-totals">\(Text("共 {0} 件，已关闭 {1} 件，措施逾期 {2} 件", "{0} in all, {1} closed, {2} with overdue actions").with(String(complaintReport.total), String(complaintReport.closed), String(complaintReport.overdueActions)), l)</p>
        \(PageKit.table(id: "complaints-by-month", l, headers: [Text("月份", "Month"), Text("件数", "Count")], rows: months, empty: Text("无", "None")))
        \(PageKit.table(id: "complaints-by-department", l, headers: [Text("责任部门", "Department"), Text("件数", "Count")], rows: depts, empty: Text("无", "None")))
        \(PageKit.table(id: "complaints-by-cause", l, headers: [Text("原因", "Cause"), Text("件数", "Count")], rows: causes, empty: Text("无", "None")))
        <p id="complaint-followup">\(Text("回访率（已关闭且已回访）：{0}；主管未审阅：{1} 件", "Return-visit rate (closed and visited): {0}; not reviewed by a supervisor: {1}").with(complaintReport.returnVisitRate.map { $0 + "%" } ?? "—", String(complaintReport.unreviewed)), l)</p>
        \(PageKit.table(id: "complaints-by-agent", l, headers: [Text("服务态度被投诉的客服人员", "Agents complained about (attitude)"), Text("件数", "Count")], rows: agents, empty: Text("无", "None")))
        <h2>\(Text("{0} 维修月报", "Repairs in {0}").with(repairReport.month), l)</h2>
        \(PageKit.facts(l, [(Text("接收返修单", "Orders received"), String(repairReport.received)), (Text("接收台数", "Units received"), String(repairReport.units)),
                            (Text("检验合格台数", "Units passing QC"), String(repairReport.repaired)), (Text("出库台数", "Units shipped"), String(repairReport.shipped)),
                            (Text("不修返回台数", "Returned unrepaired"), String(repairReport.returnedUnrepaired)), (Text("维修收费（元）", "Fees (yuan)"), repairReport.fees)]))
        <h2>\(Text("顾客满意度", "Customer satisfaction"), l)</h2>
        <p id="satisfaction-total">\(Text("回收 {0} 份，基本满意以上 {1} 份，满意度 {2}，目标 {3}", "{0} returned, {1} satisfied, rate {2}, target {3}").with(String(sat.responses), String(sat.satisfied), sat.percent.map { $0 + "%" } ?? "—", sat.target.map { $0 + "%" } ?? "—"), l)</p>
        <p><a href="/satisfaction/assessments" id="satisfaction-assessments-link">\(Text("满意度考核：奖励记录与整改通知（SAT-09）", "Satisfaction assessments: rewards and notices (SAT-09)"), l)</a></p>
        \(PageKit.table(id: "satisfaction-by-department", l, headers: [Text("部门/期间", "Department / period"), Text("回收", "Returned"), Text("基本满意以上", "Satisfied"), Text("满意度", "Rate"), Text("对照目标", "Against target")],
                        rows: satRows, empty: Text("无", "None")))
        <h3>\(Text("各项目评价分布", "Answers per item"), l)</h3>
        \(PageKit.table(id: "satisfaction-by-item", l, headers: [Text("项目", "Item"), Text("回答数", "Answers")] + SatisfactionLevel.allCases.map { Text($0.zh, $0.en) }
                        + [Text("基本满意以上", "Satisfied")], rows: itemRows, empty: Text("无", "None")))
        \(targetForm)
        """
        return shell.render(page, title: Text("售后报表", "After-sales reports"), active: "aftersales-reports", body: body).response()
    }
}

/// All after-sales pages and their navigation entries.
public struct AftersalesPages: Sendable {
    let complaints: ComplaintPages
    let repairs: RepairPages
    let returns: ReturnPages
    let surveys: SurveyPages

    public init(complaints: ComplaintService, repairs: RepairService, returns: ReturnService, surveys: SurveyService, shell: PageShell) {
        self.complaints = ComplaintPages(complaints: complaints, shell: shell)
        self.repairs = RepairPages(repairs: repairs, surveys: surveys, shell: shell)
        self.returns = ReturnPages(returns: returns, shell: shell)
        self.surveys = SurveyPages(surveys: surveys, complaints: complaints, repairs: repairs, shell: shell)
    }

    public static let nav: [NavItem] = {
        let staff: @Sendable (Principal) -> Bool = { AftersalesPermission.granted(.view, to: $0.roles) }
        return [
            NavItem(id: "complaints", href: "/complaints", label: Text("投诉", "Complaints"), area: .aftersales, isVisible: staff),
            NavItem(id: "repairs", href: "/repair-orders", label: Text("返修", "Repairs"), area: .aftersales, isVisible: staff),
            NavItem(id: "returns", href: "/returns", label: Text("退换货", "Returns"), area: .aftersales, isVisible: staff),
            NavItem(id: "surveys", href: "/surveys", label: Text("满意度", "Surveys"), area: .aftersales, isVisible: staff),
            NavItem(id: "aftersales-reports", href: "/aftersales/reports", label: Text("售后报表", "After-sales reports"), area: .reports, isVisible: staff),
            // #15.5 SAT-09: the reward records and notices, for the staff who read the satisfaction report.
            NavItem(id: "satisfaction-assessments", href: "/satisfaction/assessments", label: Text("满意度考核", "Satisfaction assessments"), area: .reports, isVisible: staff),
        ]
    }()

    public func register(on router: Router<KefuContext>) {
        complaints.register(on: router)
        repairs.register(on: router)
        returns.register(on: router)
        surveys.register(on: router)
    }
}
