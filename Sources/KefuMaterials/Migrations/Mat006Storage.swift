import KefuPlatform

extension MaterialsMigrations {
    /// #12.4 storage: item storage attributes (STO-01), bins (STO-03), batches (STO-05), stock per place (bin × batch)
    /// kept with the warehouse balance, what each audited line put or took (so un-audit reverses exactly), bin moves,
    /// and the storage registers (STO-06/07/09).
    static let mat006Storage = Migration(id: "mat-006-storage", common: [
        "ALTER TABLE items ADD COLUMN storage_attributes TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE items ADD COLUMN near_expiry_days INTEGER",
        """
        CREATE TABLE bins (
            id TEXT PRIMARY KEY,
            warehouse_id TEXT NOT NULL REFERENCES warehouses (id),
            code TEXT NOT NULL,
            rack TEXT NOT NULL,
            tier TEXT NOT NULL,
            position TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            hazardous INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            UNIQUE (warehouse_id, code)
        )
        """,
        """
        CREATE TABLE stock_batches (
            id TEXT PRIMARY KEY,
            warehouse_id TEXT NOT NULL REFERENCES warehouses (id),
            item_id TEXT NOT NULL REFERENCES items (id),
            batch_no TEXT NOT NULL,
            production_date TEXT,
            received_on TEXT NOT NULL,
            expiry_date TEXT,
            maintenance_due TEXT,
            document_id TEXT,
            created_at BIGINT NOT NULL,
            UNIQUE (warehouse_id, item_id, batch_no)
        )
        """,
        "CREATE INDEX stock_batches_expiry ON stock_batches (expiry_date)",
        // Σ quantity over (bin, batch) = stock_balances.quantity of the (warehouse, item); '' = no bin / no batch.
        """
        CREATE TABLE stock_places (
            warehouse_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            bin_id TEXT NOT NULL,
            batch_id TEXT NOT NULL,
            quantity BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (warehouse_id, item_id, bin_id, batch_id)
        )
        """,
        "CREATE INDEX stock_places_bin ON stock_places (bin_id)",
        "CREATE INDEX stock_places_batch ON stock_places (batch_id)",
        // What a saved line asks for: its bin, an existing batch, or the data of a new batch.
        """
        CREATE TABLE stock_line_storage (
            document_id TEXT NOT NULL,
            line_no INTEGER NOT NULL,
            bin_id TEXT,
            batch_id TEXT,
            batch_no TEXT,
            production_date TEXT,
            expiry_date TEXT,
            maintenance_cycle_days INTEGER,
            PRIMARY KEY (document_id, line_no)
        )
        """,
        // What an audited line moved, place by place (signed); removed by the un-audit that reverses it.
        """
        CREATE TABLE stock_line_places (
            document_id TEXT NOT NULL,
            line_no INTEGER NOT NULL,
            item_id TEXT NOT NULL,
            bin_id TEXT NOT NULL,
            batch_id TEXT NOT NULL,
            quantity BIGINT NOT NULL
        )
        """,
        "CREATE INDEX stock_line_places_document ON stock_line_places (document_id)",
        """
        CREATE TABLE bin_moves (
            id TEXT PRIMARY KEY,
            warehouse_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            batch_id TEXT NOT NULL,
            from_bin_id TEXT NOT NULL,
            to_bin_id TEXT NOT NULL,
            quantity BIGINT NOT NULL,
            remark TEXT NOT NULL DEFAULT '',
            moved_by TEXT NOT NULL,
            moved_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE storage_register_entries (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            warehouse_id TEXT NOT NULL REFERENCES warehouses (id),
            entry_date TEXT NOT NULL,
            subject TEXT NOT NULL,
            finding TEXT NOT NULL DEFAULT '',
            fix TEXT NOT NULL DEFAULT '',
            item_id TEXT,
            batch_id TEXT,
            recorded_by TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX storage_register_kind ON storage_register_entries (kind, warehouse_id, entry_date)",
        // Stock already on hand lies in no bin and no batch until it is moved.
        "INSERT INTO stock_places (warehouse_id, item_id, bin_id, batch_id, quantity, updated_at) SELECT warehouse_id, item_id, '', '', quantity, updated_at FROM stock_balances WHERE quantity <> 0",
    ])
}
