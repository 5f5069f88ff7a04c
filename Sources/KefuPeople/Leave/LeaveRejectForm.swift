import KefuDomain
import KefuPlatform

/// #15 leftovers: the approver's reject form on a leave row of 换班与请假审批 — a required reason and the button. A refusal
/// (no reason, already decided) comes back through `FormFlash` with the reason typed and the message under the field.
enum LeaveRejectForm {
    static func render(_ v: LeaveView, page: PageContext) -> HTML {
        let l = page.locale
        let action = "/people/leave/\(v.id)/reject"
        let state = page.formState(action: action)
        let id = "leave-reject-\(v.id)"
        return """
        <form method="post" action="\(action)" class="leave-reject-form" data-number="\(v.number)">\(page.csrfField)
        \(state.generalMessage(fields: ["reason"], l))
        \(FormControls.field(Text("驳回理由", "Reason for rejecting")(l), for: id,
                             FormControls.input(id: id, name: "reason", value: state.values["reason"], attributes: "class=\"leave-reject-reason\" maxlength=\"500\" required"),
                             error: state.message(for: "reason", l)))
        <button type="submit" class="leave-reject">\(Text("驳回", "Reject"), l)</button></form>
        """
    }
}
