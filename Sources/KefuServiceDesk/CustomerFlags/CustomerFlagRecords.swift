import KefuDomain
import KefuPlatform
import SQLKit

/// TKT-05: one flag on a customer as the API and the pages show it.
public struct CustomerFlagView: Codable, Sendable {
    public let id: String
    public let customerId: String
    public let customerName: String
    public let status: CustomerFlagRules.Status
    public let reason: String
    public let proposedBy: String
    public let proposedAt: Instant
    @Nullable public var decidedBy: String?
    @Nullable public var decidedAt: Instant?
    @Nullable public var decisionNote: String?
    @Nullable public var clearedBy: String?
    @Nullable public var clearedAt: Instant?
    @Nullable public var clearNote: String?
}

/// A customer's flags, newest first, and what the viewer may do.
public struct CustomerFlagsView: Codable, Sendable {
    public let customerId: String
    /// The proposed or confirmed flag, if any.
    @Nullable public var open: CustomerFlagView?
    public let history: [CustomerFlagView]
    public let mayPropose: Bool
    public let mayDecide: Bool
}

struct CustomerFlagRow {
    static let columns = "f.id, f.customer_id, c.name AS customer_name, f.status, f.reason, f.org_path, f.proposed_by, f.proposed_at, f.decided_by, f.decided_at, f.decision_note, f.cleared_by, f.cleared_at, f.clear_note"
    static let from = "customer_flags f JOIN customers c ON c.id = f.customer_id"

    let id, customerId, customerName, reason, orgPath, proposedBy: String
    let status: CustomerFlagRules.Status
    let proposedAt: Int64
    let decidedBy: String?, decidedAt: Int64?, decisionNote: String?
    let clearedBy: String?, clearedAt: Int64?, clearNote: String?

    init(_ r: any SQLRow) throws {
        id = try r.decode(column: "id", as: String.self)
        customerId = try r.decode(column: "customer_id", as: String.self)
        customerName = try r.decode(column: "customer_name", as: String.self)
        status = CustomerFlagRules.Status(rawValue: try r.decode(column: "status", as: String.self)) ?? .proposed
        reason = try r.decode(column: "reason", as: String.self)
        orgPath = try r.decode(column: "org_path", as: String.self)
        proposedBy = try r.decode(column: "proposed_by", as: String.self)
        proposedAt = try r.decode(column: "proposed_at", as: Int64.self)
        decidedBy = try r.decode(column: "decided_by", as: String?.self)
        decidedAt = try r.decode(column: "decided_at", as: Int64?.self)
        decisionNote = try r.decode(column: "decision_note", as: String?.self)
        clearedBy = try r.decode(column: "cleared_by", as: String?.self)
        clearedAt = try r.decode(column: "cleared_at", as: Int64?.self)
        clearNote = try r.decode(column: "clear_note", as: String?.self)
    }

    var people: [String] { [proposedBy, decidedBy, clearedBy].compactMap { $0 } }

    func view(names: [String: String]) -> CustomerFlagView {
        CustomerFlagView(id: id, customerId: customerId, customerName: customerName, status: status, reason: reason,
                         proposedBy: names[proposedBy] ?? proposedBy, proposedAt: Instant(millis: proposedAt),
                         decidedBy: decidedBy.map { names[$0] ?? $0 }, decidedAt: Instant(millis: decidedAt), decisionNote: decisionNote,
                         clearedBy: clearedBy.map { names[$0] ?? $0 }, clearedAt: Instant(millis: clearedAt), clearNote: clearNote)
    }
}
