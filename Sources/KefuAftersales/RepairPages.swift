import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// Staff pages of repair orders: receive a batch, the list, one order with its next allowed steps, and the printable forms.
struct RepairPages: Sendable {
    let repairs: RepairService
    let surveys: SurveyService
    let shell: PageShell

    func register(on router: Router<KefuContext>) {
        router.get("/repair-orders") { request, context in try await list(request, context) }
        router.get("/repair-orders/new") { request, context in try newForm(request, context) }
        router.post("/repair-orders") { request, context in
            let p = try context.requirePrincipal()
            let f = try await FormData.read(request)
            let defects = (f["defects"] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            var input = RepairOrderInput()
            input.ticketId = TextRules.trimmed(f["ticketId"])
            input.customer = .init(name: f["customerName"], phone: f["customerPhone"])
            input.model = f["model"]
            input.shippedAt = TextRules.trimmed(f["shippedAt"])
            // One line per unit: "serial number | defect" or just the defect.
            input.units = defects.map { line in
                let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                return parts.count == 2 ? .init(serialNumber: parts[0], defect: parts[1]) : .init(serialNumber: nil, defect: parts[0])
            }
            if defects.isEmpty { input.defect = "" }
            let r = try await repairs.create(input, by: p)
            return Redirect.to("/repair-orders/\(r.id)?notice=repair_created&what=" + urlQueryValue(r.number))
        }
        router.get("/repair-orders/:id") { request, context in try await detail(request, context, survey: nil) }
        router.get("/repair-orders/:id/forms/:form") { request, context in
            let p = try context.requirePrincipal()
            let r = try await repairs.get(id: try context.parameters.require("id"), viewer: p)
            switch try context.parameters.require("form") {
            case "feedback": return PrintForms.feedback(r).response()
            case "fee": return PrintForms.fee(r).response()
            case "outbound": return PrintForms.outbound(r).response()
            case "service-report": return PrintForms.serviceReport(r).response()
            default: throw AppError.notFound(Text("表单", "Form"))
            }
        }
        router.post("/repair-orders/:id/survey") { request, context in
            let p = try context.requirePrincipal()
            _ = try await FormData.read(request)
            let id = try context.parameters.require("id")
            // The invitation's link is shown once, here (only its hash is kept); a refusal redirects (#11.2).
            let inv = try await surveys.invite(ticketId: nil, repairOrderId: id, validDays: nil, baseURL: AftersalesAPI.baseURL(request), by: p)
            return try await detail(request, context, survey: inv)
        }
        router.post("/repair-orders/:id/:step") { request, context in
            let id = try context.parameters.require("id")
            let step = try context.parameters.require("step")
            let r = repairs
            return try await PageKit.handle(request, context, back: "/repair-orders/\(id)") { f, p in
                switch step {
                case "diagnosis":
                    let amount = TextRules.trimmed(f["fee"])
                    _ = try await r.diagnose(id: id, mainComponentDamaged: PageKit.flag(f["mainComponentDamaged"]), inWarranty: PageKit.flag(f["inWarranty"]),
                                             feeAmount: amount, feeCurrency: "CNY", note: f["note"], by: p)
                case "customer-decision": _ = try await r.customerDecision(id: id, approved: PageKit.flag(f["approved"]), signedBy: f["signedBy"], by: p)
                case "qc": _ = try await r.qc(id: id, passed: PageKit.flag(f["passed"]), note: f["note"], by: p)
                case "ship": _ = try await r.ship(id: id, method: f["method"], trackingNumber: f["trackingNumber"], by: p)
                case "close": _ = try await r.close(id: id, note: f["note"], by: p)
                default: throw AppError.notFound(Text("操作", "Action"))
                }
            }
        }
    }

    static let listSpec = ListPageSpec(
        title: Text("返修单", "Repair orders"), path: "/repair-orders", active: "repairs", tableId: "repair-list",
        headers: [Text("单号", "Number"), Text("客户", "Customer"), Text("机型", "Model"), Text("数量", "Qty"), Text("状态", "Status"), Text("接收时间", "Received")],
        statuses: RepairStatus.allCases.map { ($0.rawValue, AftersalesLabels.repair($0.rawValue)) }, empty: Text("没有返修单", "No repair orders"))

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let p = try context.requirePrincipal()
        let q = request.queryDictionary
        let result = try await repairs.list(status: q["status"], paging: try Paging.from(q), viewer: p)
        let l = context.locale
        let newLink: HTML = AftersalesPermission.granted(.customerService, to: p.roles) ? "<a href=\"/repair-orders/new\" id=\"new-repair\">\(Text("接收返修品", "Receive units"), l)</a>" : .empty
        return Self.listSpec.render(shell, request, context, links: newLink, result: result) { r, l in
            [ListPageSpec.link("/repair-orders/\(r.id)", "repair-link", r.number), "\(r.customer.name)", "\(r.model)", "\(r.quantity)",
             ListPageSpec.status(r.status, AftersalesLabels.repair(r.status), l), "\(PageKit.time(r.receivedAt) ?? "")"]
        }
    }

