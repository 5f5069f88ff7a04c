import Foundation
import Hummingbird
import KefuApp
import KefuDomain
import KefuPlatform
import SQLKit
import Testing

/// #14 RET-03/RET-04 for property: the retention report lists the property records filed with the archivist — settled
/// fee notices (from their settling payment), patrols, vacant-unit checks, answered proposals, approved work plans —
/// once past their 3 years, and keeps the unsettled, open and in-review ones; prp-006 fills the settled instant of the
/// notices settled before it; property has no delete route, so nothing filed can be deleted.
@Suite("Property retention (#14 RET-03, RET-04)")
struct PropertyRetentionTests {
    static let kinds = ["property_notice", "property_patrol", "property_vacant_check", "property_proposal", "property_work_plan",
                        "property_visit", "property_forum", "property_event"]

    @Test func theReportListsTheFiledPropertyRecordsPastTheirThreeYears() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let manager = try await app.createUser(w.f.admin, "pmzhou", roles: ["cs_manager"], unitId: w.f.cs)
            let estate = "/api/v1/property/estates/\(w.estate)"
            // Fee notices: 101 paid in two payments (settled), 102 partly paid (kept: not settled).
            #expect(try await app.call(.post, estate + "/notices", token: w.admin.token, json: ["month": PropertyFeeTests.monthsAgo(2)]).status == .ok)
            let notices = PropertyFeeTests.byRoom(try await PropertyFeeTests.notices(app, w.admin.token, "estateId=\(w.estate)"))
            let n101 = try #require(notices["101"]?["id"] as? String), n102 = try #require(notices["102"]?["id"] as? String)
            #expect(try await app.call(.post, "/api/v1/property/notices/\(n101)/payments", token: w.admin.token, json: ["amount": "200.00", "method": "cash"]).status == .created)
            let settled = try await app.call(.post, "/api/v1/property/notices/\(n101)/payments", token: w.admin.token, json: ["amount": "123.54", "method": "cash"])
            #expect(settled.status == .created && settled["settled"] as? Bool == true, "\(settled.text)")
            #expect(try await app.call(.post, "/api/v1/property/notices/\(n102)/payments", token: w.admin.token, json: ["amount": "1.00", "method": "cash"]).status == .created)
            // A patrol, a vacant-unit check; two proposals submitted, one answered; a plan approved twice over, another in draft.
            #expect(try await app.call(.post, estate + "/patrols", token: w.admin.token, json: ["buildings": "1栋"]).status == .created)
            #expect(try await app.call(.post, estate + "/vacant-checks", token: w.admin.token, json: ["building": "1栋", "room": "103"]).status == .created)
            let p1 = try await app.call(.post, estate + "/proposals", token: w.admin.token, json: ["ownerName": "王芳", "content": "增设快递柜"])
            #expect(try await app.call(.post, estate + "/proposals", token: w.admin.token, json: ["ownerName": "李先生", "content": "会所延时"]).status == .created)
            #expect(try await app.call(.post, "/api/v1/property/proposal-batches", token: w.f.supervisor.token, json: ["note": "业主建议"]).status == .created)
            let answered = try await app.call(.post, "/api/v1/property/proposals/\(try #require(p1.string("id")))/answer", token: manager.token, json: ["answer": "已安排"])
            #expect(answered.status == .ok || answered.status == .created, "\(answered.text)")
            let plan = try #require(try await app.call(.post, "/api/v1/property/work-plans", token: w.admin.token, json: WorkPlanTests.body(w.f.cs, "2099-01")).string("id"))
            #expect(try await app.call(.post, "/api/v1/property/work-plans", token: w.admin.token, json: WorkPlanTests.body(w.f.cs, "2099-02")).status == .created)
            #expect(try await app.call(.post, "/api/v1/property/work-plans/\(plan)/submit", token: w.admin.token, json: [String: Any]()).status == .ok)
            #expect(try await app.call(.post, "/api/v1/property/work-plans/\(plan)/approve", token: manager.token, json: [String: Any]()).status == .ok)
            let approved = try await app.call(.post, "/api/v1/property/work-plans/\(plan)/approve", token: w.f.admin, json: [String: Any]())
            #expect(approved.string("status") == "approved", "\(approved.text)")

