import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// A register's form (its own fields, one column), an entry with its next step, and the gift stock (FRD-04).
extension FrontDeskPages {
    static func textField(_ state: FormState, _ name: String, _ label: Text, _ l: AppLocale, type: String = "text", value: String? = nil, attributes: String = "") -> HTML {
        let id = "fd-" + name
        return FormControls.field(label(l), for: id, FormControls.input(id: id, name: name, type: type, value: state.values[name] ?? value, attributes: attributes),
                                  error: state.message(for: name, l))
    }

    static func control(_ r: FrontDeskRegister, _ f: FrontDeskField, _ state: FormState, _ l: AppLocale, today: String) -> HTML {
        let label = FrontDeskLabels.field(r, f.key)
        let required = f.required ? "required" : ""
        switch f.kind {
        case .longText:
            return FormControls.field(label(l), for: "fd-" + f.key, "<textarea id=\"fd-\(f.key)\" name=\"\(f.key)\" rows=\"3\" \(required)>\(state.values[f.key] ?? "")</textarea>",
                                      error: state.message(for: f.key, l))
        case .day:
            return textField(state, f.key, label, l, type: "date", value: today, attributes: required)
        case .count:
            return textField(state, f.key, label, l, value: f.required ? "1" : nil, attributes: "\(required) inputmode=\"numeric\"")
        case .money:
            return textField(state, f.key, label, l, attributes: "\(required) inputmode=\"decimal\"")
        case .choice(let values):
            return FormControls.field(label(l), for: "fd-" + f.key,
                                      FormControls.select(id: "fd-" + f.key, name: f.key, options: values.map { ($0, FrontDeskLabels.choice($0)(l)) }, selected: state.values[f.key]),
                                      error: state.message(for: f.key, l))
        case .text:
            return textField(state, f.key, label, l, attributes: required)
        }
    }

    func form(_ request: Request, _ context: KefuContext) throws -> Response {
        let principal = try context.requirePrincipal()
        try Self.requireWorker(principal)
        let r = try Self.register(context)
        let page = Self.page(request, context)
        let l = page.locale
        let action = "\(Self.path)/\(r.slug)"
        let state = page.formState(action: action)
        let today = FrontDeskNow(Date()).day.iso
        let own: [HTML] = r.fields.map { Self.control(r, $0, state, l, today: today) }
        let names = Set(["personName", "personPhone", "summary"] + r.fields.map(\.key))
        let title = Text("登记：", "Record: ").joined(FrontDeskLabels.register(r))
        let body: HTML = """
        <h1 id="fd-form-title">\(title, l)</h1>
        <p class="hint">\(FrontDeskLabels.registerHint(r), l)</p>
        \(state.generalMessage(fields: names, l, id: "form-error"))
        <form method="post" action="\(action)" id="fd-form">\(page.csrfField)
        <input type="hidden" name="register" value="\(r.rawValue)">
        <div class="grid one-column">
        \(Self.textField(state, "summary", FrontDeskLabels.summary(r), l, attributes: "required"))
        \(Self.textField(state, "personName", FrontDeskLabels.person(r), l, attributes: "required"))
        \(Self.textField(state, "personPhone", Text("联系电话", "Phone"), l, type: "tel", attributes: r.phoneRequired ? "required" : ""))
        \(own)
        </div>
        <div class="actions"><button type="submit" id="fd-save">\(Text("保存", "Save"), l)</button>
        <a href="\(action)">\(Text("取消", "Cancel"), l)</a></div>
        </form>
        """
        return shell.render(page, title: title, active: Self.navId(r),
                            body: body, breadcrumbs: .underActive).response()
    }

    func create(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let r = try Self.register(context)
        let form = try await FormData.read(request)
        var values = form.values
        values["register"] = r.rawValue
        values["_csrf"] = nil
        values["_back"] = nil
        let rec = try await desk.record(FrontDeskBody(values), by: principal)
        return Redirect.to("\(Self.path)/records/\(rec.id)?notice=front_desk&what=record")
    }

