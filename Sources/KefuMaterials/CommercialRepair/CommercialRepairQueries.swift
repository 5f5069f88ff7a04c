import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of the commercial-repair applications (#13.3, DMG-06/07, ESC-05).
enum CommercialRepairQueries {
    static var select: String { CommercialRepairRow.select(unitName: OrgQueries.unitNameSQL("c.org_unit_id")) }

    static func row(_ db: any SQLDatabase, id: String) async throws -> CommercialRepairRow? {
        try await db.raw("\(unsafeRaw: select) WHERE c.id = \(bind: id)").first().map(CommercialRepairRow.init(row:))
    }

    /// D16 as for the books: HQ and department accountants see every department's applications; others their unit and below.
    static func requireView(_ viewer: Principal, _ c: CommercialRepairRow) throws {
        guard MaterialPermissions.canView(viewer.roles, covers: viewer.covers(unitPath: c.orgPath)) else {
            throw AppError.forbidden(Text("您不能查看“{0}”的商修申请", "You cannot see the commercial repairs of {0}").with(c.orgUnitName))
        }
    }

    static func mayAct(_ step: CommercialRepairRules.Step, _ c: CommercialRepairRow, _ viewer: Principal) -> Bool {
        CommercialRepairRules.mayAct(step, kind: c.kind, roles: viewer.roles, covers: viewer.covers(unitPath: c.orgPath))
    }

    /// The steps the viewer may take now (the toolbar and the API's `actions`).
    static func actions(_ c: CommercialRepairRow, viewer: Principal) -> [String] {
        CommercialRepairRules.steps(kind: c.kind, status: c.status).filter { $0 != .edit && mayAct($0, c, viewer) }.map(\.rawValue)
    }

    static func parts(_ db: any SQLDatabase, repairId: String) async throws -> [CommercialRepairPartView] {
        try await db.raw("\(unsafeRaw: CommercialRepairPartView.select) WHERE cp.repair_id = \(bind: repairId) ORDER BY p.number").all()
            .map(CommercialRepairPartView.init(row:))
    }

    static func view(_ db: any SQLDatabase, id: String, viewer: Principal, today: CivilDay) async throws -> CommercialRepairView {
        guard let c = try await row(db, id: id) else { throw AppError.notFound(Text("商修申请", "Commercial repair")) }
        try requireView(viewer, c)
        return c.view(today: today, parts: try await parts(db, repairId: id), actions: actions(c, viewer: viewer))
    }

    /// The list's filters: state, kind, department (and below), late ones only, a number.
    struct Filter: Sendable {
        var status: CommercialRepairStatus?
        var kind: CommercialRepairKind?
        var orgUnitId: String?
        var late = false
        var number: String?

        static func parse(_ q: [String: String]) throws -> Filter {
            Filter(status: try TextRules.trimmed(q["status"]).map { try MaterialValidation.choice($0, "status") },
                   kind: try TextRules.trimmed(q["kind"]).map { try MaterialValidation.choice($0, "kind") },
                   orgUnitId: TextRules.trimmed(q["orgUnitId"]), late: ["1", "true", "yes"].contains(q["late"] ?? ""),
                   number: TextRules.trimmed(q["q"]).map { String($0.prefix(40)).uppercased() })
        }

        var query: [String: String] {
            var q: [String: String] = [:]
            q["status"] = status?.rawValue; q["kind"] = kind?.rawValue; q["orgUnitId"] = orgUnitId; q["late"] = late ? "1" : nil; q["q"] = number
            return q
        }
    }

    static func list(_ db: any SQLDatabase, _ f: Filter, paging: Paging, viewer: Principal, today: CivilDay) async throws -> ListPage<CommercialRepairView> {
        var conditions = try await DamagedPartQueries.scope(db, column: "c.org_path", orgUnitId: f.orgUnitId, viewer: viewer,
                                                            seesAll: MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath))
        if let v = f.status { conditions.append("c.status = \(bind: v.rawValue)") }
        if let v = f.kind { conditions.append("c.kind = \(bind: v.rawValue)") }
        // ESC-05: late from the calendar day after the due date while the parts are out.
        if f.late { conditions.append("c.status = 'sent' AND c.due_on < \(bind: today.iso)") }
        if let v = f.number { conditions.append("c.number = \(bind: v)") }
        let whereClause = DamagedPartQueries.whereClause(conditions)
        let total = try await db.raw("SELECT COUNT(*) AS n FROM commercial_repairs c \(whereClause)").first()?.decode(column: "n", as: Int.self) ?? 0
        let order = f.late ? "c.due_on, c.number" : "c.created_at DESC, c.number DESC"
        let rows = try await db.raw("\(unsafeRaw: select) \(whereClause) ORDER BY \(unsafeRaw: order) LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)")
            .all().map(CommercialRepairRow.init(row:))
        return ListPage(items: rows.map { $0.view(today: today, parts: [], actions: actions($0, viewer: viewer)) }, page: paging.page, per: paging.per, total: total)
    }

    /// The class II parts of the department's sites that may go into a new application (DMG-06): registered, not packed,
    /// not in another application; newest first, at most `limit`.
    static func eligibleParts(_ db: any SQLDatabase, unitPath: String, limit: Int = 200) async throws -> [DamagedPartView] {
        try await db.raw("""
            \(unsafeRaw: DamagedPartView.select)
            WHERE p.org_path LIKE \(bind: unitPath + "%") AND p.repair_class = 'II' AND p.status = 'registered'
                AND NOT EXISTS (SELECT 1 FROM commercial_repair_parts cp JOIN commercial_repairs c ON c.id = cp.repair_id
                                WHERE cp.part_id = p.id AND c.status <> 'cancelled')
            ORDER BY p.created_at DESC LIMIT \(bind: limit)
            """).all().map(DamagedPartView.init(row:))
    }

    /// Part ids of `ids` that are held by an application (not cancelled): the part is in one application only (DMG-06).
    static func heldParts(_ db: any SQLDatabase, ids: [String]) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return Set(try await db.raw("""
            SELECT cp.part_id FROM commercial_repair_parts cp JOIN commercial_repairs c ON c.id = cp.repair_id
            WHERE c.status <> 'cancelled' AND cp.part_id IN (\(SQLList(ids.map { SQLBind($0) })))
            """).all().map { try $0.decode(column: "part_id", as: String.self) })
    }
}
