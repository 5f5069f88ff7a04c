import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of the tool loans (#13.5, LND-01, LND-02).
enum ToolLoanQueries {
    static func row(_ db: any SQLDatabase, id: String, lock: String = "") async throws -> ToolLoanRow? {
        try await db.raw("\(unsafeRaw: ToolLoanRow.select) WHERE t.id = \(bind: id)\(unsafeRaw: lock)").first().map(ToolLoanRow.init(row:))
    }

    /// D16 as for the books: HQ and department accountants see every site's loans; the others their unit and below.
    static func requireView(_ viewer: Principal, _ t: ToolLoanRow) throws {
        guard MaterialPermissions.canView(viewer.roles, covers: viewer.covers(unitPath: t.warehouse.orgPath)) else {
            throw AppError.forbidden(Text("您不能查看仓库“{0}”的工具借用单", "You cannot see the tool loans of warehouse {0}").with(t.warehouse.name))
        }
    }

    static func actions(_ t: ToolLoanRow, viewer: Principal) -> [String] {
        t.status == .open && ToolLoanRules.maySignOffReturn(roles: viewer.roles, userPath: viewer.orgPath, warehousePath: t.warehouse.orgPath) ? ["return"] : []
    }

    static func view(_ db: any SQLDatabase, id: String, viewer: Principal, today: CivilDay) async throws -> ToolLoanView {
        guard let t = try await row(db, id: id) else { throw AppError.notFound(Text("工具借用单", "Tool loan")) }
        try requireView(viewer, t)
        return t.view(today: today, actions: actions(t, viewer: viewer))
    }

    /// What open loans of the tool from the warehouse hold now.
    static func lentOut(_ db: any SQLDatabase, warehouseId: String, itemId: String) async throws -> Quantity {
        let sum = try await db.raw("""
            SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) AS q FROM tool_loans
            WHERE warehouse_id = \(bind: warehouseId) AND item_id = \(bind: itemId) AND status = 'open'
            """).first()?.decode(column: "q", as: Int64?.self) ?? 0
        return Quantity(milli: sum ?? 0)
    }

    /// The register's filters (LND-02): open, overdue or every loan; a warehouse; a unit and below; lent between two
    /// dates; a borrower or work group (part of the name) or a loan number.
    struct Filter: Sendable {
        var view: ToolLoanRegisterView = .open
        var warehouseId: String?
        var orgUnitId: String?
        var from: String?
        var to: String?
        var who: String?

        static func parse(_ q: [String: String]) throws -> Filter {
            func day(_ key: String) throws -> String? {
                guard let typed = TextRules.trimmed(q[key]) else { return nil }
                guard let d = UsualInput.day(typed) ?? CivilDay(iso: typed) else {
                    throw AppError.validation(key, Text("日期格式应为 YYYY-MM-DD", "The date must be YYYY-MM-DD"))
                }
                return d.iso
            }
            let view: ToolLoanRegisterView = try MaterialValidation.choice(q["view"], "view", default: .open)
            return Filter(view: view, warehouseId: TextRules.trimmed(q["warehouseId"]), orgUnitId: TextRules.trimmed(q["orgUnitId"]),
                          from: try day("from"), to: try day("to"), who: TextRules.trimmed(q["q"]).map { String($0.prefix(100)) })
        }

        /// The filters as a query string (for the pager and the view tabs).
        var query: [String: String] {
            var q: [String: String] = [:]
            q["warehouseId"] = warehouseId; q["orgUnitId"] = orgUnitId; q["from"] = from; q["to"] = to; q["q"] = who
            return q
        }
    }

    static func list(_ db: any SQLDatabase, _ f: Filter, paging: Paging, viewer: Principal, today: CivilDay) async throws -> ListPage<ToolLoanView> {
        var conditions: [SQLQueryString] = []
        if !MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) { conditions.append("t.org_path LIKE \(bind: viewer.orgPath + "%")") }
        switch f.view {
        case .open: conditions.append("t.status = 'open'")
        // LND-02 (decision #13.5): overdue from the calendar day after the due date.
        case .overdue: conditions.append("t.status = 'open' AND t.due_on < \(bind: today.iso)")
        case .all: break
        }
        if let v = f.warehouseId { conditions.append("t.warehouse_id = \(bind: v)") }
        if let v = f.orgUnitId {
            let path = try await OrgQueries.unitPath(db, unitId: v) ?? "-"
            conditions.append("t.org_path LIKE \(bind: path + "%")")
        }
        if let v = f.from { conditions.append("t.lent_on >= \(bind: v)") }
        if let v = f.to { conditions.append("t.lent_on <= \(bind: v)") }
        if let v = f.who {
            let like = "%" + v.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            conditions.append("(t.number = \(bind: v.uppercased()) OR t.borrower LIKE \(bind: like) OR t.work_group LIKE \(bind: like))")
        }
        let whereClause: SQLQueryString = conditions.isEmpty ? "" : "WHERE \(SQLList(conditions, separator: SQLRaw(" AND ")))"
        let order = f.view == .all ? "t.lent_on DESC, t.number DESC" : "t.due_on, t.number"
        let total = try await db.raw("SELECT COUNT(*) AS n FROM tool_loans t \(whereClause)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("\(unsafeRaw: ToolLoanRow.select) \(whereClause) ORDER BY \(unsafeRaw: order) LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)")
            .all().map(ToolLoanRow.init(row:))
        return ListPage(items: rows.map { $0.view(today: today, actions: actions($0, viewer: viewer)) }, page: paging.page, per: paging.per, total: total)
    }

    /// The register's counts for the tabs, in the viewer's scope.
    static func counts(_ db: any SQLDatabase, viewer: Principal, today: CivilDay) async throws -> (open: Int, overdue: Int) {
        var scope: SQLQueryString = ""
        if !MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) { scope = " AND org_path LIKE \(bind: viewer.orgPath + "%")" }
        let row = try await db.raw("""
            SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN due_on < \(bind: today.iso) THEN 1 ELSE 0 END), 0) AS late FROM tool_loans WHERE status = 'open'\(scope)
            """).first()
        return (try row?.decode(column: "n", as: Int.self) ?? 0, try row?.decode(column: "late", as: Int.self) ?? 0)
    }
}
