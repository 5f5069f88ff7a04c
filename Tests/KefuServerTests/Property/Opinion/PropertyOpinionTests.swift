import Foundation
import Hummingbird
import Testing

/// #14 SAT-10 over HTTP: the supervisor starts an estate's half-yearly owners' opinion survey (once per half year) through
/// the survey engine; it asks the occupants with a phone; paper forms are typed in (once per resident) and answers given
/// at the public link count too; the round shows the response rate, the average score and the return-visit plan.
@Suite("Property opinion survey (#14 SAT-10)")
struct PropertyOpinionTests {
    @Test func aRoundAsksTheResidentsAndPlansReturnVisits() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let sup = w.f.supervisor.token
            let r = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/opinion-rounds", token: sup, json: ["halfYear": "2026年下半年"])
            #expect(r.status == .created && r.string("halfYear") == "2026-H2" && r["residents"] as? Int == 2 && r.string("responseRate") == "0.0%", "\(r.text)")
            let id = try #require(r.string("id"))
            let residents = r.items
            // 1栋 103 is vacant (no occupant, no phone): not asked. Each resident has a public link of the engine.
            #expect(Set(residents.compactMap { $0["room"] as? String }) == ["101", "102"], "\(r.text)")
            let link = try #require(residents.first { $0["room"] as? String == "102" }?["url"] as? String)
            #expect(link.contains("/s/"), "\(link)")
            let again = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/opinion-rounds", token: sup, json: ["halfYear": "2026-H2"])
            #expect(again.status == .conflict && again.errorCode == "round_exists", "\(again.text)")

            // A paper form of 101 (基本满意 with a comment: a return visit), then the tenant of 102 answers at the link (很满意, no comment).
            let paper = try await app.call(.post, "/api/v1/property/opinion-rounds/\(id)/answers", token: w.admin.token,
                                           json: ["building": "1栋", "room": "101", "overall": "基本满意", "comment": "希望增加儿童游乐设施"])
            #expect(paper.status == .created && paper["answered"] as? Int == 1 && paper.string("responseRate") == "50.0%", "\(paper.text)")
            let twice = try await app.call(.post, "/api/v1/property/opinion-rounds/\(id)/answers", token: w.admin.token,
                                           json: ["building": "1栋", "room": "101", "overall": 5])
            #expect(twice.status == .conflict && twice.errorCode == "survey_already_submitted" && twice.text.contains("不能重复录入"), "\(twice.text)")
            let token = String(link.split(separator: "/").last!)
            let online = try await app.call(.post, "/api/v1/public/surveys/\(token)", token: nil, json: ["overall": 5])
            #expect(online.status == .created || online.status == .ok, "\(online.text)")
            let round = try await app.call(.get, "/api/v1/property/opinion-rounds/\(id)", token: sup)
            #expect(round.string("responseRate") == "100.0%" && round.string("averageScore") == "4.0", "\(round.text)")
            let visits = round["returnVisits"] as? [[String: Any]] ?? []
            #expect(visits.count == 1 && visits.first?["room"] as? String == "101" && visits.first?["url"] == nil, "\(round.text)")
            let list = try await app.call(.get, "/api/v1/property/opinion-rounds?estateId=\(w.estate)", token: w.admin.token)
            #expect(list.items.count == 1 && list.items.first?["answered"] as? Int == 2, "\(list.text)")

            // Validation: an unknown unit, a rating outside 1–5, a half year badly written.
            let noUnit = try await app.call(.post, "/api/v1/property/opinion-rounds/\(id)/answers", token: w.admin.token, json: ["building": "1栋", "room": "103", "overall": 3])
            #expect(noUnit.status == .unprocessableContent && noUnit.text.contains("room"), "\(noUnit.text)")
            let badLevel = try await app.call(.post, "/api/v1/property/opinion-rounds/\(id)/answers", token: w.admin.token, json: ["building": "1栋", "room": "102", "overall": 9])
            #expect(badLevel.status == .unprocessableContent && badLevel.text.contains("overall"), "\(badLevel.text)")
            let badHalf = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/opinion-rounds", token: sup, json: ["halfYear": "2026-Q3"])
            #expect(badHalf.status == .unprocessableContent && badHalf.text.contains("halfYear"), "\(badHalf.text)")
        }
    }

    @Test func otherRolesAndUnitsAreRefused() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let r = try await app.call(.post, "/api/v1/property/estates/\(w.estate)/opinion-rounds", token: w.f.supervisor.token, json: ["halfYear": "2026-H1"])
            let id = try #require(r.string("id"), "\(r.text)")
            let qaSup = try await app.createUser(w.f.admin, "qasup", roles: ["cs_supervisor"], unitId: w.f.qa)
            // The property admin types in forms but does not start a round; an agent does neither; another unit is refused.
            #expect(try await app.call(.post, "/api/v1/property/estates/\(w.estate)/opinion-rounds", token: w.admin.token, json: ["halfYear": "2026-H2"]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/estates/\(w.estate)/opinion-rounds", token: w.f.agent.token, json: ["halfYear": "2026-H2"]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/estates/\(w.estate)/opinion-rounds", token: qaSup.token, json: ["halfYear": "2026-H2"]).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/opinion-rounds", token: w.f.agent.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/opinion-rounds/\(id)", token: qaSup.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/opinion-rounds", token: qaSup.token).items.isEmpty)
            #expect(try await app.call(.post, "/api/v1/property/opinion-rounds/\(id)/answers", token: w.outsider.token,
                                       json: ["building": "1栋", "room": "101", "overall": 4]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/opinion-rounds/\(id)/answers", token: w.f.agent.token,
                                       json: ["building": "1栋", "room": "101", "overall": 4]).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/opinion-rounds", token: nil).status == .unauthorized)
        }
    }

    @Test func thePagesStartARoundAndRecordAForm() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let s = PageSession(app)
            _ = try await s.signIn("supervisor", "password-supervisor")
            let page = try await s.get("/property/opinion-rounds")
            #expect(page.status == .ok && page.text.contains("id=\"prp-round-form\""), "\(page.status)")
            let csrf = PageSession.csrf(in: page.text) ?? ""
            let started = try await s.post("/property/opinion-rounds", form: ["_csrf": csrf, "estateId": w.estate, "halfYear": "2026-H2"], from: "/property/opinion-rounds")
            let at = started.headers[.location] ?? ""
            #expect(started.status == .seeOther && at.contains("what=round"), "\(started.status) \(started.text)")
            let path = String(at.split(separator: "?")[0])
            let form = try await s.post(path + "/answers", form: ["_csrf": csrf, "building": "1栋", "room": "102", "overall": "2", "comment": ""], from: path)
            #expect(form.status == .seeOther && (form.headers[.location] ?? "").contains("what=answer"), "\(form.status)")
            let detail = try await s.get(path)
            #expect(detail.text.contains("id=\"prp-return-visits\"") && detail.text.contains("李记超市") && detail.text.contains("50.0%"), "\(detail.text)")
            let list = try await s.get("/property/opinion-rounds")
            #expect(list.text.contains("class=\"prp-round\"") && list.text.contains("2026-H2"))
        }
    }
}
