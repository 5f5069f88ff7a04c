import Foundation
import KefuDomain
import SQLKit

/// Attachments (#12.1): adding a file to a record, listing a record's files, serving one. Every call asks the owning
/// feature first (`AttachmentOwner`), so a file is served only to those who may read its record.
public struct Attachments: Sendable {
    let store: any Store
    let disk: AttachmentDisk
    let owners: [String: any AttachmentOwner]

    public init(store: any Store, disk: AttachmentDisk, owners: [any AttachmentOwner]) {
        self.store = store
        self.disk = disk
        self.owners = Dictionary(owners.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public struct View: Codable, Sendable {
        public let id: String
        public let ownerKind: String
        public let ownerId: String
        public let label: String
        public let fileName: String
        public let contentType: String
        public let size: Int64
        public let sha256: String
        public let createdBy: String
        public let createdAt: String

        static let columns = "id, owner_kind, owner_id, label, file_name, content_type, size_bytes, sha256, created_by, created_at"

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id", as: String.self)
            ownerKind = try row.decode(column: "owner_kind", as: String.self)
            ownerId = try row.decode(column: "owner_id", as: String.self)
            label = try row.decode(column: "label", as: String.self)
            fileName = try row.decode(column: "file_name", as: String.self)
            contentType = try row.decode(column: "content_type", as: String.self)
            size = try row.decode(column: "size_bytes", as: Int64.self)
            sha256 = try row.decode(column: "sha256", as: String.self)
            createdBy = try row.decode(column: "created_by", as: String.self)
            createdAt = Times.rfc3339(try row.decode(column: "created_at", as: Int64.self))
        }
    }

    func owner(_ kind: String?) throws -> any AttachmentOwner {
        guard let kind = TextRules.trimmed(kind), let owner = owners[kind] else {
            throw AppError.validation("ownerKind", Text("附件所属记录的类型必须是：{0}", "ownerKind must be one of: {0}").with(owners.keys.sorted().joined(separator: ", ")))
        }
        return owner
    }

    /// Adds a file to a record. `label`: what the file shows (e.g. `distant`, `close_up`, `nameplate`), free text.
    public func add(ownerKind: String?, ownerId: String?, label: String?, fileName: String?, bytes: [UInt8], by actor: Principal,
                    now: Date = Date()) async throws -> View {
        let owner = try owner(ownerKind)
        guard let ownerId = TextRules.trimmed(ownerId) else {
            throw AppError.validation("ownerId", Text("请指明附件所属的记录", "Name the record the file belongs to"))
        }
        let type = try Self.checked(bytes)
        let disk = self.disk
        return try await store.write { db in
            try await owner.requireAttach(db, ownerId: ownerId, by: actor)
            return try await Self.insert(db, disk: disk, ownerKind: owner.kind, ownerId: ownerId, label: label, fileName: fileName, bytes: bytes, type: type,
                                         actorId: actor.userId, at: Clock.millis(now))
        }
    }

    /// The file's type when the rules let it be stored (#12.1), else the refusal, named on the `file` field (or `field`).
    public static func checked(_ bytes: [UInt8], field: String = "file") throws -> AttachmentType {
        switch AttachmentRules.check(bytes) {
        case .success(let t): return t
        case .failure(.empty):
            throw AppError.validation(field, Text("文件为空", "The file is empty"))
        case .failure(.tooLarge(let limit)):
            throw AppError(.contentTooLarge, "attachment_too_large", Text("文件过大：上限 {0} MB", "The file is too large: the limit is {0} MB").with(String(limit / 1024 / 1024)),
                           details: ["field": field])
        case .failure(.typeNotAllowed):
            throw AppError(.unsupportedMediaType, "attachment_type_not_allowed",
                           Text("只能上传 JPEG、PNG、WebP 图片或 PDF 文件（按文件内容判断，不看文件名）",
                                "Only JPEG, PNG or WebP photos and PDF files can be attached (judged by the content, not the name)"),
                           details: ["field": field])
        }
    }

    /// Stores checked bytes and records the file on its record inside the caller's transaction (a feature that creates
    /// the record and its files in one step, #12.5 MAT-05); the caller has checked who may attach.
    public static func insert(_ db: any SQLDatabase, disk: AttachmentDisk, ownerKind: String, ownerId: String, label: String?, fileName: String?,
                              bytes: [UInt8], type: AttachmentType, actorId: String, at: Int64) async throws -> View {
        let label = String((TextRules.trimmed(label) ?? "").prefix(60))
        let name = AttachmentRules.displayName(fileName)
        let sha = try disk.store(bytes)
        let id = Clock.newID()
        try await db.raw("""
            INSERT INTO attachments (id, owner_kind, owner_id, label, file_name, content_type, size_bytes, sha256, created_by, created_at)
            VALUES (\(bind: id), \(bind: ownerKind), \(bind: ownerId), \(bind: label), \(bind: name), \(bind: type.contentType), \(bind: Int64(bytes.count)),
                \(bind: sha), \(bind: actorId), \(bind: at))
            """).run()
        try await AuditTrail.record(db, actorId: actorId, action: "attach", entity: ownerKind, entityId: ownerId,
                                    detail: ["attachment": id, "file": name, "sha256": sha], at: at)
        return try await row(db, id: id)!
    }

    /// The files of a record the viewer may read.
    public func list(ownerKind: String?, ownerId: String?, viewer: Principal) async throws -> [View] {
        let owner = try owner(ownerKind)
        guard let ownerId = TextRules.trimmed(ownerId) else {
            throw AppError.validation("ownerId", Text("请指明附件所属的记录", "Name the record the file belongs to"))
        }
        return try await store.read { db in
            try await owner.requireRead(db, ownerId: ownerId, by: viewer)
            return try await Self.list(db, ownerKind: owner.kind, ownerId: ownerId)
        }
    }

    /// A record's files, for the owning feature's page queries (which have already checked the viewer).
    public static func list(_ db: any SQLDatabase, ownerKind: String, ownerId: String) async throws -> [View] {
        try await db.raw("""
            SELECT \(unsafeRaw: View.columns) FROM attachments WHERE owner_kind = \(bind: ownerKind) AND owner_id = \(bind: ownerId) ORDER BY created_at, id
            """).all().map(View.init(row:))
    }

    static func row(_ db: any SQLDatabase, id: String) async throws -> View? {
        try await db.raw("SELECT \(unsafeRaw: View.columns) FROM attachments WHERE id = \(bind: id)").first().map(View.init(row:))
    }

    /// One file and its bytes (verified against the checksum). A file of a record the viewer may not read is refused
    /// as its owner refuses the record.
    public func open(id: String, viewer: Principal) async throws -> (View, [UInt8]) {
        let owners = self.owners
        let view = try await store.read { db -> View in
            guard let v = try await Self.row(db, id: id), let owner = owners[v.ownerKind] else { throw AppError.notFound(Text("附件", "Attachment")) }
            try await owner.requireRead(db, ownerId: v.ownerId, by: viewer)
            return v
        }
        return (view, try disk.read(view.sha256))
    }
}
