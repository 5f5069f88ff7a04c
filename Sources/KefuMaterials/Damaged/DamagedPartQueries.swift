import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of the damaged-parts register and the return batches (DMG-01..05, RPT-08).
enum DamagedPartQueries {
    static var returnSelect: String { DamagedReturnRow.select(unitName: OrgQueries.unitNameSQL("r.org_unit_id")) }

    static func part(_ db: any SQLDatabase, id: String) async throws -> DamagedPartView? {
        try await db.raw("\(unsafeRaw: DamagedPartView.select) WHERE p.id = \(bind: id)").first().map(DamagedPartView.init(row:))
    }

    static func requireView(_ viewer: Principal, _ p: DamagedPartView) throws {
        guard MaterialPermissions.canView(viewer.roles, covers: viewer.covers(unitPath: p.orgPath)) else {
            throw AppError.forbidden(Text("您不能查看仓库“{0}”的损坏件", "You cannot see the damaged parts of warehouse {0}").with(p.warehouseName))
        }
    }

    static func partView(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> DamagedPartView {
        guard let p = try await part(db, id: id) else { throw AppError.notFound(Text("损坏件", "Damaged part")) }
        try requireView(viewer, p)
        return p
    }

    struct PartFilter: Sendable {
        var warehouseId: String?
        var orgUnitId: String?
        var status: DamagedPartStatus?
        var repairClass: RepairClass?

        static func parse(_ q: [String: String]) throws -> PartFilter {
            PartFilter(warehouseId: TextRules.trimmed(q["warehouseId"]), orgUnitId: TextRules.trimmed(q["orgUnitId"]),
                       status: try TextRules.trimmed(q["status"]).map { try MaterialValidation.choice($0, "status") },
                       repairClass: try TextRules.trimmed(q["repairClass"]).map { try MaterialValidation.choice($0, "repairClass") })
        }
    }

    /// The unit scope of a list: the viewer's unit and below unless it sees all (D16); `orgUnitId` narrows it.
    static func scope(_ db: any SQLDatabase, column: String, orgUnitId: String?, viewer: Principal, seesAll: Bool) async throws -> [SQLQueryString] {
        var conditions: [SQLQueryString] = []
        if !seesAll { conditions.append("\(unsafeRaw: column) LIKE \(bind: viewer.orgPath + "%")") }
        if let v = orgUnitId {
            let path = try await OrgQueries.unitPath(db, unitId: v) ?? "-"
            conditions.append("\(unsafeRaw: column) LIKE \(bind: path + "%")")
        }
        return conditions
    }

    static func whereClause(_ conditions: [SQLQueryString]) -> SQLQueryString {
        conditions.isEmpty ? "" : "WHERE \(SQLList(conditions, separator: SQLRaw(" AND ")))"
    }

    static func parts(_ db: any SQLDatabase, _ f: PartFilter, paging: Paging, viewer: Principal) async throws -> ListPage<DamagedPartView> {
        var conditions = try await scope(db, column: "p.org_path", orgUnitId: f.orgUnitId, viewer: viewer,
                                         seesAll: MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath))
        if let v = f.warehouseId { conditions.append("p.warehouse_id = \(bind: v)") }
        if let v = f.status { conditions.append("p.status = \(bind: v.rawValue)") }
        if let v = f.repairClass { conditions.append("p.repair_class = \(bind: v.rawValue)") }
        let w = whereClause(conditions)
        let total = try await db.raw("SELECT COUNT(*) AS n FROM damaged_parts p \(w)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("\(unsafeRaw: DamagedPartView.select) \(w) ORDER BY p.created_at DESC, p.number DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)")
            .all().map(DamagedPartView.init(row:))
        return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
    }

