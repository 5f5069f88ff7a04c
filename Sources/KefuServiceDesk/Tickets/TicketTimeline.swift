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
        let json = dataJSON(data)
        return """
            INSERT INTO ticket_events (id, ticket_id, seq, kind, actor_id, visibility, data, at)
            VALUES (\(bind: Clock.newID()), \(bind: ticketId), \(bind: seq), \(bind: kind), \(bind: actorId), \(bind: visibility.rawValue), \(bind: json), \(bind: at))
            """
    }

    /// A row's data as a JSON object with its keys sorted. #18.5: written by hand (`JSONWriter`), as Foundation's
    /// JSONSerialization cost a twentieth of a ticket create's server CPU.
    static func dataJSON(_ data: [String: String]) -> String {
        var out = JSONWriter()
        out.beginObject()
        for key in data.keys.sorted() {
            out.key(named: key)
            out.string(data[key]!)
        }
        out.endObject()
        return String(decoding: out.bytes, as: UTF8.self)
    }
}
