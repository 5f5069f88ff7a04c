import KefuPlatform

extension PropertyMigrations {
    /// PRP-06 estates → units (building and 房号 as columns, the current occupant on the unit); PRP-03 fee rates, a new
    /// row per change (history kept, the rate in effect is the latest `effective_from` ≤ the month); PRP-01 notices (one
    /// per unit and month) with their lines, payments and chase notes; PRP-02 the collection figures per estate, fee
    /// and month, kept up to date in the same transaction as each notice run and payment so the report reads a few
    /// rows (36 months × fees) whatever the number of units. Money integer fen, areas hundredths of m², rates
    /// ten-thousandths of a yuan.
    static let prp001EstatesAndFees = Migration(id: "prp-001-estates-and-fees", common: [
        """
        CREATE TABLE property_estates (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            address TEXT,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX property_estates_name ON property_estates (org_unit_id, name)",
        "CREATE INDEX property_estates_scope ON property_estates (org_path)",
        """
        CREATE TABLE property_units (
            id TEXT PRIMARY KEY,
            estate_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            building TEXT NOT NULL,
            room TEXT NOT NULL,
            area_centi BIGINT NOT NULL,
            use_kind TEXT NOT NULL,
            occupant_kind TEXT,
            occupant_name TEXT,
            occupant_phone TEXT,
            move_in_on TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX property_units_room ON property_units (estate_id, building, room)",
        "CREATE INDEX property_units_room_key ON property_units (room)",
        "CREATE INDEX property_units_phone ON property_units (occupant_phone)",
        """
        CREATE TABLE property_fee_rates (
            id TEXT PRIMARY KEY,
            estate_id TEXT NOT NULL,
            fee TEXT NOT NULL,
            kind TEXT NOT NULL,
            basis TEXT NOT NULL,
            rate_e4 BIGINT NOT NULL,
            amount_fen BIGINT NOT NULL,
            applies_to TEXT NOT NULL,
            effective_from TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX property_fee_rates_estate ON property_fee_rates (estate_id, fee, effective_from)",
        """
        CREATE TABLE property_notices (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            estate_id TEXT NOT NULL,
            unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            month TEXT NOT NULL,
            batch_id TEXT NOT NULL,
            billed_fen BIGINT NOT NULL,
            paid_fen BIGINT NOT NULL,
            settled INTEGER NOT NULL,
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX property_notices_unit_month ON property_notices (unit_id, month)",
        "CREATE INDEX property_notices_estate_month ON property_notices (estate_id, month)",
        "CREATE INDEX property_notices_batch ON property_notices (batch_id)",
        "CREATE INDEX property_notices_arrears ON property_notices (estate_id, settled, month)",
        """
        CREATE TABLE property_notice_lines (
            notice_id TEXT NOT NULL,
            fee TEXT NOT NULL,
            kind TEXT NOT NULL,
            basis TEXT NOT NULL,
            rate_e4 BIGINT NOT NULL,
            base_fen BIGINT NOT NULL,
            area_centi BIGINT NOT NULL,
            amount_fen BIGINT NOT NULL,
            paid_fen BIGINT NOT NULL,
            sort INTEGER NOT NULL,
            PRIMARY KEY (notice_id, fee)
        )
        """,
        """
        CREATE TABLE property_payments (
            id TEXT PRIMARY KEY,
            notice_id TEXT NOT NULL,
            amount_fen BIGINT NOT NULL,
            method TEXT NOT NULL,
            receipt_no TEXT,
            paid_on TEXT NOT NULL,
            note TEXT,
            recorded_at BIGINT NOT NULL,
            recorded_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX property_payments_notice ON property_payments (notice_id, recorded_at)",
        """
        CREATE TABLE property_chases (
            id TEXT PRIMARY KEY,
            notice_id TEXT NOT NULL,
            chased_on TEXT NOT NULL,
            method TEXT NOT NULL,
            result TEXT NOT NULL,
            chased_at BIGINT NOT NULL,
            chased_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX property_chases_notice ON property_chases (notice_id, chased_at)",
        """
        CREATE TABLE property_collection (
            estate_id TEXT NOT NULL,
            fee TEXT NOT NULL,
            month TEXT NOT NULL,
            billed_fen BIGINT NOT NULL,
            paid_fen BIGINT NOT NULL,
            items BIGINT NOT NULL,
            paid_items BIGINT NOT NULL,
            PRIMARY KEY (estate_id, fee, month)
        )
        """,
    ])
}
