import Foundation
import Hummingbird
import KefuDomain
import KefuOrg
import KefuPlatform

/// Staff pages of the complaint loop: the list and one case with the forms of its next allowed steps.
struct ComplaintPages: Sendable {
    let complaints: ComplaintService
    let shell: PageShell

    func register(on router: Router<KefuContext>) {
        router.get("/complaints") { request, context in try await list(request, context) }
        ComplaintFromSalesPage(complaints: complaints, shell: shell).register(on: router) // #16 item 6 CMP-01
        router.get("/complaints/:id") { request, context in try await detail(request, context) }
        router.get("/complaints/:id/form") { request, context in try await printForm(request, context) }
        router.post("/complaints/:id/:step") { request, context in
            let id = try context.parameters.require("id")
            let step = try context.parameters.require("step")
            let c = complaints
            return try await PageKit.handle(request, context, back: "/complaints/\(id)") { f, p in
                switch step {
                case "classify": _ = try await c.classify(id: id, responsibility: f["responsibility"], handling: f["handling"],
                                                          aboutUserId: TextRules.trimmed(f["aboutUserId"]), by: p)
                case "supervisor-review": _ = try await c.supervisorReview(id: id, note: f["note"], by: p)
                case "return-visit": _ = try await c.returnVisit(id: id, note: f["note"], by: p)
                case "analysis":
                    var input = ComplaintService.AnalysisInput(rootCause: f["rootCause"], responsibleOrgUnitId: TextRules.trimmed(f["responsibleOrgUnitId"]))
                    input.samplesQuantity = UsualInput.wholeNumber(f["samplesQuantity"])
                    input.samplesInspected = UsualInput.wholeNumber(f["samplesInspected"])
                    input.samplesFailed = UsualInput.wholeNumber(f["samplesFailed"])
                    _ = try await c.analysis(id: id, input, by: p)
                case "actions": _ = try await c.planActions(id: id, corrective: f["corrective"], preventive: f["preventive"], dueDate: f["dueDate"], by: p)
                case "approve": _ = try await c.approve(id: id, by: p)
                case "review-meeting":
                    let people = (f["participants"] ?? "").split(whereSeparator: { ",，、\n".contains($0) }).map { String($0) }
                    _ = try await c.reviewMeeting(id: id, minutes: f["minutes"], participants: people, major: PageKit.flag(f["major"]), by: p)
                case "customer-confirmation": _ = try await c.customerConfirmation(id: id, accepted: PageKit.flag(f["accepted"]), comment: f["comment"], by: p)
                case "verification": _ = try await c.verification(id: id, effective: PageKit.flag(f["effective"]), note: f["note"], side: TextRules.trimmed(f["side"]), by: p)
                case "close": _ = try await c.close(id: id, note: f["note"], by: p)
                case "source": _ = try await c.setSource(id: id, source: f["source"], by: p) // #16 item 6 CMP-01
                case "first-answer": _ = try await c.firstAnswer(id: id, note: f["note"], by: p) // D15
                default: throw AppError.notFound(Text("操作", "Action"))
                }
            }
        }
    }

