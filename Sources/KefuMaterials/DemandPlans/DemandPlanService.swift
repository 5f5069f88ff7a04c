import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// REQ-10 the annual material demand plan (年度物资需求计划, #13.1 item 2): 业务管理部 writes one per department and
/// year, publishes it (filed with production, the department told), revises it; each read shows per item the plan
/// against what the department's requests of that year asked for and got shipped. Each step: permission, validation,
/// one transaction, audit trail.
public struct DemandPlanService: Sendable {
    let store: any Store
    let notifier: any HandOffNotifier

    public init(store: any Store, notifier: any HandOffNotifier = NoHandOffs()) {
        self.store = store
        self.notifier = notifier
    }

    static let entity = "demand_plan"

    // MARK: reading

    static func load(_ db: any SQLDatabase, id: String) async throws -> DemandPlanView? {
        guard var p = try await db.raw("\(unsafeRaw: DemandPlanView.select) WHERE p.id = \(bind: id)").first().map(DemandPlanView.init(row:)) else { return nil }
        let rows = try await db.raw("""
            SELECT l.line_no, l.item_id, l.quantity, l.note, i.code, i.name, i.spec, i.unit FROM demand_plan_lines l
            JOIN items i ON i.id = l.item_id WHERE l.plan_id = \(bind: id) ORDER BY l.line_no
            """).all()
        let itemIds = try rows.map { try $0.decode(column: "item_id", as: String.self) }
        let actual = try await MaterialRequestService.actualByItem(db, orgPath: p.orgPath, year: p.year, itemIds: itemIds)
        p.lines = try rows.map { row in
            let itemId = try row.decode(column: "item_id", as: String.self)
            let a = actual[itemId] ?? .init()
            let figure = DemandPlanRules.Figure(planned: Quantity(milli: try row.decode(column: "quantity", as: Int64.self)),
                                                requested: Quantity(milli: a.requested), shipped: Quantity(milli: a.shipped))
            return DemandPlanLineView(lineNo: try row.decode(column: "line_no", as: Int.self), itemId: itemId,
                                      itemCode: try row.decode(column: "code", as: String.self), itemName: try row.decode(column: "name", as: String.self),
                                      spec: try row.decode(column: "spec", as: String.self), unit: try row.decode(column: "unit", as: String.self),
                                      quantity: figure.planned, note: try row.decode(column: "note", as: String.self), requested: figure.requested,
                                      shipped: figure.shipped, remaining: figure.remaining, overPlan: figure.overPlan)
        }
        return p
    }

