import KefuPlatform

extension PeopleMigrations {
    /// #15.5 (KPI-02, KPI-03, CMP-17): inspection standards with their weighted items (weights in hundredths, totalling
    /// 10 000); the calls entered for inspection; inspections with a snapshot of the items they were scored against; the
    /// penalty records, each with a unique source key (a call, an inspection, the n-th group of three complaints) so a
    /// repeated pass never yields a record twice. Users, units and tickets are kept as ids without foreign keys to another
    /// feature's tables.
    static let ppl004QualityInspection = Migration(id: "ppl-004-quality-inspection", common: [
        """
        CREATE TABLE inspection_standards (
            id TEXT PRIMARY KEY,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX inspection_standards_scope ON inspection_standards (org_path, status)",
        """
        CREATE TABLE inspection_standard_items (
            standard_id TEXT NOT NULL REFERENCES inspection_standards (id),
            line INTEGER NOT NULL,
            label TEXT NOT NULL,
            weight INTEGER NOT NULL,
            PRIMARY KEY (standard_id, line)
        )
        """,
        """
        CREATE TABLE quality_calls (
            id TEXT PRIMARY KEY,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            agent_id TEXT NOT NULL,
            called_at BIGINT NOT NULL,
            caller_number TEXT NOT NULL,
            rings INTEGER NOT NULL,
            duration_seconds INTEGER NOT NULL,
            note TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX quality_calls_scope ON quality_calls (org_path, called_at)",
        """
        CREATE TABLE inspections (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            agent_id TEXT NOT NULL,
            standard_id TEXT NOT NULL REFERENCES inspection_standards (id),
            standard_name TEXT NOT NULL,
            kind TEXT NOT NULL,
            ticket_id TEXT,
            ticket_number TEXT,
            call_id TEXT REFERENCES quality_calls (id),
            total INTEGER NOT NULL,
            comment TEXT NOT NULL,
            inspector_id TEXT NOT NULL,
            inspected_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX inspections_scope ON inspections (org_path, inspected_at)",
        "CREATE INDEX inspections_agent ON inspections (agent_id, inspected_at)",
        """
        CREATE TABLE inspection_scores (
            inspection_id TEXT NOT NULL REFERENCES inspections (id),
            line INTEGER NOT NULL,
            label TEXT NOT NULL,
            weight INTEGER NOT NULL,
            score INTEGER NOT NULL,
            PRIMARY KEY (inspection_id, line)
        )
        """,
        """
        CREATE TABLE quality_penalties (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            agent_id TEXT NOT NULL,
            source TEXT NOT NULL,
            source_key TEXT NOT NULL UNIQUE,
            call_id TEXT,
            inspection_id TEXT,
            reason TEXT NOT NULL,
            status TEXT NOT NULL,
            occurred_at BIGINT NOT NULL,
            decided_by TEXT,
            decided_at BIGINT,
            decision_reason TEXT,
            created_by TEXT,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX quality_penalties_scope ON quality_penalties (org_path, status, occurred_at)",
        "CREATE INDEX quality_penalties_agent ON quality_penalties (agent_id, occurred_at)",
    ])
}
