import KefuPlatform
import SQLKit

/// #17.4, SQLite: the search index's segments are merged in small steps between requests, not inside one.
///
/// FTS5 merged at the commit that took its write counter past 64 leaf pages, 64 × (levels) pages at once; with
/// `contentless_delete` each merged entry is also tested against the newer segments' tombstones. A reply then waited
/// 30–110 ms for the writer every 0.3–1.5 s, the writer's thread on the CPU in `fts5IndexMerge` all the while
/// (bench/README.md, "The search index merged between requests"). desk-019 turns FTS5's automerge off, and the
/// server's loop (`SearchIndexMergeLoop`) runs FTS5's own `merge` command a few pages at a time. FTS5 still merges a
/// level at a commit when it reaches 16 segments (`crisismerge`), so the index stays bounded when the loop is not
/// running (`kefu import`, a one-off command).
public enum TicketSearchMerge {
    /// Leaf pages a step writes at most: about 5 ms of the writer at the benchmark's sizes.
    public static let pagesPerStep = 32

    /// One step; true when it merged something (FTS5 counts a change for each page it wrote, the command itself one).
    /// Only levels holding at least 4 segments (`usermerge`) are merged, as automerge would have.
    public static func step(_ store: any Store, pages: Int = pagesPerStep) async throws -> Bool {
        guard store.dialect == .sqlite else { return false }
        return try await store.write { db in
            let before = try await totalChanges(db)
            try await db.raw("INSERT INTO ticket_search (ticket_search, rank) VALUES ('merge', \(bind: pages))").run()
            return try await totalChanges(db) - before > 1
        }
    }

    private static func totalChanges(_ db: any SQLDatabase) async throws -> Int {
        try await db.raw("SELECT total_changes() AS n").first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
