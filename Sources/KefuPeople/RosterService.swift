import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Shift definitions and duty rosters (#15.1, SHF-01, SHF-13): permission, validation, one transaction, audit trail.
public struct RosterService: Sendable {
    let store: any Store
    let calendar: any PeopleCalendar

    public init(store: any Store, calendar: any PeopleCalendar = ShippedPeopleCalendar()) {
        self.store = store
        self.calendar = calendar
    }

    static func time(_ typed: String?, field: String) throws -> Int? {
        guard let t = TextRules.trimmed(typed) else { return nil }
        let padded = t.count == 4 && t.dropFirst().hasPrefix(":") ? "0" + t : t.replacingOccurrences(of: "：", with: ":")
        guard let m = ShiftTimes.minute(padded) else {
            throw AppError.validation(field, Text("时间格式应为 HH:MM（如 08:30）", "The time must be HH:MM (e.g. 08:30)"))
        }
        return m
    }

    /// SHF-13: a unit's shift; the meal break defaults to 12:00–13:30 when the shift spans it.
    public func createShift(_ input: ShiftInput, by actor: Principal, now: Date = Date()) async throws -> ShiftView {
        guard let unitId = TextRules.trimmed(input.orgUnitId) else { throw AppError.validation("orgUnitId", Text("请选择组织", "Choose the org unit")) }
        guard let code = TextRules.trimmed(input.code), code.count <= 20 else {
            throw AppError.validation("code", Text("请填写班次代码（最长 20 字）", "The shift code is required (at most 20 characters)"))
        }
        guard let name = TextRules.trimmed(input.name), name.count <= 40 else {
            throw AppError.validation("name", Text("请填写班次名称（最长 40 字）", "The shift name is required (at most 40 characters)"))
        }
        guard let start = try Self.time(input.start, field: "start") else { throw AppError.validation("start", Text("请填写上班时间", "The start time is required")) }
        guard let end = try Self.time(input.end, field: "end") else { throw AppError.validation("end", Text("请填写下班时间", "The end time is required")) }
        let typedMeal = (start: try Self.time(input.mealStart, field: "mealStart"), end: try Self.time(input.mealEnd, field: "mealEnd"))
        let useDefault = typedMeal.start == nil && typedMeal.end == nil && ShiftTimes.spansDefaultMeal(start: start, end: end)
        let mealStart = useDefault ? ShiftTimes.defaultMeal.start : typedMeal.start
        let mealEnd = useDefault ? ShiftTimes.defaultMeal.end : typedMeal.end
        switch ShiftTimes.check(start: start, end: end, mealStart: mealStart, mealEnd: mealEnd) {
        case .emptyShift?, .badTime?: throw AppError.validation("end", Text("下班时间不能与上班时间相同", "The end time cannot equal the start time"))
        case .mealNotTwoHalfHours?: throw AppError.validation("mealEnd", Text("用餐时间为 1 小时 30 分钟（SHF-13）", "The meal break lasts 1 h 30 min (SHF-13)"))
        case .mealOutsideShift?: throw AppError.validation("mealStart", Text("用餐时间须在班次之内", "The meal break must lie within the shift"))
        case nil: break
        }
        return try await store.write { db in
            guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId) else { throw AppError.validation("orgUnitId", Text("组织不存在", "The org unit does not exist")) }
            guard !actor.roles.isDisjoint(with: RosterRoles.planners), actor.covers(unitPath: unit.path) else {
                throw AppError.forbidden(Text("只有本单位的主管或经理可以设置班次（SHF-01）", "Only the unit's supervisor or manager sets its shifts (SHF-01)"))
            }
            let taken = try await db.raw("SELECT 1 AS x FROM shifts WHERE org_unit_id = \(bind: unit.id) AND code = \(bind: code)").first() != nil
            if taken { throw AppError(.conflict, "shift_code_taken", Text("班次代码“{0}”已存在", "Shift code {0} already exists").with(code), details: ["field": "code"]) }
            let id = Clock.newID(), at = Clock.millis(now)
            try await db.raw("""
                INSERT INTO shifts (id, org_unit_id, org_path, code, name, start_minute, end_minute, meal_start, meal_end, cleaning_duty, created_by, created_at)
                VALUES (\(bind: id), \(bind: unit.id), \(bind: unit.path), \(bind: code), \(bind: name), \(bind: start), \(bind: end), \(bind: mealStart), \(bind: mealEnd),
                    \(bind: input.cleaningDuty == true ? 1 : 0), \(bind: actor.userId), \(bind: at))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "shift", entityId: id,
                                        detail: ["unit": unit.code, "code": code, "start": ShiftTimes.text(start), "end": ShiftTimes.text(end)], at: at)
            guard let row = try await db.raw("SELECT \(unsafeRaw: ShiftView.columns) FROM shifts s WHERE s.id = \(bind: id)").first() else { throw AppError.internalError("shift") }
            return try ShiftView(row: row)
        }
    }

    public func shifts(viewer: Principal, paging: Paging) async throws -> ListPage<ShiftView> {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in try await PeopleQueries.visibleShifts(db, viewer: viewer, paging: paging) }
    }

    public func roster(unitId: String, month: String, viewer: Principal, now: Date = Date()) async throws -> RosterView {
        let schedule = try await calendar.schedule(now: now)
        return try await store.read { db in try await PeopleQueries.roster(db, unitId: unitId, month: month, viewer: viewer, schedule: schedule) }
    }

    /// SHF-01: the supervisor's plan for the month replaces the month's entries: entries kept where the person, day and
    /// shift are unchanged (so swaps and leave that name them stay valid); an entry named by a pending or effective swap
    /// or by leave asked for or approved cannot be dropped (409).
    public func putRoster(unitId: String, month: String, _ input: RosterInput, by actor: Principal, now: Date = Date()) async throws -> RosterView {
        let schedule = try await calendar.schedule(now: now)
        return try await store.write { db in
            guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId) else { throw AppError.notFound(Text("组织", "Org unit")) }
            guard !actor.roles.isDisjoint(with: RosterRoles.planners), actor.covers(unitPath: unit.path) else {
                throw AppError.forbidden(Text("只有本单位的主管或经理可以编排值班表（SHF-01）", "Only the unit's supervisor or manager plans its roster (SHF-01)"))
            }
            let (first, last) = try PeopleQueries.month(month)
            let lines = input.entries ?? []
            guard lines.count <= 5000 else { throw AppError.validation("entries", Text("一个月最多 5000 条排班", "At most 5,000 entries a month")) }
            let shifts = Dictionary(uniqueKeysWithValues: try await PeopleQueries.shifts(db, forUnitPath: unit.path).map { ($0.id, $0) })
            var people: [String: Bool] = [:]
            var wanted: [String: (day: String, user: String, shift: String)] = [:]
            for (i, line) in lines.enumerated() {
                let field = "entries[\(i)]"
                guard let typed = TextRules.trimmed(line.date), let day = UsualInput.day(typed) ?? CivilDay(iso: typed), day >= first, day <= last else {
                    throw AppError.validation(field + ".date", Text("第 {0} 行：日期须在 {1} 月内", "Line {0}: the date must be in {1}").with(String(i + 1), month))
                }
                guard let shiftId = TextRules.trimmed(line.shiftId), shifts[shiftId] != nil else {
                    throw AppError.validation(field + ".shiftId", Text("第 {0} 行：班次不属于本单位", "Line {0}: the shift is not one of the unit's").with(String(i + 1)))
                }
                guard let userId = TextRules.trimmed(line.userId) else {
                    throw AppError.validation(field + ".userId", Text("第 {0} 行：请选择人员", "Line {0}: choose the person").with(String(i + 1)))
                }
                if people[userId] == nil {
                    let u = try await OrgQueries.userSummary(db, userId: userId)
                    people[userId] = u.map { $0.active && OrgPath.contains(unit.path, $0.orgPath) && !Role.isCustomerOnly(Role.set($0.roles)) } ?? false
                }
                guard people[userId] == true else {
                    throw AppError.validation(field + ".userId", Text("第 {0} 行：该人员不在本单位", "Line {0}: the person is not a member of the unit").with(String(i + 1)))
                }
                wanted["\(userId)|\(day.iso)|\(shiftId)"] = (day.iso, userId, shiftId)
            }
            let existing = try await db.raw("""
                SELECT id, user_id, day, shift_id FROM roster_entries WHERE org_unit_id = \(bind: unit.id) AND month = \(bind: month)
                """).all().map { (id: try $0.decode(column: "id", as: String.self), key: "\(try $0.decode(column: "user_id", as: String.self))|\(try $0.decode(column: "day", as: String.self))|\(try $0.decode(column: "shift_id", as: String.self))") }
            let dropped = existing.filter { wanted[$0.key] == nil }.map(\.id)
            if !dropped.isEmpty {
                let ids = SQLList(dropped.map { SQLBind($0) })
                // The first entry in use names its person and day (#15 leftovers: the month editor marks that cell).
                let inUse = try await db.raw("""
                    SELECT e.day, e.user_id FROM roster_entries e WHERE e.id IN (\(ids)) AND (
                        EXISTS (SELECT 1 FROM shift_swaps w WHERE w.status IN ('requested', 'effective') AND (w.requester_entry_id = e.id OR w.counterpart_entry_id = e.id))
                        OR EXISTS (SELECT 1 FROM leave_requests l WHERE l.status IN ('requested', 'approved') AND l.entry_id = e.id))
                    ORDER BY e.day, e.user_id LIMIT 1
                    """).first()
                if let inUse {
                    let day = try inUse.decode(column: "day", as: String.self), user = try inUse.decode(column: "user_id", as: String.self)
                    throw AppError(.conflict, "roster_entry_in_use",
                                   Text("{0} 的排班已有换班或请假，不能删除", "A shift on {0} has a swap or leave and cannot be removed").with(day),
                                   details: ["field": RosterGrid.cellName(userId: user, day: day)])
                }
                try await db.raw("DELETE FROM roster_entries WHERE id IN (\(ids))").run()
            }
            let have = Set(existing.map(\.key))
            let at = Clock.millis(now)
            var added = 0
            for (key, e) in wanted.sorted(by: { $0.key < $1.key }) where !have.contains(key) {
                try await db.raw("""
                    INSERT INTO roster_entries (id, org_unit_id, org_path, month, day, user_id, shift_id, swap_id, updated_by, updated_at)
                    VALUES (\(bind: Clock.newID()), \(bind: unit.id), \(bind: unit.path), \(bind: month), \(bind: e.day), \(bind: e.user), \(bind: e.shift), NULL,
                        \(bind: actor.userId), \(bind: at))
                    """).run()
                added += 1
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "plan", entity: "roster", entityId: unit.id + ":" + month,
                                        detail: ["month": month, "entries": String(wanted.count), "added": String(added), "removed": String(dropped.count)], at: at)
            return try await PeopleQueries.roster(db, unitId: unit.id, month: month, viewer: actor, schedule: schedule)
        }
    }
}
