import Foundation
import Hummingbird
import Testing

/// #14 PRP-10 over HTTP: owner proposals recorded (a unit optional), the open ones of a unit submitted together to the
/// project manager (TJ-…), the answer to each, the submission answered with its last; list, search, pages; refusals.
@Suite("Property owner proposals (#14 PRP-10)")
struct PropertyProposalTests {
    @Test func proposalsAreSubmittedTogetherAndAnsweredOneByOne() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let manager = try await app.createUser(w.f.admin, "pmzhou", roles: ["cs_manager"], unitId: w.f.cs)
            let base = "/api/v1/property/estates/\(w.estate)/proposals"
            let p1 = try await app.call(.post, base, token: w.admin.token, json: ["building": "1栋", "room": "101", "ownerName": "王芳", "ownerPhone": "139-0000-2222",
                                                                                  "content": "建议增设电动车充电桩", "proposedOn": "2026-11-20"])
            #expect(p1.status == .created && p1.string("number") == "YJ-2026-000001" && p1.string("status") == "open" && p1.string("unitLabel") == "1栋 101", "\(p1.text)")
            #expect(p1.string("ownerPhone") == "13900002222")
            let p2 = try await app.call(.post, base, token: w.f.supervisor.token, json: ["ownerName": "李先生", "content": "会所开放时间延长"])
            #expect(p2.status == .created && p2["unitId"] == nil && p2.string("receivedBy") != nil, "\(p2.text)")
            let noUnit = try await app.call(.post, base, token: w.admin.token, json: ["building": "9栋", "room": "1", "ownerName": "x", "content": "y"])
            #expect(noUnit.status == .unprocessableContent && noUnit.text.contains("room"), "\(noUnit.text)")
            let noContent = try await app.call(.post, base, token: w.admin.token, json: ["ownerName": "x"])
            #expect(noContent.status == .unprocessableContent && noContent.text.contains("content"), "\(noContent.text)")
            let p1id = try #require(p1.string("id")), p2id = try #require(p2.string("id"))

            // An open proposal cannot be answered; the supervisor submits both.
            let early = try await app.call(.post, "/api/v1/property/proposals/\(p1id)/answer", token: manager.token, json: ["answer": "好"])
            #expect(early.status == .conflict && early.errorCode == "proposal_not_submitted", "\(early.text)")
            #expect(try await app.call(.post, "/api/v1/property/proposal-batches", token: w.admin.token, json: [:]).status == .forbidden)
            let batch = try await app.call(.post, "/api/v1/property/proposal-batches", token: w.f.supervisor.token, json: ["note": "十一月业主建议"])
            #expect(batch.status == .created && batch.string("number")?.hasPrefix("TJ-") == true && batch["proposalCount"] as? Int == 2, "\(batch.text)")
            #expect(batch.string("status") == "submitted" && (batch["proposals"] as? [[String: Any]])?.count == 2, "\(batch.text)")
            let none = try await app.call(.post, "/api/v1/property/proposal-batches", token: w.f.supervisor.token, json: [:])
            #expect(none.status == .unprocessableContent && none.errorCode == "no_open_proposals", "\(none.text)")
            let batchId = try #require(batch.string("id"))

            // The CS manager records the project manager's answers; the supervisor does not.
            #expect(try await app.call(.post, "/api/v1/property/proposals/\(p1id)/answer", token: w.f.supervisor.token, json: ["answer": "好"]).status == .forbidden)
            let a1 = try await app.call(.post, "/api/v1/property/proposals/\(p1id)/answer", token: manager.token, json: ["answer": "列入下季度计划"])
            #expect(a1.status == .ok && a1.string("status") == "answered" && a1.string("answer") == "列入下季度计划", "\(a1.text)")
            let twice = try await app.call(.post, "/api/v1/property/proposals/\(p1id)/answer", token: manager.token, json: ["answer": "再答"])
            #expect(twice.status == .conflict && twice.errorCode == "proposal_answered", "\(twice.text)")
            let half = try await app.call(.get, "/api/v1/property/proposal-batches/\(batchId)", token: w.admin.token)
            #expect(half.string("status") == "submitted" && half["answered"] as? Int == 1, "\(half.text)")
            let noAnswer = try await app.call(.post, "/api/v1/property/proposals/\(p2id)/answer", token: manager.token, json: [:])
            #expect(noAnswer.status == .unprocessableContent && noAnswer.text.contains("answer"), "\(noAnswer.text)")
            #expect(try await app.call(.post, "/api/v1/property/proposals/\(p2id)/answer", token: w.f.admin, json: ["answer": "已安排"]).status == .ok)
            let done = try await app.call(.get, "/api/v1/property/proposal-batches/\(batchId)", token: w.f.supervisor.token)
            #expect(done.string("status") == "answered" && done["answered"] as? Int == 2 && done.string("answeredAt") != nil, "\(done.text)")

