import Foundation
import Testing

/// #15.1, #15.3 over HTTP (SQLite, and PostgreSQL when KEFU_TEST_POSTGRES_URL is set): shifts, the month's roster on the
/// working-day calendar, a swap from request to the roster's change, leave, and every refusal of the seed's rules.
@Suite("Shifts, rosters, swaps and leave (#15.1, #15.3)")
struct PeopleFlowTests {
    @Test func shiftsAndTheRosterOnTheCalendar() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            // SHF-13: a day shift gets the 12:00–13:30 meal break by default; the late shift carries the cleaning duty.
            let shifts = try await app.call(.get, "/api/v1/shifts", token: f.ann.token)
            let early = shifts.items.first { $0["code"] as? String == "E" }
            #expect(early?["mealStart"] as? String == "12:00" && early?["mealEnd"] as? String == "13:30", "\(shifts.text)")
            #expect(shifts.items.first { $0["code"] as? String == "L" }?["cleaningDuty"] as? Bool == true)
            #expect(!(shifts.items.first { $0["code"] as? String == "N" }?["mealStart"] is String), "a night shift has no meal break")
            let badMeal = try await app.call(.post, "/api/v1/shifts", token: f.supervisor.token,
                                             json: ["orgUnitId": f.cs, "code": "X", "name": "X", "start": "08:00", "end": "17:00", "mealStart": "12:00", "mealEnd": "13:00"])
            #expect(badMeal.status == .unprocessableContent && badMeal.json["error"].map { "\($0)" }?.contains("mealEnd") == true, "\(badMeal.text)")
            // Only the unit's supervisors and managers define shifts and plan the roster (SHF-01); not an agent, nor another unit's manager.
            for token in [f.ann.token, f.outsider.token] {
                let r = try await app.call(.post, "/api/v1/shifts", token: token, json: ["orgUnitId": f.cs, "code": "Y", "name": "Y", "start": "09:00", "end": "17:00"])
                #expect(r.status == .forbidden, "\(r.text)")
                let p = try await app.call(.put, "/api/v1/rosters/\(f.cs)/2026-02", token: token, json: ["entries": [Any]()])
                #expect(p.status == .forbidden, "\(p.text)")
            }
            _ = try await f.plan(app, "2026-02", [(13, f.ann.id, f.early), (14, f.ann.id, f.early), (15, f.bo.id, f.late), (28, f.bo.id, f.night)])
            let roster = try await app.call(.get, "/api/v1/rosters/\(f.cs)/2026-02", token: f.bo.token)
            #expect(roster.status == .ok, "\(roster.text.prefix(300))")
            let days = roster.json["days"] as? [[String: Any]] ?? []
            #expect(days.count == 28)
            func day(_ d: Int) -> [String: Any] { days[d - 1] }
            // The shipped calendar: 春节 from 15 February, 调休上班 on Saturday 14 and 28 February.
            #expect(day(15)["kind"] as? String == "holiday" && day(15)["holidayName"] as? String == "春节")
            #expect(day(14)["kind"] as? String == "adjusted_workday" && day(28)["kind"] as? String == "adjusted_workday")
            #expect(day(13)["kind"] as? String == "workday" && day(7)["kind"] as? String == "weekend")
            #expect((day(15)["entries"] as? [[String: Any]])?.first?["userId"] as? String == f.bo.id)
            let outside = try await app.call(.get, "/api/v1/rosters/\(f.cs)/2026-02", token: f.outsider.token)
            #expect(outside.status == .forbidden)
            // A person of another unit, or a date outside the month, is refused with the line.
            let stranger = try await app.call(.put, "/api/v1/rosters/\(f.cs)/2026-02", token: f.supervisor.token,
                                              json: ["entries": [["date": "2026-02-10", "userId": f.outsider.id, "shiftId": f.early]]])
            #expect(stranger.status == .unprocessableContent, "\(stranger.text)")
            let wrongMonth = try await app.call(.put, "/api/v1/rosters/\(f.cs)/2026-02", token: f.supervisor.token,
                                                json: ["entries": [["date": "2026-03-01", "userId": f.ann.id, "shiftId": f.early]]])
            #expect(wrongMonth.status == .unprocessableContent)
            let badMonth = try await app.call(.get, "/api/v1/rosters/\(f.cs)/2026-13", token: f.bo.token)
            #expect(badMonth.status == .unprocessableContent)
        }
    }

    @Test func aSwapFromRequestToTheRoster() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let ids = try await f.plan(app, "2026-11", [(10, f.ann.id, f.early), (12, f.bo.id, f.early)])
            let mine = ids["10/\(f.ann.id)/\(f.early)"], theirs = ids["12/\(f.bo.id)/\(f.early)"]
            // Another's shift cannot be given away.
            let notMine = try await f.swap(app, f.cy.token, mine, theirs)
            #expect(notMine.status == .unprocessableContent, "\(notMine.text)")
            let asked = try await f.swap(app, f.ann.token, mine, theirs)
            #expect(asked.status == .created, "\(asked.text)")
            #expect(asked.string("status") == "requested" && asked.string("number")?.hasPrefix("HB-") == true)
            let id = asked.string("id")!
            // SHF-06: the manager approves only after the colleague consents; only the colleague consents.
            let early = try await app.call(.post, "/api/v1/shift-swaps/\(id)/approve", token: f.manager.token, json: [String: Any]())
            #expect(early.status == .conflict && early.text.contains("consent_missing"), "\(early.text)")
            let byRequester = try await app.call(.post, "/api/v1/shift-swaps/\(id)/consent", token: f.ann.token, json: [String: Any]())
            #expect(byRequester.status == .forbidden)
            let pending = try await app.call(.get, "/api/v1/shift-swaps", token: f.bo.token)
            #expect(pending.items.first?["actions"] as? [String] == ["consent", "reject"], "\(pending.text)")
            let consent = try await app.call(.post, "/api/v1/shift-swaps/\(id)/consent", token: f.bo.token, json: [String: Any]())
            #expect(consent.status == .ok && consent.json["consented"] as? Bool == true, "\(consent.text)")
            // SHF-06: the department manager, in scope — not a supervisor, not another unit's manager.
            for token in [f.supervisor.token, f.outsider.token, f.ann.token] {
                let r = try await app.call(.post, "/api/v1/shift-swaps/\(id)/approve", token: token, json: [String: Any]())
                #expect(r.status == .forbidden, "\(r.text)")
            }
            let queue = try await app.call(.get, "/api/v1/shift-swaps?view=approval", token: f.manager.token)
            #expect(queue.items.map { $0["id"] as? String } == [id])
            let approved = try await app.call(.post, "/api/v1/shift-swaps/\(id)/approve", token: f.manager.token, json: ["note": "同意"])
            #expect(approved.status == .ok && approved.string("status") == "effective", "\(approved.text)")
            let again = try await app.call(.post, "/api/v1/shift-swaps/\(id)/approve", token: f.manager.token, json: [String: Any]())
            #expect(again.status == .conflict)
            // The roster shows the exchange, both entries marked as swapped.
            let roster = try await app.call(.get, "/api/v1/rosters/\(f.cs)/2026-11", token: f.ann.token)
            let entries = (roster.json["days"] as? [[String: Any]] ?? []).flatMap { $0["entries"] as? [[String: Any]] ?? [] }
            #expect(entries.first { $0["date"] as? String == "2026-11-10" }?["userId"] as? String == f.bo.id)
            #expect(entries.first { $0["date"] as? String == "2026-11-12" }?["userId"] as? String == f.ann.id)
            #expect(entries.allSatisfy { $0["swapped"] as? Bool == true })
            // SHF-09: no leave on the swapped (or payback) shift.
            let leave = try await app.call(.post, "/api/v1/leave-requests", token: f.ann.token, json: ["shiftId": theirs!, "reason": "病假"])
            #expect(leave.status == .unprocessableContent && leave.text.contains("swapped_shift"), "\(leave.text)")
            // The planner cannot drop a swapped entry.
            let drop = try await app.call(.put, "/api/v1/rosters/\(f.cs)/2026-11", token: f.supervisor.token, json: ["entries": [Any]()])
            #expect(drop.status == .conflict && drop.text.contains("roster_entry_in_use"), "\(drop.text)")
            let audit = try await app.call(.get, "/api/v1/audit-log?entity=shift_swap&entityId=\(id)", token: f.admin)
            #expect(Set(audit.items.compactMap { $0["action"] as? String }).isSuperset(of: ["request", "consent", "approve"]), "\(audit.text.prefix(300))")
        }
    }

    @Test func aSwapIsRejectedByTheManagerOrDeclinedByTheColleague() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let ids = try await f.plan(app, "2026-11", [(3, f.ann.id, f.early), (6, f.bo.id, f.early), (20, f.ann.id, f.early), (24, f.cy.id, f.early)])
            let one = try await f.swap(app, f.ann.token, ids["03/\(f.ann.id)/\(f.early)"], ids["06/\(f.bo.id)/\(f.early)"]).string("id")!
            let declined = try await app.call(.post, "/api/v1/shift-swaps/\(one)/reject", token: f.bo.token, json: ["note": "那天有事"])
            #expect(declined.status == .ok && declined.string("status") == "rejected", "\(declined.text)")
            let two = try await f.swap(app, f.ann.token, ids["20/\(f.ann.id)/\(f.early)"], ids["24/\(f.cy.id)/\(f.early)"]).string("id")!
            #expect(try await app.call(.post, "/api/v1/shift-swaps/\(two)/reject", token: f.supervisor.token, json: [String: Any]()).status == .forbidden)
            let rejected = try await app.call(.post, "/api/v1/shift-swaps/\(two)/reject", token: f.manager.token, json: [String: Any]())
            #expect(rejected.string("status") == "rejected")
            // Rejected swaps do not count and leave the roster as planned; the entries may be re-planned.
            let drop = try await app.call(.put, "/api/v1/rosters/\(f.cs)/2026-11", token: f.supervisor.token, json: ["entries": [Any]()])
            #expect(drop.status == .ok, "\(drop.text.prefix(200))")
        }
    }

    /// Every refusal code of API.md at request time (4.9: "refused at request if it breaks SHF-07..10").
    @Test func theSeedsRulesRefuseAtRequestTime() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            // SHF-10, D13: 国庆节 (1 October 2026, 放假) is holiday duty — neither swap nor leave.
            let oct = try await f.plan(app, "2026-10", [(1, f.ann.id, f.early), (10, f.ann.id, f.early), (13, f.bo.id, f.early)])
            let holiday = try await f.swap(app, f.ann.token, oct["01/\(f.ann.id)/\(f.early)"], oct["13/\(f.bo.id)/\(f.early)"])
            #expect(holiday.status == .unprocessableContent && holiday.text.contains("\"holiday_duty\""), "\(holiday.text)")
            #expect(holiday.text.contains("节假日当班人员不允许换班"))
            let holidayLeave = try await app.call(.post, "/api/v1/leave-requests", token: f.ann.token, json: ["shiftId": oct["01/\(f.ann.id)/\(f.early)"]!])
            #expect(holidayLeave.status == .unprocessableContent && holidayLeave.text.contains("\"holiday_duty\""), "\(holidayLeave.text)")
            // 调休上班 Saturday 10 October is a working day: swapping it is fine.
            let adjusted = try await f.swap(app, f.ann.token, oct["10/\(f.ann.id)/\(f.early)"], oct["13/\(f.bo.id)/\(f.early)"])
            #expect(adjusted.status == .created, "\(adjusted.text)")

            // SHF-07: three swaps in November, the fourth refused (requested ones count).
            let nov = try await f.plan(app, "2026-11", [(2, f.ann.id, f.early), (5, f.ann.id, f.early), (9, f.ann.id, f.early), (13, f.ann.id, f.early),
                                                        (16, f.bo.id, f.early), (19, f.bo.id, f.early), (23, f.bo.id, f.early), (26, f.bo.id, f.early)])
            for (a, b) in [(2, 16), (5, 19), (9, 23)] {
                let r = try await f.swap(app, f.ann.token, nov[String(format: "%02d", a) + "/\(f.ann.id)/\(f.early)"], nov["\(b)/\(f.bo.id)/\(f.early)"])
                #expect(r.status == .created, "\(a)↔\(b): \(r.text)")
            }
            let fourth = try await f.swap(app, f.ann.token, nov["13/\(f.ann.id)/\(f.early)"], nov["26/\(f.bo.id)/\(f.early)"])
            #expect(fourth.status == .unprocessableContent && fourth.text.contains("\"swap_limit_reached\""), "\(fourth.text)")
            #expect(fourth.text.contains("每人每月换班不得超过 3 次"))

            // SHF-08: no consecutive swaps (a shift the day after another swap's shift); no 连班 for either party.
            let dec = try await f.plan(app, "2026-12", [(7, f.ann.id, f.early), (8, f.ann.id, f.early), (15, f.bo.id, f.early), (18, f.bo.id, f.early),
                                                        (21, f.cy.id, f.late), (22, f.ann.id, f.night), (28, f.ann.id, f.early)])
            let first = try await f.swap(app, f.ann.token, dec["07/\(f.ann.id)/\(f.early)"], dec["15/\(f.bo.id)/\(f.early)"])
            #expect(first.status == .created, "\(first.text)")
            let consecutive = try await f.swap(app, f.ann.token, dec["08/\(f.ann.id)/\(f.early)"], dec["18/\(f.bo.id)/\(f.early)"])
            #expect(consecutive.status == .unprocessableContent && consecutive.text.contains("\"consecutive_swap\""), "\(consecutive.text)")
            // Ann would work cy's late shift on the 21st until midnight, then her own night shift from 00:00 on the 22nd.
            let backToBack = try await f.swap(app, f.ann.token, dec["28/\(f.ann.id)/\(f.early)"], dec["21/\(f.cy.id)/\(f.late)"])
            #expect(backToBack.status == .unprocessableContent && backToBack.text.contains("\"back_to_back_shift\""), "\(backToBack.text)")
            #expect(backToBack.text.contains("连班"))
        }
    }

    @Test func leaveIsApprovedByTheSuperior() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let ids = try await f.plan(app, "2026-11", [(10, f.ann.id, f.early), (11, f.bo.id, f.early)])
            let mine = ids["10/\(f.ann.id)/\(f.early)"]!
            let notMine = try await app.call(.post, "/api/v1/leave-requests", token: f.bo.token, json: ["shiftId": mine])
            #expect(notMine.status == .unprocessableContent)
            let asked = try await app.call(.post, "/api/v1/leave-requests", token: f.ann.token, json: ["shiftId": mine, "reason": "看病"])
            #expect(asked.status == .created && asked.string("number")?.hasPrefix("QJ-") == true, "\(asked.text)")
            let id = asked.string("id")!
            let twice = try await app.call(.post, "/api/v1/leave-requests", token: f.ann.token, json: ["shiftId": mine])
            #expect(twice.status == .conflict)
            // A shift with leave asked for is not swapped.
            let swap = try await f.swap(app, f.ann.token, mine, ids["11/\(f.bo.id)/\(f.early)"])
            #expect(swap.status == .unprocessableContent && swap.text.contains("shift_on_leave"), "\(swap.text)")
            for token in [f.bo.token, f.outsider.token, f.ann.token] {
                #expect(try await app.call(.post, "/api/v1/leave-requests/\(id)/approve", token: token, json: [String: Any]()).status == .forbidden)
            }
            let queue = try await app.call(.get, "/api/v1/leave-requests?view=approval", token: f.supervisor.token)
            #expect(queue.items.map { $0["id"] as? String } == [id])
            let approved = try await app.call(.post, "/api/v1/leave-requests/\(id)/approve", token: f.supervisor.token, json: [String: Any]())
            #expect(approved.status == .ok && approved.string("status") == "approved", "\(approved.text)")
            let roster = try await app.call(.get, "/api/v1/rosters/\(f.cs)/2026-11", token: f.ann.token)
            let entries = (roster.json["days"] as? [[String: Any]] ?? []).flatMap { $0["entries"] as? [[String: Any]] ?? [] }
            #expect(entries.first { $0["id"] as? String == mine }?["onLeave"] as? Bool == true)
        }
    }
}
