/// TKT-02 ticket types.
public enum TicketType: String, CaseIterable, Codable, Sendable {
    case inquiry, complaint, repair, `return`, exchange, suggestion, other
}

/// CH-01, CH-02 channels.
public enum TicketChannel: String, CaseIterable, Codable, Sendable {
    case phone, email, chat, web
    case walkIn = "walk_in"
    case api
    /// CH-02: letters (信函) and whatever else reaches the centre outside the channels above.
    case other
}

public enum TicketPriority: String, CaseIterable, Codable, Sendable {
    case low, normal, high, urgent
}

public enum CommentVisibility: String, CaseIterable, Codable, Sendable {
    case `public`, `internal`
}
