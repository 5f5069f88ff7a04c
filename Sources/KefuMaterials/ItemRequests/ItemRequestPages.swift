import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 新增存货编码申请 (MAT-05, #12.5) as pages: the list in the viewer's scope, the form a site sends with its three photos
/// (distant view, close-up, spec/model plate), and the request with its photos, timeline and the steps the viewer may
/// take — the site submits, its business department forwards, the HQ materials office approves with the code it
/// chooses (creating the item) or rejects with a reason. A refusal comes back through `FormFlash` with what was typed.
struct ItemRequestPages: Sendable {
    let requests: ItemRequestService
    let shell: PageShell

    static let path = "/materials/item-requests"

    func register(on router: Router<KefuContext>) {
        router.get("/materials/item-requests") { request, context in try await list(request, context) }
        router.get("/materials/item-requests/new") { request, context in try await newForm(request, context) }
        router.post("/materials/item-requests") { request, context in try await create(request, context) }
        router.get("/materials/item-requests/:id") { request, context in try await detail(request, context) }
        for action in ItemRequestAction.allCases {
            router.post("/materials/item-requests/:id/\(action.rawValue)") { request, context in try await act(request, context, action) }
        }
    }

    /// The notice after a step (`?notice=item_request&what=<step>`), in this feature's words.
    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        MaterialNotices.page(request, context, feature: "item_request", event: ItemRequestLabels.event)
    }

    static func statusBadge(_ s: ItemRequestStatus, _ l: AppLocale) -> HTML {
        "<span class=\"badge item-request-status\" data-status=\"\(s.rawValue)\">\(ItemRequestLabels.status(s), l)</span>"
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await requests.listPageModel(status: q["status"], paging: try Paging.from(q, defaultPer: 25), viewer: principal)
        let rows: [DataTable.Row] = m.requests.items.map { r in
            DataTable.Row(plain: [
                "\(Times.display(r.createdAt.millis))", "\(r.unitName)",
                "<a class=\"item-request-link\" href=\"\(Self.path)/\(r.id)\">\(r.name)</a>", "\(r.spec)", "\(r.unit)",
                Self.statusBadge(r.status, l),
                r.itemId.map { "<a class=\"item-link\" href=\"/materials/items/\($0)\">\(r.itemCode ?? "")</a>" } ?? .empty,
                "\(r.requesterName)",
            ], attributes: "class=\"item-request-row\" data-id=\"\(r.id)\"")
        }
        let statusOptions = [("", Text("全部状态", "All states")(l))] + ItemRequestStatus.allCases.map { ($0.rawValue, ItemRequestLabels.status($0)(l)) }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有新增存货编码申请", "No item-code requests"), l)</p>"
            : DataTable.render(id: "item-request-list", headers: [Text("申请时间", "Asked on"), Text("申请单位", "Unit"), Text("名称", "Name"), Text("规格型号", "Spec"),
                                                                  Text("计量单位", "Unit of measure"), Text("状态", "State"), Text("存货编码", "Item code"),
                                                                  Text("申请人", "Asked by")].map { $0(l) }, rows: rows)
        let body: HTML = """
        <div class="actions list-head"><h1 id="item-requests-title">\(Text("新增存货编码申请（MAT-05）", "Item-code requests (MAT-05)"), l)</h1>
        \(m.canAsk ? "<a class=\"button\" id=\"new-item-request\" href=\"\(Self.path)/new\">\(Text("申请新编码", "Ask for a code")(l))</a>" as HTML : .empty)</div>
        <form method="get" action="\(Self.path)" class="toolbar" id="item-request-filter">
        \(FormControls.field(Text("状态", "State")(l), for: "ir-filter-status", FormControls.select(id: "ir-filter-status", name: "status", options: statusOptions, selected: m.status?.rawValue ?? "")))
        <button type="submit" id="item-request-filter-apply">\(Text("筛选", "Filter"), l)</button></form>
        \(table)
        \(FormControls.pager(basePath: Self.path, query: q, page: m.requests.page, per: m.requests.per, total: m.requests.total, locale: l))
        """
        return shell.render(page, title: Text("新增存货编码申请", "Item-code requests"), active: "item-requests", body: body).response()
    }

    func newForm(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let m = try await requests.formModel(viewer: principal)
        let state = page.formState(action: Self.path)
        func fieldError(_ name: String) -> String? { state.message(for: name, l) }
        func text(_ name: String, _ label: Text, _ id: String) -> HTML {
            state.textField(name, label, id, l)
        }
        let unit: HTML = m.units.count > 1
            ? FormControls.field(Text("申请单位", "Requesting unit")(l), for: "ir-unit",
                                 FormControls.select(id: "ir-unit", name: "orgUnitId", options: m.units.map { ($0.id, $0.name) }, selected: state.values["orgUnitId"] ?? m.ownUnitId),
                                 error: fieldError("orgUnitId"))
            : "<input type=\"hidden\" name=\"orgUnitId\" value=\"\(m.units.first?.id ?? m.ownUnitId)\">"
        let photos: HTML = m.sendsPhotos ? Self.photoFields(error: fieldError("photos"), l) : """
            <p class="hint" id="ir-draft-only">\(Text("业务管理部代为登记的申请保存为草稿，由申请单位上传三张照片后提交。",
                                                   "A request recorded by HQ is saved as a draft; the requesting unit adds the three photos and submits it."), l)</p>
            """
        let buttons: HTML = m.sendsPhotos ? """
            <button type="submit" name="intent" value="submit" id="item-request-send">\(Text("提交业务部", "Submit to the department"), l)</button>
            <button type="submit" name="intent" value="draft" id="item-request-draft" class="secondary">\(Text("保存草稿", "Save as draft"), l)</button>
            """ : "<button type=\"submit\" name=\"intent\" value=\"draft\" id=\"item-request-draft\">\(Text("保存草稿", "Save as draft")(l))</button>"
        let body: HTML = """
        <h1 id="item-request-title">\(Text("申请新增存货编码", "Ask for a new item code"), l)</h1>
        <p class="hint">\(Text("只有业务管理部可以增加存货编码（MAT-05）：请写明名称、规格型号、计量单位和用途，并附远景、近景和规格型号（铭牌）三张照片；业务部审核后转报业务管理部。",
                               "Only HQ adds item codes (MAT-05): give the name, spec, unit and what it is for, with a distant, a close-up and a spec/model-plate photo; the department checks and forwards it to HQ."), l)</p>
        \(state.generalMessage(fields: ["orgUnitId", "name", "spec", "unit", "purpose", "photos"], l, id: "form-error"))
        <form method="post" action="\(Self.path)" enctype="multipart/form-data" id="item-request-form">\(page.csrfField)
        <div class="grid">
        \(unit)
        \(text("name", Text("名称", "Name"), "ir-name"))
        \(text("spec", Text("规格型号", "Spec / model"), "ir-spec"))
        \(text("unit", Text("计量单位", "Unit of measure"), "ir-unit-of-measure"))
        \(text("purpose", Text("用途（申请理由）", "What it is for (reason)"), "ir-purpose"))
        </div>
        \(photos)
        <div class="actions">\(buttons)</div>
        </form>
        """
        return shell.render(page, title: Text("申请新增存货编码", "Ask for a new item code"), active: "item-requests", body: body, breadcrumbs: .underActive).response()
    }

    /// The three photo inputs (MAT-05) as one field `photos`: its refusal stands under them.
    static func photoFields(error: String?, _ l: AppLocale) -> HTML {
        let inputs: [HTML] = ItemRequestPhotoKind.allCases.map { k in
            let id = "ir-photo-" + k.rawValue.replacingOccurrences(of: "_", with: "-")
            return """
            <div class="photo-input"><label for="\(id)">\(ItemRequestLabels.photo(k), l)</label>\
            <input type="file" id="\(id)" name="photo_\(k.rawValue)" accept="image/jpeg,image/png,image/webp" capture="environment"></div>
            """
        }
        let message: HTML = error.map { "<p class=\"field-error\" id=\"ir-photos-error\" role=\"alert\">\($0)</p>" } ?? .empty
        return """
        <fieldset name="photos" id="ir-photos" class="field photo-set\(error == nil ? "" : " has-error")">\
        <legend>\(Text("照片（远景、近景、规格型号各一张，每张不超过 10 MB）", "Photos (a distant view, a close-up and the spec/model plate, 10 MB each at most)"), l)</legend>
        <div class="photo-inputs">\(inputs)</div>\(message)</fieldset>
        """
    }

    func create(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var request = request
        guard MultipartForm.isMultipart(request) else {
            throw AppError.badRequest("invalid_multipart", Text("上传照片的表单格式不正确", "The form with the photos is malformed"))
        }
        let form = try await MultipartForm.read(&request)
        do {
            let photos: [ItemRequestPhoto] = ItemRequestPhotoKind.allCases.compactMap { kind in
                guard let file = form.file("photo_" + kind.rawValue), !file.bytes.isEmpty else { return nil }
                return ItemRequestPhoto(kind: kind, fileName: file.fileName, bytes: file.bytes)
            }
            let input = ItemRequestInput(orgUnitId: form["orgUnitId"], name: form["name"], spec: form["spec"], unit: form["unit"], purpose: form["purpose"])
            let submit = form["intent"] != "draft"
            let r = try await requests.ask(input, photos: photos, submit: submit, by: principal)
            return Redirect.to("\(Self.path)/\(r.id)?notice=item_request&what=" + (submit ? "submit" : "create"))
        } catch let error as AppError {
            // #11.2: the text typed comes back with the reason under its field (the photos are chosen again).
            throw RefusedUpload(error, form: form)
        }
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let id = try context.parameters.require("id")
        let m = try await requests.pageModel(id: id, viewer: principal)
        let r = m.request
        let title = Text("新增存货编码申请：{0}", "Item-code request: {0}").with(r.name)
        let waiting: HTML = ItemRequestLabels.waitingFor(r.status).map { " · <span id=\"item-request-next\">\($0(l))</span>" } ?? .empty
        let outcome: HTML
        switch r.status {
        case .approved:
            outcome = r.itemId.map { """
                <p class="flash-notice" id="item-request-outcome">\(Text("已建立存货编码：", "Item code created: "), l)<a id="item-request-item" href="/materials/items/\($0)">\(r.itemCode ?? "")</a></p>
                """ } ?? .empty
        case .rejected:
            outcome = "<p class=\"flash-error\" id=\"item-request-outcome\">\(Text("驳回原因：", "Rejected: "), l)<span id=\"item-request-reason\">\(r.reason ?? "")</span></p>"
        default:
            outcome = .empty
        }
        let body: HTML = """
        <h1 id="item-request-title">\(title, l)</h1>
        \(toolbar(m, page: page))
        <p class="meta" id="item-request-state" data-status="\(r.status.rawValue)">\(Self.statusBadge(r.status, l))\(waiting)</p>
        \(outcome)
        <dl class="facts" id="item-request-facts">
        <dt>\(Text("申请单位", "Requesting unit"), l)</dt><dd>\(r.unitName)</dd>
        <dt>\(Text("名称", "Name"), l)</dt><dd id="item-request-name">\(r.name)</dd>
        <dt>\(Text("规格型号", "Spec / model"), l)</dt><dd>\(r.spec)</dd>
        <dt>\(Text("计量单位", "Unit of measure"), l)</dt><dd>\(r.unit)</dd>
        <dt>\(Text("用途（申请理由）", "What it is for (reason)"), l)</dt><dd>\(r.purpose)</dd>
        <dt>\(Text("申请人", "Asked by"), l)</dt><dd>\(r.requesterName) · \(Times.display(r.createdAt.millis))</dd>
        </dl>
        <h2>\(Text("照片", "Photos"), l)</h2>
        \(photos(m, page: page))
        \(decisionForms(m, page: page))
        <h2>\(Text("办理记录", "Timeline"), l)</h2>
        \(timeline(m, l))
        <p class="no-print"><a href="\(Self.path)">\(Text("返回申请列表", "Back to the requests"), l)</a></p>
        """
        return shell.render(page, title: title, active: "item-requests", body: body, breadcrumbs: .underActive).response()
    }

    /// The steps of the request's state the viewer may take (submit, forward), as toolbar buttons; approve and reject
    /// need more (the code, the reason) and have their forms below.
    func toolbar(_ m: ItemRequestPageModel, page: PageContext) -> HTML {
        let l = page.locale
        let base = "\(Self.path)/\(m.request.id)"
        let buttons: [HTML] = m.actions.filter { $0 == .submit || $0 == .forward }.map { a in
            """
            <form method="post" action="\(base)/\(a.rawValue)" class="inline">\(page.csrfField)<button type="submit" id="item-request-\(a.rawValue)">\(ItemRequestLabels.action(a), l)</button></form>
            """
        }
        let jumps: [HTML] = m.actions.filter { $0 == .approve || $0 == .reject }.map { a in
            "<a class=\"button\" id=\"item-request-go-\(a.rawValue)\" href=\"#\(a.rawValue)-form\">\(ItemRequestLabels.action(a)(l))</a>"
        }
        let all = buttons + jumps
        guard !all.isEmpty else { return .empty }
        return "<div class=\"actions u8-toolbar no-print\" id=\"item-request-toolbar\" role=\"toolbar\">\(all)</div>"
    }

    func photos(_ m: ItemRequestPageModel, page: PageContext) -> HTML {
        let l = page.locale
        let shown: [HTML] = m.photos.map { p in
            let label = ItemRequestPhotoKind(rawValue: p.label).map { ItemRequestLabels.photo($0)(l) } ?? p.label
            let preview: HTML = p.contentType.hasPrefix("image/") ? "<img src=\"/attachments/\(p.id)\" alt=\"\(label)\" loading=\"lazy\">" : "\(p.fileName)"
            return """
            <figure class="photo" data-kind="\(p.label)"><a href="/attachments/\(p.id)" class="photo-link">\(preview)</a><figcaption>\(label) · \(p.fileName)</figcaption></figure>
            """
        }
        let missing = m.missingPhotos
        let uploads: [HTML] = m.canAddPhotos ? missing.map { k in
            let id = "ir-add-" + k.rawValue.replacingOccurrences(of: "_", with: "-")
            return """
            <form method="post" action="/attachments" enctype="multipart/form-data" class="photo-upload no-print" id="\(id)-form">\(page.csrfField)
            <input type="hidden" name="ownerKind" value="\(ItemRequestAttachments.ownerKind)"><input type="hidden" name="ownerId" value="\(m.request.id)">
            <input type="hidden" name="label" value="\(k.rawValue)">
            <label for="\(id)">\(ItemRequestLabels.photo(k), l)</label><input type="file" name="file" id="\(id)" accept="image/jpeg,image/png,image/webp" capture="environment">
            <button type="submit" id="\(id)-upload">\(Text("上传", "Upload"), l)</button></form>
            """
        } : []
        let note: HTML = m.request.status == .draft && !missing.isEmpty
            ? "<p class=\"hint\" id=\"item-request-missing\">\(Text("提交前还需：", "Still needed before submitting: "), l)\(missing.map { ItemRequestLabels.photo($0)(l) }.joined(separator: "、"))</p>"
            : .empty
        return """
        \(shown.isEmpty ? "<p class=\"empty\" id=\"item-request-no-photos\">\(Text("还没有照片", "No photos yet")(l))</p>" as HTML : "<div class=\"photo-grid\" id=\"item-request-photos\">\(shown)</div>")
        \(note)\(uploads)
        """
    }

    /// HQ approves with the code it chooses (the item's master fields, prefilled from the request) or rejects with a
    /// reason; the department may reject instead of forwarding.
    func decisionForms(_ m: ItemRequestPageModel, page: PageContext) -> HTML {
        let l = page.locale
        let r = m.request
        let base = "\(Self.path)/\(r.id)"
        var forms: [HTML] = []
        if m.actions.contains(.approve) {
            let state = page.formState(action: base + "/approve")
            func value(_ name: String, _ fallback: String?) -> String? { state.error == nil ? fallback : state.values[name] }
            func text(_ name: String, _ label: Text, _ fallback: String?) -> HTML {
                FormControls.field(label(l), for: "approve-" + name, FormControls.input(id: "approve-" + name, name: name, value: value(name, fallback)),
                                   error: state.message(for: name, l))
            }
            func pick(_ name: String, _ label: Text, _ options: [(String, String)]) -> HTML {
                FormControls.field(label(l), for: "approve-" + name, FormControls.select(id: "approve-" + name, name: name, options: options, selected: value(name, nil)),
                                   error: state.message(for: name, l))
            }
            let fields = ["code", "name", "spec", "model", "unit", "category", "repairClass"]
            forms.append("""
            <section class="card no-print" id="approve-form-card"><h2>\(ItemRequestLabels.action(.approve), l)</h2>
            \(state.generalMessage(fields: Set(fields), l, id: "approve-error"))
            <form method="post" action="\(base)/approve" id="approve-form">\(page.csrfField)<div class="grid">
            \(text("code", Text("存货编码（由业务管理部确定）", "Item code (chosen by HQ)"), nil))
            \(text("name", Text("名称", "Name"), r.name))
            \(text("spec", Text("规格", "Spec"), r.spec))
            \(text("model", Text("型号", "Model"), nil))
            \(text("unit", Text("计量单位", "Unit of measure"), r.unit))
            \(pick("category", Text("分类", "Category"), ItemCategory.allCases.map { ($0.rawValue, MaterialLabels.category($0.rawValue)(l)) }))
            \(pick("repairClass", Text("修复类别", "Repair class"), RepairClass.allCases.map { ($0.rawValue, MaterialLabels.repairClass($0.rawValue)(l)) }))
            </div><button type="submit" id="item-request-approve">\(ItemRequestLabels.action(.approve), l)</button></form></section>
            """)
        }
        if m.actions.contains(.reject) {
            let state = page.formState(action: base + "/reject")
            forms.append("""
            <section class="card no-print" id="reject-form-card"><h2>\(ItemRequestLabels.action(.reject), l)</h2>
            \(state.generalMessage(fields: ["reason"], l, id: "reject-error"))
            <form method="post" action="\(base)/reject" id="reject-form">\(page.csrfField)
            \(FormControls.field(Text("驳回原因", "Why rejected")(l), for: "reject-reason", FormControls.input(id: "reject-reason", name: "reason", value: state.values["reason"]),
                                 error: state.message(for: "reason", l)))
            <button type="submit" id="item-request-reject">\(ItemRequestLabels.action(.reject), l)</button></form></section>
            """)
        }
        return HTML(raw: forms.map(\.raw).joined(separator: "\n"))
    }

    func timeline(_ m: ItemRequestPageModel, _ l: AppLocale) -> HTML {
        let events: [HTML] = m.timeline.map { e in
            var extra = ""
            if let reason = e.detail["reason"] { extra = " · " + Text("原因：", "Reason: ")(l) + reason }
            if let code = e.detail["code"] { extra = " · " + Text("存货编码 ", "item code ")(l) + code }
            if e.action == "attach", let file = e.detail["file"] { extra = " · " + file }
            return "<li class=\"timeline-event\" data-action=\"\(e.action)\"><time>\(Times.display(e.at.millis))</time> · \(e.actorName) · \(ItemRequestLabels.event(e.action), l)\(extra)</li>"
        }
        return "<ol class=\"timeline\" id=\"item-request-timeline\">\(events)</ol>"
    }

    func act(_ request: Request, _ context: KefuContext, _ action: ItemRequestAction) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        var decision = ItemRequestDecision()
        if action == .approve { decision.item = try ItemForm.input(form) }
        if action == .reject { decision.reason = form["reason"] }
        _ = try await requests.act(action, id: id, decision, by: principal)
        return Redirect.to("\(Self.path)/\(id)?notice=item_request&what=\(action.rawValue)")
    }

    /// The item page's link back to the request it was created from (MAT-05).
    static func originLink(_ origin: ItemOrigin?, _ l: AppLocale) -> HTML {
        guard let origin else { return .empty }
        return """
        <p id="item-origin">\(Text("由新增存货编码申请建立：", "Created from the item-code request of "), l)<a id="item-origin-link" href="\(path)/\(origin.requestId)">\(origin.unitName)</a></p>
        """
    }
}
