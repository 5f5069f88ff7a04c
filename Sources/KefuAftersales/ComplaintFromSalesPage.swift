import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform
import KefuServiceDesk

/// #16 item 6 (CMP-01, D15): the sales department registers the complaints it accepted (`/complaints/new`), and a
/// case's page offers the source and the first answer to whoever may give them.
struct ComplaintFromSalesPage: Sendable {
    let complaints: ComplaintService
    let shell: PageShell
    static let path = "/complaints/new"

    static func mayRegister(_ p: Principal) -> Bool {
        ComplaintFirstAnswerRules.salesRegistrars.contains { AftersalesPermission.granted($0, to: p.roles) }
    }

    func register(on router: Router<KefuContext>) {
        router.get(RouterPath(Self.path)) { request, context in try await form(request, context) }
        router.post(RouterPath(Self.path)) { request, context in
            let p = try context.requirePrincipal()
            let f = try await FormData.read(request)
            let input = ComplaintService.FromSalesInput(subject: f["subject"], description: f["description"], channel: f["channel"],
                                                        customer: CustomerInput(name: f["customer_name"], phone: f["customer_phone"], email: f["customer_email"]),
                                                        orgUnitId: f["orgUnitId"])
            let c = try await complaints.registerFromSales(input, by: p)
            return Redirect.to("/complaints/\(c.id)?notice=saved")
        }
    }

    func form(_ request: Request, _ context: KefuContext) async throws -> Response {
        let p = try context.requirePrincipal()
        let units = try await complaints.fromSalesFormModel(viewer: p)
        let page = context.page(request)
        let l = page.locale
        // #11.2: a refused form comes back through a redirect with what was typed.
        let v = context.formFlash?.state(for: Self.path)?.values ?? [:]
        let channels = [TicketChannel.phone, .walkIn, .email, .other].map { ($0.rawValue, TicketLabels.channel($0)(l)) }
        let body: HTML = """
        <p><a href="/complaints">← \(Text("顾客投诉", "Complaints"), l)</a></p>
        <h1>\(Text("登记销售部受理的投诉", "Register a complaint sales accepted"), l)</h1>
        <p class="hint">\(Text("销售部受理的产品投诉由销售部给顾客首次答复；原因分析、处理结论和顾客确认由客服部反馈（CMP-01、CMP-11）。", "Sales gives the customer the first answer to the complaints it accepted; the cause analysis, conclusion and confirmation go through customer service (CMP-01, CMP-11)."), l)</p>
        <form method="post" action="\(Self.path)" id="complaint-from-sales-form" class="card" autocomplete="off">\(page.csrfField)
          <div class="grid">
            \(FormControls.field(Text("客户名称", "Customer name")(l), for: "customer-name", FormControls.input(id: "customer-name", name: "customer_name", value: v["customer_name"], attributes: "required autofocus maxlength=\"100\"")))
            \(FormControls.field(Text("客户电话", "Customer phone")(l), for: "customer-phone", FormControls.input(id: "customer-phone", name: "customer_phone", type: "tel", value: v["customer_phone"], attributes: "inputmode=\"tel\" maxlength=\"40\"")))
            \(FormControls.field(Text("客户邮箱", "Customer e-mail")(l), for: "customer-email", FormControls.input(id: "customer-email", name: "customer_email", type: "email", value: v["customer_email"], attributes: "maxlength=\"200\"")))
            \(FormControls.field(Text("反馈给（客服部门）", "Fed back to (customer-service unit)")(l), for: "org-unit", FormControls.select(id: "org-unit", name: "orgUnitId", options: [("", Text("请选择", "Choose")(l))] + units.map { ($0.id, $0.name) }, selected: v["orgUnitId"])))
            \(FormControls.field(Text("受理方式", "Received by")(l), for: "channel", FormControls.select(id: "channel", name: "channel", options: channels, selected: v["channel"] ?? "phone")))
          </div>
          \(FormControls.field(Text("投诉主题", "Subject")(l), for: "subject", FormControls.input(id: "subject", name: "subject", value: v["subject"], attributes: "required maxlength=\"200\"")))
          \(FormControls.field(Text("投诉内容", "What the customer complains about")(l), for: "description", HTML("<textarea id=\"description\" name=\"description\" maxlength=\"10000\">\(v["description"] ?? "")</textarea>")))
          <div class="actions"><button type="submit" id="register-complaint">\(Text("登记投诉", "Register"), l)</button></div>
        </form>
        """
        return shell.render(page, title: Text("登记销售部受理的投诉", "Register a complaint sales accepted"), active: "complaints", body: body).response()
    }

    /// The forms a case's page adds: customer service records the source before the first answer; the accepting
    /// department gives the first answer.
    static func sourceForms(_ page: PageContext, _ c: ComplaintView, status: ComplaintStatus, viewer p: Principal, base: String) -> [HTML] {
        let source = ComplaintSource(rawValue: c.source) ?? .direct
        let answered = c.firstAnswer != nil
        var forms: [HTML] = []
        if AftersalesPermission.granted(.customerService, to: p.roles), ComplaintFirstAnswerRules.sourceChangeRefusal(status: status, answered: answered) == nil {
            forms.append(PageKit.form(page, id: "source", action: base + "/source", title: Text("投诉来源", "Complaint source"), button: Text("保存来源", "Save source"), [
                .select("source", Text("来源", "Source"), [source].map { ($0.rawValue, AftersalesLabels.complaintSource($0.rawValue)) }
                        + ComplaintSource.allCases.filter { $0 != source }.map { ($0.rawValue, AftersalesLabels.complaintSource($0.rawValue)) }),
            ]))
        }
        if ComplaintFirstAnswerRules.answerRefusal(roles: p.roles, source: source, status: status, answered: answered) == nil {
            forms.append(PageKit.form(page, id: "first-answer", action: base + "/first-answer", title: Text("给顾客的首次答复", "First answer to the customer"),
                                      button: Text("记录答复", "Record the answer"), [.area("note", Text("答复内容", "Answer"), required: true)]))
        }
        return forms
    }
}
