import KefuOrg
import KefuPlatform
import KefuScenic
import SQLKit

/// The scenic area in `kefu demo` (#14.3, 篇11): a 景区 unit with its three departments (场馆运营部, 市场运营部,
/// 市场营销部), the visitor-service user 赵云 (`zhaoyun`), two wheelchairs and a stroller at venue ops, and one open
/// lost-person case of market ops with its first broadcast. Through the services, once: when any item exists,
/// nothing is added.
enum ScenicDemoData {
    static let units: [(code: String, name: String, kind: String, parent: String?)] = [
        ("JQ", "景区", "site", nil),
        ("JQ-CG", "场馆运营部", "department", "JQ"),
        ("JQ-SC", "市场运营部", "department", "JQ"),
        ("JQ-YX", "市场营销部", "department", "JQ"),
    ]

    static func load(store: any Store, password: String) async throws -> [String] {
        let admin = try await AdminTasks.adminPrincipal(store)
        let org = OrgService(store: store)
        let root = try await AdminTasks.unitId(store, code: nil)
        var created: [String] = []
        for u in units where (try? await AdminTasks.unitId(store, code: u.code)) == nil {
            let parent = u.parent == nil ? root : try await AdminTasks.unitId(store, code: u.parent)
            _ = try await org.createUnit(.init(code: u.code, name: u.name, kind: u.kind, parentId: parent), by: admin)
            created.append("unit \(u.code)")
        }
        let exists = try await store.read { db in try await db.raw("SELECT 1 AS x FROM users WHERE username = 'zhaoyun'").first() != nil }
        if !exists {
            _ = try await org.createUser(.init(username: "zhaoyun", password: password, displayName: "赵云",
                                               orgUnitId: try await AdminTasks.unitId(store, code: "JQ"), roles: ["scenic_ops"]), by: admin)
            created.append("user zhaoyun")
        }
        let any = try await store.read { db in try await db.raw("SELECT 1 AS x FROM scenic_items LIMIT 1").first() != nil }
        if any { return created }
        let staff = try await MaterialsDemoData.principal(store, "zhaoyun")
        let scenic = ScenicService(store: store)
        let venue = try await AdminTasks.unitId(store, code: "JQ-CG"), market = try await AdminTasks.unitId(store, code: "JQ-SC")
        for (code, kind) in [("LY-01", "wheelchair"), ("LY-02", "wheelchair"), ("YEC-01", "stroller")] {
            _ = try await scenic.addItem(ScenicBody(["code": code, "kind": kind, "orgUnitId": venue]), by: staff)
            created.append("scenic item \(code)")
        }
        let lost = try await scenic.reportLostPerson(ScenicBody([
            "orgUnitId": market, "lostName": "小明（男孩，6 岁）", "description": "身高约 1.2 米，穿红色上衣、蓝色短裤，背黄色小书包",
            "lastSeen": "14:20 在北门售票处附近", "reporterName": "王女士（母亲）", "reporterPhone": "13912345678"]), by: staff)
        _ = try await scenic.logBroadcast(id: lost.id, ScenicBody([:]), by: staff)
        created.append("lost-person case \(lost.number)")
        return created
    }
}
