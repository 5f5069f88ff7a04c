import Foundation
import KefuPlatform
import SQLKit
import Testing

/// #17.7/#18.5: the server's PostgreSQL connections are opened at start and kept, with no pool timers armed on each
/// release (`PostgresPoolOptions`); other stores open theirs on demand.
@Suite("PostgreSQL pool")
struct PostgresPoolTests {
    @Test func theServersPoolKeepsItsConnectionsWithoutTimersAndAsksForTcpProbes() {
        let kept = PostgresPoolOptions.options(maxConnections: 6, searchPath: "s1", keepOpen: true)
        #expect(kept.minimumConnections == 6)
        #expect(kept.maximumConnections == 6)
        #expect(kept.keepAliveBehavior == nil)
        let keptStartup = Dictionary(uniqueKeysWithValues: kept.additionalStartupParameters.map { ($0.0, $0.1) })
        #expect(keptStartup == ["application_name": "kefu", "search_path": "s1", "tcp_keepalives_idle": "60",
                                "tcp_keepalives_interval": "10", "tcp_keepalives_count": "6"])

        let onDemand = PostgresPoolOptions.options(maxConnections: 6, searchPath: nil, keepOpen: false)
        #expect(onDemand.minimumConnections == 0)
        #expect(onDemand.keepAliveBehavior != nil)
        #expect(onDemand.additionalStartupParameters.map(\.0) == ["application_name"])
    }

    @Test func aKeptOpenStoreOpensEveryConnectionAtStartAndKeepsThemUnderLoad() async throws {
        guard let location = try TestDatabase.postgresLocation() else { return }
        let name = "kefu-pool-" + UUID().uuidString.prefix(8).lowercased()
        try await PostgresStore(location: location, logger: TestDatabase.logger, maxConnections: 1).closing { observer in
            try await PostgresStore(location: location, logger: TestDatabase.logger, maxConnections: 3, keepOpen: true,
                                    applicationName: name).closing { store in
                // Opened without a single request.
                #expect(try await Self.waitForConnections(observer, name: name, count: 3) == 3)
                let probes = try await store.read { db in
                    try await db.raw("SELECT current_setting('tcp_keepalives_idle') AS idle, current_setting('application_name') AS app").first()!
                }
                #expect(try probes.decode(column: "idle", as: String.self) == "60")
                #expect(try probes.decode(column: "app", as: String.self) == name)
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for i in 0..<60 {
                        group.addTask { try await store.read { db in try await db.raw("SELECT \(bind: i) AS n").first()!.decode(column: "n", as: Int.self) } }
                    }
                    var sum = 0
                    for try await n in group { sum += n }
                    #expect(sum == (0..<60).reduce(0, +))
                }
                #expect(try await Self.connections(observer, name: name) == 3)
            }
            #expect(try await Self.waitForConnections(observer, name: name, count: 0) == 0)
        }
    }

    @Test func anotherStoreOpensConnectionsOnDemand() async throws {
        guard let location = try TestDatabase.postgresLocation() else { return }
        let name = "kefu-pool-" + UUID().uuidString.prefix(8).lowercased()
        try await PostgresStore(location: location, logger: TestDatabase.logger, maxConnections: 1).closing { observer in
            try await PostgresStore(location: location, logger: TestDatabase.logger, maxConnections: 3, applicationName: name).closing { store in
                _ = try await store.read { db in try await db.raw("SELECT 1 AS one").first() }
                #expect(try await Self.connections(observer, name: name) == 1)
            }
        }
    }

    private static func connections(_ observer: any Store, name: String) async throws -> Int {
        try await observer.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM pg_stat_activity WHERE application_name = \(bind: name)").first()!
                .decode(column: "n", as: Int.self)
        }
    }

    /// The count once it reaches `count`, or the last one seen after 10 s.
    private static func waitForConnections(_ observer: any Store, name: String, count: Int) async throws -> Int {
        var seen = try await connections(observer, name: name)
        for _ in 0..<100 where seen != count {
            try await Task.sleep(for: .milliseconds(100))
            seen = try await connections(observer, name: name)
        }
        return seen
    }
}
