import KefuPlatform
import Testing

/// #18.5: `DATABASE_URL` may size a node's PostgreSQL pool (`?pool=N`); anything else there is refused.
@Suite("DATABASE_URL pool size")
struct DatabaseURLPoolTests {
    func pool(_ url: String) throws -> Int? {
        guard case .postgres(let location) = try DatabaseLocation.parse(url) else { Issue.record("not postgres: \(url)"); return nil }
        return location.pool
    }

    @Test func poolIsReadFromTheURL() throws {
        #expect(try pool("postgres://kefu:kefu@127.0.0.1:5432/kefu") == nil)
        #expect(try pool("postgres://kefu:kefu@127.0.0.1:5432/kefu?tlsmode=disable&pool=8") == 8)
        #expect(try pool("postgresql://kefu@db/kefu?pool=500") == 500)
        for bad in ["0", "501", "-3", "eight", ""] {
            #expect(throws: DatabaseURLError.self) { try DatabaseLocation.parse("postgres://kefu@db/kefu?pool=\(bad)") }
        }
    }
}
