import Foundation
import Hummingbird
import Testing

/// #14 PRP-06 over HTTP: a unit's occupants over time kept in step with the unit row (one current of each kind, the
/// move-out not before the move-in), the owner-file entries with their required fields, the renovation steps in order
/// by the right roles in the unit's scope, and the 业主档案 page.
@Suite("Property owner files (#14 PRP-06)")
struct OwnerFileTests {
    static func unitIds(_ app: TestApp, _ w: PropertyFeeTests.World) async throws -> [String: String] {
        let list = try await app.call(.get, "/api/v1/property/estates/\(w.estate)/units", token: w.admin.token)
        var ids: [String: String] = [:]
        for u in list.items { ids[u["room"] as? String ?? ""] = u["id"] as? String }
        return ids
    }

    static func row(_ r: TestApp.Reply) -> [String: Any] { r["unit"] as? [String: Any] ?? [:] }
    static func occupants(_ r: TestApp.Reply) -> [[String: Any]] { r["occupants"] as? [[String: Any]] ?? [] }

    @Test func movingInAndOutKeepsTheHistoryAndTheUnitRowInStep() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let units = try await Self.unitIds(app, w)
            let u101 = try #require(units["101"]), u103 = try #require(units["103"])
            let base = "/api/v1/property/units/\(u101)"

            // The owner registered with the unit opens the history.
            let file = try await app.call(.get, base + "/owner-file", token: w.admin.token)
            #expect(file.status == .ok && Self.occupants(file).count == 1, "\(file.text)")
            let first = Self.occupants(file).first ?? [:]
            #expect(first["name"] as? String == "王芳" && first["kind"] as? String == "owner" && first["movedInOn"] as? String == "2020-05-01" && first["current"] as? Bool == true)
            #expect(file["mayRecord"] as? Bool == true)

