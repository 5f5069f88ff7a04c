import Foundation
import Hummingbird
import HummingbirdTesting
import KefuApp
import KefuDomain
import KefuPlatform
import Testing

/// #11 house cleanup: the form middlewares know a file upload by its multipart body, not by a list of paths, so a new
/// upload route is recognised without being named anywhere: its file is left for the route to read (not cut at the
/// 1 MB a typed form may have), and a refusal goes back to the page with its reason.
@Suite("Uploads recognised by their mark (#11 house)", .serialized)
struct UploadRecognitionTests {
    static let boundary = "kefu-test-boundary"

    /// A multipart body with `fields` and a file of `size` bytes.
    static func multipart(_ fields: [String: String], fileSize size: Int) -> String {
        var body = ""
        for (k, v) in fields.sorted(by: { $0.key < $1.key }) {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\nContent-Type: text/csv\r\n\r\n"
        return body + String(repeating: "a", count: size) + "\r\n--\(boundary)--\r\n"
    }

    /// A route no middleware has heard of, registered the ordinary way: it reads the file and refuses it.
    @Test func aNewUploadRouteIsRecognisedWithoutBeingListed() async throws {
        try await TestDatabase.withStore { store in
            _ = try await KefuServer.prepare(store, adminPassword: TestApp.adminPassword)
            let flashes = FormFlashes(store: store)
            let router = Router(context: KefuContext.self)
            router.add(middleware: ExpiredSessionMiddleware(flashes: flashes))
            router.add(middleware: FormFlashMiddleware(flashes: flashes))
            router.post("/widgets/:id/photos") { request, _ -> Response in
                var request = request
                let form = try await MultipartForm.read(&request)
                let size = form.file("file")?.bytes.count ?? 0
                throw AppError.validation("file", Text("照片过大：{0} 字节", "The photo is too large: {0} bytes").with(String(size)))
            }
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let body = Self.multipart(["_back": "/widgets/1"], fileSize: 2 * 1024 * 1024)
                let r = try await client.executeRequest(uri: "/widgets/1/photos", method: .post,
                                                 headers: [.contentType: "multipart/form-data; boundary=\(Self.boundary)", .referer: "http://localhost/widgets/1"],
                                                 body: ByteBuffer(string: body))
                // The whole 2 MB file reached the route (not refused at 1 MB as a typed form), and the refusal went back to the page.
                #expect(r.status == .seeOther, "\(r.status) \(String(buffer: r.body).prefix(200))")
                #expect(r.headers[.location] == "/widgets/1")
                #expect(r.headers[values: .setCookie].contains { $0.hasPrefix(FormFlashes.cookieName + "=") })
            }
        }
    }

    /// The real attachment upload, signed in, with a file over 1 MB: its refusal comes back to the page with the reason.
    @Test func anAttachmentOverOneMegabyteReachesItsRoute() async throws {
        try await TestApp.run { app in
            let session = PageSession(app)
            _ = try await session.signIn("admin", TestApp.adminPassword)
            let csrf = try #require(PageSession.csrf(in: try await session.get("/admin/units").text))
            let body = Self.multipart(["_csrf": csrf, "_back": "/admin/units", "ownerKind": "no_such_kind", "ownerId": "x"], fileSize: 2 * 1024 * 1024)
            let r = try await app.call(.post, "/attachments", raw: body,
                                       headers: [.cookie: session.cookieHeader, .contentType: "multipart/form-data; boundary=\(Self.boundary)",
                                                 .referer: "http://localhost/admin/units"])
            #expect(r.status == .seeOther, "\(r.status) \(r.text.prefix(200))")
            #expect(r.headers[.location]?.hasPrefix("/admin/units?notice=attachment_refused") == true, "\(r.headers[.location] ?? "")")
        }
    }
}
