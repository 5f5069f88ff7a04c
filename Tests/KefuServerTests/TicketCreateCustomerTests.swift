import Foundation
import HTTPTypes
import SQLKit
import Testing

/// #18.5: on PostgreSQL a create for no customer, a new one or a complete one is one statement; one whose customer
/// needs completing, or whose new customer another request created meanwhile, takes the transactional path. Both
/// paths must give the same ticket, timeline and search document, on both engines.
@Suite("Ticket create: the customer's paths (#18.5)")
struct TicketCreateCustomerTests {
    func customerId(_ reply: TestApp.Reply) -> String? { (reply.json["customer"] as? [String: Any])?["id"] as? String }

    @Test func newCompleteAndPlaceholderCustomersEachGetTheirTicket() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            // A new customer known by phone only: the phone stands in for the name.
            let first = try await app.createTicket(org.agent.token, subject: "齿轮箱漏油", extra: ["customer": ["phone": "13900001111"]])
            #expect(first.status == .created, "\(first.text)")
            let id = try #require(customerId(first))
            // The same phone with a real name completes the record (the transactional path) and keeps the customer.
            let second = try await app.createTicket(org.agent.token, subject: "偏航异响", extra: ["customer": ["name": "王工", "phone": "139 0000 1111"]])
            #expect(second.status == .created, "\(second.text)")
            #expect(customerId(second) == id)
            #expect((second.json["customer"] as? [String: Any])?["name"] as? String == "王工")
            // Now complete: the same customer again, nothing to change.
            let third = try await app.createTicket(org.agent.token, subject: "变桨故障", extra: ["customer": ["name": "王工", "phone": "13900001111"]])
            #expect(customerId(third) == id)
            // Found by e-mail when the phone is new to the register: the e-mail's customer, completed with the phone.
            let mailed = try await app.createTicket(org.agent.token, subject: "来函", extra: ["customer": ["name": "李经理", "email": "li@example.cn"]])
            let byMail = try await app.createTicket(org.agent.token, subject: "来电", extra: ["customer": ["name": "李经理", "email": "LI@example.cn", "phone": "13700002222"]])
            #expect(customerId(byMail) == customerId(mailed))
            // No customer at all.
            let none = try await app.createTicket(org.agent.token, subject: "巡检记录")
            #expect(none.status == .created && customerId(none) == nil)

            let rows = try await app.store.read { db in
                try await db.raw("""
                    SELECT (SELECT COUNT(*) FROM customers) AS customers,
                           (SELECT COUNT(*) FROM customers WHERE name = '王工' AND phone_key IS NOT NULL) AS named,
                           (SELECT COUNT(*) FROM tickets) AS tickets,
                           (SELECT COUNT(*) FROM ticket_events WHERE kind = 'created') AS created
                    """).first()!
            }
            #expect(try rows.decode(column: "customers", as: Int.self) == 2)
            #expect(try rows.decode(column: "named", as: Int.self) == 1)
            #expect(try rows.decode(column: "tickets", as: Int.self) == 6)
            #expect(try rows.decode(column: "created", as: Int.self) == 6)
            // Each path wrote the search document: every ticket is found by a word of its subject.
            for word in ["齿轮箱", "偏航", "变桨", "来函", "巡检"] {
                let found = try await app.call(.get, "/api/v1/tickets?q=\(word.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)", token: org.agent.token)
                #expect(found.items.count == 1, "\(word): \(found.text)")
            }
        }
    }

    @Test func aNewCustomerCreatedByManyAtOnceIsOneCustomer() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            // Twelve creates for one new caller at the same moment: on PostgreSQL all but one statement find the
            // customer's phone taken and go the transactional way; every ticket is created, for one customer.
            let replies = try await withThrowingTaskGroup(of: TestApp.Reply.self) { group in
                for i in 0..<12 {
                    group.addTask {
                        try await app.createTicket(org.agent.token, subject: "同时来电 \(i)", extra: ["customer": ["name": "赵先生", "phone": "13511112222"]])
                    }
                }
                var out: [TestApp.Reply] = []
                for try await reply in group { out.append(reply) }
                return out
            }
            #expect(replies.allSatisfy { $0.status == .created }, "\(replies.filter { $0.status != .created }.map(\.text))")
            #expect(Set(replies.compactMap(customerId)).count == 1)
            #expect(Set(replies.compactMap { $0.json["number"] as? String }).count == 12)
            let customers = try await app.store.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM customers WHERE phone_key IS NOT NULL").first()!.decode(column: "n", as: Int.self)
            }
            #expect(customers == 1)
        }
    }
}