    /// The registered parts (not yet in a batch) a viewer may pack, of one site or of every site it covers.
    static func packable(_ db: any SQLDatabase, orgUnitId: String?, viewer: Principal) async throws -> [DamagedPartView] {
        var conditions = try await scope(db, column: "p.org_path", orgUnitId: orgUnitId, viewer: viewer,
                                         seesAll: MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath))
        conditions.append("p.status = 'registered'")
        return try await db.raw("\(unsafeRaw: DamagedPartView.select) \(whereClause(conditions)) ORDER BY p.org_unit_id, p.number LIMIT 500")
            .all().map(DamagedPartView.init(row:))
            .filter { DamagedReturnRule.canRegister(viewer.roles, covers: viewer.covers(unitPath: $0.orgPath)) }
    }

    static func unitNames(_ db: any SQLDatabase, ids: Set<String>) async throws -> [String: String] {
        try await OrgQueries.unitNames(db, ids: ids)
    }

    // MARK: return batches

    static func returnRow(_ db: any SQLDatabase, id: String) async throws -> DamagedReturnRow? {
        try await db.raw("\(unsafeRaw: returnSelect) WHERE r.id = \(bind: id)").first().map(DamagedReturnRow.init(row:))
    }

    static func requireView(_ viewer: Principal, _ r: DamagedReturnRow) throws {
        guard DamagedReturnRule.canSeeBatch(viewer.roles, covers: viewer.covers(unitPath: r.orgPath)) else {
            throw AppError.forbidden(Text("您不能查看“{0}”的损坏件返回批次", "You cannot see the damaged-part returns of {0}").with(r.orgUnitName))
        }
    }

    static func actions(_ r: DamagedReturnRow, viewer: Principal) -> [String] {
        let packs = DamagedReturnRule.canRegister(viewer.roles, covers: viewer.covers(unitPath: r.orgPath))
        var out: [String] = []
        if packs && DamagedReturnRule.allows(.check, r.status) { out += ["checklist", "ship"] }
        if DamagedReturnRule.canReceive(viewer.roles) && DamagedReturnRule.allows(.receive, r.status) { out.append("receive") }
        return out
    }

    static func returnView(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> DamagedReturnView {
        guard let r = try await returnRow(db, id: id) else { throw AppError.notFound(Text("损坏件返回批次", "Damaged-part return")) }
        try requireView(viewer, r)
        let parts = try await db.raw("\(unsafeRaw: DamagedPartView.select) WHERE p.return_id = \(bind: id) ORDER BY p.number").all().map(DamagedPartView.init(row:))
        return r.view(parts: parts, actions: actions(r, viewer: viewer))
    }

    static func returns(_ db: any SQLDatabase, orgUnitId: String?, status: DamagedReturnStatus?, paging: Paging, viewer: Principal) async throws -> ListPage<DamagedReturnView> {
        let seesAll = MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) || !viewer.roles.isDisjoint(with: DamagedReturnRule.receivers)
        var conditions = try await scope(db, column: "r.org_path", orgUnitId: orgUnitId, viewer: viewer, seesAll: seesAll)
        if let status { conditions.append("r.status = \(bind: status.rawValue)") }
        let w = whereClause(conditions)
        let total = try await db.raw("SELECT COUNT(*) AS n FROM damaged_returns r \(w)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("\(unsafeRaw: returnSelect) \(w) ORDER BY r.created_at DESC, r.number DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)")
            .all().map(DamagedReturnRow.init(row:))
        return ListPage(items: rows.map { $0.view(parts: [], actions: actions($0, viewer: viewer)) }, page: paging.page, per: paging.per, total: total)
    }

    // MARK: RPT-08

    /// DMG-03, RPT-08: every site in scope with parts awaiting return or a shipped return: days since its last return,
    /// the packed volume waiting, the warnings. Two grouped reads in the caller's transaction, each on its own index:
    /// the parts still at a site (`damaged_parts_awaiting`, status first, so returned parts are never read) and each
    /// site's last shipped batch (`damaged_returns_shipped`).
    static func returnStatus(_ db: any SQLDatabase, orgUnitId: String?, viewer: Principal, today: CivilDay) async throws -> [DamagedReturnStatusRow] {
        let seesAll = MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath)
        var partScope = try await scope(db, column: "p.org_path", orgUnitId: orgUnitId, viewer: viewer, seesAll: seesAll)
        partScope.append("p.status IN ('registered', 'packed')")
        // #13.3 DMG-06 (decision): a part in a commercial-repair application is with the department and its repairer, not
        // waiting at the site for the crate.
        partScope.append("""
            NOT EXISTS (SELECT 1 FROM commercial_repair_parts cp JOIN commercial_repairs c ON c.id = cp.repair_id
                        WHERE cp.part_id = p.id AND c.status <> 'cancelled')
            """)
        var returnScope = try await scope(db, column: "r.org_path", orgUnitId: orgUnitId, viewer: viewer, seesAll: seesAll)
        returnScope.append("r.shipped_on IS NOT NULL")
        struct Site { var awaiting = 0; var volume: Int64 = 0; var first: String?; var last: String? }
        var sites: [String: Site] = [:]
        for row in try await db.raw("""
            SELECT p.org_unit_id, COUNT(*) AS n, CAST(COALESCE(SUM(p.packed_volume), 0) AS BIGINT) AS volume, MIN(p.registered_on) AS first_on
            FROM damaged_parts p \(whereClause(partScope)) GROUP BY p.org_unit_id
            """).all() {
            let unit = try row.decode(column: "org_unit_id", as: String.self)
            sites[unit, default: Site()].awaiting = try row.decode(column: "n", as: Int.self)
            sites[unit, default: Site()].volume = try row.decode(column: "volume", as: Int64?.self) ?? 0
            sites[unit, default: Site()].first = try row.decode(column: "first_on", as: String?.self)
        }
        for row in try await db.raw("SELECT r.org_unit_id, MAX(r.shipped_on) AS last_on FROM damaged_returns r \(whereClause(returnScope)) GROUP BY r.org_unit_id").all() {
            sites[try row.decode(column: "org_unit_id", as: String.self), default: Site()].last = try row.decode(column: "last_on", as: String?.self)
        }
        let names = try await OrgQueries.unitNames(db, ids: Set(sites.keys))
        return sites.map { unit, s in
            let standing = DamagedReturnRule.standing(lastReturn: s.last.flatMap(CivilDay.init(iso:)), firstRegistered: s.first.flatMap(CivilDay.init(iso:)),
                                                      awaiting: s.awaiting, volumeMilli: s.volume, today: today)
            return DamagedReturnStatusRow(orgUnitId: unit, orgUnitName: names[unit] ?? unit, lastReturnOn: s.last, firstAwaitingOn: s.first,
                                          daysSinceReturn: standing.daysSinceReturn, awaitingParts: s.awaiting, packedVolume: Quantity(milli: s.volume),
                                          warning: standing.warns, warnings: standing.warnings.map(\.rawValue))
        }.sorted { ($0.warning ? 0 : 1, $0.orgUnitName) < ($1.warning ? 0 : 1, $1.orgUnitName) }
    }
}
