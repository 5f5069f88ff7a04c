import Foundation
import KefuDomain
import KefuPlatform

/// The request page's pieces: the action toolbar by state and role (4.4), the forms of the steps that need more than a
/// click (return's comment, production's decision, procurement's order), and the timeline of signatures.
enum MaterialRequestStepForms {
    static func button(_ base: String, _ action: String, _ label: Text, page: PageContext, fields: HTML = .empty) -> HTML {
        """
        <form method="post" action="\(base)/\(action)" class="inline">\(page.csrfField)\(fields)<button type="submit" id="material-request-\(action)">\(label, page.locale)</button></form>
        """
    }

    static func label(_ a: MaterialRequestAction, _ state: MaterialRequestState) -> Text {
        switch a {
        case .submit: return Text("提交审核", "Submit for review")
        case .approve: return state == .plannerReview ? Text("计划员确认", "Confirm (planner)") : state == .managerReview ? Text("经理批准", "Approve (manager)") : Text("审核签字", "Sign")
        case .return: return Text("退回", "Return")
        case .decide: return Text("决定", "Decide")
        case .order: return Text("采购下单", "Place the order")
        case .ship: return Text("生产库发货", "Ship from stock")
        case .confirmArrival: return Text("确认到货", "Confirm arrival")
        }
    }

    /// One-click steps as toolbar buttons (submit, sign, ship, confirm arrival), the others as jumps to their forms; 修改 for
    /// a draft; 打印 always.
    static func toolbar(_ m: MaterialRequestPageModel, page: PageContext) -> HTML {
        let l = page.locale
        let r = m.request
        let base = "\(MaterialRequestPages.path)/\(r.id)"
        var items: [HTML] = []
        if m.canEdit { items.append("<a class=\"button\" id=\"material-request-edit\" href=\"\(base)/edit\">\(Text("修改", "Edit")(l))</a>") }
        for a in m.actions where [.submit, .approve, .ship, .confirmArrival].contains(a) {
            items.append(button(base, a.rawValue, label(a, r.stateValue), page: page))
        }
        for a in m.actions where [.return, .decide, .order].contains(a) {
            items.append("<a class=\"button secondary\" id=\"material-request-go-\(a.rawValue)\" href=\"#\(a.rawValue)-form\">\(label(a, r.stateValue)(l))</a>")
        }
        items.append("<button type=\"button\" id=\"material-request-print\" data-print>\(Text("打印", "Print")(l))</button>")
        return "<div class=\"actions u8-toolbar no-print\" id=\"material-request-toolbar\" role=\"toolbar\">\(items)</div>"
    }

    static func forms(_ m: MaterialRequestPageModel, page: PageContext) -> HTML {
        let l = page.locale
        let base = "\(MaterialRequestPages.path)/\(m.request.id)"
        var forms: [HTML] = []
        if m.actions.contains(.return) {
            let state = page.formState(action: base + "/return")
            forms.append("""
            <section class="card no-print" id="return-form-card"><h2>\(Text("退回草稿", "Return to the draft"), l)</h2>
            <form method="post" action="\(base)/return" id="return-form">\(page.csrfField)
            \(FormControls.field(Text("退回意见（必填）", "Comment (required)")(l), for: "return-comment", FormControls.input(id: "return-comment", name: "comment", value: state.values["comment"]),
                                 error: state.message(for: "comment", l)))
            <button type="submit" id="material-request-return">\(Text("退回", "Return"), l)</button></form></section>
            """)
        }
        if m.actions.contains(.decide) {
            forms.append("""
            <section class="card no-print" id="decide-form-card"><h2>\(Text("生产管理部决定（REQ-07）", "Production decides (REQ-07)"), l)</h2>
            <form method="post" action="\(base)/decide" id="decide-form">\(page.csrfField)
            <button type="submit" name="source" value="stock" id="material-request-decide-stock">\(Text("生产库发货", "Ship from the production warehouse"), l)</button>
            <button type="submit" name="source" value="procurement" id="material-request-decide-procurement" class="secondary">\(Text("转采购", "Order from procurement"), l)</button>
            </form></section>
            """)
        }
        if m.actions.contains(.order) {
            let state = page.formState(action: base + "/order")
            forms.append("""
            <section class="card no-print" id="order-form-card"><h2>\(Text("采购下单", "Place the order"), l)</h2>
            <form method="post" action="\(base)/order" id="order-form">\(page.csrfField)
            \(FormControls.field(Text("采购订单号", "Order reference")(l), for: "order-ref", FormControls.input(id: "order-ref", name: "orderRef", value: state.values["orderRef"]),
                                 error: state.message(for: "orderRef", l)))
            <button type="submit" id="material-request-order">\(Text("下单", "Order"), l)</button></form></section>
            """)
        }
        if m.canBackfill {
            forms.append("""
            <section class="card no-print" id="backfill-form-card"><h2>\(Text("补办联络单（REQ-09）", "File the form (REQ-09)"), l)</h2>
            <form method="post" action="\(base)/backfill" id="backfill-form">\(page.csrfField)
            \(FormControls.field(Text("说明", "Note")(l), for: "backfill-comment", FormControls.input(id: "backfill-comment", name: "comment")))
            <button type="submit" id="material-request-backfill-sign">\(Text("经理签字补办", "Sign the back-filled form"), l)</button></form></section>
            """)
        }
        return HTML(raw: forms.map(\.raw).joined(separator: "\n"))
    }

