import Foundation
import KefuDomain
import KefuPlatform
import SQLKit
import Testing
@testable import KefuApp
@testable import KefuServiceDesk
import Logging

/// #17.4 (desk-019): on SQLite the search index's segments are merged by the server's steps between requests, not by
/// FTS5 inside a request's commit.
@Suite("Search index merged between requests")
struct SearchIndexMergeTests {
    static let oneUnit = TicketSearchIndex.Visibility(orgPath: "/u1/", teamPath: nil, ownerId: nil, assigneeId: nil)

    /// Segments of the index: a page's row id holds its segment's id from bit 37 up (FTS5_SEGMENT_ROWID); ids from
    /// 65,536 up are tombstone pages, 0 the structure and averages.
    func segments(_ store: any Store) async throws -> Int {
        try await store.read { db in
            try await db.raw("SELECT COUNT(DISTINCT id >> 37) AS n FROM ticket_search_data WHERE (id >> 37) BETWEEN 1 AND 65535")
                .first()!.decode(column: "n", as: Int.self)
        }
    }

    func matches(_ store: any Store, _ word: String) async throws -> [Int] {
        try await store.read { db in
            try await db.raw("SELECT rowid FROM ticket_search WHERE ticket_search MATCH \(bind: word) ORDER BY rowid").all()
                .map { try $0.decode(column: "rowid", as: Int.self) }
        }
    }

    @Test func commitsLeaveTheSegmentsAndTheStepsMergeThemWithEveryDocumentFound() async throws {
        try await TestApp.run { app in
            let store = app.store
            guard store.dialect == .sqlite else {
                #expect(try await TicketSearchMerge.step(store) == false, "PostgreSQL's GIN index has no segments")
                return
            }
            let setting = try await store.read { db in
                try await db.raw("SELECT v FROM ticket_search_config WHERE k = 'automerge'").first()?.decode(column: "v", as: Int.self)
            }
            #expect(setting == 0)
            // 12 documents of 3,000 words each, one commit each: about 90 leaf pages, past the 64 after which FTS5's
            // automerge merged inside a commit, and under the 16 segments a level may hold before FTS5 merges it anyway.
            let before = try await segments(store)
            let rids = Array(900_001...900_012)
            for rid in rids {
                let words = (0..<3_000).map { "w\(rid)x\($0)" }.joined(separator: " ")
                try await store.write { db in
                    try await TicketSearchIndex.add(db, dialect: .sqlite, ticketRid: rid, text: "mergetrial \(words)", visibility: Self.oneUnit)
                }
            }
            let written = try await segments(store)
            #expect(written == before + rids.count, "no commit merged: \(before) + \(rids.count) segments, found \(written)")

            var merging = 0
            while try await TicketSearchMerge.step(store), merging <= 1_000 { merging += 1 }
            #expect(merging > 1, "a step writes at most \(TicketSearchMerge.pagesPerStep) pages, so the merge took several")
            #expect(merging <= 1_000)
            let merged = try await segments(store)
            #expect(merged < 4, "no level is left with 4 segments (usermerge): \(merged)")
            #expect(try await TicketSearchMerge.step(store) == false, "nothing left to merge")
            #expect(try await matches(store, "mergetrial") == rids)
            for rid in [rids.first!, rids.last!] {
                #expect(try await matches(store, "w\(rid)x2999") == [rid])
            }
        }
    }

    @Test func theServersLoopMergesWhatCommitsLeft() async throws {
        try await TestApp.run { app in
            let store = app.store
            guard store.dialect == .sqlite else { return }
            let before = try await segments(store)
            for rid in 900_101...900_108 {
                try await store.write { db in
                    try await TicketSearchIndex.add(db, dialect: .sqlite, ticketRid: rid, text: "looptrial w\(rid)", visibility: Self.oneUnit)
                }
            }
            #expect(try await segments(store) == before + 8)
            let loop = Task { try await SearchIndexMergeLoop(store: store, logger: Logger(label: "test")).run() }
            var left = try await segments(store)
            for _ in 0..<200 where left >= 4 {
                try await Task.sleep(for: .milliseconds(50))
                left = try await segments(store)
            }
            loop.cancel()
            _ = try? await loop.value
            #expect(left < 4, "the loop merged the 8 segments: \(left) left")
            #expect(try await matches(store, "looptrial") == Array(900_101...900_108))
        }
    }
}
