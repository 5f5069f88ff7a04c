import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Calls entered for inspection and the inspections of tickets and calls (KPI-02, KPI-03): each step one transaction
/// with its permission, validation and an audit-trail entry. A call answered after more than three rings produces a
/// penalty record in the same transaction; an inspection may propose one.
public struct InspectionService: Sendable {
    let store: any Store
    let tickets: any InspectionTicketSource

    public init(store: any Store, tickets: any InspectionTicketSource = NoInspectionTickets()) {
        self.store = store
        self.tickets = tickets
    }

    static func requireInspector(_ actor: Principal, unitPath: String) throws {
        guard !actor.roles.isDisjoint(with: InspectionScoring.inspectors), actor.covers(unitPath: unitPath) else {
            throw AppError.forbidden(Text("只有本单位的质检员、客服主管或客服经理可以质检（KPI-03）",
                                          "Only the unit's QA inspectors, customer-service supervisor or manager inspect (KPI-03)"))
        }
    }

    /// The agent inspected: an active staff member of a unit the actor inspects; nobody inspects themselves.
    static func agent(_ db: any SQLDatabase, id: String, actor: Principal) async throws -> OrgQueries.UserSummary {
        guard let agent = try await OrgQueries.userSummary(db, userId: id), agent.active, !Role.isCustomerOnly(Set(Role.set(agent.roles))) else {
            throw AppError.validation("agentId", Text("员工不存在", "No such staff member"))
        }
        try requireInspector(actor, unitPath: agent.orgPath)
        guard agent.id != actor.userId else { throw AppError.validation("agentId", Text("不能质检自己", "You cannot inspect yourself")) }
        return agent
    }

    /// An instant typed as "2026-11-20 14:30" (2026/11/20 14:30, 2026年11月20日 14:30) in the organisation's zone.
    static func instant(_ typed: String?, field: String) throws -> Int64 {
        guard let t = TextRules.trimmed(typed) else { throw AppError.validation(field, Text("请填写来电时间", "The time of the call is required")) }
        guard let (day, minute) = UsualInput.dayAndMinute(t) else {
            throw AppError.validation(field, Text("时间格式应为 YYYY-MM-DD HH:MM", "The time must be YYYY-MM-DD HH:MM"))
        }
        let c = day.components
        guard let date = Times.calendar().date(from: DateComponents(year: c.year, month: c.month, day: c.day, hour: minute / 60, minute: minute % 60)) else {
            throw AppError.validation(field, Text("时间格式应为 YYYY-MM-DD HH:MM", "The time must be YYYY-MM-DD HH:MM"))
        }
        return Clock.millis(date)
    }

    // MARK: calls (KPI-02)

    /// KPI-02: a call entered with its time, caller number, agent, rings before the answer, duration and note. More than
    /// three rings produces a proposed penalty record for the agent, in the same transaction.
    public func enterCall(_ input: CallRecordInput, by actor: Principal, now: Date = Date()) async throws -> CallRecordView {
        guard let agentId = TextRules.trimmed(input.agentId) else { throw AppError.validation("agentId", Text("请选择接听的客服人员", "Choose the agent who answered")) }
        let calledAt = try Self.instant(input.calledAt, field: "calledAt")
        guard calledAt <= Clock.millis(now) else { throw AppError.validation("calledAt", Text("来电时间不能晚于现在", "The call cannot be in the future")) }
        let caller = try TrainingService.text(input.callerNumber, field: "callerNumber", max: 30, required: Text("请填写来电号码", "The caller's number is required"))
        guard let rings = input.rings, (0...99).contains(rings) else { throw AppError.validation("rings", Text("响铃次数应为 0–99", "The rings are 0–99")) }
        guard let duration = input.durationSeconds, (0...86_400).contains(duration) else {
            throw AppError.validation("durationSeconds", Text("通话时长应为 0–86400 秒", "The duration is 0–86400 seconds"))
        }
        let note = try TrainingService.text(input.note, field: "note", max: 1000, required: nil)
        return try await store.write { db in
            let agent = try await Self.agent(db, id: agentId, actor: actor)
            let id = try await Self.insertCall(db, agent: agent, calledAt: calledAt, callerNumber: caller, rings: rings, durationSeconds: duration,
                                               note: note, actorId: actor.userId, now: now)
            guard let view = try await QualityQueries.call(db, id: id)?.view else { throw AppError.internalError("call") }
            return view
        }
    }

