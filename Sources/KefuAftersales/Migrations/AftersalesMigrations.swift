import KefuPlatform

/// Rows of the after-sales procedure (篇8). RET-01/04: nothing here is ever deleted; there is no DELETE route.
public enum AftersalesMigrations {
    /// In the order they apply. A shipped migration is never edited or removed (MigrationChecksumTests pins it);
    /// a change is a new file with the next number, appended here.
    public static let all: [Migration] = [
        aftersales001Complaints,
        aftersales002RepairsReturns,
        aftersales003Surveys,
    ]
}
