import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// PRP-10 业主建议 (篇12 职责三.5): proposals are recorded as owners make them, the supervisor submits the open ones
/// of the unit to the project manager periodically (a TJ-… submission), and the answer to each is recorded.
extension PropertyOperationsService {
    public func recordProposal(estateId: String, _ b: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> ProposalView {
        try Self.require(PropertyOperationsRules.proposalTakers, actor, Text("您不能登记业主建议", "You cannot record owner proposals"))
        let today = Times.day(date)
        let building = try PropertyInput.text(b["building"], field: "building", label: Text("楼栋", "Building"), max: 40, required: false)
        let room = try PropertyInput.text(b["room"], field: "room", label: Text("房号", "Room"), max: 40, required: false)
        let owner = try PropertyInput.text(b["ownerName"], field: "ownerName", label: Text("业主姓名", "Owner's name"), max: 60, required: true)!
        let phone = try PropertyInput.text(b["ownerPhone"], field: "ownerPhone", label: Text("联系电话", "Phone"), max: 40, required: false)
        let content = try PropertyInput.text(b["content"], field: "content", label: Text("建议内容", "Proposal"), max: 2000, required: true)!
        let on = try OperationsInput.pastDay(b["proposedOn"], field: "proposedOn", label: Text("提出日期", "Proposed on"), today: today)
        let receivedBy = try PropertyInput.text(b["receivedBy"], field: "receivedBy", label: Text("接待人", "Received by"), max: 60, required: false) ?? actor.displayName
        let at = Clock.millis(date)
        return try await store.write { db in
            let (_, path) = try await PropertyQueries.estateForNewRecord(db, id: estateId, viewer: actor, write: false, features: features) // #14 item 6
            guard PropertyOperationsRules.may(PropertyOperationsRules.proposalTakers, roles: actor.roles, userPath: actor.orgPath, recordPath: path) else {
                throw AppError.forbidden(Text("您只能为本单位及下级单位的小区登记建议", "You record proposals for the estates of your unit and below only"))
            }
            var unitId: String?
            if building != nil || room != nil {
                guard let building, let room, let u = try await OperationsQueries.unit(db, estateId: estateId, building: building, room: room) else {
                    throw AppError.validation("room", Text("本小区没有该房屋（楼栋与房号都要填写）", "The estate has no such unit (give both building and room)"))
                }
                unitId = u.id
            }
            let id = Clock.newID()
            let number = try await Self.nextNumber(db, "YJ", day: on)
            try await db.raw("""
                INSERT INTO property_proposals (id, number, estate_id, unit_id, org_path, owner_name, owner_phone, content, proposed_on, received_by, status,
                    recorded_at, recorded_by)
                VALUES (\(bind: id), \(bind: number), \(bind: estateId), \(bind: unitId), \(bind: path), \(bind: owner), \(bind: phone.map { TextRules.phoneKey($0) ?? $0 }),
                    \(bind: content), \(bind: on.iso), \(bind: receivedBy), \(bind: ProposalStatus.open.rawValue), \(bind: at), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "property_proposal", entityId: id, detail: ["number": number], at: at)
            return try await OperationsQueries.proposal(db, id: id, viewer: actor)
        }
    }

    public func proposals(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<ProposalView> {
        try Self.requireReader(viewer)
        let f = try OperationsQueries.ProposalFilter.parse(query)
        return try await store.read { db in try await OperationsQueries.proposals(db, f, paging: paging, viewer: viewer) }
    }

    public func proposal(id: String, viewer: Principal) async throws -> ProposalView {
        try Self.requireReader(viewer)
        return try await store.read { db in try await OperationsQueries.proposal(db, id: id, viewer: viewer) }
    }

    /// PRP-10 put every open proposal of the unit (and below) into one submission to the project manager.
    public func submitProposals(_ b: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> ProposalBatchView {
        try Self.require(PropertyOperationsRules.reviewers, actor, Text("只有客服主管可以提交业主建议", "Only the CS supervisor submits owner proposals"))
        let note = try PropertyInput.text(b["note"], field: "note", label: Text("说明", "Note"), max: 500, required: false)
        let at = Clock.millis(date)
        return try await store.write { db in
            let unit = try await Self.reviewUnit(db, unitId: TextRules.trimmed(b["orgUnitId"]), viewer: actor)
            try await features.requireOn(.property, unitId: unit.id, in: db) // #14 item 6
            let open = try await db.raw("""
                SELECT p.id FROM property_proposals p WHERE \(OperationsQueries.under("p", unit.path)) AND p.status = \(bind: ProposalStatus.open.rawValue)
                """).all().map { try $0.decode(column: "id", as: String.self) }
            guard !open.isEmpty else {
                throw AppError(.unprocessableContent, "no_open_proposals", Text("没有待提交的业主建议", "There are no open proposals to submit"), details: [:])
            }
            let id = Clock.newID()
            let number = try await Self.nextNumber(db, "TJ", day: Times.day(date))
            try await db.raw("""
                INSERT INTO property_proposal_batches (id, number, org_unit_id, org_path, status, note, proposals, answered, submitted_at, submitted_by)
                VALUES (\(bind: id), \(bind: number), \(bind: unit.id), \(bind: unit.path), \(bind: ProposalBatchStatus.submitted.rawValue), \(bind: note),
                    \(bind: open.count), 0, \(bind: at), \(bind: actor.userId))
                """).run()
            for chunk in stride(from: 0, to: open.count, by: 200).map({ Array(open[$0..<min($0 + 200, open.count)]) }) {
                try await db.raw("""
                    UPDATE property_proposals SET status = \(bind: ProposalStatus.submitted.rawValue), batch_id = \(bind: id)
                    WHERE id IN (\(SQLList(chunk.map { SQLBind($0) }))) AND status = \(bind: ProposalStatus.open.rawValue)
                    """).run()
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "submit", entity: "property_proposal_batch", entityId: id,
                                        detail: ["number": number, "proposals": String(open.count)], at: at)
            return try await OperationsQueries.batch(db, id: id, viewer: actor)
        }
    }

    /// PRP-10 the project manager's answer to one submitted proposal; the submission is answered with its last one.
    public func answerProposal(id: String, _ b: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> ProposalView {
        try Self.require(PropertyOperationsRules.answerers, actor, Text("只有客服经理可以登记项目经理的答复", "Only the CS manager records the project manager's answer"))
        let answer = try PropertyInput.text(b["answer"], field: "answer", label: Text("答复", "Answer"), max: 2000, required: true)!
        let at = Clock.millis(date)
        return try await store.write { db in
            let p = try await OperationsQueries.proposal(db, id: id, viewer: actor)
            guard PropertyOperationsRules.may(PropertyOperationsRules.answerers, roles: actor.roles, userPath: actor.orgPath, recordPath: p.orgPath) else {
                throw AppError.forbidden(Text("您只能答复本单位及下级单位的建议", "You answer the proposals of your unit and below only"))
            }
            guard p.status == .submitted, let batchId = p.batchId else {
                throw AppError.conflict(p.status == .open ? "proposal_not_submitted" : "proposal_answered",
                                        p.status == .open ? Text("该建议尚未提交项目经理", "The proposal has not been submitted yet")
                                                          : Text("该建议已答复", "The proposal is already answered"))
            }
            guard try await db.raw("""
                UPDATE property_proposals SET status = \(bind: ProposalStatus.answered.rawValue), answer = \(bind: answer), answered_at = \(bind: at),
                    answered_by = \(bind: actor.userId)
                WHERE id = \(bind: id) AND status = \(bind: ProposalStatus.submitted.rawValue) RETURNING id
                """).first() != nil else {
                throw AppError.conflict("proposal_answered", Text("该建议刚刚已答复", "The proposal was answered a moment ago"))
            }
            guard let row = try await db.raw("""
                UPDATE property_proposal_batches SET answered = answered + 1 WHERE id = \(bind: batchId) RETURNING answered, proposals
                """).first() else { throw AppError.notFound(Text("建议提交", "Proposal submission")) }
            let status = PropertyOperationsRules.batchStatus(answered: try row.decode(column: "answered", as: Int.self), total: try row.decode(column: "proposals", as: Int.self))
            if status == .answered {
                try await db.raw("""
                    UPDATE property_proposal_batches SET status = \(bind: status.rawValue), answered_at = \(bind: at) WHERE id = \(bind: batchId)
                    """).run()
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "answer", entity: "property_proposal", entityId: id, detail: ["number": p.number], at: at)
            return try await OperationsQueries.proposal(db, id: id, viewer: actor)
        }
    }

    public func batches(paging: Paging, viewer: Principal) async throws -> ListPage<ProposalBatchView> {
        try Self.requireReader(viewer)
        return try await store.read { db in try await OperationsQueries.batches(db, paging: paging, viewer: viewer) }
    }

    public func batch(id: String, viewer: Principal) async throws -> ProposalBatchView {
        try Self.requireReader(viewer)
        return try await store.read { db in try await OperationsQueries.batch(db, id: id, viewer: viewer) }
    }
}
