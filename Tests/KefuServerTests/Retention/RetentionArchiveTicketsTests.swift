import Foundation
import Hummingbird
import KefuApp
import KefuDomain
import KefuPlatform
import SQLKit
import Testing

/// #17.6 RET-04, RET-01: `kefu retention archive` for tickets. A ticket closed past its 3 years that no record of
/// another feature names goes, with its replies, timeline and clocks and its channels' rows (mail with files, chat,
/// outbox), to its JSON line and out of the database (its search document too), leaving its tombstone; one named by a
/// work order stays, and so does one with a mail still to send (until it is sent) or a chat still open; one a day
/// inside its period, one held and one open stay. Afterwards the ticket's page, API and the
/// quick search by its number answer its tombstone (410 `archived`) to the staff of its unit, 404 to others.
@Suite("Retention archive of tickets, and their tombstones (#17.6, RET-01, RET-04)")
struct RetentionArchiveTicketsTests {
    static func closeTicket(_ app: TestApp, _ id: String, on day: CivilDay) async throws {
        try await RetentionArchiveTests.close(app, "tickets", id, set: "status = 'closed', resolved_at = $at, closed_at = $at", on: day)
    }

    static func ticket(_ app: TestApp, _ token: String, _ subject: String) async throws -> (id: String, number: String) {
        let r = try await app.createTicket(token, subject: subject, description: "客户来电：\(subject)")
        #expect(r.status == .created, "\(r.text)")
        return (try #require(r.string("id")), try #require(r.string("number")))
    }

    /// Rows of the ticket's search document (`ticket_search`, keyed by the ticket's rid).
    static func searchRows(_ app: TestApp, rid: Int) async throws -> Int {
        let key = app.store.dialect == .sqlite ? "rowid" : "rid"
        return try await app.store.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM ticket_search WHERE \(unsafeRaw: key) = \(bind: rid)").first()!.decode(column: "n", as: Int.self)
        }
    }

    static func rid(_ app: TestApp, _ id: String) async throws -> Int {
        try await app.store.read { db in try await db.raw("SELECT rid FROM tickets WHERE id = \(bind: id)").first()!.decode(column: "rid", as: Int.self) }
    }

    static func namedByAWorkOrder(_ app: TestApp, _ ticket: (id: String, number: String), unit: (id: String, path: String)) async throws {
        try await app.store.write { db in
            try await db.raw("""
                INSERT INTO work_orders (id, number, ticket_id, ticket_number, kind, location, description, requester_name, requester_phone, org_unit_id,
                    org_path, status, issued_by, issued_at, work_notes, materials_used, updated_at)
                VALUES ('wo-1', 'WO-1', \(bind: ticket.id), \(bind: ticket.number), 'repair', '3 栋 201', '漏水', '赵先生', '13800000000', \(bind: unit.id),
                    \(bind: unit.path), 'issued', 'user-1', 1, '', '', 1)
                """).run()
        }
    }

    /// A mail of the outbox for the ticket: `pending` (still to be sent) keeps the ticket; `sent` goes with it.
    static func outboxMail(_ app: TestApp, _ id: String, ticketId: String, status: String) async throws {
        try await app.store.write { db in
            try await db.raw("""
                INSERT INTO mail_outbox (id, ticket_id, kind, from_address, to_address, subject, message_id, raw, status, attempts, next_attempt_at,
                    created_by, created_at, sent_at)
                VALUES (\(bind: id), \(bind: ticketId), 'acknowledgement', 'kefu@example.com', 'c@example.com', '已受理', \(bind: "<\(id)@kefu>"), 'raw',
                    \(bind: status), 1, 1, 'user-1', 1, 2)
                """).run()
        }
    }