    /// #13.1 item 1: the arrival checks against the request, and the way to record one while the goods are on their way.
    static func arrivalChecks(_ m: MaterialRequestPageModel, _ l: AppLocale) -> HTML {
        let r = m.request
        guard !r.arrivalChecks.isEmpty || m.canRecordArrival else { return .empty }
        let items: [HTML] = r.arrivalChecks.map { a in
            "<li class=\"material-request-arrival\" data-status=\"\(a.status)\"><a href=\"/materials/arrivals/\(a.id)\">\(a.number)</a> · \(ArrivalLabels.status(ArrivalStatus(rawValue: a.status) ?? .checking), l)</li>"
        }
        let record: HTML = m.canRecordArrival
            ? "<p class=\"no-print\"><a class=\"button\" id=\"material-request-record-arrival\" href=\"/materials/arrivals/new?requestId=\(r.id)\">\(Text("登记到货验收", "Record the arrival check"), l)</a> \(Text("验收完成时联络单自动关闭", "the request closes when the check is completed"), l)</p>"
            : .empty
        return """
        <section id="material-request-arrivals"><h2>\(Text("到货验收", "Arrival checks"), l)</h2>
        \(items.isEmpty ? .empty : "<ul class=\"plain-list\" id=\"material-request-arrival-list\">\(items)</ul>" as HTML)\(record)</section>
        """
    }

    /// REQ-10: a line's item in the department's plan — planned, requested and shipped this year ("—" when not planned).
    static func planCells(_ line: DemandPlanLineView?, _ l: AppLocale) -> [HTML] {
        guard let line else { return ["<span class=\"demand-unplanned\">\(Text("未列入计划", "Not planned")(l))</span>", "—", "—"] }
        let requested: HTML = line.overPlan ? "<strong class=\"num demand-over\">\(line.requested.text)</strong>" : "<span class=\"num\">\(line.requested.text)</span>"
        return ["<span class=\"num demand-planned\">\(line.quantity.text)</span>", requested, "<span class=\"num\">\(line.shipped.text)</span>"]
    }

    /// Each signature: when, who, the step, the version of the form signed, a comment.
    static func timeline(_ r: MaterialRequestView, _ l: AppLocale) -> HTML {
        guard !r.signatures.isEmpty else { return "<p class=\"empty\" id=\"material-request-no-signatures\">\(Text("尚无签字", "No signatures yet"), l)</p>" }
        let events: [HTML] = r.signatures.map { s in
            let comment: HTML = s.comment.isEmpty ? .empty : " · <span class=\"signature-comment\">\(s.comment)</span>"
            return """
            <li class="timeline-event" data-action="\(s.action)"><time>\(Times.display(s.atMillis))</time> · <span class="signer">\(s.userName)</span> · \
            \(MaterialRequestLabels.action(s.action), l) → \(MaterialRequestLabels.state(s.toState), l) · \(Text("版本", "version"), l) \(String(s.version))\(comment)</li>
            """
        }
        return "<ol class=\"timeline\" id=\"material-request-timeline\">\(events)</ol>"
    }
}
