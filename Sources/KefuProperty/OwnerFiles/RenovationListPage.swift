import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// PRP-06 装修审批 across the estates: the approver's queue (applications, longest waiting first), the renovations under
/// way and the closed ones; each row leads to the unit's owner file, where the steps are taken.
extension OwnerFilePages {
    static let renovationsPath = PropertyPaths.root + "/renovations"

    static func stageLabel(_ s: RenovationStage) -> Text {
        switch s {
        case .awaiting: Text("待审批", "Awaiting approval")
        case .underway: Text("施工中（待验收）", "Under way (acceptance to come)")
        case .closed: Text("已办结", "Closed")
        case .all: Text("全部", "All")
        }
    }

    func renovations(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await files.renovations(q, paging: try Paging.from(q, defaultPer: 30), viewer: principal)
        let stage = RenovationStage(rawValue: q["stage"] ?? "") ?? .awaiting
        let rows: [DataTable.Row] = m.items.map { r in
            DataTable.Row(plain: ["<a class=\"prp-renovation-link\" href=\"\(Self.path)/units/\(r.unitId)#prp-entry-\(r.id)\">\(r.estateName) \(r.building) \(r.room)</a>",
                                  "\(r.occupantName ?? "—")", "\(r.summary ?? "—")", "\(r.appliedOn)",
                                  "<span class=\"badge prp-status\" data-status=\"\(r.status.rawValue)\">\(Self.statusLabel(r.status)(l))</span>",
                                  "\(r.lastStepOn ?? "—")", "<span class=\"prp-waiting\">\(Text("\(r.waitingDays) 天", "\(r.waitingDays) days")(l))</span>", "\(r.recordedBy)"],
                          attributes: "class=\"prp-renovation\" data-id=\"\(r.id)\" data-status=\"\(r.status.rawValue)\"")
        }
        let empty: Text = stage == .awaiting ? Text("没有待审批的装修申请", "No renovation is awaiting approval") : Text("没有符合条件的装修记录", "No renovations match")
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(empty, l)</p>"
            : DataTable.render(id: "prp-renovations", headers: [Text("房屋", "Unit"), Text("住户", "Occupant"), Text("装修内容", "Work"), Text("申请日期", "Applied on"),
                                                                Text("状态", "State"), Text("最近办理", "Last step"), Text("已等待", "Waiting"), Text("登记人", "Recorded by")].map { $0(l) }, rows: rows)
        var fq: [String: String] = ["stage": stage.rawValue]
        if let v = TextRules.trimmed(q["q"]) { fq["q"] = v }
        if let v = TextRules.trimmed(q["estateId"]) { fq["estateId"] = v }
        let title = Text("装修审批与验收", "Renovations")
        let body: HTML = """
        <h1 id="prp-renovations-title">\(title, l)</h1>
        <form method="get" action="\(Self.renovationsPath)" class="toolbar filters no-print" id="prp-renovation-filter">
        <input type="hidden" name="estateId" value="\(fq["estateId"] ?? "")">
        \(FormControls.field(Text("进度", "Stage")(l), for: "prp-renovation-stage", FormControls.select(id: "prp-renovation-stage", name: "stage",
            options: RenovationStage.allCases.map { ($0.rawValue, Self.stageLabel($0)(l)) }, selected: stage.rawValue)))
        \(FormControls.field(Text("房号或住户姓名", "Room or occupant name")(l), for: "prp-renovation-q", FormControls.input(id: "prp-renovation-q", name: "q", value: fq["q"])))
        <button type="submit" id="prp-renovation-apply">\(Text("查询", "Search"), l)</button></form>
        <p class="meta" id="prp-renovation-count">\(Text("共 \(m.total) 项", "\(m.total) in all"), l)</p>
        \(table)
        \(FormControls.pager(basePath: Self.renovationsPath, query: fq, page: m.page, per: m.per, total: m.total, locale: l))
        """
        return shell.render(page, title: title, active: "property-renovations", body: body, breadcrumbs: .underActive).response()
    }
}
