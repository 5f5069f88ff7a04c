import KefuPlatform

extension PropertyMigrations {
    /// PRP-06 owner files: a unit's occupants over time (owner or tenant; open while `moved_out_on` is NULL; at most one
    /// open of each kind per unit), and the dated file entries (move-in formalities, agreements, handovers, renovations
    /// with their state and steps, engineering notes, rentals). The occupants already on the unit rows are backfilled as
    /// open entries (their move-in date as registered, NULL when unknown) so the history starts with them.
    static let prp004OwnerFiles = Migration(id: "prp-004-owner-files", common: [
        """
        CREATE TABLE property_occupancies (
            id TEXT PRIMARY KEY,
            unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            phone TEXT,
            moved_in_on TEXT,
            moved_out_on TEXT,
            current_key TEXT,
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX property_occupancies_unit ON property_occupancies (unit_id, created_at)",
        // One open occupant of each kind per unit: `current_key` is unit + kind while open, NULL once moved out.
        "CREATE UNIQUE INDEX property_occupancies_current ON property_occupancies (current_key)",
        """
        INSERT INTO property_occupancies (id, unit_id, org_path, kind, name, phone, moved_in_on, moved_out_on, current_key, created_at, created_by)
        SELECT 'occ-' || id, id, org_path, COALESCE(occupant_kind, 'owner'), occupant_name, occupant_phone, move_in_on, NULL,
            id || ':' || COALESCE(occupant_kind, 'owner'), created_at, 'system'
        FROM property_units WHERE occupant_name IS NOT NULL
        """,
        """
        CREATE TABLE property_file_entries (
            id TEXT PRIMARY KEY,
            unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            kind TEXT NOT NULL,
            entry_on TEXT NOT NULL,
            summary TEXT,
            agreement_no TEXT,
            handover_items TEXT,
            tenant TEXT,
            term_from TEXT,
            term_to TEXT,
            agent TEXT,
            status TEXT,
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX property_file_entries_unit ON property_file_entries (unit_id, entry_on)",
        "CREATE INDEX property_file_entries_status ON property_file_entries (org_path, kind, status)",
        """
        CREATE TABLE property_renovation_steps (
            id TEXT PRIMARY KEY,
            entry_id TEXT NOT NULL,
            action TEXT NOT NULL,
            status_after TEXT NOT NULL,
            note TEXT,
            acted_on TEXT NOT NULL,
            acted_at BIGINT NOT NULL,
            acted_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX property_renovation_steps_entry ON property_renovation_steps (entry_id, acted_at)",
    ])
}
