/// #11.2: how a page shows a refused form kept for it. The reason stands at the top of the page (role=alert, in the
/// user's language) with the typed values beside it; the page script (`Assets.formFlashJS`) refills the form whose
/// action is the flash's and moves the reason under the field it names. Without script the reason still shows.
enum FormFlashView {
    static func render(_ flash: FormFlash?, _ l: AppLocale) -> HTML {
        guard let flash else { return .empty }
        return """
        <p class="flash-error" role="alert" id="form-flash-message">\(flash.message, l)</p>\
        <div id="form-flash" hidden data-action="\(flash.action)" data-field="\(flash.field ?? "")" data-values="\(flash.valuesJSON)"></div>
        """
    }
}
