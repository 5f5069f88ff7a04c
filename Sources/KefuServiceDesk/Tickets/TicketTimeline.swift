import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// The ticket's timeline: one append-only row per step, numbered per ticket.
enum TicketTimeline {
    static func nextSeq(_ db: any SQLDatabase, ticketId: String) async throws -> Int {
        let row = try await db.raw("SELECT COALESCE(MAX(seq), 0) AS s FROM ticket_events WHERE ticket_id = \(bind: ticketId)").first()
        return (try row?.decode(column: "s", as: Int.self) ?? 0) + 1
    }

    static func append(_ db: any SQLDatabase, ticketId: String, seq: Int, kind: String, actorId: String?, visibility: CommentVisibility,
                       at: Int64, data: [String: String]) async throws {
        try await db.raw(try insert(ticketId: ticketId, seq: seq, kind: kind, actorId: actorId, visibility: visibility, at: at, data: data)).run()
    }

    /// The INSERT of one timeline row, to run alone or together with other statements (`runTogether`).
    static func insert(ticketId: String, seq: Int, kind: String, actorId: String?, visibility: CommentVisibility,
                       at: Int64, data: [String: String]) throws -> SQLQueryString {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: data, options: [.sortedKeys]), as: UTF8.self)
        return """
            INSERT INTO ticket_events (id, ticket_id, seq, kind, actor_id, visibility, data, at)
            VALUES (\(bind: Clock.newID()), \(bind: ticketId), \(bind: seq), \(bind: kind), \(bind: actorId), \(bind: visibility.rawValue), \(bind: json), \(bind: at))
            """
    }
}
