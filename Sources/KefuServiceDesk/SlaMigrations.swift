import KefuPlatform

/// Service standards (SLA, ESC, D9): policies, calendar edits, business hours, each ticket's clocks, breaches,
/// escalations, notifications and outgoing webhooks.
enum SlaMigrations {
    static let seedPolicyId = "00000000-0000-4000-8000-000000000001"

    /// The seed's standards (SLA-01 5 min, ESC-01 1 h, D9 3 working days), on business hours.
    static func seedPolicy(now: String) -> String {
        """
        INSERT INTO sla_policies (id, name, calendar, first_response_minutes, resolution_minutes, escalate_after_minutes, active, created_at, updated_at)
        VALUES ('\(seedPolicyId)', '默认服务标准', 'business_hours', 5, 1620, 60, 1, \(now), \(now))
        """
    }

    static let all: [Migration] = [
        Migration(id: "desk-002-sla", common: [
            """
            CREATE TABLE sla_policies (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                match_type TEXT,
                match_priority TEXT,
                match_channel TEXT,
                calendar TEXT NOT NULL,
                first_response_minutes INTEGER NOT NULL,
                resolution_minutes INTEGER NOT NULL,
                escalate_after_minutes INTEGER NOT NULL,
                active INTEGER NOT NULL DEFAULT 1,
                deleted_at BIGINT,
                created_by TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_by TEXT, updated_at BIGINT NOT NULL)",
            // Years an administrator entered or changed; other years come with the program (ShippedHolidays).
            "CREATE TABLE calendar_years (year INTEGER PRIMARY KEY, data TEXT NOT NULL, updated_by TEXT, updated_at BIGINT NOT NULL)",
            "ALTER TABLE tickets ADD COLUMN sla_policy_id TEXT",
            "ALTER TABLE tickets ADD COLUMN sla_policy_name TEXT",
            "ALTER TABLE tickets ADD COLUMN sla_calendar TEXT NOT NULL DEFAULT '24x7'",
            "ALTER TABLE tickets ADD COLUMN sla_first_response_minutes INTEGER NOT NULL DEFAULT 5",
            "ALTER TABLE tickets ADD COLUMN sla_resolution_minutes INTEGER NOT NULL DEFAULT 1620",
            "ALTER TABLE tickets ADD COLUMN sla_escalate_after_minutes INTEGER NOT NULL DEFAULT 60",
            "ALTER TABLE tickets ADD COLUMN escalation_due_at BIGINT",
            "ALTER TABLE tickets ADD COLUMN sla_paused_at BIGINT",
            "ALTER TABLE tickets ADD COLUMN sla_next_at BIGINT",
            "ALTER TABLE tickets ADD COLUMN first_response_ms BIGINT",
            // Tickets from before this migration: their clocks as they ran (around the clock), resolution from receipt,
            // and a first look by the scanner.
            """
            UPDATE tickets SET
                escalation_due_at = received_at + 3600000,
                resolution_due_at = COALESCE(resolution_due_at, received_at + 97200000),
                first_response_ms = CASE WHEN first_responded_at IS NULL THEN NULL ELSE first_responded_at - received_at END,
                sla_next_at = CASE WHEN status IN ('resolved', 'closed') THEN NULL ELSE received_at END
            """,
            "CREATE INDEX tickets_sla_next ON tickets (sla_next_at)",
            "CREATE INDEX tickets_resolution_due ON tickets (resolution_due_at)",
            """
            CREATE TABLE ticket_breaches (
                id TEXT PRIMARY KEY,
                ticket_id TEXT NOT NULL REFERENCES tickets (id),
                kind TEXT NOT NULL,
                due_at BIGINT NOT NULL,
                recorded_at BIGINT NOT NULL,
                UNIQUE (ticket_id, kind, due_at)
            )
            """,
            "CREATE INDEX ticket_breaches_due ON ticket_breaches (due_at)",
            """
            CREATE TABLE ticket_escalations (
                id TEXT PRIMARY KEY,
                ticket_id TEXT NOT NULL REFERENCES tickets (id),
                level INTEGER NOT NULL,
                automatic INTEGER NOT NULL,
                late INTEGER NOT NULL,
                reason TEXT NOT NULL,
                actor_id TEXT,
                owner_id TEXT,
                team_id TEXT,
                org_path TEXT NOT NULL,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX ticket_escalations_at ON ticket_escalations (at)",
            "CREATE INDEX ticket_escalations_ticket ON ticket_escalations (ticket_id)",
            """
            CREATE TABLE notifications (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users (id),
                kind TEXT NOT NULL,
                ticket_id TEXT,
                title TEXT NOT NULL,
                body TEXT NOT NULL,
                deliver_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                read_at BIGINT
            )
            """,
            "CREATE INDEX notifications_user ON notifications (user_id, deliver_at)",
            """
            CREATE TABLE org_unit_webhooks (
                org_unit_id TEXT PRIMARY KEY REFERENCES org_units (id),
                url TEXT NOT NULL,
                secret TEXT NOT NULL,
                format TEXT NOT NULL,
                active INTEGER NOT NULL DEFAULT 1,
                updated_by TEXT,
                updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE webhook_deliveries (
                id TEXT PRIMARY KEY,
                org_unit_id TEXT NOT NULL,
                event TEXT NOT NULL,
                payload TEXT NOT NULL,
                status TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL,
                last_error TEXT,
                created_at BIGINT NOT NULL,
                delivered_at BIGINT
            )
            """,
            "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at)",
        ], sqlite: [
            seedPolicy(now: "CAST(strftime('%s', 'now') AS INTEGER) * 1000"),
        ], postgres: [
            seedPolicy(now: "(EXTRACT(EPOCH FROM now()) * 1000)::BIGINT"),
        ]),
    ]
}
