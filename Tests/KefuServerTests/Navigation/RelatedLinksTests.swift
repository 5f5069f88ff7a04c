import Foundation
import Hummingbird
import Testing

/// #11.5: a ticket and its after-sales records link to each other both ways, by their human numbers.
@Suite("Related records link both ways (#11.5)")
struct RelatedLinksTests {
    @Test func ticketRepairOrderAndComplaintLinkToEachOther() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let t = try await app.createTicket(o.agent.token, subject: "变桨控制器返修", extra: ["type": "complaint", "customer": ["name": "金风某风电场", "phone": "0471-1234567"]])
            let ticketId = t.string("id")!, ticketNumber = t.string("number")!
            let order: [String: Any] = ["ticketId": ticketId, "customer": ["name": "金风某风电场", "phone": "0471-1234567"], "model": "变桨控制器 PC-300",
                                        "shippedAt": "2024-03-01", "units": [["serialNumber": "PC3-0001", "defect": "上电无显示"]]]
            let repair = try await app.expect(.created, .post, "/api/v1/repair-orders", o.agent.token, order)
            let repairId = repair.string("id")!, repairNumber = repair.string("number")!
            let complaints = try await app.call(.get, "/api/v1/complaints", token: o.agent.token)
            let complaint = try #require(complaints.items.first { $0["ticketId"] as? String == ticketId })
            let complaintId = complaint["id"] as! String

            let s = PageSession(app)
            _ = try await s.signIn("agent", "password-agent")
            // Ticket → repair order and complaint case.
            let ticketPage = try await s.get("/tickets/\(ticketId)").text
            #expect(ticketPage.contains("href=\"/repair-orders/\(repairId)\""))
            #expect(ticketPage.contains(repairNumber))
            #expect(ticketPage.contains("href=\"/complaints/\(complaintId)\""))
            // Repair order → its ticket (by number) and the ticket's complaint case.
            let repairPage = try await s.get("/repair-orders/\(repairId)").text
            #expect(repairPage.contains("id=\"related-ticket\" href=\"/tickets/\(ticketId)\""))
            #expect(repairPage.contains("工单 \(ticketNumber)"))
            #expect(repairPage.contains("id=\"related-complaint-\(complaintId)\""))
            // Complaint → its ticket and the repair order.
            let complaintPage = try await s.get("/complaints/\(complaintId)").text
            #expect(complaintPage.contains("id=\"related-ticket\""))
            #expect(complaintPage.contains("id=\"related-repair-\(repairId)\""))
            #expect(!complaintPage.contains("id=\"related-complaint-\(complaintId)\""), "a record does not link to itself")
            // Breadcrumbs: 首页 › 售后 › 返修 › the order.
            #expect(repairPage.contains("<a href=\"/repair-orders\">返修</a>"))
        }
    }
}
