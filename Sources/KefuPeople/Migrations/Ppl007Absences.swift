import KefuPlatform

extension PeopleMigrations {
    /// #15.3 (SHF-05, SHF-09, SHF-11): absenteeism records (旷工), one per missed roster entry (`entry_id` unique), with the
    /// shares of blame of the people answerable for it (the absentee alone at 100, or both parties of an unclear swap
    /// handover). SHF-12: requests to leave the work area (离岗) with their decision, departure, return and overstay, and each
    /// unit's allowed time (a unit without a row inherits the nearest unit above, else `WorkAreaLeaveRules.defaultAllowedMinutes`).
    /// Users and units are kept as ids without foreign keys to another feature's tables.
    static let ppl007Absences = Migration(id: "ppl-007-absences-work-area-leaves", common: [
        """
        CREATE TABLE absences (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            entry_id TEXT NOT NULL UNIQUE,
            day TEXT NOT NULL,
            month TEXT NOT NULL,
            shift_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            swap_id TEXT,
            unclear_handover INTEGER NOT NULL,
            note TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX absences_scope ON absences (org_path, month, day)",
        """
        CREATE TABLE absence_shares (
            absence_id TEXT NOT NULL REFERENCES absences (id),
            user_id TEXT NOT NULL,
            percent INTEGER NOT NULL,
            PRIMARY KEY (absence_id, user_id)
        )
        """,
        "CREATE INDEX absence_shares_user ON absence_shares (user_id)",
        """
        CREATE TABLE work_area_leaves (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            user_id TEXT NOT NULL,
            minutes INTEGER NOT NULL,
            allowed_minutes INTEGER NOT NULL,
            reason TEXT NOT NULL,
            status TEXT NOT NULL,
            decided_by TEXT,
            decided_at BIGINT,
            decision_note TEXT,
            left_at BIGINT,
            returned_at BIGINT,
            overstay_minutes INTEGER,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX work_area_leaves_user ON work_area_leaves (user_id, created_at)",
        "CREATE INDEX work_area_leaves_scope ON work_area_leaves (org_path, status, created_at)",
        """
        CREATE TABLE work_area_limits (
            org_unit_id TEXT PRIMARY KEY,
            org_path TEXT NOT NULL,
            allowed_minutes INTEGER NOT NULL,
            updated_by TEXT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
    ])
}