            // SAT-10 and ESC-03: a visit with nothing to follow up (filed), one with its follow-up open (kept); a forum
            // cancelled (filed), one planned (kept); an important event closed (filed), another still reported (kept).
            let sup = w.f.supervisor.token
            #expect(try await app.call(.post, estate + "/visits", token: sup, json: ["building": "1栋", "opinions": "满意"]).status == .created)
            #expect(try await app.call(.post, estate + "/visits", token: sup, json: ["building": "1栋", "opinions": "噪音", "followUp": "查电梯"]).status == .created)
            let forum = try #require(try await app.call(.post, estate + "/forums", token: sup, json: ["heldOn": "2026-11-20", "place": "会所", "topic": "停车"]).string("id"))
            #expect(try await app.call(.post, "/api/v1/property/forums/\(forum)/cancel", token: sup, json: ["reason": "台风"]).status == .ok)
            #expect(try await app.call(.post, estate + "/forums", token: sup, json: ["heldOn": "2026-11-21", "place": "会所", "topic": "绿化"]).status == .created)
            let event = try #require(try await app.call(.post, estate + "/events", token: w.admin.token, json: ["kind": "important", "title": "消防通道被占", "location": "2栋"]).string("id"))
            #expect(try await app.call(.post, "/api/v1/property/events/\(event)/close", token: manager.token, json: ["result": "已清理"]).status == .ok)
            #expect(try await app.call(.post, estate + "/events", token: w.admin.token, json: ["kind": "important", "title": "车库渗水", "location": "车库"]).status == .created)

