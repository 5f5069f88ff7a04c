import Foundation
import Testing

/// #13.1 (4.4, REQ-01..09, RPT-05): a material request from the site's draft through four signatures to production,
/// procurement or stock, and the site's arrival confirmation; every step refused to the wrong role and outside scope.
@Suite("Material requests 内部联络单 (#13.1, 4.4)")
struct MaterialRequestFlowTests {
    /// The signers of 业务部A and its site A1, 生产管理部 and procurement, and a planner of 业务部B.
    struct Signers {
        let f: MaterialsFixture
        let siteA1: String
        let leadA1: String, leadA2: String, plannerA: String, plannerB: String, supervisorA: String, managerA: String, production: String, procurement: String

        static func make(_ app: TestApp) async throws -> Signers {
            let f = try await MaterialsFixture.make(app)
            let root = try await app.rootUnitId(f.admin)
            let prod = try await app.createUnit(f.admin, code: "PROD", name: "生产管理部", kind: "business", parentId: root)
            let me = try await app.call(.get, "/api/v1/auth/me", token: f.keeperA1)
            let siteA1 = try #require((me.json["user"] as? [String: Any])?["orgUnitId"] as? String ?? me.string("orgUnitId"))
            let meA2 = try await app.call(.get, "/api/v1/auth/me", token: f.keeperA2)
            let siteA2 = try #require((meA2.json["user"] as? [String: Any])?["orgUnitId"] as? String ?? meA2.string("orgUnitId"))
            func user(_ name: String, _ role: String, _ unit: String) async throws -> String { try await app.createUser(f.admin, name, roles: [role], unitId: unit).token }
            return Signers(f: f, siteA1: siteA1,
                           leadA1: try await user("leada1", "site_lead", siteA1), leadA2: try await user("leada2", "site_lead", siteA2),
                           plannerA: try await user("plana", "dept_planner", f.deptA), plannerB: try await user("planb", "dept_planner", f.deptB),
                           supervisorA: try await user("supa", "dept_supervisor", f.deptA), managerA: try await user("mgra", "dept_manager", f.deptA),
                           production: try await user("prod1", "production", prod), procurement: try await user("proc1", "procurement", prod))
        }

        func draft(_ app: TestApp, kind: String = "consumable", lines: [[String: Any]]? = nil) async throws -> String {
            let r = try await app.call(.post, "/api/v1/material-requests", token: f.keeperA1,
                                       json: ["kind": kind, "urgency": "urgent", "reason": "3号风机更换密封件", "lines": lines ?? [f.line(f.bolt, 20)]])
            #expect(r.status == .created, "\(r.text)")
            return try #require(r.string("id"))
        }
    }

    static func step(_ app: TestApp, _ id: String, _ action: String, _ token: String, _ body: [String: Any] = [:]) async throws -> TestApp.Reply {
        try await app.call(.post, "/api/v1/material-requests/\(id)/\(action)", token: token, json: body)
    }

