import Foundation
import HTTPTypes
import Hummingbird
import KefuChannels
import KefuDomain
import KefuPlatform
import SQLKit
import Testing

/// #16.6 the customer portal over real HTTP: a link asked for → the mail in the outbox holds it → sign in → my tickets
/// shows only mine → a reply lands as the customer's public comment (and reopens a resolved ticket); and the denials:
/// another customer's ticket (404), a used or expired link, no session, a staff cookie on the portal, a portal cookie
/// on staff pages and the API, a bad CSRF token, the throttle, the portal without outbound mail. SQLite and PostgreSQL.
@Suite struct PortalTests {
    struct Fixture: Sendable {
        let outbound: OutboundMailTests.Fixture
        var app: TestApp { outbound.app }
        var admin: String { outbound.mail.admin }
        /// wang's two tickets and li's one: (id, number).
        let wang1: (id: String, number: String)
        let wang2: (id: String, number: String)
        let li: (id: String, number: String)
    }

    /// `KEFU_BASE_URL` of the fixture: the address the mailed links point at (the tests' requests come to `localhost`).
    static let publicAddress = "https://kefu.example.com/service"

    static func withFixture(_ body: @escaping @Sendable (Fixture) async throws -> Void) async throws {
        try await OutboundMailTests.withFixture(baseURL: PublicBaseURL(publicAddress)) { f in
            let admin = f.mail.admin
            func ticket(_ subject: String, _ name: String, _ email: String) async throws -> (id: String, number: String) {
                let r = try await f.app.createTicket(admin, subject: subject, description: "\(subject)的详细描述",
                                                     extra: ["channel": "email", "customer": ["name": name, "email": email]])
                #expect(r.status == .created, "\(r.text)")
                return (r.string("id")!, r.string("number")!)
            }
            let wang1 = try await ticket("空调不制冷", "王先生", "wang@customer.example")
            let wang2 = try await ticket("发票抬头错误", "王先生", "Wang@Customer.example")
            let li = try await ticket("李经理的投诉", "李经理", "li@other.example")
            try await body(Fixture(outbound: f, wang1: wang1, wang2: wang2, li: li))
        }
    }

    /// Asks for a link for `email` through the pages and answers the link from the mail that went out (nil: no mail).
    /// Opens the mailed link and presses its sign-in button: the POST's answer (303 to /portal/tickets when signed in).
    static func follow(_ s: PageSession, _ link: String) async throws -> TestApp.Reply {
        let page = try await s.get(link)
        #expect(page.status == .ok && page.text.contains("id=\"portal-confirm-button\""), "\(page.status) \(page.text.prefix(300))")
        return try await s.post(link, form: ["_csrf": PageSession.csrf(in: page.text) ?? ""])
    }

