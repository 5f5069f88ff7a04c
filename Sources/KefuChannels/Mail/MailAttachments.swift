import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// #16.1 (CH-01): the files a customer's e-mail brought, on its ticket's page (a link each, under 相关记录) and
/// downloadable by whoever may see the ticket. Always sent as a download (`Content-Disposition: attachment`, and an
/// HTML or SVG file as `application/octet-stream`), so a file from outside never runs as a page of Kefu.
public struct MailAttachmentLinks: TicketLinkProvider {
    public init() {}

    public func links(_ db: any SQLDatabase, ticketId: String, viewer: Principal) async throws -> [TicketLink] {
        // #16.6 and the files the customer sent from the portal, shown as from the customer.
        try await db.raw("""
            SELECT id, file_name, size_bytes, 0 AS portal, 0 AS at, mail_id AS k, seq FROM inbound_mail_attachments WHERE ticket_id = \(bind: ticketId)
            UNION ALL SELECT id, file_name, size_bytes, 1 AS portal, created_at AS at, id AS k, 0 AS seq FROM portal_attachments WHERE ticket_id = \(bind: ticketId)
            ORDER BY portal, at, k, seq LIMIT 100
            """).all().map { row in
            let name = try row.decode(column: "file_name", as: String.self)
            let size = MailAttachmentDownload.size(try row.decode(column: "size_bytes", as: Int64.self))
            let label = try row.decode(column: "portal", as: Int.self) == 1
                ? Text("客户在门户上传的附件 {0}（{1}）", "File from the customer (portal) {0} ({1})") : Text("邮件附件 {0}（{1}）", "Mail attachment {0} ({1})")
            return TicketLink(label: label.with(name, size), href: MailAttachmentDownload.path + "/" + (try row.decode(column: "id", as: String.self)))
        }
    }
}

public struct MailAttachmentDownload: Sendable {
    let store: any Store

    public init(store: any Store) { self.store = store }

    static let path = "/mail/attachments"
    static let unsafeTypes: Set<String> = ["text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml"]

    static func size(_ bytes: Int64) -> String {
        bytes < 1024 ? "\(bytes) B" : bytes < 1_048_576 ? "\(bytes / 1024) KB" : String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }

    public func register(on router: Router<KefuContext>) {
        router.get("/mail/attachments/:id") { _, context in
            let viewer = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            let file = try await store.read { db -> (name: String, type: String, bytes: Data) in
                guard let row = try await db.raw("""
                    SELECT ticket_id, file_name, content_type, bytes FROM inbound_mail_attachments WHERE id = \(bind: id)
                    UNION ALL SELECT ticket_id, file_name, content_type, bytes FROM portal_attachments WHERE id = \(bind: id)
                    """).first(),
                    let ticketId = try row.decode(column: "ticket_id", as: String?.self),
                    try await TicketQueries.mayView(db, ticketId: ticketId, viewer: viewer) else {
                    throw AppError.notFound(Text("邮件附件", "Mail attachment"))
                }
                return (try row.decode(column: "file_name", as: String.self), try row.decode(column: "content_type", as: String.self),
                        try row.decode(column: "bytes", as: Data.self))
            }
            return Self.download(name: file.name, type: file.type, bytes: file.bytes)
        }
    }

    /// A stored file as a download that never runs as a page of Kefu (#16.6: also the customer portal's files).
    static func download(name: String, type rawType: String, bytes: Data) -> Response {
        let file = (name: name, type: rawType, bytes: bytes)
        do {
            var headers = HTTPFields()
            let type = file.type.lowercased()
            headers[.contentType] = Self.unsafeTypes.contains(type) || type.isEmpty ? "application/octet-stream" : file.type
            let ascii = String(file.name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
            let encoded = file.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii
            headers[.contentDisposition] = "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
            headers[.cacheControl] = "private, no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
        }
    }
}
