import Foundation
import KefuDomain
import KefuPlatform

/// The toolbar of an order: one form per step the viewer may take now (4.8), the signature pad among them (WO-07).
enum WorkOrderStepForms {
    static func render(_ o: WorkOrderView, page: PageContext) -> HTML {
        let l = page.locale
        let forms: [HTML] = o.actions.compactMap(WorkOrderStep.init(rawValue:)).map { step in
            let action = "\(WorkOrderPages.path)/\(o.id)/\(step.rawValue)"
            let state = page.formState(action: action)
            let button: HTML = "<button type=\"submit\" id=\"wo-\(step.rawValue)\">\(WorkOrderLabels.step(step), l)</button>"
            let fields: HTML
            switch step {
            case .bookAppointment:
                fields = """
                \(FormControls.field(Text("预约时间", "Appointment")(l), for: "wo-appointment-at",
                                     FormControls.input(id: "wo-appointment-at", name: "appointmentAt", type: "datetime-local", value: state.values["appointmentAt"], attributes: "required"),
                                     error: state.message(for: "appointmentAt", l)))
                \(WorkOrderPages.textField(state, "note", Text("说明（技工外出，WO-03）", "Note (technician out, WO-03)"), "wo-appointment-note", l))
                """
            case .finish:
                fields = """
                \(WorkOrderPages.textArea(state, "workNotes", Text("维修记录", "Work notes"), "wo-work-notes", l))
                \(WorkOrderPages.textArea(state, "materials", Text("所用材料（每行一项，如：角阀 DN15 1 个；本单位设有材料仓库时写“物料编码 数量”，如 JF-DN15 2，从仓库出库）", "Materials used (one per line, e.g. angle valve DN15 × 1; where the unit has a materials store: \"item code quantity\", e.g. JF-DN15 2, issued from the store)"), "wo-materials", l, required: false))
                """
            case .returnVisit:
                fields = WorkOrderPages.textArea(state, "note", Text("回访情况（WO-11）", "Return-visit notes (WO-11)"), "wo-return-note", l)
            case .signature:
                return signaturePad(o, action: action, state: state, page: page)
            default:
                fields = .empty
            }
            return """
            <form method="post" action="\(action)" class="wo-step" id="wo-\(step.rawValue)-form">\(page.csrfField)
            \(state.generalMessage(fields: ["appointmentAt", "note", "workNotes", "materials"], l, id: "wo-\(step.rawValue)-error"))\(fields)\(button)</form>
            """
        }
        return forms.isEmpty ? .empty : "<section class=\"card no-print wo-steps\" id=\"work-order-steps\">\(forms)</section>"
    }

    /// WO-07, WO-08: the requester signs with a finger (or the mouse) on a canvas; the asset script (`Assets.signaturePadJS`)
    /// puts the drawing into `image` as a PNG when the form is sent, and refuses an empty pad.
    static func signaturePad(_ o: WorkOrderView, action: String, state: FormState, page: PageContext) -> HTML {
        let l = page.locale
        let relations = WorkOrderSignerRelation.allowed(for: o.kind).map { ($0.rawValue, WorkOrderLabels.relation($0)(l)) }
        return """
        <form method="post" action="\(action)" class="wo-step signature-form" id="wo-signature-form" data-signature-form \
        data-empty-message="\(Text("请报修人先在框内签字", "The requester must sign in the box first"), l)">\(page.csrfField)
        <h2>\(Text("报修人签字（WO-07）", "Requester's signature (WO-07)"), l)</h2>
        \(state.generalMessage(fields: ["signerName", "signerRelation", "image"], l, id: "wo-signature-error"))
        \(WorkOrderPages.textField(state, "signerName", Text("签字人姓名", "Signer's name"), "wo-signer-name", l, value: o.requesterName, attributes: "required"))
        \(FormControls.field(Text("签字人身份（WO-08）", "Signer (WO-08)")(l), for: "wo-signer-relation",
                             FormControls.select(id: "wo-signer-relation", name: "signerRelation", options: relations, selected: state.values["signerRelation"]),
                             error: state.message(for: "signerRelation", l)))
        <div class="field\(state.message(for: "image", l) == nil ? "" : " has-error")"><label for="wo-signature-pad">\(Text("请在框内签字", "Sign in the box"), l)</label>
        <canvas id="wo-signature-pad" class="signature-pad" width="600" height="220" data-signature-pad tabindex="0" \
        aria-label="\(Text("签字板：用手指或鼠标签字", "Signature pad: sign with a finger or the mouse"), l)"></canvas>
        \(state.message(for: "image", l).map { "<p class=\"field-error\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
        <p class="field-error" id="wo-signature-empty" role="alert" hidden></p></div>
        <input type="hidden" name="image" id="wo-signature-image" value="">
        <div class="actions"><button type="button" id="wo-signature-clear" data-signature-clear>\(Text("清除重签", "Clear"), l)</button>
        <button type="submit" id="wo-signature">\(Text("提交签字", "Submit signature"), l)</button></div>
        </form>
        """
    }
}

