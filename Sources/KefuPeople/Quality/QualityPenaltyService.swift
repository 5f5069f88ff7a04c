import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// The penalty register (KPI-02, CMP-17): records proposed by a late answer, by every third verified complaint about an
/// agent, or by an inspection; the department supervisor confirms or waives each with a reason. Every step is one
/// transaction with its permission check and an audit-trail entry.
public struct QualityPenaltyService: Sendable {
    let store: any Store
    let complaints: any AgentComplaintSource

    public init(store: any Store, complaints: any AgentComplaintSource = NoAgentComplaints()) {
        self.store = store
        self.complaints = complaints
    }

    /// Writes a proposed record inside the caller's transaction, unless one with `key` exists (the key is unique: a call,
    /// an inspection, or the n-th group of three complaints). Returns the new record's id, nil when it existed.
    static func propose(_ db: any SQLDatabase, agentId: String, unitId: String, unitPath: String, source: QualityPenaltyRules.Source, key: String,
                        callId: String?, inspectionId: String?, reason: String, occurredAt: Int64, by actorId: String?, now: Date) async throws -> String? {
        if try await db.raw("SELECT id FROM quality_penalties WHERE source_key = \(bind: key)").first() != nil { return nil }
        let number = try await SwapService.nextNumber(db, prefix: "CF", kind: "quality_penalty", now: now)
        let id = Clock.newID(), at = Clock.millis(now)
        try await db.raw("""
            INSERT INTO quality_penalties (id, number, org_unit_id, org_path, agent_id, source, source_key, call_id, inspection_id, reason, status, occurred_at,
                created_by, created_at)
            VALUES (\(bind: id), \(bind: number), \(bind: unitId), \(bind: unitPath), \(bind: agentId), \(bind: source.rawValue), \(bind: key), \(bind: callId),
                \(bind: inspectionId), \(bind: reason), \(bind: QualityPenaltyRules.Status.proposed.rawValue), \(bind: occurredAt), \(bind: actorId), \(bind: at))
            """).run()
        try await AuditTrail.record(db, actorId: actorId, action: "propose", entity: "quality_penalty", entityId: id,
                                    detail: ["number": number, "agent": agentId, "source": source.rawValue, "key": key], at: at)
        return id
    }

    /// CMP-17: the department supervisor (or a manager above, or an administrator) of the agent's unit confirms or waives a
    /// proposed record with a reason; never their own. 409 penalty_state once decided.
    public func decide(_ step: QualityPenaltyRules.Step, id: String, reason raw: String?, by actor: Principal, now: Date = Date()) async throws -> QualityPenaltyView {
        let reason = try TrainingService.text(raw, field: "note", max: QualityPenaltyRules.maximumReason,
                                              required: Text("请填写确认或免除的理由", "A reason is required to confirm or waive"))
        let lock = store.dialect.rowLock(of: "p")
        return try await store.write { db in
            guard let row = try await QualityQueries.penaltyRow(db, id: id, lock: lock) else { throw AppError.notFound(Text("处罚记录", "Penalty record")) }
            guard !actor.roles.isDisjoint(with: QualityPenaltyRules.deciders), actor.covers(unitPath: row.orgPath) else {
                throw AppError.forbidden(Text("只有本部门主管可以确认或免除处罚（CMP-17）", "Only the department supervisor confirms or waives a penalty (CMP-17)"))
            }
            guard row.agentId != actor.userId else { throw AppError.forbidden(Text("不能处理自己的处罚记录", "You cannot decide your own penalty record")) }
            guard let status = QualityPenaltyRules.Status(rawValue: row.status), let next = QualityPenaltyRules.next(after: status, step) else {
                throw AppError.conflict("penalty_state", Text("该处罚记录已处理", "This penalty record has already been decided"))
            }
            let at = Clock.millis(now)
            try await db.raw("""
                UPDATE quality_penalties SET status = \(bind: next.rawValue), decided_by = \(bind: actor.userId), decided_at = \(bind: at), decision_reason = \(bind: reason)
                WHERE id = \(bind: row.id)
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: step.rawValue, entity: "quality_penalty", entityId: row.id,
                                        detail: ["number": row.number, "reason": reason], at: at)
            return try await QualityQueries.penalty(db, id: row.id, viewer: actor)
        }
    }

    /// KPI-02, CMP-17: for every agent, one proposed record for each complete group of three verified complaints (the 3rd,
    /// 6th, …), keyed `complaints:<agent>:<n>` so a repeated pass, in the background or on demand, yields each exactly once.
    /// `actorId` nil: the background pass. Returns how many records it created.
    public func scanComplaints(actorId: String? = nil, now: Date = Date()) async throws -> Int {
        let complaints = self.complaints
        return try await store.write { db in
            let counts = try await complaints.verifiedComplaintCounts(db)
            var made: [String: Int] = [:]
            for row in try await db.raw("SELECT agent_id, COUNT(*) AS n FROM quality_penalties WHERE source = 'complaints' GROUP BY agent_id").all() {
                made[try row.decode(column: "agent_id", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            var created = 0
            // Only the agents with a group of three not yet recorded are read further.
            for (agentId, count) in counts.sorted(by: { $0.key < $1.key }) where QualityPenaltyRules.complaintPenaltiesDue(verified: count) > made[agentId, default: 0] {
                guard let agent = try await OrgQueries.userSummary(db, userId: agentId) else { continue }
                let sorted = try await complaints.verifiedComplaints(db, agentId: agentId)
                let due = QualityPenaltyRules.complaintPenaltiesDue(verified: sorted.count)
                guard due > 0 else { continue }
                for n in 1...due {
                    let group = sorted[(n - 1) * QualityPenaltyRules.complaintsPerPenalty ..< n * QualityPenaltyRules.complaintsPerPenalty]
                    let numbers = group.map(\.number).joined(separator: "、")
                    let reason = "第 \(n * QualityPenaltyRules.complaintsPerPenalty) 次经核实的服务态度投诉：\(numbers)（KPI-02、CMP-17） / Verified service-attitude complaints \(numbers) (KPI-02, CMP-17)"
                    if try await Self.propose(db, agentId: agentId, unitId: agent.orgUnitId, unitPath: agent.orgPath, source: .complaints,
                                              key: "complaints:\(agentId):\(n)", callId: nil, inspectionId: nil, reason: reason,
                                              occurredAt: group.last!.registeredAt, by: actorId, now: now) != nil {
                        created += 1
                    }
                }
            }
            return created
        }
    }

    /// The pass on demand, from the register: the deciders.
    public func scan(by actor: Principal, now: Date = Date()) async throws -> PenaltyScanView {
        guard !actor.roles.isDisjoint(with: QualityPenaltyRules.deciders) else {
            throw AppError.forbidden(Text("只有部门主管可以核对投诉处罚", "Only department supervisors run the complaint check"))
        }
        return PenaltyScanView(created: try await scanComplaints(actorId: actor.userId, now: now))
    }

    public func penalty(id: String, viewer: Principal) async throws -> QualityPenaltyView {
        try await store.read { db in try await QualityQueries.penalty(db, id: id, viewer: viewer) }
    }

    public func penalties(viewer: Principal, status: String?, paging: Paging) async throws -> ListPage<QualityPenaltyView> {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        let status = TextRules.trimmed(status)
        if let status, QualityPenaltyRules.Status(rawValue: status) == nil {
            throw AppError.validation("status", Text("状态应为 proposed、confirmed 或 waived", "status is proposed, confirmed or waived"))
        }
        return try await store.read { db in try await QualityQueries.penalties(db, viewer: viewer, status: status, paging: paging) }
    }
}
