import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// STO-02 as a page: ABC 分类 — the classes the period's issues propose, next to the class each item carries, with the
/// period and thresholds to choose; HQ's materials office applies the proposal (应用到存货档案).
struct ABCPages: Sendable {
    let api: MaterialsAPI
    let shell: PageShell

    func register(on router: Router<KefuContext>) {
        router.get("/materials/reports/abc") { request, context in try await page(request, context) }
        router.post("/materials/reports/abc/apply") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            let filter = try ABCFilter.parse(from: form["from"], to: form["to"], a: form["a"], b: form["b"])
            let applied = try await api.master.applyABC(filter, by: principal)
            let back = "from=\(filter.from)&to=\(filter.to)&a=\(filter.thresholds.a)&b=\(filter.thresholds.b)"
            return Redirect.to("/materials/reports/abc?\(back)&notice=saved&what=" + urlQueryValue(Text("{0} 项", "{0} items").with(String(applied.changed)).zh))
        }
    }

    func page(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = MaterialNotices.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        // A filter that cannot be read is shown at its field; the page computes with the defaults meanwhile.
        var refusal: AppError?
        let filter: ABCFilter
        do { filter = try ABCFilter.parse(from: q["from"], to: q["to"], a: q["a"], b: q["b"]) } catch let e as AppError {
            refusal = e
            filter = try ABCFilter.parse(from: nil, to: nil, a: nil, b: nil)
        }
        let state = refusal.map { FormState(values: q, error: $0) } ?? page.formState(action: "/materials/reports/abc/apply")
        let m = try await api.storage.abcReport(filter, viewer: principal)
        func field(_ label: Text, _ name: String, _ value: String, type: String = "text", size: Int = 10) -> HTML {
            FormControls.field(label(l), for: "abc-" + name, FormControls.input(id: "abc-" + name, name: name, type: type, value: state.value(name, default: value),
                                                                            attributes: "size=\"\(size)\""), error: state.message(for: name, l))
        }
        let rows: [HTML] = m.rows.map { r in
            let changed = r.currentClass != r.proposedClass
            return """
            <tr class="abc-row\(changed ? " abc-changed" : "")" data-item="\(r.itemCode)" data-proposed="\(r.proposedClass)" data-current="\(r.currentClass)">
            <td>\(r.itemCode)</td><td>\(r.itemName)</td><td>\(r.unit)</td><td class="num">\(String(r.issues))</td><td class="num">\(r.quantity.text)</td>
            <td class="num">\(r.share)%</td><td class="num">\(r.cumulativeShare)%</td><td class="abc-current">\(r.currentClass)</td>
            <td class="abc-proposed"><strong>\(r.proposedClass)</strong>\(changed ? " ←" as HTML : .empty)</td></tr>
            """
        }
        var apply = HTML.empty
        if m.canApply && m.changes > 0 {
            apply = """
            <form method="post" action="/materials/reports/abc/apply" id="abc-apply" class="no-print">\(page.csrfField)
            <input type="hidden" name="from" value="\(m.filter.from)"><input type="hidden" name="to" value="\(m.filter.to)">
            <input type="hidden" name="a" value="\(String(m.filter.thresholds.a))"><input type="hidden" name="b" value="\(String(m.filter.thresholds.b))">
            <button type="submit" id="abc-apply-submit">\(Text("确认并应用到存货档案（{0} 项变更）", "Confirm and apply to the item master ({0} changes)").with(String(m.changes)), l)</button></form>
            """
        } else if !m.canApply {
            apply = "<p class=\"hint\" id=\"abc-apply-hint\">\(Text("分类建议由业务管理部物资管理室确认后应用（STO-02）", "The HQ materials office confirms and applies the proposal (STO-02)"), l)</p>"
        }
        let body: HTML = """
        <div class="actions" style="justify-content:space-between"><h1 id="abc-title">\(Text("ABC 分类", "ABC classes"), l)</h1>
        <span class="no-print"><button type="button" data-print>\(Text("打印", "Print"), l)</button></span></div>
        <p class="hint">\(Text("按期间内领用、返修、报废出库的行数排序（Kefu 不记单价，按频次分类）：累计占比未到 A 类线为 A 类，未到 B 类线为 B 类，其余及未发出的为 C 类。",
                               "Ranked by the issue lines (use, repair return, scrap) in the period — Kefu keeps no prices, so classes follow frequency: A while the share ranked before is under the A line, B under the B line, else C (and items never issued)."), l)</p>
        <form method="get" action="/materials/reports/abc" class="toolbar no-print" id="abc-filter">
          \(field(Text("从", "From"), "from", m.filter.from, type: "text"))
          \(field(Text("到", "To"), "to", m.filter.to, type: "text"))
          \(field(Text("A 类累计占比 %", "A up to cumulative %"), "a", String(m.filter.thresholds.a), size: 4))
          \(field(Text("B 类累计占比 %", "B up to cumulative %"), "b", String(m.filter.thresholds.b), size: 4))
          <button type="submit" id="abc-filter-submit">\(Text("计算", "Compute"), l)</button>
        </form>
        <p class="meta" id="abc-summary" data-total="\(String(m.totalIssues))" data-changes="\(String(m.changes))">\(Text("期间 {0} 至 {1}：出库 {2} 行；建议变更 {3} 项", "{0} to {1}: {2} issue lines; {3} items would change class").with(m.filter.from, m.filter.to, String(m.totalIssues), String(m.changes)), l)</p>
        \(apply)
        \(m.rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有存货", "No items"), l)</p>" as HTML : """
            <table id="abc-report"><thead><tr><th>\(Text("存货编码", "Item code"), l)</th><th>\(Text("存货名称", "Item name"), l)</th><th>\(Text("单位", "Unit"), l)</th>
            <th>\(Text("出库行数", "Issue lines"), l)</th><th>\(Text("出库数量", "Quantity issued"), l)</th><th>\(Text("占比", "Share"), l)</th>
            <th>\(Text("累计占比", "Cumulative"), l)</th><th>\(Text("现分类", "Current class"), l)</th><th>\(Text("建议分类", "Proposed class"), l)</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """)
        """
        return shell.render(page, title: Text("ABC 分类", "ABC classes"), active: "abc-classes", body: body).response()
    }
}
