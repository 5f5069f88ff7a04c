import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1: forms that point to a ticket take its id or the number people know (KF2026-000004, KF2026-4, or the running
/// number alone: the newest year's ticket with that number). Other features resolve what was typed here, through the
/// service desk's query, before they read the ticket.
public enum TicketNumberLookup {
    /// The ticket id for `typed`: itself when a ticket has that id, else the ticket with that number; nil when neither.
    public static func id(_ db: any SQLDatabase, _ typed: String, now: Date = Date()) async throws -> String? {
        if try await db.raw("SELECT id FROM tickets WHERE id = \(bind: typed)").first() != nil { return typed }
        guard let query = FindQuery(typed) else { return nil }
        return try await numbered(db, query, now: now)?.id
    }

    /// The ticket a typed number names (whole, or the running number alone: the newest year's first), by number only,
    /// in one look-up of the unique index: for the quick search, which has no ticket ids to try first (#11.1, pgperf).
    public static func numbered(_ db: any SQLDatabase, _ query: FindQuery, now: Date = Date()) async throws -> (id: String, number: String)? {
        guard let (sql, numbers) = numberedLookup(query, now: now) else { return nil }
        let found = try await db.prepared(sql).all()
        let byNumber = Dictionary(try found.map { (try $0.decode(column: "number", as: String.self), try $0.decode(column: "id", as: String.self)) },
                                  uniquingKeysWith: { a, _ in a })
        return numbers.lazy.compactMap { number in byNumber[number].map { (id: $0, number: number) } }.first
    }

    /// The look-up `numbered` runs (`id`, `number` of every ticket the typed number may name), for another feature to
    /// join into a statement of its own, and the numbers in the order `numbered` prefers them; nil when the text names
    /// no ticket number.
    public static func numberedLookup(_ query: FindQuery, now: Date = Date()) -> (sql: SQLQueryString, numbers: [String])? {
        let numbers = TicketRules.numbers(for: query, currentYear: Times.year(now))
        guard !numbers.isEmpty else { return nil }
        return ("SELECT id, number FROM tickets WHERE number IN (\(SQLList(numbers.map { SQLBind($0) })))", numbers)
    }
}
