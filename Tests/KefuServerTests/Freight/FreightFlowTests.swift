import Foundation
import Testing

/// #13.4, FRT-01..06, RPT-12 over HTTP: HQ's versioned reference prices, a site's freight records judged by the rule,
/// the business department's decisions, the scope of every read and step, and the exceptions report.
@Suite("Freight (#13.4, FRT-01..06, RPT-12)")
struct FreightFlowTests {
    struct Actors {
        let f: MaterialsFixture
        let managerA: String, supervisorA: String, managerB: String
    }

    static func actors(_ app: TestApp) async throws -> Actors {
        let f = try await MaterialsFixture.make(app)
        return Actors(f: f,
                      managerA: try await app.createUser(f.admin, "mgra", roles: ["dept_manager"], unitId: f.deptA).token,
                      supervisorA: try await app.createUser(f.admin, "supa", roles: ["dept_supervisor"], unitId: f.deptA).token,
                      managerB: try await app.createUser(f.admin, "mgrb", roles: ["dept_manager"], unitId: f.deptB).token)
    }

    static func freight(_ app: TestApp, _ token: String, _ body: [String: Any]) async throws -> TestApp.Reply {
        try await app.call(.post, "/api/v1/freight", token: token, json: body)
    }

    @Test func hqKeepsVersionedReferencePricesThatAreNeverEdited() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            let body: [String: Any] = ["route": "总库—现场A1", "vehicleType": "9.6米厢车", "price": "1000.00", "effectiveFrom": "2026-01-01"]
            for token in [a.f.keeperA1, a.f.accA, a.managerA, a.f.agent] {
                #expect(try await app.call(.post, "/api/v1/freight-prices", token: token, json: body).status == .forbidden)
            }
            let first = try await app.call(.post, "/api/v1/freight-prices", token: a.f.hqPlanner, json: body)
            #expect(first.status == .created, "\(first.text)")
            #expect(first.string("price") == "1000.00")
            let again = try await app.call(.post, "/api/v1/freight-prices", token: a.f.hqMaterials, json: body)
            #expect(again.status == .conflict)
            #expect(again.errorCode == "price_exists")
            var later = body
            later["price"] = 1200
            later["effectiveFrom"] = "2026/07/01"
            let second = try await app.call(.post, "/api/v1/freight-prices", token: a.f.admin, json: later)
            #expect(second.status == .created, "\(second.text)")
            #expect(second.string("effectiveFrom") == "2026-07-01")
            #expect(second.string("price") == "1200.00")
            // Refusals name their field.
            var bad = body
            bad["price"] = "12.345"
            #expect(try await app.call(.post, "/api/v1/freight-prices", token: a.f.hqMaterials, json: bad).errorCode == "validation_failed")
            bad["price"] = "0"
            #expect(try await app.call(.post, "/api/v1/freight-prices", token: a.f.hqMaterials, json: bad).json["error"] != nil)
            // Every viewer reads the list with its history: the earlier entry ends the day before the later one.
            let list = try await app.call(.get, "/api/v1/freight-prices", token: a.f.keeperA1).items
            #expect(list.count == 2)
            let old = try #require(list.first { $0["id"] as? String == first.string("id") })
            #expect(old["effectiveTo"] as? String == "2026-06-30")
            #expect(try await app.call(.get, "/api/v1/freight-prices", token: a.f.agent).status == .forbidden)
        }
    }

    @Test func aRentedVehicleIsJudgedAgainstThePriceInForceOnItsShippingDay() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            let early = try await app.call(.post, "/api/v1/freight-prices", token: a.f.hqMaterials,
                                           json: ["route": "总库—现场A1", "vehicleType": "9.6米厢车", "price": "1000.00", "effectiveFrom": "2026-01-01"]).string("id")!
            let late = try await app.call(.post, "/api/v1/freight-prices", token: a.f.hqMaterials,
                                          json: ["route": "总库—现场A1", "vehicleType": "9.6米厢车", "price": "1200.00", "effectiveFrom": "2026-07-01"]).string("id")!
            func rented(_ cost: String, _ day: String, route: String? = nil) async throws -> TestApp.Reply {
                var body: [String: Any] = ["shipmentRef": "FH-\(cost)-\(day)", "mode": "rented_vehicle", "cost": cost, "shippedOn": day]
                body["routeId"] = route ?? late
                return try await Self.freight(app, a.f.keeperA1, body)
            }
            // March: the January price (1000) is in force although the later entry was named; 110 % inclusive.
            let atLimit = try await rented("1100.00", "2026-03-10")
            #expect(atLimit.status == .created, "\(atLimit.text)")
            #expect(atLimit.string("approvalNeeded") == "none")
            #expect(atLimit.string("status") == "not_needed")
            #expect(atLimit.string("routeId") == early)
            #expect(atLimit.string("referencePrice") == "1000.00")
            #expect(atLimit.string("referenceLimit") == "1100.00")
            let above = try await rented("1100.01", "2026-03-11")
            #expect(above.string("approvalNeeded") == "department")
            #expect(above.string("status") == "awaiting_approval")
            // August: the July price (1200 → 1320).
            #expect(try await rented("1320.00", "2026-08-01").string("approvalNeeded") == "none")
            #expect(try await rented("1320.01", "2026-08-01", route: early).string("approvalNeeded") == "department")
            // Before any price: a clear refusal, nothing recorded.
            let none = try await rented("500", "2025-12-31")
            #expect(none.status == .unprocessableContent)
            #expect(none.errorCode == "no_reference_price")
            #expect(try await Self.freight(app, a.f.keeperA1, ["shipmentRef": "X", "mode": "rented_vehicle", "cost": "10"]).errorCode == "validation_failed")
            #expect(try await Self.freight(app, a.f.keeperA1, ["shipmentRef": "X", "mode": "boat", "cost": "10"]).errorCode == "validation_failed")
            #expect(try await Self.freight(app, a.f.keeperA1, ["shipmentRef": "X", "mode": "express", "cost": "abc"]).errorCode == "validation_failed")
            // Numbers are gapless: four records, the refusals took none.
            let numbers = try await app.call(.get, "/api/v1/freight?per=10", token: a.f.keeperA1).items.compactMap { $0["number"] as? String }.sorted()
            #expect(numbers.count == 4)
            #expect(numbers.map { String($0.suffix(6)) } == ["000001", "000002", "000003", "000004"], "\(numbers)")
            // The department of the site approves FRT-04 (supervisor or manager); another department's manager cannot.
            let id = above.string("id")!
            #expect(try await app.call(.post, "/api/v1/freight/\(id)/approve", token: a.managerB, json: [:]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/freight/\(id)/approve", token: a.f.accA, json: [:]).status == .forbidden)
            let approved = try await app.call(.post, "/api/v1/freight/\(id)/approve", token: a.supervisorA, json: ["comment": "路况原因，同意"])
            #expect(approved.string("status") == "approved", "\(approved.text)")
            #expect(approved.string("decisionComment") == "路况原因，同意")
            #expect(approved.string("decidedAt") != nil)
            #expect(try await app.call(.post, "/api/v1/freight/\(id)/reject", token: a.managerA, json: ["comment": "晚了"]).status == .conflict)
            // A record needing no approval takes no decision.
            #expect(try await app.call(.post, "/api/v1/freight/\(atLimit.string("id")!)/approve", token: a.managerA, json: [:]).status == .forbidden)
        }
    }

    @Test func airGoesToTheManagerAndExpressAbove200ToTheLeadership() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            let air = try await Self.freight(app, a.f.keeperA1, ["shipmentRef": "KY-1", "mode": "air", "cost": "1", "shippedOn": "2026-03-05", "note": "急件"])
            #expect(air.status == .created, "\(air.text)")
            #expect(air.string("approvalNeeded") == "department_manager")
            let airId = air.string("id")!
            #expect(try await app.call(.get, "/api/v1/freight/\(airId)", token: a.supervisorA).json["actions"] as? [String] == [])
            #expect(try await app.call(.get, "/api/v1/freight/\(airId)", token: a.managerA).json["actions"] as? [String] == ["approve", "reject"])
            #expect(try await app.call(.post, "/api/v1/freight/\(airId)/approve", token: a.supervisorA, json: [:]).status == .forbidden)
            let byManager = try await app.call(.post, "/api/v1/freight/\(airId)/approve", token: a.managerA, json: [:])
            #expect(byManager.string("status") == "approved")
            #expect(byManager.string("decidedBy") != nil)

            let small = try await Self.freight(app, a.f.keeperA1, ["shipmentRef": "KD-200", "mode": "express", "cost": "200.00", "shippedOn": "2026-03-06"])
            #expect(small.string("approvalNeeded") == "none")
            #expect(small.string("status") == "not_needed")
            let big = try await Self.freight(app, a.f.keeperA1, ["shipmentRef": "KD-350", "mode": "express", "cost": "350", "shippedOn": "2026-03-07"])
            #expect(big.string("approvalNeeded") == "department_leadership")
            let bigId = big.string("id")!
            let noReason = try await app.call(.post, "/api/v1/freight/\(bigId)/reject", token: a.supervisorA, json: [:])
            #expect(noReason.errorCode == "validation_failed")
            let rejected = try await app.call(.post, "/api/v1/freight/\(bigId)/reject", token: a.supervisorA, json: ["comment": "应走拼车"])
            #expect(rejected.string("status") == "rejected")

            // Scope: the other site neither sees nor records for this site; another department's manager does not see it.
            let siteA1 = air.string("orgUnitId")!
            #expect(try await app.call(.get, "/api/v1/freight/\(airId)", token: a.f.keeperA2).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/freight/\(airId)", token: a.managerB).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/freight", token: a.f.keeperA2).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/freight", token: a.managerB).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/freight", token: a.managerA).items.count == 3)
            #expect(try await Self.freight(app, a.f.keeperA2, ["shipmentRef": "X", "mode": "express", "cost": "10", "orgUnitId": siteA1]).status == .forbidden)
            #expect(try await Self.freight(app, a.managerA, ["shipmentRef": "X", "mode": "express", "cost": "10", "orgUnitId": siteA1]).status == .forbidden)
            #expect(try await Self.freight(app, a.f.accA, ["shipmentRef": "KD-ACC", "mode": "express", "cost": "10", "orgUnitId": siteA1]).status == .created)
            // Filters: by state and by number.
            #expect(try await app.call(.get, "/api/v1/freight?status=rejected", token: a.managerA).items.count == 1)
            let number = big.string("number")!
            #expect(try await app.call(.get, "/api/v1/freight?q=\(number)", token: a.managerA).items.first?["id"] as? String == bigId)

            // RPT-12: the exceptions of March in 业务部A: the air freight (approved) and the 350-yuan express (rejected); the
            // 200-yuan express and the accountant's 10 yuan are no exceptions.
            let report = try await app.call(.get, "/api/v1/reports/freight-exceptions?from=2026-03&to=2026-03", token: a.managerA)
            #expect(report.status == .ok, "\(report.text)")
            let groups = report.json["groups"] as? [[String: Any]] ?? []
            #expect(groups.count == 1, "\(report.text)")
            #expect(groups.first?["month"] as? String == "2026-03")
            #expect(groups.first?["departmentId"] as? String == a.f.deptA)
            #expect(groups.first?["count"] as? Int == 2)
            #expect(groups.first?["approved"] as? Int == 1)
            #expect(groups.first?["rejected"] as? Int == 1)
            #expect(groups.first?["cost"] as? String == "351.00")
            let records = (report.json["records"] as? [String: Any])?["items"] as? [[String: Any]] ?? []
            #expect(Set(records.compactMap { $0["id"] as? String }) == [airId, bigId])
            #expect(try await app.call(.get, "/api/v1/reports/freight-exceptions?from=2026-04", token: a.managerA).json["groups"] as? [Any] != nil)
            #expect((try await app.call(.get, "/api/v1/reports/freight-exceptions", token: a.managerB).json["groups"] as? [Any])?.isEmpty == true)
            #expect(try await app.call(.get, "/api/v1/reports/freight-exceptions", token: a.f.agent).status == .forbidden)
        }
    }
}
