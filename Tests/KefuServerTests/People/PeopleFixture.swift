import Foundation
import Testing

/// #15: 客服部 with its supervisor, manager and three agents (ann, bo, cy), a sibling unit's manager, and the shifts of
/// 客服部: early 08:00–16:00, late 16:00–24:00 (cleaning), night 00:00–08:00.
struct PeopleFixture {
    let admin: String
    let cs: String, other: String
    let supervisor: (id: String, token: String)
    let manager: (id: String, token: String)
    let ann: (id: String, token: String), bo: (id: String, token: String), cy: (id: String, token: String)
    let outsider: (id: String, token: String)
    let early: String, late: String, night: String

    static func make(_ app: TestApp) async throws -> PeopleFixture {
        let admin = try await app.adminToken()
        let root = try await app.rootUnitId(admin)
        let cs = try await app.createUnit(admin, code: "CS", name: "客服部", kind: "business", parentId: root)
        let other = try await app.createUnit(admin, code: "EAST", name: "华东分公司", kind: "business", parentId: root)
        let supervisor = try await app.createUser(admin, "pplsup", roles: ["cs_supervisor"], unitId: cs)
        func shift(_ code: String, _ start: String, _ end: String, cleaning: Bool = false) async throws -> String {
            let r = try await app.call(.post, "/api/v1/shifts", token: supervisor.token,
                                       json: ["orgUnitId": cs, "code": code, "name": code, "start": start, "end": end, "cleaningDuty": cleaning])
            #expect(r.status == .created, "shift \(code): \(r.text)")
            return r.string("id")!
        }
        return PeopleFixture(
            admin: admin, cs: cs, other: other, supervisor: supervisor,
            manager: try await app.createUser(admin, "pplmgr", roles: ["cs_manager"], unitId: cs),
            ann: try await app.createUser(admin, "pplann", roles: ["cs_agent"], unitId: cs),
            bo: try await app.createUser(admin, "pplbo", roles: ["cs_agent"], unitId: cs),
            cy: try await app.createUser(admin, "pplcy", roles: ["cs_agent"], unitId: cs),
            outsider: try await app.createUser(admin, "pploutmgr", roles: ["cs_manager"], unitId: other),
            early: try await shift("E", "08:00", "16:00"), late: try await shift("L", "16:00", "24:00", cleaning: true), night: try await shift("N", "00:00", "08:00"))
    }

    /// Plans `month` with (day, user, shift) lines; returns the entry id of each line as "dd/userId/shiftId".
    func plan(_ app: TestApp, _ month: String, _ lines: [(Int, String, String)]) async throws -> [String: String] {
        let r = try await app.call(.put, "/api/v1/rosters/\(cs)/\(month)", token: supervisor.token, json: ["entries": lines.map {
            ["date": String(format: "\(month)-%02d", $0.0), "userId": $0.1, "shiftId": $0.2]
        }])
        #expect(r.status == .ok, "plan \(month): \(r.text.prefix(300))")
        var ids: [String: String] = [:]
        for day in r.json["days"] as? [[String: Any]] ?? [] {
            for e in day["entries"] as? [[String: Any]] ?? [] {
                let d = String((e["date"] as! String).suffix(2))
                ids["\(d)/\(e["userId"] as! String)/\(e["shiftId"] as! String)"] = e["id"] as? String
            }
        }
        return ids
    }

    func swap(_ app: TestApp, _ token: String, _ mine: String?, _ theirs: String?) async throws -> TestApp.Reply {
        try await app.call(.post, "/api/v1/shift-swaps", token: token, json: ["requesterShiftId": mine ?? "", "counterpartShiftId": theirs ?? "", "reason": "家中有事"])
    }
}
