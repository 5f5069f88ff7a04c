import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform
import SQLKit
import Testing

/// #15.2 over HTTP (SQLite, and PostgreSQL when KEFU_TEST_POSTGRES_URL is set): the two-person handover from draft to
/// acceptance with every refusal, the fallback to whoever is on duty, and announcements with read receipts.
@Suite("Shift handover and announcements (#15.2)")
struct HandoverFlowTests {
    /// Plans 客服部 for each month the lines touch (a month's plan replaces it whole); returns each line's entry id by
    /// "yyyy-mm-dd/userId/shiftId".
    static func plan(_ app: TestApp, _ f: PeopleFixture, _ lines: [(CivilDay, String, String)]) async throws -> [String: String] {
        var ids: [String: String] = [:]
        for (month, group) in Dictionary(grouping: lines, by: { String($0.0.iso.prefix(7)) }) {
            let r = try await app.call(.put, "/api/v1/rosters/\(f.cs)/\(month)", token: f.supervisor.token,
                                       json: ["entries": group.map { ["date": $0.0.iso, "userId": $0.1, "shiftId": $0.2] }])
            #expect(r.status == .ok, "plan \(month): \(r.text.prefix(300))")
            for day in r.json["days"] as? [[String: Any]] ?? [] {
                for e in day["entries"] as? [[String: Any]] ?? [] {
                    ids["\(e["date"] as! String)/\(e["userId"] as! String)/\(e["shiftId"] as! String)"] = e["id"] as? String
                }
            }
        }
        return ids
    }

