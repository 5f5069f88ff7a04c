import KefuPlatform

/// Tables of the material books. Quantities are BIGINT thousandths (`Quantity.milli`); dates of documents are
/// `YYYY-MM-DD` text in the organisation's time zone; times are UTC epoch millis.
public enum MaterialsMigrations {
    public static let all: [Migration] = [
        Migration(id: "mat-001-master-documents-ledger", common: [
            // MAT-04
            """
            CREATE TABLE items (
                id TEXT PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                spec TEXT NOT NULL DEFAULT '',
                model TEXT NOT NULL DEFAULT '',
                unit TEXT NOT NULL,
                category TEXT NOT NULL,
                repair_class TEXT NOT NULL,
                abc_class TEXT NOT NULL,
                shelf_life_days INTEGER,
                created_by TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX items_name ON items (name)",
            // MAT-06
            """
            CREATE TABLE suppliers (
                id TEXT PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                contact TEXT NOT NULL DEFAULT '',
                created_at BIGINT NOT NULL
            )
            """,
            // MAT-02: one org unit, one condition. dept_id: the business department (业务部) the unit is or lies under;
            // NULL for HQ and functional departments (TRF-03 decides cross-department transfers on it).
            """
            CREATE TABLE warehouses (
                id TEXT PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                org_unit_id TEXT NOT NULL REFERENCES org_units (id),
                org_path TEXT NOT NULL,
                dept_id TEXT REFERENCES org_units (id),
                condition TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX warehouses_path ON warehouses (org_path)",
            // 其他入库单 / 其他出库单 (4.1); transfer_id set on the documents a transfer generates (4.2).
            """
            CREATE TABLE transfers (
                id TEXT PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                from_warehouse_id TEXT NOT NULL REFERENCES warehouses (id),
                to_warehouse_id TEXT NOT NULL REFERENCES warehouses (id),
                condition TEXT NOT NULL,
                cross_dept INTEGER NOT NULL,
                doc_date TEXT NOT NULL,
                remark TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL,
                out_document_id TEXT,
                in_document_id TEXT,
                created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                audited_by TEXT,
                audited_at BIGINT
            )
            """,
            "CREATE INDEX transfers_date ON transfers (doc_date)",
            """
            CREATE TABLE transfer_lines (
                transfer_id TEXT NOT NULL REFERENCES transfers (id),
                line_no INTEGER NOT NULL,
                item_id TEXT NOT NULL REFERENCES items (id),
                quantity BIGINT NOT NULL,
                remark TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (transfer_id, line_no)
            )
            """,
            """
            CREATE TABLE stock_documents (
                id TEXT PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                direction TEXT NOT NULL,
                reason TEXT NOT NULL,
                polarity TEXT NOT NULL,
                status TEXT NOT NULL,
                warehouse_id TEXT NOT NULL REFERENCES warehouses (id),
                org_path TEXT NOT NULL,
                supplier_id TEXT REFERENCES suppliers (id),
                doc_date TEXT NOT NULL,
                remark TEXT NOT NULL DEFAULT '',
                approval_ref TEXT,
                transfer_id TEXT REFERENCES transfers (id),
                created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                audited_by TEXT,
                audited_at BIGINT
            )
            """,
            "CREATE INDEX stock_documents_date ON stock_documents (doc_date)",
            "CREATE INDEX stock_documents_warehouse ON stock_documents (warehouse_id, doc_date)",
            "CREATE INDEX stock_documents_path ON stock_documents (org_path)",
            "CREATE INDEX stock_documents_transfer ON stock_documents (transfer_id)",
            """
            CREATE TABLE stock_document_lines (
                document_id TEXT NOT NULL REFERENCES stock_documents (id),
                line_no INTEGER NOT NULL,
                item_id TEXT NOT NULL REFERENCES items (id),
                quantity BIGINT NOT NULL,
                remark TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (document_id, line_no)
            )
            """,
            // On-hand (现存量) per warehouse and item, kept in the same transaction as the ledger.
            """
            CREATE TABLE stock_balances (
                warehouse_id TEXT NOT NULL REFERENCES warehouses (id),
                item_id TEXT NOT NULL REFERENCES items (id),
                quantity BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (warehouse_id, item_id)
            )
            """,
            "CREATE INDEX stock_balances_item ON stock_balances (item_id)",
        ], sqlite: [
            movements(seq: "seq INTEGER PRIMARY KEY"),
            "CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END",
            "CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END",
        ], postgres: [
            movements(seq: "seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
            """
            CREATE FUNCTION stock_movements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'stock_movements is append-only'; END $$
            """,
            "CREATE TRIGGER stock_movements_no_change BEFORE UPDATE OR DELETE ON stock_movements FOR EACH ROW EXECUTE FUNCTION stock_movements_append_only()",
        ]),
        Migration(id: "mat-002-ledger-indexes", common: [
            // One warehouse's period of ledger in posting order; one item's movements.
            "CREATE INDEX stock_movements_warehouse_date ON stock_movements (warehouse_id, doc_date, seq)",
            "CREATE INDEX stock_movements_item ON stock_movements (item_id, warehouse_id, seq)",
        ]),
        // The rest of MAT-04; master data is deactivated, never deleted (active = 0: not usable on new documents).
        Migration(id: "mat-003-master-data-fields-active", common: [
            "ALTER TABLE items ADD COLUMN maintenance_cycle_days INTEGER",
            "ALTER TABLE items ADD COLUMN maker TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE items ADD COLUMN origin TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE items ADD COLUMN reserve_quota BIGINT",
            "ALTER TABLE items ADD COLUMN on_spare_list INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE items ADD COLUMN active INTEGER NOT NULL DEFAULT 1",
            "ALTER TABLE suppliers ADD COLUMN active INTEGER NOT NULL DEFAULT 1",
            "ALTER TABLE warehouses ADD COLUMN active INTEGER NOT NULL DEFAULT 1",
        ]),
    ]

    /// The append-only ledger (出入库流水账): audit appends the movements, un-audit appends their reversal. `seq` is the
    /// posting order; balance_after is the (warehouse, item) on-hand right after the movement, so a period's running
    /// balance needs no sum over the past.
    static func movements(seq: String) -> String {
        """
        CREATE TABLE stock_movements (
            \(seq),
            warehouse_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            doc_date TEXT NOT NULL,
            document_id TEXT NOT NULL,
            document_number TEXT NOT NULL,
            direction TEXT NOT NULL,
            reason TEXT NOT NULL,
            quantity BIGINT NOT NULL,
            balance_after BIGINT NOT NULL,
            reversal INTEGER NOT NULL,
            remark TEXT NOT NULL,
            posted_by TEXT NOT NULL,
            posted_at BIGINT NOT NULL
        )
        """
    }
}
