import Foundation
import Hummingbird
import Testing

/// #12.5, MAT-05 on the pages: the site asks with its three photos in one form (a submit without them is refused under
/// the photos, what was typed kept, nothing saved), its department forwards, HQ approves with the code it chooses, the
/// item links back; the request and its photos are served only in scope; the hand-off says the state in words.
@Suite("Item-code request pages (#12.5, MAT-05)")
struct ItemRequestPageTests {
    /// A WebP by its magic numbers, in ASCII so the test client's text body carries it unchanged.
    static func webp(_ size: Int = 64) -> String { "RIFF0000WEBPVP8 " + String(repeating: "x", count: max(0, size - 16)) }

    /// A page form with files, as a browser sends it (`multipart/form-data`), from the page `from`.
    static func multipart(_ s: PageSession, _ path: String, fields: [String: String], files: [String: (String, String)], from page: String) async throws -> TestApp.Reply {
        let boundary = "----kefu\(UUID().uuidString)"
        var body = ""
        for (k, v) in fields { body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n" }
        for (k, (name, data)) in files {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"; filename=\"\(name)\"\r\nContent-Type: image/webp\r\n\r\n\(data)\r\n"
        }
        body += "--\(boundary)--\r\n"
        var headers: HTTPFields = [.cookie: s.cookieHeader, .contentType: "multipart/form-data; boundary=\(boundary)"]
        headers[.referer] = "http://localhost" + page
        let r = try await s.app.call(.post, path, raw: body, headers: headers)
        s.absorb(r.headers)
        return r
    }

    static func signedIn(_ app: TestApp, _ user: String) async throws -> PageSession {
        let s = PageSession(app)
        #expect(try await s.signIn(user, "password-\(user)").status == .seeOther)
        return s
    }

    static func location(_ r: TestApp.Reply) -> String { r.headers[.location] ?? "" }

    @Test func aSiteAsksWithThreePhotosTheDepartmentForwardsHQApprovesAndTheItemLinksBack() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let keeper = try await Self.signedIn(app, "keepa1")
            let empty = try await keeper.get("/materials/item-requests")
            #expect(empty.status == .ok)
            #expect(empty.text.contains("id=\"empty-state\"") && empty.text.contains("id=\"nav-item-requests\""))
            let form = try await keeper.get("/materials/item-requests/new")
            #expect(form.status == .ok && form.text.contains("enctype=\"multipart/form-data\"") && form.text.contains("name=\"photo_close_up\""))
            let csrf = PageSession.csrf(in: form.text) ?? ""
            var fields = ["_csrf": csrf, "name": "液压密封圈", "spec": "Φ32×2.4", "unit": "个", "purpose": "叉车油缸维修", "intent": "submit"]

            // Two photos only: refused under the photos, the text kept, nothing saved.
            let refused = try await Self.multipart(keeper, "/materials/item-requests", fields: fields,
                                                   files: ["photo_distant": ("far.webp", Self.webp()), "photo_spec": ("plate.webp", Self.webp())],
                                                   from: "/materials/item-requests/new")
            #expect(refused.status == .seeOther && Self.location(refused) == "/materials/item-requests/new", "\(refused.status) \(Self.location(refused))")
            let again = try await keeper.get("/materials/item-requests/new")
            #expect(again.text.contains("id=\"ir-photos-error\""), "\(again.text)")
            #expect(again.text.contains("近景照片") && again.text.contains("value=\"液压密封圈\"") && again.text.contains("value=\"叉车油缸维修\""))
            #expect(try await app.call(.get, "/api/v1/item-requests", token: f.keeperA1).items.isEmpty)

            // A photo above 1 MB passes every layer (the three together up to 31 MB).
            fields["_csrf"] = PageSession.csrf(in: again.text) ?? csrf
            let sent = try await Self.multipart(keeper, "/materials/item-requests", fields: fields, files: [
                "photo_distant": ("far.webp", Self.webp(1_500_000)), "photo_close_up": ("near.webp", Self.webp()), "photo_spec": ("plate.webp", Self.webp())],
                from: "/materials/item-requests/new")
            #expect(sent.status == .seeOther, "\(sent.status) \(sent.text)")
            let page = Self.location(sent)
            #expect(page.hasPrefix("/materials/item-requests/"), "\(page)")
            let id = String(page.dropFirst("/materials/item-requests/".count).prefix { $0 != "?" })
            let shown = try await keeper.get(page)
            #expect(shown.text.contains("data-status=\"submitted\"") && shown.text.contains("已提交业务部"))
            #expect(shown.text.components(separatedBy: "<figure class=\"photo\"").count == 4, "three thumbnails")
            #expect(!shown.text.contains("id=\"item-request-forward\""), "the site does not forward its own request")
            let photos = try await app.call(.get, "/api/v1/attachments?ownerKind=item_request&ownerId=\(id)", token: f.keeperA1).items
            #expect(photos.count == 3)
            let photoId = try #require(photos.first?["id"] as? String)
            #expect(try await keeper.get("/attachments/\(photoId)").status == .ok)

            // Another site neither sees the request nor its photos, on the page or in the list.
            let other = try await Self.signedIn(app, "keepa2")
            #expect(try await other.get(page).status == .forbidden)
            #expect(try await other.get("/attachments/\(photoId)").status == .forbidden)
            #expect(!(try await other.get("/materials/item-requests")).text.contains(id))
            // The department is told, in words (not the raw state).
            let told = try await app.call(.get, "/api/v1/notifications", token: f.accA).items
            let body = told.first { ($0["kind"] as? String) == "item_request_submitted" }?["body"] as? String
            #expect(body == "申请状态：已提交业务部", "\(told)")

            // The department forwards on the page; the site cannot.
            let keeperPage = try await keeper.get(page)
            #expect(try await keeper.post("/materials/item-requests/\(id)/forward", form: ["_csrf": PageSession.csrf(in: keeperPage.text) ?? ""],
                                          from: page).status == .forbidden)
            let acc = try await Self.signedIn(app, "acca")
            let accPage = try await acc.get(page)
            #expect(accPage.text.contains("id=\"item-request-forward\"") && accPage.text.contains("id=\"reject-form\"") && !accPage.text.contains("id=\"approve-form\""))
            let forwarded = try await acc.post("/materials/item-requests/\(id)/forward", form: ["_csrf": PageSession.csrf(in: accPage.text) ?? ""], from: page)
            #expect(forwarded.status == .seeOther)

            // HQ approves with its code: a taken code is refused under the code field with what was typed kept.
            let hq = try await Self.signedIn(app, "hqmat")
            let hqPage = try await hq.get(page)
            #expect(hqPage.text.contains("id=\"approve-form\"") && hqPage.text.contains("value=\"液压密封圈\""))
            var approve = ["_csrf": PageSession.csrf(in: hqPage.text) ?? "", "code": "BOLT-M10", "name": "液压密封圈", "spec": "Φ32×2.4", "model": "",
                           "unit": "个", "category": "consumable", "repairClass": "I"]
            let taken = try await hq.post("/materials/item-requests/\(id)/approve", form: approve, from: page)
            #expect(taken.status == .seeOther)
            let takenPage = try await hq.get(page)
            #expect(takenPage.text.contains("BOLT-M10") && takenPage.text.contains("id=\"approve-code-error\""), "\(takenPage.text)")
            approve["code"] = "HY-032"
            #expect(try await hq.post("/materials/item-requests/\(id)/approve", form: approve, from: page).status == .seeOther)
            let done = try await keeper.get(page)
            #expect(done.text.contains("data-status=\"approved\"") && done.text.contains("id=\"item-request-item\""))
            let itemId = try #require(try await app.call(.get, "/api/v1/item-requests/\(id)", token: f.keeperA1).string("itemId"))
            #expect(done.text.contains("/materials/items/\(itemId)"))
            let itemPage = try await keeper.get("/materials/items/\(itemId)")
            #expect(itemPage.text.contains("id=\"item-origin-link\" href=\"/materials/item-requests/\(id)\""), "\(itemPage.text)")
            // The timeline in MAT-05's order (the page's one step wrote create, three photos and submit at one instant).
            let steps = done.text.components(separatedBy: "data-action=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(steps == ["create", "attach", "attach", "attach", "submit", "forward", "approve"], "\(steps)")
            let kinds = done.text.components(separatedBy: "<figure class=\"photo\" data-kind=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(kinds == ["distant", "close_up", "spec"], "\(kinds)")
            let approvedList = try await keeper.get("/materials/item-requests?status=approved")
            #expect(approvedList.text.contains("class=\"item-request-row\" data-id=\"\(id)\""))
            #expect(!(try await keeper.get("/materials/item-requests?status=rejected")).text.contains(id))
        }
    }

    @Test func whoMayNotOpenTheFormOrTakeAStepIsRefused() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            // Not a materials viewer: the list and the request are refused.
            let agent = try await Self.signedIn(app, "agent")
            #expect(try await agent.get("/materials/item-requests").status == .forbidden)
            // A planner sees the list but asks for no code.
            let planner = try await Self.signedIn(app, "hqplan")
            let list = try await planner.get("/materials/item-requests")
            #expect(list.status == .ok && !list.text.contains("id=\"new-item-request\""))
            #expect(try await planner.get("/materials/item-requests/new").status == .forbidden)
            // A draft of site A1: HQ cannot approve it before the steps, the other department cannot reject it.
            let id = try #require(try await app.call(.post, "/api/v1/item-requests", token: f.keeperA1,
                                                     json: ["name": "垫圈", "spec": "M8", "unit": "个", "purpose": "维修"]).string("id"))
            #expect(try await agent.get("/materials/item-requests/\(id)").status == .forbidden)
            let accB = try await Self.signedIn(app, "accb")
            let seen = try await accB.get("/materials/item-requests/\(id)")
            #expect(seen.status == .ok && !seen.text.contains("id=\"reject-form\""), "D16: the department accountant reads, but acts only in its own department")
            #expect(try await accB.post("/materials/item-requests/\(id)/reject", form: ["_csrf": PageSession.csrf(in: seen.text) ?? "", "reason": "不要"],
                                        from: "/materials/item-requests/\(id)").status == .forbidden)
            let keeper = try await Self.signedIn(app, "keepa1")
            let draft = try await keeper.get("/materials/item-requests/\(id)")
            #expect(draft.text.contains("id=\"ir-add-close-up-form\"") && draft.text.contains("id=\"item-request-missing\""))
            // Submitting the draft on its page without photos: refused with the reason on the page (409/422 kept by FormFlash).
            let early = try await keeper.post("/materials/item-requests/\(id)/submit", form: ["_csrf": PageSession.csrf(in: draft.text) ?? ""],
                                              from: "/materials/item-requests/\(id)")
            #expect(early.status == .seeOther)
            let back = try await keeper.get("/materials/item-requests/\(id)")
            #expect(back.text.contains("MAT-05") && back.text.contains("data-status=\"draft\""))
            // In English the state and the photos are named in English.
            #expect(try await keeper.post("/account/locale", form: ["_csrf": PageSession.csrf(in: back.text) ?? "", "locale": "en"]).status == .seeOther)
            let en = try await keeper.get("/materials/item-requests/\(id)")
            #expect(en.text.contains(">Draft<") && en.text.contains("Close-up"), "\(en.text)")
        }
    }

    @Test func hqRecordsAPaperRequestAsADraftAndTheSiteAddsItsPhotosOnThePageAndSubmits() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let units = try await app.call(.get, "/api/v1/org-units", token: f.admin).items
            let siteA1 = try #require(units.first { ($0["code"] as? String) == "SA1" }?["id"] as? String, "\(units)")
            let hq = try await Self.signedIn(app, "hqmat")
            let form = try await hq.get("/materials/item-requests/new")
            #expect(form.text.contains("id=\"ir-unit\"") && form.text.contains("id=\"ir-draft-only\"") && !form.text.contains("name=\"photo_distant\""))
            // HQ sends no photos (only the requesting unit does): a photo in its form is refused.
            let fields = ["_csrf": PageSession.csrf(in: form.text) ?? "", "orgUnitId": siteA1, "name": "垫圈", "spec": "M8", "unit": "个", "purpose": "纸质申请", "intent": "draft"]
            #expect(try await Self.multipart(hq, "/materials/item-requests", fields: fields, files: ["photo_distant": ("far.webp", Self.webp())],
                                             from: "/materials/item-requests/new").status == .forbidden)
            let saved = try await Self.multipart(hq, "/materials/item-requests", fields: fields, files: [:], from: "/materials/item-requests/new")
            let page = String(Self.location(saved).prefix { $0 != "?" })
            #expect(saved.status == .seeOther && page.hasPrefix("/materials/item-requests/"), "\(saved.status) \(saved.text)")
            #expect(!(try await hq.get(page)).text.contains("id=\"item-request-submit\""), "HQ does not submit for the site")

            // The site adds the three photos on the draft's page, one upload each, then submits it.
            let keeper = try await Self.signedIn(app, "keepa1")
            var draft = try await keeper.get(page)
            #expect(draft.text.contains("data-status=\"draft\"") && draft.text.contains("id=\"item-request-submit\""))
            for kind in ["distant", "close_up", "spec"] {
                let up = try await Self.multipart(keeper, "/attachments", fields: [
                    "_csrf": PageSession.csrf(in: draft.text) ?? "", "ownerKind": "item_request", "ownerId": String(page.split(separator: "/").last!), "label": kind, "_back": page],
                    files: ["file": ("\(kind).webp", Self.webp())], from: page)
                #expect(up.status == .seeOther && Self.location(up).contains("notice=attached"), "\(up.status) \(Self.location(up))")
                draft = try await keeper.get(page)
            }
            #expect(draft.text.components(separatedBy: "<figure class=\"photo\"").count == 4 && !draft.text.contains("id=\"item-request-missing\""))
            #expect(try await keeper.post(page + "/submit", form: ["_csrf": PageSession.csrf(in: draft.text) ?? ""], from: page).status == .seeOther)
            let sent = try await keeper.get(page)
            #expect(sent.text.contains("data-status=\"submitted\"") && !sent.text.contains("class=\"photo-upload"), "no more photos once submitted")
        }
    }

    /// Without a session a form's body is not read at all: even a body above the upload limit goes to sign-in (before
    /// #12.5 the CSRF check read up to the limit first and answered 413).
    @Test func anUploadWithoutASessionGoesToSignInUnread() async throws {
        try await TestApp.run { app in
            let anonymous = PageSession(app)
            let r = try await Self.multipart(anonymous, "/materials/item-requests", fields: ["name": "垫圈"],
                                             files: ["photo_distant": ("far.webp", Self.webp(8 * 1024 * 1024))], from: "/materials/item-requests/new")
            #expect(r.status == .seeOther && Self.location(r).hasPrefix("/login"), "\(r.status) \(Self.location(r))")
        }
    }
}
