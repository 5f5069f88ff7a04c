import Hummingbird
import KefuDomain
import KefuOrg
import KefuPlatform

/// D5 盘点审批人设置: each business department's stocktake approver; an administrator of the department (or above)
/// names a role or one person, or returns it to the default (the department manager).
struct StocktakeApproverPages: Sendable {
    let stocktakes: StocktakeService
    let shell: PageShell

    func register(on router: Router<KefuContext>) {
        router.get("/materials/stocktake-approvers") { request, context in try await list(request, context) }
        router.post("/materials/stocktake-approvers/:id") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            let row = try await stocktakes.setApprover(departmentId: try context.parameters.require("id"),
                                                       StocktakeApproverInput(role: form["role"], username: form["user"]), by: principal)
            return Redirect.to("/materials/stocktake-approvers?notice=saved&what=" + urlQueryValue(row.departmentName))
        }
    }

    static func approverLabel(_ r: StocktakeApproverRow, _ l: AppLocale) -> String {
        if let name = r.userName ?? r.userId { return Text("指定人员：{0}", "Named person: {0}").with(name)(l) }
        if let role = r.role.flatMap(Role.init(rawValue:)) { return Text("指定角色：{0}", "Named role: {0}").with(OrgLabels.role(role)(l))(l) }
        return Text("业务部经理（默认）", "Department manager (default)")(l)
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = MaterialNotices.page(request, context)
        let l = page.locale
        let rows = try await stocktakes.approvers(viewer: principal)
        let roles = [("", Text("（不指定角色）", "(no role)")(l))] + StocktakeApproval.nameableRoles.map { ($0.rawValue, OrgLabels.role($0)(l)) }
        let body: [DataTable.Row] = rows.map { r in
            let action = "/materials/stocktake-approvers/\(r.departmentId)"
            let state = page.formState(action: action)
            let edit: HTML = r.canEdit ? """
                <form method="post" action="\(action)" class="inline approver-form" id="approver-form-\(r.departmentCode)">\(page.csrfField)
                \(FormControls.field(Text("审批角色", "Approving role")(l), for: "role-\(r.departmentCode)",
                                     FormControls.select(id: "role-\(r.departmentCode)", name: "role", options: roles, selected: state.value("role", default: r.role)),
                                     error: state.message(for: "role", l)))
                \(FormControls.field(Text("或审批人（用户名）", "or approver (username)")(l), for: "user-\(r.departmentCode)",
                                     FormControls.input(id: "user-\(r.departmentCode)", name: "user", value: state.value("user", default: nil)),
                                     error: state.message(for: "user", l)))
                <button type="submit" id="approver-save-\(r.departmentCode)">\(Text("保存", "Save"), l)</button></form>
                \(state.generalMessage(fields: ["role", "user"], l))
                """ : .empty
            return DataTable.Row([DataTable.Cell("\(r.departmentCode) \(r.departmentName)"), DataTable.Cell("\(Self.approverLabel(r, l))", class: "approver"), DataTable.Cell(edit)],
                                 attributes: "class=\"approver-row\" data-department-code=\"\(r.departmentCode)\" data-default=\"\(r.isDefault ? "1" : "0")\"")
        }
        let content: HTML = """
        <h1>\(Text("盘点审批人（D5）", "Stocktake approvers (D5)"), l)</h1>
        <p class="hint">\(Text("各业务部的盘点结果默认由业务部经理审批；管理员可为本业务部指定另一个审批角色或一位审批人。两项都留空保存即恢复默认。",
                               "Each department's stocktakes are approved by its department manager by default; an administrator may name another role or one person. Saving both empty restores the default."), l)</p>
        \(rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有业务部", "No business departments")(l))</p>" as HTML
            : DataTable.render(id: "stocktake-approvers", headers: [Text("业务部", "Department")(l), Text("审批人", "Approver")(l), Text("指定", "Name")(l)], rows: body))
        """
        return shell.render(page, title: Text("盘点审批人", "Stocktake approvers"), active: "stocktake-approvers", body: content).response()
    }
}
