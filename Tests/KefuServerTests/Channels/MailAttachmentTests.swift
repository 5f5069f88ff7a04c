import Foundation
import HTTPTypes
import KefuPlatform
import Testing

/// #16.1 (CH-01): the files a customer's mail brought are linked on its ticket's page and downloaded by whoever may see
/// the ticket — always as a download, and an HTML file never as a page of Kefu.
@Suite("Mail attachments on the ticket (#16.1)")
struct MailAttachmentTests {
    @Test func theTicketPageLinksTheFilesAndOnlyItsViewersDownloadThem() async throws {
        try await MailIntakeTests.withFixture { f in
            let made = try await f.post(try MailIntakeTests.eml("nested_related"), token: f.intake.token)
            #expect(made.string("outcome") == "created", "\(made.text)")
            let ticketId = try #require(made.string("ticketId"))
            _ = try await f.app.createUser(f.admin, "rootagent", roles: ["cs_agent"], unitId: f.rootId)
            let session = PageSession(f.app)
            #expect(try await session.signIn("rootagent", "password-rootagent").status == .seeOther)
            let page = try await session.get("/tickets/\(ticketId)")
            #expect(page.text.contains("邮件附件 list.txt（12 B）"), "the ticket page lists the file")
            let href = try #require(page.text.range(of: "href=\"/mail/attachments/").map { r in
                "/mail/attachments/" + page.text[r.upperBound...].prefix { $0 != "\"" }
            })
            let ids = page.text.components(separatedBy: "href=\"/mail/attachments/").count - 1
            #expect(ids == 2, "the inline image and list.txt")

            let file = try await session.get(href)
            #expect(file.status == .ok)
            #expect(file.headers[.contentDisposition]?.hasPrefix("attachment;") == true, "\(file.headers)")
            #expect(["image/png", "text/plain"].contains(file.headers[.contentType] ?? ""))

            // Someone who cannot see the ticket is told there is no such file; without sign-in, the sign-in page.
            let other = try await f.app.createUnit(f.admin, code: "EAST", name: "华东", parentId: f.rootId)
            _ = try await f.app.createUser(f.admin, "eastagent", roles: ["cs_agent"], unitId: other)
            let outsider = PageSession(f.app)
            #expect(try await outsider.signIn("eastagent", "password-eastagent").status == .seeOther)
            #expect(try await outsider.get(href).status == .notFound)
            #expect(try await PageSession(f.app).get(href).status == .seeOther)
            #expect(try await session.get("/mail/attachments/no-such").status == .notFound)
        }
    }

    @Test func anHTMLFileIsSentAsABinaryDownload() async throws {
        try await MailIntakeTests.withFixture { f in
            let made = try await f.post(try MailIntakeTests.eml("html_only"), token: f.intake.token)
            let ticketId = try #require(made.string("ticketId"), "\(made.text)")
            _ = try await f.app.createUser(f.admin, "rootagent", roles: ["cs_agent"], unitId: f.rootId)
            let session = PageSession(f.app)
            #expect(try await session.signIn("rootagent", "password-rootagent").status == .seeOther)
            let page = try await session.get("/tickets/\(ticketId)")
            let href = try #require(page.text.range(of: "href=\"/mail/attachments/").map { r in
                "/mail/attachments/" + page.text[r.upperBound...].prefix { $0 != "\"" }
            })
            let file = try await session.get(href)
            #expect(file.status == .ok && file.headers[.contentType] == "application/octet-stream", "\(file.headers)")
            #expect(file.text.contains("<"), "the HTML is kept as it came")
        }
    }
}
