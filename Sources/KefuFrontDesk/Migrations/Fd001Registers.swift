import KefuPlatform

extension FrontDeskMigrations {
    /// #14.4 FRD-02..07: one row per register entry (the register in `register`, its own fields as JSON in `fields`,
    /// the person, subject and reference number in columns so every register is listed and searched the same way);
    /// the desk's gift stock per unit and gift with its ledger of receipts and hand-outs (FRD-04: the balance is a
    /// summary of the ledger, never negative). There is no delete.
    static let fd001Registers = Migration(id: "fd-001-registers", common: [
        """
        CREATE TABLE front_desk_records (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            register TEXT NOT NULL,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            status TEXT NOT NULL,
            person_name TEXT NOT NULL,
            person_phone TEXT NOT NULL,
            summary TEXT NOT NULL,
            ref TEXT,
            ref_key TEXT,
            fields TEXT NOT NULL,
            recorded_on TEXT NOT NULL,
            recorded_at BIGINT NOT NULL,
            recorded_by TEXT NOT NULL,
            closer_name TEXT,
            closer_phone TEXT,
            close_fields TEXT,
            closed_at BIGINT,
            closed_by TEXT,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX front_desk_records_scope ON front_desk_records (register, org_path, recorded_at)",
        "CREATE INDEX front_desk_records_ref ON front_desk_records (register, ref_key, status)",
        """
        CREATE TABLE front_desk_gift_stock (
            org_unit_id TEXT NOT NULL,
            gift TEXT NOT NULL,
            org_path TEXT NOT NULL,
            balance BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (org_unit_id, gift)
        )
        """,
        """
        CREATE TABLE front_desk_gift_moves (
            id TEXT PRIMARY KEY,
            org_unit_id TEXT NOT NULL,
            gift TEXT NOT NULL,
            quantity BIGINT NOT NULL,
            record_id TEXT,
            note TEXT,
            moved_at BIGINT NOT NULL,
            moved_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX front_desk_gift_moves_gift ON front_desk_gift_moves (org_unit_id, gift, moved_at)",
    ])
}
