import SQLKit

/// #17.6 RET-04: the files of a record that `kefu retention archive` moves out of the database. Their rows go into the
/// record's JSON line (as the child table `attachments`: name, type, size and the SHA-256 under which the bytes stay
/// in the attachment store, `AttachmentDisk`, which is content-addressed and may share a file between records) and are
/// deleted with the record.
extension Attachments {
    /// The rows of one owner kind's record, for its archiver's `children`. Columns as of platform-004.
    public static func archivedTable(ownerKind: String) -> ArchivedTable {
        precondition(ownerKind.allSatisfy { $0.isLetter || $0 == "_" }, "an owner kind is a plain name")
        return ArchivedTable("attachments", key: "owner_id", filter: "owner_kind = '\(ownerKind)'", order: "created_at, id", columns: [
            ("id", .text), ("owner_kind", .text), ("owner_id", .text), ("label", .text), ("file_name", .text), ("content_type", .text),
            ("size_bytes", .integer), ("sha256", .text), ("created_by", .text), ("created_at", .integer),
        ])
    }

    /// Deletes the rows of the record's files (the bytes stay in the store), in the archive's transaction.
    public static func deleteArchived(ownerKind: String, ownerId: String, in db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM attachments WHERE owner_kind = \(bind: ownerKind) AND owner_id = \(bind: ownerId)").run()
    }
}