    @Test func aHandoverFromDraftToAcceptance() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let day = CivilDay(iso: "2026-03-10")!
            let ids = try await Self.plan(app, f, [(day, f.ann.id, f.early), (day, f.bo.id, f.late), (day.adding(days: 1), f.cy.id, f.early)])
            let annEarly = ids["2026-03-10/\(f.ann.id)/\(f.early)"]!
            let ticket = try await app.createTicket(f.cy.token, subject: "电梯困人")
            #expect(ticket.status == .created, "\(ticket.text)")
            // Only one's own shift is handed over.
            let notMine = try await app.call(.post, "/api/v1/handovers", token: f.cy.token, json: ["entryId": annEarly])
            #expect(notMine.status == .unprocessableContent, "\(notMine.text)")
            let draft = try await app.call(.post, "/api/v1/handovers", token: f.ann.token,
                                           json: ["entryId": annEarly, "equipment": "3 号座席耳麦故障", "issues": "陈先生投诉待回访", "staffing": "下午与 cy 调班"])
            #expect(draft.status == .created, "\(draft.text)")
            let id = draft.string("id")!
            #expect(draft.string("number")?.hasPrefix("JJ-") == true && draft.string("status") == "draft" && draft.json["shiftClosed"] as? Bool == false)
            let openTickets = (draft.json["facts"] as? [String: Any])?["openTickets"] as? [[String: Any]] ?? []
            #expect(openTickets.contains { $0["number"] as? String == ticket.string("number") }, "Kefu fills in the unit's open tickets: \(draft.text)")
            // SHF-03: a second handover of the same shift is refused.
            let twice = try await app.call(.post, "/api/v1/handovers", token: f.ann.token, json: ["entryId": annEarly])
            #expect(twice.status == .conflict && twice.errorCode == "handover_exists", "\(twice.text)")
            // Nobody takes over a draft; only the outgoing person edits.
            let early = try await app.call(.post, "/api/v1/handovers/\(id)/accept", token: f.bo.token)
            #expect(early.status == .conflict && early.errorCode == "wrong_state", "\(early.text)")
            let otherEdits = try await app.call(.put, "/api/v1/handovers/\(id)", token: f.bo.token, json: ["notes": "改"])
            #expect(otherEdits.status == .forbidden && otherEdits.errorCode == "not_outgoing", "\(otherEdits.text)")
            let submitted = try await app.call(.post, "/api/v1/handovers/\(id)/submit", token: f.ann.token)
            #expect(submitted.status == .ok && submitted.string("status") == "submitted", "\(submitted.text)")
            let lateEdit = try await app.call(.put, "/api/v1/handovers/\(id)", token: f.ann.token, json: ["notes": "补充"])
            #expect(lateEdit.status == .conflict && lateEdit.errorCode == "wrong_state")
            // SHF-02: only the next shift's person (bo, 16:00) takes over: not cy (tomorrow), not ann herself, not another unit.
            for (token, status, code) in [(f.cy.token, HTTPResponse.Status.forbidden, "not_incoming"), (f.ann.token, .forbidden, "not_incoming"),
                                          (f.outsider.token, .forbidden, "forbidden")] {
                let r = try await app.call(.post, "/api/v1/handovers/\(id)/accept", token: token)
                #expect(r.status == status && r.errorCode == code, "\(r.text)")
            }
            let outsiderReads = try await app.call(.get, "/api/v1/handovers/\(id)", token: f.outsider.token)
            #expect(outsiderReads.status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/handovers?view=incoming", token: f.bo.token).items.map { $0["id"] as? String } == [id])
            let seen = try await app.call(.get, "/api/v1/handovers/\(id)", token: f.bo.token)
            #expect(seen.json["actions"] as? [String] == ["accept", "return"], "\(seen.text)")
            // Sent back without a reason: refused; with one: the outgoing person corrects and signs again.
            let noReason = try await app.call(.post, "/api/v1/handovers/\(id)/return", token: f.bo.token, json: ["reason": " "])
            #expect(noReason.status == .unprocessableContent, "\(noReason.text)")
            let returned = try await app.call(.post, "/api/v1/handovers/\(id)/return", token: f.bo.token, json: ["reason": "请写明耳麦报修单号"])
            #expect(returned.string("status") == "returned" && returned.string("returnReason") == "请写明耳麦报修单号", "\(returned.text)")
            let fixed = try await app.call(.put, "/api/v1/handovers/\(id)", token: f.ann.token,
                                           json: ["equipment": "3 号座席耳麦故障，已报修 WO-1", "issues": "陈先生投诉待回访", "staffing": "下午与 cy 调班"])
            #expect(fixed.status == .ok && fixed.string("equipment")?.contains("WO-1") == true)
            #expect(try await app.call(.post, "/api/v1/handovers/\(id)/submit", token: f.ann.token).status == .ok)
            let accepted = try await app.call(.post, "/api/v1/handovers/\(id)/accept", token: f.bo.token)
            #expect(accepted.status == .ok && accepted.string("status") == "accepted" && accepted.json["shiftClosed"] as? Bool == true, "\(accepted.text)")
            #expect(accepted.string("acceptedBy") == f.bo.id)
            let again = try await app.call(.post, "/api/v1/handovers/\(id)/accept", token: f.bo.token)
            #expect(again.status == .conflict && again.errorCode == "wrong_state")
            // Lists: the outgoing person's own, bo's (accepted by it), the unit's for the supervisor; none for the other unit.
            #expect(try await app.call(.get, "/api/v1/handovers", token: f.ann.token).items.map { $0["id"] as? String } == [id])
            #expect(try await app.call(.get, "/api/v1/handovers?view=mine", token: f.bo.token).items.count == 1)
            #expect(try await app.call(.get, "/api/v1/handovers?view=unit", token: f.supervisor.token).items.count == 1)
            #expect(try await app.call(.get, "/api/v1/handovers?view=unit", token: f.outsider.token).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/handovers?view=nope", token: f.ann.token).status == .unprocessableContent)
            // Found by its number in quick search, within scope (#11.1); waiting lists; an unknown handover is 404.
            let number = accepted.string("number")!
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, f.supervisor.token, number), "handover") == [id])
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, f.outsider.token, number), "handover").isEmpty)
            #expect(try await app.call(.get, "/api/v1/handovers?view=incoming", token: f.bo.token).items.isEmpty, "nothing waits any more")
            #expect(try await app.call(.get, "/api/v1/handovers/no-such", token: f.bo.token).status == .notFound)
            // The audit trail has every step.
            let audit = try await app.call(.get, "/api/v1/audit-log?entity=handover&entityId=\(id)", token: f.admin)
            let actions = audit.items.compactMap { $0["action"] as? String }
            #expect(["create", "submit", "return", "update", "accept"].allSatisfy(actions.contains), "\(audit.text.prefix(400))")
        }
    }

    @Test func withNobodyRosteredNextWhoeverIsOnDutyTakesOver() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let allDay = try await app.call(.post, "/api/v1/shifts", token: f.supervisor.token,
                                            json: ["orgUnitId": f.cs, "code": "D", "name": "全天", "start": "00:00", "end": "24:00"])
            let d = allDay.string("id")!
            // cy is on duty whatever the instant the test runs (yesterday, today and tomorrow all day); bo was on duty long ago.
            let today = Times.day(Date())
            let past = today.adding(days: -5)
            let ids = try await Self.plan(app, f, [(past, f.ann.id, f.early), (today.adding(days: -12), f.bo.id, d),
                                                   (today.adding(days: -1), f.cy.id, d), (today, f.cy.id, d), (today.adding(days: 1), f.cy.id, d)])
            let h = try await app.call(.post, "/api/v1/handovers", token: f.ann.token, json: ["entryId": ids["\(past.iso)/\(f.ann.id)/\(f.early)"]!])
            let id = h.string("id")!
            #expect(try await app.call(.post, "/api/v1/handovers/\(id)/submit", token: f.ann.token).status == .ok)
            let bo = try await app.call(.post, "/api/v1/handovers/\(id)/accept", token: f.bo.token)
            #expect(bo.status == .forbidden && bo.errorCode == "not_incoming", "\(bo.text)")
            let cy = try await app.call(.post, "/api/v1/handovers/\(id)/accept", token: f.cy.token)
            #expect(cy.status == .ok && cy.string("status") == "accepted", "\(cy.text)")
        }
    }

    @Test func announcementsWithReadReceipts() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let body: [String: Any] = ["orgUnitId": f.cs, "title": "春节值班安排", "body": "请于 2 月 10 日前确认值班表。", "expiresOn": "2099/12/31"]
            for token in [f.ann.token, f.outsider.token] {
                let r = try await app.call(.post, "/api/v1/announcements", token: token, json: body)
                #expect(r.status == .forbidden, "\(r.text)")
            }
            let badDay = try await app.call(.post, "/api/v1/announcements", token: f.supervisor.token, json: ["orgUnitId": f.cs, "title": "x", "body": "y", "expiresOn": "明天"])
            #expect(badDay.status == .unprocessableContent && badDay.text.contains("expiresOn"))
            let pastDay = try await app.call(.post, "/api/v1/announcements", token: f.supervisor.token, json: ["orgUnitId": f.cs, "title": "x", "body": "y", "expiresOn": "2020-01-01"])
            #expect(pastDay.status == .unprocessableContent)
            let a = try await app.call(.post, "/api/v1/announcements", token: f.supervisor.token, json: body)
            #expect(a.status == .created && a.string("expiresAt") != nil, "\(a.text)")
            let id = a.string("id")!
            // Each addressee sees it unread; another unit does not see it at all.
            #expect(try await app.call(.get, "/api/v1/announcements", token: f.ann.token).items.map { $0["id"] as? String } == [id])
            #expect(try await app.call(.get, "/api/v1/announcements", token: f.outsider.token).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/announcements/\(id)", token: f.outsider.token).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/announcements/\(id)/read", token: f.outsider.token).status == .forbidden)
            let read = try await app.call(.post, "/api/v1/announcements/\(id)/read", token: f.ann.token)
            #expect(read.status == .ok && read.json["read"] as? Bool == true, "\(read.text)")
            #expect(try await app.call(.post, "/api/v1/announcements/\(id)/read", token: f.ann.token).status == .ok, "reading twice is harmless")
            #expect(try await app.call(.get, "/api/v1/announcements", token: f.ann.token).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/announcements?view=all", token: f.ann.token).items.first?["read"] as? Bool == true)
            // The publisher sees who has and has not read it; an agent may not.
            let receipts = try await app.call(.get, "/api/v1/announcements/\(id)/receipts", token: f.supervisor.token)
            #expect(receipts.status == .ok, "\(receipts.text)")
            let rows = receipts.json["receipts"] as? [[String: Any]] ?? []
            #expect(rows.first { $0["userId"] as? String == f.ann.id }?["readAt"] is String)
            #expect(rows.first { $0["userId"] as? String == f.bo.id }.map { $0["readAt"] is String } == false)
            #expect(receipts.json["readCount"] as? Int == 1 && (receipts.json["unreadCount"] as? Int ?? 0) >= 4, "\(receipts.text.prefix(300))")
            #expect(try await app.call(.get, "/api/v1/announcements/\(id)/receipts", token: f.ann.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/announcements/\(id)/receipts", token: f.outsider.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/announcements?view=published", token: f.manager.token).items.count == 1)
            // Once its last day is over (the clock moved by writing the expiry) it is no longer shown, read or not; the
            // publisher still lists it.
            #expect(try await app.call(.get, "/api/v1/announcements", token: f.bo.token).items.count == 1, "bo has not read it yet")
            try await app.store.write { db in try await db.raw("UPDATE announcements SET expires_at = 1 WHERE id = \(bind: id)").run() }
            #expect(try await app.call(.get, "/api/v1/announcements?view=all", token: f.bo.token).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/announcements", token: f.bo.token).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/announcements?view=published", token: f.supervisor.token).items.count == 1)
        }
    }
}
