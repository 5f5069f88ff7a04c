import Foundation
import Hummingbird
import Testing

/// #13.6 over HTTP: a repair ticket forwarded to a site; the site's keeper issues parts for it from the site's good
/// warehouse and registers the broken part that came out, in one step; the ticket lists both, the document and the
/// ledger name the ticket, the report counts the parts per customer, turbine and fault type. Refused: another unit's
/// ticket, another unit's warehouse, a role without issue rights; all or nothing when a line is short or a removed part
/// is incomplete.
@Suite("Tickets that consume parts (#13.6)")
struct TicketPartsTests {
    struct Setup {
        let f: MaterialsFixture
        let ticket: String
        let ticketNumber: String
        let siteA1: String
    }

    /// A repair ticket of a customer, logged by HQ's agent and forwarded to site A1 (TKT-04), where stock is on hand.
    static func setUp(_ app: TestApp) async throws -> Setup {
        let f = try await MaterialsFixture.make(app)
        try await f.stock(app, warehouse: f.A1G, [f.line(f.gear, 5), f.line(f.bolt, 10)])
        let warehouses = try await app.call(.get, "/api/v1/warehouses", token: f.hqMaterials).items
        let siteA1 = try #require(warehouses.first { $0["id"] as? String == f.A1G }?["orgUnitId"] as? String)
        let customer = try await app.call(.post, "/api/v1/customers", token: f.agent, json: ["name": "龙源风电", "phone": "13900002222"])
        #expect(customer.status == .created, "\(customer.text)")
        let t = try await app.createTicket(f.agent, subject: "A1-07 齿轮箱异响", extra: ["type": "repair", "customerId": customer.string("id")!])
        let ticket = try #require(t.string("id"), "\(t.text)")
        let forwarded = try await app.call(.post, "/api/v1/tickets/\(ticket)/forward", token: f.agent, json: ["toOrgUnitId": siteA1])
        #expect(forwarded.status == .ok, "\(forwarded.text)")
        return Setup(f: f, ticket: ticket, ticketNumber: try #require(t.string("number")), siteA1: siteA1)
    }

    static func removed(_ f: MaterialsFixture, extra: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = ["itemId": f.gear, "quantity": 1, "turbineNumber": "A1-07", "replacedBy": "李工", "newSerial": "GB-NEW-9",
                                   "oldSerial": "GB-OLD-9", "cause": "齿面点蚀", "warehouseId": f.A1D]
        for (k, v) in extra { body[k] = v }
        return body
    }

    static func body(_ f: MaterialsFixture, warehouse: String? = nil, lines: [[String: Any]]? = nil, removed: [[String: Any]]? = nil) -> [String: Any] {
        ["warehouseId": warehouse ?? f.A1G, "turbineNumber": "A1-07", "date": "2026-11-25",
         "lines": lines ?? [f.line(f.gear, 1), f.line(f.bolt, "2")], "removed": removed ?? [Self.removed(f)]]
    }

    @Test func aKeeperIssuesPartsForATicketAndRegistersTheBrokenOneInOneStep() async throws {
        try await TestApp.run { app in
            let s = try await Self.setUp(app)
            let f = s.f
            let r = try await app.call(.post, "/api/v1/tickets/\(s.ticket)/parts", token: f.keeperA1, json: Self.body(f))
            #expect(r.status == .created, "\(r.text)")
            let doc = try #require(r["document"] as? [String: Any], "\(r.text)")
            let docId = try #require(doc["id"] as? String)
            // ISS-02: an own-use issue, saved for the department accountant's audit (D6), linked to the ticket.
            #expect(doc["direction"] as? String == "out" && doc["reason"] as? String == "self_use" && doc["status"] as? String == "saved")
            #expect(doc["ticketId"] as? String == s.ticket && doc["ticketNumber"] as? String == s.ticketNumber)
            #expect((doc["number"] as? String)?.hasPrefix("CK-") == true)
            let parts = try #require(r["removed"] as? [[String: Any]])
            #expect(parts.count == 1 && parts[0]["ticketId"] as? String == s.ticket && parts[0]["warehouseId"] as? String == f.A1D)
            #expect((parts[0]["number"] as? String)?.hasPrefix("SH-") == true)

            // The ticket's parts: the two issue lines and the removed part.
            let listed = try await app.call(.get, "/api/v1/tickets/\(s.ticket)/parts", token: f.keeperA1)
            #expect(listed.status == .ok, "\(listed.text)")
            let used = listed["used"] as? [[String: Any]] ?? []
            #expect(used.count == 2 && used.allSatisfy { $0["documentId"] as? String == docId }, "\(listed.text)")
            #expect((listed["removed"] as? [[String: Any]])?.first?["number"] as? String == parts[0]["number"] as? String)
            // The ticket is also named by its number (#11.1's look-up).
            let byNumber = try await app.call(.get, "/api/v1/tickets/\(s.ticketNumber)/parts", token: f.keeperA1)
            #expect(byNumber.status == .ok && (byNumber["used"] as? [[String: Any]])?.count == 2, "\(byNumber.text)")
            // The agent who owns the ticket sees them too, and can issue from nowhere.
            let agentView = try await app.call(.get, "/api/v1/tickets/\(s.ticket)/parts", token: f.agent)
            #expect(agentView.status == .ok && (agentView["used"] as? [[String: Any]])?.count == 2 && (agentView["warehouses"] as? [Any])?.isEmpty == true)

            // Stock moves when the accountant audits; the ledger row names the ticket.
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.gear) == 5)
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(docId)/audit", token: f.accA).status == .ok)
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.gear) == 4)
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.bolt) == 8)
            let ledger = try await app.call(.get, "/api/v1/stock/ledger?warehouseId=\(f.A1G)&from=2026-11-01&to=2026-11-30", token: f.accA)
            let rows = (try? JSONSerialization.jsonObject(with: Data(ledger.text.utf8))) as? [[String: Any]] ?? []
            let fromTicket = rows.filter { $0["documentId"] as? String == docId }
            #expect(fromTicket.count == 2 && fromTicket.allSatisfy { $0["ticketNumber"] as? String == s.ticketNumber }, "\(ledger.text)")
            #expect(rows.filter { $0["documentId"] as? String != docId }.allSatisfy { $0["ticketNumber"] is NSNull })

            // The report: per customer, turbine and fault type, with what is audited.
            let report = try await app.call(.get, "/api/v1/reports/ticket-parts?from=2026-11-01&to=2026-11-30", token: f.accA)
            #expect(report.status == .ok, "\(report.text)")
            let reportRows = (report["rows"] as? [String: Any])?["items"] as? [[String: Any]] ?? []
            let gear = try #require(reportRows.first { $0["itemCode"] as? String == "GEAR-01" }, "\(report.text)")
            #expect(gear["customer"] as? String == "龙源风电" && gear["turbineNumber"] as? String == "A1-07" && gear["faultType"] as? String == "repair")
            #expect((gear["quantity"] as? NSNumber)?.decimalValue == 1 && (gear["audited"] as? NSNumber)?.decimalValue == 1 && gear["tickets"] as? Int == 1)
            #expect(reportRows.count == 2)
            // Outside the period: nothing; another department's accountant: nothing of A's.
            let before = try await app.call(.get, "/api/v1/reports/ticket-parts?from=2026-10-01&to=2026-10-31", token: f.accA)
            #expect(((before["rows"] as? [String: Any])?["items"] as? [Any])?.isEmpty == true, "\(before.text)")
            let other = try await app.call(.get, "/api/v1/reports/ticket-parts?from=2026-11-01&to=2026-11-30", token: f.keeperA2)
            #expect(((other["rows"] as? [String: Any])?["items"] as? [Any])?.isEmpty == true, "\(other.text)")

            // The audit trail says the parts went to the ticket.
            let history = try await app.call(.get, "/api/v1/stock-documents/\(docId)/history", token: f.accA).items
            #expect(history.contains { $0["action"] as? String == "ticket_parts" }, "\(history)")
        }
    }

    @Test func theStepIsRefusedOutsideTheTicketTheWarehouseOrTheRole() async throws {
        try await TestApp.run { app in
            let s = try await Self.setUp(app)
            let f = s.f
            let path = "/api/v1/tickets/\(s.ticket)/parts"
            // Site A2's keeper: the ticket was not forwarded to A2 (another unit's ticket).
            try await f.stock(app, warehouse: f.A2G, [f.line(f.gear, 5)])
            let otherTicket = try await app.call(.post, path, token: f.keeperA2, json: Self.body(f, warehouse: f.A2G, removed: []))
            #expect(otherTicket.status == .forbidden, "\(otherTicket.text)")
            // Site A1's keeper, from A2's warehouse (another unit's warehouse).
            let otherWarehouse = try await app.call(.post, path, token: f.keeperA1, json: Self.body(f, warehouse: f.A2G, removed: []))
            #expect(otherWarehouse.status == .forbidden, "\(otherWarehouse.text)")
            // An engineer of site A1 sees the forwarded ticket but has no issue rights (D6).
            let engineer = try await app.createUser(f.admin, "engA1", roles: ["engineer"], unitId: s.siteA1).token
            #expect(try await app.call(.get, "/api/v1/tickets/\(s.ticket)", token: engineer).status == .ok)
            let noRights = try await app.call(.post, path, token: engineer, json: Self.body(f))
            #expect(noRights.status == .forbidden, "\(noRights.text)")
            // Department B's accountant issues in department B only, and does not see department A's ticket.
            #expect(try await app.call(.post, path, token: f.accB, json: Self.body(f, warehouse: f.B1G, removed: [])).status == .forbidden)
            // No such ticket; a signed-out caller.
            #expect(try await app.call(.post, "/api/v1/tickets/00000000-0000-0000-0000-000000000000/parts", token: f.keeperA1, json: Self.body(f)).status == .notFound)
            #expect(try await app.call(.post, path, json: Self.body(f)).status == .unauthorized)
            // The refusals are in the caller's language.
            #expect(otherTicket.errorMessage?.contains("工单") == true)
            // Nothing was written.
            let listed = try await app.call(.get, path, token: f.agent)
            #expect((listed["used"] as? [Any])?.isEmpty == true && (listed["removed"] as? [Any])?.isEmpty == true, "\(listed.text)")
        }
    }

    @Test func aShortLineOrAnIncompleteRemovedPartLeavesNothingWritten() async throws {
        try await TestApp.run { app in
            let s = try await Self.setUp(app)
            let f = s.f
            let path = "/api/v1/tickets/\(s.ticket)/parts"
            let documentsBefore = try await app.call(.get, "/api/v1/stock-documents?warehouseId=\(f.A1G)", token: f.accA)["total"] as? Int
            // ISS-07: 6 gears asked, 5 on hand (two lines of the same item add up).
            let short = try await app.call(.post, path, token: f.keeperA1, json: Self.body(f, lines: [f.line(f.gear, 3), f.line(f.gear, 3)]))
            #expect(short.status == .unprocessableContent && short.errorCode == "insufficient_stock", "\(short.text)")
            #expect(short.errorMessage?.contains("第 2 行") == true, "\(short.text)")
            // DMG-02: a removed part without its cause is refused at its line; the good issue line is not kept either.
            let incomplete = try await app.call(.post, path, token: f.keeperA1, json: Self.body(f, removed: [Self.removed(f), Self.removed(f, extra: ["cause": " "])]))
            #expect(incomplete.status == .unprocessableContent && incomplete.errorMessage?.contains("损坏原因") == true, "\(incomplete.text)")
            // A removed part naming an item that does not exist fails inside the transaction, after the issue was written.
            let unknown = try await app.call(.post, path, token: f.keeperA1, json: Self.body(f, removed: [Self.removed(f, extra: ["itemId": "NO-SUCH-ITEM"])]))
            #expect(unknown.status == .unprocessableContent, "\(unknown.text)")
            let listed = try await app.call(.get, path, token: f.keeperA1)
            #expect((listed["used"] as? [Any])?.isEmpty == true && (listed["removed"] as? [Any])?.isEmpty == true, "\(listed.text)")
            #expect(try await app.call(.get, "/api/v1/stock-documents?warehouseId=\(f.A1G)", token: f.accA)["total"] as? Int == documentsBefore)
            #expect(try await app.call(.get, "/api/v1/damaged-parts", token: f.keeperA1).items.isEmpty)
            // The next good step takes the next number: the refused ones used none (DOC-11, gapless).
            let ok = try await app.call(.post, path, token: f.keeperA1, json: Self.body(f))
            #expect(ok.status == .created, "\(ok.text)")
            let number = (ok["document"] as? [String: Any])?["number"] as? String
            #expect(number?.hasSuffix("-000001") == true, "\(number ?? "")")
            #expect((ok["removed"] as? [[String: Any]])?.first?["number"] as? String == "SH-2026-000001")
            // A closed ticket takes no more parts.
            for status in ["resolved", "closed"] {
                _ = try await app.call(.post, "/api/v1/tickets/\(s.ticket)/status", token: f.agent, json: ["status": status])
            }
            let closed = try await app.call(.post, path, token: f.keeperA1, json: Self.body(f))
            #expect(closed.status == .conflict && closed.errorCode == "ticket_closed", "\(closed.text)")
        }
    }
}
