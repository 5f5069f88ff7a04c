import Foundation
import Hummingbird
import KefuApp
import KefuDomain
import KefuMaterials
import KefuPlatform
import KefuServiceDesk
import Testing

/// #14.5 RET-01..RET-04 over HTTP: a posted stock document is held (409 `retention_hold`) while a draft may go; the
/// retention report counts the records closed on or before the cut-off day and not those after it, nor open ones;
/// only a head-office administrator reads it (API and page).
@Suite("Retention (#14.5, RET-01..04)")
struct RetentionTests {
    static func userId(_ app: TestApp, _ admin: String, _ username: String) async throws -> String {
        try await app.call(.get, "/api/v1/users?q=\(username)", token: admin).items.first { $0["username"] as? String == username }?["id"] as! String
    }

    /// Noon (Asia/Shanghai) of `day`.
    static func noon(_ day: CivilDay) -> Date {
        Date(timeIntervalSince1970: Double(day.number) * 86_400 + 4 * 3_600)
    }

    @Test func aPostedDocumentIsHeldAndADraftMayGo() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let draft = try await f.document(app, f.accA, direction: "in", reason: "purchase", warehouse: f.A1G, lines: [f.line(f.bolt, 3)],
                                             extra: ["supplierId": f.supplier]).string("id")!
            #expect(try await app.call(.delete, "/api/v1/stock-documents/\(draft)", token: f.accA).status == .noContent)

            let posted = try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 5)])
            let refused = try await app.call(.delete, "/api/v1/stock-documents/\(posted)", token: f.accA)
            #expect(refused.status == .conflict)
            #expect(refused.errorCode == "retention_hold")
            let message = (refused["error"] as? [String: Any])?["message"] as? String ?? ""
            #expect(message.contains("保存期内不能删除") && message.contains("RET-04"), "\(message)")
            #expect(try await app.call(.get, "/api/v1/stock-documents/\(posted)", token: f.accA).string("status") == "audited")
            // The ledger keeps the posting whatever happens to the paper (append-only); un-audited, the document is a draft again.
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(posted)/unaudit", token: f.accA).status == .ok)
            #expect(try await app.call(.delete, "/api/v1/stock-documents/\(posted)", token: f.accA).status == .noContent)
        }
    }

    @Test func theReportCountsWhatClosedOnOrBeforeTheCutoff() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let accA = try await app.principal(try await Self.userId(app, f.admin, "acca"))
            let agent = try await app.principal(try await Self.userId(app, f.admin, "agent"))
            let documents = StockDocumentService(store: app.store)
            let start = Times.day(Date())
            func saved(_ n: Int) async throws -> String {
                try await f.document(app, f.accA, direction: "in", reason: "purchase", warehouse: f.A1G, lines: [f.line(f.bolt, n)],
                                     extra: ["supplierId": f.supplier]).string("id")!
            }
            let early = try await saved(1), late = try await saved(2), open = try await saved(3)
            _ = open
            _ = try await documents.audit(id: early, by: accA, now: Self.noon(start))
            _ = try await documents.audit(id: late, by: accA, now: Self.noon(start.adding(days: 10)))
            let tickets = TicketService(store: app.store)
            let closedTicket = try await app.createTicket(f.agent, subject: "已处理").string("id")!
            _ = try await app.createTicket(f.agent, subject: "仍在处理")
            _ = try await tickets.changeStatus(ticketId: closedTicket, to: "closed", note: "完成", by: agent, now: Self.noon(start))

            let report = RetentionReport(store: app.store, sources: KefuServer.retentionSources)
            let admin = try await app.principal(try await Self.userId(app, f.admin, "admin"))
            func counts(on day: CivilDay) async throws -> [String: Int] {
                let r = try await report.report(kind: nil, paging: Paging(page: 1, per: 10), viewer: admin, locale: .zhCN, now: Self.noon(day))
                return Dictionary(uniqueKeysWithValues: r.items.map { ($0.kind, $0.count) })
            }
            let lastKept = RetentionRules.keptUntil(.stockDocument, closedOn: start)
            #expect(try await counts(on: lastKept)["stock_document"] == 0, "the last day of the period still keeps it")
            let dayAfter = try await counts(on: lastKept.adding(days: 1))
            #expect(dayAfter["stock_document"] == 1, "closed before the cut-off: \(dayAfter)")
            #expect(dayAfter["ticket"] == 1, "the closed ticket only; the open one is always kept")
            #expect(dayAfter["work_order"] == 0 && dayAfter["complaint"] == 0)
            #expect(try await counts(on: lastKept.adding(days: 11))["stock_document"] == 2)
            #expect(Set(try await counts(on: start).keys) == Set(RetainedKind.allCases.map(\.rawValue)))

            let listed = try await report.report(kind: .stockDocument, paging: Paging(page: 1, per: 10), viewer: admin, locale: .en,
                                                 now: Self.noon(lastKept.adding(days: 1)))
            let number = try await app.call(.get, "/api/v1/stock-documents/\(early)", token: f.accA).string("number")
            #expect(listed.records?.items.map(\.number) == [number ?? "?"])
            #expect(listed.records?.items.first?.href == "/materials/documents/\(early)")
            #expect(listed.items.first { $0.kind == "stock_document" }?.cutoff == start.iso)
            #expect(listed.items.first { $0.kind == "stock_document" }?.oldestClosedAt == listed.records?.items.first?.closedAt)
        }
    }

    @Test func onlyAHeadOfficeAdministratorReadsTheReport() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let whole = try await app.call(.get, "/api/v1/retention", token: f.admin)
            #expect(whole.status == .ok, "\(whole.text)")
            #expect(whole.items.count == RetainedKind.allCases.count)
            #expect((whole.items.first { $0["kind"] as? String == "work_order" }?["years"] as? NSNumber)?.intValue == 2)
            let listed = try await app.call(.get, "/api/v1/retention?kind=stock_document&page=1", token: f.admin)
            #expect(listed.status == .ok)
            #expect(((listed["records"] as? [String: Any])?["total"] as? NSNumber)?.intValue == 0)
            #expect(try await app.call(.get, "/api/v1/retention?kind=nothing", token: f.admin).errorCode == "unknown_kind")

            for token in [f.accA, f.hqMaterials, f.keeperA1, f.agent] {
                let r = try await app.call(.get, "/api/v1/retention", token: token)
                #expect(r.status == .forbidden && r.errorCode != nil, "\(r.status) \(r.text)")
            }
            // Unit scope: an administrator of a department is no head-office administrator.
            let deptAdmin = try await app.createUser(f.admin, "depadmin", roles: ["admin"], unitId: f.deptA)
            #expect(try await app.call(.get, "/api/v1/retention", token: deptAdmin.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/retention").status == .unauthorized)

            let page = PageSession(app)
            _ = try await page.signIn("admin", TestApp.adminPassword)
            let shown = try await page.get("/admin/retention?kind=stock_document")
            #expect(shown.status == .ok)
            for mark in ["id=\"retention-summary\"", "id=\"retention-operator-note\"", "id=\"retention-records\"", "data-print", "nav-admin-retention"] {
                #expect(shown.text.contains(mark), "page lacks \(mark)")
            }
            #expect(shown.text.contains("本页不删除或移动任何记录"))
            #expect(shown.text.contains("id=\"retention-archive-property_patrol\""), "#17.6: the page says which kinds kefu archives")
            let depPage = PageSession(app)
            _ = try await depPage.signIn("depadmin", "password-depadmin")
            #expect(try await depPage.get("/admin/retention").status == .forbidden)
        }
    }
}
