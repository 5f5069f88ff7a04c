import KefuPlatform

/// Customers, tickets and their search index; service standards (SLA, ESC, D9).
public enum ServiceDeskMigrations {
    /// In the order they apply. A shipped migration is never edited or removed (MigrationChecksumTests pins it);
    /// a change is a new file with the next number, appended here.
    public static let all: [Migration] = [
        desk001CustomersTickets,
        desk002Sla,
        desk003SearchScopeTokens,
    ]
}
