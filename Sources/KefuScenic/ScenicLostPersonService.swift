import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// VIS-04 lost-person cases (VIS-02: market ops): reported, broadcast in Mandarin and logged each time, closed with
/// the outcome only after the third broadcast.
extension ScenicService {
    static let lostEntity = "scenic_lost_case"

    public func reportLostPerson(_ body: ScenicBody, by actor: Principal, now date: Date = Date()) async throws -> LostCaseView {
        try ScenicQueries.requireWorker(actor)
        let now = ScenicNow(date)
        let lost = try ScenicInput.required(body["lostName"], field: "lostName", label: Text("走失者", "Who is lost"), max: 60)
        let description = try ScenicInput.required(body["description"], field: "description", label: Text("体貌特征", "Description"), max: 500)
        let lastSeen = try ScenicInput.required(body["lastSeen"], field: "lastSeen", label: Text("最后出现地点和时间", "Last seen"), max: 200)
        let reporter = try ScenicInput.required(body["reporterName"], field: "reporterName", label: Text("报告人", "Reporter"), max: 60)
        let phone = try ScenicInput.required(body["reporterPhone"], field: "reporterPhone", label: Text("报告人电话", "Reporter's phone"), max: 40)
        return try await store.write { db in
            let (unitId, unitPath) = try await newRecordUnit(db, body, actor: actor)
            let id = Clock.newID()
            let number = try await ScenicInput.nextNumber(db, prefix: "XR", day: now.day)
            try await db.raw("""
                INSERT INTO scenic_lost_cases (id, number, org_unit_id, org_path, status, lost_name, description, last_seen, reporter_name, reporter_phone,
                    broadcasts, reported_at, reported_by)
                VALUES (\(bind: id), \(bind: number), \(bind: unitId), \(bind: unitPath), \(bind: LostPersonRules.Status.open.rawValue), \(bind: lost), \(bind: description),
                    \(bind: lastSeen), \(bind: reporter), \(bind: TextRules.phoneKey(phone) ?? phone), 0, \(bind: now.millis), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "report", entity: Self.lostEntity, entityId: id, detail: ["number": number], at: now.millis)
            return try await ScenicQueries.lostCase(db, id: id, viewer: actor)
        }
    }

    /// Logs one broadcast (always 普通话, §3.2.3); the text defaults to the usual notice built from the case.
    public func logBroadcast(id: String, _ body: ScenicBody, by actor: Principal, now date: Date = Date()) async throws -> LostCaseView {
        try ScenicQueries.requireWorker(actor)
        let now = ScenicNow(date)
        let typed = try ScenicInput.text(body["text"], field: "text", label: Text("广播内容", "Broadcast text"), max: 500, required: false)
        return try await store.write { db in
            let c = try await ScenicQueries.lostCase(db, id: id, viewer: actor)
            guard let next = LostPersonRules.afterBroadcast(c.status) else {
                throw AppError.conflict("invalid_state", Text("寻人登记已结案，不能再登记广播", "The case is closed: no more broadcasts are logged"))
            }
            let text = typed ?? "寻人广播：\(c.lostName)，\(c.description)，最后出现在\(c.lastSeen)。请\(c.lostName)或知情游客到游客服务中心。"
            let seq = c.broadcastCount + 1
            let moved = try await db.raw("""
                UPDATE scenic_lost_cases SET broadcasts = \(bind: seq), status = \(bind: next.rawValue)
                WHERE id = \(bind: id) AND broadcasts = \(bind: c.broadcastCount) AND status <> 'closed' RETURNING id
                """).first()
            guard moved != nil else { throw AppError.conflict("invalid_state", Text("该登记刚刚已被办理，请刷新", "The case was moved on a moment ago: reload it")) }
            try await db.raw("""
                INSERT INTO scenic_broadcasts (id, case_id, seq, language, text, broadcast_at, broadcast_by)
                VALUES (\(bind: Clock.newID()), \(bind: id), \(bind: seq), \(bind: LostPersonRules.language), \(bind: text), \(bind: now.millis), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "broadcast", entity: Self.lostEntity, entityId: id,
                                        detail: ["seq": String(seq), "language": LostPersonRules.language], at: now.millis)
            return try await ScenicQueries.lostCase(db, id: id, viewer: actor)
        }
    }

    /// Closes the case with its outcome; refused (409 `too_few_broadcasts`) before the third broadcast (VIS-04).
    public func closeLostCase(id: String, _ body: ScenicBody, by actor: Principal, now date: Date = Date()) async throws -> LostCaseView {
        try ScenicQueries.requireWorker(actor)
        let now = ScenicNow(date)
        let outcome = try ScenicInput.choice(body["outcome"], LostPersonRules.Outcome.self, field: "outcome", label: Text("结果", "Outcome"))
        let note = try ScenicInput.text(body["note"], field: "note", label: Text("说明", "Note"), max: 500, required: false)
        return try await store.write { db in
            let c = try await ScenicQueries.lostCase(db, id: id, viewer: actor)
            switch LostPersonRules.closeProblem(status: c.status, broadcasts: c.broadcastCount, outcome: outcome, note: note) {
            case .alreadyClosed?:
                throw AppError.conflict("invalid_state", Text("寻人登记已结案", "The case is already closed"))
            case .tooFewBroadcasts(let n)?:
                throw AppError.conflict("too_few_broadcasts", Text("广播站须用普通话广播不少于 \(LostPersonRules.minBroadcasts) 遍，目前已登记 \(n) 遍，不能结案（VIS-04）",
                                                                   "The station broadcasts in Mandarin at least \(LostPersonRules.minBroadcasts) times; \(n) logged so far: the case cannot be closed (VIS-04)"))
            case .noteRequired?:
                throw AppError.validation("note", Text("结果为“其他”时请说明情况", "Say what happened when the outcome is other"))
            case nil: break
            }
            let moved = try await db.raw("""
                UPDATE scenic_lost_cases SET status = 'closed', outcome = \(bind: outcome.rawValue), close_note = \(bind: note), closed_at = \(bind: now.millis),
                    closed_by = \(bind: actor.userId)
                WHERE id = \(bind: id) AND status <> 'closed' RETURNING id
                """).first()
            guard moved != nil else { throw AppError.conflict("invalid_state", Text("寻人登记已结案", "The case is already closed")) }
            try await AuditTrail.record(db, actorId: actor.userId, action: "close", entity: Self.lostEntity, entityId: id,
                                        detail: ["outcome": outcome.rawValue, "broadcasts": String(c.broadcastCount)], at: now.millis)
            return try await ScenicQueries.lostCase(db, id: id, viewer: actor)
        }
    }

    public func lostCase(id: String, viewer: Principal) async throws -> LostCaseView {
        try ScenicQueries.requireWorker(viewer)
        return try await store.read { db in try await ScenicQueries.lostCase(db, id: id, viewer: viewer) }
    }

    public func lostCases(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<LostCaseView> {
        try ScenicQueries.requireWorker(viewer)
        return try await store.read { db in try await ScenicQueries.lostCases(db, query, paging: paging, viewer: viewer) }
    }
}
