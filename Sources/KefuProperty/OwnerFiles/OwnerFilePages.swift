import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 业主档案 (PRP-06) as a page: a unit with its occupants over time and its file entries by date, the forms to move
/// occupants in and out and to add each kind of entry, and the renovation steps as buttons enabled only when the
/// state and the viewer's role allow them. One-column forms; refused forms keep what was typed.
public struct OwnerFilePages: Sendable {
    let files: OwnerFileService
    let shell: PageShell

    public init(files: OwnerFileService, shell: PageShell) {
        self.files = files
        self.shell = shell
    }

    static let path = PropertyPaths.root

    public func register(on router: Router<KefuContext>) {
        router.get("/property/units/:id") { request, context in try await unit(request, context) }
        router.get(RouterPath(Self.renovationsPath)) { request, context in try await renovations(request, context) } // PRP-06 across the estates
        router.post("/property/units/:id/move-in") { request, context in try await moveIn(request, context) }
        router.post("/property/units/:id/move-out") { request, context in try await moveOut(request, context) }
        router.post("/property/units/:id/file-entries") { request, context in try await addEntry(request, context) }
        for action in RenovationAction.allCases {
            router.post(RouterPath("/property/file-entries/:id/" + action.rawValue)) { request, context in try await step(action, request, context) }
        }
    }

    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = context.page(request)
        let q = request.uri.queryParameters
        guard q.get("notice") == "owner-file", let what = q.get("what").map({ String($0) }) else { return base }
        let label: Text = switch what {
        case "move-in": Text("已办理入住", "Moved in")
        case "move-out": Text("已办理迁出", "Moved out")
        case "entry": Text("已添加档案记录", "Entry added")
        default: Text("已记录装修步骤", "Renovation step recorded")
        }
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken, notice: label(base.locale), formFlash: base.formFlash, path: base.path)
    }

    static func kindLabel(_ k: OwnerFileEntryKind) -> Text {
        switch k {
        case .moveIn: Text("入住手续", "Move-in formalities")
        case .agreement: Text("签约", "Signed agreement")
        case .handover: Text("房屋交接", "House handover")
        case .renovation: Text("装修", "Renovation")
        case .engineering: Text("工程档案", "Engineering file")
        case .rental: Text("出租", "Rental")
        }
    }

    static func statusLabel(_ s: RenovationStatus) -> Text {
        switch s {
        case .applied: Text("已申请", "Applied")
        case .approved: Text("已批准", "Approved")
        case .rejected: Text("已驳回", "Rejected")
        case .supervising: Text("施工监督中", "Under supervision")
        case .passed: Text("验收合格", "Accepted")
        case .failed: Text("验收不合格", "Failed acceptance")
        }
    }

    static func actionLabel(_ a: RenovationAction) -> Text {
        switch a {
        case .approve: Text("批准", "Approve")
        case .reject: Text("驳回", "Reject")
        case .supervise: Text("记录监督", "Add supervision note")
        case .accept: Text("验收", "Record acceptance")
        }
    }

    func unit(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let m = try await files.ownerFile(unitId: try context.parameters.require("id"), viewer: principal)
        let u = m.unit
        let base = "\(Self.path)/units/\(u.id)"
        let occRows: [DataTable.Row] = m.occupants.map { o in
            DataTable.Row(plain: ["\(PropertyLabels.occupant(o.kind)(l))", "\(o.name)", "\(o.phone ?? "—")", "\(o.movedInOn ?? Text("日期不详", "unknown")(l))",
                                  "\(o.movedOutOn ?? "—")", o.current ? "<span class=\"badge\">\(Text("在住", "Current")(l))</span>" : ""],
                          attributes: "class=\"prp-occupant\" data-kind=\"\(o.kind.rawValue)\" data-current=\"\(o.current ? "1" : "0")\"")
        }
        let occupants: HTML = occRows.isEmpty ? "<p class=\"empty\" id=\"prp-no-occupants\">\(Text("还没有住户记录", "No occupants yet"), l)</p>"
            : DataTable.render(id: "prp-occupants", headers: [Text("类别", "Kind"), Text("姓名", "Name"), Text("电话", "Phone"), Text("入住", "Moved in"),
                                                              Text("迁出", "Moved out"), Text("", "")].map { $0(l) }, rows: occRows)
        let cards: [HTML] = m.entries.map { Self.entryCard($0, page: page) }
        let entries: HTML = cards.isEmpty ? HTML(raw: "<p class=\"empty\" id=\"prp-no-entries\">" + HTML.escape(Text("还没有档案记录", "No entries yet")(l)) + "</p>")
            : HTML(raw: cards.map(\.raw).joined())
        let body: HTML = """
        <h1 id="prp-owner-file-title">\(Text("业主档案", "Owner file"), l) · \(m.estateName) \(u.building) \(u.room)</h1>
        <p class="meta">\(Text("建筑面积", "Area")(l)) \(u.area) ㎡ · \(PropertyLabels.use(u.use)(l)) ·
        <a class="no-print" href="\(Self.path)/estates/\(u.estateId)">\(Text("返回小区", "Back to the estate"), l)</a></p>
        <p class="no-print"><button type="button" id="prp-owner-file-print" data-print>\(Text("打印档案", "Print the file"), l)</button></p>
        <section class="card" id="prp-occupant-history"><h2>\(Text("住户变更记录", "Occupants over time"), l)</h2>\(occupants)</section>
        <section class="card" id="prp-file-entries"><h2>\(Text("档案记录", "File entries"), l)</h2>
        \(entries)
        </section>
        \(m.mayRecord ? Self.forms(page, base: base) : .empty)
        """
        return shell.render(page, title: Text("业主档案", "Owner file"), active: "property", body: body, breadcrumbs: .underActive).response()
    }

    static func entryCard(_ e: OwnerFileEntryView, page: PageContext) -> HTML {
        let l = page.locale
        var facts: [HTML] = []
        func fact(_ label: Text, _ value: String?) { if let value { facts.append("<dt>\(label, l)</dt><dd>\(value)</dd>") } }
        fact(Text("内容", "Content"), e.summary)
        fact(Text("协议编号", "Agreement no."), e.agreementNo)
        fact(Text("钥匙与表读数", "Keys and meter readings"), e.handoverItems)
        fact(Text("租户", "Tenant"), e.tenant)
        if let from = e.termFrom, let to = e.termTo { fact(Text("租期", "Term"), from + " — " + to) }
        fact(Text("中介", "Agent"), e.agent)
        fact(Text("登记人", "Recorded by"), e.recordedBy)
        let steps: [HTML] = e.steps.map { s in
            "<li class=\"prp-step\" data-action=\"\(s.action.rawValue)\">\(s.actedOn) \(actionLabel(s.action), l) → \(statusLabel(s.statusAfter), l)\(s.note.map { "：" + $0 } ?? "") · \(s.actedBy)</li>"
        }
        var stepForms: HTML = .empty
        // Every step of an open renovation is shown; only the ones its state and the viewer's role allow are enabled.
        if e.kind == .renovation, let status = e.status, !OwnerFileRules.allowed(status).isEmpty {
            let all: [HTML] = RenovationAction.allCases.map { a in stepForm(e, a, enabled: e.actions.contains(a), page: page) }
            stepForms = "<div class=\"prp-steps no-print\">\(all)</div>"
        }
        return """
        <article class="card prp-entry" data-kind="\(e.kind.rawValue)" data-id="\(e.id)" id="prp-entry-\(e.id)">
        <h3>\(e.entryOn) \(kindLabel(e.kind), l)\(e.status.map { HTML(raw: " <span class=\"badge prp-status\" data-status=\"\($0.rawValue)\">" + HTML.escape(statusLabel($0)(l)) + "</span>") } ?? .empty)</h3>
        <dl>\(facts)</dl>
        \(steps.isEmpty ? .empty : HTML(raw: "<ol class=\"prp-renovation-steps\">" + steps.map(\.raw).joined() + "</ol>"))
        \(stepForms)
        </article>
        """
    }

    /// A renovation step's form: the button is disabled unless the state and the viewer's role allow the step now.
    static func stepForm(_ e: OwnerFileEntryView, _ a: RenovationAction, enabled: Bool, page: PageContext) -> HTML {
        let l = page.locale
        let action = "\(path)/file-entries/\(e.id)/\(a.rawValue)"
        let state = page.formState(action: action)
        let prefix = "prp-\(a.rawValue)-\(e.id)"
        let disabled = enabled ? "" : " disabled"
        var fields: HTML = .empty
        switch a {
        case .reject: fields = PropertyPages.field(state, prefix, "note", Text("驳回原因", "Reason"), l, attributes: enabled ? "required" : "disabled")
        case .supervise: fields = PropertyPages.field(state, prefix, "note", Text("监督记录", "Supervision note"), l, attributes: enabled ? "required" : "disabled")
        case .accept:
            fields = """
            \(PropertyPages.choose(state, prefix, "passed", Text("验收结果", "Result"), l, [("true", Text("合格", "Passed")(l)), ("false", Text("不合格", "Failed")(l))]))
            \(PropertyPages.field(state, prefix, "note", Text("不合格时写明整改问题", "Defects when failed"), l, attributes: enabled ? "" : "disabled"))
            """
        case .approve: break
        }
        return """
        <form method="post" action="\(action)" class="prp-step-form" id="\(prefix)-form">\(page.csrfField)
        \(state.generalMessage(fields: ["note", "passed", "actedOn"], l, id: "\(prefix)-error"))
        \(fields)<button type="submit" id="\(prefix)-save"\(HTML(raw: disabled))>\(actionLabel(a), l)</button></form>
        """
    }

    /// The property CS admin's forms: move in, move out, add an entry of any kind (its fields shown together; the kind
    /// says which are required).
    static func forms(_ page: PageContext, base: String) -> HTML {
        let l = page.locale
        let moveIn = page.formState(action: base + "/move-in"), moveOut = page.formState(action: base + "/move-out"), entry = page.formState(action: base + "/file-entries")
        let kinds = PropertyOccupantKind.allCases.map { ($0.rawValue, PropertyLabels.occupant($0)(l)) }
        let today = Times.day(Date()).iso
        return """
        <section class="card no-print" id="prp-move-in"><h2>\(Text("办理入住", "Move in"), l)</h2>
        \(moveIn.generalMessage(fields: ["kind", "name", "phone", "movedInOn"], l, id: "prp-move-in-error"))
        <form method="post" action="\(base)/move-in" id="prp-move-in-form">\(page.csrfField)<div class="grid one-column">
        \(PropertyPages.choose(moveIn, "prp-move-in", "kind", Text("住户类别", "Occupant kind"), l, kinds))
        \(PropertyPages.field(moveIn, "prp-move-in", "name", Text("姓名", "Name"), l, attributes: "required"))
        \(PropertyPages.field(moveIn, "prp-move-in", "phone", Text("联系电话", "Phone"), l, type: "tel"))
        \(PropertyPages.field(moveIn, "prp-move-in", "movedInOn", Text("入住日期", "Move-in date"), l, type: "date", value: today))
        </div><div class="actions"><button type="submit" id="prp-move-in-save">\(Text("入住", "Move in"), l)</button></div></form></section>
        <section class="card no-print" id="prp-move-out"><h2>\(Text("办理迁出", "Move out"), l)</h2>
        \(moveOut.generalMessage(fields: ["kind", "movedOutOn"], l, id: "prp-move-out-error"))
        <form method="post" action="\(base)/move-out" id="prp-move-out-form">\(page.csrfField)<div class="grid one-column">
        \(PropertyPages.choose(moveOut, "prp-move-out", "kind", Text("住户类别", "Occupant kind"), l, kinds))
        \(PropertyPages.field(moveOut, "prp-move-out", "movedOutOn", Text("迁出日期", "Move-out date"), l, type: "date", value: today))
        </div><div class="actions"><button type="submit" id="prp-move-out-save">\(Text("迁出", "Move out"), l)</button></div></form></section>
        <section class="card no-print" id="prp-entry-new"><h2>\(Text("添加档案记录", "Add a file entry"), l)</h2>
        <p class="hint">\(Text("签约填协议编号；房屋交接填钥匙与表读数；出租填租户与租期；其余填内容。装修登记后按申请、批准、监督、验收办理。",
                             "Agreement: its number; handover: keys and meter readings; rental: tenant and term; others: the content. A renovation then goes applied, approved, supervised, accepted."), l)</p>
        \(entry.generalMessage(fields: ["kind", "entryOn", "summary", "agreementNo", "handoverItems", "tenant", "termFrom", "termTo", "agent"], l, id: "prp-entry-error"))
        <form method="post" action="\(base)/file-entries" id="prp-entry-form">\(page.csrfField)<div class="grid one-column">
        \(PropertyPages.choose(entry, "prp-entry", "kind", Text("类别", "Kind"), l, OwnerFileEntryKind.allCases.map { ($0.rawValue, kindLabel($0)(l)) }))
        \(PropertyPages.field(entry, "prp-entry", "entryOn", Text("日期", "Date"), l, type: "date", value: today))
        \(PropertyPages.field(entry, "prp-entry", "summary", Text("内容", "Content"), l))
        \(PropertyPages.field(entry, "prp-entry", "agreementNo", Text("协议编号", "Agreement no."), l))
        \(PropertyPages.field(entry, "prp-entry", "handoverItems", Text("钥匙与表读数", "Keys and meter readings"), l))
        \(PropertyPages.field(entry, "prp-entry", "tenant", Text("租户", "Tenant"), l))
        \(PropertyPages.field(entry, "prp-entry", "termFrom", Text("租期起", "Term from"), l, type: "date"))
        \(PropertyPages.field(entry, "prp-entry", "termTo", Text("租期止", "Term to"), l, type: "date"))
        \(PropertyPages.field(entry, "prp-entry", "agent", Text("中介", "Agent"), l))
        </div><div class="actions"><button type="submit" id="prp-entry-save">\(Text("保存", "Save"), l)</button></div></form></section>
        """
    }

    func moveIn(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        _ = try await files.moveIn(unitId: id, FlatBody(PropertyPages.values(try await FormData.read(request))), by: principal)
        return Redirect.to("\(Self.path)/units/\(id)?notice=owner-file&what=move-in")
    }

    func moveOut(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        _ = try await files.moveOut(unitId: id, FlatBody(PropertyPages.values(try await FormData.read(request))), by: principal)
        return Redirect.to("\(Self.path)/units/\(id)?notice=owner-file&what=move-out")
    }

    func addEntry(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        _ = try await files.addEntry(unitId: id, FlatBody(PropertyPages.values(try await FormData.read(request))), by: principal)
        return Redirect.to("\(Self.path)/units/\(id)?notice=owner-file&what=entry")
    }

    func step(_ action: RenovationAction, _ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let e = try await files.step(entryId: try context.parameters.require("id"), action, FlatBody(PropertyPages.values(try await FormData.read(request))), by: principal)
        return Redirect.to("\(Self.path)/units/\(e.unitId)?notice=owner-file&what=step#prp-entry-\(e.id)")
    }
}
