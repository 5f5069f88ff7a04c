/// #11.1: the markup of a typeahead picker (`Assets.pickerJS`): a visible text field showing the record's human number
/// or name, and the hidden field the form posts (the record's id once picked, or the text as typed, which the server
/// resolves as a human number).
extension FormControls {
    /// - Parameters:
    ///   - id: the visible field's id (its label's `for`); the hidden field's id is `id + "-value"`.
    ///   - name: the posted name (`ticketId`, `salespersonId` …), carried by the hidden field.
    ///   - search: the picker's search URL, e.g. `/api/v1/search?kinds=ticket`.
    ///   - shown: the human number or name shown in the field (the record's number, a username).
    ///   - value: the posted value (the record's id, or what the user typed when the form comes back refused).
    public static func picker(id: String, name: String, search: String, shown: String?, value: String?, attributes: String = "") -> HTML {
        let hiddenId = id + "-value"
        let extra = attributes.isEmpty ? "" : " " + attributes
        return """
        <input type="text" id="\(id)" data-picker="\(search)" data-picker-value="\(hiddenId)" value="\(shown ?? value ?? "")"\(HTML(raw: extra))>\
        <input type="hidden" id="\(hiddenId)" name="\(name)" value="\(value ?? "")">
        """
    }
}
