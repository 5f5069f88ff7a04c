import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// Staff pages of returns and exchanges: request, list, one return with its next allowed steps, and the red copy.
struct ReturnPages: Sendable {
    let returns: ReturnService
    let shell: PageShell

    func register(on router: Router<KefuContext>) {
        router.get("/returns") { request, context in try await list(request, context) }
        router.get("/returns/new") { request, context in try newForm(request, context) }
        router.post("/returns") { request, context in
            let p = try context.requirePrincipal()
            let f = try await FormData.read(request)
            let input = ReturnInput(kind: f["kind"], ticketId: TextRules.trimmed(f["ticketId"]), customerName: f["customerName"], model: f["model"],
                                    serialNumber: f["serialNumber"], purchaseDate: TextRules.trimmed(f["purchaseDate"]), shippedAt: f["shippedAt"], reason: f["reason"],
                                    qualityIssue: PageKit.flag(f["qualityIssue"]))
            let r = try await returns.create(input, by: p)
            return Redirect.to("/returns/\(r.id)?notice=return_created&what=" + urlQueryValue(r.number))
        }
        router.get("/returns/:id") { request, context in try await detail(request, context) }
        router.get("/returns/:id/slip") { request, context in
            let p = try context.requirePrincipal()
            let model = try await returns.pageModel(id: try context.parameters.require("id"), viewer: p)
            return PrintForms.returnSlip(model.record, names: model.names).response()
        }
        // #11.2: the printed red copy `GET /returns/:id/slip` is a constant path segment, so the router sends a POST of the
        // `slip` step there and not to `:step` (开具红联 answered 404): the step is registered on that path too.
        router.post("/returns/:id/slip") { request, context in try await step(request, context, "slip") }
        router.post("/returns/:id/:step") { request, context in try await step(request, context, try context.parameters.require("step")) }
    }

    /// One step of a return, posted from its page.
    func step(_ request: Request, _ context: KefuContext, _ step: String) async throws -> Response {
        let id = try context.parameters.require("id")
        let s = returns
        return try await PageKit.handle(request, context, back: "/returns/\(id)") { f, p in
            switch step {
            case "receive": _ = try await s.receive(id: id, by: p)
            case "inspection": _ = try await s.inspect(id: id, report: f["report"], responsibility: f["responsibility"], by: p)
            case "override": _ = try await s.override(id: id, reason: f["reason"], by: p)
            case "slip": _ = try await s.issueSlip(id: id, salespersonId: TextRules.trimmed(f["salespersonId"]), by: p)
            case "salesperson-note": _ = try await s.annotate(id: id, shipDate: f["shipDate"], note: f["note"], by: p)
            case "sign": _ = try await s.sign(id: id, by: p)
            case "book": _ = try await s.book(id: id, by: p)
            case "ship-replacement": _ = try await s.shipReplacement(id: id, trackingNumber: f["trackingNumber"], by: p)
            case "close": _ = try await s.close(id: id, by: p)
            default: throw AppError.notFound(Text("操作", "Action"))
            }
        }
    }

