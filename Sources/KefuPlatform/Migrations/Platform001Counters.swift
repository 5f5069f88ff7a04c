extension PlatformMigrations {
    public static let platform001Counters = Migration(id: "platform-001-counters", common: [
        "CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
    ])
}
