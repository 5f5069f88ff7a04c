import Foundation

/// #11.2: a refused page form, kept for the one page view that follows the redirect (POST-redirect-GET): the form it
/// came from (`action`), what was typed (never a password, a secret or the CSRF token) and why it was refused.
public struct FormFlash: Sendable, Equatable {
    /// The form's action path, e.g. `/admin/units`; the page refills the form whose action this is.
    public let action: String
    public let values: [String: String]
    public let code: String
    public let message: Text
    /// The field the refusal names (`AppError.details["field"]`), if any.
    public let field: String?

    public init(action: String, values: [String: String], code: String, message: Text, field: String?) {
        self.action = action
        self.values = Self.keepable(values)
        self.code = code
        self.message = message
        self.field = field
    }

    public init(action: String, form: FormData, error: AppError) {
        self.init(action: action, values: form.values, code: error.code, message: error.message, field: error.details["field"])
    }

    /// The refusal as an error again, for `FormState`.
    public var error: AppError {
        AppError(.unprocessableContent, code, message, details: field.map { ["field": $0] } ?? [:])
    }

    /// The form as a page draws it again server-side, when the page draws the form with this action.
    public func state(for action: String) -> FormState? {
        guard action == self.action else { return nil }
        return FormState(values: values, error: error)
    }

    /// Names never kept: the CSRF token, where the refused form came from, and anything secret.
    static func isKeepable(_ name: String) -> Bool {
        let lower = name.lowercased()
        if name == "_csrf" || name == "_back" { return false }
        return !["password", "secret", "token"].contains { lower.contains($0) }
    }

    static func keepable(_ values: [String: String]) -> [String: String] {
        values.filter { isKeepable($0.key) }
    }

    // Stored as JSON in one column.
    struct Payload: Codable {
        let action: String
        let values: [String: String]
        let code: String
        let zh: String
        let en: String
        let field: String?
    }

    func encoded() throws -> String {
        let data = try JSONEncoder().encode(Payload(action: action, values: values, code: code, zh: message.zh, en: message.en, field: field))
        return String(decoding: data, as: UTF8.self)
    }

    static func decoded(_ text: String) throws -> FormFlash {
        let p = try JSONDecoder().decode(Payload.self, from: Data(text.utf8))
        return FormFlash(action: p.action, values: p.values, code: p.code, message: Text(p.zh, p.en), field: p.field)
    }

    /// What the page script reads to refill the form: the typed values as a JSON object.
    public var valuesJSON: String {
        let data = (try? JSONSerialization.data(withJSONObject: values, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
