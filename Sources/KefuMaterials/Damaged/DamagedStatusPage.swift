import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// RPT-08, DMG-03 as a page: the department's view of its sites — days since each site's last return (calendar days),
/// the packed volume still waiting, and the warning at 15 days or 3 m³, the warned sites first.
struct DamagedStatusPage: Sendable {
    let damaged: DamagedPartService
    let shell: PageShell

    static let path = "/materials/damaged-parts/return-status"

    func register(on router: Router<KefuContext>) {
        router.get("/materials/damaged-parts/return-status") { request, context in try await page(request, context) }
    }

    func page(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = DamagedPartPages.page(request, context)
        let l = page.locale
        // The department's view of its own sites by default (a department accountant may see every department, D16: the
        // API's `orgUnitId` and this page's `?orgUnitId=` choose another unit in scope).
        let m = try await damaged.statusModel(orgUnitId: request.queryDictionary["orgUnitId"] ?? principal.orgUnitId, viewer: principal)
        let rows: [DataTable.Row] = m.sites.map { s in
            let warning: HTML = s.warning
                ? "<span class=\"badge warn damaged-warning\">\(s.warnings.map { DamagedLabels.warning($0)(l) }.joined(separator: "；"))</span>"
                : "<span class=\"badge ok\">\(Text("正常", "OK"), l)</span>"
            return DataTable.Row(plain: ["\(s.orgUnitName)", "\(s.lastReturnOn ?? Text("从未返回", "never")(l))", "\(s.daysSinceReturn.map(String.init) ?? "—")",
                                         "\(s.awaitingParts)", "\(s.packedVolume.text)", warning],
                                 attributes: "class=\"damaged-status-row\" data-unit=\"\(s.orgUnitId)\" data-warning=\"\(s.warning ? "yes" : "no")\"")
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有现场有待返回的损坏件", "No site has damaged parts awaiting return"), l)</p>"
            : DataTable.render(id: "damaged-status", headers: [Text("现场", "Site"), Text("上次返回", "Last return"), Text("距上次返回天数", "Days since"),
                                                               Text("待返回件数", "Parts waiting"), Text("待返回装箱体积（m³）", "Packed waiting (m³)"),
                                                               Text("提醒", "Warning")].map { $0(l) }, rows: rows)
        let warned = m.sites.filter(\.warning).count
        let body: HTML = """
        <div class="actions list-head"><h1 id="damaged-status-title">\(Text("损坏件返回提醒", "Damaged parts awaiting return"), l)</h1>
        <a class="button secondary" href="\(DamagedReturnPages.path)/new">\(Text("装箱返回", "Pack a return"), l)</a></div>
        <p class="hint">\(Text("每 15 个自然日（含周末节假日）至少返回一次，或装箱体积达到 3 立方米时立即返回（DMG-03）。从未返回的现场自首件登记之日起计。今天：{0}",
                               "Return at least every 15 calendar days (weekends and holidays count), and at once at 3 m³ packed (DMG-03). A site that never returned counts from its first registered part. Today: {0}").with(m.today), l)</p>
        <p id="damaged-status-summary" data-warned="\(warned)">\(Text("{0} 个现场需要返回", "{0} sites must return now").with(String(warned)), l)</p>
        \(table)
        """
        return shell.render(page, title: Text("损坏件返回提醒", "Damaged parts awaiting return"), active: "damaged-return-status", body: body).response()
    }
}