    /// #16.3 KPI-02: a call the telephony webhook saw answered after more than three rings, recorded for inspection
    /// inside the webhook's transaction (no inspector enters it: the PBX told us). `agentId`: the agent of the
    /// extension, who is also named as the record's author. Returns the call record's id; nil when the agent is not an
    /// active staff member.
    public static func recordCall(_ db: any SQLDatabase, agentId: String, calledAt: Int64, callerNumber: String, rings: Int, durationSeconds: Int,
                                  note: String, now: Date) async throws -> String? {
        guard let agent = try await OrgQueries.userSummary(db, userId: agentId), agent.active, !Role.isCustomerOnly(Set(Role.set(agent.roles))) else {
            return nil
        }
        return try await insertCall(db, agent: agent, calledAt: calledAt, callerNumber: String(callerNumber.prefix(30)), rings: min(max(rings, 0), 99),
                                    durationSeconds: min(max(durationSeconds, 0), 86_400), note: String(note.prefix(1000)), actorId: agent.id, now: now)
    }

    static func insertCall(_ db: any SQLDatabase, agent: OrgQueries.UserSummary, calledAt: Int64, callerNumber caller: String, rings: Int,
                           durationSeconds duration: Int, note: String, actorId: String, now: Date) async throws -> String {
        let id = Clock.newID(), at = Clock.millis(now)
        try await db.raw("""
            INSERT INTO quality_calls (id, org_unit_id, org_path, agent_id, called_at, caller_number, rings, duration_seconds, note, created_by, created_at)
            VALUES (\(bind: id), \(bind: agent.orgUnitId), \(bind: agent.orgPath), \(bind: agent.id), \(bind: calledAt), \(bind: caller), \(bind: rings),
                \(bind: duration), \(bind: note), \(bind: actorId), \(bind: at))
            """).run()
        try await AuditTrail.record(db, actorId: actorId, action: "create", entity: "quality_call", entityId: id,
                                    detail: ["agent": agent.id, "rings": String(rings), "caller": caller], at: at)
        if QualityPenaltyRules.isLateAnswer(rings: rings) {
            let reason = "响铃 \(rings) 声后接听（超过 \(QualityPenaltyRules.maximumRings) 声，KPI-02） / Answered after \(rings) rings (more than \(QualityPenaltyRules.maximumRings), KPI-02)"
            _ = try await QualityPenaltyService.propose(db, agentId: agent.id, unitId: agent.orgUnitId, unitPath: agent.orgPath, source: .lateAnswer,
                                                        key: "call:" + id, callId: id, inspectionId: nil, reason: reason, occurredAt: calledAt,
                                                        by: actorId, now: now)
        }
        return id
    }

    public func call(id: String, viewer: Principal) async throws -> CallRecordView {
        try await store.read { db in try await QualityQueries.callView(db, id: id, viewer: viewer) }
    }

