import Foundation
import KefuApp
import KefuPlatform
import SQLKit
import Testing

/// #14 PRP-06: prp-004 opens the history with the occupants the unit rows already had (moved in on the registered date,
/// or on an unknown date); `kefu demo` shows a renovation under supervision and a rental, once.
@Suite("Property owner files: backfill and demo (#14 PRP-06)")
struct OwnerFileBackfillTests {
    @Test func theMigrationBackfillsTheCurrentOccupants() async throws {
        try await TestDatabase.withStore { store in
            let all = KefuServer.migrations
            let index = try #require(all.firstIndex { $0.id == "prp-004-owner-files" })
            _ = try await Migrator.migrate(store, Array(all[..<index]))
            try await store.write { db in
                try await db.raw("""
                    INSERT INTO property_estates (id, name, address, org_unit_id, org_path, created_at, created_by)
                    VALUES ('e1', '旧小区', NULL, 'u1', '/root/', 1, 'x')
                    """).run()
                try await db.raw("""
                    INSERT INTO property_units (id, estate_id, org_path, building, room, area_centi, use_kind, occupant_kind, occupant_name, occupant_phone,
                        move_in_on, created_at, updated_at) VALUES
                    ('a', 'e1', '/root/', '1栋', '101', 8950, 'residential', 'owner', '王芳', '13900002222', '2020-05-01', 1, 1),
                    ('b', 'e1', '/root/', '1栋', '102', 8950, 'shop', 'tenant', '李记超市', NULL, NULL, 1, 1),
                    ('c', 'e1', '/root/', '1栋', '103', 8950, 'vacant', NULL, NULL, NULL, NULL, 1, 1)
                    """).run()
            }
            _ = try await Migrator.migrate(store, all)
            let rows = try await store.read { db in
                try await db.raw("SELECT unit_id, kind, name, moved_in_on, moved_out_on, current_key FROM property_occupancies ORDER BY unit_id").all().map {
                    [try $0.decode(column: "unit_id", as: String.self), try $0.decode(column: "kind", as: String.self), try $0.decode(column: "name", as: String.self),
                     try $0.decode(column: "moved_in_on", as: String?.self) ?? "unknown", try $0.decode(column: "moved_out_on", as: String?.self) ?? "open",
                     try $0.decode(column: "current_key", as: String?.self) ?? "-"]
                }
            }
            #expect(rows == [["a", "owner", "王芳", "2020-05-01", "open", "a:owner"], ["b", "tenant", "李记超市", "unknown", "open", "b:tenant"]], "\(rows)")
        }
    }

    @Test func theDemoShowsARenovationUnderSupervisionAndARentalOnce() async throws {
        try await TestApp.run { app in
            let first = try await DemoData.load(store: app.store, password: "demo-pass-1")
            #expect(first.contains("owner files"), "\(first)")
            let sunli = try await app.token("sunli", "demo-pass-1")
            let estates = try await app.call(.get, "/api/v1/property/estates", token: sunli)
            let estate = try #require(estates.items.first { $0["name"] as? String == "翠湖花园" }?["id"] as? String, "\(estates.text)")
            let units = try await app.call(.get, "/api/v1/property/estates/\(estate)/units?q=2栋-301".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!, token: sunli)
            let u301 = try #require(units.items.first?["id"] as? String, "\(units.text)")
            let file = try await app.call(.get, "/api/v1/property/units/\(u301)/owner-file", token: sunli)
            let entries = file["entries"] as? [[String: Any]] ?? []
            #expect(entries.contains { $0["kind"] as? String == "renovation" && $0["status"] as? String == "supervising" }, "\(file.text)")
            let rented = try await app.call(.get, "/api/v1/property/estates/\(estate)/units?q=2栋-402".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!, token: sunli)
            #expect(rented.items.first?["occupantName"] as? String == "陈晨" && rented.items.first?["occupantKind"] as? String == "tenant", "\(rented.text)")
            #expect(try await DemoData.load(store: app.store, password: "demo-pass-1") == "Demo data already loaded.")
        }
    }
}
