/// TKT-02 ticket types.
public enum TicketType: String, CaseIterable, Codable, Sendable {
    case inquiry, complaint, repair, `return`, exchange, suggestion, other
}

/// CH-01, CH-02 channels.
public enum TicketChannel: String, CaseIterable, Codable, Sendable {
    case phone, email, chat, web
    case walkIn = "walk_in"
    case api
}

public enum TicketPriority: String, CaseIterable, Codable, Sendable {
    case low, normal, high, urgent

    /// Sort weight: urgent first.
    public var rank: Int {
        switch self {
        case .urgent: return 0
        case .high: return 1
        case .normal: return 2
        case .low: return 3
        }
    }
}

public enum CommentVisibility: String, CaseIterable, Codable, Sendable {
    case `public`, `internal`
}
