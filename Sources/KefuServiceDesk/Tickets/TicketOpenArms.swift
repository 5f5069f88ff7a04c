import KefuDomain
import KefuPlatform
import SQLKit

/// #17.7 on PostgreSQL: a unit's open tickets counted as a few index walks ("arms"), each stopping at the cap.
///
/// Written as one condition (`org_path LIKE … OR team_path LIKE … OR owner_id = … OR assignee_id = …`), a capped count
/// is answered by bitmaps that hold every match of every side before the first row is counted: PostgreSQL rates a
/// unit-path prefix at a fifth of what it matches. For a unit with 60,000 open tickets each tab took 13–29 ms of the
/// queue page's 75 ms of counting (bench/README, "Queue pages … on PostgreSQL"). Each side alone, read by index scan
/// (`StoreDialect.withIndexWalks`) as far as the cap, takes 1–3 ms; the sides' rows are merged, and fewer than the cap
/// in the union means no side was cut, so the count is exact within it, as before.
extension TicketQueries {
    /// The sides of `scope` (whose OR it is), each limited to open tickets in the form its index answers: the unit
    /// paths in desk-012's partial indexes' own condition, the owner and assignee as ranges of (person, status). nil
    /// where `scope` has no sides to walk (customers, the whole organisation) and on SQLite (`openScope` there).
    static func openScopeArms(_ viewer: Principal, _ dialect: StoreDialect) -> [SQLQueryString]? {
        guard dialect == .postgres, !viewer.isCustomer else { return nil }
        let forwardedOnly = !Role.seesUnitTickets(viewer.roles)
        if !forwardedOnly, viewer.coversWholeOrganisation { return nil }
        let unit = teamArms(viewer, dialect)
        // #10.20: other staff roles see what is forwarded to their unit, not its own.
        let sides = forwardedOnly ? [forwardedToUnit(unit[0])] : unit
        return sides + mineArms(viewer, dialect)
    }

    /// The sides of `teamCondition` among open tickets: handled there, owned there.
    static func teamArms(_ viewer: Principal, _ dialect: StoreDialect) -> [SQLQueryString] {
        let open = openStatus("", dialect)
        return ["\(dialect.startsWith("t.team_path", viewer.orgPath)) AND \(open)", "\(dialect.startsWith("t.org_path", viewer.orgPath)) AND \(open)"]
    }

    /// The sides of "mine" among open tickets: owned, assigned.
    static func mineArms(_ viewer: Principal, _ dialect: StoreDialect) -> [SQLQueryString] {
        let open = openStatusList
        return ["t.owner_id = \(bind: viewer.userId) AND t.status IN (\(open))", "t.assignee_id = \(bind: viewer.userId) AND t.status IN (\(open))"]
    }

    /// How many tickets lie on any of `arms` and meet `condition`, each arm read up to `cap` rows: exact below `cap`,
    /// at least `cap` otherwise. Run inside `withIndexWalks`.
    static func cappedArmsCount(_ arms: [SQLQueryString], _ condition: SQLQueryString, cap: Int) -> SQLQueryString {
        "(SELECT COUNT(*) FROM (\(SQLList(armReads(arms, condition, cap: cap), separator: SQLRaw(" UNION ")))) arms)"
    }

    /// Each arm's rids that meet `condition`, up to `cap`, as a SELECT of `rid` to be joined by UNION.
    static func armReads(_ arms: [SQLQueryString], _ condition: SQLQueryString, cap: Int) -> [SQLQueryString] {
        arms.map { "SELECT rid FROM (SELECT t.rid FROM tickets t WHERE \($0) AND \(condition) LIMIT \(bind: cap)) arm" }
    }
}
