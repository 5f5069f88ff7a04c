/// #11.2: a form drawn again after a refusal keeps everything typed and shows the reason next to the
/// field it concerns (`AppError.details["field"]`), or above the form when it concerns no one field.
public struct FormState: Sendable {
    public let values: [String: String]
    public let error: AppError?

    public static let empty = FormState(values: [:], error: nil)

    public init(values: [String: String], error: AppError?) {
        self.values = values
        self.error = error
    }

    public init(_ form: FormData, _ error: AppError?) {
        var values = form.values
        values["_csrf"] = nil
        self.init(values: values, error: error)
    }

    /// What was typed into `name`, or the record's current value when the form is fresh.
    public func value(_ name: String, default fallback: String? = nil) -> String? {
        values[name] ?? fallback
    }

    /// The field the refusal names, if any.
    public var errorField: String? { error?.details["field"] }

    /// The message for `name` when the refusal concerns that field.
    public func message(for name: String, _ l: AppLocale) -> String? {
        guard let error, errorField == name else { return nil }
        return error.message(l)
    }

    /// The message above the form: only when no field of `fields` carries it.
    public func generalMessage(fields: Set<String>, _ l: AppLocale, id: String? = nil) -> HTML {
        guard let error else { return .empty }
        if let f = errorField, fields.contains(f) { return .empty }
        return FormControls.errorBox(error, l, id: id)
    }
}

extension FormControls {
    /// A labelled control whose refusal message stands right under it, tied to it for screen readers.
    public static func field(_ label: String, for id: String, _ control: HTML, error: String?, hint: String? = nil) -> HTML {
        guard let error else { return field(label, for: id, control, hint: hint) }
        let hintHTML: HTML = hint.map { "<div class=\"hint\">\($0)</div>" } ?? .empty
        return """
        <div class="field has-error"><label for="\(id)">\(label)</label>\(control)<p class="field-error" id="\(id)-error" role="alert">\(error)</p>\(hintHTML)</div>
        """
    }
}
