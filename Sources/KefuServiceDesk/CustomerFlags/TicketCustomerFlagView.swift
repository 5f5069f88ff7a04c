import KefuDomain
import KefuPlatform

/// TKT-05 on the ticket page: the customer's flag beside their name, and a card to propose a flag (agents) or to
/// confirm, reject or clear it (CS supervisors). The forms post to the ticket's own routes and come back to it.
struct TicketCustomerFlagView {
    let flags: CustomerFlagsView
    let ticketId: String
    let page: PageContext

    var l: AppLocale { page.locale }

    static func label(_ step: CustomerFlagRules.Step) -> Text {
        switch step {
        case .confirm: return Text("确认标记", "Confirm")
        case .reject: return Text("驳回", "Reject")
        case .clear: return Text("解除标记", "Clear the flag")
        }
    }

    /// The badge beside the customer's name.
    var badge: HTML {
        guard let open = flags.open else { return .empty }
        let label = open.status == .confirmed ? Text("劣质客户", "Flagged customer") : Text("劣质客户（待主管确认）", "Flag proposed (awaiting a supervisor)")
        return " <span class=\"badge \(open.status == .confirmed ? "prio-urgent" : "prio-high")\" id=\"customer-flag\" data-status=\"\(open.status.rawValue)\" title=\"\(open.reason)\">\(label, l)</span>"
    }

    var card: HTML {
        let state = page.formState(action: "/tickets/\(ticketId)/customer-flag")
        let hidden: HTML = "\(page.csrfField)<input type=\"hidden\" name=\"customerId\" value=\"\(flags.customerId)\">"
        var parts: [HTML] = []
        if let open = flags.open {
            parts.append("<p id=\"customer-flag-reason\">\(Text("原因：", "Reason: "), l)\(open.reason)</p><p class=\"meta\">\(open.proposedBy) · \(open.proposedAt.display)\(open.decidedBy.map { " · " + Text("确认：", "confirmed by ")(l) + $0 } ?? "")</p>")
        }
        if flags.mayPropose {
            parts.append("""
                <form method="post" action="/tickets/\(ticketId)/customer-flag" id="customer-flag-form">\(hidden)
                \(FormControls.field(Text("提议标记为劣质客户的原因", "Why flag this customer")(l), for: "customer-flag-reason-input",
                    "<textarea id=\"customer-flag-reason-input\" name=\"reason\" maxlength=\"\(CustomerFlagRules.maxReason)\" required>\(state.value("reason") ?? "")</textarea>" as HTML,
                    error: state.message(for: "reason", l)))
                <button type="submit" class="secondary" id="customer-flag-propose">\(Text("提议标记（需主管确认）", "Propose (a supervisor confirms)"), l)</button></form>
                """)
        }
        if flags.mayDecide, let open = flags.open {
            let steps = CustomerFlagRules.steps(from: open.status).map { ($0.rawValue, Self.label($0)) }
            let action = "/tickets/\(ticketId)/customer-flag/decide"
            let decideState = page.formState(action: action)
            parts.append("""
                <form method="post" action="\(action)" id="customer-flag-decide">\(hidden)
                \(FormControls.field(Text("说明（驳回、解除时必填）", "Note (required to reject or clear)")(l), for: "customer-flag-note",
                    FormControls.input(id: "customer-flag-note", name: "note", value: decideState.value("note"), attributes: "maxlength=\"\(CustomerFlagRules.maxReason)\""),
                    error: decideState.message(for: "note", l)))
                <div class="actions">\(steps.map { s in "<button type=\"submit\" name=\"step\" value=\"\(s.0)\" class=\"secondary\" id=\"customer-flag-\(s.0)\">\(s.1(l))</button>" as HTML })</div></form>
                """)
        }
        guard !parts.isEmpty else { return .empty }
        return "<section class=\"card no-print\" id=\"customer-flag-card\"><h2>\(Text("客户标记（劣质客户）", "Customer flag"), l)</h2>\(parts)</section>"
    }
}
