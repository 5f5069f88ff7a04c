/// The platform's own tables: counters and the audit trail.
public enum PlatformMigrations {
    /// In the order they apply. A shipped migration is never edited or removed (MigrationChecksumTests pins it);
    /// a change is a new file with the next number, appended here.
    public static let all: [Migration] = [
        platform001Counters,
        platform002Audit,
    ]
}
