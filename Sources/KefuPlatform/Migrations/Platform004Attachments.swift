/// #12.1: files attached to a record (photos of a new item code request, MAT-05; scans of a signed ledger). The bytes
/// live on disk under the data directory (`AttachmentDisk`), content-addressed by their SHA-256; a row names the
/// owning record by kind and id, and keeps the checksum the bytes are verified against whenever they are served.
extension Attachments {
    public static let migration = Migration(id: "platform-004-attachments", common: [
        """
        CREATE TABLE attachments (
            id TEXT PRIMARY KEY,
            owner_kind TEXT NOT NULL,
            owner_id TEXT NOT NULL,
            label TEXT NOT NULL,
            file_name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size_bytes BIGINT NOT NULL,
            sha256 TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX attachments_owner ON attachments (owner_kind, owner_id, created_at)",
    ])
}