    static let listSpec = ListPageSpec(
        title: Text("顾客投诉", "Complaints"), path: "/complaints", active: "complaints", tableId: "complaint-list",
        headers: [Text("编号", "Number"), Text("主题", "Subject"), Text("客户", "Customer"), Text("状态", "Status"), Text("", ""), Text("登记时间", "Registered")],
        statuses: ComplaintStatus.allCases.map { ($0.rawValue, AftersalesLabels.complaint($0.rawValue)) }, empty: Text("没有投诉", "No complaints"))

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let p = try context.requirePrincipal()
        let q = request.queryDictionary
        let result = try await complaints.list(try ComplaintService.ListFilter.parse(q), paging: try Paging.from(q), viewer: p)
        let l = context.locale
        let register: HTML = ComplaintFromSalesPage.mayRegister(p)
            ? "<a href=\"/complaints/new\" id=\"register-from-sales\" class=\"button\">\(Text("登记销售部受理的投诉", "Register a complaint sales accepted"), l)</a> · " : .empty
        let links: HTML = "\(register)<a href=\"/aftersales/reports\">\(Text("售后报表", "After-sales reports"), l)</a> · <a href=\"/complaints?overdue=true\" id=\"overdue-filter\">\(Text("措施逾期", "Overdue actions"), l)</a> · <a href=\"/complaints?reviewed=false\" id=\"unreviewed-filter\">\(Text("主管未审阅", "Not reviewed by a supervisor"), l)</a>"
        return Self.listSpec.render(shell, request, context, links: links, result: result) { c, l in
            [ListPageSpec.link("/complaints/\(c.id)", "complaint-link", c.number), "\(c.subject)", "\(c.customerName ?? "—")",
             ListPageSpec.status(c.status, AftersalesLabels.complaint(c.status), l),
             c.overdue ? "<span class=\"badge overdue\">\(Text("措施逾期", "CAPA overdue"), l)</span>" : .empty, "\(PageKit.time(c.registeredAt) ?? "")"]
        }
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let p = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let id = try context.parameters.require("id")
        let model = try await complaints.pageModel(id: id, viewer: p, withChoices: true)
        let (c, names, units, staff) = (model.complaint, model.names, model.units, model.staff)
        let status = ComplaintStatus(rawValue: c.status) ?? .registered
        let base = "/complaints/\(id)"
        func can(_ perm: AftersalesPermission) -> Bool { AftersalesPermission.granted(perm, to: p.roles) }
        var forms: [HTML] = []
        // #14 CMP-15: why 结案 is not offered yet.
        let closeBlocked: HTML = """
        <section class="card" id="close-blocked"><h2>\(Text("结案", "Close"), l)</h2>
        <p class="notice" role="status">\(Text("物业公司的投诉须先记录处理情况和回访，才能结案（处理率和回访率均须 100%）。请先在下方记录回访。", "A property organisation's complaint closes only after its handling and a return visit are recorded (both 100%). Record the return visit below first."), l)</p>
        <button type="button" disabled>\(Text("关闭投诉", "Close"), l)</button></section>
        """
        switch status {
        case .registered where can(.customerService):
            forms.append(PageKit.form(page, id: "classify", action: base + "/classify", title: Text("分类", "Classify"), button: Text("保存分类", "Save"), [
                .select("responsibility", Text("责任", "Responsibility"), ComplaintResponsibility.allCases.map { ($0.rawValue, AftersalesLabels.responsibility($0.rawValue)) }),
                .select("handling", Text("处理方式", "Handling"), ComplaintHandling.allCases.map { ($0.rawValue, AftersalesLabels.handling($0.rawValue)) }),
                .select("aboutUserId", Text("投诉服务态度涉及的客服人员（可选）", "Agent whose service attitude is complained about (optional)"),
                        [("", Text("无", "None"))] + staff.map { ($0.0, Text($0.1, $0.1)) }),
            ]))
        case .classified where can(.customerService):
            forms.append(model.closeNeedsReturnVisit ? closeBlocked : PageKit.form(page, id: "close", action: base + "/close", title: Text("记录解释或处理并关闭", "Record the explanation or handling and close"),
                                      button: Text("关闭投诉", "Close"), [.area("note", Text("解释/处理情况", "Explanation / handling"), required: true)]))
        case .verified where can(.customerService): // #14 CMP-15: a property case waits here for its return visit
            forms.append(model.closeNeedsReturnVisit ? closeBlocked : PageKit.form(page, id: "close", action: base + "/close", title: Text("回访后结案", "Close after the return visit"),
                                      button: Text("关闭投诉", "Close"), [.area("note", Text("处理结果", "Result"), required: true)]))
        case .investigating, .actionPlanned:
            if status == .investigating, can(.quality) {
                forms.append(PageKit.form(page, id: "analysis", action: base + "/analysis", title: Text("原因分析与责任归属（品管部）", "Root cause and responsibility (QA)"),
                                          button: Text("保存分析", "Save analysis"), [
                    .area("rootCause", Text("根本原因", "Root cause"), required: true),
                    .select("responsibleOrgUnitId", Text("责任部门", "Responsible department"), [("", Text("无内部责任", "No internal fault"))] + units.map { ($0.0, Text($0.1, $0.1)) }),
                    .number("samplesQuantity", Text("退回样品数量", "Samples returned")), .number("samplesInspected", Text("复检数量（须 100%）", "Re-inspected (100%)")),
                    .number("samplesFailed", Text("不合格数量", "Failed")),
                ]))
            }
            let responsiblePath = units.first { $0.0 == c.responsibleOrgUnitId }?.2
            if c.internalFault == true, AftersalesPermission.mayPlanActions(roles: p.roles, userPath: p.orgPath, responsibleUnitPath: responsiblePath) {
                forms.append(PageKit.form(page, id: "actions", action: base + "/actions", title: Text("纠正与预防措施（责任部门）", "Corrective and preventive actions (responsible department)"),
                                          button: Text("提交措施", "Submit actions"), [
                    .area("corrective", Text("纠正措施", "Corrective action"), required: true), .area("preventive", Text("预防措施", "Preventive action"), required: true),
                    .date("dueDate", Text("完成期限", "Due date")),
                ]))
            }
            if status == .actionPlanned, can(.approveActions) {
                forms.append(PageKit.form(page, id: "approve", action: base + "/approve", title: Text("管理者代表批准", "Management representative approval"),
                                          button: Text("批准措施", "Approve actions"), []))
            }
            if can(.customerService) || can(.quality) {
                // A major quality complaint's review is convened by QA (CMP-10).
                let major: [PageKit.Input] = can(.quality) ? [.select("major", Text("重大质量投诉（品管部主管召集）", "Major quality complaint (convened by QA)"), PageKit.yesNoOptions)] : []
                forms.append(PageKit.form(page, id: "review", action: base + "/review-meeting", title: Text("会审记录", "Joint review"), button: Text("保存会审", "Save"), [
                    .area("minutes", Text("会审结论", "Conclusion"), required: true), .text("participants", Text("与会人员（用顿号分隔）", "Attendees (separated by 、)"), required: true),
                ] + major))
            }
            if status == .investigating, c.internalFault == false, can(.customerService) {
                forms.append(model.closeNeedsReturnVisit ? closeBlocked : PageKit.form(page, id: "close", action: base + "/close", title: Text("无内部责任：答复顾客并关闭", "No internal fault: answer the customer and close"),
                                          button: Text("关闭投诉", "Close"), [.area("note", Text("答复内容", "Answer"), required: true)]))
            }
        case .awaitingConfirmation where can(.customerService):
            forms.append(PageKit.form(page, id: "confirm", action: base + "/customer-confirmation", title: Text("顾客确认", "Customer confirmation"), button: Text("记录确认", "Record"), [
                .select("accepted", Text("顾客接受原因分析和结论", "Customer accepts the analysis and conclusion"), [("true", Text("接受", "Accepted")), ("false", Text("不接受", "Not accepted"))]),
                .area("comment", Text("顾客意见", "Customer's comment"), required: false),
            ]))
        case .actionInProgress where can(.customerService) || can(.quality):
            forms.append(PageKit.form(page, id: "verify", action: base + "/verification", title: Text("措施效果验证", "Verify effectiveness"), button: Text("记录验证", "Record"), [
                .select("effective", Text("措施有效", "Effective"), [("true", Text("有效", "Effective")), ("false", Text("无效", "Not effective"))]),
                .area("note", Text("验证说明", "Note"), required: false),
            ]))
        default: break
        }
        if status != .registered, c.returnVisit == nil, can(.customerService) {
            forms.append(PageKit.form(page, id: "visit", action: base + "/return-visit", title: Text("回访", "Return visit"), button: Text("记录回访", "Record"), [
                .area("note", Text("回访情况", "Outcome"), required: true)]))
        }
        forms += ComplaintFromSalesPage.sourceForms(page, c, status: status, viewer: p, base: base) // #16 item 6 CMP-01, D15
        if c.supervisorReview == nil, can(.supervise) {
            forms.append(PageKit.form(page, id: "review-by-supervisor", action: base + "/supervisor-review", title: Text("主管审阅（每日）", "Supervisor's daily review"),
                                      button: Text("已审阅", "Reviewed"), [.area("note", Text("跟进意见", "Follow-up"), required: false)]))
        }
        let actions: [[HTML]] = (c.actions ?? []).map { a in
            ["\(a.round)", "\(a.corrective)", "\(a.preventive)", a.overdue ? "<span class=\"badge overdue\">\(a.dueDate) \(Text("逾期", "overdue"), l)</span>" : "\(a.dueDate)",
             "\(a.approvedBy.flatMap { names[$0] } ?? "—")"]
        }
        let meetings: [[HTML]] = (c.meetings ?? []).map { m in ["\(PageKit.time(m.heldAt) ?? "")", "\(m.participants.joined(separator: "、"))", "\(m.minutes)", "\(AftersalesLabels.yesNo(m.major), l)"] }
        let body: HTML = """
        <p><a href="/complaints">← \(Text("顾客投诉", "Complaints"), l)</a> · <a href="\(base)/form" id="print-form">\(Text("打印顾客投诉处理单", "Print the complaint form"), l)</a></p>
        <h1>\(c.number) · \(c.subject)</h1>
        \(PageKit.related(model.related, l))
        <p class="status" id="complaint-status" data-status="\(c.status)">\(AftersalesLabels.complaint(c.status), l)\(c.overdue ? " · " + Text("措施逾期", "CAPA overdue")(l) : "")</p>
        \(PageKit.facts(l, [
            (Text("客户", "Customer"), c.customerName),
            (Text("投诉来源", "Source"), AftersalesLabels.complaintSource(c.source)(l)), // #16 item 6 CMP-01, D15
            (Text("首次答复", "First answer"), c.firstAnswer.map { "\(PageKit.time($0.at) ?? "") \(names[$0.by] ?? "") \($0.note)" }),
            (Text("责任", "Responsibility"), AftersalesLabels.responsibility(c.responsibility)(l)),
            (Text("处理方式", "Handling"), AftersalesLabels.handling(c.handling)(l)), (Text("根本原因", "Root cause"), c.rootCause),
            (Text("责任部门", "Responsible department"), c.responsibleOrgUnitName), (Text("顾客确认", "Customer confirmation"), c.customerConfirmation.map { ($0.accepted ? Text("接受", "Accepted") : Text("不接受", "Not accepted"))(l) }),
            (Text("品管验证", "QA verified"), AftersalesLabels.yesNo(c.verification.quality)(l)), (Text("客服验证", "CS verified"), AftersalesLabels.yesNo(c.verification.customerService)(l)),
            (Text("关闭说明", "Closing note"), c.closeNote), (Text("被投诉客服人员", "Agent complained about"), c.aboutUserId.flatMap { id in staff.first { $0.0 == id }?.1 }),
            (Text("回访", "Return visit"), c.returnVisit.map { "\(PageKit.time($0.at) ?? "") \($0.note ?? "")" }),
            (Text("主管审阅", "Supervisor review"), c.supervisorReview.map { "\(PageKit.time($0.at) ?? "") \($0.note ?? "")" }),
        ]))
        <h2>\(Text("纠正与预防措施", "Corrective and preventive actions"), l)</h2>
        \(PageKit.table(id: "actions", l, headers: [Text("轮次", "Round"), Text("纠正措施", "Corrective"), Text("预防措施", "Preventive"), Text("期限", "Due"), Text("批准人", "Approved by")],
                        rows: actions, empty: Text("尚无措施", "No actions yet")))
        <h2>\(Text("会审", "Joint reviews"), l)</h2>
        \(PageKit.table(id: "meetings", l, headers: [Text("时间", "Held"), Text("与会人员", "Attendees"), Text("结论", "Conclusion"), Text("重大", "Major")], rows: meetings, empty: Text("无会审", "None")))
        <div class="action-forms">\(forms)</div>
        \(PageKit.history(l, c.history ?? [], names: names))
        """
        return shell.render(page, title: Text("投诉 {0}", "Complaint {0}").with(c.number), active: "complaints", body: body, breadcrumbs: .underActive).response()
    }

    func printForm(_ request: Request, _ context: KefuContext) async throws -> Response {
        let p = try context.requirePrincipal()
        let model = try await complaints.pageModel(id: try context.parameters.require("id"), viewer: p, withChoices: false)
        return PrintForms.complaintForm(model.complaint, names: model.names).response()
    }
}
