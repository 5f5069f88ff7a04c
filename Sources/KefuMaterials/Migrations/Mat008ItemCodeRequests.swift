import KefuPlatform

extension MaterialsMigrations {
    /// #12.5, MAT-05: a site's or department's request for a new item code, forwarded by the department and decided by
    /// HQ; its photos are attachments of kind `item_request` (label = photo kind).
    static let mat008ItemCodeRequests = Migration(id: "mat-008-item-code-requests", common: [
        """
        CREATE TABLE item_requests (
            id TEXT PRIMARY KEY,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            name TEXT NOT NULL,
            spec TEXT NOT NULL,
            unit TEXT NOT NULL,
            purpose TEXT NOT NULL,
            status TEXT NOT NULL,
            item_id TEXT REFERENCES items (id),
            reason TEXT,
            requested_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX item_requests_scope ON item_requests (org_path, status, created_at)",
    ])
}
