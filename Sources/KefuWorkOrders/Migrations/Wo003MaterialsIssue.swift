import KefuPlatform

extension WorkOrderMigrations {
    /// #14 item 1: the issue document (出库) the order's materials were issued on from its unit's store, when one is set up.
    static let wo003MaterialsIssue = Migration(id: "wo-003-materials-issue", common: [
        "ALTER TABLE work_orders ADD COLUMN materials_document_id TEXT",
        "ALTER TABLE work_orders ADD COLUMN materials_document_number TEXT",
    ])
}
