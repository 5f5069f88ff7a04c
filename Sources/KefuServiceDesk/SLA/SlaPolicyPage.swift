import Hummingbird
import KefuDomain
import KefuPlatform

/// Service standards (SLA policies): the list for all staff, forms for CS managers and administrators.
struct SlaPolicyPage: Sendable {
    let policies: SlaPolicyService
    let shell: PageShell

    static func canEdit(_ p: Principal) -> Bool { p.has(.setServiceStandards) }

    func render(_ request: Request, _ context: KefuContext, editing: String? = nil, values: FormData? = nil) async throws -> Response {
        // #11.2: a refused policy form comes back through a redirect; what was typed is drawn again (the shell shows why).
        let values = values ?? context.formFlash.flatMap { $0.state(for: editing.map { "/admin/sla/\($0)" } ?? "/admin/sla") }.map { FormData(values: $0.values) }
        let principal = try context.requirePrincipal()
        let page = context.page(request)
        let l = page.locale
        let all = try await policies.list(viewer: principal)
        let anyLabel = Text("任意", "Any")(l)
        // #11.5: a list table (DataTable): on a phone each policy is a card of labelled lines.
        let rows: [DataTable.Row] = all.map { p in
            let match = [p.match.type.flatMap(TicketType.init(rawValue:)).map { TicketLabels.type($0)(l) },
                         p.match.priority.flatMap(TicketPriority.init(rawValue:)).map { TicketLabels.priority($0)(l) },
                         p.match.channel.flatMap(TicketChannel.init(rawValue:)).map { TicketLabels.channel($0)(l) }].compactMap { $0 }
            let edit: HTML = Self.canEdit(principal) ? "<a href=\"/admin/sla?edit=\(p.id)\" class=\"edit-policy\">\(Text("修改", "Edit"), l)</a>" : .empty
            return DataTable.Row(plain: ["\(p.name)", "\(match.isEmpty ? anyLabel : match.joined(separator: " · "))", "\(TicketLabels.calendar(p.calendar), l)",
                                         "\(p.firstResponseMinutes)", "\(p.resolutionMinutes)", "\(p.escalateAfterMinutes)",
                                         "\(p.active ? Text("启用", "Active") : Text("停用", "Inactive"), l)", edit],
                                 attributes: "class=\"policy-row\" data-id=\"\(p.id)\"")
        }
        var form = HTML.empty
        if Self.canEdit(principal) {
            let current = editing.flatMap { id in all.first { $0.id == id } }
            func v(_ key: String, _ fallback: String?) -> String? { values?[key] ?? fallback }
            let action = current.map { "/admin/sla/\($0.id)" } ?? "/admin/sla"
            let optional: (String, [(String, String)]) -> [(String, String)] = { _, options in [("", anyLabel)] + options }
            form = """
            <form method="post" action="\(action)" id="policy-form" class="card">\(page.csrfField)
              <h2>\(current == nil ? Text("新增服务标准", "New SLA policy") : Text("修改服务标准", "Edit SLA policy"), l)</h2>
              \(FormControls.field(Text("名称", "Name")(l), for: "policy-name", FormControls.input(id: "policy-name", name: "name", value: v("name", current?.name), attributes: "required maxlength=\"100\"")))
              <div class="toolbar">
              \(FormControls.field(Text("工单类型", "Type")(l), for: "policy-type", FormControls.select(id: "policy-type", name: "type", options: optional("type", TicketType.allCases.map { ($0.rawValue, TicketLabels.type($0)(l)) }), selected: v("type", current?.match.type))))
              \(FormControls.field(Text("优先级", "Priority")(l), for: "policy-priority", FormControls.select(id: "policy-priority", name: "priority", options: optional("priority", TicketPriority.allCases.map { ($0.rawValue, TicketLabels.priority($0)(l)) }), selected: v("priority", current?.match.priority))))
              \(FormControls.field(Text("渠道", "Channel")(l), for: "policy-channel", FormControls.select(id: "policy-channel", name: "channel", options: optional("channel", TicketChannel.allCases.map { ($0.rawValue, TicketLabels.channel($0)(l)) }), selected: v("channel", current?.match.channel))))
              \(FormControls.field(Text("计时日历", "Calendar")(l), for: "policy-calendar", FormControls.select(id: "policy-calendar", name: "calendar", options: ClockCalendar.allCases.map { ($0.rawValue, TicketLabels.calendar($0.rawValue)(l)) }, selected: v("calendar", current?.calendar ?? "business_hours"))))
              </div>
              <div class="toolbar">
              \(FormControls.field(Text("首次响应（分钟）", "First response (min)")(l), for: "policy-first", FormControls.input(id: "policy-first", name: "firstResponseMinutes", value: v("firstResponseMinutes", current.map { String($0.firstResponseMinutes) } ?? "5"), attributes: "inputmode=\"numeric\" required")))
              \(FormControls.field(Text("解决（分钟）", "Resolution (min)")(l), for: "policy-resolution", FormControls.input(id: "policy-resolution", name: "resolutionMinutes", value: v("resolutionMinutes", current.map { String($0.resolutionMinutes) } ?? "1620"), attributes: "inputmode=\"numeric\" required")))
              \(FormControls.field(Text("升级时限（分钟）", "Escalate within (min)")(l), for: "policy-escalate", FormControls.input(id: "policy-escalate", name: "escalateAfterMinutes", value: v("escalateAfterMinutes", current.map { String($0.escalateAfterMinutes) } ?? "60"), attributes: "inputmode=\"numeric\" required")))
              \(FormControls.field(Text("状态", "Status")(l), for: "policy-active", FormControls.select(id: "policy-active", name: "active", options: [("true", Text("启用", "Active")(l)), ("false", Text("停用", "Inactive")(l))], selected: v("active", current.map { String($0.active) } ?? "true"))))
              </div>
              <p class="hint">\(Text("分钟按所选日历计时：工作时间日历只计工作日的营业时间（如 3 个工作日 = 1620 分钟）。修改只影响之后登记的工单。", "Minutes run on the chosen calendar: business hours count only working time (3 working days = 1,620 minutes). Changes apply to tickets logged afterwards."), l)</p>
              <div class="actions"><button type="submit" id="policy-submit">\(Text("保存", "Save"), l)</button>
              \(current != nil ? "<a href=\"/admin/sla\">\(Text("取消", "Cancel")(l))</a>" as HTML : .empty)</div>
            </form>
            \(current.map { c in "<form method=\"post\" action=\"/admin/sla/\(c.id)/delete\" id=\"policy-delete\">\(page.csrfField)<button type=\"submit\" class=\"secondary\">\(Text("删除该服务标准", "Retire this policy")(l))</button></form>" as HTML } ?? .empty)
            """
        }
        let body: HTML = """
        <h1>\(Text("服务标准", "Service standards"), l)</h1>
        <p class="hint">\(Text("新工单采用最具体的匹配标准，并一直沿用；没有匹配时按种子标准（首次响应 5 分钟、1 小时内升级、3 个工作日解决）。", "A new ticket takes the most specific matching active policy and keeps it; with none, the seed's standard applies (first response 5 min, escalate within 1 h, resolve in 3 working days)."), l)</p>
        \(DataTable.render(id: "policy-list", headers: [Text("名称", "Name"), Text("适用", "Applies to"), Text("日历", "Calendar"),
                                                        Text("首次响应（分）", "First response (min)"), Text("解决（分）", "Resolution (min)"),
                                                        Text("升级（分）", "Escalate (min)"), Text("状态", "Status"), Text("操作", "Actions")].map { $0(l) },
                           rows: rows))
        \(form)
        """
        return shell.render(page, title: Text("服务标准", "Service standards"), active: "admin-sla", body: body).response()
    }