    func newForm(_ request: Request, _ context: KefuContext) throws -> Response {
        let p = try context.requirePrincipal()
        try AftersalesAccess.require(p, .customerService)
        let page = context.page(request)
        let l = page.locale
        let body: HTML = """
        <h1>\(Text("接收返修品", "Receive units for repair"), l)</h1>
        <form method="post" action="/repair-orders" id="repair-form" class="card">
          \(page.csrfField)
          \(FormControls.field(Text("工单编号（可选）", "Ticket number (optional)")(l), for: "ticketId",
                                FormControls.picker(id: "ticketId", name: "ticketId", search: "/api/v1/search?kinds=ticket", shown: nil, value: nil)))
          \(FormControls.field(Text("客户名称", "Customer name")(l), for: "customerName", FormControls.input(id: "customerName", name: "customerName")))
          \(FormControls.field(Text("联系电话", "Phone")(l), for: "customerPhone", FormControls.input(id: "customerPhone", name: "customerPhone")))
          \(FormControls.field(Text("机型", "Model")(l), for: "model", FormControls.input(id: "model", name: "model", attributes: "required")))
          \(FormControls.field(Text("出厂日期", "Factory ship date")(l), for: "shippedAt", FormControls.input(id: "shippedAt", name: "shippedAt", attributes: "placeholder=\"2026/10/20\" autocomplete=\"off\"")))
          \(FormControls.field(Text("逐台不良状况（每行一台：机身编号 | 不良状况）", "Each unit's defect (one line per unit: serial | defect)")(l), for: "defects",
                               "<textarea id=\"defects\" name=\"defects\" rows=\"5\" required></textarea>"))
          <button type="submit" id="repair-submit">\(Text("确认数量并登记", "Confirm quantity and record"), l)</button>
        </form>
        """
        return shell.render(page, title: Text("接收返修品", "Receive units"), active: "repairs", body: body).response()
    }

