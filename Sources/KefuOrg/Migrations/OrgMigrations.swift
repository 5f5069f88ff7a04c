import KefuPlatform

/// Organisation units, users, sessions, tokens and sign-in.
public enum OrgMigrations {
    /// In the order they apply. A shipped migration is never edited or removed (MigrationChecksumTests pins it);
    /// a change is a new file with the next number, appended here.
    public static let all: [Migration] = [
        org001UnitsUsers,
        org002LoginThrottle,
        org003LoginPresessions,
    ]
}
