import KefuPlatform

public enum ServiceDeskMigrations {
    public static let all: [Migration] = foundation + SlaMigrations.all

    static let foundation: [Migration] = [
        Migration(id: "desk-001-customers-tickets", common: [
            """
            CREATE TABLE customers (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                phone TEXT,
                phone_key TEXT UNIQUE,
                email TEXT,
                email_key TEXT UNIQUE,
                created_by TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX customers_name ON customers (name)",
            """
            CREATE TABLE tickets (
                id TEXT PRIMARY KEY,
                rid BIGINT NOT NULL UNIQUE,
                number TEXT NOT NULL UNIQUE,
                subject TEXT NOT NULL,
                description TEXT NOT NULL,
                type TEXT NOT NULL,
                channel TEXT NOT NULL,
                priority TEXT NOT NULL,
                status TEXT NOT NULL,
                customer_id TEXT REFERENCES customers (id),
                owner_id TEXT REFERENCES users (id),
                assignee_id TEXT REFERENCES users (id),
                org_unit_id TEXT NOT NULL REFERENCES org_units (id),
                org_path TEXT NOT NULL,
                team_id TEXT REFERENCES org_units (id),
                team_path TEXT,
                escalation_level INTEGER NOT NULL DEFAULT 0,
                received_at BIGINT NOT NULL,
                first_response_due_at BIGINT,
                first_responded_at BIGINT,
                resolution_due_at BIGINT,
                resolved_at BIGINT,
                closed_at BIGINT,
                due_at BIGINT,
                created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX tickets_status_due ON tickets (status, due_at)",
            "CREATE INDEX tickets_owner ON tickets (owner_id, status)",
            "CREATE INDEX tickets_assignee ON tickets (assignee_id, status)",
            "CREATE INDEX tickets_customer ON tickets (customer_id)",
            "CREATE INDEX tickets_received ON tickets (received_at)",
            "CREATE INDEX tickets_due ON tickets (due_at)",
            "CREATE INDEX tickets_org_path ON tickets (org_path)",
            "CREATE INDEX tickets_team_path ON tickets (team_path)",
            """
            CREATE TABLE ticket_comments (
                id TEXT PRIMARY KEY,
                ticket_id TEXT NOT NULL REFERENCES tickets (id),
                author_id TEXT REFERENCES users (id),
                author_kind TEXT NOT NULL,
                visibility TEXT NOT NULL,
                body TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX ticket_comments_ticket ON ticket_comments (ticket_id, created_at)",
            """
            CREATE TABLE ticket_events (
                id TEXT PRIMARY KEY,
                ticket_id TEXT NOT NULL REFERENCES tickets (id),
                seq INTEGER NOT NULL,
                kind TEXT NOT NULL,
                actor_id TEXT,
                visibility TEXT NOT NULL,
                data TEXT NOT NULL,
                at BIGINT NOT NULL,
                UNIQUE (ticket_id, seq)
            )
            """,
        ], sqlite: [
            // One document per ticket keyed by its rid: subject, description and every comment (what staff
            // search; a customer's search looks only at that customer's own tickets). Contentless: tokens only.
            "CREATE VIRTUAL TABLE ticket_search USING fts5(tokens, content = '', contentless_delete = 1, tokenize = 'unicode61')",
        ], postgres: [
            "CREATE TABLE ticket_search (rid BIGINT PRIMARY KEY, tokens TEXT[] NOT NULL, body TEXT NOT NULL)",
            "CREATE INDEX ticket_search_tokens ON ticket_search USING GIN (tokens)",
        ]),
    ]
}
