/// #12.5: a page form with files (multipart) refused by its route. `FormFlashMiddleware` cannot read such a body as
/// typed text, so the route hands back the text fields it read with the reason: the page draws the form again with what
/// was typed and the message under its field. The files are never kept (the browser asks for them again).
public struct RefusedUpload: Error, Sendable {
    public let error: AppError
    public let values: [String: String]

    public init(_ error: AppError, form: MultipartForm) {
        self.error = error
        var values: [String: String] = [:]
        for part in form.parts where part.fileName == nil { values[part.name] = part.text }
        self.values = values
    }
}
