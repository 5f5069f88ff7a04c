/// #11.2: a feature's field names as the user reads them, so a refusal says "请填写名称" / "Name is required", never a
/// field key such as `reserveQuota` (the key stays in the error's `details.field`, which places the message under its
/// field).
public struct FieldNames: Sendable {
    public let names: [String: Text]

    public init(_ names: [String: Text]) { self.names = names }

    /// The field's label in both languages; an unknown key is shown as it is.
    public func label(_ field: String) -> Text { names[field] ?? Text(field, field) }

    /// `template` with `{0}` the field's name in each language and `{1}`… the other arguments.
    public func message(_ template: Text, _ field: String, _ rest: [String]) -> Text {
        let name = label(field)
        func fill(_ s: String, _ first: String) -> String {
            var out = s.replacingOccurrences(of: "{0}", with: first)
            for (i, a) in rest.enumerated() { out = out.replacingOccurrences(of: "{\(i + 1)}", with: a) }
            return out
        }
        return Text(fill(template.zh, name.zh), fill(template.en, name.en))
    }

    public func message(_ template: Text, _ field: String, _ rest: String...) -> Text { message(template, field, rest) }
}