    static func require(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> DemandPlanView {
        try MaterialAccess.requireViewer(viewer)
        guard let p = try await load(db, id: id) else { throw AppError.notFound(Text("年度物资需求计划", "Demand plan")) }
        guard DemandPlanRules.mayView(viewer.roles, userPath: viewer.orgPath, planPath: p.orgPath, published: p.stateValue == .published) else {
            throw AppError.forbidden(Text("您不能查看该年度物资需求计划", "You cannot see this demand plan"))
        }
        return p
    }

    public func plan(id: String, viewer: Principal) async throws -> DemandPlanView {
        try await store.read { db in try await Self.require(db, id: id, viewer: viewer) }
    }

    /// The plans the viewer reads, newest year first: HQ's planners all (drafts too); production and procurement every
    /// published plan; a department's readers the published plans of their unit and above.
    public func list(year: String?, paging: Paging, viewer: Principal) async throws -> ListPage<DemandPlanView> {
        try MaterialAccess.requireViewer(viewer)
        guard !viewer.roles.isDisjoint(with: DemandPlanRules.departmentReaders.union(DemandPlanRules.receivers)) else {
            throw AppError.forbidden(Text("您不能查看年度物资需求计划", "You cannot see the demand plans"))
        }
        var conditions: [SQLQueryString] = []
        if !DemandPlanRules.mayWrite(viewer.roles, userPath: viewer.orgPath) {
            conditions.append("p.state = \(bind: DemandPlanState.published.rawValue)")
            if viewer.roles.isDisjoint(with: DemandPlanRules.receivers) {
                conditions.append("\(bind: viewer.orgPath) LIKE p.org_path || '%'")
            }
        }
        if let raw = TextRules.trimmed(year) {
            guard let y = Int(raw), DemandPlanRules.years.contains(y) else {
                throw AppError.validation("year", Text("年度应为四位数字", "The year has four digits"))
            }
            conditions.append("p.year = \(bind: y)")
        }
        let whereClause: SQLQueryString = conditions.isEmpty ? "" : "WHERE \(SQLList(conditions, separator: SQLRaw(" AND ")))"
        return try await store.read { db in
            let total = try await db.raw("SELECT COUNT(*) AS n FROM demand_plans p \(whereClause)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw("""
                \(unsafeRaw: DemandPlanView.select) \(whereClause) ORDER BY p.year DESC, p.number LIMIT \(literal: paging.per) OFFSET \(literal: paging.offset)
                """).all().map(DemandPlanView.init(row:))
            return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
        }
    }

    // MARK: writing

    static func requireWriter(_ actor: Principal) throws {
        guard DemandPlanRules.mayWrite(actor.roles, userPath: actor.orgPath) else {
            throw AppError.forbidden(Text("年度物资需求计划由业务管理部编制（REQ-10）", "The annual demand plan is written by HQ's business management office (REQ-10)"))
        }
    }

    /// The lines resolved to items (by id or code) and checked (REQ-10 decisions in `DemandPlanRules`).
    static func lines(_ db: any SQLDatabase, year: Int, _ raw: [MaterialRequestLineInput]?) async throws -> [(itemId: String, milli: Int64, note: String)] {
        guard let raw, !raw.isEmpty else { throw AppError.validation("lines", Text("请至少填写一行物资", "Add at least one line")) }
        var resolved: [(itemId: String, milli: Int64, note: String)] = []
        for (i, l) in raw.prefix(DemandPlanRules.maxLines + 1).enumerated() {
            let condition: SQLQueryString
            if let code = TextRules.trimmed(l.itemCode) { condition = "code = \(bind: code)" } else if let id = TextRules.trimmed(l.itemId) { condition = "id = \(bind: id)" } else {
                throw AppError.validation("lines[\(i)].itemId", Text("第 {0} 行缺少物资", "Line {0} has no item").with(String(i + 1)))
            }
            guard let row = try await db.raw("SELECT id FROM items WHERE \(condition)").first() else {
                throw AppError.validation("lines[\(i)].itemId", Text("第 {0} 行：没有这个物资", "Line {0}: no such item").with(String(i + 1)))
            }
            guard let q = l.quantity else {
                throw AppError.validation("lines[\(i)].quantity", Text("第 {0} 行缺少年度数量", "Line {0} has no quantity for the year").with(String(i + 1)))
            }
            let note = try MaterialValidation.text(l.note, field: "lines[\(i)].note", max: 500, required: false) ?? ""
            resolved.append((try row.decode(column: "id", as: String.self), q.milli, note))
        }
        switch DemandPlanRules.problem(year: year, lines: resolved.map { ($0.itemId, $0.milli) }) {
        case nil: return resolved
        case .yearOutOfRange?: throw AppError.validation("year", Text("年度应在 2000 至 2100 之间", "The year is between 2000 and 2100"))
        case .noLines?: throw AppError.validation("lines", Text("请至少填写一行物资", "Add at least one line"))
        case .tooManyLines?:
            throw AppError.validation("lines", Text("一份计划最多 {0} 行", "A plan has at most {0} lines").with(String(DemandPlanRules.maxLines)))
        case .quantityNotPositive(let n)?:
            throw AppError.validation("lines[\(n - 1)].quantity", Text("第 {0} 行数量须大于零", "Line {0} needs a quantity above zero").with(String(n)))
        case .duplicateItem(let n)?:
            throw AppError.validation("lines[\(n - 1)].itemId", Text("第 {0} 行的物资与前面重复", "Line {0} repeats an item").with(String(n)))
        }
    }

    static func writeLines(_ db: any SQLDatabase, id: String, _ lines: [(itemId: String, milli: Int64, note: String)]) async throws {
        try await db.raw("DELETE FROM demand_plan_lines WHERE plan_id = \(bind: id)").run()
        let values = SQLList(lines.enumerated().map { i, l in SQLQueryString("(\(bind: id), \(bind: i + 1), \(bind: l.itemId), \(bind: l.milli), \(bind: l.note))") })
        try await db.raw("INSERT INTO demand_plan_lines (plan_id, line_no, item_id, quantity, note) VALUES \(values)").run()
    }

    /// REQ-10: a draft plan of a department for a year (one per department and year); numbered XQ-<year>-0001 per year.
    public func create(_ input: DemandPlanInput, by actor: Principal, now: Date = Date()) async throws -> DemandPlanView {
        try MaterialAccess.requireViewer(actor)
        try Self.requireWriter(actor)
        guard let year = input.year else { throw AppError.validation("year", Text("请填写年度", "Give the year")) }
        guard DemandPlanRules.years.contains(year) else { throw AppError.validation("year", Text("年度应在 2000 至 2100 之间", "The year is between 2000 and 2100")) }
        guard let unitId = TextRules.trimmed(input.orgUnitId) else { throw AppError.validation("orgUnitId", Text("请选择业务部", "Choose the department")) }
        let note = try MaterialValidation.text(input.note, field: "note", max: 2000, required: false) ?? ""
        return try await store.write { db in
            let at = Clock.millis(now)
            guard let path = try await OrgQueries.unitPath(db, unitId: unitId) else {
                throw AppError.validation("orgUnitId", Text("没有这个组织单位", "No such org unit"))
            }
            if try await db.raw("SELECT id FROM demand_plans WHERE year = \(bind: year) AND org_unit_id = \(bind: unitId)").first() != nil {
                throw AppError.conflict("plan_exists", Text("该业务部 {0} 年度的需求计划已存在，请修订原计划", "This department already has a plan for {0}: revise it").with(String(year)))
            }
            let lines = try await Self.lines(db, year: year, input.lines)
            let id = Clock.newID()
            let n = try await Counters.next("demand_plan:\(year)", in: db)
            let number = DocumentNumber(prefix: "XQ", year: year, sequence: n).formatted(dash: true, width: 4)
            try await db.raw("""
                INSERT INTO demand_plans (id, number, year, org_unit_id, org_path, state, version, note, created_by, created_at, updated_at)
                VALUES (\(bind: id), \(bind: number), \(bind: year), \(bind: unitId), \(bind: path), \(bind: DemandPlanState.draft.rawValue), 1, \(bind: note),
                    \(bind: actor.userId), \(bind: at), \(bind: at))
                """).run()
            try await Self.writeLines(db, id: id, lines)
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: Self.entity, entityId: id,
                                        detail: ["number": number, "year": String(year), "lines": String(lines.count)], at: at)
            return try await Self.load(db, id: id)!
        }
    }

    /// A revision: the lines and note again, the version one higher (a published plan stays published; the audit trail
    /// keeps each revision).
    public func update(id: String, _ input: DemandPlanInput, by actor: Principal, now: Date = Date()) async throws -> DemandPlanView {
        try MaterialAccess.requireViewer(actor)
        try Self.requireWriter(actor)
        let note = try MaterialValidation.text(input.note, field: "note", max: 2000, required: false) ?? ""
        let dialect = store.dialect
        return try await store.write { db in
            let at = Clock.millis(now)
            guard try await db.raw("SELECT id FROM demand_plans WHERE id = \(bind: id)\(unsafeRaw: dialect.rowLock())").first() != nil,
                  let p = try await Self.load(db, id: id) else { throw AppError.notFound(Text("年度物资需求计划", "Demand plan")) }
            if let year = input.year, year != p.year {
                throw AppError.validation("year", Text("计划的年度不能修改", "A plan's year does not change"))
            }
            if let unit = TextRules.trimmed(input.orgUnitId), unit != p.orgUnitId {
                throw AppError.validation("orgUnitId", Text("计划的业务部不能修改", "A plan's department does not change"))
            }
            let lines = try await Self.lines(db, year: p.year, input.lines)
            try await db.raw("UPDATE demand_plans SET note = \(bind: note), version = version + 1, updated_at = \(bind: at) WHERE id = \(bind: id)").run()
            try await Self.writeLines(db, id: id, lines)
            try await AuditTrail.record(db, actorId: actor.userId, action: p.stateValue == .published ? "revise" : "update", entity: Self.entity, entityId: id,
                                        detail: ["version": String(p.version + 1), "lines": String(lines.count)], at: at)
            return try await Self.load(db, id: id)!
        }
    }

    /// REQ-10: filed with production; the department's leaders and planners, production and procurement are told.
    public func publish(id: String, by actor: Principal, now: Date = Date()) async throws -> DemandPlanView {
        try MaterialAccess.requireViewer(actor)
        try Self.requireWriter(actor)
        let dialect = store.dialect
        let notifier = self.notifier
        return try await store.write { db in
            let at = Clock.millis(now)
            guard try await db.raw("SELECT id FROM demand_plans WHERE id = \(bind: id)\(unsafeRaw: dialect.rowLock())").first() != nil,
                  let p = try await Self.load(db, id: id) else { throw AppError.notFound(Text("年度物资需求计划", "Demand plan")) }
            guard p.stateValue == .draft else {
                throw AppError.conflict("invalid_state", Text("该计划已发布", "The plan is already published"))
            }
            try await db.raw("""
                UPDATE demand_plans SET state = \(bind: DemandPlanState.published.rawValue), published_by = \(bind: actor.userId), published_at = \(bind: at),
                    updated_at = \(bind: at) WHERE id = \(bind: id)
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "publish", entity: Self.entity, entityId: id,
                                        detail: ["number": p.number, "version": String(p.version)], at: at)
            let path = p.orgPath
            let leaders: Set<Role> = [.deptManager, .deptSupervisor, .deptPlanner]
            _ = try await notifier.handOff(db, HandOff(
                kind: "demand_plan_published",
                recipients: .init(eligible: { roles, userPath in
                    !roles.isDisjoint(with: DemandPlanRules.receivers) || (!roles.isDisjoint(with: leaders) && OrgPath.contains(userPath, path))
                }),
                title: Text("{0} 年度物资需求计划 {1}", "Annual demand plan {1} for {0}").with(String(p.year), p.number),
                body: Text("业务管理部已发布 {0} 的年度物资需求计划（REQ-10）", "HQ published the annual demand plan of {0} (REQ-10)").with(p.orgUnitName),
                link: "/materials/demand-plans/\(id)", actorId: actor.userId), at: at)
            return try await Self.load(db, id: id)!
        }
    }
}
