import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Two-person shift handover (#15.2, SHF-02, SHF-03): each step one transaction with its permission, the rule
/// (`HandoverRules`) and an audit-trail entry.
public struct HandoverService: Sendable {
    let store: any Store
    let facts: any HandoverFactsSource
    /// #15 leftovers: the incoming people are told when the outgoing person signs (the composition root passes the notifications).
    public var notifier: any HandOffNotifier = NoHandOffs()

    public init(store: any Store, facts: any HandoverFactsSource = NoHandoverFacts()) {
        self.store = store
        self.facts = facts
    }

    /// API.md's refusal of a handover rule, with its code.
    static func refusal(_ r: HandoverRules.Refusal) -> AppError {
        switch r {
        case .notOutgoing: return AppError(.forbidden, r.rawValue, Text("只有交班人可以填写和签署交接班记录", "Only the outgoing person writes and signs the handover"))
        case .notIncoming:
            return AppError(.forbidden, r.rawValue, Text("只有接班人（下一班次的值班人员）可以接班（SHF-02）", "Only the incoming person (on the next shift) takes over (SHF-02)"))
        case .wrongState: return AppError.conflict(r.rawValue, Text("这份交接班记录当前不能进行此操作", "This handover is not in a state for this step"))
        case .reasonMissing: return AppError.validation("reason", Text("退回时请写明原因", "Say why you send it back"))
        }
    }

    static func part(_ raw: String?, field: String) throws -> String {
        let t = TextRules.trimmed(raw) ?? ""
        guard t.count <= HandoverRules.maxTextLength else {
            throw AppError.validation(field, Text("最长 {0} 字", "At most {0} characters").with(String(HandoverRules.maxTextLength)))
        }
        return t
    }

    struct Parts { let equipment, issues, staffing, notes: String }

    static func parts(_ input: HandoverInput) throws -> Parts {
        Parts(equipment: try part(input.equipment, field: "equipment"), issues: try part(input.issues, field: "issues"),
              staffing: try part(input.staffing, field: "staffing"), notes: try part(input.notes, field: "notes"))
    }

    /// SHF-02, SHF-03: the outgoing person starts the log of one of its own shifts; Kefu fills in the facts of the shift.
    /// A second handover of the same shift is refused (409 handover_exists).
    public func create(_ input: HandoverInput, by actor: Principal, now: Date = Date()) async throws -> HandoverView {
        guard RosterRoles.isStaff(actor.roles) else { throw AppError.forbidden() }
        guard let entryId = TextRules.trimmed(input.entryId) else { throw AppError.validation("entryId", Text("请选择交班的班次", "Choose the shift you hand over")) }
        let parts = try Self.parts(input)
        let lock = store.dialect.rowLock(of: "e")
        return try await store.write { db in
            // "JJ-2026-000001", gapless per year; the counter first, as the swap and leave forms take theirs (#18 lock order).
            let year = String(Times.year(now))
            let digits = String(try await Counters.next("handover:\(year)", in: db))
            let number = "JJ-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
            guard let e = try await PeopleQueries.entry(db, id: entryId, lock: lock), e.userId == actor.userId else {
                throw AppError.validation("entryId", Text("只能为您自己的班次交班", "You can only hand over one of your own shifts"))
            }
            if let existing = try await db.raw("SELECT number FROM handovers WHERE entry_id = \(bind: e.id)").first()?.decode(column: "number", as: String.self) {
                throw AppError(.conflict, "handover_exists", Text("该班次已有交接班记录 {0}", "This shift already has handover {0}").with(existing), details: ["field": "entryId"])
            }
            let span = e.shift.times.interval(on: CivilDay(iso: e.day) ?? Times.day(now))
            let start = LocalMinutes.millis(span.start), end = LocalMinutes.millis(span.end)
            let found = try await facts.facts(db, unitPath: e.orgPath, from: start, to: end)
            let id = Clock.newID(), at = Clock.millis(now)
            try await db.raw("""
                INSERT INTO handovers (id, number, org_unit_id, org_path, entry_id, shift_day, shift_start, shift_end, outgoing_id, status, equipment, issues,
                    staffing, notes, facts, created_at, updated_at)
                VALUES (\(bind: id), \(bind: number), \(bind: e.orgUnitId), \(bind: e.orgPath), \(bind: e.id), \(bind: e.day), \(bind: start), \(bind: end),
                    \(bind: actor.userId), 'draft', \(bind: parts.equipment), \(bind: parts.issues), \(bind: parts.staffing), \(bind: parts.notes),
                    \(bind: HandoverRow.factsText(found)), \(bind: at), \(bind: at))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "handover", entityId: id, detail: ["number": number, "day": e.day], at: at)
            return try await HandoverQueries.view(db, id: id, viewer: actor, now: now)
        }
    }

    /// SHF-03: the outgoing person changes the log while it is a draft or was sent back.
    public func update(id: String, _ input: HandoverInput, by actor: Principal, now: Date = Date()) async throws -> HandoverView {
        let parts = try Self.parts(input)
        return try await step(id: id, by: actor, now: now) { db, h in
            if let r = HandoverRules.check(.edit, status: h.status, isOutgoing: actor.userId == h.outgoingId, isIncoming: false) { throw Self.refusal(r) }
            try await db.raw("""
                UPDATE handovers SET equipment = \(bind: parts.equipment), issues = \(bind: parts.issues), staffing = \(bind: parts.staffing), notes = \(bind: parts.notes),
                    updated_at = \(bind: Clock.millis(now)) WHERE id = \(bind: h.id)
                """).run()
            return "update"
        }
    }

    /// SHF-02: the outgoing person signs; the facts of the shift are filled in again as they stand at signing.
    public func submit(id: String, _ input: HandoverInput? = nil, by actor: Principal, now: Date = Date()) async throws -> HandoverView {
        let parts = try input.map(Self.parts)
        return try await step(id: id, by: actor, now: now) { db, h in
            if let r = HandoverRules.check(.submit, status: h.status, isOutgoing: actor.userId == h.outgoingId, isIncoming: false) { throw Self.refusal(r) }
            let found = try await facts.facts(db, unitPath: h.orgPath, from: h.shiftStart, to: h.shiftEnd)
            let at = Clock.millis(now)
            if let p = parts {
                try await db.raw("""
                    UPDATE handovers SET equipment = \(bind: p.equipment), issues = \(bind: p.issues), staffing = \(bind: p.staffing), notes = \(bind: p.notes) WHERE id = \(bind: h.id)
                    """).run()
            }
            try await db.raw("""
                UPDATE handovers SET status = 'submitted', facts = \(bind: HandoverRow.factsText(found)), submitted_at = \(bind: at), updated_at = \(bind: at)
                WHERE id = \(bind: h.id)
                """).run()
            try await HandoverSignedNotice.send(db, h, notifier: notifier, actorId: actor.userId, now: now)
            return "submit"
        }
    }

    /// SHF-02: the incoming person accepts (signs): the outgoing shift is closed.
    public func accept(id: String, by actor: Principal, now: Date = Date()) async throws -> HandoverView {
        try await step(id: id, by: actor, now: now) { db, h in
            let incoming = try await HandoverQueries.mayTakeOver(db, h, viewer: actor, now: now)
            if let r = HandoverRules.check(.accept, status: h.status, isOutgoing: actor.userId == h.outgoingId, isIncoming: incoming) { throw Self.refusal(r) }
            let at = Clock.millis(now)
            try await db.raw("""
                UPDATE handovers SET status = 'accepted', accepted_by = \(bind: actor.userId), accepted_at = \(bind: at), updated_at = \(bind: at) WHERE id = \(bind: h.id)
                """).run()
            return "accept"
        }
    }

    /// The incoming person sends the handover back with a reason; the outgoing person corrects it and signs again.
    public func sendBack(id: String, _ input: HandoverReturnInput, by actor: Principal, now: Date = Date()) async throws -> HandoverView {
        let reason = try Self.part(input.reason, field: "reason")
        return try await step(id: id, by: actor, now: now) { db, h in
            let incoming = try await HandoverQueries.mayTakeOver(db, h, viewer: actor, now: now)
            if let r = HandoverRules.check(.return, status: h.status, isOutgoing: actor.userId == h.outgoingId, isIncoming: incoming, reason: reason) {
                throw Self.refusal(r)
            }
            let at = Clock.millis(now)
            try await db.raw("""
                UPDATE handovers SET status = 'returned', returned_by = \(bind: actor.userId), return_reason = \(bind: reason), updated_at = \(bind: at) WHERE id = \(bind: h.id)
                """).run()
            return "return"
        }
    }

    /// One step on a handover: the row locked, seen by the actor (else 403; 404 when absent), changed by `body`, audited.
    func step(id: String, by actor: Principal, now: Date, _ body: @Sendable @escaping (any SQLDatabase, HandoverRow) async throws -> String) async throws -> HandoverView {
        let lock = store.dialect.rowLock(of: "h")
        return try await store.write { db in
            guard let h = try await HandoverQueries.row(db, id: id, lock: lock) else { throw AppError.notFound(Text("交接班记录", "Handover")) }
            try HandoverQueries.requireView(actor, h)
            let action = try await body(db, h)
            try await AuditTrail.record(db, actorId: actor.userId, action: action, entity: "handover", entityId: h.id, detail: ["number": h.number], at: Clock.millis(now))
            return try await HandoverQueries.view(db, id: h.id, viewer: actor, now: now)
        }
    }

    public func handover(id: String, viewer: Principal, now: Date = Date()) async throws -> HandoverView {
        try await store.read { db in try await HandoverQueries.view(db, id: id, viewer: viewer, now: now) }
    }

    public func handovers(view: HandoverListView, viewer: Principal, paging: Paging, now: Date = Date()) async throws -> ListPage<HandoverView> {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in try await HandoverQueries.list(db, view: view, viewer: viewer, paging: paging, now: now) }
    }
}
