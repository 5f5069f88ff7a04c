extension PlatformMigrations {
    static let platform002Audit = Migration(id: "platform-002-audit", common: [
        """
        CREATE TABLE audit_log (
            id TEXT PRIMARY KEY,
            at BIGINT NOT NULL,
            actor_id TEXT,
            action TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            detail TEXT NOT NULL
        )
        """,
        "CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at)",
        "CREATE INDEX audit_log_at ON audit_log (at)",
    ])
}
