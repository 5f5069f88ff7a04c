import Foundation
import HTTPTypes
import Hummingbird
import KefuDomain

/// Attachments over the API and from page forms (#12.1).
/// - `POST /api/v1/attachments`: JSON `{"ownerKind","ownerId","label","fileName","data"}` (data: base64) or a
///   `multipart/form-data` body with the same fields and the file in `file` → 201 with the attachment.
/// - `GET /api/v1/attachments?ownerKind=&ownerId=`: the record's files.
/// - `GET /api/v1/attachments/{id}`: the file itself (its checksum in `X-Content-SHA256`).
/// - Pages: `POST /attachments` (multipart, with `_csrf` and `_back`) and `GET /attachments/{id}` (session cookie).
public struct AttachmentAPI: Sendable {
    let attachments: Attachments

    public init(attachments: Attachments) { self.attachments = attachments }

    struct Upload: Decodable {
        let ownerKind: String?
        let ownerId: String?
        let label: String?
        let fileName: String?
        let data: String?
    }

    /// base64 of 10 MiB and the JSON around it.
    static let jsonLimit = 14 * 1024 * 1024

    public func register(_ routes: ApiRoutes, on router: Router<KefuContext>) {
        routes.schema("AttachmentUpload", ["type": "object", "required": ["ownerKind", "ownerId", "data"], "properties": [
            "ownerKind": ["type": "string", "description": "the kind of record: site_ledger, item_request, …"], "ownerId": ["type": "string"],
            "label": ["type": "string", "maxLength": 60, "description": "what it shows, e.g. distant, close_up, nameplate"],
            "fileName": ["type": "string"], "data": ["type": "string", "contentEncoding": "base64", "description": "JPEG, PNG, WebP or PDF, at most 10 MB"],
        ]])
        routes.schema("Attachment", ["type": "object", "properties": [
            "id": ["type": "string"], "ownerKind": ["type": "string"], "ownerId": ["type": "string"], "label": ["type": "string"], "fileName": ["type": "string"],
            "contentType": ["type": "string"], "size": ["type": "integer"], "sha256": ["type": "string"], "createdBy": ["type": "string"], "createdAt": ["type": "string"],
        ]])
        routes.itemsSchema("AttachmentList", item: "Attachment")
        routes.add(.init(.post, "/api/v1/attachments", summary: "Attach a photo or PDF to a record the caller may change (type by content, at most 10 MB)",
                         tag: "attachments", request: "AttachmentUpload", response: "Attachment", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            var request = request
            if MultipartForm.isMultipart(request) {
                let form = try await MultipartForm.read(&request)
                let file = form.file("file")
                let view = try await attachments.add(ownerKind: form["ownerKind"], ownerId: form["ownerId"], label: form["label"],
                                                     fileName: file?.fileName, bytes: file?.bytes ?? [], by: principal)
                return try JSONIO.response(view, status: .created)
            }
            let upload = try await Self.decode(request)
            guard let text = upload.data, let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
                throw AppError.validation("data", Text("data 应为文件内容的 base64", "data must be the file's content in base64"))
            }
            let view = try await attachments.add(ownerKind: upload.ownerKind, ownerId: upload.ownerId, label: upload.label, fileName: upload.fileName,
                                                 bytes: [UInt8](data), by: principal)
            return try JSONIO.response(view, status: .created)
        }
        routes.add(.init(.get, "/api/v1/attachments", summary: "The files of a record the caller may read", tag: "attachments", response: "AttachmentList",
                         query: ["ownerKind", "ownerId"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.uri.queryParameters
            let items = try await attachments.list(ownerKind: q["ownerKind"].map(String.init), ownerId: q["ownerId"].map(String.init), viewer: principal)
            return try JSONIO.response(["items": items])
        }
        routes.add(.init(.get, "/api/v1/attachments/{id}", summary: "One file, served only to those who may read its record", tag: "attachments")) { _, context in
            let principal = try context.requirePrincipal()
            return try await file(try context.parameters.require("id"), principal)
        }

        // The page upload answers with a redirect to the page it came from, saying what became of the file (POST-redirect-GET,
        // #11.2); a file the rules refuse comes back with the reason; a denial is the error page (403/404).
        router.post("/attachments") { request, context in
            let principal = try context.requirePrincipal()
            var request = request
            var back = "/"
            do {
                guard MultipartForm.isMultipart(request) else {
                    throw AppError.badRequest("invalid_multipart", Text("上传文件的表单格式不正确", "The upload form is malformed"))
                }
                let form = try await MultipartForm.read(&request)
                back = LocalRedirect.path(form["_back"]) ?? "/"
                let file = form.file("file")
                let view = try await attachments.add(ownerKind: form["ownerKind"], ownerId: form["ownerId"], label: form["label"], fileName: file?.fileName,
                                                     bytes: file?.bytes ?? [], by: principal)
                return Redirect.to(Self.noticePath(back, "attached", view.fileName))
            } catch let error as AppError where ![.unauthorized, .forbidden, .notFound].contains(error.status) {
                return Redirect.to(Self.noticePath(back, "attachment_refused", error.message(context.locale)))
            }
        }
        router.get("/attachments/:id") { _, context in
            let principal = try context.requirePrincipal()
            return try await file(try context.parameters.require("id"), principal)
        }
    }

    static func noticePath(_ back: String, _ notice: String, _ what: String) -> String {
        let path = String(back.prefix { $0 != "?" && $0 != "#" })
        return path + "?notice=" + notice + "&what=" + urlQueryValue(String(what.prefix(80)))
    }

    static func decode(_ request: Request) async throws -> Upload {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: jsonLimit)
        } catch {
            throw AppError(.contentTooLarge, "attachment_too_large", Text("文件过大：上限 10 MB", "The file is too large: the limit is 10 MB"))
        }
        do {
            return try JSONDecoder().decode(Upload.self, from: Data(buffer.readableBytesView))
        } catch {
            throw AppError.badRequest("invalid_json", Text("请求内容不是有效的 JSON", "The request body is not valid JSON"))
        }
    }

    func file(_ id: String, _ principal: Principal) async throws -> Response {
        let (view, bytes) = try await attachments.open(id: id, viewer: principal)
        var headers = HTTPFields()
        headers[.contentType] = view.contentType
        headers[.cacheControl] = "private, no-store"
        headers[HTTPField.Name("X-Content-SHA256")!] = view.sha256
        let encoded = view.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "attachment"
        headers[.contentDisposition] = (view.contentType == "application/pdf" || view.contentType.hasPrefix("image/") ? "inline" : "attachment")
            + "; filename*=UTF-8''" + encoded
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