    static func requestLink(_ f: Fixture, _ s: PageSession, email: String) async throws -> String? {
        let before = f.outbound.sink.messages.count
        let page = try await s.get("/portal")
        #expect(page.status == .ok && page.text.contains("id=\"portal-sign-in\""), "\(page.status)")
        let sent = try await s.post("/portal/link", form: ["email": email, "_csrf": PageSession.csrf(in: page.text) ?? ""])
        #expect(sent.status == .ok, "\(sent.status) \(sent.text.prefix(300))")
        #expect(sent.text.contains("id=\"portal-link-sent\""))
        _ = try await f.outbound.sender().deliverDue()
        guard f.outbound.sink.messages.count > before, let mail = f.outbound.sink.messages.last else { return nil }
        let text = mail.bodyText
        guard let range = text.range(of: "/portal/in/") else { Issue.record("no link in \(text)"); return nil }
        #expect(text.contains(publicAddress + "/portal/in/"), "the link is on KEFU_BASE_URL, never the request's Host: \(text)")
        let token = String(text[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        return "/portal/in/" + token
    }

    @Test func aCustomerSignsInByMailSeesOnlyTheirTicketsAndReplies() async throws {
        try await Self.withFixture { f in
            // A staff note and a public reply on wang's first ticket: only the reply reaches the portal.
            let note = try await f.app.call(.post, "/api/v1/tickets/\(f.wang1.id)/comments", token: f.admin, json: ["body": "内部备注：客户脾气急", "visibility": "internal"])
            #expect(note.status == .created)
            let answer = try await f.app.call(.post, "/api/v1/tickets/\(f.wang1.id)/comments", token: f.admin, json: ["body": "王先生您好，维修人员明天上午到场。", "visibility": "public"])
            #expect(answer.status == .created)
            _ = try await f.outbound.sender().deliverDue() // the reply's own mail

            let s = PageSession(f.app)
            let link = try #require(try await Self.requestLink(f, s, email: " WANG@customer.example "))
            let mail = try #require(f.outbound.sink.messages.last)
            #expect(mail.to == ["wang@customer.example"])
            #expect(mail.header("Auto-Submitted") == "auto-generated")
            #expect(mail.header("In-Reply-To") == nil && mail.header("X-Kefu-Ticket") == nil, "a sign-in mail belongs to no ticket")
            let outbox = try await f.outbound.outbox("&status=sent")
            let entry = try #require(outbox.first { $0["kind"] as? String == "portal_link" })
            #expect(entry["ticketId"] == nil || entry["ticketId"] is NSNull)
            let raws = try await f.app.store.read { db in
                try await db.raw("SELECT raw FROM mail_outbox WHERE kind = 'portal_link'").all().map { try $0.decode(column: "raw", as: String.self) }
            }
            #expect(raws == [""], "a sent sign-in mail keeps no copy of its link")

            // An address with no tickets gets the same answer and no mail.
            let stranger = PageSession(f.app)
            #expect(try await Self.requestLink(f, stranger, email: "nobody@nowhere.example") == nil)

            // Opening the link (as a mail scanner does) spends nothing: only its button signs in.
            for _ in 0..<2 { #expect(try await PageSession(f.app).get(link).text.contains("id=\"portal-confirm-button\"")) }
            #expect(s.cookies["kefu_portal"] == nil)
            let signedIn = try await Self.follow(s, link)
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/portal/tickets")
            let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("kefu_portal=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("Path=/portal") && cookie.lowercased().contains("samesite=lax"), "\(cookie)")

            let mine = try await s.get("/portal/tickets")
            #expect(mine.status == .ok)
            #expect(mine.text.contains(f.wang1.number) && mine.text.contains(f.wang2.number))
            #expect(!mine.text.contains(f.li.number), "another customer's ticket is not listed")

            let thread = try await s.get("/portal/tickets/\(f.wang1.number)")
            #expect(thread.status == .ok)
            #expect(thread.text.contains("维修人员明天上午到场"))
            #expect(!thread.text.contains("内部备注"), "internal notes never reach the customer")
            #expect(thread.text.contains("空调不制冷的详细描述"))

            let other = try await s.get("/portal/tickets/\(f.li.number)")
            #expect(other.status == .notFound && other.text.contains("portal-not-found"))
            #expect(try await s.get("/portal/tickets/KF2099-999999").status == .notFound)

            // An empty reply is refused readably; a long one keeps what was typed.
            let csrf = PageSession.csrf(in: thread.text) ?? ""
            let empty = try await s.post("/portal/tickets/\(f.wang1.number)/reply", form: ["body": "   ", "_csrf": csrf])
            #expect(empty.status == .unprocessableContent && empty.text.contains("id=\"reply-error\""))
            let long = String(repeating: "长", count: PortalRules.replyMax + 1)
            let tooLong = try await s.post("/portal/tickets/\(f.wang1.number)/reply", form: ["body": long, "_csrf": csrf])
            #expect(tooLong.status == .unprocessableContent && tooLong.text.contains(long))

            // The reply is the customer's public comment, and it reopens a resolved ticket as a mail would.
            let resolved = try await f.app.call(.post, "/api/v1/tickets/\(f.wang1.id)/status", token: f.admin, json: ["status": "resolved"])
            #expect(resolved.status == .ok, "\(resolved.text)")
            let replied = try await s.post("/portal/tickets/\(f.wang1.number)/reply", form: ["body": "好的，明天上午有人在家。", "_csrf": csrf])
            #expect(replied.status == .seeOther, "\(replied.status) \(replied.text.prefix(300))")
            let after = try await s.get("/portal/tickets/\(f.wang1.number)?notice=sent")
            #expect(after.text.contains("明天上午有人在家") && after.text.contains("portal-reply-sent"))
            let comments = try await f.app.call(.get, "/api/v1/tickets/\(f.wang1.id)/comments", token: f.admin).items
            let customer = try #require(comments.first { $0["body"] as? String == "好的，明天上午有人在家。" })
            #expect(customer["authorKind"] as? String == "customer" && customer["visibility"] as? String == "public")
            let ticket = try await f.app.call(.get, "/api/v1/tickets/\(f.wang1.id)", token: f.admin)
            #expect(ticket.string("status") == "open", "a customer's answer reopens a resolved ticket")
            let events = try await f.app.call(.get, "/api/v1/tickets/\(f.wang1.id)/events", token: f.admin)
            #expect(events.status == .ok && events.items.contains { ($0["data"] as? [String: Any])?["channel"] as? String == "portal" }, "\(events.text.prefix(500))")
            let reopened = try #require(events.items.last { $0["kind"] as? String == "status" && ($0["data"] as? [String: Any])?["to"] as? String == "open" })
            #expect(reopened["actorId"] == nil || reopened["actorId"] is NSNull, "no account reopened it: \(reopened)")
            let staff = PageSession(f.app)
            _ = try await staff.signIn("admin", TestApp.adminPassword)
            let staffPage = try await staff.get("/tickets/\(f.wang1.id)")
            #expect(staffPage.status == .ok && staffPage.text.contains("明天上午有人在家"), "the staff page shows the customer's answer")
            let audit = try await f.app.store.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'portal.replied'").first()!.decode(column: "n", as: Int.self)
            }
            #expect(audit == 1)

            // A closed ticket says replies are closed and refuses one.
            let closed = try await f.app.call(.post, "/api/v1/tickets/\(f.wang2.id)/status", token: f.admin, json: ["status": "closed"])
            #expect(closed.status == .ok, "\(closed.text)")
            let closedPage = try await s.get("/portal/tickets/\(f.wang2.number)")
            #expect(closedPage.text.contains("portal-replies-closed") && !closedPage.text.contains("id=\"portal-reply\""))
            let refused = try await s.post("/portal/tickets/\(f.wang2.number)/reply", form: ["body": "还在吗？", "_csrf": csrf])
            #expect(refused.status == .conflict)

            // The link works once; signing out ends the session.
            let again = try await PageSession(f.app).get(link)
            #expect(again.status == .gone && again.text.contains("portal-link-used"))
            let replay = try await s.post(link, form: ["_csrf": csrf])
            #expect(replay.status == .gone && replay.text.contains("portal-link-used"), "pressing an old page's button signs nobody in")
            let out = try await s.post("/portal/out", form: ["_csrf": csrf])
            #expect(out.status == .seeOther)
            s.cookies["kefu_portal"] = String(cookie.dropFirst("kefu_portal=".count).prefix { $0 != ";" })
            let gone = try await s.get("/portal/tickets")
            #expect(gone.status == .seeOther && gone.headers[.location] == "/portal", "a signed-out session opens nothing")
        }
    }

    /// A multipart reply with one file, as the portal's form sends it.
    static func multipart(_ fields: [String: String], file: (name: String, bytes: [UInt8])?) -> (body: ByteBuffer, type: String) {
        let boundary = "portal-test-\(UUID().uuidString)"
        var out: [UInt8] = []
        for (k, v) in fields { out += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n".utf8) }
        if let file {
            out += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            out += file.bytes + Array("\r\n".utf8)
        }
        out += Array("--\(boundary)--\r\n".utf8)
        return (ByteBuffer(bytes: out), "multipart/form-data; boundary=\(boundary)")
    }

    @Test func aReplyCarriesAFileKeptWithItsChecksumAndShownToStaffAsTheCustomers() async throws {
        try await Self.withFixture { f in
            let s = PageSession(f.app)
            let link = try #require(try await Self.requestLink(f, s, email: "wang@customer.example"))
            _ = try await Self.follow(s, link)
            let page = try await s.get("/portal/tickets/\(f.wang1.number)")
            #expect(page.text.contains("enctype=\"multipart/form-data\"") && page.text.contains("id=\"portal-reply-file\""))
            let bytes = Array("发票照片的字节 \(UUID().uuidString)".utf8)
            let form = Self.multipart(["body": "发票照片见附件。", "_csrf": s.cookies["kefu_portal_csrf"] ?? ""], file: ("发票.jpg", bytes))
            let posted = try await f.app.http.execute(.init("/portal/tickets/\(f.wang1.number)/reply", method: .post, authority: "localhost",
                                                            headers: [.cookie: s.cookieHeader, .contentType: form.type], body: form.body))
            #expect(posted.status == .seeOther, "\(posted.status) \(posted.body.map { String(buffer: $0) }?.prefix(300) ?? "")")

            // Kept like a mail's attachment: size and SHA-256, by ticket and comment.
            let stored = try await f.app.store.read { db in
                try await db.raw("SELECT id, file_name, size_bytes, sha256 FROM portal_attachments").all().map {
                    (id: try $0.decode(column: "id", as: String.self), name: try $0.decode(column: "file_name", as: String.self),
                     size: try $0.decode(column: "size_bytes", as: Int64.self), sha: try $0.decode(column: "sha256", as: String.self))
                }
            }
            let file = try #require(stored.first)
            #expect(stored.count == 1 && file.name == "发票.jpg" && file.size == Int64(bytes.count) && file.sha == IconvMailCodecs().sha256Hex(bytes))

            // The customer sees and downloads it; another customer does not.
            let after = try await s.get("/portal/tickets/\(f.wang1.number)")
            #expect(after.text.contains("data-file=\"\(file.id)\"") && after.text.contains("发票照片见附件"))
            let download = try await s.get("/portal/files/\(file.id)")
            #expect(download.status == .ok && download.text == String(decoding: bytes, as: UTF8.self))
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            let li = PageSession(f.app)
            _ = try await Self.follow(li, try #require(try await Self.requestLink(f, li, email: "li@other.example")))
            #expect(try await li.get("/portal/files/\(file.id)").status == .notFound)

            // Staff see it on the ticket's page as the customer's, and download it.
            let staff = PageSession(f.app)
            _ = try await staff.signIn("admin", TestApp.adminPassword)
            let ticketPage = try await staff.get("/tickets/\(f.wang1.id)")
            #expect(ticketPage.text.contains("客户在门户上传的附件 发票.jpg"), "the staff page names it as the customer's")
            let staffDownload = try await staff.get("/mail/attachments/\(file.id)")
            #expect(staffDownload.status == .ok && staffDownload.text == String(decoding: bytes, as: UTF8.self))

            // An empty file is refused with the typed text kept.
            let empty = Self.multipart(["body": "再补一张", "_csrf": s.cookies["kefu_portal_csrf"] ?? ""], file: ("空.jpg", []))
            let refused = try await f.app.http.execute(.init("/portal/tickets/\(f.wang1.number)/reply", method: .post, authority: "localhost",
                                                             headers: [.cookie: s.cookieHeader, .contentType: empty.type], body: empty.body))
            let refusedText = refused.body.map { String(buffer: $0) } ?? ""
            #expect(refused.status == .unprocessableContent && refusedText.contains("再补一张") && refusedText.contains("reply-error"))
        }
    }

    @Test func aResolvedTicketIsRatedOnceAndTheRatingCountsInTheSatisfactionReport() async throws {
        try await Self.withFixture { f in
            let s = PageSession(f.app)
            _ = try await Self.follow(s, try #require(try await Self.requestLink(f, s, email: "wang@customer.example")))
            let open = try await s.get("/portal/tickets/\(f.wang1.number)")
            #expect(!open.text.contains("id=\"portal-rate\""), "an open ticket is not rated yet")
            let csrf = s.cookies["kefu_portal_csrf"] ?? ""
            let early = try await s.post("/portal/tickets/\(f.wang1.number)/rate", form: ["overall": "5", "_csrf": csrf])
            #expect(early.status == .conflict)

            let resolved = try await f.app.call(.post, "/api/v1/tickets/\(f.wang1.id)/status", token: f.admin, json: ["status": "resolved"])
            #expect(resolved.status == .ok, "\(resolved.text)")
            let page = try await s.get("/portal/tickets/\(f.wang1.number)")
            #expect(page.text.contains("id=\"portal-rate\""))
            let none = try await s.post("/portal/tickets/\(f.wang1.number)/rate", form: ["comment": "忘了选", "_csrf": csrf])
            #expect(none.status == .unprocessableContent && none.text.contains("rate-error") && none.text.contains("忘了选"))
            let rated = try await s.post("/portal/tickets/\(f.wang1.number)/rate", form: ["overall": "4", "comment": "师傅很准时", "_csrf": csrf])
            #expect(rated.status == .seeOther, "\(rated.status) \(rated.text.prefix(300))")
            let after = try await s.get("/portal/tickets/\(f.wang1.number)?notice=rated")
            #expect(after.text.contains("data-rating=\"4\"") && after.text.contains("portal-rated-thanks") && !after.text.contains("id=\"portal-rate\""))

            // A second rating is refused politely and changes nothing.
            let again = try await s.post("/portal/tickets/\(f.wang1.number)/rate", form: ["overall": "1", "_csrf": csrf])
            #expect(again.status == .conflict && again.text.contains("您已经评价过这个工单"))
            let responses = try await f.app.store.read { db in
                try await db.raw("SELECT overall FROM survey_responses").all().map { try $0.decode(column: "overall", as: Int.self) }
            }
            #expect(responses == [4])
            // Two ratings of wang's other ticket sent at once: one is kept, the other refused.
            _ = try await f.app.call(.post, "/api/v1/tickets/\(f.wang2.id)/status", token: f.admin, json: ["status": "resolved"])
            let tabs = (0..<4).map { _ in PageSession(f.app) } // one browser's tabs: the same cookies
            for tab in tabs { tab.cookies = s.cookies }
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for (tab, level) in zip(tabs, ["5", "2", "3", "4"]) {
                    group.addTask { try await tab.post("/portal/tickets/\(f.wang2.number)/rate", form: ["overall": level, "_csrf": csrf]).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .seeOther }.count == 1 && statuses.filter { $0 == .conflict }.count == 3, "\(statuses)")
            let forWang2 = try await f.app.store.read { db in
                try await db.raw("""
                    SELECT COUNT(*) AS n FROM survey_responses r JOIN survey_invitations i ON i.id = r.invitation_id WHERE i.ticket_id = \(bind: f.wang2.id)
                    """).first()!.decode(column: "n", as: Int.self)
            }
            let invitations = try await f.app.store.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM survey_invitations WHERE ticket_id = \(bind: f.wang2.id)").first()!.decode(column: "n", as: Int.self)
            }
            #expect(forWang2 == 1 && invitations == 1, "one rating and no invitation left unanswered")
            // Another customer cannot rate it.
            let li = PageSession(f.app)
            _ = try await Self.follow(li, try #require(try await Self.requestLink(f, li, email: "li@other.example")))
            #expect(try await li.post("/portal/tickets/\(f.wang1.number)/rate", form: ["overall": "1", "_csrf": li.cookies["kefu_portal_csrf"] ?? ""]).status == .notFound)

            // The existing satisfaction report counts it (SAT-08).
            let report = try await f.app.call(.get, "/api/v1/reports/satisfaction?groupBy=none", token: f.admin)
            #expect(report.status == .ok, "\(report.text)")
            #expect(report["responses"] as? Int == 2 && (report["satisfied"] as? Int ?? 0) >= 1, "\(report.text)")
        }
    }

    @Test func thePortalAndStaffSessionsNeverMix() async throws {
        try await Self.withFixture { f in
            // No session: back to the sign-in page.
            let anonymous = PageSession(f.app)
            let none = try await anonymous.get("/portal/tickets")
            #expect(none.status == .seeOther && none.headers[.location] == "/portal")

            // A staff member signed in to Kefu has no portal session.
            let staff = PageSession(f.app)
            let signedIn = try await staff.signIn("admin", TestApp.adminPassword)
            #expect(signedIn.status == .seeOther)
            let staffOnPortal = try await staff.get("/portal/tickets/\(f.wang1.number)")
            #expect(staffOnPortal.status == .seeOther && staffOnPortal.headers[.location] == "/portal")

            // A customer's portal cookie opens no staff page and no API.
            let s = PageSession(f.app)
            let link = try #require(try await Self.requestLink(f, s, email: "wang@customer.example"))
            _ = try await Self.follow(s, link)
            let portalToken = try #require(s.cookies["kefu_portal"])
            #expect(try await s.get("/portal/tickets").status == .ok)
            let staffPage = try await s.get("/tickets")
            #expect(staffPage.status == .seeOther && (staffPage.headers[.location] ?? "").hasPrefix("/login"))
            for cookie in ["kefu_portal=\(portalToken)", "kefu_session=\(portalToken)"] {
                let api = try await f.app.call(.get, "/api/v1/tickets", headers: [.cookie: cookie])
                #expect(api.status == .unauthorized, "\(cookie): \(api.status)")
            }
            let asStaff = try await f.app.call(.get, "/tickets", headers: [.cookie: "kefu_session=\(portalToken)"])
            #expect(asStaff.status == .seeOther && (asStaff.headers[.location] ?? "").hasPrefix("/login"))

            // A form without the portal's own token is refused, also with a staff session's token.
            let forged = try await s.post("/portal/tickets/\(f.wang1.number)/reply", form: ["body": "伪造", "_csrf": "not-the-token"])
            #expect(forged.status == .forbidden)
            let staffToken = PageSession.csrf(in: try await staff.get("/").text) ?? ""
            let crossed = try await s.post("/portal/link", form: ["email": "wang@customer.example", "_csrf": staffToken])
            #expect(crossed.status == .forbidden)
        }
    }

    @Test func usedExpiredAndUnknownLinksAreReadablePages() async throws {
        try await Self.withFixture { f in
            let s = PageSession(f.app)
            let link = try #require(try await Self.requestLink(f, s, email: "li@other.example"))
            try await f.app.store.write { db in try await db.raw("UPDATE portal_links SET expires_at = 0").run() }
            let expired = try await s.get(link)
            #expect(expired.status == .gone && expired.text.contains("portal-link-expired") && expired.text.contains("href=\"/portal\""))
            #expect(s.cookies["kefu_portal"] == nil)
            let unknown = try await s.get("/portal/in/no-such-token")
            #expect(unknown.status == .notFound && unknown.text.contains("portal-link-unknown"))
            let english = try await s.get("/portal/in/no-such-token?lang=en")
            #expect(english.text.contains("This sign-in link is not valid"))
            // Only hashes are kept.
            let token = String(link.dropFirst("/portal/in/".count))
            let stored = try await f.app.store.read { db in
                try await db.raw("SELECT token_hash FROM portal_links").all().map { try $0.decode(column: "token_hash", as: String.self) }
            }
            #expect(!stored.contains(token) && stored.contains(Secrets.hash(token)))
        }
    }

    @Test func linkRequestsAreThrottledPerAddressAndPerClient() async throws {
        try await Self.withFixture { f in
            let s = PageSession(f.app)
            let page = try await s.get("/portal")
            let csrf = PageSession.csrf(in: page.text) ?? ""
            func ask(_ email: String, from ip: String) async throws -> HTTPResponse.Status {
                let body = "email=\(email.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&_csrf=\(csrf)"
                return try await f.app.call(.post, "/portal/link", raw: body, headers: [.cookie: s.cookieHeader, .contentType: "application/x-www-form-urlencoded",
                                                                                         HTTPField.Name("X-Forwarded-For")!: ip]).status
            }
            for _ in 0..<PortalRules.linksPerAddress { #expect(try await ask("wang@customer.example", from: "203.0.113.1") == .ok) }
            #expect(try await ask("wang@customer.example", from: "203.0.113.2") == .tooManyRequests, "per address, whatever the client")
            for i in 0..<(PortalRules.linksPerClient - 3) { #expect(try await ask("x\(i)@nowhere.example", from: "203.0.113.1") == .ok) }
            #expect(try await ask("fresh@nowhere.example", from: "203.0.113.1") == .tooManyRequests, "per client address")
            #expect(try await ask("fresh@nowhere.example", from: "203.0.113.3") == .ok)
            let kept = try await f.app.store.read { db in
                try await db.raw("""
                    SELECT (SELECT COUNT(*) FROM portal_links WHERE requester LIKE '%203.0.113%')
                         + (SELECT COUNT(*) FROM audit_log WHERE action LIKE 'portal.%' AND detail LIKE '%203.0.113%') AS n
                    """).first()!.decode(column: "n", as: Int.self)
            }
            #expect(kept == 0, "the throttle keeps a hash of the client address, never the address")
            let mails = try await f.outbound.outbox().filter { $0["kind"] as? String == "portal_link" }
            #expect(mails.count == PortalRules.linksPerAddress, "only wang's three requests were mailed")
            // An address that is not one is refused with the typed value kept.
            let bad = try await s.post("/portal/link", form: ["email": "not-an-address", "_csrf": csrf])
            #expect(bad.status == .unprocessableContent && bad.text.contains("not-an-address") && bad.text.contains("email-error"))
        }
    }

    @Test func withoutOutboundMailThePortalSaysSignInIsNotAvailable() async throws {
        try await TestApp.run { app in
            let s = PageSession(app)
            let page = try await s.get("/portal")
            #expect(page.status == .serviceUnavailable && page.text.contains("portal-unavailable") && !page.text.contains("portal-sign-in"))
            let en = try await s.get("/portal?lang=en")
            #expect(en.text.contains("Signing in by mail is not available"))
            let post = try await s.post("/portal/link", form: ["email": "wang@customer.example", "_csrf": s.cookies["kefu_portal_csrf"] ?? ""])
            #expect(post.status == .serviceUnavailable && !post.text.contains("portal-link-sent"))
            let queued = try await app.store.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM mail_outbox").first()!.decode(column: "n", as: Int.self)
            }
            #expect(queued == 0)
        }
    }

    /// With outbound mail but no `KEFU_BASE_URL` no link is mailed: a link built from the request's Host header would
    /// let anyone have a customer's link point at a site of their own.
    @Test func withoutAPublicAddressNoLinkIsMailed() async throws {
        try await OutboundMailTests.withFixture { f in
            _ = try await f.app.createTicket(f.mail.admin, subject: "门禁卡失效", extra: ["channel": "email", "customer": ["name": "王先生", "email": "wang@customer.example"]])
            let s = PageSession(f.app)
            let page = try await s.get("/portal")
            #expect(page.status == .serviceUnavailable && page.text.contains("portal-unavailable") && page.text.contains("KEFU_BASE_URL"))
            #expect(!page.text.contains("portal-sign-in"))
            let post = try await s.post("/portal/link", form: ["email": "wang@customer.example", "_csrf": s.cookies["kefu_portal_csrf"] ?? ""])
            #expect(post.status == .serviceUnavailable && !post.text.contains("portal-link-sent"))
            let links = try await f.app.store.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM mail_outbox WHERE kind = 'portal_link'").first()!.decode(column: "n", as: Int.self)
            }
            #expect(links == 0)
        }
    }
}