    public func calls(viewer: Principal, paging: Paging) async throws -> ListPage<CallRecordView> {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in try await QualityQueries.calls(db, viewer: viewer, paging: paging) }
    }

    // MARK: inspections (KPI-03)

    /// KPI-03: scores a ticket (by its number; the agent is its first-contact owner unless named) or an entered call
    /// against an active standard of that kind that applies to the agent's unit. One whole score 0–100 per item; the
    /// weighted total is computed exactly (`InspectionScoring`); the items are copied with their weights.
    public func inspect(_ input: InspectionInput, by actor: Principal, now: Date = Date()) async throws -> InspectionView {
        guard let standardId = TextRules.trimmed(input.standardId) else { throw AppError.validation("standardId", Text("请选择质检标准", "Choose the inspection standard")) }
        let scores = input.scores ?? []
        if let bad = scores.firstIndex(where: { !InspectionScoring.isValidScore($0) }) {
            throw AppError.validation("scores", Text("第 {0} 项的得分应为 0–100 的整数", "Item {0}: the score is a whole number 0–100").with(String(bad + 1)))
        }
        let comment = try TrainingService.text(input.comment, field: "comment", max: 2000, required: nil)
        let penaltyReason = try TrainingService.text(input.penaltyReason, field: "penaltyReason", max: QualityPenaltyRules.maximumReason, required: nil)
        let typedTicket = TextRules.trimmed(input.ticketNumber), callId = TextRules.trimmed(input.callId), namedAgent = TextRules.trimmed(input.agentId)
        let tickets = self.tickets
        return try await store.write { db in
            guard let standard = try await QualityQueries.standardRow(db, id: standardId) else {
                throw AppError.validation("standardId", Text("质检标准不存在", "No such inspection standard"))
            }
            guard standard.status == InspectionScoring.StandardStatus.active.rawValue else {
                throw AppError.validation("standardId", Text("该质检标准已停用", "This inspection standard is retired"))
            }
            var ticket: InspectedTicket?
            var agentId: String
            switch InspectionScoring.Kind(rawValue: standard.kind) {
            case .ticket?:
                guard let typedTicket else { throw AppError.validation("ticketNumber", Text("请填写工单号", "The ticket number is required")) }
                guard let found = try await tickets.ticket(db, typed: typedTicket) else {
                    throw AppError.validation("ticketNumber", Text("工单 {0} 不存在", "There is no ticket {0}").with(typedTicket))
                }
                try Self.requireInspector(actor, unitPath: found.orgPath)
                guard let owner = namedAgent ?? found.ownerId else {
                    throw AppError.validation("agentId", Text("该工单没有首问负责人，请选择被质检的客服人员", "The ticket has no owner: choose the agent inspected"))
                }
                ticket = found
                agentId = owner
            case .call?:
                guard let callId, let call = try await QualityQueries.call(db, id: callId) else {
                    throw AppError.validation("callId", Text("请选择来电记录", "Choose the call record"))
                }
                agentId = call.view.agentId
            case nil:
                throw AppError.internalError("standard kind")
            }
            let agent = try await Self.agent(db, id: agentId, actor: actor)
            guard OrgPath.contains(standard.orgPath, agent.orgPath) else {
                throw AppError.validation("standardId", Text("该质检标准不适用于被质检人员的单位", "This standard does not apply to the agent's unit"))
            }
            let items = try await QualityQueries.standardItems(db, id: standard.id)
            guard scores.count == items.count else {
                throw AppError.validation("scores", Text("请为全部 {0} 个项目打分", "Score all {0} items").with(String(items.count)))
            }
            let total = InspectionScoring.totalHundredths(scores: scores, weights: items.map(\.weight))
            let number = try await SwapService.nextNumber(db, prefix: "ZJ", kind: "inspection", now: now)
            let id = Clock.newID(), at = Clock.millis(now)
            try await db.raw("""
                INSERT INTO inspections (id, number, org_unit_id, org_path, agent_id, standard_id, standard_name, kind, ticket_id, ticket_number, call_id, total,
                    comment, inspector_id, inspected_at)
                VALUES (\(bind: id), \(bind: number), \(bind: agent.orgUnitId), \(bind: agent.orgPath), \(bind: agent.id), \(bind: standard.id), \(bind: standard.name),
                    \(bind: standard.kind), \(bind: ticket?.id), \(bind: ticket?.number), \(bind: ticket == nil ? callId : nil), \(bind: total), \(bind: comment),
                    \(bind: actor.userId), \(bind: at))
                """).run()
            for (i, item) in items.enumerated() {
                try await db.raw("""
                    INSERT INTO inspection_scores (inspection_id, line, label, weight, score) VALUES (\(bind: id), \(bind: i + 1), \(bind: item.label), \(bind: item.weight), \(bind: scores[i]))
                    """).run()
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "inspection", entityId: id,
                                        detail: ["number": number, "agent": agent.id, "standard": standard.name, "total": InspectionScoring.text(total),
                                                 "scores": scores.map(String.init).joined(separator: ",")], at: at)
            if !penaltyReason.isEmpty {
                _ = try await QualityPenaltyService.propose(db, agentId: agent.id, unitId: agent.orgUnitId, unitPath: agent.orgPath, source: .inspection,
                                                            key: "inspection:" + id, callId: nil, inspectionId: id, reason: penaltyReason, occurredAt: at,
                                                            by: actor.userId, now: now)
            }
            return try await QualityQueries.inspection(db, id: id, viewer: actor)
        }
    }

    public func inspection(id: String, viewer: Principal) async throws -> InspectionView {
        try await store.read { db in try await QualityQueries.inspection(db, id: id, viewer: viewer) }
    }

    public func inspections(viewer: Principal, mine: Bool, q: String?, paging: Paging) async throws -> ListPage<InspectionView> {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in try await QualityQueries.inspections(db, viewer: viewer, mine: mine, q: TextRules.trimmed(q), paging: paging) }
    }
}
