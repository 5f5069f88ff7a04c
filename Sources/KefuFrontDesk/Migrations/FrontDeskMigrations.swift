import KefuPlatform

/// Tables of the front desk registers (#14.4, FRD-01..07). Times are UTC epoch millis; a shipped migration is never
/// edited or removed (MigrationChecksumTests pins it): a change is a new file with the next number, appended here.
public enum FrontDeskMigrations {
    public static let all: [Migration] = [
        fd001Registers,
    ]
}