    static func input(_ f: FormData) -> SlaPolicyInput {
        SlaPolicyInput(name: f["name"], match: .init(type: f["type"], priority: f["priority"], channel: f["channel"]), calendar: f["calendar"],
                       firstResponseMinutes: UsualInput.wholeNumber(f["firstResponseMinutes"]), resolutionMinutes: UsualInput.wholeNumber(f["resolutionMinutes"]),
                       escalateAfterMinutes: UsualInput.wholeNumber(f["escalateAfterMinutes"]), active: f["active"].map { $0 != "false" })
    }

    func submit(_ request: Request, _ context: KefuContext, id: String?) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        let saved: SlaPolicyView
        if let id { saved = try await policies.replace(id: id, Self.input(form), by: principal) } else { saved = try await policies.create(Self.input(form), by: principal) }
        return Redirect.to("/admin/sla?notice=\(id == nil ? "policy_created" : "policy_saved")&what=" + urlQueryValue(saved.name))
    }

    func register(on router: Router<KefuContext>) {
        router.get("/admin/sla") { request, context in try await render(request, context, editing: request.queryDictionary["edit"]) }
        router.post("/admin/sla") { request, context in try await submit(request, context, id: nil) }
        router.post("/admin/sla/:id") { request, context in try await submit(request, context, id: try context.parameters.require("id")) }
        router.post("/admin/sla/:id/delete") { _, context in
            try await policies.delete(id: try context.parameters.require("id"), by: try context.requirePrincipal())
            return Redirect.to("/admin/sla?notice=saved")
        }
    }
}
