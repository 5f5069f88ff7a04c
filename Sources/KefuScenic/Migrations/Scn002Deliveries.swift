import KefuPlatform

extension ScenicMigrations {
    /// VIS-01/02: the mailing register (代邮: a special visitor's crafts mailed by marketing; postage in fen, courier and
    /// tracking number once sent) and ticket deliveries (送票 of a reservation). There is no delete.
    static let scn002Deliveries = Migration(id: "scn-002-deliveries", common: [
        """
        CREATE TABLE scenic_mailings (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            status TEXT NOT NULL,
            visitor_name TEXT NOT NULL,
            addressee TEXT NOT NULL,
            address TEXT NOT NULL,
            phone TEXT NOT NULL,
            items TEXT NOT NULL,
            fee_fen BIGINT NOT NULL,
            courier TEXT,
            tracking_no TEXT,
            requested_at BIGINT NOT NULL,
            requested_by TEXT NOT NULL,
            sent_at BIGINT,
            sent_by TEXT,
            delivered_at BIGINT,
            delivered_by TEXT
        )
        """,
        "CREATE INDEX scenic_mailings_scope ON scenic_mailings (org_path, requested_at)",
        """
        CREATE TABLE scenic_ticket_deliveries (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            status TEXT NOT NULL,
            reservation_ref TEXT NOT NULL,
            tickets INTEGER NOT NULL,
            deliver_to TEXT NOT NULL,
            phone TEXT NOT NULL,
            place TEXT NOT NULL,
            due_at TEXT NOT NULL,
            note TEXT,
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL,
            delivered_at BIGINT,
            delivered_by TEXT,
            received_by TEXT
        )
        """,
        "CREATE INDEX scenic_ticket_deliveries_scope ON scenic_ticket_deliveries (org_path, created_at)",
    ])
}
