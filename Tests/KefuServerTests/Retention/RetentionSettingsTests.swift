import Foundation
import Hummingbird
import KefuApp
import KefuDomain
import KefuPlatform
import Testing

/// #17.6 RET-01..RET-04 over HTTP: periods configured upward (never below the SPEC floor, audited) move the report's
/// cut-off; a legal hold takes its record out of the report and out of reach of the delete routes until released.
@Suite("Retention periods and legal holds (#17.6, RET-01..04)")
struct RetentionSettingsTests {
    /// An audited stock document whose audit instant is set (by SQL) to noon of `closedOn`; its id and number.
    static func filedDocument(_ app: TestApp, _ f: MaterialsFixture, closedOn: CivilDay) async throws -> (id: String, number: String) {
        let id = try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 5)])
        let millis = Int64(RetentionTests.noon(closedOn).timeIntervalSince1970 * 1000)
        try await app.store.write { db in
            try await db.raw("UPDATE stock_documents SET audited_at = \(bind: millis) WHERE id = \(bind: id)").run()
        }
        let number = try await app.call(.get, "/api/v1/stock-documents/\(id)", token: f.accA).string("number")!
        return (id, number)
    }

    /// A day `years` years and `days` days before today.
    static func before(years: Int, days: Int) -> CivilDay {
        let (y, m, d) = Times.day(Date()).components
        return CivilDay(year: y - years, month: m, day: min(d, CivilDay.daysIn(year: y - years, month: m))).adding(days: -days)
    }

    static func summary(_ app: TestApp, _ token: String, _ kind: String) async throws -> [String: Any] {
        try await app.call(.get, "/api/v1/retention", token: token).items.first { $0["kind"] as? String == kind } ?? [:]
    }

    /// The text of the table cell with this id.
    static func cell(_ html: String, _ id: String) -> String? {
        guard let start = html.range(of: "id=\"\(id)\""), let open = html[start.upperBound...].range(of: ">"),
              let close = html[open.upperBound...].range(of: "</td>") else { return nil }
        return String(html[open.upperBound..<close.lowerBound])
    }

    static func int(_ v: Any?) -> Int? { (v as? NSNumber)?.intValue }

    static func message(_ r: TestApp.Reply) -> String { ((r["error"] as? [String: Any])?["message"] as? String) ?? "" }

    @Test func periodsAreConfiguredUpwardOnlyByAHeadOfficeAdministrator() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let listed = try await app.call(.get, "/api/v1/retention/periods", token: f.admin)
            #expect(listed.status == .ok, "\(listed.text)")
            #expect(listed.items.count == RetainedKind.allCases.count)
            let wo = listed.items.first { $0["kind"] as? String == "work_order" } ?? [:]
            #expect(Self.int(wo["floorYears"]) == 2 && Self.int(wo["effectiveYears"]) == 2 && (wo["configuredYears"] == nil || wo["configuredYears"] is NSNull))

            let below = try await app.call(.put, "/api/v1/retention/periods/work_order", token: f.admin, json: ["years": 1])
            #expect(below.status == .unprocessableContent && below.errorCode == "retention_below_floor", "\(below.text)")
            #expect(Self.message(below).contains("不能少于 2 年"), "\(below.text)")
            // The floor is named in both languages.
            let settings = RetentionSettings(store: app.store, sources: KefuServer.retentionSources)
            let admin = try await app.principal(try await RetentionTests.userId(app, f.admin, "admin"))
            do {
                _ = try await settings.setPeriod(kind: "complaint", years: 2, by: admin, locale: .en)
                Issue.record("2 years for complaints was accepted")
            } catch let e as AppError {
                #expect(e.code == "retention_below_floor" && e.message.en.contains("at least 3 years") && e.message.zh.contains("不能少于 3 年"), "\(e.message)")
            }
            #expect(try await app.call(.put, "/api/v1/retention/periods/work_order", token: f.admin, json: ["years": 31]).errorCode == "retention_above_maximum")
            #expect(try await app.call(.put, "/api/v1/retention/periods/work_order", token: f.admin, json: ["years": "five"]).status == .unprocessableContent)
            #expect(try await app.call(.put, "/api/v1/retention/periods/nothing", token: f.admin, json: ["years": 5]).status == .notFound)

            let set = try await app.call(.put, "/api/v1/retention/periods/work_order", token: f.admin, json: ["years": 5])
            #expect(set.status == .ok, "\(set.text)")
            #expect(Self.int(set["effectiveYears"]) == 5 && Self.int(set["configuredYears"]) == 5 && Self.int(set["floorYears"]) == 2)
            let again = try await app.call(.get, "/api/v1/retention/periods", token: f.admin).items.first { $0["kind"] as? String == "work_order" }
            #expect(Self.int(again?["effectiveYears"]) == 5)
            #expect(Self.int(try await Self.summary(app, f.admin, "work_order")["years"]) == 5)

            let audit = try await app.call(.get, "/api/v1/audit-log?entity=retention_period&entityId=work_order", token: f.admin)
            let row = audit.items.first { $0["action"] as? String == "retention_period.set" }
            let detail = row?["detail"] as? [String: Any]
            #expect(detail?["from"] as? String == "2" && detail?["to"] as? String == "5", "\(audit.text)")
            #expect(audit.items.count == 1, "refusals write nothing")

            // Denials: every other role, a department's administrator, no sign-in.
            let deptAdmin = try await app.createUser(f.admin, "depadmin", roles: ["admin"], unitId: f.deptA)
            for token in [f.accA, f.hqMaterials, f.keeperA1, f.agent, deptAdmin.token] {
                #expect(try await app.call(.get, "/api/v1/retention/periods", token: token).status == .forbidden)
                let r = try await app.call(.put, "/api/v1/retention/periods/work_order", token: token, json: ["years": 9])
                #expect(r.status == .forbidden && r.errorCode != nil)
            }
            #expect(try await app.call(.put, "/api/v1/retention/periods/work_order", json: ["years": 9]).status == .unauthorized)
            #expect(Self.int(try await Self.summary(app, f.admin, "work_order")["years"]) == 5)
        }
    }

    @Test func raisingAPeriodTakesRecordsOutOfTheReport() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            // Closed 3 years and 10 days ago: past the 3-year floor, inside 4 years.
            let doc = try await Self.filedDocument(app, f, closedOn: Self.before(years: 3, days: 10))
            var s = try await Self.summary(app, f.admin, "stock_document")
            #expect(Self.int(s["count"]) == 1 && Self.int(s["years"]) == 3 && Self.int(s["floorYears"]) == 3, "\(s)")

            #expect(try await app.call(.put, "/api/v1/retention/periods/stock_document", token: f.admin, json: ["years": 4]).status == .ok)
            s = try await Self.summary(app, f.admin, "stock_document")
            #expect(Self.int(s["count"]) == 0 && Self.int(s["years"]) == 4, "\(s)")
            let listed = try await app.call(.get, "/api/v1/retention?kind=stock_document", token: f.admin)
            #expect(((listed["records"] as? [String: Any])?["items"] as? [Any])?.isEmpty == true)

            #expect(try await app.call(.put, "/api/v1/retention/periods/stock_document", token: f.admin, json: ["years": 3]).status == .ok)
            s = try await Self.summary(app, f.admin, "stock_document")
            #expect(Self.int(s["count"]) == 1, "back to the floor: due again")
            let again = try await app.call(.get, "/api/v1/retention?kind=stock_document", token: f.admin)
            let numbers = ((again["records"] as? [String: Any])?["items"] as? [[String: Any]])?.compactMap { $0["number"] as? String }
            #expect(numbers == [doc.number])
        }
    }

    @Test func aHeldRecordIsNeitherDueNorDeletableUntilReleased() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let doc = try await Self.filedDocument(app, f, closedOn: Self.before(years: 5, days: 0))
            #expect(Self.int(try await Self.summary(app, f.admin, "stock_document")["count"]) == 1)

            // Refusals: no reason, unknown kind, unknown record, a last day in the past; other roles; no sign-in.
            let noReason = try await app.call(.post, "/api/v1/retention/holds", token: f.admin, json: ["kind": "stock_document", "recordId": doc.id, "reason": " "])
            #expect(noReason.status == .unprocessableContent && noReason.errorCode == "hold_reason_required", "\(noReason.text)")
            #expect(try await app.call(.post, "/api/v1/retention/holds", token: f.admin, json: ["kind": "nothing", "recordId": doc.id, "reason": "诉讼"]).errorCode == "unknown_kind")
            #expect(try await app.call(.post, "/api/v1/retention/holds", token: f.admin, json: ["kind": "stock_document", "recordId": "no-such", "reason": "诉讼"]).status == .notFound)
            let past = Times.day(Date()).adding(days: -1).iso
            #expect(try await app.call(.post, "/api/v1/retention/holds", token: f.admin,
                                       json: ["kind": "stock_document", "recordId": doc.id, "reason": "诉讼", "until": past]).errorCode == "hold_until_past")
            for token in [f.accA, f.hqMaterials, f.agent] {
                #expect(try await app.call(.post, "/api/v1/retention/holds", token: token, json: ["kind": "stock_document", "recordId": doc.id, "reason": "诉讼"]).status == .forbidden)
                #expect(try await app.call(.get, "/api/v1/retention/holds", token: token).status == .forbidden)
            }
            #expect(try await app.call(.get, "/api/v1/retention/holds").status == .unauthorized)

            // Placed by the record's number as people know it.
            let placed = try await app.call(.post, "/api/v1/retention/holds", token: f.admin, json: ["kind": "stock_document", "recordId": doc.number, "reason": "合同纠纷诉讼"])
            #expect(placed.status == .created, "\(placed.text)")
            #expect(placed.string("recordId") == doc.id && placed.string("recordNumber") == doc.number && placed["active"] as? Bool == true)
            let holdId = placed.string("id")!

            #expect(Self.int(try await Self.summary(app, f.admin, "stock_document")["count"]) == 0, "a held record is not due")
            let listed = try await app.call(.get, "/api/v1/retention?kind=stock_document", token: f.admin)
            #expect(((listed["records"] as? [String: Any])?["items"] as? [Any])?.isEmpty == true)
            let holds = try await app.call(.get, "/api/v1/retention/holds", token: f.admin)
            #expect(holds.items.map { $0["id"] as? String } == [holdId])

            // RET-04: past its period, but held: it may not be un-audited (the way to deletion) nor deleted.
            let unaudit = try await app.call(.post, "/api/v1/stock-documents/\(doc.id)/unaudit", token: f.accA)
            #expect(unaudit.status == .conflict && unaudit.errorCode == "retention_hold", "\(unaudit.text)")
            #expect(Self.message(unaudit).contains("保全"), "\(unaudit.text)")
            #expect(try await app.call(.delete, "/api/v1/stock-documents/\(doc.id)", token: f.accA).errorCode == "retention_hold")

            // Release: a reason is required; the second release is refused; the record is due again and may be handled.
            #expect(try await app.call(.post, "/api/v1/retention/holds/\(holdId)/release", token: f.accA, json: ["reason": "结案"]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/retention/holds/\(holdId)/release", token: f.admin, json: ["reason": ""]).errorCode == "release_reason_required")
            let released = try await app.call(.post, "/api/v1/retention/holds/\(holdId)/release", token: f.admin, json: ["reason": "诉讼已结案"])
            #expect(released.status == .ok && released["active"] as? Bool == false && released.string("releaseReason") == "诉讼已结案", "\(released.text)")
            #expect(try await app.call(.post, "/api/v1/retention/holds/\(holdId)/release", token: f.admin, json: ["reason": "再次"]).errorCode == "hold_released")
            #expect(try await app.call(.post, "/api/v1/retention/holds/nope/release", token: f.admin, json: ["reason": "x"]).status == .notFound)
            #expect(try await app.call(.get, "/api/v1/retention/holds", token: f.admin).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/retention/holds?active=false", token: f.admin).items.count == 1)
            #expect(Self.int(try await Self.summary(app, f.admin, "stock_document")["count"]) == 1, "released: due again")

            let audit = try await app.call(.get, "/api/v1/audit-log?entity=retention_hold&entityId=\(holdId)", token: f.admin)
            let actions = Set(audit.items.compactMap { $0["action"] as? String })
            #expect(actions == ["retention_hold.place", "retention_hold.release"], "\(audit.text)")
            let releaseDetail = audit.items.first { $0["action"] as? String == "retention_hold.release" }?["detail"] as? [String: Any]
            #expect(releaseDetail?["reason"] as? String == "诉讼已结案")

            // A hold whose last day has passed no longer holds (set by SQL: the API refuses a past day).
            let later = try await app.call(.post, "/api/v1/retention/holds", token: f.admin,
                                           json: ["kind": "stock_document", "recordId": doc.id, "reason": "审计", "until": Times.day(Date()).iso])
            #expect(later.status == .created)
            #expect(Self.int(try await Self.summary(app, f.admin, "stock_document")["count"]) == 0, "the last day is inside the hold")
            try await app.store.write { db in
                try await db.raw("UPDATE retention_holds SET until_day = \(bind: past) WHERE id = \(bind: later.string("id")!)").run()
            }
            #expect(Self.int(try await Self.summary(app, f.admin, "stock_document")["count"]) == 1)
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(doc.id)/unaudit", token: f.accA).status == .ok)
            #expect(try await app.call(.delete, "/api/v1/stock-documents/\(doc.id)", token: f.accA).status == .noContent)
        }
    }

    /// Un-auditing a transfer deletes the out and in documents it generated, so a hold on either refuses it whole.
    @Test func aTransferWhoseGeneratedDocumentIsHeldCannotBeUnaudited() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 10)])
            let t = try await app.call(.post, "/api/v1/transfers", token: f.accA, json: ["fromWarehouseId": f.A1G, "toWarehouseId": f.A2G, "lines": [f.line(f.bolt, 2)]])
            let id = try #require(t.string("id"), "\(t.text)")
            #expect(try await app.call(.post, "/api/v1/transfers/\(id)/audit", token: f.accA).status == .ok)
            let inId = try #require(try await app.call(.get, "/api/v1/transfers/\(id)", token: f.accA).json["inDocumentId"] as? String)
            let placed = try await app.call(.post, "/api/v1/retention/holds", token: f.admin, json: ["kind": "stock_document", "recordId": inId, "reason": "质量纠纷取证"])
            #expect(placed.status == .created, "\(placed.text)")

            let refused = try await app.call(.post, "/api/v1/transfers/\(id)/unaudit", token: f.accA)
            #expect(refused.status == .conflict && refused.errorCode == "retention_hold", "\(refused.text)")
            #expect(Self.message(refused).contains("保全"), "\(refused.text)")
            // Nothing moved: the transfer is still audited and both documents are there.
            let after = try await app.call(.get, "/api/v1/transfers/\(id)", token: f.accA)
            #expect(after.string("status") == "audited" && after.json["inDocumentId"] as? String == inId, "\(after.text)")
            #expect(try await app.call(.get, "/api/v1/stock-documents/\(inId)", token: f.accA).status == .ok)

            let released = try await app.call(.post, "/api/v1/retention/holds/\(placed.string("id")!)/release", token: f.admin, json: ["reason": "纠纷已了结"])
            #expect(released.status == .ok, "\(released.text)")
            #expect(try await app.call(.post, "/api/v1/transfers/\(id)/unaudit", token: f.accA).status == .ok)
            #expect(try await app.call(.get, "/api/v1/stock-documents/\(inId)", token: f.accA).status == .notFound)
        }
    }

    @Test func thePageShowsPeriodsAndHoldsAndKeepsARefusedValue() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let doc = try await Self.filedDocument(app, f, closedOn: Self.before(years: 4, days: 0))
            let page = PageSession(app)
            _ = try await page.signIn("admin", TestApp.adminPassword)
            let shown = try await page.get("/admin/retention")
            #expect(shown.status == .ok)
            for mark in ["id=\"retention-periods\"", "id=\"retention-period-form-work_order\"", "id=\"retention-holds\"", "id=\"retention-hold-form\"",
                         "id=\"retention-holds-empty\"", "id=\"retention-effective-work_order\""] {
                #expect(shown.text.contains(mark), "page lacks \(mark)")
            }
            let csrf = try #require(PageSession.csrf(in: shown.text))

            // A value below the floor: refused, the typed value kept, the message (naming the floor) under the field.
            let refused = try await page.post("/admin/retention/periods/work_order", form: ["_csrf": csrf, "years": "1", "_back": "/admin/retention"], from: "/admin/retention")
            #expect(refused.status == .seeOther)
            let back = try await page.get(refused.headers[.location] ?? "/admin/retention")
            #expect(back.text.contains("id=\"retention-years-work_order\" name=\"years\" value=\"1\""), "the typed 1 is kept")
            #expect(back.text.contains("id=\"retention-years-work_order-error\""), "the message stands under the field")
            #expect(back.text.contains("不能少于 2 年"))

            let saved = try await page.post("/admin/retention/periods/work_order", form: ["_csrf": csrf, "years": "6"], from: "/admin/retention")
            #expect(saved.status == .seeOther)
            let after = try await page.get(saved.headers[.location] ?? "/admin/retention")
            #expect(after.text.contains("保存期已更新"))
            #expect(after.text.contains("id=\"retention-years-work_order\" name=\"years\" value=\"6\""))

            // A hold without a reason: refused, the record number typed is kept; with one: listed with its release form.
            let noReason = try await page.post("/admin/retention/holds", form: ["_csrf": csrf, "kind": "stock_document", "recordId": doc.number, "reason": ""], from: "/admin/retention")
            let kept = try await page.get(noReason.headers[.location] ?? "/admin/retention")
            #expect(kept.text.contains("name=\"recordId\" value=\"\(doc.number)\""), "the typed number is kept")
            #expect(kept.text.contains("id=\"retention-hold-reason-error\""))
            let placed = try await page.post("/admin/retention/holds", form: ["_csrf": csrf, "kind": "stock_document", "recordId": doc.number, "reason": "律师函"], from: "/admin/retention")
            let listed = try await page.get(placed.headers[.location] ?? "/admin/retention")
            #expect(listed.text.contains("律师函") && listed.text.contains("data-record=\"\(doc.id)\""), "the hold is listed")
            #expect(Self.cell(listed.text, "retention-count-stock_document") == "0", "held: not due")
            let holdId = try #require(try await app.call(.get, "/api/v1/retention/holds", token: f.admin).items.first?["id"] as? String)
            let release = try await page.post("/admin/retention/holds/\(holdId)/release", form: ["_csrf": csrf, "reason": "结案"], from: "/admin/retention")
            let released = try await page.get(release.headers[.location] ?? "/admin/retention")
            #expect(released.text.contains("id=\"retention-holds-empty\""))

            // Another role may not post the forms.
            let other = PageSession(app)
            _ = try await other.signIn("acca", "password-acca")
            let otherPage = try await other.get("/")
            let otherCsrf = PageSession.csrf(in: otherPage.text) ?? csrf
            #expect(try await other.post("/admin/retention/periods/work_order", form: ["_csrf": otherCsrf, "years": "9"], from: "/").status == .forbidden)
            #expect(try await other.post("/admin/retention/holds", form: ["_csrf": otherCsrf, "kind": "stock_document", "recordId": doc.id, "reason": "x"], from: "/").status == .forbidden)
        }
    }
}