    func act(_ request: Request, _ context: KefuContext, _ step: FrontDeskStep) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        _ = try await desk.step(step, id: id, FrontDeskBody(form.values), by: principal)
        return Redirect.to("\(Self.path)/records/\(id)?notice=front_desk&what=\(step.rawValue)")
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let model = try await desk.recordPage(id: try context.parameters.require("id"), viewer: principal)
        let rec = model.record
        let r = rec.register
        let title = FrontDeskLabels.register(r).joined([Text(" " + rec.number, " " + rec.number)])
        let own: [HTML] = r.fields.map { f in
            let value = f.key == "ref" ? rec.ref : rec.fields[f.key].map { v in if case .choice = f.kind { return FrontDeskLabels.choice(v)(l) } else { return v } }
            return "<dt>\(FrontDeskLabels.field(r, f.key), l)</dt><dd id=\"fd-shown-\(f.key)\">\(value ?? "—")</dd>"
        }
        let closing: [HTML] = rec.closeFields.sorted { $0.key < $1.key }.map { k, v in
            "<dt>\(FrontDeskLabels.closeField(k), l)</dt><dd id=\"fd-shown-\(k)\">\(k == "idChecked" ? Text("是", "Yes")(l) : v)</dd>"
        }
        let closed: HTML = rec.closedMillis.map { at in
            "<dt>\(Text("办结", "Closed"), l)</dt><dd id=\"fd-closed\">\(rec.closerName ?? "—")\(rec.closerPhone.map { " · " + $0 } ?? "") · \(Times.display(at)) · \(rec.closedByName ?? "—")</dd>"
        } ?? .empty
        let body: HTML = """
        <h1 id="fd-record-title">\(title, l)</h1>
        <p class="meta" id="fd-state" data-status="\(rec.status.rawValue)">\(Self.statusBadge(rec.status, l))\(rec.overdue ? " <span class=\"badge late\" id=\"fd-overdue\">\(Text("闭店未取，逾期", "Not collected by closing: overdue")(l))</span>" as HTML : .empty)</p>
        \(FrontDeskStepForms.render(rec, page: page))
        <dl class="facts" id="fd-facts">
        <dt>\(Text("编号", "Number"), l)</dt><dd id="fd-number">\(rec.number)</dd>
        <dt>\(Text("所属单位", "Unit"), l)</dt><dd>\(rec.unitName)</dd>
        <dt>\(FrontDeskLabels.summary(r), l)</dt><dd id="fd-shown-summary">\(rec.summary)</dd>
        <dt>\(FrontDeskLabels.person(r), l)</dt><dd id="fd-shown-person">\(rec.personName)\(rec.personPhone.isEmpty ? "" : " · " + rec.personPhone)</dd>
        \(own)
        <dt>\(Text("登记", "Recorded"), l)</dt><dd>\(rec.recorderName) · \(Times.display(rec.recordedMillis))</dd>
        \(rec.handOverFrom.map { "<dt>\(Text("无人认领可移交日期", "May be handed over from"), l)</dt><dd id=\"fd-hand-over-from\">\($0)</dd>" as HTML } ?? .empty)
        \(closing)
        \(closed)
        </dl>
        \(Self.photos(model, page: page))
        <p class="no-print"><button type="button" id="fd-record-print" data-print>\(Text("打印", "Print"), l)</button> ·
        <a href="\(Self.path)/\(r.slug)">\(Text("返回", "Back to"), l) \(FrontDeskLabels.register(r), l)</a></p>
        """
        return shell.render(page, title: title, active: Self.navId(r),
                            body: body, breadcrumbs: .underActive).response()
    }

    func giftStock(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let stock = try await desk.giftStock(viewer: principal)
        let action = "\(Self.path)/gift-stock"
        let state = page.formState(action: action)
        let rows: [DataTable.Row] = stock.map { s in
            let ledger = "\(Self.path)/gift-stock/ledger?unit=\(urlQueryValue(s.orgUnitId))&gift=\(urlQueryValue(s.gift))"
            return DataTable.Row(plain: ["\(s.unitName)", "<a href=\"\(ledger)\" class=\"fd-gift-ledger-link\">\(s.gift)</a>", "\(String(s.balance))"], attributes: "class=\"fd-gift-row\" data-gift=\"\(s.gift)\" data-balance=\"\(String(s.balance))\"")
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("暂无赠品库存", "No gifts in stock"), l)</p>"
            : DataTable.render(id: "fd-gift-stock", headers: [Text("服务台", "Desk"), Text("赠品", "Gift"), Text("结存", "Balance")].map { $0(l) }, rows: rows)
        let body: HTML = """
        <h1 id="fd-gift-title">\(Text("赠品库存", "Gift stock"), l)</h1>
        <p class="hint">\(Text("赠品入库后方可发放；发放数量不能超过结存（FRD-04）。", "Gifts are handed out only from stock received; never beyond the balance (FRD-04)."), l)</p>
        \(table)
        <h2>\(Text("赠品入库", "Receive gifts"), l)</h2>
        \(state.generalMessage(fields: ["gift", "quantity", "note"], l, id: "form-error"))
        <form method="post" action="\(action)" id="fd-gift-form">\(page.csrfField)
        <div class="grid one-column">
        \(Self.textField(state, "gift", Text("赠品", "Gift"), l, attributes: "required"))
        \(Self.textField(state, "quantity", Text("数量", "Quantity"), l, attributes: "required inputmode=\"numeric\""))
        \(Self.textField(state, "note", Text("来源说明", "Where from"), l))
        </div>
        <div class="actions"><button type="submit" id="fd-gift-save">\(Text("入库", "Receive"), l)</button>
        <a href="\(Self.path)/gift-handout">\(Text("赠品发放登记", "Gift hand-outs"), l)</a></div>
        </form>
        """
        return shell.render(page, title: Text("赠品库存", "Gift stock"), active: "front-desk", body: body, breadcrumbs: .underActive).response()
    }

    func receiveGifts(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        _ = try await desk.receiveGifts(FrontDeskBody(form.values), by: principal)
        return Redirect.to("\(Self.path)/gift-stock?notice=front_desk&what=record")
    }
}