            // One current occupant of each kind.
            let twice = try await app.call(.post, base + "/move-in", token: w.admin.token, json: ["kind": "owner", "name": "张三", "movedInOn": "2026-01-01"])
            #expect(twice.status == .conflict && twice.errorCode == "occupant_current", "\(twice.text)")
            let tenant = try await app.call(.post, base + "/move-in", token: w.admin.token,
                                            json: ["kind": "tenant", "name": "李雷", "phone": "137-0000-1111", "movedInOn": "2026-11-01"])
            #expect(tenant.status == .created && Self.occupants(tenant).filter { $0["current"] as? Bool == true }.count == 2, "\(tenant.text)")
            #expect(Self.row(tenant)["occupantName"] as? String == "李雷" && Self.row(tenant)["occupantKind"] as? String == "tenant"
                    && Self.row(tenant)["occupantPhone"] as? String == "13700001111" && Self.row(tenant)["moveInOn"] as? String == "2026-11-01", "\(tenant.text)")
            let listed = try await app.call(.get, "/api/v1/property/estates/\(w.estate)/units?q=101", token: w.admin.token)
            #expect(listed.items.first?["occupantName"] as? String == "李雷", "\(listed.text)")

            // The move-out date is not before the move-in; with two current occupants the kind is named.
            let early = try await app.call(.post, base + "/move-out", token: w.admin.token, json: ["kind": "tenant", "movedOutOn": "2026-10-31"])
            #expect(early.status == .unprocessableContent && early.errorCode == "move_out_before_move_in" && early.text.contains("迁出日期不能早于入住日期"), "\(early.text)")
            let which = try await app.call(.post, base + "/move-out", token: w.admin.token, json: ["movedOutOn": "2026-11-20"])
            #expect(which.status == .unprocessableContent && which.text.contains("kind"), "\(which.text)")
            let future = try await app.call(.post, base + "/move-out", token: w.admin.token, json: ["kind": "tenant", "movedOutOn": "2099-01-01"])
            #expect(future.status == .unprocessableContent && future.text.contains("movedOutOn"), "\(future.text)")
            let out = try await app.call(.post, base + "/move-out", token: w.admin.token, json: ["kind": "tenant", "movedOutOn": "2026-11-20"])
            #expect(out.status == .ok && Self.row(out)["occupantName"] as? String == "王芳" && Self.row(out)["occupantKind"] as? String == "owner", "\(out.text)")
            let gone = Self.occupants(out).first { $0["name"] as? String == "李雷" } ?? [:]
            #expect(gone["movedOutOn"] as? String == "2026-11-20" && gone["current"] as? Bool == false, "\(out.text)")
            let again = try await app.call(.post, base + "/move-out", token: w.admin.token, json: ["kind": "tenant"])
            #expect(again.status == .conflict && again.errorCode == "no_current_occupant", "\(again.text)")

            // The owner sells: out, the new owner in; the history keeps all three.
            let sold = try await app.call(.post, base + "/move-out", token: w.admin.token, json: ["movedOutOn": "2026-11-25"])
            #expect(sold.status == .ok && Self.row(sold)["occupantName"] == nil, "\(sold.text)")
            let buyer = try await app.call(.post, base + "/move-in", token: w.admin.token, json: ["kind": "业主", "name": "赵敏", "movedInOn": "2026-11-26"])
            #expect(buyer.status == .created && Self.row(buyer)["occupantName"] as? String == "赵敏" && Self.occupants(buyer).count == 3, "\(buyer.text)")
            #expect(Self.occupants(buyer).first?["name"] as? String == "赵敏", "current first")
            let noName = try await app.call(.post, "/api/v1/property/units/\(u103)/move-in", token: w.admin.token, json: ["kind": "owner"])
            #expect(noName.status == .unprocessableContent && noName.text.contains("name"), "\(noName.text)")
            #expect(try await app.call(.post, "/api/v1/property/units/nope/move-in", token: w.admin.token, json: ["kind": "owner", "name": "x"]).status == .notFound)

            // Permissions: the role and the unit's scope.
            #expect(try await app.call(.get, base + "/owner-file", token: w.f.supervisor.token).status == .ok)
            #expect(try await app.call(.get, base + "/owner-file", token: w.outsider.token).status == .forbidden)
            #expect(try await app.call(.get, base + "/owner-file", token: w.f.agent.token).status == .forbidden)
            let bodies: [String: [String: Any]] = ["/move-in": ["kind": "tenant", "name": "x"], "/move-out": ["kind": "owner"],
                                                   "/file-entries": ["kind": "engineering", "summary": "y"]]
            for (path, body) in bodies {
                #expect(try await app.call(.post, base + path, token: w.outsider.token, json: body).status == .forbidden, "\(path)")
                #expect(try await app.call(.post, base + path, token: w.f.supervisor.token, json: body).status == .forbidden, "\(path)")
            }
            // Quick search finds a unit by its occupant's phone and opens its owner file.
            let hit = try await app.call(.get, "/api/v1/search?q=13800001111", token: w.admin.token)
            #expect(hit.items.contains { ($0["href"] as? String)?.hasPrefix("/property/units/") == true }, "\(hit.text)")
        }
    }

    @Test func fileEntriesNeedTheirFieldsAndRenovationsGoStepByStep() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let manager = try await app.createUser(w.f.admin, "pmzhou", roles: ["cs_manager"], unitId: w.f.cs)
            let qaManager = try await app.createUser(w.f.admin, "qamgr", roles: ["cs_manager"], unitId: w.f.qa)
            let u101 = try #require(try await Self.unitIds(app, w)["101"])
            let add = "/api/v1/property/units/\(u101)/file-entries"
            let noNo = try await app.call(.post, add, token: w.admin.token, json: ["kind": "agreement", "summary": "物业服务协议"])
            #expect(noNo.status == .unprocessableContent && noNo.text.contains("agreementNo") && noNo.text.contains("协议编号"), "\(noNo.text)")
            let agreement = try await app.call(.post, add, token: w.admin.token, json: ["kind": "签约", "agreementNo": "WY-2020-101", "entryOn": "2020-05-01"])
            #expect(agreement.status == .created && agreement.string("agreementNo") == "WY-2020-101" && agreement.string("kind") == "agreement", "\(agreement.text)")
            let noItems = try await app.call(.post, add, token: w.admin.token, json: ["kind": "handover"])
            #expect(noItems.status == .unprocessableContent && noItems.text.contains("handoverItems"), "\(noItems.text)")
            #expect(try await app.call(.post, add, token: w.admin.token, json: ["kind": "handover", "handoverItems": "钥匙 3 把；水表 12", "entryOn": "2020-05-02"]).status == .created)
            let badTerm = try await app.call(.post, add, token: w.admin.token, json: ["kind": "rental", "tenant": "李雷", "termFrom": "2026-12-01", "termTo": "2026-11-01"])
            #expect(badTerm.status == .unprocessableContent && badTerm.text.contains("termTo"), "\(badTerm.text)")
            let noTenant = try await app.call(.post, add, token: w.admin.token, json: ["kind": "rental", "termFrom": "2026-12-01", "termTo": "2027-11-30"])
            #expect(noTenant.status == .unprocessableContent && noTenant.text.contains("tenant"), "\(noTenant.text)")
            let rental = try await app.call(.post, add, token: w.admin.token,
                                            json: ["kind": "rental", "tenant": "李雷", "termFrom": "2026-12-01", "termTo": "2027-11-30", "agent": "链家", "summary": "x"])
            #expect(rental.status == .created && rental.string("termTo") == "2027-11-30" && rental.string("agent") == "链家" && rental["status"] == nil, "\(rental.text)")
            #expect(try await app.call(.post, add, token: w.admin.token, json: ["kind": "engineering", "summary": "水电改造图纸归档"]).status == .created)
            let badKind = try await app.call(.post, add, token: w.admin.token, json: ["kind": "party", "summary": "x"])
            #expect(badKind.status == .unprocessableContent && badKind.text.contains("kind"), "\(badKind.text)")

            // A renovation: applied → approved → supervised → accepted (failed with the defects).
            let reno = try await app.call(.post, add, token: w.admin.token, json: ["kind": "renovation", "summary": "厨房改造", "entryOn": "2026-11-10"])
            #expect(reno.status == .created && reno.string("status") == "applied" && (reno["actions"] as? [String]) == ["approve", "reject"], "\(reno.text)")
            let id = try #require(reno.string("id"))
            let step = "/api/v1/property/file-entries/\(id)/"
            let tooSoon = try await app.call(.post, step + "supervise", token: w.admin.token, json: ["note": "检查"])
            #expect(tooSoon.status == .conflict && tooSoon.errorCode == "renovation_step_not_allowed", "\(tooSoon.text)")
            #expect(try await app.call(.post, step + "approve", token: w.f.supervisor.token, json: [:]).status == .forbidden)
            #expect(try await app.call(.post, step + "approve", token: qaManager.token, json: [:]).status == .forbidden)
            #expect(try await app.call(.post, step + "approve", token: w.outsider.token, json: [:]).status == .forbidden)
            let approved = try await app.call(.post, step + "approve", token: manager.token, json: ["note": "不得改动承重墙"])
            #expect(approved.status == .ok && approved.string("status") == "approved", "\(approved.text)")
            #expect(try await app.call(.post, step + "reject", token: manager.token, json: ["note": "x"]).errorCode == "renovation_step_not_allowed")
            #expect(try await app.call(.post, step + "supervise", token: manager.token, json: ["note": "检查"]).status == .forbidden)
            let noNote = try await app.call(.post, step + "supervise", token: w.admin.token, json: [:])
            #expect(noNote.status == .unprocessableContent && noNote.text.contains("note"), "\(noNote.text)")
            let sup = try await app.call(.post, step + "supervise", token: w.admin.token, json: ["note": "防水层已做闭水试验"])
            #expect(sup.status == .ok && sup.string("status") == "supervising" && (sup["actions"] as? [String]) == ["supervise", "accept"], "\(sup.text)")
            let noResult = try await app.call(.post, step + "accept", token: manager.token, json: [:])
            #expect(noResult.status == .unprocessableContent && noResult.text.contains("passed"), "\(noResult.text)")
            let noDefects = try await app.call(.post, step + "accept", token: manager.token, json: ["passed": false])
            #expect(noDefects.status == .unprocessableContent && noDefects.text.contains("note"), "\(noDefects.text)")
            let failed = try await app.call(.post, step + "accept", token: w.admin.token, json: ["passed": false, "note": "墙面开裂，需返工"])
            #expect(failed.status == .ok && failed.string("status") == "failed" && (failed["actions"] as? [String])?.isEmpty == true, "\(failed.text)")
            let steps = failed["steps"] as? [[String: Any]] ?? []
            #expect(steps.map { $0["action"] as? String ?? "" } == ["approve", "supervise", "accept"] && steps.last?["note"] as? String == "墙面开裂，需返工", "\(failed.text)")
            #expect(try await app.call(.post, step + "accept", token: w.admin.token, json: ["passed": true]).status == .conflict)

            // Rejected with the reason; a step on an entry that is not a renovation.
            let other = try await app.call(.post, add, token: w.admin.token, json: ["kind": "renovation", "summary": "阳台封闭"])
            let otherId = try #require(other.string("id"))
            let noReason = try await app.call(.post, "/api/v1/property/file-entries/\(otherId)/reject", token: manager.token, json: [:])
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("note"), "\(noReason.text)")
            let rejected = try await app.call(.post, "/api/v1/property/file-entries/\(otherId)/reject", token: manager.token, json: ["note": "影响外立面"])
            #expect(rejected.status == .ok && rejected.string("status") == "rejected", "\(rejected.text)")
            let notReno = try await app.call(.post, "/api/v1/property/file-entries/\(agreement.string("id") ?? "")/approve", token: manager.token, json: [:])
            #expect(notReno.status == .unprocessableContent && notReno.errorCode == "not_renovation", "\(notReno.text)")

            // The file lists the entries newest first; the manager sees it but records nothing; outsiders see nothing.
            let file = try await app.call(.get, "/api/v1/property/units/\(u101)/owner-file", token: manager.token)
            let entries = file["entries"] as? [[String: Any]] ?? []
            #expect(entries.count == 6 && entries.last?["kind"] as? String == "agreement" && file["mayRecord"] as? Bool == false, "\(file.text)")
            #expect(try await app.call(.get, "/api/v1/property/file-entries/\(id)", token: w.f.supervisor.token).status == .ok)
            #expect(try await app.call(.get, "/api/v1/property/file-entries/\(id)", token: w.outsider.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/file-entries/nope", token: w.admin.token).status == .notFound)
        }
    }

    @Test func theOwnerFilePageShowsTheHistoryAndKeepsARefusedForm() async throws {
        try await TestApp.run { app in
            let w = try await PropertyFeeTests.world(app)
            let u101 = try #require(try await Self.unitIds(app, w)["101"])
            let reno = try await app.call(.post, "/api/v1/property/units/\(u101)/file-entries", token: w.admin.token, json: ["kind": "renovation", "summary": "厨房改造"])
            let renoId = try #require(reno.string("id"))
            let s = PageSession(app)
            _ = try await s.signIn("sunli", "password-sunli")
            let estate = try await s.get("/property/estates/\(w.estate)")
            #expect(estate.text.contains("/property/units/\(u101)"), "the unit list links the owner file")
            let path = "/property/units/\(u101)"
            let page = try await s.get(path)
            #expect(page.status == .ok && page.text.contains("id=\"prp-move-in-form\"") && page.text.contains("王芳") && page.text.contains("厨房改造"), "\(page.status)")
            #expect(page.text.contains("id=\"prp-approve-\(renoId)-save\">") && page.text.contains("id=\"prp-accept-\(renoId)-save\" disabled"), "steps follow the state")
            let csrf = PageSession.csrf(in: page.text) ?? ""
            let bad = try await s.post(path + "/move-in", form: ["_csrf": csrf, "kind": "owner", "name": "张三丰", "movedInOn": "2026-01-01"], from: path)
            #expect(bad.status == .seeOther, "\(bad.status)")
            let again = try await s.get(path)
            #expect(again.text.contains("张三丰") && again.text.contains("请先办理迁出"), "a refused form keeps what was typed")
            let moved = try await s.post(path + "/move-in", form: ["_csrf": PageSession.csrf(in: again.text) ?? csrf, "kind": "tenant", "name": "李雷",
                                                               "movedInOn": "2026-11-01"], from: path)
            #expect(moved.status == .seeOther && (moved.headers[.location] ?? "").contains("what=move-in"))
            let approved = try await s.post("/property/file-entries/\(renoId)/approve", form: ["_csrf": csrf], from: path)
            #expect(approved.status == .seeOther && (approved.headers[.location] ?? "").contains(path), "\(approved.status)")
            let after = try await s.get(path)
            #expect(after.text.contains("data-status=\"approved\"") && after.text.contains("data-current=\"1\""))
            let sup = PageSession(app)
            _ = try await sup.signIn("supervisor", "password-supervisor")
            let read = try await sup.get(path)
            #expect(read.status == .ok && !read.text.contains("id=\"prp-move-in-form\"") && read.text.contains("id=\"prp-accept-\(renoId)-save\" disabled"))
        }
    }
}
