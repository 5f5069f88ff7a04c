import Foundation
import Testing

/// #15.3 absenteeism over HTTP (SQLite, and PostgreSQL when KEFU_TEST_POSTGRES_URL is set): the supervisor records missed
/// shifts; approved leave refuses; an unclear swap handover shares the blame between both parties (SHF-05, SHF-09, SHF-11).
@Suite("Absenteeism (#15.3, SHF-05, SHF-11)")
struct AbsenceFlowTests {
    @Test func recordRefuseShareAndList() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let ids = try await f.plan(app, "2026-11", [(10, f.ann.id, f.early), (12, f.bo.id, f.early), (13, f.cy.id, f.early), (14, f.ann.id, f.late)])
            let annTenth = ids["10/\(f.ann.id)/\(f.early)"]!, boTwelfth = ids["12/\(f.bo.id)/\(f.early)"]!
            let cyThirteenth = ids["13/\(f.cy.id)/\(f.early)"]!, annFourteenth = ids["14/\(f.ann.id)/\(f.late)"]!
            // An effective swap: bo now holds the 10th (a swapped shift), ann the 12th (her payback shift).
            let swap = try await f.swap(app, f.ann.token, annTenth, boTwelfth).string("id")!
            _ = try await app.call(.post, "/api/v1/shift-swaps/\(swap)/consent", token: f.bo.token, json: [String: Any]())
            let approved = try await app.call(.post, "/api/v1/shift-swaps/\(swap)/approve", token: f.manager.token, json: [String: Any]())
            #expect(approved.string("status") == "effective", "\(approved.text)")

            // Only the superiors who approve leave record absences, in their unit and below.
            let byAgent = try await app.call(.post, "/api/v1/absences", token: f.ann.token, json: ["shiftId": cyThirteenth])
            #expect(byAgent.status == .forbidden, "\(byAgent.text)")
            let byOutsider = try await app.call(.post, "/api/v1/absences", token: f.outsider.token, json: ["shiftId": cyThirteenth])
            #expect(byOutsider.status == .forbidden, "\(byOutsider.text)")

            // SHF-05: an unapproved absence is absenteeism, the absentee answerable alone; one record per shift.
            let plain = try await app.call(.post, "/api/v1/absences", token: f.supervisor.token, json: ["shiftId": cyThirteenth, "note": "未到岗"])
            #expect(plain.status == .created, "\(plain.text)")
            #expect(plain.string("number")?.hasPrefix("KG-") == true && plain.string("userId") == f.cy.id)
            #expect((plain.json["shares"] as? [[String: Any]])?.map { "\($0["userId"]!):\($0["percent"]!)" } == ["\(f.cy.id):100"], "\(plain.text)")
            let twice = try await app.call(.post, "/api/v1/absences", token: f.manager.token, json: ["shiftId": cyThirteenth])
            #expect(twice.status == .conflict && twice.text.contains("absence_exists"), "\(twice.text)")
            let sharesOnPlain = try await app.call(.post, "/api/v1/absences", token: f.supervisor.token,
                                                   json: ["shiftId": annFourteenth, "unclearHandover": true, "shares": [["userId": f.ann.id, "percent": 100]]])
            #expect(sharesOnPlain.status == .unprocessableContent && sharesOnPlain.text.contains("not_a_swapped_shift"), "\(sharesOnPlain.text)")

            // Approved leave is not absenteeism.
            let leave = try await app.call(.post, "/api/v1/leave-requests", token: f.ann.token, json: ["shiftId": annFourteenth, "reason": "病假"])
            _ = try await app.call(.post, "/api/v1/leave-requests/\(leave.string("id")!)/approve", token: f.supervisor.token, json: [String: Any]())
            let onLeave = try await app.call(.post, "/api/v1/absences", token: f.supervisor.token, json: ["shiftId": annFourteenth])
            #expect(onLeave.status == .unprocessableContent && onLeave.text.contains("on_approved_leave"), "\(onLeave.text)")

            // SHF-11: the swapped shift missed after an unclear handover — both parties by share, exact, totalling 100.
            let missing = try await app.call(.post, "/api/v1/absences", token: f.supervisor.token, json: ["shiftId": annTenth, "unclearHandover": true])
            #expect(missing.status == .unprocessableContent && missing.text.contains("blame_shares_missing"), "\(missing.text)")
            let wrong = try await app.call(.post, "/api/v1/absences", token: f.supervisor.token, json: [
                "shiftId": annTenth, "unclearHandover": true, "shares": [["userId": f.ann.id, "percent": 40], ["userId": f.bo.id, "percent": 50]]])
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("blame_shares_invalid"), "\(wrong.text)")
            let shared = try await app.call(.post, "/api/v1/absences", token: f.supervisor.token, json: [
                "shiftId": annTenth, "unclearHandover": true, "shares": [["userId": f.ann.id, "percent": 40], ["userId": f.bo.id, "percent": 60]], "note": "交接不清"])
            #expect(shared.status == .created, "\(shared.text)")
            #expect(shared.string("userId") == f.bo.id && shared.string("swapId") == swap && shared.json["unclearHandover"] as? Bool == true)
            let shares = Dictionary(uniqueKeysWithValues: (shared.json["shares"] as? [[String: Any]] ?? []).map { ($0["userId"] as! String, $0["percent"] as! Int) })
            #expect(shares == [f.ann.id: 40, f.bo.id: 60], "\(shared.text)")

            // A shift not yet begun cannot be missed.
            let future = try await f.plan(app, "2099-03", [(2, f.cy.id, f.early)])
            let early = try await app.call(.post, "/api/v1/absences", token: f.supervisor.token, json: ["shiftId": future["02/\(f.cy.id)/\(f.early)"]!])
            #expect(early.status != .created && early.text.contains("shiftId"), "\(early.text)")

            // Each party sees its own records with its share; the supervisor its unit's by month and person.
            let annList = try await app.call(.get, "/api/v1/absences", token: f.ann.token)
            #expect(annList.items.map { $0["id"] as? String } == [shared.string("id")], "\(annList.text)")
            let cyList = try await app.call(.get, "/api/v1/absences", token: f.cy.token)
            #expect(cyList.items.map { $0["id"] as? String } == [plain.string("id")], "\(cyList.text)")
            let unit = try await app.call(.get, "/api/v1/absences?orgUnitId=\(f.cs)&month=2026-11", token: f.supervisor.token)
            #expect(unit.json["total"] as? Int == 2 && unit.items.first?["id"] as? String == plain.string("id"), "newest shift first: \(unit.text.prefix(300))")
            let byPerson = try await app.call(.get, "/api/v1/absences?userId=\(f.ann.id)", token: f.manager.token)
            #expect(byPerson.items.map { $0["id"] as? String } == [shared.string("id")])
            let otherMonth = try await app.call(.get, "/api/v1/absences?month=2026-10", token: f.supervisor.token)
            #expect(otherMonth.status == .ok && otherMonth.items.isEmpty)
            let outsiders = try await app.call(.get, "/api/v1/absences", token: f.outsider.token)
            #expect(outsiders.items.isEmpty, "another unit's manager sees none: \(outsiders.text.prefix(200))")
            let outsideUnit = try await app.call(.get, "/api/v1/absences?orgUnitId=\(f.cs)", token: f.outsider.token)
            #expect(outsideUnit.status == .forbidden)
            let audit = try await app.call(.get, "/api/v1/audit-log?entity=absence&entityId=\(shared.string("id")!)", token: f.admin)
            #expect(audit.items.first?["action"] as? String == "record", "\(audit.text.prefix(300))")
        }
    }
}
