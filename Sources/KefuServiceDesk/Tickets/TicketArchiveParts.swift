import KefuPlatform
import SQLKit

/// #17.6 RET-04: a feature's rows that are part of a ticket's history rather than records of their own — the channels'
/// mail, calls, chats and files of a ticket — written into the ticket's JSON line and deleted with it by
/// `TicketArchiver`. The feature names its tables (every column, as its migrations made them) and deletes its own rows.
public protocol TicketArchiveParts: Sendable {
    /// The tables, each keyed by the column naming the ticket (or, `through` a table of them, naming one of its rows).
    var tables: [ArchivedTable] { get }
    /// Deletes the ticket's rows from those tables, in the archive's transaction.
    func delete(ticketId: String, in db: any SQLDatabase) async throws
}
