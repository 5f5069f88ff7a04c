import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #15.5 SAT-09 pages: the reward records and notices (filters, pagination, the head office's "assess" form) and one
/// record with the department's acknowledge and close steps.
public struct SatisfactionAssessmentPages: Sendable {
    let assessments: SatisfactionAssessmentService
    let shell: PageShell

    public init(assessments: SatisfactionAssessmentService, shell: PageShell) {
        self.assessments = assessments
        self.shell = shell
    }

    static let path = "/satisfaction/assessments"

    public func register(on router: Router<KefuContext>) {
        router.get("/satisfaction/assessments") { request, context in try await list(request, context) }
        router.post("/satisfaction/assessments") { request, context in
            let p = try context.requirePrincipal()
            let f = try await FormData.read(request)
            let run = try await assessments.assess(period: f["period"], note: f["note"], by: p)
            return Redirect.to(Self.path + "?period=" + urlQueryValue(run.period) + "&notice=assessed")
        }
        router.get("/satisfaction/assessments/:id") { request, context in try await detail(request, context) }
        router.post("/satisfaction/assessments/:id/:step") { request, context in
            let id = try context.parameters.require("id"), step = try context.parameters.require("step")
            let s = assessments
            return try await PageKit.handle(request, context, back: Self.path + "/\(id)") { f, p in
                switch step {
                case "acknowledge": _ = try await s.acknowledge(id: id, note: f["note"], by: p)
                case "close": _ = try await s.close(id: id, rectification: f["rectification"], by: p)
                default: throw AppError.notFound(Text("操作", "Action"))
                }
            }
        }
    }

    static func outcomeLabel(_ raw: String) -> Text {
        raw == SatisfactionOutcome.reward.rawValue ? Text("奖励记录", "Reward record") : Text("整改通知及通报批评", "Corrective and criticism notice")
    }

