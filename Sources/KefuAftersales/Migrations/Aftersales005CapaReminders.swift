import KefuPlatform

extension AftersalesMigrations {
    /// #11.4: the CAPA reminders sent (CMP-09/12), one row per action and kind, so that a reminder goes out once however
    /// often and on however many nodes the scanner runs.
    public static let aftersales005CapaReminders = Migration(id: "aftersales-005-capa-reminders", common: [
        """
        CREATE TABLE complaint_action_reminders (
            action_id TEXT NOT NULL REFERENCES complaint_actions (id),
            kind TEXT NOT NULL,
            sent_at BIGINT NOT NULL,
            PRIMARY KEY (action_id, kind)
        )
        """,
    ])
}
