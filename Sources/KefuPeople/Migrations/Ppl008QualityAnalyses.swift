import KefuPlatform

extension PeopleMigrations {
    /// KPI-07 (篇12 职责一.10): a unit's service-quality analysis for a month or quarter, its figures frozen as JSON when
    /// submitted (null while a draft: shown live), and its rectification plan lines (问题, 整改措施, responsible person,
    /// due day, and once carried out the result). Users and units are ids without foreign keys to other features' tables.
    static let ppl008QualityAnalyses = Migration(id: "ppl-008-quality-analyses", common: [
        """
        CREATE TABLE quality_analyses (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            period TEXT NOT NULL,
            status TEXT NOT NULL,
            author_id TEXT NOT NULL,
            findings TEXT NOT NULL,
            figures TEXT,
            submitted_at BIGINT,
            decided_by TEXT,
            decided_at BIGINT,
            decision_note TEXT,
            completed_at BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX quality_analyses_scope ON quality_analyses (org_path, status, period)",
        """
        CREATE TABLE quality_analysis_lines (
            id TEXT PRIMARY KEY,
            analysis_id TEXT NOT NULL REFERENCES quality_analyses (id),
            line INTEGER NOT NULL,
            problem TEXT NOT NULL,
            measure TEXT NOT NULL,
            responsible_id TEXT NOT NULL,
            due_day TEXT NOT NULL,
            done_at BIGINT,
            done_by TEXT,
            result TEXT
        )
        """,
        "CREATE INDEX quality_analysis_lines_analysis ON quality_analysis_lines (analysis_id, line)",
        "CREATE INDEX quality_analysis_lines_responsible ON quality_analysis_lines (responsible_id, done_at)",
    ])
}
