import Hummingbird
import KefuDomain
import KefuPlatform

/// WO-05: `/work-orders/areas`, the area register (区域负责人): the areas of the viewer's unit and below with the
/// technician responsible for each, and for the register's keepers a form to name or remove one. A refused form comes
/// back through `FormFlash` with what was typed.
public struct WorkOrderAreaPages: Sendable {
    let areas: WorkOrderAreaService
    let shell: PageShell

    public init(areas: WorkOrderAreaService, shell: PageShell) {
        self.areas = areas
        self.shell = shell
    }

    public static let path = "/work-orders/areas"

    public static let nav: [NavItem] = [
        NavItem(id: "work-order-areas", href: path, label: Text("区域负责人", "Area register"), area: .desk,
                isVisible: { !$0.roles.isDisjoint(with: WorkOrderAssignment.registerKeepers) }),
    ]

    public func register(on router: Router<KefuContext>) {
        router.get(RouterPath(Self.path)) { request, context in try await show(request, context) }
        router.post(RouterPath(Self.path)) { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            _ = try await areas.set(WorkOrderAreaInput(orgUnitId: form["orgUnitId"], area: form["area"], technicianId: form["technicianId"]), by: principal)
            return Redirect.to(Self.path + "?notice=saved")
        }
    }

    func show(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let m = try await areas.pageModel(viewer: principal) // one read
        let state = page.formState(action: Self.path)
        let rows: [DataTable.Row] = m.entries.map { e in
            DataTable.Row(plain: ["\(e.unitName)", "\(e.area)", "\(e.technicianName)"], attributes: "class=\"area-row\" data-id=\"\(e.id)\"")
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"areas-empty\">\(Text("尚未登记区域负责人：公共设施任务单将派给当时值班的技工", "No areas yet: public-facility orders go to the technician on duty"), l)</p>"
            : DataTable.render(id: "area-list", headers: [Text("单位", "Unit")(l), Text("区域", "Area")(l), Text("负责人", "Responsible")(l)], rows: rows)
        var form: HTML = .empty
        if m.canEdit {
            let units = m.units.map { ($0.id, $0.name) }
            let technicians = [("", Text("（移除该区域）", "(remove the area)")(l))] + m.technicians.map { ($0.id, $0.name) }
            form = """
            <section class="card no-print"><h2>\(Text("登记或修改", "Name or change"), l)</h2>
            \(state.generalMessage(fields: ["orgUnitId", "area", "technicianId"], l, id: "form-error"))
            <form method="post" action="\(Self.path)" id="area-form">\(page.csrfField)
            <div class="grid one-column">
            \(FormControls.field(Text("单位", "Unit")(l), for: "area-unit", FormControls.select(id: "area-unit", name: "orgUnitId", options: units,
                selected: state.values["orgUnitId"] ?? principal.orgUnitId), error: state.message(for: "orgUnitId", l)))
            \(FormControls.field(Text("区域（如 1 号楼电梯、地下车库）", "Area (e.g. lift of building 1, car park)")(l), for: "area-name",
                FormControls.input(id: "area-name", name: "area", value: state.values["area"], attributes: "required maxlength=\"\(WorkOrderAssignment.maxAreaLength)\""),
                error: state.message(for: "area", l)))
            \(FormControls.field(Text("负责技工", "Responsible technician")(l), for: "area-technician", FormControls.select(id: "area-technician", name: "technicianId",
                options: technicians, selected: state.values["technicianId"] ?? ""), error: state.message(for: "technicianId", l)))
            </div>
            <div class="actions"><button type="submit" id="area-save">\(Text("保存", "Save"), l)</button></div>
            </form></section>
            """
        }
        let body: HTML = """
        <h1 id="areas-title">\(Text("区域负责人", "Area register"), l)</h1>
        <p class="hint">\(Text("公共设施报修由该区域负责人维修，未登记的区域由当时值班的技工维修（WO-05）。", "A public facility is repaired by the person responsible for its area; an area not listed goes to the technician on duty (WO-05)."), l)</p>
        <section class="card">\(table)</section>
        \(form)
        """
        return shell.render(page, title: Text("区域负责人", "Area register"), active: "work-order-areas", body: body).response()
    }
}
