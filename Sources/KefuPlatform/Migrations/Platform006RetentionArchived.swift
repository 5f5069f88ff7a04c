/// #17.6 RET-04: what is left in the database of a record `kefu retention archive` moved out: its kind, id, number, the
/// unit it belonged to (its org path, when the kind has one, so the tombstone is shown only to whom the record was),
/// when it was archived and the file that keeps it (`RetentionTombstones`). Written in the transaction of the delete.
extension RetentionMigrations {
    public static let platform006 = Migration(id: "platform-006-retention-archived", common: [
        """
        CREATE TABLE retention_archived (
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            number TEXT NOT NULL,
            org_path TEXT,
            archived_at BIGINT NOT NULL,
            file TEXT NOT NULL,
            PRIMARY KEY (kind, record_id)
        )
        """,
        "CREATE INDEX retention_archived_number ON retention_archived (kind, number)",
    ])
}
