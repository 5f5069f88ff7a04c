import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Every step of a material request (4.4, REQ-01..09, #13.1): permission and scope, validation, one transaction, a
/// signature (user, time, the version of the form signed), an audit-trail entry, and the next actor told.
public struct MaterialRequestService: Sendable {
    let store: any Store
    let notifier: any HandOffNotifier
    let calendar: any MaterialWorkCalendar

    public init(store: any Store, notifier: any HandOffNotifier = NoHandOffs(), calendar: any MaterialWorkCalendar = ShippedWorkCalendar()) {
        self.store = store
        self.notifier = notifier
        self.calendar = calendar
    }

    static let entity = "material_request"

    /// "LL-2026-000001" (联络单), per year, gapless: the counter moves in the request's own transaction.
    static func nextNumber(_ db: any SQLDatabase, now: Date) async throws -> String {
        let year = String(MaterialValidation.today(now).prefix(4))
        let n = try await Counters.next("material_request:\(year)", in: db)
        return DocumentNumber(prefix: "LL", year: Int(year) ?? 2000, sequence: n).formatted(dash: true, width: 6)
    }

    // MARK: reading

    /// REQ-06/07: the request's unit and above see it (HQ and department accountants all, D16); 生产管理部 and
    /// procurement serve every department.
    static func canView(_ viewer: Principal, path: String) -> Bool {
        MaterialRequestFlow.canView(viewer.roles, covers: viewer.covers(unitPath: path))
    }

    static func load(_ db: any SQLDatabase, id: String, now: Int64) async throws -> MaterialRequestView? {
        guard let row = try await db.raw("SELECT \(unsafeRaw: MaterialRequestView.columns) FROM \(unsafeRaw: MaterialRequestView.from) WHERE r.id = \(bind: id)").first()
        else { return nil }
        var r = try MaterialRequestView(row: row, now: now)
        r.lines = try await db.raw("""
            SELECT l.line_no, l.item_id, l.quantity, l.note, i.code, i.name, i.spec, i.model, i.unit FROM material_request_lines l
            JOIN items i ON i.id = l.item_id WHERE l.request_id = \(bind: id) ORDER BY l.line_no
            """).all().map { row in
            MaterialRequestLineView(lineNo: try row.decode(column: "line_no", as: Int.self), itemId: try row.decode(column: "item_id", as: String.self),
                                    itemCode: try row.decode(column: "code", as: String.self), itemName: try row.decode(column: "name", as: String.self),
                                    spec: try row.decode(column: "spec", as: String.self), model: try row.decode(column: "model", as: String.self),
                                    unit: try row.decode(column: "unit", as: String.self),
                                    quantity: Quantity(milli: try row.decode(column: "quantity", as: Int64.self)), note: try row.decode(column: "note", as: String.self))
        }
        r.signatures = try await db.raw("""
            SELECT seq, action, from_state, to_state, version, user_id, comment, at, \(unsafeRaw: OrgQueries.userNameSQL("user_id")) AS user_name
            FROM material_request_signatures WHERE request_id = \(bind: id) ORDER BY seq
            """).all().map { row in
            let at = try row.decode(column: "at", as: Int64.self)
            return MaterialRequestSignatureView(seq: try row.decode(column: "seq", as: Int.self), action: try row.decode(column: "action", as: String.self),
                                                fromState: try row.decode(column: "from_state", as: String.self), toState: try row.decode(column: "to_state", as: String.self),
                                                version: try row.decode(column: "version", as: Int.self), userId: try row.decode(column: "user_id", as: String.self),
                                                userName: try row.decode(column: "user_name", as: String?.self) ?? "",
                                                comment: try row.decode(column: "comment", as: String.self), at: Times.rfc3339(at), atMillis: at)
        }
        r.arrivalChecks = try await ArrivalService.checks(db, materialRequestId: id)
        return r
    }

    static func require(_ db: any SQLDatabase, id: String, viewer: Principal, now: Int64) async throws -> MaterialRequestView {
        try MaterialAccess.requireViewer(viewer)
        guard let r = try await load(db, id: id, now: now) else {
            // #17.6 RET-04: an archived request (an arrival's link, a bookmark) says when and where it went — to whom could see it.
            throw try await RetentionTombstones.gone(db, kind: .materialRequest, id: id, what: Text("内部联络单", "Material request")) { t in
                canView(viewer, path: t.orgPath ?? "")
            }
        }
        guard canView(viewer, path: r.orgPath) else {
            throw AppError.forbidden(Text("您不能查看该内部联络单", "You cannot see this material request"))
        }
        return r
    }

    public func request(id: String, viewer: Principal, now: Date = Date()) async throws -> MaterialRequestView {
        try await store.read { db in try await Self.require(db, id: id, viewer: viewer, now: Clock.millis(now)) }
    }

    // MARK: the form (REQ-02)

    struct ValidForm: Sendable {
        let unitId: String?
        let kind: MaterialRequestKind
        let urgency: MaterialRequestUrgency
        let reason: String
        let lines: [(itemId: String?, itemCode: String?, quantity: Quantity, note: String)]
    }

    static func validate(_ input: MaterialRequestInput) throws -> ValidForm {
        let kind: MaterialRequestKind = try MaterialValidation.choice(input.kind, "kind")
        let urgency: MaterialRequestUrgency = try MaterialValidation.choice(input.urgency, "urgency", default: .normal)
        let reason = try MaterialValidation.text(input.reason, field: "reason", max: 1000, required: true)!
        guard let raw = input.lines, !raw.isEmpty else { throw AppError.validation("lines", Text("请至少填写一行物资（REQ-02）", "Add at least one line (REQ-02)")) }
        guard raw.count <= MaterialValidation.maxLines else {
            throw AppError.validation("lines", Text("一张联络单最多 {0} 行", "A request has at most {0} lines").with(String(MaterialValidation.maxLines)))
        }
        let lines = try raw.enumerated().map { i, l in
            let id = TextRules.trimmed(l.itemId), code = TextRules.trimmed(l.itemCode)
            guard id != nil || code != nil else {
                throw AppError.validation("lines[\(i)].itemId", Text("第 {0} 行缺少物资", "Line {0} has no item").with(String(i + 1)))
            }
            guard let q = l.quantity, q.isPositive else {
                throw AppError.validation("lines[\(i)].quantity", Text("第 {0} 行数量须大于零", "Line {0} needs a quantity above zero").with(String(i + 1)))
            }
            return (itemId: id, itemCode: code, quantity: q, note: try MaterialValidation.text(l.note, field: "lines[\(i)].note", max: 500, required: false) ?? "")
        }
        return ValidForm(unitId: TextRules.trimmed(input.orgUnitId), kind: kind, urgency: urgency, reason: reason, lines: lines)
    }

    /// Writes the lines of `id` (replacing a draft's), each item checked against the request's kind (REQ-02).
    static func writeLines(_ db: any SQLDatabase, id: String, _ form: ValidForm) async throws {
        var resolved: [(itemId: String, category: ItemCategory, milli: Int64)] = []
        for (i, line) in form.lines.enumerated() {
            let condition: SQLQueryString = line.itemCode.map { "code = \(bind: $0)" } ?? "id = \(bind: line.itemId ?? "")"
            let row = try await db.raw("SELECT id, category FROM items WHERE \(condition)").first()
            guard let row, let category = ItemCategory(rawValue: try row.decode(column: "category", as: String.self)) else {
                throw AppError.validation("lines[\(i)].itemId", Text("第 {0} 行：没有这个物资", "Line {0}: no such item").with(String(i + 1)))
            }
            resolved.append((try row.decode(column: "id", as: String.self), category, line.quantity.milli))
        }
        for problem in MaterialRequestFlow.problems(kind: form.kind, lines: resolved) {
            switch problem {
            case .noLines: throw AppError.validation("lines", Text("请至少填写一行物资（REQ-02）", "Add at least one line (REQ-02)"))
            case .quantityNotPositive(let n):
                throw AppError.validation("lines[\(n - 1)].quantity", Text("第 {0} 行数量须大于零", "Line {0} needs a quantity above zero").with(String(n)))
            case .wrongKind(let n):
                throw AppError.validation("lines[\(n - 1)].itemId", Text("第 {0} 行的物资不属于本单类别：工具、耗材、备件须分开申请（REQ-02）",
                                                                        "Line {0} is not of this request's kind: tools, consumables and spares go on separate requests (REQ-02)").with(String(n)))
            case .duplicateItem(let n):
                throw AppError.validation("lines[\(n - 1)].itemId", Text("第 {0} 行的物资与前面重复", "Line {0} repeats an item").with(String(n)))
            }
        }
        try await db.raw("DELETE FROM material_request_lines WHERE request_id = \(bind: id)").run()
        for (i, line) in resolved.enumerated() {
            try await db.raw("""
                INSERT INTO material_request_lines (request_id, line_no, item_id, quantity, note)
                VALUES (\(bind: id), \(bind: i + 1), \(bind: line.itemId), \(bind: line.milli), \(bind: form.lines[i].note))
                """).run()
        }
    }

    static func sign(_ db: any SQLDatabase, id: String, action: String, from: MaterialRequestState, to: MaterialRequestState, version: Int,
                     by actor: Principal, comment: String, at: Int64) async throws {
        let seq = (try await db.raw("SELECT MAX(seq) AS n FROM material_request_signatures WHERE request_id = \(bind: id)").first()?
            .decode(column: "n", as: Int?.self) ?? 0) + 1
        try await db.raw("""
            INSERT INTO material_request_signatures (request_id, seq, action, from_state, to_state, version, user_id, comment, at)
            VALUES (\(bind: id), \(bind: seq), \(bind: action), \(bind: from.rawValue), \(bind: to.rawValue), \(bind: version), \(bind: actor.userId), \(bind: comment), \(bind: at))
            """).run()
    }

    /// REQ-01: a draft of the site's form; REQ-09: with `urgentRelease`, the department's release that starts at
    /// `sent_to_production` with the form to back-fill (the HQ copy filed at once).
    public func create(_ input: MaterialRequestInput, by actor: Principal, now: Date = Date()) async throws -> MaterialRequestView {
        let form = try Self.validate(input)
        let urgent = input.urgentRelease ?? false
        let notifier = self.notifier
        return try await store.write { db in
            let at = Clock.millis(now)
            let unitId = form.unitId ?? actor.orgUnitId
            guard let path = try await OrgQueries.unitPath(db, unitId: unitId) else {
                throw AppError.validation("orgUnitId", Text("没有这个组织单位", "No such org unit"))
            }
            try MaterialAccess.requireViewer(actor)
            guard MaterialRequestFlow.mayCreate(roles: actor.roles, userPath: actor.orgPath, requestPath: path, urgent: urgent) else {
                throw AppError.forbidden(urgent
                    ? Text("紧急放行由业务部代表现场向生产管理部申请（REQ-09）", "An urgent release is obtained by the business department for the site (REQ-09)")
                    : Text("只有本现场、本业务部或业务管理部可以为该单位填写内部联络单（REQ-01）", "Only the site, its department or HQ writes a request for this unit (REQ-01)"))
            }
            let id = Clock.newID()
            let state: MaterialRequestState = urgent ? .sentToProduction : .draft
            try await db.raw("""
                INSERT INTO material_requests (id, number, org_unit_id, org_path, kind, urgency, reason, state, version, urgent_release, backfill_pending,
                    hq_filed_at, created_by, created_at, updated_at)
                VALUES (\(bind: id), \(bind: try await Self.nextNumber(db, now: now)), \(bind: unitId), \(bind: path), \(bind: form.kind.rawValue),
                    \(bind: form.urgency.rawValue), \(bind: form.reason), \(bind: state.rawValue), 1, \(bind: urgent ? 1 : 0), \(bind: urgent ? 1 : 0),
                    \(bind: urgent ? at : nil), \(bind: actor.userId), \(bind: at), \(bind: at))
                """).run()
            try await Self.writeLines(db, id: id, form)
            if urgent {
                try await Self.sign(db, id: id, action: "urgent_release", from: .draft, to: .sentToProduction, version: 1, by: actor, comment: form.reason, at: at)
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: urgent ? "urgent_release" : "create", entity: Self.entity, entityId: id,
                                        detail: ["kind": form.kind.rawValue, "state": state.rawValue], at: at)
            let r = try await Self.load(db, id: id, now: at)!
            if urgent { try await Self.tell(db, notifier, r, .sentToProduction, actor: actor, at: at) }
            return r
        }
    }

    /// A draft's edit: the form again, its version one higher (a signature names the version it signed, REQ-05).
    public func update(id: String, _ input: MaterialRequestInput, by actor: Principal, now: Date = Date()) async throws -> MaterialRequestView {
        let form = try Self.validate(input)
        return try await store.write { db in
            let at = Clock.millis(now)
            let r = try await Self.require(db, id: id, viewer: actor, now: at)
            guard MaterialRequestFlow.mayAct(.submit, state: .draft, roles: actor.roles, userPath: actor.orgPath, requestPath: r.orgPath) else {
                throw AppError.forbidden(Text("只有申请单位可以修改内部联络单", "Only the requesting unit edits the request"))
            }
            guard r.stateValue == .draft else {
                throw AppError.conflict("invalid_state", Text("只有草稿可以修改；审核中的联络单请先退回", "Only a draft can be edited; a request under review is returned first"))
            }
            try await db.raw("""
                UPDATE material_requests SET kind = \(bind: form.kind.rawValue), urgency = \(bind: form.urgency.rawValue), reason = \(bind: form.reason),
                    version = version + 1, updated_at = \(bind: at) WHERE id = \(bind: id)
                """).run()
            try await Self.writeLines(db, id: id, form)
            try await AuditTrail.record(db, actorId: actor.userId, action: "update", entity: Self.entity, entityId: id, detail: ["version": String(r.version + 1)], at: at)
            return try await Self.load(db, id: id, now: at)!
        }
    }

    // MARK: the steps of 4.4

    public func act(_ action: MaterialRequestAction, id: String, _ input: MaterialRequestStepInput, by actor: Principal, now: Date = Date()) async throws -> MaterialRequestView {
        // The planner's clock needs the calendar: read before the write transaction (its own read).
        let calendar = action == .approve ? try await self.calendar.workCalendar(now: now) : nil
        let notifier = self.notifier
        return try await store.write { db in
            try await Self.step(db, notifier, calendar, action, id: id, input, by: actor, at: Clock.millis(now))
        }
    }

    static func step(_ db: any SQLDatabase, _ notifier: any HandOffNotifier, _ calendar: WorkCalendar?, _ action: MaterialRequestAction, id: String,
                     _ input: MaterialRequestStepInput, by actor: Principal, at: Int64) async throws -> MaterialRequestView {
        let r = try await require(db, id: id, viewer: actor, now: at)
        let state = r.stateValue
        let refused = AppError.forbidden(Text("您不能执行这一步：现场提交，现场负责人、业务部计划员、主管、经理依次签字，生产管理部决定出库或采购（4.4）",
                                              "You cannot take this step: the site submits; site chief, planner, supervisor and manager sign; production decides (4.4)"))
        // The route's audience first (403), then the state (409), then who signs this review step (403).
        guard !actor.roles.isDisjoint(with: MaterialRequestFlow.actors(action)),
              MaterialRequestFlow.companyWide(action) || OrgPath.contains(actor.orgPath, r.orgPath) else { throw refused }
        let source: MaterialRequestSource? = action == .decide ? try MaterialValidation.choice(input.source, "source") : nil
        guard var next = MaterialRequestFlow.next(state, action, source: source, shipped: r.isShipped) else {
            throw AppError.conflict("invalid_state", Text("联络单当前状态不允许此操作", "The request's state does not allow this step"))
        }
        guard MaterialRequestFlow.mayAct(action, state: state, roles: actor.roles, userPath: actor.orgPath, requestPath: r.orgPath) else { throw refused }
        var comment = ""
        var sets: [SQLQueryString] = []
        switch action {
        case .return:
            comment = try MaterialValidation.text(input.comment, field: "comment", max: 1000, required: true)!
            sets.append("planner_entered_at = NULL, planner_due_at = NULL")
        case .approve where next == .plannerReview:
            let due = MaterialRequestFlow.plannerDue(enteredAt: at, on: calendar ?? WorkCalendar(schedule: HolidaySchedule(years: ShippedHolidays.years)))
            sets.append("planner_entered_at = \(bind: at), planner_due_at = \(bind: due)")
        case .approve where next == .sentToProduction:
            sets.append("hq_filed_at = \(bind: at)")
        case .decide:
            sets.append("source = \(bind: source!.rawValue)")
        case .order:
            let ref = try MaterialValidation.text(input.orderRef, field: "orderRef", max: 100, required: true)!
            let supplier = TextRules.trimmed(input.supplierId)
            if let supplier, try await db.raw("SELECT id FROM suppliers WHERE id = \(bind: supplier)").first() == nil {
                throw AppError.validation("supplierId", Text("没有这个供应商", "No such supplier"))
            }
            sets.append("order_ref = \(bind: ref), supplier_id = \(bind: supplier)")
            comment = ref
        case .ship:
            comment = try MaterialValidation.text(input.note, field: "note", max: 500, required: false) ?? ""
            sets.append("shipped_at = \(bind: at), shipping_note = \(bind: comment)")
        case .confirmArrival:
            // #13.1 item 1: a check recorded against the request closes it when completed; no second confirmation beside it.
            if let open = try await ArrivalService.openCheck(db, materialRequestId: id) {
                throw AppError.conflict("arrival_check_open", Text("到货验收单 {0} 正在验收：验收完成时联络单自动关闭", "Arrival check {0} is open: the request closes when it is completed").with(open.number))
            }
            comment = try MaterialValidation.text(input.note, field: "note", max: 500, required: false) ?? ""
            sets.append("arrived_at = \(bind: at)")
        default:
            comment = try MaterialValidation.text(input.comment, field: "comment", max: 1000, required: false) ?? ""
        }
        try await sign(db, id: id, action: action.rawValue, from: state, to: next, version: r.version, by: actor, comment: comment, at: at)
        if next == .arrived {
            // 4.4 arrived → closed: the site's confirmation closes the request (two entries on its timeline).
            try await sign(db, id: id, action: "close", from: .arrived, to: MaterialRequestFlow.afterArrival, version: r.version, by: actor, comment: "", at: at)
            next = MaterialRequestFlow.afterArrival
            sets.append("closed_at = \(bind: at)")
        }
        sets.append("state = \(bind: next.rawValue), updated_at = \(bind: at)")
        try await db.raw("UPDATE material_requests SET \(SQLList(sets, separator: SQLRaw(", "))) WHERE id = \(bind: id)").run()
        var detail = ["from": state.rawValue, "state": next.rawValue, "version": String(r.version)]
        if !comment.isEmpty { detail["comment"] = comment }
        try await AuditTrail.record(db, actorId: actor.userId, action: action.rawValue, entity: entity, entityId: id, detail: detail, at: at)
        if next != state { try await tell(db, notifier, r, next, actor: actor, at: at) }
        return try await load(db, id: id, now: at)!
    }

    /// REQ-09: the department files the form of an urgent release afterwards: its manager signs the back-filled form
    /// (the lines and reason written at the release), and the request leaves the open back-fills.
    public func backfill(id: String, _ input: MaterialRequestStepInput, by actor: Principal, now: Date = Date()) async throws -> MaterialRequestView {
        try await store.write { db in
            let at = Clock.millis(now)
            let r = try await Self.require(db, id: id, viewer: actor, now: at)
            guard !actor.roles.isDisjoint(with: MaterialRequestFlow.backfillers), OrgPath.contains(actor.orgPath, r.orgPath) else {
                throw AppError.forbidden(Text("补办的联络单由业务部经理签字（REQ-09）", "The department manager signs the back-filled form (REQ-09)"))
            }
            guard r.backfillPending else {
                throw AppError.conflict("invalid_state", Text("该联络单没有待补办的手续", "This request has no form to back-fill"))
            }
            let comment = try MaterialValidation.text(input.comment, field: "comment", max: 1000, required: false) ?? ""
            try await Self.sign(db, id: id, action: "backfill", from: r.stateValue, to: r.stateValue, version: r.version, by: actor, comment: comment, at: at)
            try await db.raw("UPDATE material_requests SET backfill_pending = 0, backfilled_at = \(bind: at), updated_at = \(bind: at) WHERE id = \(bind: id)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "backfill", entity: Self.entity, entityId: id, detail: ["version": String(r.version)], at: at)
            return try await Self.load(db, id: id, now: at)!
        }
    }

    /// The next actor (#11.4 hand-offs): the reviewer of the step in scope, production or procurement for all, the site
    /// on shipment and on return (its author).
    static func tell(_ db: any SQLDatabase, _ notifier: any HandOffNotifier, _ r: MaterialRequestView, _ next: MaterialRequestState, actor: Principal, at: Int64) async throws {
        let path = r.orgPath
        let recipients: HandOff.Recipients
        switch next {
        case .draft, .closed, .arrived:
            recipients = .init(userIds: [r.createdBy])
        case .siteReview, .plannerReview, .supervisorReview, .managerReview:
            let role = MaterialRequestFlow.reviewer(next)!
            recipients = .init(eligible: { roles, userPath in roles.contains(role) && OrgPath.contains(userPath, path) })
        case .sentToProduction, .shippingFromStock:
            recipients = .init(eligible: { roles, _ in roles.contains(.production) })
        case .procurement:
            recipients = .init(eligible: { roles, _ in roles.contains(.procurement) })
        case .supplierShipping:
            recipients = .init(eligible: { roles, userPath in !roles.isDisjoint(with: MaterialRequestFlow.receivers) && OrgPath.contains(userPath, path) })
        }
        let label = MaterialRequestLabels.state(next)
        _ = try await notifier.handOff(db, HandOff(
            kind: "material_request_\(next.rawValue)", recipients: recipients,
            title: Text("内部联络单 {0}", "Material request {0}").with(r.number),
            body: Text("联络单状态：" + label.zh, "Request is now: " + label.en),
            link: "/materials/requests/\(r.id)", actorId: actor.userId), at: at)
    }
}
