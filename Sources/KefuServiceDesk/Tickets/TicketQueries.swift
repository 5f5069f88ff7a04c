import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

public struct TicketFilter: Sendable {
    public enum View: String, Sendable { case mine, team, all }
    public enum Sort: String, Sendable {
        case due, created, updated, priority

        /// #17.7: how SQLite reads a broad list in this order off an index (`TicketQueries.listing`).
        var sqliteWalk: String? {
            switch self {
            case .due: return "INDEXED BY tickets_due_order"
            // SQLite's own index of the UNIQUE rid (desk-001's second unique column; TicketQueueTests holds the name).
            case .created: return "INDEXED BY sqlite_autoindex_tickets_2"
            case .updated: return "INDEXED BY tickets_updated"
            case .priority: return nil
            }
        }
    }

    public var statuses: [TicketStatus] = []
    public var q: String?
    public var ownerId: String?
    public var assigneeId: String?
    public var teamId: String?
    public var customerId: String?
    public var type: TicketType?
    public var channel: TicketChannel?
    public var priority: TicketPriority?
    public var breached: Bool?
    /// Breaching soon: still running and due within this many minutes.
    public var dueWithinMinutes: Int?
    /// SLA-04's end-of-day list: received today (the organisation's day) and still open.
    public var openReceivedToday = false
    /// #11.4: nobody is assigned yet (the unassigned queue).
    public var unassigned = false
    public var view: View = .all
    public var sort: Sort = .created

    public init() {}

    /// Reads API.md's query parameters; bad values are a 422 naming the parameter.
    public static func parse(_ q: [String: String]) throws -> TicketFilter {
        var f = TicketFilter()
        if let raw = TextRules.trimmed(q["status"]) {
            f.statuses = try raw.split(separator: ",").map { part in
                guard let s = TicketStatus(rawValue: part.trimmingCharacters(in: .whitespaces)) else {
                    throw AppError.validation("status", Text("未知状态 {0}", "Unknown status {0}").with(String(part)))
                }
                return s
            }
        }
        if let raw = q["q"], raw.count > 200 {
            throw AppError.validation("q", Text("搜索词最长 200 字", "The search text is at most 200 characters"))
        }
        f.q = TextRules.trimmed(q["q"])
        f.ownerId = TextRules.trimmed(q["ownerId"])
        f.assigneeId = TextRules.trimmed(q["assigneeId"])
        f.teamId = TextRules.trimmed(q["teamId"])
        f.customerId = TextRules.trimmed(q["customerId"])
        if q["type"] != nil { f.type = try TicketValidation.choice(q["type"], "type", default: TicketType.other) }
        if q["channel"] != nil { f.channel = try TicketValidation.choice(q["channel"], "channel", default: TicketChannel.api) }
        if q["priority"] != nil { f.priority = try TicketValidation.choice(q["priority"], "priority", default: TicketPriority.normal) }
        f.breached = try QueryValues.flag(q["breached"], "breached")
        if let raw = TextRules.trimmed(q["dueWithin"]) {
            guard let minutes = Int(raw), (1...10_080).contains(minutes) else {
                throw AppError.validation("dueWithin", Text("dueWithin 是 1 到 10080 之间的分钟数", "dueWithin is a number of minutes from 1 to 10,080"))
            }
            f.dueWithinMinutes = minutes
        }
        f.openReceivedToday = try QueryValues.flag(q["openReceivedToday"], "openReceivedToday") ?? false
        f.unassigned = try QueryValues.flag(q["unassigned"], "unassigned") ?? false
        if let v = TextRules.trimmed(q["view"]) {
            guard let view = View(rawValue: v) else { throw AppError.validation("view", Text("view 只能是 mine、team 或 all", "view must be mine, team or all")) }
            f.view = view
        }
        if let s = TextRules.trimmed(q["sort"]) {
            guard let sort = Sort(rawValue: s) else { throw AppError.validation("sort", Text("sort 只能是 due、created、updated 或 priority", "sort must be due, created, updated or priority")) }
            f.sort = sort
        }
        return f
    }
}

/// Reads of tickets, always within what the viewer may see.
public struct TicketQueries: Sendable {
    let store: any Store
    /// The working calendar, for "due soon" on working time (#11.4); share the one the ticket service uses.
    let settings: SlaSettings

    public init(store: any Store, settings: SlaSettings? = nil) {
        self.store = store
        self.settings = settings ?? SlaSettings(store: store)
    }

