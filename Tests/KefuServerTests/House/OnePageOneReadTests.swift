import Foundation
import KefuPlatform
import Testing

/// #11.6 (#11 remainder A, item 2): the master-data and user edit pages render from one model read in one transaction.
/// The server runs on a `CountingStore`; a page's reads are those of its request minus those of an asset request with
/// the same session (the sign-in look-up every request makes).
@Suite("House rules: an edit page reads the store once (#11.6)")
struct OnePageOneReadTests {
    /// The read transactions `path` makes beyond the session's own look-up, and its reply.
    static func pageReads(_ s: PageSession, _ counter: ReadCounter, _ path: String) async throws -> (reads: Int, reply: TestApp.Reply) {
        var before = counter.count
        _ = try await s.get("/assets/app.css")
        let session = counter.count - before
        before = counter.count
        let reply = try await s.get(path)
        return (counter.count - before - session, reply)
    }

    @Test func masterDataAndUserPagesReadOnce() async throws {
        let counter = ReadCounter()
        try await TestApp.run(wrapStore: { CountingStore(base: $0, counter: counter) }) { app in
            let f = try await MaterialsFixture.make(app)
            let hq = PageSession(app)
            _ = try await hq.signIn("hqmat", "password-hqmat")
            let keeper = PageSession(app)
            _ = try await keeper.signIn("keepa1", "password-keepa1")
            let admin = PageSession(app)
            _ = try await admin.signIn("admin", TestApp.adminPassword)
            let someone = try await app.call(.get, "/api/v1/users?q=keepa1", token: f.admin).items.first?["id"] as? String

            let pages: [(PageSession, String, String)] = [
                (hq, "/materials/warehouses", "id=\"warehouse-create\""),     // the list, the owners' names and the add form's units
                (keeper, "/materials/warehouses", "id=\"warehouse-list\""),   // a site keeper: no add form
                (hq, "/materials/warehouses/\(f.A1G)", "id=\"warehouse-edit\""),
                (keeper, "/materials/warehouses/\(f.A1G)", "id=\"warehouse-edit\""),
                (hq, "/materials/suppliers/\(f.supplier)", "id=\"supplier-edit\""),
                (hq, "/materials/items/\(f.gear)", "id=\"item-edit\""),
                (admin, "/admin/users", "id=\"user-list\""),
                (admin, "/admin/users/new", "id=\"user-form\""),
                (admin, "/admin/users/\(someone ?? "")", "id=\"user-form\""),
                (admin, "/admin/units", "id=\"unit-list\""),
                (admin, "/admin/webhooks", "class=\"card webhook\""),          // the units one may configure and their webhooks
                (admin, "/admin/escalation-paths", "id=\"escalation-form\""), // #15.6: the unit's path, the one it follows, the choices
                (admin, "/admin/retention?kind=stock_document", "id=\"retention-holds\""), // #17.6: the report, the periods and the holds
            ]
            for (session, path, mark) in pages {
                let (reads, reply) = try await Self.pageReads(session, counter, path)
                #expect(reply.status == .ok, "\(path): \(reply.status)")
                #expect(reply.text.contains(mark), "\(path) does not show \(mark)")
                #expect(reads == 1, "\(path) read the store \(reads) times for one render")
            }
            // A warehouse outside the keeper's unit stays hidden, and an unknown user is still a 404.
            #expect(try await keeper.get("/materials/warehouses/\(f.B1G)").status == .notFound)
            #expect(try await admin.get("/admin/users/no-such-user").status == .notFound)
        }
    }
}
