import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of the material-loss responsibility records (KPI-06), scoped: HQ all, a 业务部 its sites, a site its own, and
/// the responsible person its own records.
enum LossResponsibilityQueries {
    static var select: String {
        LossResponsibilityView.select(unitName: OrgQueries.unitNameSQL("r.org_unit_id"), userName: OrgQueries.userNameSQL)
    }

    static func filter(_ q: [String: String]) throws -> LossResponsibilityFilter {
        func choice<E: RawRepresentable>(_ key: String, _ label: Text) throws -> E? where E.RawValue == String {
            guard let t = TextRules.trimmed(q[key]) else { return nil }
            guard let v = E(rawValue: t) else { throw AppError.validation(key, Text("{0}的取值无效", "{1}: not a valid choice").with(label.zh, label.en)) }
            return v
        }
        return LossResponsibilityFilter(orgUnitId: TextRules.trimmed(q["orgUnitId"]), status: try choice("status", Text("状态", "Status")),
                                        cause: try choice("cause", Text("损失原因", "Cause")), q: TextRules.trimmed(q["q"]))
    }

    static func canSee(_ viewer: Principal, path: String, responsibleId: String) -> Bool {
        LossResponsibilityRules.maySee(roles: viewer.roles, covers: viewer.covers(unitPath: path), isResponsible: responsibleId == viewer.userId)
    }

    /// The steps the viewer may take on a record now.
    static func actions(_ r: LossResponsibilityView, viewer: Principal) -> [String] {
        guard let status = LossResponsibilityStatus(rawValue: r.status) else { return [] }
        let covers = viewer.covers(unitPath: r.orgPath)
        return [LossResponsibilityAction.propose, .approve, .reject].filter {
            LossResponsibilityRules.next($0, from: status) != nil && LossResponsibilityRules.may($0, roles: viewer.roles, covers: covers)
        }.map(\.rawValue)
    }

    /// One record with its lines, steps and the viewer's actions; 404 when missing or out of the viewer's scope.
    static func view(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> LossResponsibilityView {
        guard var r = try await db.raw("\(unsafeRaw: select) WHERE r.id = \(bind: id)").first().map(LossResponsibilityView.init(row:)) else {
            throw AppError.notFound(Text("材料损失责任单", "Loss responsibility record"))
        }
        guard canSee(viewer, path: r.orgPath, responsibleId: r.responsibleId) else {
            // A role that reads none of these records is refused; one that reads others' is not told this one exists.
            if !LossResponsibilityRules.readsRecords(viewer.roles) { throw AppError.forbidden() }
            throw AppError.notFound(Text("材料损失责任单", "Loss responsibility record"))
        }
        r.lines = try await db.raw("""
            SELECT l.line_no, l.item_id, i.code, i.name, i.unit, l.quantity, l.value_fen FROM loss_responsibility_lines l JOIN items i ON i.id = l.item_id
            WHERE l.record_id = \(bind: id) ORDER BY l.line_no
            """).all().map { row in
            LossResponsibilityLineView(lineNo: try row.decode(column: "line_no", as: Int.self), itemId: try row.decode(column: "item_id", as: String.self),
                                       itemCode: try row.decode(column: "code", as: String.self), itemName: try row.decode(column: "name", as: String.self),
                                       unit: try row.decode(column: "unit", as: String.self),
                                       quantity: Quantity(milli: try row.decode(column: "quantity", as: Int64.self)).text,
                                       value: Yuan.text(try row.decode(column: "value_fen", as: Int64.self)))
        }
        r.steps = try await db.raw("""
            SELECT s.action, s.actor_id, \(unsafeRaw: OrgQueries.userNameSQL("s.actor_id")) AS actor_name, s.note, s.amount_fen, s.at
            FROM loss_responsibility_steps s WHERE s.record_id = \(bind: id) ORDER BY s.step_no
            """).all().map { row in
            LossResponsibilityStepView(action: try row.decode(column: "action", as: String.self), actorId: try row.decode(column: "actor_id", as: String.self),
                                       actorName: try row.decode(column: "actor_name", as: String?.self) ?? "", note: try row.decode(column: "note", as: String.self),
                                       amount: try row.decode(column: "amount_fen", as: Int64?.self).map(Yuan.text), at: try row.decode(column: "at", as: Int64.self))
        }
        r.actions = actions(r, viewer: viewer)
        return r
    }

    /// The list, newest first: HQ every site, the others their unit and below plus the records naming them responsible.
    static func list(_ db: any SQLDatabase, _ f: LossResponsibilityFilter, paging: Paging, viewer: Principal) async throws -> ListPage<LossResponsibilityView> {
        var conditions: [SQLQueryString] = []
        if !LossResponsibilityRules.seesAll(viewer.roles) {
            if viewer.roles.isDisjoint(with: LossResponsibilityRules.unitReaders) {
                conditions.append("r.responsible_id = \(bind: viewer.userId)")
            } else {
                conditions.append("(r.org_path LIKE \(bind: viewer.orgPath + "%") OR r.responsible_id = \(bind: viewer.userId))")
            }
        }
        if let v = f.orgUnitId {
            let path = try await OrgQueries.unitPath(db, unitId: v) ?? "-"
            conditions.append("r.org_path LIKE \(bind: path + "%")")
        }
        if let v = f.status { conditions.append("r.status = \(bind: v.rawValue)") }
        if let v = f.cause { conditions.append("r.cause = \(bind: v.rawValue)") }
        if let v = f.q {
            conditions.append("(r.number = \(bind: v.uppercased()) OR r.description LIKE \(bind: "%" + v + "%"))")
        }
        let w: SQLQueryString = conditions.isEmpty ? "" : "WHERE \(SQLList(conditions, separator: SQLRaw(" AND ")))"
        let total = try await db.raw("SELECT COUNT(*) AS n FROM loss_responsibilities r \(w)").first()?.decode(column: "n", as: Int.self) ?? 0
        let items = try await db.raw("\(unsafeRaw: select) \(w) ORDER BY r.created_at DESC, r.number DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)")
            .all().map(LossResponsibilityView.init(row:)).map { r -> LossResponsibilityView in
                var r = r
                r.actions = actions(r, viewer: viewer)
                return r
            }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }
}
