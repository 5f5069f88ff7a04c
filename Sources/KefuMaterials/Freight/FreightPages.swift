import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 运费 (FRT-01..06, #13.4) as pages: the records in the viewer's scope, the form a site records a shipment with (the
/// rule answers what approval it needs at once), the record with its decision forms for the department's leaders, and
/// HQ's reference price list. A refusal comes back through `FormFlash` with what was typed.
struct FreightPages: Sendable {
    let freight: FreightService
    let shell: PageShell

    static let path = "/materials/freight"
    static let pricesPath = "/materials/freight-prices"

    func register(on router: Router<KefuContext>) {
        router.get("/materials/freight") { request, context in try await list(request, context) }
        router.get("/materials/freight/new") { request, context in try await newForm(request, context) }
        router.post("/materials/freight") { request, context in try await create(request, context) }
        router.get("/materials/freight/:id") { request, context in try await detail(request, context) }
        for decision in FreightDecision.allCases {
            router.post("/materials/freight/:id/\(decision.rawValue)") { request, context in try await decide(request, context, decision) }
        }
        router.get("/materials/freight-prices") { request, context in try await prices(request, context) }
        router.post("/materials/freight-prices") { request, context in try await addPrice(request, context) }
        FreightReportPages(freight: freight, shell: shell).register(on: router)
    }

    /// The notice after a step (`?notice=freight&what=<event>`).
    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = MaterialNotices.page(request, context)
        let q = request.uri.queryParameters
        guard q.get("notice") == "freight", let what = q.get("what").map({ String($0) }) else { return base }
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken, notice: FreightLabels.event(what)(base.locale),
                           formFlash: base.formFlash, path: base.path)
    }

    static func statusBadge(_ s: FreightStatus, _ l: AppLocale) -> HTML {
        "<span class=\"badge freight-status\" data-status=\"\(s.rawValue)\">\(FreightLabels.status(s), l)</span>"
    }

    static func link(_ r: FreightView) -> HTML { "<a class=\"freight-link\" href=\"\(path)/\(r.id)\">\(r.number)</a>" }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await freight.listModel(q, paging: try Paging.from(q, defaultPer: 25), viewer: principal)
        let rows: [DataTable.Row] = m.records.items.map { r in
            DataTable.Row(plain: [
                Self.link(r), "\(r.shippedOn)", "\(r.unitName)", "\(r.shipmentRef)", "\(FreightLabels.mode(r.mode), l)", "\(r.cost)",
                "\(FreightLabels.approval(r.approvalNeeded), l)", Self.statusBadge(r.status, l),
            ], attributes: "class=\"freight-row\" data-id=\"\(r.id)\" data-status=\"\(r.status.rawValue)\"")
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有运费记录", "No freight records"), l)</p>"
            : DataTable.render(id: "freight-list", headers: [Text("编号", "Number"), Text("发运日期", "Shipped on"), Text("现场", "Site"), Text("发货单号", "Shipment"),
                                                              Text("运输方式", "Mode"), Text("运费（元）", "Cost (CNY)"), Text("审批要求", "Approval needed"),
                                                              Text("状态", "State")].map { $0(l) }, rows: rows)
        let statuses = [("", Text("全部状态", "All states")(l))] + FreightStatus.allCases.map { ($0.rawValue, FreightLabels.status($0)(l)) }
        let modes = [("", Text("全部方式", "All modes")(l))] + FreightMode.allCases.map { ($0.rawValue, FreightLabels.mode($0)(l)) }
        let body: HTML = """
        <div class="actions list-head"><h1 id="freight-title">\(Text("运费记录（FRT）", "Freight records (FRT)"), l)</h1>
        \(m.canRecord ? "<a class=\"button\" id=\"new-freight\" href=\"\(Self.path)/new\">\(Text("登记运费", "Record freight")(l))</a>" as HTML : .empty)</div>
        <p class="no-print"><a id="freight-report-link" href="\(FreightReportPages.path)">\(Text("运费异常报表（RPT-12）", "Freight exceptions (RPT-12)"), l)</a> ·
        <a id="freight-prices-link" href="\(Self.pricesPath)">\(Text("运费参考价格表", "Reference freight prices"), l)</a></p>
        <form method="get" action="\(Self.path)" class="toolbar filters" id="freight-filter">
        \(FormControls.field(Text("编号或发货单号", "Number or shipment")(l), for: "fr-filter-q", FormControls.input(id: "fr-filter-q", name: "q", value: q["q"])))
        \(FormControls.field(Text("状态", "State")(l), for: "fr-filter-status", FormControls.select(id: "fr-filter-status", name: "status", options: statuses, selected: q["status"] ?? "")))
        \(FormControls.field(Text("运输方式", "Mode")(l), for: "fr-filter-mode", FormControls.select(id: "fr-filter-mode", name: "mode", options: modes, selected: q["mode"] ?? "")))
        \(FormControls.field(Text("从", "From")(l), for: "fr-filter-from", FormControls.input(id: "fr-filter-from", name: "from", type: "date", value: q["from"])))
        \(FormControls.field(Text("到", "To")(l), for: "fr-filter-to", FormControls.input(id: "fr-filter-to", name: "to", type: "date", value: q["to"])))
        <button type="submit" id="freight-filter-apply">\(Text("筛选", "Filter"), l)</button></form>
        \(table)
        \(FormControls.pager(basePath: Self.path, query: q, page: m.records.page, per: m.records.per, total: m.records.total, locale: l))
        """
        return shell.render(page, title: Text("运费记录", "Freight records"), active: "freight", body: body).response()
    }

    func newForm(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let m = try await freight.formModel(viewer: principal)
        let state = page.formState(action: Self.path)
        func fieldError(_ name: String) -> String? { state.message(for: name, l) }
        func text(_ name: String, _ label: Text, _ id: String, type: String = "text", attributes: String = "", fallback: String? = nil) -> HTML {
            state.textField(name, label, id, l, type: type, fallback: fallback, attributes: attributes)
        }
        let unit: HTML = m.units.count > 1
            ? FormControls.field(Text("现场", "Site")(l), for: "fr-unit",
                                 FormControls.select(id: "fr-unit", name: "orgUnitId", options: m.units.map { ($0.id, $0.name) }, selected: state.values["orgUnitId"] ?? m.ownUnitId),
                                 error: fieldError("orgUnitId"))
            : "<input type=\"hidden\" name=\"orgUnitId\" value=\"\(m.units.first?.id ?? m.ownUnitId)\">"
        let modes = FreightMode.allCases.map { ($0.rawValue, FreightLabels.mode($0)(l)) }
        let routes = [("", Text("（空运、快递可不选）", "(optional for air and express)")(l))]
            + m.prices.map { ($0.id, "\($0.route) · \($0.vehicleType) · \(Text("参考价", "reference")(l)) \($0.price)") }
        let body: HTML = """
        <h1 id="freight-form-title">\(Text("登记运费", "Record freight"), l)</h1>
        <p class="hint">\(Text("租车运费不超过参考价格的 110% 无需申请，超出须向业务部申请（FRT-03、FRT-04）；空运一律由业务部经理审批（FRT-05）；快递 200 元以内由现场决定，超过须部门领导书面审批（FRT-06）。",
                               "A rented vehicle within 110 % of the reference price needs no application, above it the site applies to its department (FRT-03, FRT-04); air freight is always approved by the department manager (FRT-05); express up to 200 yuan is the site's decision, above it the department leadership approves in writing (FRT-06)."), l)</p>
        \(state.generalMessage(fields: ["orgUnitId", "shipmentRef", "mode", "routeId", "cost", "shippedOn", "note"], l, id: "form-error"))
        <form method="post" action="\(Self.path)" id="freight-form">\(page.csrfField)
        <div class="grid one-column">
        \(unit)
        \(text("shipmentRef", Text("发货单号", "Shipment reference"), "fr-shipment"))
        \(FormControls.field(Text("运输方式", "Mode")(l), for: "fr-mode", FormControls.select(id: "fr-mode", name: "mode", options: modes, selected: state.values["mode"]), error: fieldError("mode")))
        \(FormControls.field(Text("线路 · 车型（参考价格表）", "Route · vehicle type (reference prices)")(l), for: "fr-route",
                             FormControls.select(id: "fr-route", name: "routeId", options: routes, selected: state.values["routeId"]), error: fieldError("routeId")))
        \(text("cost", Text("运费（元）", "Cost (CNY)"), "fr-cost", attributes: "inputmode=\"decimal\""))
        \(text("shippedOn", Text("发运日期", "Shipped on"), "fr-shipped-on", type: "date", fallback: MaterialValidation.today(Date())))
        \(text("note", Text("说明", "Note"), "fr-note"))
        </div>
        <div class="actions"><button type="submit" id="freight-save">\(Text("登记", "Record"), l)</button>
        <a href="\(Self.path)">\(Text("取消", "Cancel"), l)</a></div>
        </form>
        """
        return shell.render(page, title: Text("登记运费", "Record freight"), active: "freight", body: body, breadcrumbs: .underActive).response()
    }

    func create(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        let input = FreightInput(shipmentRef: form["shipmentRef"], mode: form["mode"], routeId: form["routeId"], cost: form["cost"].map(TypedAmount.init),
                                 orgUnitId: form["orgUnitId"], shippedOn: form["shippedOn"], note: form["note"])
        let r = try await freight.record(input, by: principal)
        return Redirect.to("\(Self.path)/\(r.id)?notice=freight&what=create")
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let m = try await freight.pageModel(id: try context.parameters.require("id"), viewer: principal)
        let r = m.record
        let title = Text("运费 {0}", "Freight {0}").with(r.number)
        let reference: HTML = r.referencePrice.map { price in
            "<dt>\(Text("参考价格（发运日生效）", "Reference price (in force on the day)"), l)</dt><dd id=\"freight-reference\">\(price) · \(Text("上限", "limit"), l) \(r.referenceLimit ?? "")</dd>"
        } ?? .empty
        let decision: HTML = r.decidedMillis.map { at in
            "<dt>\(Text("审批", "Decision"), l)</dt><dd id=\"freight-decision\">\(r.deciderName ?? "—") · \(Times.display(at))\(r.decisionComment.map { " · " + $0 } ?? "")</dd>"
        } ?? .empty
        let events: [HTML] = m.timeline.map { e in
            "<li class=\"timeline-event\" data-action=\"\(e.action)\"><time>\(Times.display(e.at.millis))</time> · \(e.actorName) · \(FreightLabels.event(e.action), l)\(e.comment.map { " · " + $0 } ?? "")</li>"
        }
        let body: HTML = """
        <h1 id="freight-record-title">\(title, l)</h1>
        \(FreightPrint.toolbar(l))
        <p class="meta" id="freight-state" data-status="\(r.status.rawValue)" data-approval="\(r.approvalNeeded.rawValue)">\(Self.statusBadge(r.status, l)) ·
        <span id="freight-approval">\(FreightLabels.approval(r.approvalNeeded), l)</span></p>
        <dl class="facts" id="freight-facts">
        <dt>\(Text("现场", "Site"), l)</dt><dd>\(r.unitName)</dd>
        <dt>\(Text("业务部", "Department"), l)</dt><dd>\(r.departmentName)</dd>
        <dt>\(Text("发货单号", "Shipment reference"), l)</dt><dd id="freight-shipment">\(r.shipmentRef)</dd>
        <dt>\(Text("运输方式", "Mode"), l)</dt><dd>\(FreightLabels.mode(r.mode), l)</dd>
        \(r.route.map { "<dt>\(Text("线路 · 车型", "Route · vehicle type"), l)</dt><dd>\($0) · \(r.vehicleType ?? "")</dd>" as HTML } ?? .empty)
        \(reference)
        <dt>\(Text("运费（元）", "Cost (CNY)"), l)</dt><dd id="freight-cost">\(r.cost)</dd>
        <dt>\(Text("发运日期", "Shipped on"), l)</dt><dd>\(r.shippedOn)</dd>
        <dt>\(Text("说明", "Note"), l)</dt><dd>\(r.note)</dd>
        <dt>\(Text("登记人", "Recorded by"), l)</dt><dd>\(r.creatorName) · \(Times.display(r.createdMillis))</dd>
        \(decision)
        </dl>
        \(FreightPrint.verdictBlock(r, l))
        \(decisionForms(r, page: page))
        <h2 class="no-print">\(Text("办理记录", "Timeline"), l)</h2>
        <ol class="timeline no-print" id="freight-timeline">\(events)</ol>
        \(FreightPrint.signatures(l))
        """
        return shell.render(page, title: title, active: "freight", body: body, breadcrumbs: .underActive).response()
    }

    /// Approve or reject with a comment (required to reject), for the department's leaders the approval names.
    func decisionForms(_ r: FreightView, page: PageContext) -> HTML {
        let l = page.locale
        let forms: [HTML] = FreightDecision.allCases.filter { r.actions.contains($0.rawValue) }.map { d in
            let action = "\(Self.path)/\(r.id)/\(d.rawValue)"
            let state = page.formState(action: action)
            let id = "freight-\(d.rawValue)-comment"
            return """
            <section class="card no-print" id="freight-\(d.rawValue)-card"><h2>\(FreightLabels.decision(d), l)</h2>
            \(state.generalMessage(fields: ["comment"], l, id: "freight-\(d.rawValue)-error"))
            <form method="post" action="\(action)" id="freight-\(d.rawValue)-form">\(page.csrfField)
            \(FormControls.field((d == .reject ? Text("驳回理由", "Why rejected") : Text("审批意见", "Comment"))(l), for: id,
                                 FormControls.input(id: id, name: "comment", value: state.values["comment"]), error: state.message(for: "comment", l)))
            <button type="submit" id="freight-\(d.rawValue)">\(FreightLabels.decision(d), l)</button></form></section>
            """
        }
        return forms.isEmpty ? .empty : "<div class=\"decision-forms\" id=\"freight-decisions\">\(forms)</div>"
    }

    func decide(_ request: Request, _ context: KefuContext, _ decision: FreightDecision) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        _ = try await freight.decide(decision, id: id, FreightDecisionInput(comment: form["comment"]), by: principal)
        return Redirect.to("\(Self.path)/\(id)?notice=freight&what=\(decision.rawValue)")
    }

    func prices(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await freight.priceListModel(q, paging: try Paging.from(q, defaultPer: 50), viewer: principal)
        let rows: [DataTable.Row] = m.prices.items.map { p in
            DataTable.Row(plain: [
                "\(p.route)", "\(p.vehicleType)", "\(p.price)", "\(p.effectiveFrom)", "\(p.effectiveTo ?? "—")",
                p.current ? "<span class=\"badge price-current\">\(Text("现行", "Current")(l))</span>" as HTML : "<span class=\"badge price-history\">\(Text("历史", "History")(l))</span>",
                "\(p.createdByName)",
            ], attributes: "class=\"freight-price-row\" data-id=\"\(p.id)\" data-current=\"\(p.current ? "1" : "0")\"")
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(Text("还没有参考价格", "No reference prices yet"), l)</p>"
            : DataTable.render(id: "freight-price-list", headers: [Text("线路", "Route"), Text("车型", "Vehicle type"), Text("参考价格（元）", "Price (CNY)"),
                                                                    Text("生效日期", "Effective from"), Text("截止日期", "Until"), Text("状态", "Standing"),
                                                                    Text("录入人", "Added by")].map { $0(l) }, rows: rows)
        var form: HTML = .empty
        if m.canKeep {
            let state = page.formState(action: Self.pricesPath)
            func text(_ name: String, _ label: Text, _ id: String, type: String = "text", attributes: String = "") -> HTML {
                state.textField(name, label, id, l, type: type, attributes: attributes)
            }
            form = """
            <section class="card no-print" id="freight-price-form-card"><h2>\(Text("新增参考价格", "Add a reference price"), l)</h2>
            <p class="hint">\(Text("价格不修改：同一线路和车型从新的生效日期起录入新价格，旧价格保留为历史（FRT-01）。",
                                   "Prices are never edited: a new price for the same route and vehicle type takes effect from its day, the old one stays as history (FRT-01)."), l)</p>
            \(state.generalMessage(fields: ["route", "vehicleType", "price", "effectiveFrom"], l, id: "price-form-error"))
            <form method="post" action="\(Self.pricesPath)" id="freight-price-form">\(page.csrfField)<div class="grid one-column">
            \(text("route", Text("线路", "Route"), "fp-route"))
            \(text("vehicleType", Text("车型", "Vehicle type"), "fp-vehicle"))
            \(text("price", Text("参考价格（元）", "Price (CNY)"), "fp-price", attributes: "inputmode=\"decimal\""))
            \(text("effectiveFrom", Text("生效日期", "Effective from"), "fp-from", type: "date"))
            </div><button type="submit" id="freight-price-save">\(Text("新增", "Add"), l)</button></form></section>
            """
        }
        let body: HTML = """
        <h1 id="freight-prices-title">\(Text("运费参考价格表（FRT-01）", "Reference freight prices (FRT-01)"), l)</h1>
        <form method="get" action="\(Self.pricesPath)" class="toolbar filters" id="freight-price-filter">
        \(FormControls.field(Text("线路", "Route")(l), for: "fp-filter-route", FormControls.input(id: "fp-filter-route", name: "route", value: q["route"])))
        \(FormControls.field(Text("范围", "Show")(l), for: "fp-filter-current", FormControls.select(id: "fp-filter-current", name: "current",
            options: [("", Text("现行与历史", "Current and history")(l)), ("1", Text("仅现行", "Current only")(l))], selected: q["current"] ?? "")))
        <button type="submit" id="freight-price-filter-apply">\(Text("筛选", "Filter"), l)</button></form>
        \(table)
        \(FormControls.pager(basePath: Self.pricesPath, query: q, page: m.prices.page, per: m.prices.per, total: m.prices.total, locale: l))
        \(form)
        """
        return shell.render(page, title: Text("运费参考价格表", "Reference freight prices"), active: "freight-prices", body: body).response()
    }

    func addPrice(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        _ = try await freight.addPrice(FreightPriceInput(route: form["route"], vehicleType: form["vehicleType"], price: form["price"].map(TypedAmount.init),
                                                         effectiveFrom: form["effectiveFrom"]), by: principal)
        return Redirect.to("\(Self.pricesPath)?notice=freight&what=price")
    }
}
