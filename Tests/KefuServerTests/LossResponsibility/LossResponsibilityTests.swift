import Foundation
import Hummingbird
import Testing

/// #15.5 KPI-06 over HTTP: the business department records a material loss at one of its sites (the site chief is
/// responsible by default), proposes the penalty; 业务管理部 rejects with a reason, the department proposes again, HQ
/// approves and the chief is told. Every step is refused outside its role and scope; money is exact.
@Suite("Material-loss responsibility (#15.5, KPI-06)")
struct LossResponsibilityTests {
    struct Org {
        let admin: String, hq: String, accA: String, supA: String, accB: String, chief: (id: String, token: String), keeperA: String
        let keeperB: (id: String, token: String), agent: String, deptA: String, siteA: String, siteB: String, bolt: String, gear: String
    }

    static func org(_ app: TestApp) async throws -> Org {
        let admin = try await app.adminToken()
        let root = try await app.rootUnitId(admin)
        let deptA = try await app.createUnit(admin, code: "LDA", name: "业务部甲", kind: "business", parentId: root)
        let siteA = try await app.createUnit(admin, code: "LSA", name: "甲一现场", kind: "site", parentId: deptA)
        let deptB = try await app.createUnit(admin, code: "LDB", name: "业务部乙", kind: "business", parentId: root)
        let siteB = try await app.createUnit(admin, code: "LSB", name: "乙一现场", kind: "site", parentId: deptB)
        let hq = try await app.createUser(admin, "lhq", roles: ["mgmt_materials"], unitId: root).token
        func item(_ code: String) async throws -> String {
            let r = try await app.call(.post, "/api/v1/items", token: hq, json: ["code": code, "name": "件" + code, "unit": "个", "category": "consumable", "repairClass": "I"])
            #expect(r.status == .created, "\(r.text)")
            return r.string("id")!
        }
        return Org(admin: admin, hq: hq,
                   accA: try await app.createUser(admin, "lacca", roles: ["dept_accountant"], unitId: deptA).token,
                   supA: try await app.createUser(admin, "lsupa", roles: ["dept_supervisor"], unitId: deptA).token,
                   accB: try await app.createUser(admin, "laccb", roles: ["dept_accountant"], unitId: deptB).token,
                   chief: try await app.createUser(admin, "lchief", roles: ["site_lead"], unitId: siteA),
                   keeperA: try await app.createUser(admin, "lkeepa", roles: ["site_keeper"], unitId: siteA).token,
                   keeperB: try await app.createUser(admin, "lkeepb", roles: ["site_keeper"], unitId: siteB),
                   agent: try await app.createUser(admin, "lagent", roles: ["cs_agent"], unitId: root).token,
                   deptA: deptA, siteA: siteA, siteB: siteB, bolt: try await item("LM20"), gear: try await item("LG16"))
    }

    static func body(_ o: Org, site: String? = nil, extra: [String: Any] = [:]) -> [String: Any] {
        var b: [String: Any] = ["orgUnitId": site ?? o.siteA, "cause": "big_for_small", "description": "以大代小：M20 螺栓当 M16 用",
                                "lines": [["itemId": o.bolt, "quantity": "2", "value": "36.50"], ["itemId": "LG16", "quantity": 0.5, "value": "1,200.05"]]]
        for (k, v) in extra { b[k] = v }
        return b
    }

    @Test func proposeRejectProposeAgainApproveAndTheChiefIsTold() async throws {
        try await TestApp.run { app in
            let o = try await Self.org(app)
            let made = try await app.call(.post, "/api/v1/materials/loss-responsibilities", token: o.accA, json: Self.body(o))
            #expect(made.status == .created, "\(made.text)")
            let id = try #require(made.string("id"))
            #expect(made.string("number")?.range(of: #"^SS-\d{4}-000001$"#, options: .regularExpression) != nil, "\(made.text)")
            #expect(made.string("status") == "registered" && made.string("responsibleId") == o.chief.id && made.string("total") == "1236.55")
            let lines = try #require(made["lines"] as? [[String: Any]])
            #expect(lines.map { $0["quantity"] as? String } == ["2", "0.5"] && lines.map { $0["value"] as? String } == ["36.50", "1200.05"])
            #expect((made["actions"] as? [String]) == ["propose"])

            // Proposals: not the site (the chief is the one responsible), not another department; something must be proposed.
            #expect(try await app.call(.post, "/api/v1/materials/loss-responsibilities/\(id)/propose", token: o.chief.token, json: ["amount": "100"]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/materials/loss-responsibilities/\(id)/propose", token: o.accB, json: ["amount": "100"]).status == .notFound)
            let empty = try await app.call(.post, "/api/v1/materials/loss-responsibilities/\(id)/propose", token: o.accA, json: ["text": " "])
            #expect(empty.status == .unprocessableContent, "\(empty.text)")
            #expect(try await app.call(.post, "/api/v1/materials/loss-responsibilities/\(id)/approve", token: o.hq, json: [String: Any]()).status == .conflict)
            let proposed = try await app.call(.post, "/api/v1/materials/loss-responsibilities/\(id)/propose", token: o.accA,
                                              json: ["amount": "200", "text": "扣现场负责人当月绩效"])
            #expect(proposed.status == .ok && proposed.string("status") == "proposed" && proposed.string("penaltyAmount") == "200.00", "\(proposed.text)")

            // Only 业务管理部 decides; a rejection needs its reason.
            #expect(try await app.call(.post, "/api/v1/materials/loss-responsibilities/\(id)/approve", token: o.supA, json: [String: Any]()).status == .forbidden)
            let bare = try await app.call(.post, "/api/v1/materials/loss-responsibilities/\(id)/reject", token: o.hq, json: [String: Any]())
            #expect(bare.status == .unprocessableContent, "\(bare.text)")
            let rejected = try await app.call(.post, "/api/v1/materials/loss-responsibilities/\(id)/reject", token: o.hq, json: ["reason": "金额过高"])
            #expect(rejected.string("status") == "rejected" && rejected.string("decisionNote") == "金额过高", "\(rejected.text)")
            let again = try await app.call(.post, "/api/v1/materials/loss-responsibilities/\(id)/propose", token: o.supA, json: ["amount": "120.5"])
            #expect(again.string("status") == "proposed" && again.string("penaltyAmount") == "120.50" && again.string("penaltyText") == nil, "\(again.text)")
            let approved = try await app.call(.post, "/api/v1/materials/loss-responsibilities/\(id)/approve", token: o.hq, json: ["reason": "同意"])
            #expect(approved.string("status") == "approved", "\(approved.text)")
            let steps = try #require(approved["steps"] as? [[String: Any]])
            #expect(steps.map { $0["action"] as? String } == ["register", "propose", "reject", "propose", "approve"])
            #expect(try await app.call(.post, "/api/v1/materials/loss-responsibilities/\(id)/reject", token: o.hq, json: ["reason": "x"]).status == .conflict)

            // The chief is told, with the record's link; the audit trail holds every step.
            let told = try await app.call(.get, "/api/v1/notifications?per=50", token: o.chief.token).items
            #expect(told.contains { ($0["link"] as? String) == "/materials/loss-responsibilities/\(id)" }, "\(told)")
            let audit = try await app.call(.get, "/api/v1/audit-log?entity=loss_responsibility&entityId=\(id)", token: o.admin).items
            #expect(audit.count == 5, "\(audit)")
        }
    }

