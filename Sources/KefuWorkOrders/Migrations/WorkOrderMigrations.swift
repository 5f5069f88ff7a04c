import KefuPlatform

/// Tables of the work orders (#14.1, WO-01..11). Times are UTC epoch millis; a shipped migration is never edited or
/// removed (MigrationChecksumTests pins it): a change is a new file with the next number, appended here.
public enum WorkOrderMigrations {
    public static let all: [Migration] = [
        wo001WorkOrders,
        wo002AreaResponsibility, // #14 leftovers: WO-05
        wo003MaterialsIssue, // #14 item 1
    ]
}