/// The next step of an entry, as a form: claim with the ID checked (FRD-03), hand over after the holding period,
/// retrieve with the tag's number (FRD-05), issue the membership card (FRD-06).
enum FrontDeskStepForms {
    static func render(_ rec: FrontDeskRecordView, page: PageContext) -> HTML {
        let l = page.locale
        let forms: [HTML] = rec.actions.compactMap(FrontDeskStep.init(rawValue:)).map { step in
            let action = "\(FrontDeskPages.path)/records/\(rec.id)/\(step.rawValue)"
            let state = page.formState(action: action)
            let fields: HTML
            let names: Set<String>
            switch step {
            case .claim:
                names = ["claimantName", "claimantPhone", "idType", "idNumber", "idChecked"]
                let idTypes = [("id_card", Text("居民身份证", "Resident ID card")(l)), ("passport", Text("护照", "Passport")(l)), ("other", Text("其他证件", "Other ID")(l))]
                let checked = state.values["idChecked"] != nil
                fields = """
                \(FrontDeskPages.textField(state, "claimantName", Text("认领人", "Claimant"), l, attributes: "required"))
                \(FrontDeskPages.textField(state, "claimantPhone", Text("认领人电话", "Claimant's phone"), l, type: "tel", attributes: "required"))
                \(FormControls.field(FrontDeskLabels.closeField("idType")(l), for: "fd-idType", FormControls.select(id: "fd-idType", name: "idType", options: idTypes, selected: state.values["idType"])))
                \(FrontDeskPages.textField(state, "idNumber", FrontDeskLabels.closeField("idNumber"), l))
                <div class="field\(state.message(for: "idChecked", l) == nil ? "" : " has-error")"><label><input type="checkbox" id="fd-idChecked" name="idChecked" value="true"\(checked ? " checked" : "")>
                \(Text("已核验认领人的有效证件", "I checked the claimant's ID"), l)</label>\(state.message(for: "idChecked", l).map { "<p class=\"field-error\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)</div>
                """
            case .handOver:
                names = ["receivedBy", "note"]
                fields = """
                <p class="hint">\(Text("无人认领满 \(LostPropertyRules.holdDays) 天后移交", "Handed over when unclaimed for \(LostPropertyRules.holdDays) days"), l)\(rec.handOverFrom.map { "（\($0)）" } ?? "")</p>
                \(FrontDeskPages.textField(state, "receivedBy", FrontDeskLabels.closeField("receivedBy"), l, attributes: "required"))
                \(FrontDeskPages.textField(state, "note", Text("说明", "Note"), l))
                """
            case .retrieve:
                names = ["ticketNumber", "collectorName"]
                fields = """
                \(FrontDeskPages.textField(state, "ticketNumber", Text("顾客出示的寄存牌号", "Tag number presented"), l, attributes: "required autocomplete=\"off\""))
                \(FrontDeskPages.textField(state, "collectorName", Text("取件人（不填为寄存人）", "Collected by (blank: the owner)"), l))
                """
            case .issueCard:
                names = ["cardNumber"]
                fields = FrontDeskPages.textField(state, "cardNumber", FrontDeskLabels.closeField("cardNumber"), l, attributes: "required")
            }
            return """
            <form method="post" action="\(action)" class="fd-step" id="fd-\(step.rawValue)-form"><h2>\(FrontDeskLabels.step(step), l)</h2>\(page.csrfField)
            \(state.generalMessage(fields: names, l, id: "fd-\(step.rawValue)-error"))\(fields)
            <button type="submit" id="fd-\(step.rawValue)">\(FrontDeskLabels.step(step), l)</button></form>
            """
        }
        return forms.isEmpty ? .empty : "<section class=\"card no-print fd-steps\" id=\"fd-steps\">\(forms)</section>"
    }
}

extension Text {
    /// This text followed by the texts given.
    func joined(_ parts: Text...) -> Text { joined(parts) }

    func joined(_ parts: [Text]) -> Text {
        Text(zh + parts.map(\.zh).joined(), en + parts.map(\.en).joined())
    }
}
