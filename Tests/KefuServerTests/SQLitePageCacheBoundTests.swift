import Foundation
import KefuPlatform
import KefuSQLitePageCache
import Testing
import VaporCSQLite

/// #17.4: SQLite's page cache behind a bound on its page numbers (`PageCacheKeyBound.c`). A b-tree rebalance parks a
/// page on the number of the lock-byte page at 1 GB for a moment; SQLite's cache then scanned its whole hash table at
/// every commit of a database under 1 GB. The bound answers a truncation with nothing at or past its limit by itself,
/// and hands every other truncation on, so pages past a rolled-back end still go.
@Suite struct SQLitePageCacheBoundTests {
    /// A cache of the bounded methods, driven as the pager drives it; `body` gets fetch, rekey, truncate and the counts.
    private struct Cache {
        let methods: sqlite3_pcache_methods2
        let pointer: OpaquePointer

        func fetch(_ key: UInt32, create: Bool = true) -> UnsafeMutablePointer<sqlite3_pcache_page>? {
            methods.xFetch!(pointer, key, create ? 2 : 0)
        }
        func holds(_ key: UInt32) -> Bool {
            guard let page = fetch(key, create: false) else { return false }
            methods.xUnpin!(pointer, page, 0)
            return true
        }
        /// Creates pages `keys`, unpinned (clean pages as the pager leaves them).
        func load(_ keys: ClosedRange<UInt32>) {
            for key in keys {
                let page = fetch(key)!
                methods.xUnpin!(pointer, page, 0)
            }
        }
        /// The swap of `balance_nonroot`: a through the parking number, b to a's number, a to b's.
        func swap(_ a: UInt32, _ b: UInt32, parking: UInt32) {
            let pageA = fetch(a, create: false)!, pageB = fetch(b, create: false)!
            methods.xRekey!(pointer, pageA, a, parking)
            methods.xRekey!(pointer, pageB, b, a)
            methods.xRekey!(pointer, pageA, parking, b)
            methods.xUnpin!(pointer, pageA, 0)
            methods.xUnpin!(pointer, pageB, 0)
        }
        func truncate(_ limit: UInt32) { methods.xTruncate!(pointer, limit) }
        var counts: (passed: Int64, skipped: Int64) {
            var passed: Int64 = 0, skipped: Int64 = 0
            kefu_sqlite_bounded_cache_counts(pointer, &passed, &skipped)
            return (passed, skipped)
        }
    }

    /// The methods are installed when the first connection opens; SQLite is initialised by then.
    private func withCache(pageSize: Int32 = 4096, _ body: (Cache) throws -> Void) async throws {
        try await TestDatabase.withSQLiteFile(readers: 1) { _ in
            let methods = try #require(kefu_sqlite_bounded_page_cache(), "the bounded page cache is installed").pointee
            let pointer = try #require(methods.xCreate!(pageSize, 64, 1))
            defer { methods.xDestroy!(pointer) }
            methods.xCachesize!(pointer, 4000)
            try body(Cache(methods: methods, pointer: pointer))
        }
    }

    @Test func aSwapThroughTheParkingNumberLeavesNothingToTruncate() async throws {
        try await withCache { cache in
            let parking: UInt32 = 0x4000_0000 / 4096 + 1
            cache.load(1...3000)
            cache.swap(120, 40, parking: parking)
            // The commit's truncation at the end of the file: nothing is at or past 3001, so no scan.
            cache.truncate(3001)
            #expect(cache.counts == (0, 1))
            #expect(cache.holds(40) && cache.holds(120) && cache.holds(3000))
            #expect(!cache.holds(parking))
            // Growing the file and truncating again within the bound: still nothing to hand on.
            cache.load(3001...3010)
            cache.truncate(3011)
            #expect(cache.counts == (0, 2))
        }
    }

    @Test func pagesAtOrPastTheLimitAreStillDropped() async throws {
        try await withCache { cache in
            cache.load(1...200)
            // A rolled-back transaction that had grown the file to 200 pages truncates back to 150.
            cache.truncate(151)
            #expect(cache.counts == (1, 0))
            #expect(cache.holds(150))
            #expect(!cache.holds(151) && !cache.holds(200))
            // The bound came down with it: a truncation at 151 again has nothing to hand on.
            cache.truncate(151)
            #expect(cache.counts == (1, 1))
            // A page moved past the limit (as incremental vacuum moves one to the end) is dropped too.
            let page = try #require(cache.fetch(10, create: false))
            cache.methods.xRekey!(cache.pointer, page, 10, 400)
            cache.methods.xUnpin!(cache.pointer, page, 0)
            cache.truncate(151)
            #expect(cache.counts == (2, 1))
            #expect(!cache.holds(400))
        }
    }

    @Test func aPageLeftOnTheParkingNumberIsHandedOn() async throws {
        try await withCache(pageSize: 8192) { cache in
            let parking: UInt32 = 0x4000_0000 / 8192 + 1
            cache.load(1...50)
            // Half a swap (never left so by SQLite, but the bound must not hide it).
            let page = try #require(cache.fetch(30, create: false))
            cache.methods.xRekey!(cache.pointer, page, 30, parking)
            cache.methods.xUnpin!(cache.pointer, page, 0)
            cache.truncate(51)
            #expect(cache.counts == (1, 0))
            #expect(!cache.holds(parking))
            // A page fetched on the parking number (the pager refuses it and lets it go) also sends the next one on.
            if let refused = cache.fetch(parking) { cache.methods.xUnpin!(cache.pointer, refused, 1) }
            cache.truncate(51)
            #expect(cache.counts == (2, 0))
            cache.truncate(51)
            #expect(cache.counts == (2, 1))
        }
    }

    /// A real database through the store: rows in random order (rebalances with swaps), a rolled-back transaction that
    /// grew the file, and deletes; every row read back and the file checked whole.
    @Test func aDatabaseWrittenThroughTheBoundStaysWhole() async throws {
        try await TestDatabase.withSQLiteFile(readers: 2) { store in
            try await store.write { db in
                try await db.raw("CREATE TABLE rows (k TEXT PRIMARY KEY, v TEXT NOT NULL)").run()
            }
            var generator = SystemRandomNumberGenerator()
            var kept = Set<String>()
            for round in 0..<30 {
                let keys = (0..<150).map { _ in String(UInt64.random(in: 0...UInt64.max, using: &generator), radix: 36) }
                let value = String(repeating: "值\(round)", count: 60)
                let rollBack = round % 7 == 3
                do {
                    try await store.write { db in
                        for key in keys { try await db.raw("INSERT OR REPLACE INTO rows (k, v) VALUES (\(bind: key), \(bind: value))").run() }
                        if rollBack { throw CancellationError() }
                    }
                    kept.formUnion(keys)
                } catch is CancellationError {
                    #expect(rollBack)
                }
                if round % 5 == 4, let gone = kept.first {
                    try await store.write { db in try await db.raw("DELETE FROM rows WHERE k = \(bind: gone)").run() }
                    kept.remove(gone)
                }
            }
            let count = try await store.read { db in try await db.raw("SELECT COUNT(*) AS n FROM rows").first()!.decode(column: "n", as: Int.self) }
            #expect(count == kept.count)
            let written = try await store.read { db in try await db.raw("SELECT k FROM rows").all().map { try $0.decode(column: "k", as: String.self) } }
            #expect(Set(written) == kept)
            let check = try await store.write { db in try await db.raw("PRAGMA integrity_check").first()!.decode(column: "integrity_check", as: String.self) }
            #expect(check == "ok")
        }
    }
}
