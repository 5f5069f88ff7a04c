import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of the scenic visitor services, each inside the caller's transaction, scoped to the viewer's unit and below.
public enum ScenicQueries {
    static func requireWorker(_ viewer: Principal) throws {
        guard ScenicRules.isWorker(viewer.roles) else {
            throw AppError.forbidden(Text("您不能使用景区游客服务", "You cannot use the scenic area's visitor services"))
        }
    }

    static func requireScope(_ viewer: Principal, _ recordPath: String) throws {
        guard ScenicRules.mayWork(roles: viewer.roles, userPath: viewer.orgPath, recordPath: recordPath) else {
            throw AppError.forbidden(Text("您只能办理本单位及下级单位的记录", "You work on the records of your unit and below only"))
        }
    }

    static func inScope(_ column: String, _ viewer: Principal) -> SQLQueryString {
        "\(unsafeRaw: column) >= \(bind: viewer.orgPath) AND \(unsafeRaw: column) < \(bind: FindQuery.upperBound(ofPrefix: viewer.orgPath))"
    }

    static func like(_ q: String) -> String {
        "%" + q.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
    }

    static func day(_ raw: String?, field: String) throws -> CivilDay? {
        guard let t = TextRules.trimmed(raw) else { return nil }
        guard let d = UsualInput.day(t) else { throw AppError.validation(field, Text("日期格式应为 YYYY-MM-DD", "The date must be YYYY-MM-DD")) }
        return d
    }

    // MARK: VIS-03 free entries

