import KefuPlatform

extension PropertyMigrations {
    /// #14 RET-03: when a fee notice was settled (the instant of its last payment; its making for one with nothing to
    /// pay), so the retention report counts its period from then. Existing settled notices are filled from their payments.
    static let prp006NoticeSettledAt = Migration(id: "prp-006-notice-settled-at", common: [
        "ALTER TABLE property_notices ADD COLUMN settled_at BIGINT",
        """
        UPDATE property_notices SET settled_at = COALESCE(
            (SELECT MAX(p.recorded_at) FROM property_payments p WHERE p.notice_id = property_notices.id), property_notices.created_at)
        WHERE settled = 1
        """,
        "CREATE INDEX property_notices_settled_at ON property_notices (settled_at)",
    ])
}
