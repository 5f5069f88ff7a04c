import KefuPlatform
import SQLKit

/// #11.6: what other features (after-sales) may read of a ticket, inside their own transaction.
extension TicketQueries {
    public struct TicketFacts: Sendable {
        public let id: String
        public let number: String
        public let subject: String
        public let type: String
        public let customerId: String?
        public let customerName: String?
        public let customerPhone: String?
        public let orgUnitId: String
        public let orgPath: String
        public let teamPath: String?
        public let ownerId: String?
        public let assigneeId: String?
    }

    /// Locks the ticket's row until the caller's transaction ends (PostgreSQL; SQLite's one writer serialises anyway),
    /// so that another feature's check-then-insert about one ticket runs one at a time. false: no such ticket.
    public static func hold(_ db: any SQLDatabase, ticketId id: String, dialect: StoreDialect) async throws -> Bool {
        try await db.raw("SELECT id FROM tickets WHERE id = \(bind: id)\(unsafeRaw: dialect.rowLock())").first() != nil
    }

    /// A ticket with its customer's name and phone; nil when there is no such ticket. No scope check: the caller
    /// decides who may see it.
    public static func facts(_ db: any SQLDatabase, ticketId id: String) async throws -> TicketFacts? {
        guard let row = try await db.raw("""
            SELECT t.id, t.number, t.subject, t.type, t.customer_id, t.org_unit_id, t.org_path, t.team_path, t.owner_id, t.assignee_id, c.name AS customer_name, c.phone AS customer_phone
            FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id WHERE t.id = \(bind: id)
            """).first() else { return nil }
        return TicketFacts(id: try row.decode(column: "id", as: String.self), number: try row.decode(column: "number", as: String.self),
                           subject: try row.decode(column: "subject", as: String.self), type: try row.decode(column: "type", as: String.self),
                           customerId: try row.decode(column: "customer_id", as: String?.self), customerName: try row.decode(column: "customer_name", as: String?.self),
                           customerPhone: try row.decode(column: "customer_phone", as: String?.self),
                           orgUnitId: try row.decode(column: "org_unit_id", as: String.self), orgPath: try row.decode(column: "org_path", as: String.self),
                           teamPath: try row.decode(column: "team_path", as: String?.self), ownerId: try row.decode(column: "owner_id", as: String?.self),
                           assigneeId: try row.decode(column: "assignee_id", as: String?.self))
    }
}

extension CustomerService {
    /// A customer's name by id; nil when there is no such customer. No scope check: see `inScope`.
    public static func name(_ db: any SQLDatabase, customerId: String) async throws -> String? {
        try await db.raw("SELECT name FROM customers WHERE id = \(bind: customerId)").first()?.decode(column: "name", as: String.self)
    }
}
