import Foundation
import KefuDomain
import Testing

@Suite("Customer portal rules (#16.6 CH-01)")
struct PortalRulesTests {
    @Test func linkRequestsAreThrottledPerAddressAndPerClient() {
        #expect(PortalRules.mayRequestLink(recentForAddress: 0, recentForClient: 0))
        #expect(PortalRules.mayRequestLink(recentForAddress: 2, recentForClient: 9))
        #expect(!PortalRules.mayRequestLink(recentForAddress: 3, recentForClient: 0), "3 per address in 15 minutes")
        #expect(!PortalRules.mayRequestLink(recentForAddress: 0, recentForClient: 10), "10 per client address in 15 minutes")
    }

    @Test func addressesAreKeyedLowerCase() {
        #expect(PortalRules.address("  Wang@Customer.Example ") == "wang@customer.example")
        #expect(PortalRules.address("") == nil)
        #expect(PortalRules.address("wang") == nil)
        #expect(PortalRules.address("wang@localhost") == nil)
        #expect(PortalRules.address("a@b@c.example") == nil)
        #expect(PortalRules.address("王 <wang@x.example>") == nil)
        #expect(PortalRules.address(String(repeating: "a", count: 250) + "@x.cn") == nil)
    }

    @Test func linksAreGoodOnceFor15Minutes() {
        let t: Int64 = 1_000_000
        #expect(PortalRules.linkState(expiresAt: t + PortalRules.linkLifetimeMillis, usedAt: nil, now: t) == .valid)
        #expect(PortalRules.linkState(expiresAt: t, usedAt: nil, now: t) == .expired)
        #expect(PortalRules.linkState(expiresAt: t + 1, usedAt: t, now: t) == .used)
    }

    @Test func sessionsEndAfter8IdleHoursOr7Days() {
        let t: Int64 = 0
        #expect(PortalRules.sessionExpiry(createdAt: t, lastSeenAt: t) == 8 * 3_600_000)
        #expect(PortalRules.sessionExpiry(createdAt: t, lastSeenAt: 7 * 86_400_000 - 3_600_000) == 7 * 86_400_000)
    }

    @Test func customersReadStatusesInTheirWords() {
        #expect(PortalRules.customerStatus(.new) == .received)
        #expect(PortalRules.customerStatus(.pendingInternal) == .inProgress)
        #expect(PortalRules.customerStatus(.pendingCustomer) == .waitingForYou)
        #expect(PortalRules.mayReply(.resolved))
        #expect(!PortalRules.mayReply(.closed))
    }
}
