import Foundation
import Hummingbird
import KefuChannels
import Testing

/// #16.1: the quarantine pages (list with its empty state, one message, re-ingest and discard by form) and the
/// `kefu mail ingest` client against a real server socket.
@Suite struct MailQuarantinePageTests {
    @Test func thePagesListShowReingestAndDiscardForTheHeadOfficeAdministrator() async throws {
        try await MailIntakeTests.withFixture { f in
            let admin = PageSession(f.app)
            #expect(try await admin.signIn("admin", TestApp.adminPassword).status == .seeOther)
            let empty = try await admin.get("/admin/mail-quarantine")
            #expect(empty.status == .ok)
            #expect(empty.text.contains("id=\"mail-quarantine-empty\""))
            #expect(empty.text.contains("没有隔离的邮件"))
            #expect(empty.text.contains("href=\"/admin/mail-quarantine\""), "the menu names the page")
            let held = try await f.post(try MailIntakeTests.eml("no_boundary"), token: f.intake.token)
            let qid = try #require(held.string("quarantineId"))
            let list = try await admin.get("/admin/mail-quarantine")
            #expect(list.text.contains("id=\"mail-quarantine-list\""))
            #expect(list.text.contains("bad multipart"))
            #expect(list.text.contains("MIME 结构损坏"))
            let english = try await admin.get("/admin/mail-quarantine", language: "en")
            #expect(english.text.contains("Broken MIME structure") || english.text.contains("MIME 结构损坏"))
            let detail = try await admin.get("/admin/mail-quarantine/\(qid)")
            #expect(detail.status == .ok)
            #expect(detail.text.contains("malformed_multipart"))
            #expect(detail.text.contains("id=\"mail-headers\""))
            #expect(detail.text.contains("/api/v1/mail-quarantine/\(qid)/raw"))
            let csrf = try #require(PageSession.csrf(in: detail.text))
            let reingested = try await admin.post("/admin/mail-quarantine/\(qid)/reingest", form: ["_csrf": csrf], from: "/admin/mail-quarantine/\(qid)")
            #expect(reingested.status == .seeOther)
            let after = try await admin.get("/admin/mail-quarantine/\(qid)")
            #expect(after.text.contains("已重新接收"))
            #expect(!after.text.contains("id=\"mail-reingest\""))
            // The new entry (still unparseable) is discarded by form.
            let newest = try await f.app.call(.get, "/api/v1/mail-quarantine", token: f.admin).items.first?["id"] as? String
            let second = try #require(newest)
            let page2 = try await admin.get("/admin/mail-quarantine/\(second)")
            let discarded = try await admin.post("/admin/mail-quarantine/\(second)/discard", form: ["_csrf": try #require(PageSession.csrf(in: page2.text))],
                                                 from: "/admin/mail-quarantine/\(second)")
            #expect(discarded.status == .seeOther)
            #expect(try await admin.get("/admin/mail-quarantine").text.contains("id=\"mail-quarantine-empty\""))
            #expect(try await admin.get("/admin/mail-quarantine?status=discarded").text.contains(second))
        }
    }

    @Test func otherUsersAreRefusedThePages() async throws {
        try await MailIntakeTests.withFixture { f in
            let held = try await f.post(try MailIntakeTests.eml("no_boundary"), token: f.intake.token)
            let qid = try #require(held.string("quarantineId"))
            let unit = try await f.app.createUnit(f.admin, code: "SUB2", name: "分部", parentId: f.rootId)
            _ = try await f.app.createUser(f.admin, "subadmin2", roles: ["admin"], unitId: unit)
            _ = try await f.app.createUser(f.admin, "manager2", roles: ["cs_manager"], unitId: f.rootId)
            for user in ["subadmin2", "manager2"] {
                let s = PageSession(f.app)
                #expect(try await s.signIn(user, "password-\(user)").status == .seeOther)
                let list = try await s.get("/admin/mail-quarantine")
                #expect(list.status == .forbidden, "\(user): \(list.status)")
                #expect(try await s.get("/admin/mail-quarantine/\(qid)").status == .forbidden)
                let home = try await s.get("/")
                #expect(!home.text.contains("href=\"/admin/mail-quarantine\""), "\(user) sees the menu entry")
                let forms = try await s.post("/admin/mail-quarantine/\(qid)/discard", form: ["_csrf": PageSession.csrf(in: home.text) ?? ""])
                #expect(forms.status == .forbidden || forms.status == .seeOther)
            }
            #expect(try await f.count("SELECT COUNT(*) AS n FROM mail_quarantine WHERE status = 'held'") == 1)
        }
    }

    @Test func theIngestClientDeliversAndTellsTheMtaToRetryWhenTheServerIsDown() async throws {
        #expect(MailIngestClient.exitCode(status: nil) == 75)
        #expect(MailIngestClient.exitCode(status: 201) == 0)
        #expect(MailIngestClient.exitCode(status: 200) == 0)
        #expect(MailIngestClient.exitCode(status: 413) == 65)
        #expect(MailIngestClient.exitCode(status: 401) == 75)
        #expect(MailIngestClient.exitCode(status: 403) == 75)
        #expect(MailIngestClient.exitCode(status: 503) == 75)
        #expect(await MailIngestClient.deliver([1], baseURL: nil, token: "t", recipient: nil).code == 64)
        #expect(await MailIngestClient.deliver([1], baseURL: "http://127.0.0.1:1", token: nil, recipient: nil).code == 64)
        try await MailIntakeTests.withFixture { f in
            let base = "http://127.0.0.1:\(f.app.client.port!)"
            let raw = try MailIntakeTests.eml("big5_qp")
            let delivered = await MailIngestClient.deliver(raw, baseURL: base, token: f.intake.token, recipient: "service@kefu.example")
            #expect(delivered.code == 0, "\(delivered.message)")
            #expect(try await f.count("SELECT COUNT(*) AS n FROM tickets WHERE channel = 'email' AND subject = '繁體中文測試：維修查詢'") == 1)
            #expect(await MailIngestClient.deliver(raw, baseURL: base, token: f.intake.token, recipient: nil).code == 0) // a duplicate is delivered
            #expect(await MailIngestClient.deliver(raw, baseURL: base, token: "wrong-token", recipient: nil).code == 75)
        }
        // Nothing listens on port 1: the MTA keeps the message and retries.
        let down = await MailIngestClient.deliver(Array("From: a@x.cn\r\n\r\nx".utf8), baseURL: "http://127.0.0.1:1", token: "t", recipient: nil, timeoutSeconds: 5)
        #expect(down.code == 75, "\(down.message)")
    }
}
