import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #15.5 KPI-06: every step of a material-loss responsibility record — register, propose the penalty, approve or
/// reject — with its permission check, validation, one transaction and an audit-trail entry; the responsible person is
/// told of the decision.
public struct LossResponsibilityService: Sendable {
    let store: any Store
    let notifier: any HandOffNotifier

    public init(store: any Store, notifier: any HandOffNotifier = NoHandOffs()) {
        self.store = store
        self.notifier = notifier
    }

    /// "SS-2026-000001" (损失责任单): per year, gapless, in the record's own transaction (one counter row).
    static let prefix = "SS"

    static func nextNumber(_ db: any SQLDatabase, now: Date) async throws -> String {
        let year = String(MaterialValidation.today(now).prefix(4))
        let n = try await Counters.next("loss:\(prefix):\(year)", in: db)
        return DocumentNumber(prefix: prefix, year: Int(year) ?? 0, sequence: n).formatted(dash: true, width: 6)
    }

    static func text(_ raw: String?, field: String, label: Text, max: Int, required: Bool) throws -> String? {
        let t = TextRules.trimmed(raw)
        if required, t == nil { throw AppError.validation(field, Text("请填写{0}", "Fill in {1}").with(label.zh, label.en)) }
        if let t, t.count > max { throw AppError.validation(field, Text("{0}最长 {2} 字", "{1} is at most {2} characters").with(label.zh, label.en, String(max))) }
        return t
    }

    struct CheckedLine: Sendable { let typedItem: String; let quantity: Quantity; let valueFen: Int64 }

    static func quantity(_ typed: TypedAmount?, field: String) throws -> Quantity {
        guard let raw = TextRules.trimmed(typed?.text) else { throw AppError.validation(field, Text("请填写数量", "Enter the quantity")) }
        guard let q = Quantity.parse(UsualInput.number(raw) ?? raw), q.isPositive else {
            throw AppError.validation(field, Text("数量应为大于零的数（最多三位小数）", "The quantity must be above zero (at most three decimals)"))
        }
        return q
    }

    static func money(_ typed: TypedAmount?, field: String, required: Bool) throws -> Int64? {
        guard let raw = TextRules.trimmed(typed?.text) else {
            if required { throw AppError.validation(field, Text("请填写金额（元）", "Enter the amount (yuan)")) }
            return nil
        }
        guard let fen = Yuan.fen(raw), fen > 0 else {
            throw AppError.validation(field, Text("金额应为大于 0 的数（元，最多两位小数），例如 350.00", "The amount must be above 0 in yuan with at most two decimals, e.g. 350.00"))
        }
        return fen
    }

    static func checkedLines(_ lines: [LossResponsibilityInput.Line]) throws -> [CheckedLine] {
        var out: [CheckedLine] = []
        for (i, line) in lines.enumerated() {
            let item = TextRules.trimmed(line.itemId)
            if item == nil && TextRules.trimmed(line.quantity?.text) == nil && TextRules.trimmed(line.value?.text) == nil { continue }
            guard let item else { throw AppError.validation("lines[\(i)].itemId", Text("请选择存货", "Choose the item")) }
            out.append(CheckedLine(typedItem: item, quantity: try quantity(line.quantity, field: "lines[\(i)].quantity"),
                                   valueFen: try money(line.value, field: "lines[\(i)].value", required: true)!))
        }
        guard !out.isEmpty else { throw AppError.validation("lines[0].itemId", Text("请至少填写一种损失的存货", "Enter at least one item lost")) }
        guard out.count <= LossResponsibilityRules.maximumLines else {
            throw AppError.validation("lines", Text("一张责任单最多 {0} 行", "A record holds at most {0} lines").with(String(LossResponsibilityRules.maximumLines)))
        }
        return out
    }

    // MARK: register