/// The facts of an order, on its page.
enum WorkOrderFacts {
    static func time(_ millis: Int64?) -> String { millis.map { Times.display($0) } ?? "—" }

    static func render(_ o: WorkOrderView, _ l: AppLocale) -> HTML {
        let signature: HTML = o.signature.map { s in
            """
            <dt>\(Text("报修人签字", "Requester's signature"), l)</dt><dd id="wo-signature-shown">
            <img class="signature-image" id="wo-signature-img" src="\(s.dataURI)" alt="\(Text("签字", "Signature"), l)" width="240">
            <br>\(s.signerName) · \(WorkOrderLabels.relation(s.signerRelation), l) · \(time(s.signedMillis))
            <br><small id="wo-signature-hash" data-matches="\(s.contentMatches ? "1" : "0")">SHA-256 \(String(s.contentSha256.prefix(16)))…\(s.contentMatches ? "" : " · " + Text("签字后内容已改变", "content changed after signing")(l))</small></dd>
            """
        } ?? .empty
        return """
        <dl class="facts" id="work-order-facts">
        <dt>\(Text("编号", "Number"), l)</dt><dd id="wo-number">\(o.number)</dd>
        \(o.ticketNumber.map { "<dt>\(Text("来自工单", "From ticket"), l)</dt><dd>\($0)</dd>" as HTML } ?? .empty)
        <dt>\(Text("所属单位", "Unit"), l)</dt><dd>\(o.unitName)</dd>
        <dt>\(Text("地点", "Location"), l)</dt><dd id="wo-location">\(o.location)</dd>
        <dt>\(Text("报修内容", "What is wrong"), l)</dt><dd>\(o.description)</dd>
        <dt>\(Text("报修人", "Requester"), l)</dt><dd>\(o.requesterName) · <a href="tel:\(o.requesterPhone)">\(o.requesterPhone)</a></dd>
        <dt>\(Text("派单", "Issued"), l)</dt><dd>\(o.issuerName) · \(time(o.issuedMillis))</dd>
        \(o.appointmentAt.map { "<dt>\(Text("预约上门", "Appointment"), l)</dt><dd id=\"wo-appointment\">\($0)\(o.appointmentNote.map { " · " + $0 } ?? "")</dd>" as HTML } ?? .empty)
        \(o.area.map { "<dt>\(Text("区域", "Area"), l)</dt><dd id=\"wo-area\">\($0)</dd>" as HTML } ?? .empty)
        \(o.assignedTo == nil ? .empty : "<dt>\(Text("派给", "Assigned to"), l)</dt><dd id=\"wo-assignee\" data-by=\"\(o.assignedBy ?? "")\">\(o.assigneeName ?? "—") · \(o.assignedBy == "area" ? Text("区域负责人", "responsible for the area") : Text("当时值班", "on duty"), l)</dd>" as HTML)
        <dt>\(Text("值班技工", "Technician"), l)</dt><dd id="wo-technician">\(o.technicianName ?? "—")</dd>
        <dt>\(Text("接单 / 出发 / 到场", "Accepted / departed / arrived"), l)</dt><dd id="wo-times">\(time(o.acceptedMillis)) / \(time(o.departedMillis)) / \(time(o.arrivedMillis))</dd>
        <dt>\(Text("维修记录", "Work notes"), l)</dt><dd id="wo-work-notes-shown">\(o.workNotes.isEmpty ? "—" : o.workNotes)</dd>
        <dt>\(Text("所用材料", "Materials used"), l)</dt><dd id="wo-materials-shown" class="pre">\(o.materials.isEmpty ? "—" : o.materials)</dd>
        \(o.materialsDocumentId.map { "<dt>\(Text("材料出库单", "Materials issue"), l)</dt><dd><a id=\"wo-materials-document\" href=\"/materials/documents/\($0)\">\(o.materialsDocumentNumber ?? $0)</a></dd>" as HTML } ?? .empty)
        \(signature)
        \(o.completedMillis.map { "<dt>\(Text("完成", "Completed"), l)</dt><dd id=\"wo-completed\">\(time($0)) · \(Text("保存至", "kept until"), l) \(o.keptUntil ?? "")（RET-02）</dd>" as HTML } ?? .empty)
        \(o.returnVisitNote.map { "<dt>\(Text("回访", "Return visit"), l)</dt><dd id=\"wo-return-visit\">\(o.returnVisitorName ?? "—") · \(time(o.returnVisitMillis)) · \($0)</dd>" as HTML } ?? .empty)
        </dl>
        """
    }
}