    /// The checks of one visit day (default: every day), searched by name, masked number or gate; newest first.
    static func freeEntries(_ db: any SQLDatabase, _ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<FreeEntryView> {
        var c: [SQLQueryString] = [inScope("e.org_path", viewer)]
        if let d = try day(query["date"], field: "date") { c.append("e.visit_date = \(bind: d.iso)") }
        if let q = TextRules.trimmed(query["q"]) {
            c.append("(e.visitor_name LIKE \(bind: like(q)) OR e.id_masked LIKE \(bind: like(q)) OR e.gate LIKE \(bind: like(q)))")
        }
        let (found, total) = try await RegisterQuery.page(db, from: "scenic_free_entries e", select: FreeEntryView.select, where: c, order: "e.checked_at DESC, e.id DESC", paging: paging)
        let rows = try found.map(FreeEntryView.init(row:))
        return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
    }

    static func freeEntry(_ db: any SQLDatabase, id: String) async throws -> FreeEntryView {
        guard let row = try await db.raw("\(unsafeRaw: FreeEntryView.select) WHERE e.id = \(bind: id)").first() else { throw AppError.notFound(Text("免票登记", "Free-entry check")) }
        return try FreeEntryView(row: row)
    }

    // MARK: VIS-04 lost-person cases

    static func lostCase(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> LostCaseView {
        guard let row = try await db.raw("\(unsafeRaw: LostCaseView.select) WHERE c.id = \(bind: id)").first() else {
            throw AppError.notFound(Text("寻人登记", "Lost-person case"))
        }
        var v = try LostCaseView(row: row, viewer: viewer)
        try requireScope(viewer, v.orgPath)
        v.broadcasts = try await db.raw("""
            SELECT b.seq, b.language, b.text, b.broadcast_at, \(unsafeRaw: OrgQueries.userNameSQL("b.broadcast_by")) AS by_name
            FROM scenic_broadcasts b WHERE b.case_id = \(bind: id) ORDER BY b.seq
            """).all().map {
            let at = try $0.decode(column: "broadcast_at", as: Int64.self)
            return BroadcastView(seq: try $0.decode(column: "seq", as: Int.self), language: try $0.decode(column: "language", as: String.self),
                                 text: try $0.decode(column: "text", as: String.self), broadcastAt: Times.rfc3339(at),
                                 byName: try $0.decode(column: "by_name", as: String?.self) ?? "—", atMillis: at)
        }
        return v
    }

    static func lostCases(_ db: any SQLDatabase, _ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<LostCaseView> {
        var c: [SQLQueryString] = [inScope("c.org_path", viewer)]
        if let s = TextRules.trimmed(query["status"]) {
            guard let st = LostPersonRules.Status(rawValue: s) else {
                throw AppError.validation("status", Text("状态的取值必须是：open, broadcasting, closed", "State must be one of: open, broadcasting, closed"))
            }
            c.append("c.status = \(bind: st.rawValue)")
        }
        if query["open"] == "1" || query["open"] == "true" { c.append("c.status <> 'closed'") }
        if let q = TextRules.trimmed(query["q"]) {
            c.append("(c.number = \(bind: q.uppercased()) OR c.lost_name LIKE \(bind: like(q)) OR c.reporter_name LIKE \(bind: like(q)) OR c.reporter_phone = \(bind: TextRules.phoneKey(q) ?? q))")
        }
        let (found, total) = try await RegisterQuery.page(db, from: "scenic_lost_cases c", select: LostCaseView.select, where: c, order: "c.reported_at DESC, c.id DESC", paging: paging)
        let rows = try found.map { try LostCaseView(row: $0, viewer: viewer) }
        return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
    }

    /// Quick search: a case by its whole number, only in the viewer's scope.
    static func lostCaseByNumber(_ db: any SQLDatabase, number: String, viewer: Principal) async throws -> LostCaseView? {
        guard let row = try await db.raw("\(unsafeRaw: LostCaseView.select) WHERE c.number = \(bind: number)").first() else { return nil }
        let v = try LostCaseView(row: row, viewer: viewer)
        return ScenicRules.mayWork(roles: viewer.roles, userPath: viewer.orgPath, recordPath: v.orgPath) ? v : nil
    }

    // MARK: LND-03/04 items and loans

    static func item(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> ScenicItemView {
        guard let row = try await db.raw("\(unsafeRaw: ScenicItemView.select) WHERE i.id = \(bind: id)").first() else {
            throw AppError.notFound(Text("轮椅/婴儿车", "Wheelchair or stroller"))
        }
        let v = try ScenicItemView(row: row)
        try requireScope(viewer, v.orgPath)
        return v
    }

    static func items(_ db: any SQLDatabase, viewer: Principal) async throws -> [ScenicItemView] {
        try await db.raw("\(unsafeRaw: ScenicItemView.select) WHERE \(inScope("i.org_path", viewer)) ORDER BY i.kind, i.code").all().map(ScenicItemView.init(row:))
    }

    static func loan(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> ScenicLoanView {
        guard let row = try await db.raw("\(unsafeRaw: ScenicLoanView.select) WHERE l.id = \(bind: id)").first() else {
            throw AppError.notFound(Text("借用登记", "Loan"))
        }
        let v = try ScenicLoanView(row: row)
        try requireScope(viewer, v.orgPath)
        return v
    }

    static func loans(_ db: any SQLDatabase, _ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<ScenicLoanView> {
        var c: [SQLQueryString] = [inScope("l.org_path", viewer)]
        if query["open"] == "1" || query["open"] == "true" { c.append("l.returned_at IS NULL") }
        if let item = TextRules.trimmed(query["itemId"]) { c.append("l.item_id = \(bind: item)") }
        if let q = TextRules.trimmed(query["q"]) {
            c.append("(l.number = \(bind: q.uppercased()) OR l.borrower_name LIKE \(bind: like(q)) OR l.borrower_phone = \(bind: TextRules.phoneKey(q) ?? q))")
        }
        let (found, total) = try await RegisterQuery.page(db, from: "scenic_loans l", select: ScenicLoanView.select, where: c, order: "l.lent_at DESC, l.id DESC", paging: paging)
        let rows = try found.map(ScenicLoanView.init(row:))
        return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
    }

    // MARK: VIS-05 reception plans

    /// A plan is seen by its own unit and above, and by the departments it was sent to (and above).
    static func planVisible(_ viewer: Principal) -> SQLQueryString {
        "(\(inScope("p.org_path", viewer)) OR EXISTS (SELECT 1 FROM scenic_plan_departments d WHERE d.plan_id = p.id AND \(inScope("d.org_path", viewer))))"
    }

    static func plan(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> ReceptionPlanView {
        guard let row = try await db.raw("\(unsafeRaw: ReceptionPlanView.select) WHERE p.id = \(bind: id)").first() else {
            throw AppError.notFound(Text("接待计划", "Reception plan"))
        }
        var v = try ReceptionPlanView(row: row)
        v.departments = try await db.raw("""
            SELECT d.org_unit_id, d.org_path, d.confirmed_at, d.note, \(unsafeRaw: OrgQueries.unitNameSQL("d.org_unit_id")) AS unit_name,
                \(unsafeRaw: OrgQueries.userNameSQL("d.confirmed_by")) AS by_name
            FROM scenic_plan_departments d WHERE d.plan_id = \(bind: id) ORDER BY d.org_path
            """).all().map {
            let at = try $0.decode(column: "confirmed_at", as: Int64?.self)
            return PlanDepartmentView(orgUnitId: try $0.decode(column: "org_unit_id", as: String.self), name: try $0.decode(column: "unit_name", as: String?.self) ?? "—",
                                      confirmed: at != nil, confirmedAt: Times.rfc3339(at), confirmedByName: try $0.decode(column: "by_name", as: String?.self),
                                      note: try $0.decode(column: "note", as: String?.self), orgPath: try $0.decode(column: "org_path", as: String.self))
        }
        let sees = ScenicRules.mayWork(roles: viewer.roles, userPath: viewer.orgPath, recordPath: v.orgPath)
            || v.departments.contains { ScenicRules.mayWork(roles: viewer.roles, userPath: viewer.orgPath, recordPath: $0.orgPath) }
        guard sees else { throw AppError.forbidden(Text("您只能查看本单位发出或发给本单位的接待计划", "You see the plans of your unit or sent to it only")) }
        v.mayConfirm = v.departments.filter { !$0.confirmed && ScenicRules.mayWork(roles: viewer.roles, userPath: viewer.orgPath, recordPath: $0.orgPath) }.map(\.orgUnitId)
        return v
    }

    static func plans(_ db: any SQLDatabase, _ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<ReceptionPlanView> {
        var c: [SQLQueryString] = [planVisible(viewer)]
        if let from = try day(query["from"], field: "from") { c.append("p.visit_date >= \(bind: from.iso)") }
        if let q = TextRules.trimmed(query["q"]) { c.append("(p.number = \(bind: q.uppercased()) OR p.group_name LIKE \(bind: like(q)))") }
        let (found, total) = try await RegisterQuery.page(db, from: "scenic_reception_plans p", select: ReceptionPlanView.select, where: c, order: "p.visit_date DESC, p.id DESC", paging: paging)
        let rows = try found.map(ReceptionPlanView.init(row:))
        return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
    }

    /// The department units a plan may be sent to (kind department), in tree order.
    static func departments(_ db: any SQLDatabase) async throws -> [(id: String, name: String)] {
        try await OrgQueries.activeUnitSummaries(db).filter { $0.kind == "department" }.map { (id: $0.id, name: $0.name) }
    }
}
