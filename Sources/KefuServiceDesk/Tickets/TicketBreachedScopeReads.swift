import KefuDomain
import KefuPlatform
import SQLKit

extension TicketQueries {
    /// SLA-02: breached is a breach on record (`breached_at`, desk-016) or a running clock past due that the scanner
    /// has yet to record. `dueAt` is the due time as the read needs it (kept off its index: `dueAtOffIndexWhenScoped`).
    static func breachedCondition(now: Int64, dueAt: String = "t.due_at") -> SQLQueryString {
        "(t.breached_at IS NOT NULL OR (t.due_at IS NOT NULL AND \(unsafeRaw: dueAt) < \(bind: now)))"
    }

    /// #17.7: the breached tickets a unit's staff member sees (open ones only with `openOnly`), as index reads to be
    /// joined by UNION, each going as far as `cap`. Tested ticket by ticket over the unit's history, closed tickets
    /// included, the "breached" list's count took 180–230 ms on PostgreSQL and 130 ms on SQLite for a unit of 50,000
    /// tickets at a million.
    ///
    /// Each side of the viewer's scope (the unit's path as owner and as handler, or only what is forwarded to it
    /// (#10.20); the viewer as owner and as assignee) is read twice: its open tickets past due, off the queue-order
    /// indexes (desk-014, desk-015), and its tickets with a breach on record or not open with a clock still running,
    /// off desk-016's partial indexes, which hold what is tested. That is every breached ticket: a closed ticket's
    /// clocks have stopped, so one with no breach on record is not breached. nil for customers and where there is no
    /// scope (the whole organisation).
    static func breachedScopeReads(_ viewer: Principal, now: Int64, cap: Int?, openOnly: Bool, dialect: StoreDialect) -> [SQLQueryString]? {
        guard !viewer.isCustomer, viewer.orgPath.hasSuffix("/"), scope(viewer, dialect) != nil else { return nil }
        let late: SQLQueryString = "t.due_at IS NOT NULL AND t.due_at < \(bind: now)"
        let onlyOpen: SQLQueryString = openOnly ? " AND t.status IN (\(openStatusList))" : ""
        let flagged: SQLQueryString = "\(unsafeRaw: ServiceDeskMigrations.breachFlagged) AND \(breachedCondition(now: now))\(onlyOpen)"
        let limit: SQLQueryString = cap.map { " LIMIT \(bind: $0)" } ?? ""
        func read(_ index: String, _ condition: SQLQueryString) -> SQLQueryString {
            "SELECT rid FROM (SELECT t.rid FROM tickets t \(unsafeRaw: indexHint(index, dialect)) WHERE \(condition)\(limit)) arm"
        }
        let forwardedOnly = !Role.seesUnitTickets(viewer.roles)
        let paths = forwardedOnly ? [("team_path", "team")] : [("org_path", "org"), ("team_path", "team")]
        var reads: [SQLQueryString] = []
        for (column, name) in paths {
            let under = dialect.startsWith(pathKey(column, dialect), viewer.orgPath)
            let side = forwardedOnly ? forwardedToUnit(under) : under
            reads.append(read("tickets_open_\(name)", "\(side) AND t.\(unsafeRaw: ServiceDeskMigrations.openTickets) AND \(late)"))
            reads.append(read("tickets_breached_\(name)", "\(side) AND \(flagged)"))
        }
        // The viewer's own open tickets as `mineArms` has them (owned, assigned), each with its marked ones.
        for (openMine, (column, name)) in zip(mineArms(viewer, dialect), [("owner_id", "owner"), ("assignee_id", "assignee")]) {
            reads.append(read("tickets_\(name)", "\(openMine) AND \(late)"))
            reads.append(read("tickets_breached_\(name)", "t.\(unsafeRaw: column) = \(bind: viewer.userId) AND \(flagged)"))
        }
        return reads
    }

    /// #17.7: the count of a unit's "breached" list off `breachedScopeReads`, as far as `cap`: fewer than `cap` means no
    /// read was cut, so the count is exact within it. nil where the list has any other condition (`onlyScope` false)
    /// and where `breachedScopeReads` is.
    static func breachedScopeCount(_ db: any SQLDatabase, _ filter: TicketFilter, onlyScope: Bool, viewer: Principal, now: Int64,
                                   cap: Int?, dialect: StoreDialect) async throws -> Int? {
        guard onlyScope, filter.breached == true,
              let reads = breachedScopeReads(viewer, now: now, cap: cap, openOnly: false, dialect: dialect) else { return nil }
        // On PostgreSQL each read is an index scan that stops at the cap (`withIndexWalks`), not a bitmap of every match.
        return try await dialect.withIndexWalks(db) {
            try await db.raw("SELECT COUNT(*) AS n FROM (\(SQLList(reads, separator: SQLRaw(" UNION ")))) u").first()!.decode(column: "n", as: Int.self)
        }
    }
}
