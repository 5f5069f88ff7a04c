import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of freight (FRT-01..06, RPT-12), each inside the caller's transaction.
enum FreightQueries {
    // MARK: prices

    static func price(_ db: any SQLDatabase, id: String, today: String) async throws -> FreightPriceView? {
        try await db.raw("\(unsafeRaw: FreightPriceView.select) WHERE p.id = \(bind: id)").first().map { try FreightPriceView(row: $0, today: today) }
    }

    /// FRT-01: the entry of a route and vehicle type in force on `day` (the latest that took effect on or before it).
    static func priceInForce(_ db: any SQLDatabase, route: String, vehicleType: String, on day: String) async throws -> FreightPriceView? {
        try await db.raw("""
            \(unsafeRaw: FreightPriceView.select) WHERE p.route = \(bind: route) AND p.vehicle_type = \(bind: vehicleType) AND p.effective_from <= \(bind: day)
            ORDER BY p.effective_from DESC LIMIT 1
            """).first().map { try FreightPriceView(row: $0, today: day) }
    }

    /// The whole list with its history, by route, vehicle type and newest first (optionally routes starting with `route`).
    static func prices(_ db: any SQLDatabase, route: String?, today: String) async throws -> [FreightPriceView] {
        let condition: SQLQueryString = TextRules.trimmed(route).map { "WHERE p.route >= \(bind: $0) AND p.route < \(bind: FindQuery.upperBound(ofPrefix: $0))" } ?? ""
        return try await db.raw("\(unsafeRaw: FreightPriceView.select) \(condition) ORDER BY p.route, p.vehicle_type, p.effective_from DESC LIMIT 2000")
            .all().map { try FreightPriceView(row: $0, today: today) }
    }

    // MARK: records

    static func requireView(_ viewer: Principal, orgPath: String) throws {
        guard MaterialPermissions.canView(viewer.roles, covers: viewer.covers(unitPath: orgPath)) else {
            throw AppError.forbidden(Text("您不能查看该运费记录", "You cannot see this freight record"))
        }
    }

    static func view(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> FreightView {
        guard let r = try await db.raw("\(unsafeRaw: FreightView.select) WHERE f.id = \(bind: id)").first().map({ try FreightView(row: $0, viewer: viewer) }) else {
            throw AppError.notFound(Text("运费记录", "Freight record"))
        }
        try requireView(viewer, orgPath: r.orgPath)
        return r
    }

    /// Filters of the list and the report: the site (or department) and below, mode, state, approval, shipping days or months.
    struct Filter: Sendable {
        var orgUnitId: String?
        var mode: FreightMode?
        var status: FreightStatus?
        var approvalNeeded: FreightApproval?
        var from: String?
        var to: String?
        var q: String?
        var exceptionsOnly = false

        static func parse(_ q: [String: String]) throws -> Filter {
            func choice<E: RawRepresentable & CaseIterable>(_ name: String) throws -> E? where E.RawValue == String {
                try TextRules.trimmed(q[name]).map { try MaterialValidation.choice($0, name) as E }
            }
            return Filter(orgUnitId: TextRules.trimmed(q["orgUnitId"]), mode: try choice("mode"), status: try choice("status"),
                          approvalNeeded: try choice("approvalNeeded"), from: try bound(q["from"], field: "from", end: false),
                          to: try bound(q["to"], field: "to", end: true), q: TextRules.trimmed(q["q"]))
        }

        /// A day (`2026-11-20`) or a month (`2026-11`: its first or last day).
        static func bound(_ raw: String?, field: String, end: Bool) throws -> String? {
            guard let t = TextRules.trimmed(raw) else { return nil }
            if t.count == 7, let first = CivilDay(iso: t + "-01") {
                guard end else { return first.iso }
                let c = first.components
                let next = c.month == 12 ? CivilDay(year: c.year + 1, month: 1, day: 1) : CivilDay(year: c.year, month: c.month + 1, day: 1)
                return CivilDay(number: next.number - 1).iso
            }
            return try FreightService.day(t, field: field, now: Date())
        }
    }

    /// RPT-12's exceptions in SQL, as `FreightApprovalRule.isException`: an approval needed, or a cost above the reference.
    static let exceptionCondition: SQLQueryString = "(f.approval_needed <> 'none' OR (f.reference_fen IS NOT NULL AND f.cost_fen > f.reference_fen))"

    static func conditions(_ db: any SQLDatabase, _ f: Filter, viewer: Principal) async throws -> SQLQueryString {
        var c: [SQLQueryString] = []
        if !MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) { c.append("f.org_path LIKE \(bind: viewer.orgPath + "%")") }
        if let v = f.orgUnitId {
            let path = try await OrgQueries.unitPath(db, unitId: v) ?? "-"
            c.append("f.org_path LIKE \(bind: path + "%")")
        }
        if let v = f.mode { c.append("f.mode = \(bind: v.rawValue)") }
        if let v = f.status { c.append("f.status = \(bind: v.rawValue)") }
        if let v = f.approvalNeeded { c.append("f.approval_needed = \(bind: v.rawValue)") }
        if let v = f.from { c.append("f.shipped_on >= \(bind: v)") }
        if let v = f.to { c.append("f.shipped_on <= \(bind: v)") }
        if let v = f.q {
            // Find by its number (YF-2026-000001) or the shipment's reference.
            let number = FindQuery(v)?.number?.formatted(dash: true, width: 6) ?? v.uppercased()
            c.append("(f.number = \(bind: number) OR f.shipment_ref = \(bind: v))")
        }
        if f.exceptionsOnly { c.append(exceptionCondition) }
        return c.isEmpty ? "" : "WHERE \(SQLList(c, separator: SQLRaw(" AND ")))"
    }

    static func list(_ db: any SQLDatabase, _ f: Filter, paging: Paging, viewer: Principal) async throws -> ListPage<FreightView> {
        let whereClause = try await conditions(db, f, viewer: viewer)
        let total = try await db.raw("SELECT COUNT(*) AS n FROM freight_records f \(whereClause)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            \(unsafeRaw: FreightView.select) \(whereClause) ORDER BY f.shipped_on DESC, f.number DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map { try FreightView(row: $0, viewer: viewer) }
        return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
    }
}
