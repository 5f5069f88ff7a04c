import KefuPlatform

extension PeopleMigrations {
    /// #15.1, #15.3 (SHF-01, SHF-05..10, SHF-13, 4.9): a unit's shift definitions, its roster (one row per person, day
    /// and shift; `swap_id` marks a shift that changed hands by an effective swap), swap forms and leave requests.
    /// Users and units are the organisation's records, kept as ids without foreign keys to another feature's tables; a
    /// swap or leave request keeps its entries' ids and days without a foreign key, so that a planner may still drop an
    /// entry that only a rejected request names.
    static let ppl001ShiftsRosters = Migration(id: "ppl-001-shifts-rosters", common: [
        """
        CREATE TABLE shifts (
            id TEXT PRIMARY KEY,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            start_minute INTEGER NOT NULL,
            end_minute INTEGER NOT NULL,
            meal_start INTEGER,
            meal_end INTEGER,
            cleaning_duty INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            UNIQUE (org_unit_id, code)
        )
        """,
        "CREATE INDEX shifts_scope ON shifts (org_path)",
        """
        CREATE TABLE roster_entries (
            id TEXT PRIMARY KEY,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            month TEXT NOT NULL,
            day TEXT NOT NULL,
            user_id TEXT NOT NULL,
            shift_id TEXT NOT NULL REFERENCES shifts (id),
            swap_id TEXT,
            updated_by TEXT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (user_id, day, shift_id)
        )
        """,
        "CREATE INDEX roster_entries_month ON roster_entries (org_unit_id, month, day)",
        "CREATE INDEX roster_entries_day ON roster_entries (day, org_path)",
        """
        CREATE TABLE shift_swaps (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            requester_id TEXT NOT NULL,
            counterpart_id TEXT NOT NULL,
            requester_entry_id TEXT NOT NULL,
            counterpart_entry_id TEXT NOT NULL,
            requester_day TEXT NOT NULL,
            counterpart_day TEXT NOT NULL,
            reason TEXT NOT NULL,
            status TEXT NOT NULL,
            consented_at BIGINT,
            decided_by TEXT,
            decided_at BIGINT,
            decision_note TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX shift_swaps_requester ON shift_swaps (requester_id, status)",
        "CREATE INDEX shift_swaps_counterpart ON shift_swaps (counterpart_id, status)",
        "CREATE INDEX shift_swaps_scope ON shift_swaps (org_path, status)",
        """
        CREATE TABLE leave_requests (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            user_id TEXT NOT NULL,
            entry_id TEXT NOT NULL,
            day TEXT NOT NULL,
            reason TEXT NOT NULL,
            status TEXT NOT NULL,
            decided_by TEXT,
            decided_at BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX leave_requests_user ON leave_requests (user_id, status)",
        "CREATE INDEX leave_requests_scope ON leave_requests (org_path, status)",
    ])
}
