import Foundation

/// #16.6 the customer portal (CH-01, TKT-01): a customer signs in by a one-time link sent to the address Kefu knows
/// them by, sees the tickets of that address and answers them. The rules the service applies; SPEC is silent on all
/// of these figures (decided in #16's note).
public enum PortalRules {
    /// A sign-in link is good once, for 15 minutes.
    public static let linkLifetimeMillis: Int64 = 15 * 60_000
    /// A portal session ends after 8 hours without a page view, and 7 days after sign-in whatever happens.
    public static let sessionIdleMillis: Int64 = 8 * 3_600_000
    public static let sessionMaxMillis: Int64 = 7 * 86_400_000
    /// A session's last view is written at most once a minute (idle time is counted to the minute).
    public static let touchEveryMillis: Int64 = 60_000
    /// Link requests are counted over 15 minutes: 3 per address (so a stranger cannot flood an inbox), 10 per client
    /// address (so one client cannot probe many addresses or flood many inboxes).
    public static let throttleWindowMillis: Int64 = 15 * 60_000
    public static let linksPerAddress = 3
    public static let linksPerClient = 10
    /// A customer's reply (the ticket comment limit is larger; a reply from the portal is a message, not a document).
    public static let replyMax = 10_000
    public static let addressMax = 254

    /// True when one more link may be requested, given the requests already made in the window (sent or not: the
    /// answer must not tell whether an address is known).
    public static func mayRequestLink(recentForAddress: Int, recentForClient: Int) -> Bool {
        recentForAddress < linksPerAddress && recentForClient < linksPerClient
    }

    /// The address as customers are keyed by (trimmed, lower-cased), or nil when it is not an e-mail address.
    public static func address(_ raw: String?) -> String? {
        let s = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !s.isEmpty, s.count <= addressMax, !s.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" }) else { return nil }
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return nil }
        return s
    }

    /// When a session signed in at `createdAt` and last seen at `lastSeenAt` ends.
    public static func sessionExpiry(createdAt: Int64, lastSeenAt: Int64) -> Int64 {
        min(createdAt + sessionMaxMillis, lastSeenAt + sessionIdleMillis)
    }

    public enum LinkState: Equatable, Sendable { case valid, used, expired }

    public static func linkState(expiresAt: Int64, usedAt: Int64?, now: Int64) -> LinkState {
        if usedAt != nil { return .used }
        return now < expiresAt ? .valid : .expired
    }

    /// A ticket's status as the customer reads it.
    public enum CustomerStatus: String, Sendable {
        case received, inProgress, waitingForYou, resolved, closed
    }

    public static func customerStatus(_ status: TicketStatus) -> CustomerStatus {
        switch status {
        case .new: return .received
        case .open, .pendingInternal: return .inProgress
        case .pendingCustomer: return .waitingForYou
        case .resolved: return .resolved
        case .closed: return .closed
        }
    }

    /// The customer may answer any ticket that is not closed (an answer on a resolved one reopens it, as a mail does).
    public static func mayReply(_ status: TicketStatus) -> Bool { status != .closed }

    /// The customer rates a ticket once it is resolved or closed (SAT-02: the customer after the service).
    public static func mayRate(_ status: TicketStatus) -> Bool { status == .resolved || status == .closed }
    public static let ratingCommentMax = 2000
}