    /// A chat that became the ticket (`state` closed goes with it, open keeps it), with two messages.
    static func chat(_ app: TestApp, _ id: String, ticketId: String, unit: (id: String, path: String), state: String) async throws {
        try await app.store.write { db in
            try await db.raw("""
                INSERT INTO chat_sessions (id, org_unit_id, org_path, visitor_token_hash, visitor_name, contact, state, ticket_id, last_seq, created_at, updated_at)
                VALUES (\(bind: id), \(bind: unit.id), \(bind: unit.path), \(bind: "hash-\(id)"), '王先生', '13812345678', \(bind: state), \(bind: ticketId), 2, 1, 1)
                """).run()
            for (seq, body) in [(1, "空调不制冷"), (2, "师傅明天上门")] {
                try await db.raw("""
                    INSERT INTO chat_messages (id, session_id, seq, author, client_message_id, body, created_at)
                    VALUES (\(bind: "\(id)-\(seq)"), \(bind: id), \(bind: seq), 'visitor', \(bind: "c-\(seq)"), \(bind: body), \(bind: seq))
                    """).run()
            }
        }
    }

    /// A mail taken in for the ticket, with one attachment of `bytes`.
    static func inboundMail(_ app: TestApp, _ id: String, ticketId: String, bytes: [UInt8]) async throws {
        try await app.store.write { db in
            try await db.raw("""
                INSERT INTO inbound_mail (id, message_id, from_address, subject, received_at, ticket_id, outcome, warnings, size_bytes, raw_sha256, created_by)
                VALUES (\(bind: id), \(bind: "<\(id)@mail>"), 'c@example.com', '空调漏水', 1, \(bind: ticketId), 'created', '[]', 100, 'sha', 'system')
                """).run()
            try await db.raw("""
                INSERT INTO inbound_mail_attachments (id, mail_id, ticket_id, seq, file_name, content_type, size_bytes, sha256, is_inline, bytes)
                VALUES (\(bind: "\(id)-a"), \(bind: id), \(bind: ticketId), 1, '照片.jpg', 'image/jpeg', \(bind: bytes.count), 'sha', 0, \(bind: Data(bytes)))
                """).run()
        }
    }

