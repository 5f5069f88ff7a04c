/// VIS-01/02 mailing (代邮, 篇11 §1.2, §2.4: marketing mails the crafts a special visitor bought) and ticket delivery
/// (送票, 篇11 §2.3, §3.3.1: market ops delivers the tickets of a special group's reservation).
public enum MailingRules {
    public enum Status: String, CaseIterable, Codable, Sendable {
        case requested, sent, delivered
    }

    public enum Step: String, CaseIterable, Sendable { case send, deliver }

    /// The state after a step; nil when the step is not possible in that state (requested → sent → delivered).
    public static func next(_ s: Status, _ step: Step) -> Status? {
        switch (s, step) {
        case (.requested, .send): return .sent
        case (.sent, .deliver): return .delivered
        default: return nil
        }
    }

    /// Decision (seed silent): the postage charged is zero or more, at most ¥10,000.00 (in fen).
    public static let maxFeeFen: Int64 = 1_000_000

    public static func feeAllowed(_ fen: Int64) -> Bool { fen >= 0 && fen <= maxFeeFen }

    /// A sent parcel names its courier and tracking number (so the visitor can follow it).
    public static func sendProblem(courier: String?, trackingNo: String?) -> String? {
        if courier == nil { return "courier" }
        if trackingNo == nil { return "trackingNo" }
        return nil
    }
}

public enum TicketDeliveryRules {
    public enum Status: String, CaseIterable, Codable, Sendable {
        case scheduled, delivered
    }

    /// Decision (seed silent): one delivery carries 1 to 500 tickets (a special group's reservation).
    public static let maxTickets = 500

    public static func ticketsAllowed(_ n: Int) -> Bool { n >= 1 && n <= maxTickets }

    /// Only a scheduled delivery can be marked delivered, once.
    public static func mayDeliver(_ s: Status) -> Bool { s == .scheduled }
}
