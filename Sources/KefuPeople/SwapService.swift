import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Shift swaps (4.9, SHF-06..10) and leave (SHF-05, SHF-09, SHF-10): each step one transaction with its permission,
/// the seed's rules (`ShiftSwapPolicy`, `LeavePolicy`) and an audit-trail entry.
public struct SwapService: Sendable {
    let store: any Store
    let calendar: any PeopleCalendar
    /// #15 leftovers: the requester of a rejected leave is told (the composition root passes the service desk's notifications).
    public var notifier: any HandOffNotifier = NoHandOffs()

    public init(store: any Store, calendar: any PeopleCalendar = ShippedPeopleCalendar()) {
        self.store = store
        self.calendar = calendar
    }

    /// "HB-2026-000001" (换班) / "QJ-2026-000001" (请假), gapless per year: the counter moves in the request's own transaction.
    /// Taken first, the counter row also makes two requests of one year take turns, so neither misses the other's swap
    /// when counting (SHF-07).
    static func nextNumber(_ db: any SQLDatabase, prefix: String, kind: String, now: Date) async throws -> String {
        let year = String(Times.year(now))
        let digits = String(try await Counters.next("\(kind):\(year)", in: db))
        return "\(prefix)-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    static func reason(_ raw: String?) throws -> String {
        let r = TextRules.trimmed(raw) ?? ""
        guard r.count <= 500 else { throw AppError.validation("reason", Text("事由最长 500 字", "The reason is at most 500 characters")) }
        return r
    }

    /// API.md's refusal of a swap rule: 422 with the rule's code.
    static func refusal(_ r: ShiftSwapPolicy.Refusal) -> AppError {
        let message: Text
        switch r {
        case .holidayDuty: message = Text("节假日当班人员不允许换班（SHF-10）", "Staff on holiday duty may not swap shifts (SHF-10)")
        case .consecutiveSwap: message = Text("不允许连续换班（SHF-08）", "Consecutive swaps are not allowed (SHF-08)")
        case .swapLimitReached: message = Text("每人每月换班不得超过 {0} 次（SHF-07）", "At most {0} swaps per person per month (SHF-07)").with(String(ShiftSwapPolicy.monthlyLimit))
        case .backToBackShift: message = Text("换班后换班者或还班者将连班（SHF-08）", "The swap would give one of you back-to-back shifts (SHF-08)")
        case .sameUser: return AppError.validation("counterpartShiftId", Text("请选择同事的班次", "Choose a colleague's shift"))
        }
        return AppError(.unprocessableContent, r.rawValue, message)
    }

    // MARK: swaps

