import KefuPlatform

/// #14 item 6: the features switched on or off per org unit (`FeatureSwitches`); a unit without a row for a feature
/// inherits from the unit above. (The brief reserved org-003, which LoginPresessions had already shipped: org-004.)
enum OrgFeatureMigrations {
    static let org004 = Migration(id: "org-004-unit-features", common: [
        """
        CREATE TABLE org_unit_features (
            org_unit_id TEXT NOT NULL REFERENCES org_units (id),
            feature TEXT NOT NULL,
            enabled INTEGER NOT NULL,
            updated_at BIGINT NOT NULL,
            updated_by TEXT,
            PRIMARY KEY (org_unit_id, feature)
        )
        """,
    ])
}
