import Foundation
import KefuDomain
import KefuPlatform
import KefuProperty
import SQLKit

/// #14 PRP-06 in `kefu demo`, on 翠湖花园: 2栋 301's owner file with its handover and a kitchen renovation approved and
/// under supervision; 2栋 402 let to a tenant (the rental entry and the tenant's move-in). Once: when a file entry exists
/// nothing is added.
enum OwnerFileDemoData {
    static func load(store: any Store, now: Date = Date()) async throws -> [String] {
        let units: [String: String]? = try await store.read { db in
            guard try await db.raw("SELECT 1 AS x FROM property_file_entries").first() == nil else { return nil }
            var found: [String: String] = [:]
            for row in try await db.raw("""
                SELECT u.room, u.id FROM property_units u JOIN property_estates e ON e.id = u.estate_id
                WHERE e.name = '翠湖花园' AND u.building = '2栋' AND u.room IN ('301', '402')
                """).all() {
                found[try row.decode(column: "room", as: String.self)] = try row.decode(column: "id", as: String.self)
            }
            return found
        }
        guard let units, let renovated = units["301"], let rented = units["402"] else { return [] }
        let sunli = try await MaterialsDemoData.principal(store, "sunli")
        let files = OwnerFileService(store: store)
        let today = Times.day(now)
        func day(_ n: Int) -> String { today.adding(days: -n).iso }
        _ = try await files.addEntry(unitId: renovated, FlatBody(["kind": "handover", "entryOn": day(60), "handoverItems": "钥匙 3 把；水表 0012 吨，电表 0345 度"]),
                                     by: sunli, now: now)
        let r = try await files.addEntry(unitId: renovated, FlatBody(["kind": "renovation", "entryOn": day(10), "summary": "厨房、卫生间翻新，施工队：安居装饰，工期 30 天"]),
                                         by: sunli, now: now)
        _ = try await files.step(entryId: r.id, .approve, FlatBody(["actedOn": day(8), "note": "不得改动承重墙，施工时间 8:00–18:00"]), by: sunli, now: now)
        _ = try await files.step(entryId: r.id, .supervise, FlatBody(["actedOn": day(3), "note": "现场检查：防水层已做闭水试验"]), by: sunli, now: now)
        _ = try await files.addEntry(unitId: rented, FlatBody(["kind": "rental", "entryOn": day(20), "tenant": "陈晨", "termFrom": day(15),
                                                              "termTo": today.adding(days: 350).iso, "agent": "链家 翠湖店"]), by: sunli, now: now)
        _ = try await files.moveIn(unitId: rented, FlatBody(["kind": "tenant", "name": "陈晨", "phone": "13700005555", "movedInOn": day(15)]), by: sunli, now: now)
        return ["翠湖花园's owner files (a renovation under supervision, a rental)"]
    }
}
