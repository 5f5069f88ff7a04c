import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 拒绝发放登记 (ISS-05) as a page: the refusals the viewer sees (scoped, paged) and, for those who keep a counter, the
/// form to log one (a refusal of the form comes back through `FormFlash` with what was typed).
struct IssueRefusalPages: Sendable {
    let refusals: IssueRefusalService
    let shell: PageShell

    func register(on router: Router<KefuContext>) {
        router.get("/materials/issue-refusals") { request, context in try await page(request, context) }
        router.post("/materials/issue-refusals") { request, context in try await create(request, context) }
    }

    func page(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = MaterialNotices.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await refusals.pageModel(paging: try Paging.from(q, defaultPer: 25), viewer: principal)
        let state = page.formState(action: "/materials/issue-refusals")
        // #11.5: a DataTable: at the counter, on a phone, each refusal is a card of labelled lines.
        let rows: [DataTable.Row] = m.refusals.items.map { r in
            DataTable.Row([.init("\(String(r.refusedAt.prefix(10)))"), .init("\(r.warehouseCode)"), .init("\(r.requestedBy)"), .init("\(r.purpose)"),
                           .init("\(r.reason)", class: "refusal-reason"), .init("\(r.reportedTo)", class: "num")], attributes: "class=\"refusal-row\"")
        }
        let form: HTML
        if m.warehouses.isEmpty {
            form = .empty
        } else {
            let options = m.warehouses.map { ($0.id, "\($0.code) \($0.name)") }
            func fieldError(_ name: String) -> String? { state.message(for: name, l) }
            func text(_ name: String, _ label: Text, _ id: String) -> HTML {
                FormControls.field(label(l), for: id, HTML(raw: "<input type=\"text\" id=\"\(id)\" name=\"\(name)\" value=\"\(HTML.escape(state.values[name] ?? ""))\">"), error: fieldError(name))
            }
            form = """
            <h2>\(Text("登记拒绝发放", "Log a refusal"), l)</h2>
            \(state.generalMessage(fields: ["warehouseId", "requestedBy", "purpose", "reason"], l, id: "form-error"))
            <form method="post" action="/materials/issue-refusals" id="refusal-form">\(page.csrfField)
            \(FormControls.field(Text("仓库", "Warehouse")(l), for: "rf-warehouse", FormControls.select(id: "rf-warehouse", name: "warehouseId", options: options, selected: state.values["warehouseId"]), error: fieldError("warehouseId")))
            \(text("requestedBy", Text("申领人", "Asked by"), "rf-requested-by"))
            \(text("purpose", Text("用途", "Wanted for"), "rf-purpose"))
            \(text("reason", Text("拒绝原因", "Why refused"), "rf-reason"))
            <button type="submit" id="refusal-save">\(Text("登记", "Log it"), l)</button></form>
            """
        }
        let body: HTML = """
        <h1 id="refusals-title">\(Text("拒绝发放登记（ISS-05）", "Refusals at the counter (ISS-05)"), l)</h1>
        \(form)
        \(rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有拒绝发放记录", "No refusals logged")(l))</p>" as HTML
            : DataTable.render(id: "refusal-list", headers: [Text("日期", "Date"), Text("仓库", "Warehouse"), Text("申领人", "Asked by"), Text("用途", "Wanted for"),
                                                            Text("拒绝原因", "Why refused"), Text("已通知人数", "People told")].map { $0(l) }, rows: rows))
        \(FormControls.pager(basePath: "/materials/issue-refusals", query: q, page: m.refusals.page, per: m.refusals.per, total: m.refusals.total, locale: l))
        """
        return shell.render(page, title: Text("拒绝发放登记", "Refusals"), active: "issue-refusals", body: body).response()
    }

    func create(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        _ = try await refusals.record(IssueRefusalInput(warehouseId: form["warehouseId"], itemId: nil, quantity: nil, requestedBy: form["requestedBy"],
                                                        purpose: form["purpose"], reason: form["reason"]), by: principal)
        return Redirect.to("/materials/issue-refusals?notice=created")
    }
}
