import KefuPlatform
import Testing

/// Unit scopes and prefix searches compare in code-point order, so a PostgreSQL database must too (`DatabaseCollation`).
@Suite("PostgreSQL database collation")
struct DatabaseCollationTests {
    @Test func onlyCodePointCollationsAreTaken() {
        for collate in ["C", "POSIX", "C.UTF-8", "C.utf8", "c.utf8"] {
            #expect(DatabaseCollation.isCodePointOrder(provider: nil, collate: collate), "\(collate)")
            #expect(DatabaseCollation.isCodePointOrder(provider: "c", collate: collate), "\(collate)")
        }
        for collate in ["zh_CN.UTF-8", "zh_CN.utf8", "en_US.UTF-8", "de_DE"] {
            #expect(!DatabaseCollation.isCodePointOrder(provider: "c", collate: collate), "\(collate)")
        }
        // ICU whatever the libc collation beside it; PostgreSQL 17's builtin provider has only code-point locales.
        #expect(!DatabaseCollation.isCodePointOrder(provider: "i", collate: "C.UTF-8"))
        #expect(DatabaseCollation.isCodePointOrder(provider: "b", collate: "C"))
    }

    @Test func theTestDatabaseIsTaken() async throws {
        try await TestDatabase.withStore { store in try await DatabaseCollation.check(store) }
    }
}
