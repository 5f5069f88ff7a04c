import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #15.5 (KPI-03): the tickets the inspection form's picker offers for a typed number (KF2026-000004, KF2026-4, or the
/// running number alone), through the unique index on `tickets.number`. No scope check: quality inspection keeps its
/// own rule (an inspector scores the tickets of its unit, which the general ticket search does not show to QA, #10.20).
extension TicketQueries {
    public struct InspectionCandidate: Sendable {
        public let facts: InspectionTicketFacts
        public let subject: String
    }

    public static func inspectionCandidates(_ db: any SQLDatabase, query: FindQuery, now: Date, limit: Int) async throws -> [InspectionCandidate] {
        let numbers = TicketRules.numbers(for: query, currentYear: Times.year(now))
        guard !numbers.isEmpty else { return [] }
        let order = Dictionary(numbers.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return try await db.prepared("""
            SELECT id, number, subject, org_path, owner_id FROM tickets WHERE number IN (\(SQLList(numbers.map { SQLBind($0) })))
            """).all().map { row in
            InspectionCandidate(facts: InspectionTicketFacts(id: try row.decode(column: "id", as: String.self), number: try row.decode(column: "number", as: String.self),
                                                             orgPath: try row.decode(column: "org_path", as: String.self),
                                                             ownerId: try row.decode(column: "owner_id", as: String?.self)),
                                subject: try row.decode(column: "subject", as: String.self))
        }.sorted { (order[$0.facts.number] ?? 0) < (order[$1.facts.number] ?? 0) }.prefix(limit).map { $0 }
    }
}
