import KefuDomain
import KefuPlatform

/// #11.3: the parts of a document screen that make its printed copy: 制单人 / 审核人 with their times, and the
/// signature lines (print only). The print stylesheet (`Assets.documentPrintCSS`) hides every control.
enum DocumentPrint {
    static func people(_ p: DocumentPeople, _ l: AppLocale) -> HTML {
        let made = p.madeAt.map { Times.display($0) } ?? ""
        let audited = p.auditedAt.map { Times.display($0) } ?? ""
        return """
        <dl class="facts doc-people" id="document-people">
        <dt>\(Text("制单人", "Made by"), l)</dt><dd id="doc-maker">\(p.maker ?? "—")\(made.isEmpty ? "" : " · " + made)</dd>
        <dt>\(Text("审核人", "Audited by"), l)</dt><dd id="doc-auditor">\(p.auditor ?? "—")\(audited.isEmpty ? "" : " · " + audited)</dd>
        </dl>
        """
    }

    static func signatures(_ l: AppLocale, roles: [Text]) -> HTML {
        let cells: [HTML] = roles.map { "<span class=\"signature\">\($0, l)：<span class=\"signature-line\"></span></span>" }
        return "<div class=\"signatures print-only\" id=\"document-signatures\">\(cells)</div>"
    }

    static let documentRoles = [Text("制单", "Prepared"), Text("审核", "Audited"), Text("保管员", "Storekeeper"), Text("经手人", "Handled by")]
    static let transferRoles = [Text("制单", "Prepared"), Text("审核", "Audited"), Text("调出方", "Sent by"), Text("调入方", "Received by")]
}