    @Test func aRequestGoesFromDraftThroughFourSignaturesAndProcurementToClosed() async throws {
        try await TestApp.run { app in
            let s = try await Signers.make(app)
            let id = try await s.draft(app)
            let created = try await app.call(.get, "/api/v1/material-requests/\(id)", token: s.f.keeperA1)
            #expect(created.string("state") == "draft")
            #expect(created.string("number")?.hasPrefix("LL-") == true)
            // A draft edit raises the version the signatures name.
            let edited = try await app.call(.put, "/api/v1/material-requests/\(id)", token: s.f.keeperA1,
                                            json: ["kind": "consumable", "urgency": "urgent", "reason": "3号风机更换密封件", "lines": [s.f.line(s.f.bolt, 25)]])
            #expect(edited.json["version"] as? Int == 2, "\(edited.text)")
            // Steps out of order are refused by state; the wrong role or scope by permission.
            #expect(try await Self.step(app, id, "approve", s.leadA1).status == .conflict)
            #expect(try await Self.step(app, id, "submit", s.f.keeperA2).status == .forbidden)
            #expect(try await Self.step(app, id, "submit", s.f.keeperA1).string("state") == "site_review")
            #expect(try await app.call(.put, "/api/v1/material-requests/\(id)", token: s.f.keeperA1,
                                       json: ["kind": "consumable", "reason": "x", "lines": [s.f.line(s.f.bolt, 1)]]).status == .conflict)
            #expect(try await Self.step(app, id, "approve", s.leadA2).status == .forbidden)
            #expect(try await Self.step(app, id, "approve", s.plannerA).status == .forbidden)
            let siteSigned = try await Self.step(app, id, "approve", s.leadA1)
            #expect(siteSigned.string("state") == "planner_review")
            #expect(siteSigned.string("plannerDueAt") != nil)
            #expect(siteSigned.json["plannerBreached"] as? Bool == false)
            #expect(try await Self.step(app, id, "approve", s.plannerB).status == .forbidden)
            #expect(try await Self.step(app, id, "approve", s.supervisorA).status == .forbidden)
            #expect(try await Self.step(app, id, "approve", s.plannerA).string("state") == "supervisor_review")
            #expect(try await Self.step(app, id, "approve", s.managerA).status == .forbidden)
            #expect(try await Self.step(app, id, "approve", s.supervisorA).string("state") == "manager_review")
            #expect(try await Self.step(app, id, "decide", s.production, ["source": "procurement"]).status == .conflict)
            let approved = try await Self.step(app, id, "approve", s.managerA)
            #expect(approved.string("state") == "sent_to_production")
            #expect(approved.string("filedAtHQ") != nil)
            // Production decides; procurement orders; the site confirms and the request closes itself.
            #expect(try await Self.step(app, id, "decide", s.procurement, ["source": "procurement"]).status == .forbidden)
            #expect(try await Self.step(app, id, "decide", s.production, [:]).errorCode == "validation_failed")
            #expect(try await Self.step(app, id, "decide", s.production, ["source": "procurement"]).string("state") == "procurement")
            #expect(try await Self.step(app, id, "order", s.production, ["orderRef": "PO-1"]).status == .forbidden)
            #expect(try await Self.step(app, id, "order", s.procurement, [:]).errorCode == "validation_failed")
            let ordered = try await Self.step(app, id, "order", s.procurement, ["orderRef": "PO-2026-118", "supplierId": s.f.supplier])
            #expect(ordered.string("state") == "supplier_shipping")
            #expect(ordered.string("waitingFor") == "site_keeper")
            #expect(try await Self.step(app, id, "confirm-arrival", s.f.keeperA2).status == .forbidden)
            let closed = try await Self.step(app, id, "confirm-arrival", s.f.keeperA1)
            #expect(closed.string("state") == "closed", "\(closed.text)")
            #expect(closed.string("arrivedAt") != nil)
            // The timeline: every signature with its signer and the version signed.
            let signatures = closed.json["signatures"] as? [[String: Any]] ?? []
            #expect(signatures.map { $0["action"] as? String ?? "" } == ["submit", "approve", "approve", "approve", "approve", "decide", "order", "confirm-arrival", "close"])
            #expect(signatures.allSatisfy { $0["version"] as? Int == 2 })
            #expect(try await Self.step(app, id, "confirm-arrival", s.f.keeperA1).status == .conflict)
            // The other department neither sees it nor lists it; production sees it.
            #expect(try await app.call(.get, "/api/v1/material-requests/\(id)", token: s.plannerB).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/material-requests", token: s.plannerB).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/material-requests/\(id)", token: s.production).status == .ok)
        }
    }

    @Test func aReviewerReturnsWithACommentAndStockIsShippedBeforeArrival() async throws {
        try await TestApp.run { app in
            let s = try await Signers.make(app)
            let id = try await s.draft(app)
            _ = try await Self.step(app, id, "submit", s.f.keeperA1)
            _ = try await Self.step(app, id, "approve", s.leadA1)
            #expect(try await Self.step(app, id, "return", s.plannerA, [:]).errorCode == "validation_failed")
            let returned = try await Self.step(app, id, "return", s.plannerA, ["comment": "数量请与现场核实"])
            #expect(returned.string("state") == "draft")
            #expect(returned.string("plannerDueAt") == nil)
            #expect((returned.json["signatures"] as? [[String: Any]])?.last?["comment"] as? String == "数量请与现场核实")
            for (action, token) in [("submit", s.f.keeperA1), ("approve", s.leadA1), ("approve", s.plannerA), ("approve", s.supervisorA), ("approve", s.managerA)] {
                #expect(try await Self.step(app, id, action, token).status == .ok)
            }
            #expect(try await Self.step(app, id, "decide", s.production, ["source": "stock"]).string("state") == "shipping_from_stock")
            #expect(try await Self.step(app, id, "confirm-arrival", s.f.keeperA1).status == .conflict)
            let shipped = try await Self.step(app, id, "ship", s.production, ["note": "顺丰 SF123"])
            #expect(shipped.string("shippedAt") != nil)
            #expect(try await Self.step(app, id, "ship", s.production).status == .conflict)
            #expect(try await Self.step(app, id, "confirm-arrival", s.f.keeperA1).string("state") == "closed")
        }
    }

    @Test func theFormIsValidatedOneKindPerRequest() async throws {
        try await TestApp.run { app in
            let s = try await Signers.make(app)
            func post(_ body: [String: Any], _ token: String? = nil) async throws -> TestApp.Reply {
                try await app.call(.post, "/api/v1/material-requests", token: token ?? s.f.keeperA1, json: body)
            }
            let line = s.f.line(s.f.bolt, 1)
            #expect(try await post(["kind": "consumable", "lines": [line]]).errorCode == "validation_failed") // no reason
            #expect(try await post(["kind": "food", "reason": "x", "lines": [line]]).errorCode == "validation_failed")
            #expect(try await post(["kind": "consumable", "reason": "x", "lines": []]).errorCode == "validation_failed")
            #expect(try await post(["kind": "consumable", "reason": "x", "lines": [s.f.line(s.f.bolt, 0)]]).errorCode == "validation_failed")
            let mixed = try await post(["kind": "consumable", "reason": "x", "lines": [line, s.f.line(s.f.gear, 1)]])
            #expect(mixed.errorCode == "validation_failed")
            #expect(mixed.text.contains("lines[1].itemId"), "\(mixed.text)")
            #expect(try await post(["kind": "spare_part", "reason": "x", "lines": [s.f.line(s.f.gear, 1)]]).status == .created)
            // Another department's site, or an agent, writes no request for site A1.
            #expect(try await post(["orgUnitId": s.siteA1, "kind": "consumable", "reason": "x", "lines": [line]], s.plannerB).status == .forbidden)
            #expect(try await post(["kind": "consumable", "reason": "x", "lines": [line]], s.f.agent).status == .forbidden)
        }
    }

    @Test func anUrgentReleaseIsListedUntilItsFormIsFiled() async throws {
        try await TestApp.run { app in
            let s = try await Signers.make(app)
            let body: [String: Any] = ["orgUnitId": s.siteA1, "kind": "consumable", "reason": "停机抢修", "urgentRelease": true, "lines": [s.f.line(s.f.bolt, 2)]]
            #expect(try await app.call(.post, "/api/v1/material-requests", token: s.f.keeperA1, json: body).status == .forbidden)
            let released = try await app.call(.post, "/api/v1/material-requests", token: s.plannerA, json: body)
            #expect(released.string("state") == "sent_to_production", "\(released.text)")
            #expect(released.json["backfillPending"] as? Bool == true)
            let id = try #require(released.string("id"))
            #expect(try await app.call(.get, "/api/v1/material-requests?backfill=1", token: s.plannerA).items.count == 1)
            let report = try await app.call(.get, "/api/v1/reports/open-requests?orgUnitId=\(s.f.deptA)", token: s.managerA)
            #expect(report.json["backfillsOpen"] as? Int == 1, "\(report.text)")
            #expect(try await app.call(.post, "/api/v1/material-requests/\(id)/backfill", token: s.plannerA, json: [:]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/material-requests/\(id)/backfill", token: s.managerA, json: ["comment": "补联络单"]).json["backfillPending"] as? Bool == false)
            #expect(try await app.call(.post, "/api/v1/material-requests/\(id)/backfill", token: s.managerA, json: [:]).status == .conflict)
            #expect(try await app.call(.get, "/api/v1/material-requests?backfill=1", token: s.plannerA).items.isEmpty)
        }
    }

    @Test func theOpenRequestsReportSaysWhoEachWaitsForInScope() async throws {
        try await TestApp.run { app in
            let s = try await Signers.make(app)
            let a = try await s.draft(app)
            let b = try await s.draft(app)
            _ = try await Self.step(app, b, "submit", s.f.keeperA1)
            _ = try await Self.step(app, b, "approve", s.leadA1)
            let report = try await app.call(.get, "/api/v1/reports/open-requests?orgUnitId=\(s.f.deptA)", token: s.plannerA)
            #expect(report.status == .ok, "\(report.text)")
            #expect(report.json["total"] as? Int == 2)
            let rows = report.items
            #expect(rows.first { $0["id"] as? String == b }?["waitingFor"] as? String == "dept_planner")
            #expect(rows.first { $0["id"] as? String == b }?["plannerDueAt"] as? String != nil)
            #expect(rows.first { $0["id"] as? String == a }?["state"] as? String == "draft")
            #expect(rows.map { $0["orgUnitName"] as? String } == ["现场A1", "现场A1"], "each row names its site (looked up once per unit)")
            #expect(try await app.call(.get, "/api/v1/reports/open-requests?orgUnitId=\(s.f.deptA)", token: s.plannerB).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/reports/open-requests", token: s.plannerB).json["total"] as? Int == 0)
            let planners = try await app.call(.get, "/api/v1/material-requests?state=planner_review", token: s.plannerA)
            #expect(planners.items.map { $0["id"] as? String } == [b])
        }
    }
}