    @Test func refusalsAndScope() async throws {
        try await TestApp.run { app in
            let o = try await Self.org(app)
            let path = "/api/v1/materials/loss-responsibilities"
            // Who records: the site's own 业务部 or HQ, not another department, the site or an agent.
            #expect(try await app.call(.post, path, token: o.accB, json: Self.body(o)).status == .forbidden)
            #expect(try await app.call(.post, path, token: o.keeperA, json: Self.body(o)).status == .forbidden)
            #expect(try await app.call(.post, path, token: o.agent, json: Self.body(o)).status == .forbidden)
            // Validation names the field.
            func field(_ r: TestApp.Reply) -> String? { (r.json["error"] as? [String: Any])?["field"] as? String }
            let notSite = try await app.call(.post, path, token: o.accA, json: Self.body(o, site: o.deptA))
            #expect(notSite.status == .unprocessableContent && field(notSite) == "orgUnitId", "\(notSite.text)")
            let cause = try await app.call(.post, path, token: o.accA, json: Self.body(o, extra: ["cause": "theft"]))
            #expect(cause.status == .unprocessableContent && field(cause) == "cause")
            let noLines = try await app.call(.post, path, token: o.accA, json: Self.body(o, extra: ["lines": [[String: Any]]()]))
            #expect(noLines.status == .unprocessableContent && field(noLines) == "lines[0].itemId")
            let badValue = try await app.call(.post, path, token: o.accA, json: Self.body(o, extra: ["lines": [["itemId": o.bolt, "quantity": "1", "value": "3.555"]]]))
            #expect(badValue.status == .unprocessableContent && field(badValue) == "lines[0].value", "\(badValue.text)")
            let link = try await app.call(.post, path, token: o.accA, json: Self.body(o, extra: ["linkNumber": "PD-2026-999999"]))
            #expect(link.status == .unprocessableContent && field(link) == "linkNumber")
            // A site without a chief: the person responsible is named (here by user name).
            let noChief = try await app.call(.post, path, token: o.hq, json: Self.body(o, site: o.siteB))
            #expect(noChief.status == .unprocessableContent && field(noChief) == "responsibleId", "\(noChief.text)")
            let named = try await app.call(.post, path, token: o.hq, json: Self.body(o, site: o.siteB, extra: ["responsibleId": "lkeepb", "cause": "lost"]))
            #expect(named.status == .created && named.string("responsibleId") == o.keeperB.id, "\(named.text)")
            let a = try await app.call(.post, path, token: o.accA, json: Self.body(o))
            let aId = try #require(a.string("id"))
            let bId = try #require(named.string("id"))

            // Reads: HQ all, a 业务部 its sites, a site its own, the responsible person its own; others 404/403.
            func numbers(_ token: String, _ q: String = "") async throws -> Set<String> {
                Set(try await app.call(.get, path + q, token: token).items.compactMap { $0["id"] as? String })
            }
            #expect(try await numbers(o.hq) == [aId, bId])
            #expect(try await numbers(o.accA) == [aId])
            #expect(try await numbers(o.accB) == [bId])
            #expect(try await numbers(o.keeperA) == [aId])
            #expect(try await numbers(o.keeperB.token) == [bId])
            #expect(try await numbers(o.agent) == [])
            #expect(try await numbers(o.hq, "?cause=lost") == [bId])
            #expect(try await numbers(o.hq, "?status=registered&orgUnitId=\(o.deptA)") == [aId])
            #expect(try await app.call(.get, path + "/\(aId)", token: o.accB).status == .notFound)
            #expect(try await app.call(.get, path + "/\(aId)", token: o.keeperB.token).status == .notFound)
            #expect(try await app.call(.get, path + "/\(aId)", token: o.agent).status == .forbidden)
            #expect(try await app.call(.get, path + "/\(aId)", token: o.chief.token).status == .ok)
            #expect(try await app.call(.get, path + "?cause=theft", token: o.hq).status == .unprocessableContent)
        }
    }
}
