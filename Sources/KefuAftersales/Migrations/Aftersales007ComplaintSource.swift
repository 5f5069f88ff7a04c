import KefuPlatform

extension AftersalesMigrations {
    /// #16 item 6 (CMP-01, D15): where a complaint came in — directly to customer service, or accepted by the sales
    /// department — and the first answer to the customer, given by the department that accepted it. Cases before this
    /// migration came in directly.
    public static let aftersales007ComplaintSource = Migration(id: "aftersales-007-complaint-source", common: [
        "ALTER TABLE complaints ADD COLUMN source TEXT NOT NULL DEFAULT 'direct'",
        "ALTER TABLE complaints ADD COLUMN first_answer TEXT",
        "ALTER TABLE complaints ADD COLUMN first_answered_by TEXT REFERENCES users (id)",
        "ALTER TABLE complaints ADD COLUMN first_answered_at BIGINT",
    ])
}
