import Foundation
import KefuDomain
import Testing

@Suite("Field rules")
struct RulesTests {
    @Test func receivedAtWindow() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(TicketRules.checkReceivedAt(now, now: now) == nil)
        #expect(TicketRules.checkReceivedAt(now.addingTimeInterval(-29 * 86400), now: now) == nil)
        #expect(TicketRules.checkReceivedAt(now.addingTimeInterval(-31 * 86400), now: now) == .tooOld)
        #expect(TicketRules.checkReceivedAt(now.addingTimeInterval(30), now: now) == nil)
        #expect(TicketRules.checkReceivedAt(now.addingTimeInterval(600), now: now) == .inFuture)
    }

    @Test func phoneNumbersCompareByDigits() {
        #expect(TextRules.phoneKey("138-0013 8000") == "13800138000")
        #expect(TextRules.phoneKey("+86 138 0013 8000") == "+8613800138000")
        #expect(TextRules.phoneKey("１３８００１３８０００") == "13800138000")
        #expect(TextRules.phoneKey("ab") == nil)
    }

    @Test func ticketNumbers() {
        #expect(TicketRules.number(year: 2026, sequence: 7) == "KF2026-000007")
        #expect(TicketRules.number(year: 2026, sequence: 1_234_567) == "KF2026-1234567")
    }

    @Test func scopeByPath() {
        let root = OrgPath.child(of: nil, id: "r")
        let cs = OrgPath.child(of: root, id: "cs")
        #expect(OrgPath.contains(root, cs))
        #expect(!OrgPath.contains(cs, root))
        #expect(!OrgPath.contains(OrgPath.child(of: root, id: "c"), cs))
    }

    @Test func permissions() {
        #expect(ServiceDeskPermission.granted(.createTicket, to: [.csAgent]))
        #expect(!ServiceDeskPermission.granted(.createTicket, to: [.qa]))
        #expect(ServiceDeskPermission.granted(.workTicket, to: [.qa]))
        #expect(!ServiceDeskPermission.granted(.workTicket, to: [.customer]))
        #expect(!ServiceDeskPermission.granted(.viewCustomerRegister, to: [.csAgent]))
        #expect(ServiceDeskPermission.granted(.viewCustomerRegister, to: [.csSupervisor]))
        #expect(ServiceDeskPermission.granted(.superviseTickets, to: [.admin]))
        #expect(ServiceDeskPermission.granted(.setServiceStandards, to: [.csManager]))
        #expect(!ServiceDeskPermission.granted(.setServiceStandards, to: [.csSupervisor]))
        #expect(ServiceDeskPermission.granted(.editCalendar, to: [.admin]))
        #expect(!ServiceDeskPermission.granted(.editCalendar, to: [.csManager]))
    }

    @Test func serviceStandardsFromTheSeed() {
        #expect(ServiceStandards.firstResponseMinutes == 5)
        #expect(ServiceStandards.escalateWithinMinutes == 60)
        #expect(Role.canOwnTickets([.csAgent]))
        #expect(!Role.canOwnTickets([.qa, .engineer]))
        #expect(Role.isCustomerOnly([.customer]))
        #expect(!Role.isCustomerOnly([.customer, .csAgent]))
        #expect(TextRules.isValidCode("SITE-1.a_b") && !TextRules.isValidCode("") && !TextRules.isValidCode("客服"))
        #expect(TextRules.isValidUsername("ab") && !TextRules.isValidUsername("a"))
    }
}