    /// KPI-06: the business department records a loss at one of its sites; the responsible person is the site chief
    /// unless another is named.
    public func register(_ input: LossResponsibilityInput, by actor: Principal, now: Date = Date()) async throws -> LossResponsibilityView {
        guard let siteId = TextRules.trimmed(input.orgUnitId) else { throw AppError.validation("orgUnitId", Text("请选择现场", "Choose the site")) }
        guard let causeRaw = TextRules.trimmed(input.cause) else { throw AppError.validation("cause", Text("请选择损失原因", "Choose the cause")) }
        guard let cause = LossCause(rawValue: causeRaw) else {
            throw AppError.validation("cause", Text("损失原因的取值必须是：{0}", "The cause must be one of: {0}").with(LossCause.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        let description = try Self.text(input.description, field: "description", label: Text("损失情况说明", "the description"), max: 2000, required: true) ?? ""
        let lines = try Self.checkedLines(input.lines ?? [])
        let typedResponsible = TextRules.trimmed(input.responsibleId)
        let typedLink = TextRules.trimmed(input.linkNumber)
        let at = Clock.millis(now)
        return try await store.write { db in
            guard let site = try await OrgQueries.unitSummary(db, unitId: siteId), site.active else {
                throw AppError.validation("orgUnitId", Text("现场不存在", "No such site"))
            }
            guard site.kind == OrgUnitKind.site.rawValue else {
                throw AppError.validation("orgUnitId", Text("“{0}”不是现场：损失责任单记在现场（KPI-06）", "{0} is not a site: a loss is recorded against a site (KPI-06)").with(site.name))
            }
            guard LossResponsibilityRules.may(.register, roles: actor.roles, covers: actor.covers(unitPath: site.path)) else {
                throw AppError.forbidden(Text("您不能为现场“{0}”登记材料损失：由其业务部人员登记并提出处罚（KPI-06）",
                                              "You cannot record a loss at {0}: its business department records it and proposes the penalty (KPI-06)").with(site.name))
            }
            let responsible: String
            if let typedResponsible {
                guard let id = try await OrgQueries.activeUserId(db, typed: typedResponsible) else {
                    throw AppError.validation("responsibleId", Text("责任人不存在", "No such user"))
                }
                responsible = id
            } else {
                guard let chief = try await OrgQueries.activeHolders(db, of: LossResponsibilityRules.siteChief, inUnit: site.id).first else {
                    throw AppError.validation("responsibleId", Text("现场“{0}”没有现场负责人，请选择责任人", "{0} has no site chief: choose the person responsible").with(site.name))
                }
                responsible = chief
            }
            var link: (kind: String, id: String, number: String)?
            if let typedLink {
                let number = typedLink.uppercased()
                if let row = try await db.raw("SELECT id, number FROM stocktakes WHERE number = \(bind: number)").first() {
                    link = ("stocktake", try row.decode(column: "id", as: String.self), try row.decode(column: "number", as: String.self))
                } else if let row = try await db.raw("SELECT id, number FROM damaged_parts WHERE number = \(bind: number)").first() {
                    link = ("damaged_part", try row.decode(column: "id", as: String.self), try row.decode(column: "number", as: String.self))
                } else {
                    throw AppError.validation("linkNumber", Text("没有编号为 {0} 的盘点单或损坏件", "There is no stocktake or damaged part {0}").with(typedLink))
                }
            }
            var resolved: [(itemId: String, line: CheckedLine)] = []
            for (i, line) in lines.enumerated() {
                guard let item = try await db.raw("SELECT id FROM items WHERE id = \(bind: line.typedItem) OR code = \(bind: line.typedItem)").first() else {
                    throw AppError.validation("lines[\(i)].itemId", Text("存货 {0} 不存在", "There is no item {0}").with(line.typedItem))
                }
                resolved.append((try item.decode(column: "id", as: String.self), line))
            }
            let id = Clock.newID()
            let number = try await Self.nextNumber(db, now: now)
            let total = LossResponsibilityRules.totalFen(lines.map(\.valueFen))
            try await db.raw("""
                INSERT INTO loss_responsibilities (id, number, org_unit_id, org_path, cause, description, responsible_id, link_kind, link_id, link_number,
                    total_fen, status, penalty_fen, penalty_text, decision_note, created_by, created_at, updated_at)
                VALUES (\(bind: id), \(bind: number), \(bind: site.id), \(bind: site.path), \(bind: cause.rawValue), \(bind: description), \(bind: responsible),
                    \(bind: link?.kind), \(bind: link?.id), \(bind: link?.number), \(bind: total), \(bind: LossResponsibilityStatus.registered.rawValue),
                    NULL, NULL, NULL, \(bind: actor.userId), \(bind: at), \(bind: at))
                """).run()
            for (i, r) in resolved.enumerated() {
                try await db.raw("""
                    INSERT INTO loss_responsibility_lines (record_id, line_no, item_id, quantity, value_fen)
                    VALUES (\(bind: id), \(bind: i + 1), \(bind: r.itemId), \(bind: r.line.quantity.milli), \(bind: r.line.valueFen))
                    """).run()
            }
            try await Self.step(db, id: id, no: 1, action: .register, actor: actor, note: description, amountFen: nil, at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: "register", entity: "loss_responsibility", entityId: id,
                                        detail: ["number": number, "site": site.code, "cause": cause.rawValue, "total": Yuan.text(total), "responsible": responsible], at: at)
            return try await LossResponsibilityQueries.view(db, id: id, viewer: actor)
        }
    }

    static func step(_ db: any SQLDatabase, id: String, no: Int, action: LossResponsibilityAction, actor: Principal, note: String, amountFen: Int64?, at: Int64) async throws {
        try await db.raw("""
            INSERT INTO loss_responsibility_steps (record_id, step_no, action, actor_id, note, amount_fen, at)
            VALUES (\(bind: id), \(bind: no), \(bind: action.rawValue), \(bind: actor.userId), \(bind: note), \(bind: amountFen), \(bind: at))
            """).run()
    }

    /// The record locked for a step, the step checked against the rules (permission, then state).
    func locked(_ db: any SQLDatabase, id: String, _ action: LossResponsibilityAction, actor: Principal) async throws -> (status: LossResponsibilityStatus, number: String, path: String, responsible: String, steps: Int) {
        guard let row = try await db.raw("""
            SELECT number, org_path, status, responsible_id FROM loss_responsibilities WHERE id = \(bind: id)\(unsafeRaw: store.dialect.rowLock())
            """).first() else { throw AppError.notFound(Text("材料损失责任单", "Loss responsibility record")) }
        let path = try row.decode(column: "org_path", as: String.self)
        let responsible = try row.decode(column: "responsible_id", as: String.self)
        guard LossResponsibilityRules.mayEver(action, roles: actor.roles) else { throw Self.refusal(action) }
        guard LossResponsibilityRules.maySee(roles: actor.roles, covers: actor.covers(unitPath: path), isResponsible: responsible == actor.userId) else {
            throw AppError.notFound(Text("材料损失责任单", "Loss responsibility record"))
        }
        guard LossResponsibilityRules.may(action, roles: actor.roles, covers: actor.covers(unitPath: path)) else { throw Self.refusal(action) }
        let status = LossResponsibilityStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .registered
        guard LossResponsibilityRules.next(action, from: status) != nil else {
            throw AppError.conflict("invalid_transition", Text("该责任单当前为“{0}”，不能执行此操作", "The record is {1}: this step is not allowed now").with(status.label.zh, status.label.en.lowercased()))
        }
        let steps = try await db.raw("SELECT COUNT(*) AS n FROM loss_responsibility_steps WHERE record_id = \(bind: id)").first()?.decode(column: "n", as: Int.self) ?? 0
        return (status, try row.decode(column: "number", as: String.self), path, responsible, steps)
    }

    static func refusal(_ action: LossResponsibilityAction) -> AppError {
        action == .propose || action == .register
            ? AppError.forbidden(Text("材料损失由该现场所属业务部的人员登记并提出处罚意见（KPI-06）", "The site's business department records the loss and proposes the penalty (KPI-06)"))
            : AppError.forbidden(Text("处罚意见由业务管理部审批（KPI-06）", "业务管理部 (HQ materials office) decides the proposal (KPI-06)"))
    }

    // MARK: propose, approve, reject

    /// KPI-06: the business department proposes the penalty (an amount, a text, or both).
    public func propose(id: String, _ input: LossPenaltyInput, by actor: Principal, now: Date = Date()) async throws -> LossResponsibilityView {
        let amount = try Self.money(input.amount, field: "amount", required: false)
        let text = try Self.text(input.text, field: "text", label: Text("处罚意见", "the penalty text"), max: 1000, required: false)
        guard LossResponsibilityRules.isCompleteProposal(amountFen: amount, text: text) else {
            throw AppError.validation("amount", Text("请填写处罚金额或处罚意见", "Enter the penalty amount or the penalty text"))
        }
        let at = Clock.millis(now)
        return try await store.write { db in
            let r = try await locked(db, id: id, .propose, actor: actor)
            try await db.raw("""
                UPDATE loss_responsibilities SET status = 'proposed', penalty_fen = \(bind: amount), penalty_text = \(bind: text), decision_note = NULL,
                    updated_at = \(bind: at) WHERE id = \(bind: id)
                """).run()
            try await Self.step(db, id: id, no: r.steps + 1, action: .propose, actor: actor, note: text ?? "", amountFen: amount, at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: "propose", entity: "loss_responsibility", entityId: id,
                                        detail: ["number": r.number, "amount": amount.map(Yuan.text) ?? "", "text": text ?? ""], at: at)
            try await LossResponsibilityHandOffs(notifier: notifier).proposed(db, number: r.number, id: id, by: actor, at: at)
            return try await LossResponsibilityQueries.view(db, id: id, viewer: actor)
        }
    }

    /// KPI-06 (decision: as KPI-05): 业务管理部 approves the proposal (a note optional); the responsible person is told.
    public func approve(id: String, _ input: LossDecisionInput, by actor: Principal, now: Date = Date()) async throws -> LossResponsibilityView {
        try await decide(id: id, .approve, note: try Self.text(input.reason, field: "reason", label: Text("理由", "the reason"), max: 1000, required: false), by: actor, now: now)
    }

    /// 业务管理部 rejects the proposal with a reason; the business department may propose again.
    public func reject(id: String, _ input: LossDecisionInput, by actor: Principal, now: Date = Date()) async throws -> LossResponsibilityView {
        guard let reason = try Self.text(input.reason, field: "reason", label: Text("理由", "the reason"), max: 1000, required: false) else {
            throw AppError.validation("reason", Text("驳回须填写理由", "A rejection needs a reason"))
        }
        return try await decide(id: id, .reject, note: reason, by: actor, now: now)
    }

    func decide(id: String, _ action: LossResponsibilityAction, note: String?, by actor: Principal, now: Date) async throws -> LossResponsibilityView {
        let at = Clock.millis(now)
        return try await store.write { db in
            let r = try await locked(db, id: id, action, actor: actor)
            let to = LossResponsibilityRules.next(action, from: r.status)!
            try await db.raw("""
                UPDATE loss_responsibilities SET status = \(bind: to.rawValue), decision_note = \(bind: note), updated_at = \(bind: at) WHERE id = \(bind: id)
                """).run()
            try await Self.step(db, id: id, no: r.steps + 1, action: action, actor: actor, note: note ?? "", amountFen: nil, at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: action.rawValue, entity: "loss_responsibility", entityId: id,
                                        detail: ["number": r.number, "note": note ?? ""], at: at)
            try await LossResponsibilityHandOffs(notifier: notifier).decided(db, number: r.number, id: id, approved: action == .approve,
                                                                            responsibleId: r.responsible, sitePath: r.path, by: actor, at: at)
            return try await LossResponsibilityQueries.view(db, id: id, viewer: actor)
        }
    }

    // MARK: reads

    public func record(id: String, viewer: Principal) async throws -> LossResponsibilityView {
        try await store.read { db in try await LossResponsibilityQueries.view(db, id: id, viewer: viewer) }
    }

    public func records(_ q: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<LossResponsibilityView> {
        guard !Role.isCustomerOnly(viewer.roles) else { throw AppError.forbidden() }
        let f = try LossResponsibilityQueries.filter(q)
        return try await store.read { db in try await LossResponsibilityQueries.list(db, f, paging: paging, viewer: viewer) }
    }
}
