import Hummingbird
import KefuDomain
import KefuOrg
import KefuPlatform

/// MAT-02 仓库配置检查: the units in the reader's scope that keep stock but lack a good-parts or a damaged-parts
/// warehouse, and the warning the warehouse pages show while any unit is in breach.
struct WarehouseCheckPages: Sendable {
    let api: MaterialsAPI
    let shell: PageShell

    func register(on router: Router<KefuContext>) {
        router.get("/materials/warehouse-check") { request, context in try await check(request, context) }
    }

    static func missingLabel(_ raw: String) -> Text {
        raw == WarehouseCondition.damaged.rawValue ? Text("缺损坏品库", "No damaged-parts warehouse") : Text("缺完好品库", "No good-parts warehouse")
    }

    /// The warning above the warehouse list (all breaches in scope) or a warehouse's page (`unitId`: its unit's only).
    static func warning(_ rows: [WarehouseCheckRow], unitId: String? = nil, _ l: AppLocale) -> HTML {
        let shown = rows.filter { unitId == nil || $0.orgUnitId == unitId }
        guard !shown.isEmpty else { return .empty }
        let items: [HTML] = shown.map { r in
            "<li class=\"pair-breach\" data-unit-code=\"\(r.code)\">\(r.code) \(r.name)：\(r.missing.map { missingLabel($0)(l) }.joined(separator: "、"))</li>"
        }
        return """
        <div class="pair-warning" role="alert" id="warehouse-pair-warning"><p>\(Text("以下单位不符合 MAT-02（每个业务部和现场须同时有完好品库和损坏品库）：",
                                                                                  "These units breach MAT-02 (each department and site needs a good-parts and a damaged-parts warehouse):"), l)</p>
        <ul>\(items)</ul><p><a href="/materials/warehouse-check">\(Text("查看仓库配置检查", "Open the warehouse check"), l)</a></p></div>
        """
    }

    func check(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let rows = try await api.master.warehouseCheck(viewer: principal)
        let table: [DataTable.Row] = rows.map { r in
            DataTable.Row(plain: ["\(r.code)", "\(r.name)", "\(OrgLabels.kind(r.kind), l)",
                                  "\(r.goodWarehouses.isEmpty ? "—" : r.goodWarehouses.joined(separator: "、"))",
                                  "\(r.damagedWarehouses.isEmpty ? "—" : r.damagedWarehouses.joined(separator: "、"))",
                                  "\(r.missing.map { Self.missingLabel($0)(l) }.joined(separator: "、"))"],
                          attributes: "class=\"check-row\" data-unit-code=\"\(r.code)\" data-missing=\"\(r.missing.joined(separator: " "))\"")
        }
        let body: HTML = """
        <h1>\(Text("仓库配置检查（MAT-02）", "Warehouse check (MAT-02)"), l)</h1>
        <p class="hint">\(Text("每个业务部和现场（以及其他有启用仓库的单位）须同时有启用的完好品库和损坏品库。", "Every business department and site (and any other unit with an active warehouse) needs an active good-parts and an active damaged-parts warehouse."), l)</p>
        \(rows.isEmpty ? "<p class=\"empty\" id=\"check-ok\">\(Text("所有单位都有完好品库和损坏品库", "Every unit has both warehouses")(l))</p>" as HTML
            : DataTable.render(id: "warehouse-check", headers: [Text("单位编码", "Unit code"), Text("单位", "Unit"), Text("类型", "Kind"), Text("完好品库", "Good-parts"),
                                                              Text("损坏品库", "Damaged-parts"), Text("缺少", "Missing")].map { $0(l) }, rows: table))
        <p><a href="/materials/warehouses">\(Text("返回仓库档案", "Back to warehouses"), l)</a></p>
        """
        return shell.render(page, title: Text("仓库配置检查", "Warehouse check"), active: "warehouse-check", body: body).response()
    }
}
