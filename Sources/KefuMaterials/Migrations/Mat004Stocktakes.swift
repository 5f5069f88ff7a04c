import KefuPlatform

extension MaterialsMigrations {
    // #12.1 stocktakes (STK-01..09, 4.3, D5): the count, its warehouses and chosen items (spot, STK-07), one line per
    // (warehouse, item) with the on-hand frozen at distribution; the 盘盈/盘亏 documents point back at their stocktake.
    static let mat004Stocktakes = Migration(id: "mat-004-stocktakes", common: [
        """
        CREATE TABLE stocktakes (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            scope TEXT NOT NULL,
            status TEXT NOT NULL,
            org_path TEXT NOT NULL,
            deadline TEXT,
            counter TEXT NOT NULL DEFAULT '',
            supervisor TEXT NOT NULL DEFAULT '',
            supervised_by TEXT,
            remark TEXT NOT NULL DEFAULT '',
            snapshot_seq BIGINT,
            return_comment TEXT NOT NULL DEFAULT '',
            assessment TEXT NOT NULL DEFAULT '',
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            distributed_at BIGINT,
            submitted_by TEXT,
            submitted_at BIGINT,
            approved_by TEXT,
            approved_at BIGINT,
            posted_by TEXT,
            posted_at BIGINT,
            closed_by TEXT,
            closed_at BIGINT
        )
        """,
        "CREATE INDEX stocktakes_path ON stocktakes (org_path)",
        """
        CREATE TABLE stocktake_warehouses (
            stocktake_id TEXT NOT NULL REFERENCES stocktakes (id),
            warehouse_id TEXT NOT NULL REFERENCES warehouses (id),
            PRIMARY KEY (stocktake_id, warehouse_id)
        )
        """,
        """
        CREATE TABLE stocktake_items (
            stocktake_id TEXT NOT NULL REFERENCES stocktakes (id),
            item_id TEXT NOT NULL REFERENCES items (id),
            PRIMARY KEY (stocktake_id, item_id)
        )
        """,
        """
        CREATE TABLE stocktake_lines (
            stocktake_id TEXT NOT NULL REFERENCES stocktakes (id),
            line_no INTEGER NOT NULL,
            warehouse_id TEXT NOT NULL REFERENCES warehouses (id),
            item_id TEXT NOT NULL REFERENCES items (id),
            snapshot BIGINT NOT NULL,
            counted BIGINT,
            reason_code TEXT,
            reason TEXT NOT NULL DEFAULT '',
            movements_posted BIGINT,
            PRIMARY KEY (stocktake_id, line_no)
        )
        """,
        "CREATE UNIQUE INDEX stocktake_lines_key ON stocktake_lines (stocktake_id, warehouse_id, item_id)",
        "ALTER TABLE stock_documents ADD COLUMN stocktake_id TEXT REFERENCES stocktakes (id)",
        "CREATE INDEX stock_documents_stocktake ON stock_documents (stocktake_id)",
    ])
}