    static let listSpec = ListPageSpec(
        title: Text("退换货", "Returns and exchanges"), path: "/returns", active: "returns", tableId: "return-list",
        headers: [Text("单号", "Number"), Text("类别", "Kind"), Text("客户", "Customer"), Text("机型", "Model"), Text("状态", "Status"), Text("申请日期", "Requested")],
        statuses: ReturnStatus.allCases.map { ($0.rawValue, AftersalesLabels.returnStatus($0.rawValue)) }, empty: Text("没有退换货", "No returns"))

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let p = try context.requirePrincipal()
        let q = request.queryDictionary
        let result = try await returns.list(status: q["status"], paging: try Paging.from(q), viewer: p)
        let l = context.locale
        let newLink: HTML = AftersalesPermission.granted(.customerService, to: p.roles) ? "<a href=\"/returns/new\" id=\"new-return\">\(Text("登记退换货", "New return / exchange"), l)</a>" : .empty
        return Self.listSpec.render(shell, request, context, links: newLink, result: result) { r, l in
            [ListPageSpec.link("/returns/\(r.id)", "return-link", r.number), "\(AftersalesLabels.kind(r.kind), l)", "\(r.customerName ?? "—")", "\(r.model)",
             ListPageSpec.status(r.status, AftersalesLabels.returnStatus(r.status), l), "\(r.requestedOn)"]
        }
    }

    func newForm(_ request: Request, _ context: KefuContext) throws -> Response {
        let p = try context.requirePrincipal()
        try AftersalesAccess.require(p, .customerService)
        let page = context.page(request)
        let l = page.locale
        let form = PageKit.form(page, id: "return", action: "/returns", title: Text("退换货申请", "Return / exchange request"), button: Text("登记", "Record"), [
            .select("kind", Text("类别", "Kind"), [("return", Text("退货", "Return")), ("exchange", Text("换货", "Exchange"))]),
            .picker("ticketId", Text("工单编号（可选）", "Ticket number (optional)"), search: "/api/v1/search?kinds=ticket", required: false), .text("customerName", Text("客户名称", "Customer"), required: false),
            .text("model", Text("机型", "Model"), required: true), .text("serialNumber", Text("机身编号", "Serial number"), required: false),
            .text("purchaseDate", Text("购买日期（如 2026/10/20，可选）", "Purchase date (e.g. 2026-10-20, optional)"), required: false), .date("shippedAt", Text("出厂日期", "Factory ship date")),
            .area("reason", Text("退换货原因", "Reason"), required: true),
            .select("qualityIssue", Text("顾客对品质提出质疑", "Customer questions quality"), [("true", Text("是", "Yes")), ("false", Text("否", "No"))]),
        ])
        let body: HTML = "<h1>\(Text("登记退换货", "New return / exchange"), l)</h1>\(form)"
        return shell.render(page, title: Text("登记退换货", "New return"), active: "returns", body: body).response()
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let p = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let id = try context.parameters.require("id")
        let model = try await returns.pageModel(id: id, viewer: p)
        let r = model.record, names = model.names
        let status = ReturnStatus(rawValue: r.status) ?? .requested
        let base = "/returns/\(id)"
        func can(_ perm: AftersalesPermission) -> Bool { AftersalesPermission.granted(perm, to: p.roles) }
        var forms: [HTML] = []
        func simple(_ step: String, _ title: Text, _ button: Text, _ inputs: [PageKit.Input] = []) {
            forms.append(PageKit.form(page, id: step, action: base + "/" + step, title: title, button: button, inputs))
        }
        switch status {
        case .requested where can(.customerService): simple("receive", Text("收到退回品", "Goods received"), Text("确认收货", "Confirm receipt"))
        case .goodsReceived where can(.quality) && r.qualityIssue:
            simple("inspection", Text("品管检验报告", "QA inspection report"), Text("提交报告", "Submit report"), [
                .area("report", Text("检验报告", "Report"), required: true),
                .select("responsibility", Text("责任归属", "Responsibility"), DefectResponsibility.allCases.map { ($0.rawValue, AftersalesLabels.responsibility($0.rawValue)) }),
            ])
        case .rejected where can(.salesManager):
            simple("override", Text("销售部经理特批（特殊情况特殊处理）", "Sales manager override"), Text("特批受理", "Override"), [.area("reason", Text("书面理由", "Written reason"), required: true)])
        case .accepted where can(.customerService):
            simple("slip", Text("开具退回/换货品详单（红联）", "Issue the red-copy slip"), Text("开具红联", "Issue slip"), [.picker("salespersonId", Text("区域业务员（用户名，可选）", "Regional salesperson (username, optional)"), search: "/api/v1/search?kinds=user", required: false)])
        case .slipIssued:
            if can(.salesperson), r.slip?.salespersonShipDate == nil {
                simple("salesperson-note", Text("业务员标注", "Salesperson's annotation"), Text("保存", "Save"), [
                    .date("shipDate", Text("出货时间", "Ship date")), .area("note", Text("退/换货原因", "Reason"), required: true)])
            }
            if can(.salesManager) { simple("sign", Text("销售部经理签字", "Sales manager's signature"), Text("签字", "Sign")) }
        case .salesManagerSigned where can(.finance): simple("book", Text("财务作账", "Finance booking"), Text("入账", "Book"))
        case .bookedByFinance, .rejected:
            if can(.customerService), r.kind == "return" || r.replacementShippedAt != nil || status == .rejected { simple("close", Text("结案", "Close"), Text("关闭", "Close")) }
        default: break
        }
        if r.kind == "exchange", r.replacementShippedAt == nil, [.slipIssued, .salesManagerSigned, .bookedByFinance].contains(status), can(.customerService) {
            simple("ship-replacement", Text("发出换货品", "Ship the replacement"), Text("发货", "Ship"), [.text("trackingNumber", Text("运单号", "Tracking number"), required: false)])
        }
        let body: HTML = """
        <p><a href="/returns">← \(Text("退换货", "Returns"), l)</a> · <a href="\(base)/slip" id="print-slip">\(Text("打印红联", "Print the red copy"), l)</a></p>
        <h1>\(r.number) · \(AftersalesLabels.kind(r.kind), l) · \(r.model)</h1>
        <p class="status" id="return-status" data-status="\(r.status)">\(AftersalesLabels.returnStatus(r.status), l)</p>
        \(PageKit.related(model.related, l))
        \(PageKit.facts(l, [
            (Text("客户", "Customer"), r.customerName), (Text("出厂日期", "Factory ship date"), r.shippedAt), (Text("申请日期", "Requested"), r.requestedOn),
            (Text("出厂三个月内", "Within 3 months of leaving the factory"), AftersalesLabels.yesNo(r.withinThreeMonths)(l)),
            (Text("品质质疑", "Quality questioned"), AftersalesLabels.yesNo(r.qualityIssue)(l)), (Text("原因", "Reason"), r.reason),
            (Text("检验报告", "Inspection"), r.inspection.map { "\($0.report)（\(AftersalesLabels.responsibility($0.responsibility)(l))）" }),
            (Text("特批理由", "Override reason"), r.override?.reason), (Text("红联", "Slip"), r.slip?.number),
            (Text("换货品发出", "Replacement shipped"), PageKit.time(r.replacementShippedAt)),
        ]))
        <div class="action-forms">\(forms)</div>
        \(PageKit.history(l, r.history ?? [], names: names))
        """
        return shell.render(page, title: Text("退换货 {0}", "Return {0}").with(r.number), active: "returns", body: body, breadcrumbs: .underActive).response()
    }
}
