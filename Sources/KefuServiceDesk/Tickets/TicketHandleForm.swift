import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform

/// #11.4: the ticket page's forms. Staff get ONE form — reply or note, status, assignee, usual phrases — sent
/// together (`TicketService.handle`); customers a reply box. The hand-on actions (take, forward, escalate, change
/// owner) are shown only where `TicketActions` allows them in the ticket's state. A refused submit is drawn again from
/// `state` (the FormFlash kept for this form); a reason that names no field stands at the top of the page (the shell).
struct TicketHandleForm {
    let ticket: TicketView
    let actions: TicketActions
    let staffUsers: [(id: String, name: String)]
    let units: [(id: String, name: String)]
    let state: FormState
    let page: PageContext
    /// #16 item 5: the templates in force, filled in for this ticket.
    var templates: [RenderedReplyTemplate] = []

    var l: AppLocale { page.locale }

    /// The main form, or nothing on a closed ticket.
    var main: HTML {
        guard actions.reply else { return .empty }
        let staff = actions.note
        let body = FormControls.field(Text("回复 / 备注内容", "Reply / note")(l), for: "comment-body",
            "<textarea id=\"comment-body\" name=\"body\" maxlength=\"10000\" data-shortcut-send>\(state.value("body") ?? "")</textarea>" as HTML,
            error: state.message(for: "body", l))
        guard staff else {
            return """
            <form method="post" action="/tickets/\(ticket.id)/comments" id="comment-form" class="card">\(page.csrfField)
              <h2>\(Text("回复", "Reply"), l)</h2>
              <input type="hidden" name="visibility" value="public" id="comment-visibility">\(body)
              <div class="actions"><button type="submit" id="comment-submit">\(Text("提交", "Submit"), l)</button></div>
            </form>
            """
        }
        let visibility = FormControls.field(Text("发送方式", "Send as")(l), for: "comment-visibility", FormControls.select(
            id: "comment-visibility", name: "visibility",
            options: [("public", Text("公开回复（客户可见）", "Public reply (customer sees it)")(l)), ("internal", Text("内部备注（仅员工可见）", "Internal note (staff only)")(l))],
            selected: state.value("visibility", default: "public")), error: state.message(for: "visibility", l))
        let current = TicketStatus(rawValue: ticket.status) ?? .open
        let statusOptions = [("", Text("保持“{0}”", "Keep “{0}”").with(TicketLabels.status(current)(l))(l))]
            + actions.statuses.map { ($0.rawValue, TicketLabels.status($0)(l)) }
        let status = FormControls.field(Text("提交后状态", "Status after sending")(l), for: "status-select",
            FormControls.select(id: "status-select", name: "status", options: statusOptions, selected: state.value("status", default: "")),
            error: state.message(for: "status", l))
        let assignee: HTML = actions.assign ? FormControls.field(Text("处理人", "Assignee")(l), for: "assignee-select",
            FormControls.select(id: "assignee-select", name: "assigneeId",
                                options: [("", Text("（未指定）", "(nobody)")(l))] + staffUsers.map { ($0.id, $0.name) },
                                selected: state.value("assigneeId", default: ticket.assigneeId ?? "")),
            error: state.message(for: "assigneeId", l)) : .empty
        let phrases = TicketTemplatePicker(templates: templates, locale: l).html
        return """
        <form method="post" action="/tickets/\(ticket.id)/handle" id="comment-form" class="card handle-form" data-ticket-shortcuts>\(page.csrfField)
          <h2>\(Text("处理工单", "Work on the ticket"), l)</h2>
          <div class="grid">\(visibility)\(phrases)</div>
          \(body)
          <div class="grid">\(status)\(assignee)</div>
          <div class="actions"><button type="submit" id="comment-submit">\(Text("提交", "Send"), l)</button>
            <span class="hint shortcut-help" id="shortcut-help">\(Text("快捷键：Ctrl+Enter 提交 · r 公开回复 · n 内部备注 · s 选择状态 · Ctrl+/ 插入模板", "Shortcuts: Ctrl+Enter send · r reply · n internal note · s status · Ctrl+/ insert a template"), l)</span></div>
        </form>
        """
    }

    /// The hand-on actions, each its own small form, offered only where the state allows.
    var handOns: [HTML] {
        var forms: [HTML] = []
        if actions.take {
            forms.append("<form method=\"post\" action=\"/tickets/\(ticket.id)/take\" id=\"take-form\" class=\"card\">\(page.csrfField)<button type=\"submit\" id=\"take-submit\">\(Text("接手此工单（成为首问负责人）", "Take this ticket (become its owner)"), l)</button></form>")
        }
        if actions.forward {
            let userOptions = [("", Text("（不指定个人）", "(no particular person)")(l))] + staffUsers.map { ($0.id, $0.name) }
            forms.append("""
            <form method="post" action="/tickets/\(ticket.id)/forward" id="forward-form" class="card">\(page.csrfField)
              <h2>\(Text("转交部门 / 人员", "Forward to a department / person"), l)</h2>
              \(FormControls.field(Text("部门", "Department")(l), for: "forward-unit", FormControls.select(id: "forward-unit", name: "toOrgUnitId", options: units.map { ($0.id, $0.name) }, selected: ticket.teamId)))
              \(FormControls.field(Text("接收人", "Recipient")(l), for: "forward-user", FormControls.select(id: "forward-user", name: "toUserId", options: userOptions, selected: ticket.assigneeId ?? "")))
              \(FormControls.field(Text("说明", "Note")(l), for: "forward-note", FormControls.input(id: "forward-note", name: "note", attributes: "maxlength=\"2000\"")))
              <button type="submit" id="forward-submit" class="secondary">\(Text("转交", "Forward"), l)</button>
            </form>
            """)
        }
        if actions.escalate {
            forms.append("""
            <form method="post" action="/tickets/\(ticket.id)/escalate" id="escalate-form" class="card">\(page.csrfField)
              <h2>\(Text("升级（超出权限时 1 小时内）", "Escalate (within 1 hour when beyond your authority)"), l)</h2>
              \(FormControls.field(Text("原因", "Reason")(l), for: "escalate-reason", FormControls.input(id: "escalate-reason", name: "reason", attributes: "required maxlength=\"2000\"")))
              <button type="submit" id="escalate-submit" class="secondary">\(Text("升级", "Escalate"), l)</button>
            </form>
            """)
        }
        return forms
    }

    /// The supervisor's change of owner (TKT-03), with the ticket's owners to choose from.
    func ownerForm(owners: [(id: String, name: String)]) -> HTML {
        guard actions.changeOwner else { return .empty }
        return """
        <form method="post" action="/tickets/\(ticket.id)/owner" id="owner-form" class="card">\(page.csrfField)
          <h2>\(Text("变更首问负责人（主管）", "Change owner (supervisor)"), l)</h2>
          \(FormControls.field(Text("新负责人", "New owner")(l), for: "owner-select", FormControls.select(id: "owner-select", name: "ownerId", options: owners.map { ($0.id, $0.name) }, selected: ticket.ownerId)))
          \(FormControls.field(Text("原因", "Reason")(l), for: "owner-reason", FormControls.input(id: "owner-reason", name: "reason", attributes: "required maxlength=\"2000\"")))
          <button type="submit" id="owner-submit" class="secondary">\(Text("变更", "Change"), l)</button>
        </form>
        """
    }
}
