import KefuDomain

/// #17.6 RET-04: a feature's records that name a record of another feature by id. While one of them does, that record
/// is kept: the report does not count it as due and the archive leaves it, so no record loses what it names while it
/// is itself kept. Once the naming records are archived (or were never made), the named record follows on a later run.
/// Each feature writes the condition on its own tables; the composition root hands the conditions to the source of the
/// named kind (a ticket's: `TicketRetentionSource`), so no feature reads another's tables.
public protocol RetentionReferences: Sendable {
    /// An SQL condition, true while one of this feature's records names the record of `kind` whose id is the SQL
    /// expression `id` (e.g. `tickets.id`); nil when this feature names no record of that kind.
    func naming(_ kind: RetainedKind, id: String) -> String?
}

extension RetentionReferences {
    /// `EXISTS (SELECT 1 FROM <table> WHERE <column> = <id>)` for each table, joined by OR.
    public static func exists(_ tables: [(table: String, column: String)], id: String) -> String {
        tables.map { "EXISTS (SELECT 1 FROM \($0.table) WHERE \($0.table).\($0.column) = \(id))" }.joined(separator: " OR ")
    }
}