    static func row(_ db: any SQLDatabase, id: String, lock: String) async throws -> TicketRow? {
        try await db.raw("SELECT \(unsafeRaw: TicketRow.columns) FROM \(unsafeRaw: TicketRow.from) WHERE t.id = \(bind: id)\(unsafeRaw: lock)")
            .first().map { try TicketRow(row: $0) }
    }

    func visibleRow(id: String, viewer: Principal) async throws -> TicketRow {
        try await store.read { db in try await Self.visibleRow(db, id: id, viewer: viewer) }
    }

    static func visibleRow(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> TicketRow {
        guard let row = try await row(db, id: id, lock: "") else { throw try await missing(db, id: id, viewer: viewer) }
        try TicketAccess.requireView(viewer, row)
        return row
    }

    /// #17.6 RET-04: the answer for a ticket that is not (or no longer) in the database: 410 `archived` with its tombstone
    /// to staff who see the tickets of its unit (`TicketAccess.canViewArchived`), else the usual 404.
    static func missing(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> AppError {
        try await RetentionTombstones.gone(db, kind: .ticket, id: id, what: Text("工单", "Ticket")) { t in
            TicketAccess.canViewArchived(viewer, orgPath: t.orgPath)
        }
    }

    public func get(id: String, viewer: Principal) async throws -> TicketView {
        try await store.read { db in try await TicketBreaches.views(db, [Self.visibleRow(db, id: id, viewer: viewer)])[0] }
    }

    /// The conditions that limit a list to what the viewer may see.
    /// A list with more rows than this is read by walking the index of its order on SQLite (`Sort.sqliteWalk`).
    static let walkOrderAbove = 2_000

    static func scope(_ viewer: Principal, _ dialect: StoreDialect) -> SQLQueryString? {
        if viewer.isCustomer { return "t.customer_id = \(bind: viewer.customerId ?? "\u{1}")" }
        let team = dialect.startsWith("t.team_path", viewer.orgPath), org = dialect.startsWith("t.org_path", viewer.orgPath)
        // #10.20: other staff roles see what is forwarded to their unit, owned or assigned — not the unit's tickets.
        guard Role.seesUnitTickets(viewer.roles) else {
            return "(\(forwardedToUnit(team)) OR t.owner_id = \(bind: viewer.userId) OR t.assignee_id = \(bind: viewer.userId))"
        }
        if viewer.coversWholeOrganisation { return nil }
        return "(\(org) OR \(team) OR t.owner_id = \(bind: viewer.userId) OR t.assignee_id = \(bind: viewer.userId))"
    }

    /// #10.20: of the tickets `team` finds under a unit, those forwarded to it: handled there and owned elsewhere.
    static func forwardedToUnit(_ team: SQLQueryString) -> SQLQueryString {
        "(\(team) AND t.team_path <> t.org_path)"
    }

    /// #17.7: on SQLite, `scope` for a list or count of open tickets only: the rows a unit's staff may see among the open
    /// tickets, as one UNION of index reads — the unit's open tickets (desk-011's partial indexes) and the viewer's own
    /// open ones — so a queue costs what the unit has open, not its closed history. nil where `scope` is already as
    /// narrow (customers, roles that see only what is theirs or forwarded), where there is no scope, on PostgreSQL,
    /// whose planner reads desk-012's partial indexes by itself (given `openStatus`), and for a unit with `denseUnitFrom`
    /// open tickets or more: building that UNION then costs more than testing the unit's tickets one by one, most of
    /// which are open.
    static func openScope(_ db: any SQLDatabase, _ viewer: Principal, _ dialect: StoreDialect) async throws -> SQLQueryString? {
        guard dialect == .sqlite, !viewer.isCustomer, Role.seesUnitTickets(viewer.roles), !viewer.coversWholeOrganisation,
              viewer.orgPath.hasSuffix("/") else { return nil }
        let openTickets = SQLRaw(ServiceDeskMigrations.openTickets)
        let unitOpen = try await db.raw("""
            SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM tickets o INDEXED BY tickets_open_org
                WHERE \(dialect.startsWith("o.org_path", viewer.orgPath)) AND \(openTickets) LIMIT \(bind: denseUnitFrom)) u
            """).first()!.decode(column: "n", as: Int.self)
        guard unitOpen < denseUnitFrom else { return nil }
        let open = openStatusList
        return """
            t.rowid IN (SELECT o.rowid FROM tickets o INDEXED BY tickets_open_org WHERE \(dialect.startsWith("o.org_path", viewer.orgPath)) AND \(openTickets)
                UNION SELECT o.rowid FROM tickets o INDEXED BY tickets_open_team WHERE \(dialect.startsWith("o.team_path", viewer.orgPath)) AND \(openTickets)
                UNION SELECT o.rowid FROM tickets o INDEXED BY tickets_owner WHERE o.owner_id = \(bind: viewer.userId) AND o.status IN (\(open))
                UNION SELECT o.rowid FROM tickets o INDEXED BY tickets_assignee WHERE o.assignee_id = \(bind: viewer.userId) AND o.status IN (\(open)))
            """
    }

    /// See `openScope`.
    static let denseUnitFrom = 20_000

    /// #17.7: the ticket is open (TKT-01: neither resolved nor closed). PostgreSQL gets it in the very form of desk-012's
    /// partial indexes' condition, so that its planner reads a unit's open tickets off them alone (given the list of
    /// open statuses, it also read the status index, every open ticket of the organisation: 14 ms at a million).
    /// SQLite gets the list (its partial indexes are read through `openScope`), `offIndex` being its "+" or "".
    static func openStatus(_ offIndex: String, _ dialect: StoreDialect) -> SQLQueryString {
        if dialect == .postgres { return "t.\(unsafeRaw: ServiceDeskMigrations.openTickets)" }
        return "\(unsafeRaw: offIndex)t.status IN (\(openStatusList))"
    }

    /// The open statuses (TKT-01) as bound values, for `status IN (…)`.
    static var openStatusList: SQLList { SQLList(TicketStatus.allCases.filter(\.isOpen).map { SQLBind($0.rawValue) }) }

    /// #17.7: SQLite's hint to read a scoped "due soon" off the due index (`DueSoonHorizon.condition` is a range of it):
    /// the scope's own indexes would test every ticket of a unit for the few due in the next hours (240 ms for a unit
    /// with 60,000 open at a million). nil without a scope (the planner's choice is good there) and on PostgreSQL.
    static func dueSoonRead(_ scope: SQLQueryString?, _ dialect: StoreDialect) -> String? {
        dialect == .sqlite && scope != nil ? "INDEXED BY tickets_due" : nil
    }

    /// #17.7: the due order, as the index tickets_due_order (and desk-014's on SQLite) has it: the clock-less last.
    static let dueOrder = "(t.due_at IS NULL), t.due_at, t.rid"

    /// How many of the newest tickets a unit's list in created order is first looked for among (`listing`).
    static let newestWalked = 20_000

    /// #17.7: SQLite's hint to read "received today" off the received index: a day's intake is small, where the status
    /// index (its planner's choice without statistics) holds every open ticket (186 ms at a million). nil elsewhere.
    static func receivedToday(_ dialect: StoreDialect) -> String? {
        dialect == .sqlite ? "INDEXED BY tickets_received" : nil
    }

    /// #17.7: "+" where a scope limits the read on SQLite, "" otherwise. SQLite plans without statistics; put before a
    /// column, "+" keeps that condition off its index so that the scope's own indexes (unit paths, owner, assignee)
    /// drive the read instead of, say, the status index (every open ticket of the organisation, tested one by one).
    static func offIndexWhenScoped(_ scope: SQLQueryString?, _ dialect: StoreDialect) -> String {
        dialect == .sqlite && scope != nil ? "+" : ""
    }

    /// #17.7: the due time, kept off its index when a scope limits the read: a unit's "breached" reads the unit's open
    /// tickets through their own indexes and tests each one's due time, rather than walking the organisation's due index
    /// until it meets the unit's (on PostgreSQL 98 ms for a unit whose tickets are the newest at a million, 21 ms through
    /// the unit; 5 ms for a unit of 7,400 open). SQLite keeps a column off its index with "+", PostgreSQL an expression.
    static func dueAtOffIndexWhenScoped(_ scope: SQLQueryString?, _ dialect: StoreDialect) -> String {
        guard scope != nil else { return "t.due_at" }
        return dialect == .sqlite ? "+t.due_at" : "(t.due_at + 0)"
    }

    /// #11.4: the team view: tickets of the viewer's unit and below, owned or handled there.
    static func teamCondition(_ viewer: Principal, _ dialect: StoreDialect) -> SQLQueryString {
        "(\(dialect.startsWith("t.team_path", viewer.orgPath)) OR \(dialect.startsWith("t.org_path", viewer.orgPath)))"
    }

    public func list(_ filter: TicketFilter, paging: Paging, viewer: Principal, now: Date = Date()) async throws -> ListPage<TicketView> {
        // The working calendar only matters to "due soon" (#11.4); read it before the list's one transaction.
        let calendar = filter.dueWithinMinutes == nil ? nil : try await settings.current(now: now).calendar
        let dialect = store.dialect
        return try await store.read { db in
            try await Self.listing(db, filter, paging: paging, viewer: viewer, now: now, calendar: calendar, dialect: dialect).page
        }
    }

    /// #11.6: one page of the viewer's tickets with their instants, inside the caller's read transaction. `calendar` is
    /// needed when the filter asks for "due soon".
    static func listing(_ db: any SQLDatabase, _ filter: TicketFilter, paging: Paging, viewer: Principal, now: Date, calendar: WorkCalendar?,
                        dialect: StoreDialect, countLimit: Int? = nil, walkOrderAbove: Int = walkOrderAbove,
                        newestWalked: Int = newestWalked, readArms: Bool = true) async throws -> TicketListing {
        // A whole ticket number typed into the list's search box finds that ticket (the number is not in the text index).
        let wholeNumber = filter.q.flatMap(FindQuery.init).flatMap { q in q.number?.prefix == "KF" ? TicketRules.numbers(for: q, currentYear: Times.year(now)).first : nil }
        let terms = wholeNumber != nil ? [] : filter.q.map { SearchTokenizer.queryTerms($0) } ?? []
        if filter.q != nil, wholeNumber == nil, terms.isEmpty { return .empty(paging) }
        /// The page's rows with their breaches, and the total capped at `limit` (exact when within it).
        func answer(_ rows: [TicketRow], counted: Int, limit: Int = countLimit ?? Int.max) async throws -> TicketListing {
            try await TicketBreaches.listing(db, rows, page: paging, total: min(counted, limit), exact: counted <= limit)
        }
        // #17.7: a queue in due order, counted and read off the indexes in that order, arm by arm (before `openScope`,
        // whose count it does not need).
        if readArms, let armed = try await Self.dueOrderedArms(db, filter, paging: paging, viewer: viewer, dialect: dialect,
                                                                countLimit: countLimit ?? Int.max) {
            return try await answer(armed.rows, counted: armed.counted)
        }
        // Who may see what (scope and view), then what the caller filters on.
        var visible: [SQLQueryString] = []
        // #17.7: a queue (open tickets only) reads the viewer's open tickets from their own indexes; "received today"
        // and "due soon" are read from the received and due indexes instead (`driving`).
        let openOnly = !filter.statuses.isEmpty && filter.statuses.allSatisfy(\.isOpen) && !filter.openReceivedToday
            && filter.dueWithinMinutes == nil
        let scope = (openOnly ? try await Self.openScope(db, viewer, dialect) : nil) ?? Self.scope(viewer, dialect)
        if let scope { visible.append(scope) }
        // #17.7: with a scope, the status and "unassigned" conditions and a breach's due time stay off their indexes on
        // SQLite (6 s at a million through the status index); "breached" is narrower still and drives its own read, so
        // it keeps status and "unassigned" off theirs too.
        let scoped = Self.offIndexWhenScoped(scope, dialect)
        let offIndex = filter.breached == true && dialect == .sqlite ? "+" : scoped
        switch filter.view {
        case .mine:
            visible.append("(t.owner_id = \(bind: viewer.userId) OR t.assignee_id = \(bind: viewer.userId))")
        case .team:
            visible.append(Self.teamCondition(viewer, dialect))
        case .all:
            break
        }
        var filters: [SQLQueryString] = []
        if Set(filter.statuses) == Set(TicketStatus.allCases.filter(\.isOpen)) {
            filters.append(Self.openStatus(offIndex, dialect))
        } else if !filter.statuses.isEmpty {
            filters.append("\(unsafeRaw: offIndex)t.status IN (\(SQLList(filter.statuses.map { SQLBind($0.rawValue) })))")
        }
        if let v = filter.ownerId { filters.append("t.owner_id = \(bind: v)") }
        if let v = filter.assigneeId { filters.append("t.assignee_id = \(bind: v)") }
        if let v = filter.teamId { filters.append("t.team_id = \(bind: v)") }
        if let v = filter.customerId { filters.append("t.customer_id = \(bind: v)") }
        if let v = filter.type { filters.append("t.type = \(bind: v.rawValue)") }
        if let v = filter.channel { filters.append("t.channel = \(bind: v.rawValue)") }
        if let v = filter.priority { filters.append("t.priority = \(bind: v.rawValue)") }
        let nowMillis = Clock.millis(now)
        if let breached = filter.breached {
            // Breached: a breach is on record (desk-016's mark), or a running clock is past due and the scanner has yet
            // to record it (`breachedCondition`, with the due time kept off its index when scoped: #17.7).
            let late = Self.breachedCondition(now: nowMillis, dueAt: Self.dueAtOffIndexWhenScoped(scope, dialect))
            filters.append(breached ? late : "NOT \(late)")
        }
        if let minutes = filter.dueWithinMinutes {
            // #11.4: within `minutes` of working time on each ticket's own calendar, as the due column counts.
            guard let calendar else { preconditionFailure("TicketQueries.listing: dueWithin needs the working calendar") }
            filters.append(DueSoonHorizon(minutes: minutes, now: nowMillis, calendar: calendar).condition)
        }
        if filter.unassigned { filters.append("\(unsafeRaw: offIndex)t.assignee_id IS NULL") }
        if filter.openReceivedToday {
            filters.append("t.received_at >= \(bind: Times.startOfDay(now)) AND t.status NOT IN ('resolved', 'closed')")
        }
        if let wholeNumber { filters.append("t.number = \(bind: wholeNumber)") }
        if !terms.isEmpty {
            if viewer.isCustomer {
                let rids = try await TicketSearchIndex.customerMatches(db, customerId: viewer.customerId ?? "", terms: terms)
                if rids.isEmpty { return .empty(paging) }
                filters.append("t.rid IN (\(SQLList(rids.map { SQLBind($0) })))")
            } else {
                // The index knows who may see each ticket: with no other filter it answers the whole request.
                let scope = TicketSearchIndex.scopeTokens(viewer: viewer, view: filter.view)
                // The index's unit tokens do not tell owning from handling units: for roles that see only what is
                // forwarded to them (#10.20) the list's scope condition decides.
                if filters.isEmpty, filter.sort == .created, Role.seesUnitTickets(viewer.roles) {
                    return try await searchByIndexAlone(db, terms, scope: scope, paging: paging, dialect: dialect)
                }
                filters.append("t.rid IN (\(TicketSearchIndex.matchingTickets(terms, scope: scope, dialect: dialect)))")
            }
        }
        let conditions = visible + filters
        let whereClause: SQLQueryString = conditions.isEmpty ? "1 = 1" : "\(SQLList(conditions, separator: SQLRaw(" AND ")))"
        if let read = try await Self.breachedNewestArms(db, filter, onlyCondition: conditions.count == 1, paging: paging,
                                                        now: nowMillis, countLimit: countLimit ?? Int.max, dialect: dialect) {
            return try await answer(read.rows, counted: read.counted)
        }
        let order: String
        switch filter.sort {
        // #17.7: as the index tickets_due_order has it (the clock-less last), so the page is read off it, not sorted.
        case .due: order = Self.dueOrder
        case .created: order = "t.rid DESC"
        case .updated: order = "t.updated_at DESC, t.rid DESC"
        case .priority: order = "CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, t.rid DESC"
        }
        // A search counts exactly as far as the index-only path does; a plain list counts all, or up to the caller's
        // `countLimit` (the queue pages: #17.7).
        let limit = terms.isEmpty ? (countLimit ?? Int.max) : TicketSearchIndex.countHorizon(paging)
        // #17.4: with no condition at all (an administrator's whole list) SQLite counts the rows of a b-tree without
        // reading them (0.01 ms at 24,000 tickets, where `WHERE 1 = 1` reads every row: 0.45 ms, a third of the list).
        // #17.7: "received today" and a scoped "due soon" are read off their own index on SQLite.
        let driving = filter.openReceivedToday ? Self.receivedToday(dialect) : filter.dueWithinMinutes != nil ? Self.dueSoonRead(scope, dialect) : nil
        let from = "tickets t \(driving ?? "")"
        let countQuery: SQLQueryString = limit == Int.max
            ? (conditions.isEmpty ? "SELECT COUNT(*) AS n FROM tickets" : "SELECT COUNT(*) AS n FROM \(unsafeRaw: from) WHERE \(whereClause)")
            : "SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM \(unsafeRaw: from) WHERE \(whereClause) LIMIT \(bind: limit + 1)) found"
        // #17.7: a unit's list past its cap on the unit's own tickets is not counted further; a unit's "breached" list is
        // counted off the indexes that hold its breached tickets; on PostgreSQL another scoped count is read off the
        // scope's indexes, never by a table scan stopped at the cap.
        let counted: Int
        if readArms, scope != nil, filters.isEmpty, filter.view != .mine, driving == nil, limit != Int.max,
           try await Self.unitAloneReaches(db, cap: limit + 1, viewer: viewer, dialect: dialect) {
            counted = limit + 1
        } else if readArms, terms.isEmpty, let n = try await Self.breachedScopeCount(
            db, filter, onlyScope: scope != nil && conditions.count == 2, viewer: viewer, now: nowMillis,
            cap: limit == Int.max ? nil : limit + 1, dialect: dialect) {
            counted = n
        } else {
            counted = try await scope == nil ? db.raw(countQuery).first()!.decode(column: "n", as: Int.self)
                : dialect.withoutTableScans(db) { try await db.raw(countQuery).first()!.decode(column: "n", as: Int.self) }
        }
        // #17.7: SQLite plans without statistics and reads a list's rows through the status or unit index, then sorts
        // them all: 1 s for a queue of a million open tickets. When the count says an unscoped list is broad, the page
        // is read by walking the index of its order instead, which stops after the page. (A unit's list is read through
        // the unit's indexes and sorted: walking the whole organisation's order for a unit's page could read it all.)
        let walk = dialect == .sqlite && scope == nil && terms.isEmpty && counted > walkOrderAbove ? filter.sort.sqliteWalk : nil
        func page(_ hint: String?, _ condition: SQLQueryString) async throws -> [TicketRow] {
            try await db.raw("""
                SELECT \(unsafeRaw: TicketRow.columns) FROM \(unsafeRaw: TicketRow.from(indexedBy: hint)) WHERE \(condition)
                ORDER BY \(unsafeRaw: order) LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
                """).all().map { try TicketRow(row: $0) }
        }
        // #17.7: a unit's broad list, newest first (the "all" and "breached" views of its staff, which take in closed
        // tickets): its page is first looked for among the organisation's newest `newestWalked` tickets, walking the
        // rid index, so the unit's history is not read and sorted (207 ms for a unit with 50,000 tickets at a
        // million). A full page there is the page; otherwise (a unit whose tickets are older) the usual read answers.
        if dialect == .sqlite, scope != nil, driving == nil, terms.isEmpty, filter.sort == .created, counted > walkOrderAbove,
           let newest = TicketFilter.Sort.created.sqliteWalk {
            let beyond = try await db.raw("SELECT rid FROM tickets ORDER BY rid DESC LIMIT 1 OFFSET \(bind: newestWalked)").first()
                .map { try $0.decode(column: "rid", as: Int.self) }
            let found = try await page(newest, beyond.map { "\(whereClause) AND t.rid > \(bind: $0)" } ?? whereClause)
            if found.count == paging.per || beyond == nil {
                return try await answer(found, counted: counted, limit: limit)
            }
        }
        let rows = try await page(driving ?? walk, whereClause)
        return try await answer(rows, counted: counted, limit: limit)
    }

    /// A plain search over everything the viewer may see: the index gives the count and the page of newest matches.
    static func searchByIndexAlone(_ db: any SQLDatabase, _ terms: [SearchTokenizer.Term], scope: [String]?, paging: Paging,
                                   dialect: StoreDialect) async throws -> TicketListing {
        // #18.5/#17.7: one walk of the newest matches, as far as the count goes, gives both the count and the page, and
        // one statement reads it with the page's tickets (one snapshot; on PostgreSQL no transaction of its own).
        let horizon = TicketSearchIndex.countHorizon(paging)
        let found = TicketSearchIndex.newest(terms, scope: scope, dialect: dialect, limit: horizon + 1)
        let rows = try await db.raw("""
            WITH found AS MATERIALIZED (\(found))
            SELECT (SELECT COUNT(*) FROM found) AS found_count, \(unsafeRaw: TicketRow.columns) FROM \(unsafeRaw: TicketRow.from)
            WHERE t.rid IN (SELECT rid FROM found ORDER BY rid DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset))
            ORDER BY t.rid DESC
            """).all()
        // A page past the last match still says how many there are.
        var counted = try rows.first.map { try $0.decode(column: "found_count", as: Int.self) } ?? 0
        if rows.isEmpty, paging.offset > 0 {
            counted = try await db.raw("SELECT COUNT(*) AS n FROM (\(found)) found").first()!.decode(column: "n", as: Int.self)
        }
        let (total, exact) = counted > horizon ? (horizon, false) : (counted, true)
        guard !rows.isEmpty else { return .empty(paging, total: total, exact: exact) }
        return try await TicketBreaches.listing(db, rows.map { try TicketRow(row: $0) }, page: paging, total: total, exact: exact)
    }

    public func comments(ticketId: String, viewer: Principal) async throws -> [CommentView] {
        let ticket = try await visibleRow(id: ticketId, viewer: viewer)
        return try await store.read { db in try await Self.comments(db, ticketId: ticket.id, publicOnly: viewer.isCustomer) }
    }

    static func comments(_ db: any SQLDatabase, ticketId: String, publicOnly: Bool) async throws -> [CommentView] {
        let filter: SQLQueryString = publicOnly ? " AND c.visibility = 'public'" : ""
        return try await db.raw("""
            SELECT c.id, c.author_id, c.author_kind, c.visibility, c.body, c.created_at, \(unsafeRaw: OrgQueries.userNameSQL("c.author_id")) AS display_name
            FROM ticket_comments c
            WHERE c.ticket_id = \(bind: ticketId)\(filter) ORDER BY c.created_at, c.id
            """).all().map { row in
            CommentView(
                id: try row.decode(column: "id", as: String.self), ticketId: ticketId,
                authorId: try row.decode(column: "author_id", as: String?.self),
                authorName: try row.decode(column: "display_name", as: String?.self),
                authorKind: try row.decode(column: "author_kind", as: String.self),
                visibility: try row.decode(column: "visibility", as: String.self),
                body: try row.decode(column: "body", as: String.self),
                createdAt: Times.rfc3339(try row.decode(column: "created_at", as: Int64.self))
            )
        }
    }

    /// The full timeline; a customer sees only its public steps. Comment events carry the comment's text.
    public func events(ticketId: String, viewer: Principal) async throws -> [EventView] {
        let ticket = try await visibleRow(id: ticketId, viewer: viewer)
        return try await store.read { db in try await Self.timeline(db, ticketId: ticket.id, publicOnly: viewer.isCustomer).map(\.event) }
    }

    /// #11.6: the timeline with each step's instant (and a breach step's due time) decoded here, for the ticket page.
    static func timeline(_ db: any SQLDatabase, ticketId: String, publicOnly: Bool) async throws -> [TicketTimelineEntry] {
        let comments = try await Self.comments(db, ticketId: ticketId, publicOnly: publicOnly)
        let bodies = Dictionary(uniqueKeysWithValues: comments.map { ($0.id, $0.body) })
        let filter: SQLQueryString = publicOnly ? " AND e.visibility = 'public'" : ""
        return try await db.raw("""
            SELECT e.id, e.seq, e.kind, e.actor_id, e.visibility, e.data, e.at, \(unsafeRaw: OrgQueries.userNameSQL("e.actor_id")) AS display_name
            FROM ticket_events e
            WHERE e.ticket_id = \(bind: ticketId)\(filter) ORDER BY e.seq
            """).all().map { row in
            var data = (try? JSONDecoder().decode([String: String].self, from: Data(try row.decode(column: "data", as: String.self).utf8))) ?? [:]
            if let commentId = data["commentId"], let body = bodies[commentId] { data["body"] = body }
            if publicOnly { data["note"] = nil }
            let at = Instant(millis: try row.decode(column: "at", as: Int64.self))
            let event = EventView(
                id: try row.decode(column: "id", as: String.self),
                seq: try row.decode(column: "seq", as: Int.self),
                kind: try row.decode(column: "kind", as: String.self),
                actorId: try row.decode(column: "actor_id", as: String?.self),
                actorName: try row.decode(column: "display_name", as: String?.self),
                visibility: try row.decode(column: "visibility", as: String.self),
                data: data,
                at: at.rfc3339
            )
            // A breach step stores its due time as text in its data (SlaScanner): read it back here, once.
            return TicketTimelineEntry(event: event, at: at, dueAt: data["dueAt"].flatMap(Times.parse).map { Instant(millis: Clock.millis($0)) })
        }
    }
}
