import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

extension TicketQueries {
    /// #17.7: how many unit paths (per path column) a queue in due order is read arm by arm for; a viewer over more
    /// units with open tickets gets the usual read.
    static let armPathsUpTo = 32

    /// #17.7: the page of a queue in due order ("my queue", the team queue and its "unassigned"), read from indexes in
    /// that order (desk-014 on SQLite, desk-015 on PostgreSQL) instead of reading and sorting every ticket of the queue
    /// (a dense unit's 60,000 open tickets: 130–280 ms at a million on SQLite, 87–125 ms on PostgreSQL). Each arm is one
    /// equality prefix of such an index — one unit path, or the viewer as owner or assignee and one open status — read
    /// in due order as far as the page reaches; the arms' keys are merged and the page's tickets read. The team view's
    /// unit paths are the distinct stored paths under the viewer's among the open tickets (a walk of the index, one step
    /// a path), so a ticket whose stored path is older than a move of its unit is found as the usual read finds it. nil
    /// where the read does not fit: another filter, another order or view, a customer, a role that sees only what is
    /// forwarded to it (#10.20), the team view of a viewer over the whole organisation, and more than `armPathsUpTo`
    /// unit paths.
    ///
    /// The count, up to `countLimit`, is read off the same indexes (each one's range read as far as the limit, the
    /// union counted), since testing the unit's tickets row by row for it cost more than the page (23 ms of a dense
    /// unit's team queue, counted to 10,000).
    static func dueOrderedArms(_ db: any SQLDatabase, _ filter: TicketFilter, paging: Paging, viewer: Principal,
                               dialect: StoreDialect, countLimit: Int = Int.max) async throws -> (rows: [TicketRow], counted: Int)? {
        guard filter.sort == .due, filter.q == nil, !filter.statuses.isEmpty, filter.statuses.allSatisfy(\.isOpen),
              !filter.openReceivedToday, filter.dueWithinMinutes == nil, filter.breached == nil,
              filter.ownerId == nil, filter.assigneeId == nil, filter.teamId == nil, filter.customerId == nil,
              filter.type == nil, filter.channel == nil, filter.priority == nil,
              !viewer.isCustomer, Role.seesUnitTickets(viewer.roles), viewer.orgPath.hasSuffix("/") else { return nil }
        let statuses = Array(Set(filter.statuses)).sorted { $0.rawValue < $1.rawValue }
        let inStatuses: SQLQueryString = " AND t.status IN (\(SQLList(statuses.map { SQLBind($0.rawValue) })))"
        let everyOpen = Set(statuses) == Set(TicketStatus.allCases.filter(\.isOpen))
        let reach = paging.offset + paging.per
        let cap = countLimit == Int.max ? nil : countLimit + 1
        var arms: [SQLQueryString] = [], counts: [SQLQueryString] = []
        switch filter.view {
        case .mine:
            guard !filter.unassigned else { return nil }
            for (column, index) in [("owner_id", "tickets_owner"), ("assignee_id", "tickets_assignee")] {
                let mine: SQLQueryString = "t.\(unsafeRaw: column) = \(bind: viewer.userId)"
                for status in statuses {
                    arms.append(arm(index, "\(mine) AND t.status = \(bind: status.rawValue)", reach: reach, dialect))
                }
                counts.append(range(index, "\(mine)\(inStatuses)", cap: cap, dialect))
            }
        case .team:
            // The whole organisation's team queue is its whole queue: the due order's own index answers it.
            guard !viewer.coversWholeOrganisation else { return nil }
            let unassigned: SQLQueryString = filter.unassigned ? " AND t.assignee_id IS NULL" : ""
            let some: SQLQueryString = everyOpen ? "" : inStatuses
            // PostgreSQL, given the list of open statuses beside the partial indexes' own condition, also reads the status
            // index (every open ticket of the organisation) and ANDs it in: 15 ms of a unit's count.
            let countedStatuses: SQLQueryString = dialect == .postgres ? some : inStatuses
            for (name, index) in [("org_path", "tickets_open_org"), ("team_path", "tickets_open_team")] {
                let column = pathKey(name, dialect)
                guard let paths = try await openPaths(db, column: column, index: index, under: viewer.orgPath, dialect) else { return nil }
                for path in paths {
                    arms.append(arm(index, "\(unsafeRaw: column) = \(bind: path)\(some)\(unassigned)", reach: reach, dialect))
                }
                counts.append(range(index, "\(dialect.startsWith(column, viewer.orgPath))\(countedStatuses)\(unassigned)", cap: cap, dialect))
            }
        case .all:
            return nil
        }
        guard !arms.isEmpty else { return ([], 0) }
        // On PostgreSQL each range is walked as far as the cap (`withIndexWalks`): as bitmaps, a dense unit's count read all
        // of its tickets' rows (50 ms a range for "unassigned"), where the indexes hold what it tests.
        let counted = try await dialect.withIndexWalks(db) {
            try await db.raw("""
                SELECT COUNT(*) AS n FROM (SELECT u.rid FROM (\(SQLList(counts, separator: SQLRaw(" UNION ")))) u\(limit(cap))) c
                """).first()!.decode(column: "n", as: Int.self)
        }
        guard counted > paging.offset else { return ([], counted) }
        // The arms' keys are named as the table's (`t`), so that the one due order sorts both.
        let rows = try await db.raw("""
            SELECT \(unsafeRaw: TicketRow.columns) FROM \(unsafeRaw: TicketRow.from) WHERE t.rid IN (
                SELECT t.rid FROM (\(SQLList(arms, separator: SQLRaw(" UNION ")))) t
                ORDER BY \(unsafeRaw: dueOrder) LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset))
            ORDER BY \(unsafeRaw: dueOrder)
            """).all().map { try TicketRow(row: $0) }
        return (rows, counted)
    }

