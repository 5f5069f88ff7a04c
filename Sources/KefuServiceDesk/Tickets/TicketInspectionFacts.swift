import Foundation
import KefuPlatform
import SQLKit

/// #15.5 (KPI-03): what quality inspection reads of a ticket it scores, inside its own transaction: the number, the unit
/// and the first-contact owner (the agent inspected). No scope check: the inspection's own rules decide.
extension TicketQueries {
    public struct InspectionTicketFacts: Sendable {
        public let id: String
        public let number: String
        public let orgPath: String
        public let ownerId: String?
    }

    /// The ticket typed as its id or number (KF2026-000004, KF2026-4, 4); nil when there is none.
    public static func inspectionFacts(_ db: any SQLDatabase, typed: String, now: Date = Date()) async throws -> InspectionTicketFacts? {
        guard let id = try await TicketNumberLookup.id(db, typed, now: now),
              let row = try await db.raw("SELECT id, number, org_path, owner_id FROM tickets WHERE id = \(bind: id)").first() else { return nil }
        return InspectionTicketFacts(id: try row.decode(column: "id", as: String.self), number: try row.decode(column: "number", as: String.self),
                                     orgPath: try row.decode(column: "org_path", as: String.self), ownerId: try row.decode(column: "owner_id", as: String?.self))
    }
}
