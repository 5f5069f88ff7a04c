import KefuPlatform

/// Tables of the scenic area's visitor services (篇11, VIS-01..05, LND-03/04). Times are UTC epoch millis; money is
/// integer fen; a shipped migration is never edited or removed: a change is a new file with the next number.
public enum ScenicMigrations {
    public static let all: [Migration] = [
        scn001VisitorServices,
        scn002Deliveries, // #14 VIS-01/02
    ]
}