    /// A unit-path column as the queue-order indexes hold it: on PostgreSQL in the "C" collation (desk-015), so that the
    /// paths under a unit lie together in the index in any database collation and a prefix is one range of it.
    static func pathKey(_ column: String, _ dialect: StoreDialect) -> String {
        dialect == .sqlite ? "t.\(column)" : "(t.\(column) COLLATE \"C\")"
    }

    /// SQLite's hint to read `index`; PostgreSQL's planner finds the index by itself.
    static func indexHint(_ index: String, _ dialect: StoreDialect) -> String {
        dialect == .sqlite ? "INDEXED BY \(index)" : ""
    }

    /// One arm: the open tickets of one equality prefix of `index`, the first `reach` in due order, read off the index.
    private static func arm(_ index: String, _ condition: SQLQueryString, reach: Int, _ dialect: StoreDialect) -> SQLQueryString {
        read(index, "t.rid, t.due_at", "\(condition) ORDER BY \(unsafeRaw: dueOrder) LIMIT \(bind: reach)", dialect)
    }

    /// The rids of one range of `index` (for the count), as far as `cap`.
    private static func range(_ index: String, _ condition: SQLQueryString, cap: Int?, _ dialect: StoreDialect) -> SQLQueryString {
        read(index, "t.rid", "\(condition)\(limit(cap))", dialect)
    }

    private static func limit(_ cap: Int?) -> SQLQueryString {
        cap.map { n -> SQLQueryString in " LIMIT \(bind: n)" } ?? ""
    }

    /// One read of open tickets off `index`, as one term of a UNION.
    private static func read(_ index: String, _ columns: String, _ rest: SQLQueryString, _ dialect: StoreDialect) -> SQLQueryString {
        let open = SQLRaw(ServiceDeskMigrations.openTickets)
        // SQLite takes a compound's ORDER BY and LIMIT as the whole compound's unless the term is a subquery.
        return "SELECT * FROM (SELECT \(unsafeRaw: columns) FROM tickets t \(unsafeRaw: indexHint(index, dialect)) WHERE t.\(open) AND \(rest)) arm"
    }

    /// The distinct stored paths in `column` (a `pathKey`) under `prefix` among the open tickets, in index order, walking
    /// `index` one path at a time; nil when there are more than `armPathsUpTo`.
    private static func openPaths(_ db: any SQLDatabase, column: String, index: String, under prefix: String,
                                  _ dialect: StoreDialect) async throws -> [String]? {
        let open = SQLRaw(ServiceDeskMigrations.openTickets)
        func next(_ condition: SQLQueryString) -> SQLQueryString {
            """
            (SELECT \(unsafeRaw: column) FROM tickets t \(unsafeRaw: indexHint(index, dialect)) WHERE \(condition) AND t.\(open)
                ORDER BY \(unsafeRaw: column) LIMIT 1)
            """
        }
        // Each step seeks past the last path alone (with the prefix's lower bound beside it, SQLite kept that bound and
        // read every path again: 390 ms for 20 paths at a million); the walk stops at the first path outside the prefix.
        let rows = try await db.raw("""
            WITH RECURSIVE paths (path, n) AS (
                SELECT \(next(dialect.startsWith(column, prefix))), 1
                UNION ALL
                SELECT \(next("\(unsafeRaw: column) > paths.path")), paths.n + 1 FROM paths
                WHERE paths.path IS NOT NULL AND \(dialect.startsWith("paths.path", prefix)) AND paths.n <= \(bind: armPathsUpTo))
            SELECT path FROM paths WHERE path IS NOT NULL AND \(dialect.startsWith("path", prefix))
            """).all()
        guard rows.count <= armPathsUpTo else { return nil }
        return try rows.map { try $0.decode(column: "path", as: String.self) }
    }
}
