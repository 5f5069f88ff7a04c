import Foundation
import KefuDomain
import KefuPeople
import KefuPlatform
import SQLKit

/// The people pages in `kefu demo` (#15): 客服部's shifts and a roster from last week to the end of next month on the
/// working-day calendar, swaps, leave, handovers, an announcement, training, qualifications, quality inspection, an
/// appraisal plan, an absence and a work-area leave. Everything through the services (rules, numbers, audit trail),
/// dated relative to `now`; once: when 客服部 has any shift, nothing is added.
enum PeopleDemoData {
    /// The agents on the 24-hour rota (night, early, late, rest, each a day apart); 客服主管 李四 works the early shift on
    /// working days only (调休 Saturdays included, 放假 days not).
    static let agents = ["zhangsan", "chenmei", "linfeng", "huangli"]

    struct Context {
        let store: any Store
        let now: Date
        let today: CivilDay
        let unitId: String
        /// Every planned entry by username.
        var entries: [String: [RosterEntryView]] = [:]
        func principal(_ username: String) async throws -> Principal { try await MaterialsDemoData.principal(store, username) }
    }

    static func load(store: any Store, now: Date = Date()) async throws -> [String] {
        let unitId = try await AdminTasks.unitId(store, code: "CS")
        let planned = try await store.read { db in try await db.raw("SELECT 1 AS x FROM shifts WHERE org_unit_id = \(bind: unitId)").first() != nil }
        if planned { return [] }
        var ctx = Context(store: store, now: now, today: Times.day(now), unitId: unitId)
        var created = try await roster(&ctx)
        created += try await PeopleDemoRequests.load(ctx)
        created += try await PeopleDemoTraining.load(ctx)
        created += try await PeopleDemoQuality.load(ctx)
        return created
    }

    /// SHF-13 shifts and the SHF-01 roster of the months from a week ago to next month.
    static func roster(_ ctx: inout Context) async throws -> [String] {
        let lisi = try await ctx.principal("lisi")
        let rosters = RosterService(store: ctx.store)
        let specs = [("N", "夜班", "00:00", "08:00", false), ("E", "早班", "08:00", "16:00", false), ("L", "晚班", "16:00", "24:00", true)]
        var shiftIds: [String] = []
        for (code, name, start, end, cleaning) in specs {
            shiftIds.append(try await rosters.createShift(.init(orgUnitId: ctx.unitId, code: code, name: name, start: start, end: end, cleaningDuty: cleaning), by: lisi, now: ctx.now).id)
        }
        var userIds: [String: String] = [:]
        for name in agents + ["lisi"] { userIds[name] = try await ctx.principal(name).userId }
        let schedule = try await ShippedPeopleCalendar().schedule(now: ctx.now)
        var created = ["shifts N, E, L"]
        var month = CivilMonth(ctx.today.adding(days: -7))
        let lastMonth = CivilMonth(ctx.today).next
        while month <= lastMonth {
            var lines: [RosterInput.Entry] = []
            var day = month.first
            while day <= month.last {
                for (i, agent) in agents.enumerated() {
                    let slot = (day.number + i) % 4 // 0 night, 1 early, 2 late, 3 rest
                    if slot < 3 { lines.append(.init(date: day.iso, userId: userIds[agent], shiftId: shiftIds[slot])) }
                }
                if schedule.isWorking(day) { lines.append(.init(date: day.iso, userId: userIds["lisi"], shiftId: shiftIds[1])) }
                day = day.adding(days: 1)
            }
            let view = try await rosters.putRoster(unitId: ctx.unitId, month: month.description, .init(entries: lines), by: lisi, now: ctx.now)
            for d in view.days {
                for e in d.entries {
                    let name = userIds.first { $0.value == e.userId }!.key
                    ctx.entries[name, default: []].append(e)
                }
            }
            created.append("roster \(month.description)")
            month = month.next
        }
        for name in ctx.entries.keys { ctx.entries[name]!.sort { ($0.date, $0.start) < ($1.date, $1.start) } }
        return created
    }

    /// Tries `attempt` on each candidate in turn and returns the first that the rules accept (a refused swap or leave
    /// leaves nothing behind: its transaction is rolled back).
    static func first<C, T>(_ candidates: [C], _ attempt: (C) async throws -> T) async throws -> T {
        var last: (any Error)?
        for c in candidates {
            do { return try await attempt(c) } catch let e as AppError { last = e }
        }
        throw last ?? AppError.internalError("demo: no candidate")
    }
}