            let report = RetentionReport(store: app.store, sources: KefuServer.retentionSources)
            let admin = try await app.principal(try await RetentionTests.userId(app, w.f.admin, "admin"))
            func counts(on day: CivilDay) async throws -> [String: Int] {
                let r = try await report.report(kind: nil, paging: Paging(page: 1, per: 10), viewer: admin, locale: .zhCN, now: RetentionTests.noon(day))
                return Dictionary(uniqueKeysWithValues: r.items.filter { Self.kinds.contains($0.kind) }.map { ($0.kind, $0.count) })
            }
            let today = Times.day(Date())
            let lastKept = RetentionRules.keptUntil(.propertyNotice, closedOn: today)
            #expect(try await counts(on: today) == Dictionary(uniqueKeysWithValues: Self.kinds.map { ($0, 0) }))
            #expect(try await counts(on: lastKept) == Dictionary(uniqueKeysWithValues: Self.kinds.map { ($0, 0) }), "the last day of the 3 years still keeps them")
            let after = try await counts(on: lastKept.adding(days: 1))
            #expect(after == Dictionary(uniqueKeysWithValues: Self.kinds.map { ($0, 1) }),
                    "one of each: the settled notice, not the partly paid; the answered proposal, not the submitted; the approved plan, not the draft; the visit with nothing open, the cancelled forum, the closed event: \(after)")

            let listed = try await report.report(kind: .propertyNotice, paging: Paging(page: 1, per: 10), viewer: admin, locale: .en,
                                                 now: RetentionTests.noon(lastKept.adding(days: 1)))
            #expect(listed.records?.items.map(\.number) == [try #require(notices["101"]?["number"] as? String)])
            #expect(listed.records?.items.first?.href == "/property/notices/\(n101)")
            #expect(listed.items.first { $0.kind == "property_notice" }.map { $0.years == 3 && $0.label.contains("fee notices") } == true)
            let plans = try await report.report(kind: .propertyWorkPlan, paging: Paging(page: 1, per: 10), viewer: admin, locale: .zhCN,
                                                now: RetentionTests.noon(lastKept.adding(days: 1)))
            #expect(plans.records?.items.first?.href == "/property/work-plans/\(plan)")

            // Over HTTP: the head-office administrator reads the property kinds; the property admin does not.
            let http = try await app.call(.get, "/api/v1/retention?kind=property_patrol", token: w.f.admin)
            #expect(http.status == .ok && Set(http.items.compactMap { $0["kind"] as? String }).isSuperset(of: Self.kinds), "\(http.text)")
            #expect(try await app.call(.get, "/api/v1/retention", token: w.admin.token).status == .forbidden)
        }
    }

    /// prp-006's fill: a notice settled before it gets its last payment's instant (or its making, with nothing to pay).
    @Test func theMigrationFillsTheSettledInstantFromThePayments() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            #expect(try await app.call(.post, "/api/v1/property/estates/\(w.estate)/notices", token: w.admin.token, json: ["month": PropertyFeeTests.monthsAgo(1)]).status == .ok)
            let notices = PropertyFeeTests.byRoom(try await PropertyFeeTests.notices(app, w.admin.token, "estateId=\(w.estate)"))
            let n101 = try #require(notices["101"]?["id"] as? String), n102 = try #require(notices["102"]?["id"] as? String)
            let n103 = try #require(notices["103"]?["id"] as? String)
            #expect(try await app.call(.post, "/api/v1/property/notices/\(n101)/payments", token: w.admin.token, json: ["amount": "323.54", "method": "cash"]).status == .created)
            #expect(try await app.call(.post, "/api/v1/property/notices/\(n102)/payments", token: w.admin.token, json: ["amount": "1.00", "method": "cash"]).status == .created)
            let fill = try #require(KefuServer.migrations.first { $0.id == "prp-006-notice-settled-at" }?.common.first { $0.contains("UPDATE") })
            let read: @Sendable (String) async throws -> Int64? = { id in
                try await app.store.read { db in
                    try await db.raw("SELECT settled_at FROM property_notices WHERE id = \(bind: id)").first()?.decode(column: "settled_at", as: Int64?.self)
                }
            }
            let live = try #require(try await read(n101))
            #expect(try await read(n102) == nil, "not settled: no instant")
            // As before prp-006: no instant; 101's payments at known instants, 103 made settled with nothing to pay.
            try await app.store.write { db in
                try await db.raw("UPDATE property_notices SET settled_at = NULL").run()
                try await db.raw("UPDATE property_payments SET recorded_at = 1700000000000 WHERE notice_id = \(bind: n101)").run()
                try await db.raw("""
                    INSERT INTO property_payments (id, notice_id, amount_fen, method, receipt_no, paid_on, note, recorded_at, recorded_by)
                    VALUES ('pay-earlier', \(bind: n101), 0, 'cash', NULL, '2023-01-01', NULL, 1600000000000, 'x')
                    """).run()
                try await db.raw("UPDATE property_notices SET settled = 1, created_at = 1650000000000 WHERE id = \(bind: n103)").run()
                try await db.raw(SQLQueryString(fill)).run()
            }
            #expect(live > 1_700_000_000_000, "the payment settling it set the instant when it was recorded")
            #expect(try await read(n101) == 1_700_000_000_000, "the last payment's instant")
            #expect(try await read(n103) == 1_650_000_000_000, "no payment: the notice's making")
            #expect(try await read(n102) == nil)
        }
    }

    /// RET-04: no property record can be deleted through Kefu (a delete route would have to refuse inside retention).
    @Test func propertyHasNoDeleteRoute() async throws {
        try await TestApp.run { app in
            let doc = try await app.call(.get, "/api/v1/openapi.json", token: nil)
            let paths = doc["paths"] as? [String: [String: Any]] ?? [:]
            let property = paths.filter { $0.key.hasPrefix("/api/v1/property") }
            #expect(!property.isEmpty, "\(doc.status)")
            #expect(property.filter { $0.value["delete"] != nil }.keys.sorted() == [], "a property delete route needs the RET-04 hold")
        }
    }
}
