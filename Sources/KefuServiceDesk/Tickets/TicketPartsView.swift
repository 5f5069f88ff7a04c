import KefuPlatform

/// #13.6: the ticket page's parts section — the issue lines (document number linked, item, quantity, state), the broken
/// parts removed (their register numbers), and for whoever may issue from a warehouse, one phone-friendly form: one part
/// taken and, optionally, the broken part that came out (the API takes several of each). Field names are those the
/// step's refusals point at, so a refused form comes back with the message under its field (#11.2).
enum TicketPartsView {
    static func render(_ s: TicketPartsSection, ticketId: String, page: PageContext) -> HTML {
        let l = page.locale
        let used: HTML = s.used.isEmpty
            ? "<p class=\"empty\" id=\"ticket-parts-used-empty\">\(Text("尚未领用备件", "No parts used yet"), l)</p>"
            : DataTable.render(id: "ticket-parts-used", headers: [Text("出库单", "Issue"), Text("存货", "Item"), Text("数量", "Quantity"), Text("状态", "State")].map { $0(l) },
                               rows: s.used.map { u in
                DataTable.Row(plain: ["<a class=\"ticket-part-document\" href=\"\(u.documentHref)\">\(u.documentNumber)</a>", "\(u.item)", "\(u.quantity)", "\(u.status, l)"],
                              attributes: "class=\"ticket-part-used\"")
            })
        let removed: HTML = s.removed.isEmpty
            ? "<p class=\"empty\" id=\"ticket-parts-removed-empty\">\(Text("尚未登记拆下的损坏件", "No removed parts registered"), l)</p>"
            : DataTable.render(id: "ticket-parts-removed", headers: [Text("损坏件编号", "Damaged part"), Text("存货", "Item"), Text("数量", "Quantity"), Text("风机号", "Turbine")].map { $0(l) },
                               rows: s.removed.map { r in
                DataTable.Row(plain: ["<a class=\"ticket-part-removed-link\" href=\"\(r.href)\">\(r.number)</a>", "\(r.item)", "\(r.quantity)", "\(r.turbine)"],
                              attributes: "class=\"ticket-part-removed\"")
            })
        return """
        <section id="ticket-parts" class="ticket-parts">
        <h2>\(Text("领用备件", "Parts used"), l)</h2>
        \(used)
        <h2>\(Text("拆下的损坏件", "Parts removed"), l)</h2>
        \(removed)
        \(s.warehouses.isEmpty ? .empty : form(s, ticketId: ticketId, page: page))
        </section>
        """
    }

    static let fields = ["warehouseId", "turbineNumber", "lines[0].itemId", "lines[0].quantity", "removed[0].itemId", "removed[0].quantity",
                         "removed[0].replacedBy", "removed[0].newSerial", "removed[0].oldSerial", "removed[0].cause"]

    static func form(_ s: TicketPartsSection, ticketId: String, page: PageContext) -> HTML {
        let l = page.locale
        let state = page.formState(action: s.formAction)
        func text(_ name: String, _ label: Text, _ id: String, attributes: String = "") -> HTML {
            FormControls.field(label(l), for: id, FormControls.input(id: id, name: name, value: state.values[name], attributes: attributes), error: state.message(for: name, l))
        }
        func picker(_ name: String, _ label: Text, _ id: String) -> HTML {
            FormControls.field(label(l), for: id, FormControls.picker(id: id, name: name, search: s.itemSearch, shown: state.values[name], value: state.values[name]),
                               error: state.message(for: name, l))
        }
        return """
        <details class="no-print" id="ticket-parts-details"\(state.error == nil ? "" : " open")><summary id="ticket-parts-open">\(Text("领用备件 / 登记损坏件", "Issue parts / register a removed part"), l)</summary>
        \(state.generalMessage(fields: Set(fields), l, id: "ticket-parts-error"))
        <form method="post" action="\(s.formAction)" id="ticket-parts-form" class="one-column">\(page.csrfField)
        <input type="hidden" name="_back" value="/tickets/\(ticketId)">
        \(FormControls.field(Text("出库仓库", "Issue from")(l), for: "tp-warehouse",
                             FormControls.select(id: "tp-warehouse", name: "warehouseId", options: s.warehouses.map { ($0.id, $0.label) }, selected: state.values["warehouseId"]),
                             error: state.message(for: "warehouseId", l)))
        \(picker("lines[0].itemId", Text("领用的备件（编码或名称）", "Part taken (code or name)"), "tp-item"))
        \(text("lines[0].quantity", Text("数量", "Quantity"), "tp-quantity", attributes: "inputmode=\"decimal\""))
        \(text("turbineNumber", Text("风机号", "Turbine number"), "tp-turbine"))
        <fieldset id="tp-removed"><legend>\(Text("拆下的损坏件（可选，DMG-02）", "Broken part removed (optional, DMG-02)"), l)</legend>
        \(picker("removed[0].itemId", Text("损坏件（编码或名称）", "Broken part (code or name)"), "tp-removed-item"))
        \(text("removed[0].quantity", Text("数量", "Quantity"), "tp-removed-quantity", attributes: "inputmode=\"decimal\""))
        \(text("removed[0].replacedBy", Text("更换人", "Replaced by"), "tp-replaced-by"))
        \(text("removed[0].newSerial", Text("更换上的新备件编号", "New part's serial number"), "tp-new-serial"))
        \(text("removed[0].oldSerial", Text("更换下的旧备件编号", "Old part's serial number"), "tp-old-serial"))
        \(text("removed[0].cause", Text("损坏原因", "Cause of the damage"), "tp-cause"))
        </fieldset>
        <div class="actions"><button type="submit" id="ticket-parts-save">\(Text("领用并登记", "Issue and register"), l)</button></div>
        </form></details>
        """
    }
}
