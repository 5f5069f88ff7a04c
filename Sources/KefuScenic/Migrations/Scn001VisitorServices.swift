import KefuPlatform

extension ScenicMigrations {
    /// VIS-03 the free-entry checks (the ID number only masked); VIS-04 lost-person cases with their broadcast log;
    /// LND-03/04 wheelchairs and strollers, their loans and repairs; VIS-05 reception plans and the departments each
    /// is sent to, with their confirmations. There is no delete.
    static let scn001VisitorServices = Migration(id: "scn-001-visitor-services", common: [
        """
        CREATE TABLE scenic_free_entries (
            id TEXT PRIMARY KEY,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            visitor_name TEXT NOT NULL,
            id_kind TEXT NOT NULL,
            id_masked TEXT NOT NULL,
            birth_date TEXT NOT NULL,
            age INTEGER NOT NULL,
            gate TEXT NOT NULL,
            visit_date TEXT NOT NULL,
            checked_at BIGINT NOT NULL,
            checked_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX scenic_free_entries_day ON scenic_free_entries (visit_date, org_path)",
        """
        CREATE TABLE scenic_lost_cases (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            status TEXT NOT NULL,
            lost_name TEXT NOT NULL,
            description TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            reporter_name TEXT NOT NULL,
            reporter_phone TEXT NOT NULL,
            broadcasts INTEGER NOT NULL,
            outcome TEXT,
            close_note TEXT,
            reported_at BIGINT NOT NULL,
            reported_by TEXT NOT NULL,
            closed_at BIGINT,
            closed_by TEXT
        )
        """,
        "CREATE INDEX scenic_lost_cases_scope ON scenic_lost_cases (org_path, reported_at)",
        """
        CREATE TABLE scenic_broadcasts (
            id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            language TEXT NOT NULL,
            text TEXT NOT NULL,
            broadcast_at BIGINT NOT NULL,
            broadcast_by TEXT NOT NULL,
            UNIQUE (case_id, seq)
        )
        """,
        """
        CREATE TABLE scenic_items (
            id TEXT PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE scenic_loans (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            item_id TEXT NOT NULL,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            kind TEXT NOT NULL,
            fee_fen BIGINT NOT NULL,
            deposit_fen BIGINT NOT NULL,
            borrower_name TEXT NOT NULL,
            borrower_phone TEXT NOT NULL,
            id_note TEXT,
            due_back BIGINT NOT NULL,
            lent_at BIGINT NOT NULL,
            lent_by TEXT NOT NULL,
            returned_at BIGINT,
            returned_by TEXT,
            return_check TEXT,
            damage TEXT
        )
        """,
        "CREATE INDEX scenic_loans_item ON scenic_loans (item_id, lent_at)",
        "CREATE INDEX scenic_loans_scope ON scenic_loans (org_path, lent_at)",
        """
        CREATE TABLE scenic_repairs (
            id TEXT PRIMARY KEY,
            item_id TEXT NOT NULL,
            loan_id TEXT,
            damage TEXT NOT NULL,
            sent_at BIGINT NOT NULL,
            sent_by TEXT NOT NULL,
            repaired_at BIGINT,
            repaired_by TEXT,
            repair_note TEXT
        )
        """,
        "CREATE INDEX scenic_repairs_item ON scenic_repairs (item_id, sent_at)",
        """
        CREATE TABLE scenic_reception_plans (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            group_name TEXT NOT NULL,
            visit_date TEXT NOT NULL,
            group_size INTEGER NOT NULL,
            contact_name TEXT NOT NULL,
            contact_phone TEXT NOT NULL,
            facilities TEXT NOT NULL,
            meals TEXT NOT NULL,
            special_needs TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX scenic_reception_plans_scope ON scenic_reception_plans (org_path, visit_date)",
        """
        CREATE TABLE scenic_plan_departments (
            plan_id TEXT NOT NULL,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            confirmed_at BIGINT,
            confirmed_by TEXT,
            note TEXT,
            PRIMARY KEY (plan_id, org_unit_id)
        )
        """,
        "CREATE INDEX scenic_plan_departments_unit ON scenic_plan_departments (org_path)",
    ])
}
