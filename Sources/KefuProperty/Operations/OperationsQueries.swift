import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of the service centre's logs (#14 PRP-07, PRP-04, PRP-10), inside the caller's transaction, scoped to the
/// viewer's unit and below.
enum OperationsQueries {
    static func like(_ q: String) -> String { "%" + q.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%" }

    /// Rows of `alias` in the unit at `path` and below.
    static func under(_ alias: String, _ path: String) -> SQLQueryString {
        "\(unsafeRaw: alias).org_path >= \(bind: path) AND \(unsafeRaw: alias).org_path < \(bind: FindQuery.upperBound(ofPrefix: path))"
    }

    // MARK: patrols (PRP-07)

    static let patrolSelect = """
        SELECT p.id, p.number, p.estate_id, p.org_path, p.patrolled_on, p.patrolled_time, p.buildings, p.patroller, p.status, p.findings, p.note,
            e.name AS estate_name, \(OrgQueries.userNameSQL("p.recorded_by")) AS by_name
        FROM property_patrols p JOIN property_estates e ON e.id = p.estate_id
        """

    static func patrolRow(_ row: any SQLRow) throws -> PatrolView {
        PatrolView(id: try row.decode(column: "id", as: String.self), number: try row.decode(column: "number", as: String.self),
                   estateId: try row.decode(column: "estate_id", as: String.self), estateName: try row.decode(column: "estate_name", as: String.self),
                   patrolledOn: try row.decode(column: "patrolled_on", as: String.self), patrolledTime: try row.decode(column: "patrolled_time", as: String?.self),
                   buildings: try row.decode(column: "buildings", as: String.self), patroller: try row.decode(column: "patroller", as: String.self),
                   status: PatrolStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .normal,
                   findingCount: try row.decode(column: "findings", as: Int.self), note: try row.decode(column: "note", as: String?.self),
                   recordedBy: try row.decode(column: "by_name", as: String?.self) ?? "—", findings: [],
                   orgPath: try row.decode(column: "org_path", as: String.self))
    }

    /// The findings of the listed patrols in one read.
    static func withFindings(_ db: any SQLDatabase, _ patrols: [PatrolView]) async throws -> [PatrolView] {
        guard !patrols.isEmpty else { return patrols }
        var by: [String: [PatrolFindingView]] = [:]
        for row in try await db.raw("""
            SELECT patrol_id, location, description, disposition, ticket_ref FROM property_patrol_findings
            WHERE patrol_id IN (\(SQLList(patrols.map { SQLBind($0.id) }))) ORDER BY patrol_id, sort
            """).all() {
            by[try row.decode(column: "patrol_id", as: String.self), default: []].append(
                PatrolFindingView(location: try row.decode(column: "location", as: String?.self), description: try row.decode(column: "description", as: String.self),
                                  disposition: FindingDisposition(rawValue: try row.decode(column: "disposition", as: String.self)) ?? .noted,
                                  ticketRef: try row.decode(column: "ticket_ref", as: String?.self)))
        }
        return patrols.map { var p = $0; p.findings = by[p.id] ?? []; return p }
    }

    static func patrol(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> PatrolView {
        guard let row = try await db.raw("\(unsafeRaw: patrolSelect) WHERE p.id = \(bind: id)").first() else { throw AppError.notFound(Text("巡楼记录", "Patrol")) }
        let p = try patrolRow(row)
        guard PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: p.orgPath) else {
            throw AppError.forbidden(Text("您只能查看本单位及下级单位的巡楼记录", "You see the patrols of your unit and below only"))
        }
        return try await withFindings(db, [p])[0]
    }

    /// The list filters shared by patrols and vacant-unit checks: estate, days from/to, status (patrols), text.
    struct LogFilter: Sendable {
        var estateId: String?
        var from: CivilDay?
        var to: CivilDay?
        var status: PatrolStatus?
        var q: String?

        static func parse(_ q: [String: String]) throws -> LogFilter {
            var f = LogFilter()
            f.estateId = TextRules.trimmed(q["estateId"])
            f.from = try PropertyInput.day(q["from"], field: "from", label: Text("起始日期", "From"), default: nil)
            f.to = try PropertyInput.day(q["to"], field: "to", label: Text("结束日期", "To"), default: nil)
            if let s = TextRules.trimmed(q["status"]) { f.status = try PropertyInput.choice(s, field: "status", label: Text("状态", "Status")) as PatrolStatus }
            f.q = TextRules.trimmed(q["q"])
            return f
        }
    }

    static func patrols(_ db: any SQLDatabase, _ f: LogFilter, paging: Paging, viewer: Principal) async throws -> ListPage<PatrolView> {
        var c: [SQLQueryString] = [PropertyQueries.scope("p", viewer)]
        if let e = f.estateId { c.append("p.estate_id = \(bind: e)") }
        if let d = f.from { c.append("p.patrolled_on >= \(bind: d.iso)") }
        if let d = f.to { c.append("p.patrolled_on <= \(bind: d.iso)") }
        if let s = f.status { c.append("p.status = \(bind: s.rawValue)") }
        if let q = f.q { c.append("(p.number = \(bind: q.uppercased()) OR p.buildings LIKE \(bind: like(q)) OR p.patroller LIKE \(bind: like(q)))") }
        let (found, total) = try await RegisterQuery.page(db, from: "property_patrols p", select: patrolSelect, where: c, order: "p.patrolled_on DESC, p.number DESC", paging: paging)
        let rows = try found.map(patrolRow)
        return ListPage(items: try await withFindings(db, rows), page: paging.page, per: paging.per, total: total)
    }

    // MARK: vacant units (PRP-07)

    static let checkSelect = """
        SELECT v.id, v.number, v.estate_id, v.unit_id, v.org_path, v.checked_on, v.checker, v.doors, v.windows, v.water, v.power, v.note,
            e.name AS estate_name, u.building, u.room, \(OrgQueries.userNameSQL("v.recorded_by")) AS by_name
        FROM property_vacant_checks v JOIN property_estates e ON e.id = v.estate_id JOIN property_units u ON u.id = v.unit_id
        """

    static func checkRow(_ row: any SQLRow) throws -> VacantCheckView {
        func state(_ c: String) throws -> VacantCheckState { VacantCheckState(rawValue: try row.decode(column: c, as: String.self)) ?? .ok }
        return VacantCheckView(id: try row.decode(column: "id", as: String.self), number: try row.decode(column: "number", as: String.self),
                               estateId: try row.decode(column: "estate_id", as: String.self), estateName: try row.decode(column: "estate_name", as: String.self),
                               unitId: try row.decode(column: "unit_id", as: String.self), building: try row.decode(column: "building", as: String.self),
                               room: try row.decode(column: "room", as: String.self), checkedOn: try row.decode(column: "checked_on", as: String.self),
                               checker: try row.decode(column: "checker", as: String.self), doors: try state("doors"), windows: try state("windows"),
                               water: try state("water"), power: try state("power"), note: try row.decode(column: "note", as: String?.self),
                               recordedBy: try row.decode(column: "by_name", as: String?.self) ?? "—", orgPath: try row.decode(column: "org_path", as: String.self))
    }

    static func vacantChecks(_ db: any SQLDatabase, _ f: LogFilter, paging: Paging, viewer: Principal) async throws -> ListPage<VacantCheckView> {
        var c: [SQLQueryString] = [PropertyQueries.scope("v", viewer)]
        if let e = f.estateId { c.append("v.estate_id = \(bind: e)") }
        if let d = f.from { c.append("v.checked_on >= \(bind: d.iso)") }
        if let d = f.to { c.append("v.checked_on <= \(bind: d.iso)") }
        if let q = f.q { c.append("(v.number = \(bind: q.uppercased()) OR u.room = \(bind: q) OR v.checker LIKE \(bind: like(q)))") }
        let (found, total) = try await RegisterQuery.page(db, from: "property_vacant_checks v JOIN property_units u ON u.id = v.unit_id", select: checkSelect, where: c, order: "v.checked_on DESC, v.number DESC", paging: paging)
        let rows = try found.map(checkRow)
        return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
    }

    /// The vacant units in the viewer's scope (or of one estate) with their latest check, the least recently checked first.
    static func vacantUnits(_ db: any SQLDatabase, estateId: String?, viewer: Principal, limit: Int = 500) async throws -> [VacantUnitView] {
        var c: [SQLQueryString] = [PropertyQueries.scope("u", viewer), "u.use_kind = 'vacant'"]
        if let e = estateId { c.append("u.estate_id = \(bind: e)") }
        return try await db.raw("""
            SELECT u.id, u.estate_id, u.building, u.room, e.name AS estate_name,
                (SELECT MAX(v.checked_on) FROM property_vacant_checks v WHERE v.unit_id = u.id) AS last_checked
            FROM property_units u JOIN property_estates e ON e.id = u.estate_id
            WHERE \(SQLList(c, separator: SQLRaw(" AND "))) ORDER BY e.name, u.building, u.room LIMIT \(bind: limit)
            """).all().map {
            VacantUnitView(unitId: try $0.decode(column: "id", as: String.self), estateId: try $0.decode(column: "estate_id", as: String.self),
                           estateName: try $0.decode(column: "estate_name", as: String.self), building: try $0.decode(column: "building", as: String.self),
                           room: try $0.decode(column: "room", as: String.self), lastCheckedOn: try $0.decode(column: "last_checked", as: String?.self))
        }.sorted { ($0.lastCheckedOn ?? "", $0.estateName, $0.building, $0.room) < ($1.lastCheckedOn ?? "", $1.estateName, $1.building, $1.room) }
    }

    /// A unit of the estate by building and 房号: (id, use); nil when there is none.
    static func unit(_ db: any SQLDatabase, estateId: String, building: String, room: String) async throws -> (id: String, use: String)? {
        guard let row = try await db.raw("""
            SELECT id, use_kind FROM property_units WHERE estate_id = \(bind: estateId) AND building = \(bind: building) AND room = \(bind: room)
            """).first() else { return nil }
        return (try row.decode(column: "id", as: String.self), try row.decode(column: "use_kind", as: String.self))
    }

    // MARK: proposals (PRP-10)

    static let proposalSelect = """
        SELECT p.id, p.number, p.estate_id, p.unit_id, p.org_path, p.owner_name, p.owner_phone, p.content, p.proposed_on, p.received_by, p.status,
            p.batch_id, p.answer, p.answered_at, e.name AS estate_name, u.building, u.room, b.number AS batch_number
        FROM property_proposals p JOIN property_estates e ON e.id = p.estate_id LEFT JOIN property_units u ON u.id = p.unit_id
            LEFT JOIN property_proposal_batches b ON b.id = p.batch_id
        """

    static func proposalRow(_ row: any SQLRow) throws -> ProposalView {
        let building = try row.decode(column: "building", as: String?.self), room = try row.decode(column: "room", as: String?.self)
        return ProposalView(id: try row.decode(column: "id", as: String.self), number: try row.decode(column: "number", as: String.self),
                            estateId: try row.decode(column: "estate_id", as: String.self), estateName: try row.decode(column: "estate_name", as: String.self),
                            unitId: try row.decode(column: "unit_id", as: String?.self), unitLabel: building.flatMap { b in room.map { "\(b) \($0)" } },
                            ownerName: try row.decode(column: "owner_name", as: String.self), ownerPhone: try row.decode(column: "owner_phone", as: String?.self),
                            content: try row.decode(column: "content", as: String.self), proposedOn: try row.decode(column: "proposed_on", as: String.self),
                            receivedBy: try row.decode(column: "received_by", as: String.self),
                            status: ProposalStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .open,
                            batchId: try row.decode(column: "batch_id", as: String?.self), batchNumber: try row.decode(column: "batch_number", as: String?.self),
                            answer: try row.decode(column: "answer", as: String?.self),
                            answeredAt: Times.rfc3339(try row.decode(column: "answered_at", as: Int64?.self)),
                            orgPath: try row.decode(column: "org_path", as: String.self))
    }

    struct ProposalFilter: Sendable {
        var estateId: String?
        var status: ProposalStatus?
        var q: String?

        static func parse(_ q: [String: String]) throws -> ProposalFilter {
            var f = ProposalFilter()
            f.estateId = TextRules.trimmed(q["estateId"])
            if let s = TextRules.trimmed(q["status"]) { f.status = try PropertyInput.choice(s, field: "status", label: Text("状态", "Status")) as ProposalStatus }
            f.q = TextRules.trimmed(q["q"])
            return f
        }
    }

    static func proposals(_ db: any SQLDatabase, _ f: ProposalFilter, paging: Paging, viewer: Principal) async throws -> ListPage<ProposalView> {
        var c: [SQLQueryString] = [PropertyQueries.scope("p", viewer)]
        if let e = f.estateId { c.append("p.estate_id = \(bind: e)") }
        if let s = f.status { c.append("p.status = \(bind: s.rawValue)") }
        if let q = f.q {
            c.append("(p.number = \(bind: q.uppercased()) OR p.owner_name LIKE \(bind: like(q)) OR p.content LIKE \(bind: like(q)) OR p.owner_phone = \(bind: TextRules.phoneKey(q) ?? q))")
        }
        let (found, total) = try await RegisterQuery.page(db, from: "property_proposals p", select: proposalSelect, where: c, order: "p.proposed_on DESC, p.number DESC", paging: paging)
        let rows = try found.map(proposalRow)
        return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
    }

    static func proposal(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> ProposalView {
        guard let row = try await db.raw("\(unsafeRaw: proposalSelect) WHERE p.id = \(bind: id)").first() else { throw AppError.notFound(Text("业主建议", "Owner proposal")) }
        let p = try proposalRow(row)
        guard PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: p.orgPath) else {
            throw AppError.forbidden(Text("您只能查看本单位及下级单位的业主建议", "You see the owner proposals of your unit and below only"))
        }
        return p
    }

    static let batchSelect = """
        SELECT b.id, b.number, b.org_unit_id, b.org_path, b.status, b.note, b.proposals, b.answered, b.submitted_at, b.answered_at,
            \(OrgQueries.unitNameSQL("b.org_unit_id")) AS unit_name, \(OrgQueries.userNameSQL("b.submitted_by")) AS by_name
        FROM property_proposal_batches b
        """

    static func batchRow(_ row: any SQLRow, viewer: Principal) throws -> ProposalBatchView {
        let path = try row.decode(column: "org_path", as: String.self)
        let status = ProposalBatchStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .submitted
        return ProposalBatchView(id: try row.decode(column: "id", as: String.self), number: try row.decode(column: "number", as: String.self),
                                 orgUnitId: try row.decode(column: "org_unit_id", as: String.self),
                                 unitName: try row.decode(column: "unit_name", as: String?.self) ?? "—", status: status,
                                 note: try row.decode(column: "note", as: String?.self), proposalCount: try row.decode(column: "proposals", as: Int.self),
                                 answered: try row.decode(column: "answered", as: Int.self),
                                 submittedAt: Times.rfc3339(try row.decode(column: "submitted_at", as: Int64.self)),
                                 submittedBy: try row.decode(column: "by_name", as: String?.self) ?? "—",
                                 answeredAt: Times.rfc3339(try row.decode(column: "answered_at", as: Int64?.self)), proposals: [],
                                 mayAnswer: status == .submitted && PropertyOperationsRules.may(PropertyOperationsRules.answerers, roles: viewer.roles,
                                                                                               userPath: viewer.orgPath, recordPath: path),
                                 orgPath: path)
    }

    static func batches(_ db: any SQLDatabase, paging: Paging, viewer: Principal) async throws -> ListPage<ProposalBatchView> {
        let w: SQLQueryString = "WHERE \(PropertyQueries.scope("b", viewer))"
        let total = try await db.raw("SELECT COUNT(*) AS n FROM property_proposal_batches b \(w)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            \(unsafeRaw: batchSelect) \(w) ORDER BY b.submitted_at DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map { try batchRow($0, viewer: viewer) }
        return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
    }

    static func batch(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> ProposalBatchView {
        guard let row = try await db.raw("\(unsafeRaw: batchSelect) WHERE b.id = \(bind: id)").first() else { throw AppError.notFound(Text("建议提交", "Proposal submission")) }
        var b = try batchRow(row, viewer: viewer)
        guard PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: b.orgPath) else {
            throw AppError.forbidden(Text("您只能查看本单位及下级单位的建议提交", "You see the submissions of your unit and below only"))
        }
        b.proposals = try await db.raw("\(unsafeRaw: proposalSelect) WHERE p.batch_id = \(bind: id) ORDER BY p.number").all().map(proposalRow)
        return b
    }

    // MARK: quick search

    static func byNumber(_ db: any SQLDatabase, prefix: String, number: String, viewer: Principal) async throws -> SearchHitParts? {
        let row: (any SQLRow)?
        switch prefix {
        case "XL": row = try await db.raw("SELECT p.id, p.org_path, p.patrolled_on AS day, p.buildings AS what FROM property_patrols p WHERE p.number = \(bind: number)").first()
        case "KZ": row = try await db.raw("""
            SELECT v.id, v.org_path, v.checked_on AS day, u.building || ' ' || u.room AS what FROM property_vacant_checks v JOIN property_units u ON u.id = v.unit_id
            WHERE v.number = \(bind: number)
            """).first()
        case "YJ": row = try await db.raw("SELECT p.id, p.org_path, p.proposed_on AS day, p.owner_name AS what FROM property_proposals p WHERE p.number = \(bind: number)").first()
        case "ZF": row = try await db.raw("SELECT v.id, v.org_path, v.visited_on AS day, v.building AS what FROM property_visits v WHERE v.number = \(bind: number)").first()
        case "ZT": row = try await db.raw("SELECT f.id, f.org_path, f.held_on AS day, f.topic AS what FROM property_forums f WHERE f.number = \(bind: number)").first()
        default: row = try await db.raw("SELECT b.id, b.org_path, b.status AS day, b.note AS what FROM property_proposal_batches b WHERE b.number = \(bind: number)").first()
        }
        guard let row else { return nil }
        let path = try row.decode(column: "org_path", as: String.self)
        guard PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: path) else { return nil }
        return SearchHitParts(id: try row.decode(column: "id", as: String.self), day: try row.decode(column: "day", as: String.self),
                              what: try row.decode(column: "what", as: String?.self) ?? "")
    }

    struct SearchHitParts: Sendable {
        let id: String
        let day: String
        let what: String
    }
}