    func detail(_ request: Request, _ context: KefuContext, survey: SurveyInvitationView?) async throws -> Response {
        let p = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let id = try context.parameters.require("id")
        let model = try await repairs.pageModel(id: id, viewer: p)
        let r = model.record, names = model.names
        let status = RepairStatus(rawValue: r.status) ?? .received
        let base = "/repair-orders/\(id)"
        func can(_ perm: AftersalesPermission) -> Bool { AftersalesPermission.granted(perm, to: p.roles) }
        var forms: [HTML] = []
        switch status {
        case .received where can(.repairGroup):
            forms.append(PageKit.form(page, id: "diagnosis", action: base + "/diagnosis", title: Text("检测（维修组）", "Diagnosis (repair group)"), button: Text("保存检测", "Save"), [
                .select("mainComponentDamaged", Text("主元器件损坏", "Main component damaged"), PageKit.yesNoOptions),
                .select("inWarranty", Text("在保修期内", "In warranty"), [("true", Text("是", "Yes")), ("false", Text("否", "No"))]),
                .number("fee", Text("维修费用报价（元，仅保修期外主元器件损坏）", "Fee quote in yuan (main component out of warranty only)")),
                .area("note", Text("检测说明", "Note"), required: false),
            ]))
        case .awaitingCustomerApproval where can(.customerService):
            forms.append(PageKit.form(page, id: "decision", action: base + "/customer-decision", title: Text("顾客回传的反馈单", "The customer's returned feedback form"),
                                      button: Text("记录顾客决定", "Record decision"), [
                .select("approved", Text("顾客决定", "Decision"), [("true", Text("同意维修（已签字）", "Agree to repair (signed)")), ("false", Text("返回（不修）", "Return unrepaired"))]),
                .text("signedBy", Text("顾客签名人", "Signed by"), required: false),
            ]))
        case .repairing where can(.quality):
            forms.append(PageKit.form(page, id: "qc", action: base + "/qc", title: Text("品管检验", "QC inspection"), button: Text("记录检验", "Record"), [
                .select("passed", Text("检验结果", "Result"), [("true", Text("合格", "Pass")), ("false", Text("不合格", "Fail"))]),
                .area("note", Text("检验说明", "Note"), required: false),
            ]))
        case .readyToShip, .returningUnrepaired:
            if can(.customerService) {
                forms.append(PageKit.form(page, id: "ship", action: base + "/ship", title: Text("开返修品出库单", "Issue the dispatch slip"), button: Text("出库", "Ship"), [
                    .text("method", Text("发货方式", "Shipping method"), required: true), .text("trackingNumber", Text("运单号", "Tracking number"), required: false),
                ]))
            }
        case .shipped where can(.customerService):
            forms.append(PageKit.form(page, id: "close", action: base + "/close", title: Text("顾客已收货", "The customer has it"), button: Text("结案", "Close"), [
                .text("note", Text("签收说明", "Note"), required: false),
            ]))
        default: break
        }
        if (status == .shipped || status == .closed), can(.customerService) {
            let reminder: HTML = (r.surveyInvitations ?? 0) == 0
                ? "<p class=\"hint\" id=\"survey-reminder\">\(Text("维修后尚未发送满意度调查（RMA-12）", "No satisfaction survey sent after this repair yet (RMA-12)"), l)</p>"
                : "<p class=\"hint\">\(Text("已发送 {0} 份调查", "{0} survey(s) sent").with(String(r.surveyInvitations ?? 0)), l)</p>"
            forms.append("""
            <form method="post" action="\(base)/survey" id="form-survey" class="card action-form">\(page.csrfField)
              <h3>\(Text("满意度调查（维修后）", "Satisfaction survey after repair"), l)</h3>\(reminder)
              <button type="submit" id="survey-submit">\(Text("生成调查链接", "Create the survey link"), l)</button></form>
            """)
        }
        let surveyBox: HTML = survey.map { "<p class=\"flash-notice\" id=\"survey-link\">\(Text("调查链接（请发给顾客）：", "Survey link (send it to the customer): "), l)<a href=\"\($0.url)\">\($0.url)</a></p>" } ?? .empty
        let units: [[HTML]] = r.units.map { ["\($0.line)", "\($0.serialNumber ?? "—")", "\($0.defect)"] }
        let qc: [[HTML]] = r.qc.map { ["\(PageKit.time($0.at) ?? "")", "\(($0.passed ? Text("合格", "Pass") : Text("不合格", "Fail"))(l))", "\($0.note ?? "")"] }
        let body: HTML = """
        <p><a href="/repair-orders">← \(Text("返修单", "Repair orders"), l)</a></p>
        <h1>\(r.number) · \(r.customer.name) · \(r.model)</h1>
        <p class="status" id="repair-status" data-status="\(r.status)">\(AftersalesLabels.repair(r.status), l)</p>
        \(PageKit.related(model.related, l))
        \(surveyBox)
        <p class="forms-links">\(Text("表单", "Forms"), l)：
          <a href="\(base)/forms/feedback" id="form-feedback">返回品信息反馈单</a> · <a href="\(base)/forms/fee" id="form-fee">维修收费单</a> ·
          <a href="\(base)/forms/outbound" id="form-outbound">返修品出库单</a> · <a href="\(base)/forms/service-report" id="form-service-report">维修服务报告</a></p>
        \(PageKit.facts(l, [
            (Text("数量", "Quantity"), String(r.quantity)), (Text("出厂日期", "Factory ship date"), r.shippedAt),
            (Text("主元器件损坏", "Main component damaged"), r.diagnosis.map { AftersalesLabels.yesNo($0.mainComponentDamaged)(l) }),
            (Text("在保修期内", "In warranty"), r.diagnosis.map { AftersalesLabels.yesNo($0.inWarranty)(l) }),
            (Text("维修费用（元）", "Fee (yuan)"), r.fee?.amount), (Text("顾客决定", "Customer decision"), r.customerDecision.map { ($0.approved ? Text("同意维修", "Agreed") : Text("返回", "Return"))(l) + " " + ($0.signedBy ?? "") }),
            (Text("维修收费单", "Charge slip"), r.chargeSlipNumber), (Text("出库单", "Dispatch slip"), r.dispatch.map { "\($0.number) · \($0.method) · \($0.trackingNumber ?? "")" }),
        ]))
        <h2>\(Text("逐台记录", "Units"), l)</h2>
        \(PageKit.table(id: "units", l, headers: [Text("序号", "Line"), Text("机身编号", "Serial"), Text("不良状况", "Defect")], rows: units, empty: Text("无", "None")))
        <h2>\(Text("品管检验", "QC"), l)</h2>
        \(PageKit.table(id: "qc-list", l, headers: [Text("时间", "At"), Text("结果", "Result"), Text("说明", "Note")], rows: qc, empty: Text("尚未检验", "Not inspected")))
        <div class="action-forms">\(forms)</div>
        \(PageKit.history(l, r.history ?? [], names: names))
        """
        return shell.render(page, title: Text("返修单 {0}", "Repair {0}").with(r.number), active: "repairs", body: body, breadcrumbs: .underActive).response()
    }
}