    @Test func archivesClosedTicketsThatNothingNamesAndKeepsTheRest() async throws {
        try await TestApp.run { app in
            let admin = try await app.adminToken()
            let unit = try await RetentionArchiveTests.rootUnit(app, admin)
            let today = Times.day(Date())
            func yearsAgo(_ n: Int) -> CivilDay { RetentionSettingsTests.before(years: n, days: 0) }
            let past = yearsAgo(3).adding(days: -10), inside = yearsAgo(3)   // RET-01: 3 years; `inside` is kept until today
            #expect(RetentionRules.keptUntil(.ticket, closedOn: inside) == today)

            let old = try await Self.ticket(app, admin, "空调外机漏水")
            let reply = try await app.call(.post, "/api/v1/tickets/\(old.id)/comments", token: admin, json: ["body": "已安排师傅上门更换排水管", "visibility": "public"])
            #expect(reply.status == .created, "\(reply.text)")
            let byWorkOrder = try await Self.ticket(app, admin, "楼道灯不亮")
            let byMail = try await Self.ticket(app, admin, "发票开错")
            let insideTicket = try await Self.ticket(app, admin, "门禁卡失效")
            let held = try await Self.ticket(app, admin, "物业费争议")
            let open = try await Self.ticket(app, admin, "电梯异响")
            for t in [old, byWorkOrder, byMail] { try await Self.closeTicket(app, t.id, on: past) }
            try await Self.closeTicket(app, insideTicket.id, on: inside)
            try await Self.closeTicket(app, held.id, on: yearsAgo(5))
            try await Self.namedByAWorkOrder(app, byWorkOrder, unit: unit)
            try await Self.outboxMail(app, "mail-pending", ticketId: byMail.id, status: "pending")
            // The old ticket's channel rows go with it: a mail taken in with a file, a closed chat, a sent mail.
            try await Self.inboundMail(app, "in-1", ticketId: old.id, bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF])
            try await Self.chat(app, "chat-1", ticketId: old.id, unit: unit, state: "closed")
            try await Self.outboxMail(app, "mail-sent", ticketId: old.id, status: "sent")
            let hold = try await app.call(.post, "/api/v1/retention/holds", token: admin, json: ["kind": "ticket", "recordId": held.number, "reason": "客户诉讼"])
            #expect(hold.status == .created, "\(hold.text)")
            let oldRid = try await Self.rid(app, old.id)
            #expect(try await Self.searchRows(app, rid: oldRid) == 1)

            let dir = try RetentionArchiveTests.archiveDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let archive = RetentionArchive(store: app.store, sources: KefuServer.retentionSources)
            #expect(archive.archivable.contains(.ticket) && !archive.notArchivable.contains(.ticket))
            // The report and a dry run count only the ticket nothing names.
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir, kind: .ticket, dryRun: true)) == [.ticket: 1])
            let report = try await app.call(.get, "/api/v1/retention?kind=ticket", token: admin)
            let due = (report["items"] as? [[String: Any]])?.first { $0["kind"] as? String == "ticket" }
            #expect((due?["count"] as? NSNumber)?.intValue == 1 && due?["archivable"] as? Bool == true, "\(report.text)")

            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir, kind: .ticket)) == [.ticket: 1])
            let file = dir.appendingPathComponent("ticket-\(today.iso).jsonl")
            let lines = try RetentionArchiveTests.lines(file)
            #expect(lines.map { $0["id"] as? String } == [old.id] && lines.first?["kind"] as? String == "ticket")
            let data = RetentionArchivePropertyKindsTests.data(try #require(lines.first))
            #expect(data.record?["number"] as? String == old.number && data.record?["subject"] as? String == "空调外机漏水")
            #expect((data.record?["closed_at"] as? NSNumber)?.int64Value == RetentionArchiveTests.millis(past) && data.record?.count == 38,
                    "every column of tickets (desk-001, desk-002, desk-016)")
            let comments = data.children["ticket_comments"] ?? []
            #expect(comments.map { $0["body"] as? String } == ["已安排师傅上门更换排水管"], "\(data.children)")
            #expect((data.children["ticket_events"] ?? []).contains { $0["kind"] as? String == "created" }, "\(data.children["ticket_events"] ?? [])")
            #expect(Set(data.children.keys) == ["ticket_comments", "ticket_events", "ticket_breaches", "ticket_escalations", "ticket_escalation_progress",
                                                "inbound_mail", "inbound_mail_attachments", "telephony_calls", "telephony_call_events", "chat_sessions",
                                                "chat_messages", "portal_attachments", "mail_outbox"])
            #expect(data.children["inbound_mail"]?.map { $0["id"] as? String } == ["in-1"])
            let file0 = try #require(data.children["inbound_mail_attachments"]?.first)
            #expect((file0["bytes"] as? [String: Any])?["$base64"] as? String == Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF]).base64EncodedString(), "\(file0)")
            #expect(data.children["chat_messages"]?.map { $0["body"] as? String } == ["空调不制冷", "师傅明天上门"])
            #expect(data.children["mail_outbox"]?.map { $0["id"] as? String } == ["mail-sent"])
            for (table, column, id) in [("inbound_mail", "id", "in-1"), ("inbound_mail_attachments", "mail_id", "in-1"), ("chat_sessions", "id", "chat-1"),
                                        ("chat_messages", "session_id", "chat-1"), ("mail_outbox", "id", "mail-sent")] {
                #expect(try await RetentionArchiveTests.count(app, table, column, id) == 0, "\(table)")
            }
            #expect(try await RetentionArchiveTests.count(app, "mail_outbox", "id", "mail-pending") == 1)

            // Gone with its rows and its search document, its tombstone written; the others stay, without one.
            for table in ["ticket_comments", "ticket_events"] {
                #expect(try await RetentionArchiveTests.count(app, table, "ticket_id", old.id) == 0, "\(table)")
            }
            #expect(try await RetentionArchiveTests.count(app, "tickets", "id", old.id) == 0)
            #expect(try await Self.searchRows(app, rid: oldRid) == 0)
            let tomb = try #require(try await app.store.read { db in try await RetentionTombstones.find(kind: .ticket, id: old.id, in: db) })
            #expect(tomb.number == old.number && tomb.orgPath == unit.path && tomb.file == file.lastPathComponent)
            for t in [byWorkOrder, byMail, insideTicket, held, open] {
                #expect(try await RetentionArchiveTests.count(app, "tickets", "id", t.id) == 1, "\(t.number)")
                #expect(try await RetentionArchiveTests.count(app, "retention_archived", "record_id", t.id) == 0, "\(t.number)")
            }
            let audit = try await app.call(.get, "/api/v1/audit-log?entity=ticket&entityId=\(old.id)", token: admin)
            #expect(audit.items.contains { $0["action"] as? String == "retention.archive" }, "\(audit.text)")
            // The full-text search no longer finds it; the list no longer has it.
            let found = try await app.call(.get, "/api/v1/tickets?q=" + "排水管".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, token: admin)
            #expect(found.status == .ok && found.items.isEmpty, "\(found.text)")

            // An open chat keeps its ticket too. Once the pending mail is sent, the next run archives its ticket (the mail with
            // it); the work order still keeps its own, and the open chat its.
            let chatting = try await Self.ticket(app, admin, "热水器漏电")
            try await Self.closeTicket(app, chatting.id, on: past)
            try await Self.chat(app, "chat-open", ticketId: chatting.id, unit: unit, state: "active")
            try await app.store.write { db in try await db.raw("UPDATE mail_outbox SET status = 'sent' WHERE id = 'mail-pending'").run() }
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir, kind: .ticket)) == [.ticket: 1])
            #expect(try await RetentionArchiveTests.count(app, "tickets", "id", byMail.id) == 0)
            #expect(try await RetentionArchiveTests.count(app, "mail_outbox", "id", "mail-pending") == 0)
            #expect(try await RetentionArchiveTests.count(app, "tickets", "id", chatting.id) == 1)
            #expect(try await RetentionArchiveTests.count(app, "tickets", "id", byWorkOrder.id) == 1)
            #expect(try RetentionArchiveTests.lines(file).map { $0["id"] as? String } == [old.id, byMail.id])
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir)).isEmpty, "nothing more to do")
        }
    }

    @Test func anArchivedTicketsPageAPIAndSearchAnswerItsTombstoneInScope() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let east = try await app.createUnit(org.admin, code: "EAST", name: "华东分公司", parentId: org.root)
            let outsider = try await app.createUser(org.admin, "eastagent", roles: ["cs_agent"], unitId: east)
            let t = try await Self.ticket(app, org.agent.token, "热水器不点火")
            try await Self.closeTicket(app, t.id, on: RetentionSettingsTests.before(years: 4, days: 0))
            let dir = try RetentionArchiveTests.archiveDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let done = try await RetentionArchive(store: app.store, sources: KefuServer.retentionSources).run(to: dir, kind: .ticket)
            #expect(done.map(\.count) == [1])
            let today = Times.day(Date()).iso
            let file = "ticket-\(today).jsonl"

            // Staff of its unit (and above): 410 Gone, saying when it was archived and in which file.
            for token in [org.agent.token, org.colleague.token, org.supervisor.token, org.admin] {
                let api = try await app.call(.get, "/api/v1/tickets/\(t.id)", token: token)
                #expect(api.status == .gone && api.errorCode == "archived", "\(api.text)")
                #expect(api.errorMessage?.contains("工单 \(t.number) 已于 \(today) 归档") == true && api.errorMessage?.contains(file) == true, "\(api.text)")
                let page = try await app.call(.get, "/tickets/\(t.id)", token: token)
                #expect(page.status == .gone && page.text.contains("<h1>记录已归档</h1>") && page.text.contains(file), "\(page.text.prefix(1500))")
            }
            // Another unit's agent: the usual 404, nothing of the tombstone.
            let api = try await app.call(.get, "/api/v1/tickets/\(t.id)", token: outsider.token)
            #expect(api.status == .notFound && api.errorCode == "not_found" && !api.text.contains(t.number), "\(api.text)")
            let page = try await app.call(.get, "/tickets/\(t.id)", token: outsider.token)
            #expect(page.status == .notFound && !page.text.contains(t.number) && !page.text.contains(file))
            try await app.expect(.notFound, .get, "/api/v1/tickets/no-such-ticket", org.agent.token, code: "not_found")

            // The quick search by its number (whole or running) leads to that page; outside the unit, nothing.
            for form in [t.number, "1"] {
                let hits = try await QuickSearchTests.search(app, org.agent.token, form)
                let hit = try #require(hits.first { $0["kind"] as? String == "ticket" }, "\(form): \(hits)")
                #expect(hit["id"] as? String == t.id && hit["href"] as? String == "/tickets/\(t.id)" && hit["title"] as? String == "已归档", "\(hit)")
            }
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, outsider.token, t.number), "ticket").isEmpty)
        }
    }
}