    /// 4.9: the requester asks to exchange one of its shifts for a colleague's shift of the same roster; refused at once
    /// (422 with the rule's code) when SHF-07..10 forbid it.
    public func request(_ input: SwapInput, by actor: Principal, now: Date = Date()) async throws -> SwapView {
        guard RosterRoles.isStaff(actor.roles) else { throw AppError.forbidden() }
        let reason = try Self.reason(input.reason)
        guard let mineId = TextRules.trimmed(input.requesterShiftId) else {
            throw AppError.validation("requesterShiftId", Text("请选择您要换出的班次", "Choose the shift you give away"))
        }
        guard let theirsId = TextRules.trimmed(input.counterpartShiftId) else {
            throw AppError.validation("counterpartShiftId", Text("请选择同事的班次", "Choose a colleague's shift"))
        }
        let schedule = try await calendar.schedule(now: now)
        let lock = store.dialect.rowLock(of: "e")
        return try await store.write { db in
            let number = try await Self.nextNumber(db, prefix: "HB", kind: "shift_swap", now: now)
            guard let mine = try await PeopleQueries.entry(db, id: mineId, lock: lock), mine.userId == actor.userId else {
                throw AppError.validation("requesterShiftId", Text("只能换出您自己的班次", "You can only give away one of your own shifts"))
            }
            guard let theirs = try await PeopleQueries.entry(db, id: theirsId, lock: lock), theirs.orgUnitId == mine.orgUnitId else {
                throw AppError.validation("counterpartShiftId", Text("请选择同一排班表上同事的班次", "Choose a colleague's shift on the same roster"))
            }
            guard let d1 = CivilDay(iso: mine.day), let d2 = CivilDay(iso: theirs.day) else { throw AppError.internalError("roster day") }
            let people = [mine.userId, theirs.userId]
            let users = SQLList(people.map { SQLBind($0) })
            let low = min(d1, d2), high = max(d1, d2)
            // Both people's shifts around the two days (连班), and their swaps in the months concerned with a day's margin.
            let around = try await db.raw("""
                \(unsafeRaw: EntryRow.select) WHERE e.user_id IN (\(users)) AND e.day >= \(bind: low.adding(days: -1).iso) AND e.day <= \(bind: high.adding(days: 1).iso)
                """).all().map { try EntryRow(row: $0).rule }
            let monthStart = CivilDay(year: low.components.year, month: low.components.month, day: 1).adding(days: -1)
            let monthEnd = CivilDay(year: high.components.year, month: high.components.month, day: CivilDay.daysIn(year: high.components.year, month: high.components.month)).adding(days: 1)
            let swaps = try await db.raw("""
                \(unsafeRaw: SwapRow.select) WHERE w.status IN ('requested', 'effective') AND (w.requester_id IN (\(users)) OR w.counterpart_id IN (\(users)))
                AND ((w.requester_day >= \(bind: monthStart.iso) AND w.requester_day <= \(bind: monthEnd.iso))
                  OR (w.counterpart_day >= \(bind: monthStart.iso) AND w.counterpart_day <= \(bind: monthEnd.iso))
                  OR w.requester_entry_id IN (\(bind: mine.id), \(bind: theirs.id)) OR w.counterpart_entry_id IN (\(bind: mine.id), \(bind: theirs.id)))
                """).all().map { try SwapRow(row: $0).active }
            if let refused = ShiftSwapPolicy.check(mine: mine.rule, theirs: theirs.rule, shifts: around, swaps: swaps, calendar: schedule) {
                throw Self.refusal(refused)
            }
            if try await db.raw("SELECT 1 AS x FROM leave_requests WHERE entry_id IN (\(bind: mine.id), \(bind: theirs.id)) AND status IN ('requested', 'approved')").first() != nil {
                throw AppError(.unprocessableContent, "shift_on_leave", Text("请假的班次不能换班", "A shift with leave cannot be swapped"))
            }
            let id = Clock.newID(), at = Clock.millis(now)
            try await db.raw("""
                INSERT INTO shift_swaps (id, number, org_unit_id, org_path, requester_id, counterpart_id, requester_entry_id, counterpart_entry_id, requester_day,
                    counterpart_day, reason, status, created_at, updated_at)
                VALUES (\(bind: id), \(bind: number), \(bind: mine.orgUnitId), \(bind: mine.orgPath), \(bind: mine.userId), \(bind: theirs.userId), \(bind: mine.id),
                    \(bind: theirs.id), \(bind: mine.day), \(bind: theirs.day), \(bind: reason), 'requested', \(bind: at), \(bind: at))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "request", entity: "shift_swap", entityId: id,
                                        detail: ["number": number, "requesterDay": mine.day, "counterpartDay": theirs.day, "counterpart": theirs.userId], at: at)
            return try await PeopleQueries.swapView(db, id: id, viewer: actor)
        }
    }

    /// SHF-06: the colleague agrees (only the counterpart may).
    public func consent(id: String, by actor: Principal, now: Date = Date()) async throws -> SwapView {
        try await step(id: id, by: actor, now: now) { db, s in
            guard actor.userId == s.counterpartId else {
                throw AppError.forbidden(Text("只有被换班的同事可以同意换班", "Only the colleague asked may consent to the swap"))
            }
            guard s.status == "requested", !s.consented else { throw AppError.conflict("not_awaiting_consent", Text("这张换班单不在等待同意", "This swap is not awaiting consent")) }
            try await db.raw("UPDATE shift_swaps SET consented_at = \(bind: Clock.millis(now)), updated_at = \(bind: Clock.millis(now)) WHERE id = \(bind: s.id)").run()
            return "consent"
        }
    }

    /// SHF-06: the department manager approves a consented swap; the two roster entries change hands in this
    /// transaction and are marked as swapped (SHF-09).
    public func approve(id: String, _ input: DecisionInput, by actor: Principal, now: Date = Date()) async throws -> SwapView {
        let lock = store.dialect.rowLock()
        return try await step(id: id, by: actor, now: now) { db, s in
            try Self.requireDecider(actor, s)
            guard s.status == "requested" else { throw AppError.conflict("not_requested", Text("这张换班单已处理", "This swap has already been decided")) }
            guard s.consented else { throw AppError.conflict("consent_missing", Text("被换班的同事尚未同意（SHF-06）", "The colleague has not consented yet (SHF-06)")) }
            let mine = try await db.raw("SELECT user_id FROM roster_entries WHERE id = \(bind: s.requesterEntryId)\(unsafeRaw: lock)").first()?.decode(column: "user_id", as: String.self)
            let theirs = try await db.raw("SELECT user_id FROM roster_entries WHERE id = \(bind: s.counterpartEntryId)\(unsafeRaw: lock)").first()?.decode(column: "user_id", as: String.self)
            guard mine == s.requesterId, theirs == s.counterpartId else {
                throw AppError.conflict("roster_changed", Text("排班表已变动，请重新申请换班", "The roster has changed; ask for the swap again"))
            }
            let at = Clock.millis(now)
            try await db.raw("UPDATE roster_entries SET user_id = \(bind: s.counterpartId), swap_id = \(bind: s.id), updated_by = \(bind: actor.userId), updated_at = \(bind: at) WHERE id = \(bind: s.requesterEntryId)").run()
            try await db.raw("UPDATE roster_entries SET user_id = \(bind: s.requesterId), swap_id = \(bind: s.id), updated_by = \(bind: actor.userId), updated_at = \(bind: at) WHERE id = \(bind: s.counterpartEntryId)").run()
            try await db.raw("""
                UPDATE shift_swaps SET status = 'effective', decided_by = \(bind: actor.userId), decided_at = \(bind: at), decision_note = \(bind: TextRules.trimmed(input.note)),
                    updated_at = \(bind: at) WHERE id = \(bind: s.id)
                """).run()
            return "approve"
        }
    }

    /// The department manager refuses the swap, or the colleague declines it.
    public func reject(id: String, _ input: DecisionInput, by actor: Principal, now: Date = Date()) async throws -> SwapView {
        try await step(id: id, by: actor, now: now) { db, s in
            if actor.userId != s.counterpartId { try Self.requireDecider(actor, s) }
            guard s.status == "requested" else { throw AppError.conflict("not_requested", Text("这张换班单已处理", "This swap has already been decided")) }
            let at = Clock.millis(now)
            try await db.raw("""
                UPDATE shift_swaps SET status = 'rejected', decided_by = \(bind: actor.userId), decided_at = \(bind: at), decision_note = \(bind: TextRules.trimmed(input.note)),
                    updated_at = \(bind: at) WHERE id = \(bind: s.id)
                """).run()
            return "reject"
        }
    }

    static func requireDecider(_ actor: Principal, _ s: SwapRow) throws {
        guard PeopleQueries.mayDecide(actor, s) else {
            throw AppError.forbidden(Text("换班须由本部门经理审批（SHF-06）", "A swap is approved by the department manager (SHF-06)"))
        }
    }

    /// One step on a swap: the row locked, seen by the actor, changed by `body`, audited.
    func step(id: String, by actor: Principal, now: Date, _ body: @Sendable @escaping (any SQLDatabase, SwapRow) async throws -> String) async throws -> SwapView {
        let lock = store.dialect.rowLock(of: "w")
        return try await store.write { db in
            guard let s = try await PeopleQueries.swapRow(db, id: id, lock: lock) else { throw AppError.notFound(Text("换班单", "Swap form")) }
            guard RosterRoles.isStaff(actor.roles) else { throw AppError.forbidden() }
            let action = try await body(db, s)
            try await AuditTrail.record(db, actorId: actor.userId, action: action, entity: "shift_swap", entityId: s.id, detail: ["number": s.number], at: Clock.millis(now))
            return try await PeopleQueries.swapView(db, id: s.id, viewer: actor)
        }
    }

    public func swaps(view: RequestListView, viewer: Principal, paging: Paging) async throws -> ListPage<SwapView> {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in try await PeopleQueries.swaps(db, view: view, viewer: viewer, paging: paging) }
    }

    // MARK: leave

    /// SHF-05: leave from one of the requester's shifts, refused on holiday duty (SHF-10) and on a swapped or payback
    /// shift (SHF-09).
    public func requestLeave(_ input: LeaveInput, by actor: Principal, now: Date = Date()) async throws -> LeaveView {
        guard RosterRoles.isStaff(actor.roles) else { throw AppError.forbidden() }
        let reason = try Self.reason(input.reason)
        guard let entryId = TextRules.trimmed(input.shiftId) else { throw AppError.validation("shiftId", Text("请选择请假的班次", "Choose the shift you take leave from")) }
        let schedule = try await calendar.schedule(now: now)
        let lock = store.dialect.rowLock(of: "e")
        return try await store.write { db in
            let number = try await Self.nextNumber(db, prefix: "QJ", kind: "leave_request", now: now)
            guard let e = try await PeopleQueries.entry(db, id: entryId, lock: lock), e.userId == actor.userId else {
                throw AppError.validation("shiftId", Text("只能为您自己的班次请假", "You can only take leave from your own shift"))
            }
            let pending = try await db.raw("""
                SELECT 1 AS x FROM shift_swaps WHERE status = 'requested' AND (requester_entry_id = \(bind: e.id) OR counterpart_entry_id = \(bind: e.id))
                """).first() != nil
            switch LeavePolicy.check(e.rule, inPendingSwap: pending, calendar: schedule) {
            case .holidayDuty?:
                throw AppError(.unprocessableContent, "holiday_duty", Text("节假日当班人员不允许请假（SHF-10）", "Staff on holiday duty may not take leave (SHF-10)"))
            case .swappedShift?:
                throw AppError(.unprocessableContent, "swapped_shift", Text("换班和还班均不得请假（SHF-09）", "No leave on a swapped or payback shift (SHF-09)"))
            case nil: break
            }
            if try await db.raw("SELECT 1 AS x FROM leave_requests WHERE entry_id = \(bind: e.id) AND status IN ('requested', 'approved')").first() != nil {
                throw AppError.conflict("leave_exists", Text("该班次已有请假申请", "This shift already has a leave request"))
            }
            let id = Clock.newID(), at = Clock.millis(now)
            try await db.raw("""
                INSERT INTO leave_requests (id, number, org_unit_id, org_path, user_id, entry_id, day, reason, status, created_at, updated_at)
                VALUES (\(bind: id), \(bind: number), \(bind: e.orgUnitId), \(bind: e.orgPath), \(bind: actor.userId), \(bind: e.id), \(bind: e.day), \(bind: reason),
                    'requested', \(bind: at), \(bind: at))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "request", entity: "leave_request", entityId: id, detail: ["number": number, "day": e.day], at: at)
            guard let row = try await PeopleQueries.leaveRow(db, id: id) else { throw AppError.internalError("leave") }
            return try await PeopleQueries.leaveView(db, row, viewer: actor)
        }
    }