            // Lists and search; another unit sees nothing.
            let open = try await app.call(.get, "/api/v1/property/proposals?status=answered&q=" + "充电桩".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!,
                                          token: w.admin.token)
            #expect(open.items.map { $0["number"] as? String ?? "" } == ["YJ-2026-000001"], "\(open.text)")
            #expect(try await app.call(.get, "/api/v1/property/proposal-batches", token: w.admin.token).items.count == 1)
            #expect(try await app.call(.get, "/api/v1/property/proposals", token: w.outsider.token).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/property/proposals/\(p1id)", token: w.outsider.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/proposal-batches/\(batchId)", token: w.outsider.token).status == .forbidden)
            #expect(try await app.call(.post, base, token: w.outsider.token, json: ["ownerName": "x", "content": "y"]).status == .forbidden)
            #expect(try await app.call(.post, base, token: w.f.agent.token, json: ["ownerName": "x", "content": "y"]).status == .forbidden)
            let qaManager = try await app.createUser(w.f.admin, "qamgr", roles: ["cs_manager"], unitId: w.f.qa)
            let p3 = try await app.call(.post, base, token: w.admin.token, json: ["ownerName": "赵", "content": "东门照明"])
            _ = try await app.call(.post, "/api/v1/property/proposal-batches", token: w.f.supervisor.token, json: ["orgUnitId": w.f.cs])
            #expect(try await app.call(.post, "/api/v1/property/proposals/\(p3.string("id") ?? "")/answer", token: qaManager.token, json: ["answer": "x"]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/proposal-batches", token: qaManager.token, json: ["orgUnitId": w.f.cs]).status == .forbidden)
            let hit = try await app.call(.get, "/api/v1/search?q=" + (batch.string("number") ?? ""), token: w.f.supervisor.token)
            #expect(hit.items.contains { $0["kind"] as? String == "property_proposal_batch" }, "\(hit.text)")
            let yj = try await app.call(.get, "/api/v1/search?q=yj-2026-2", token: w.admin.token)
            #expect(yj.items.contains { $0["kind"] as? String == "property_proposal" }, "\(yj.text)")
        }
    }

    @Test func thePagesRecordSubmitAndAnswer() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            _ = try await app.createUser(w.f.admin, "pmzhou", roles: ["cs_manager"], unitId: w.f.cs)
            let admin = PageSession(app)
            _ = try await admin.signIn("sunli", "password-sunli")
            let list = try await admin.get("/property/proposals")
            #expect(list.status == .ok && list.text.contains("id=\"prp-proposal-form\"") && !list.text.contains("id=\"prp-batch-form\""))
            let made = try await admin.post("/property/proposals", form: ["_csrf": PageSession.csrf(in: list.text) ?? "", "estateId": w.estate, "ownerName": "王芳",
                                                                         "content": "小区增设快递柜"], from: "/property/proposals")
            #expect(made.status == .seeOther, "\(made.status)")
            let sup = PageSession(app)
            _ = try await sup.signIn("supervisor", "password-supervisor")
            let supList = try await sup.get("/property/proposals")
            #expect(supList.text.contains("小区增设快递柜") && supList.text.contains("id=\"prp-batch-form\""))
            let submitted = try await sup.post("/property/proposal-batches", form: ["_csrf": PageSession.csrf(in: supList.text) ?? "", "note": "本周"],
                                               from: "/property/proposals")
            let location = submitted.headers[.location] ?? ""
            #expect(submitted.status == .seeOther && location.contains("/property/proposal-batches/"), "\(submitted.status) \(location)")
            let pm = PageSession(app)
            _ = try await pm.signIn("pmzhou", "password-pmzhou")
            let batch = try await pm.get(location)
            #expect(batch.status == .ok && batch.text.contains("prp-answer-form"), "\(batch.status)")
            let proposalId = try #require(try await app.call(.get, "/api/v1/property/proposals", token: w.admin.token).items.first?["id"] as? String)
            let answered = try await pm.post("/property/proposals/\(proposalId)/answer", form: ["_csrf": PageSession.csrf(in: batch.text) ?? "", "answer": "同意，下月安装"],
                                             from: location)
            #expect(answered.status == .seeOther, "\(answered.status)")
            let after = try await pm.get(location)
            #expect(after.text.contains("同意，下月安装") && !after.text.contains("prp-answer-form"))
        }
    }
}