    static func statusLabel(_ raw: String) -> Text {
        switch SatisfactionNoticeStatus(rawValue: raw) {
        case .recorded: return Text("已记录", "Recorded")
        case .issued: return Text("待确认", "Issued")
        case .acknowledged: return Text("整改中", "Acknowledged")
        case .closed: return Text("已关闭", "Closed")
        case nil: return Text(raw, raw)
        }
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let p = try context.requirePrincipal()
        let q = request.queryDictionary
        let result = try await assessments.list(q, paging: try Paging.from(q, defaultPer: 20), viewer: p)
        let page = context.page(request)
        let l = page.locale
        let today = CivilDay(iso: Today.date().description) ?? CivilDay(number: 0)
        let rows: [[HTML]] = result.items.map { a in
            let late: HTML = a.overdue(today: today) ? " <span class=\"badge warn\" data-overdue>\(Text("已逾期", "Overdue"), l)</span>"
                : (a.closedLate == true ? " <span class=\"badge warn\" data-closed-late>\(Text("逾期关闭", "Closed late"), l)</span>" : .empty)
            return [ListPageSpec.link(Self.path + "/\(a.id)", "assessment-link", a.number), "\(a.orgUnitName ?? a.orgUnitId)", "\(a.period)",
                    "\(a.percent)% / \(a.targetPercent)%", "\(Self.outcomeLabel(a.outcome), l)",
                    "\(ListPageSpec.status(a.status, Self.statusLabel(a.status), l))\(late)", "\(a.deadline ?? "—")"]
        }
        let assessForm: HTML = SatisfactionAssessmentRules.mayAssess(p.roles, userPath: p.orgPath)
            ? PageKit.form(page, id: "assess", action: Self.path, title: Text("按期间考核各部门满意度", "Assess the departments for a period"), button: Text("考核", "Assess"),
                           [.text("period", Text("期间（如 2026-11 或 2026-Q4）", "Period (e.g. 2026-11 or 2026-Q4)"), required: true),
                            .area("note", Text("奖励或整改说明（可选）", "Reward or notice remark (optional)"), required: false)])
            : .empty
        func options(_ pairs: [(String, Text)]) -> [(String, String)] { [("", Text("全部", "All")(l))] + pairs.map { ($0.0, $0.1(l)) } }
        let filter: HTML = """
        <form method="get" action="\(Self.path)" class="toolbar" id="assessment-filter">
          \(FormControls.field(Text("期间", "Period")(l), for: "f-period", FormControls.input(id: "f-period", name: "period", value: q["period"], attributes: "placeholder=\"2026-11\"")))
          \(FormControls.field(Text("结果", "Outcome")(l), for: "f-outcome", FormControls.select(id: "f-outcome", name: "outcome",
              options: options(SatisfactionOutcome.allCases.map { ($0.rawValue, Self.outcomeLabel($0.rawValue)) }), selected: q["outcome"] ?? "")))
          \(FormControls.field(Text("状态", "Status")(l), for: "f-status", FormControls.select(id: "f-status", name: "status",
              options: options(SatisfactionNoticeStatus.allCases.map { ($0.rawValue, Self.statusLabel($0.rawValue)) }), selected: q["status"] ?? "")))
          <button type="submit">\(Text("筛选", "Filter"), l)</button>
        </form>
        """
        let body: HTML = """
        <h1>\(Text("满意度考核（奖励与整改通知）", "Satisfaction assessments (rewards and notices)"), l)</h1>
        <p><a href="/aftersales/reports">\(Text("满意度统计", "Satisfaction report"), l)</a></p>
        \(filter)
        \(PageKit.table(id: "assessment-list", l, headers: [Text("编号", "Number"), Text("部门", "Department"), Text("期间", "Period"), Text("满意度 / 目标", "Rate / target"),
                                                        Text("结果", "Outcome"), Text("状态", "Status"), Text("整改期限", "Deadline")],
                        rows: rows, empty: Text("尚无满意度考核记录", "No satisfaction assessments yet")))
        \(FormControls.pager(basePath: Self.path, query: q, page: result.page, per: result.per, total: result.total, locale: l))
        \(assessForm)
        """
        return shell.render(page, title: Text("满意度考核", "Satisfaction assessments"), active: "satisfaction-assessments", body: body).response()
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let p = try context.requirePrincipal()
        let a = try await assessments.get(id: try context.parameters.require("id"), viewer: p)
        let page = context.page(request)
        let l = page.locale
        let today = CivilDay(iso: Today.date().description) ?? CivilDay(number: 0)
        let mayAnswer = SatisfactionAssessmentRules.mayAnswer(p.roles, userPath: p.orgPath, departmentPath: a.orgPath)
        var forms: [HTML] = []
        if mayAnswer, let status = SatisfactionNoticeStatus(rawValue: a.status) {
            if SatisfactionAssessmentRules.next(status, step: .acknowledge) != nil {
                forms.append(PageKit.form(page, id: "acknowledge", action: Self.path + "/\(a.id)/acknowledge", title: Text("确认收到整改通知", "Acknowledge the notice"),
                                          button: Text("确认", "Acknowledge"), [.area("note", Text("说明（可选）", "Remark (optional)"), required: false)]))
            }
            if SatisfactionAssessmentRules.next(status, step: .close) != nil {
                forms.append(PageKit.form(page, id: "close", action: Self.path + "/\(a.id)/close", title: Text("整改完成，关闭通知", "Rectified: close the notice"),
                                          button: Text("关闭", "Close"), [.area("rectification", Text("整改完成情况", "Rectification done"), required: true)]))
            }
        }
        let lateText: String? = a.closedLate.map { $0 ? Text("是（逾期关闭）", "Yes (closed late)")(l) : Text("否", "No")(l) }
        let overdue: HTML = a.overdue(today: today) ? "<p class=\"alert\" id=\"notice-overdue\" role=\"status\">\(Text("已超过整改期限", "Past the rectification deadline"), l)</p>" : .empty
        let heading: Text = a.outcome == SatisfactionOutcome.reward.rawValue
            ? Text("奖励记录 {0}", "Reward record {0}").with(a.number) : Text("整改通知 / 通报批评 {0}", "Corrective and criticism notice {0}").with(a.number)
        let body: HTML = """
        <h1 id="assessment-heading">\(heading, l)</h1>
        <p><a href="\(Self.path)">\(Text("全部考核记录", "All assessments"), l)</a></p>
        \(overdue)
        <p id="assessment-status" data-status="\(a.status)">\(ListPageSpec.status(a.status, Self.statusLabel(a.status), l))</p>
        \(PageKit.facts(l, [(Text("部门", "Department"), a.orgUnitName ?? a.orgUnitId), (Text("期间", "Period"), a.period),
                            (Text("回收调查表", "Returned forms"), String(a.responses)), (Text("基本满意以上", "Satisfied"), String(a.satisfied)),
                            (Text("满意度", "Rate"), a.percent + "%"), (Text("公司质量目标", "Company target"), a.targetPercent + "%"),
                            (Text("结果", "Outcome"), Self.outcomeLabel(a.outcome)(l)), (Text("说明", "Remark"), a.note),
                            (Text("整改期限", "Rectification deadline"), a.deadline), (Text("考核人", "Assessed by"), a.assessedByName),
                            (Text("考核时间", "Assessed at"), PageKit.time(a.assessedAt)),
                            (Text("确认时间", "Acknowledged at"), PageKit.time(a.acknowledgedAt)), (Text("确认说明", "Acknowledgement"), a.acknowledgement),
                            (Text("关闭时间", "Closed at"), PageKit.time(a.closedAt)), (Text("整改完成情况", "Rectification done"), a.rectification),
                            (Text("逾期关闭", "Closed late"), lateText)]))
        <div class="action-forms">\(forms)</div>
        """
        return shell.render(page, title: heading, active: "satisfaction-assessments", body: body).response()
    }
}