    /// SHF-05: the superior (department supervisor or manager of the unit or above) approves.
    public func approveLeave(id: String, by actor: Principal, now: Date = Date()) async throws -> LeaveView {
        let lock = store.dialect.rowLock(of: "l")
        return try await store.write { db in
            guard let l = try await PeopleQueries.leaveRow(db, id: id, lock: lock) else { throw AppError.notFound(Text("请假单", "Leave request")) }
            guard PeopleQueries.mayApproveLeave(actor, l) else {
                throw AppError.forbidden(Text("请假须由上级主管或经理审批（SHF-05）", "Leave is approved by the supervisor or manager (SHF-05)"))
            }
            guard l.status == "requested" else { throw AppError.conflict("not_requested", Text("这张请假单已处理", "This leave request has already been decided")) }
            let at = Clock.millis(now)
            try await db.raw("UPDATE leave_requests SET status = 'approved', decided_by = \(bind: actor.userId), decided_at = \(bind: at), updated_at = \(bind: at) WHERE id = \(bind: id)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "approve", entity: "leave_request", entityId: id, detail: ["number": l.number], at: at)
            guard let row = try await PeopleQueries.leaveRow(db, id: id) else { throw AppError.internalError("leave") }
            return try await PeopleQueries.leaveView(db, row, viewer: actor)
        }
    }

    public func leaves(view: RequestListView, viewer: Principal, paging: Paging) async throws -> ListPage<LeaveView> {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in try await PeopleQueries.leaves(db, view: view, viewer: viewer, paging: paging) }
    }
}
