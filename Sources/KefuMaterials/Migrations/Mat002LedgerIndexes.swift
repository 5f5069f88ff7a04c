import KefuPlatform

extension MaterialsMigrations {
    static let mat002LedgerIndexes = Migration(id: "mat-002-ledger-indexes", common: [
        // One warehouse's period of ledger in posting order; one item's movements.
        "CREATE INDEX stock_movements_warehouse_date ON stock_movements (warehouse_id, doc_date, seq)",
        "CREATE INDEX stock_movements_item ON stock_movements (item_id, warehouse_id, seq)",
    ])
}
