import KefuDomain
import KefuPlatform

extension FormState {
    /// A labelled input of a materials form that keeps what was typed (else `fallback`, the record's value) and shows
    /// its refusal right under it (#11.2).
    func textField(_ name: String, _ label: Text, _ id: String, _ l: AppLocale, type: String = "text", fallback: String? = nil, attributes: String = "") -> HTML {
        FormControls.field(label(l), for: id, FormControls.input(id: id, name: name, type: type, value: values[name] ?? fallback, attributes: attributes),
                           error: message(for: name, l))
    }
}
