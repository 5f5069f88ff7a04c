import Foundation
import Hummingbird
import Testing

/// #12.1: attachments — type by content, size limit, checksum, and served only to those who may read the record.
@Suite("Attachments (#12.1)")
struct AttachmentTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 100)
    static let pdf: [UInt8] = Array("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n".utf8)

    @Test func aPhotoIsStoredWithItsChecksumAndServedOnlyToThoseWhoSeeTheRecord() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let r = try await app.call(.post, "/api/v1/site-ledgers", token: f.keeperA1, json: [
                "warehouseId": f.A1G, "date": SiteLedgerTests.day(0),
                "lines": [["kind": "transfer_in", "itemId": f.bolt, "quantityIn": 1, "remark": "调入", "reference": "DB-2026-000001"]]])
            let ledger = try #require(r.string("id"), "\(r.text)")
            func upload(_ bytes: [UInt8], name: String, token: String? = nil, owner: String? = nil) async throws -> TestApp.Reply {
                try await app.call(.post, "/api/v1/attachments", token: token ?? f.keeperA1, json: [
                    "ownerKind": "site_ledger", "ownerId": owner ?? ledger, "fileName": name, "label": "signed", "data": Data(bytes).base64EncodedString()])
            }
            let added = try await upload(Self.png, name: "../../签字.png")
            #expect(added.status == .created, "\(added.text)")
            let id = try #require(added.string("id"))
            #expect(added.string("contentType") == "image/png")
            #expect(added.string("fileName") == "签字.png")
            #expect(added["size"] as? Int == Self.png.count)
            let sha = try #require(added.string("sha256"))
            #expect(sha.count == 64)

            let got = try await app.call(.get, "/api/v1/attachments/\(id)", token: f.accA)
            #expect(got.status == .ok)
            #expect(got.headers[.contentType] == "image/png")
            #expect(got.headers[.init("X-Content-SHA256")!] == sha)
            #expect(try await app.call(.get, "/api/v1/attachments?ownerKind=site_ledger&ownerId=\(ledger)", token: f.keeperA1).items.count == 1)

            // Outside the record's scope: another site's keeper and a service-desk agent are refused; an unknown id is 404.
            #expect(try await app.call(.get, "/api/v1/attachments/\(id)", token: f.keeperA2).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/attachments/\(id)", token: f.agent).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/attachments?ownerKind=site_ledger&ownerId=\(ledger)", token: f.keeperA2).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/attachments/\(UUID().uuidString.lowercased())", token: f.accA).status == .notFound)
            #expect(try await app.call(.get, "/api/v1/attachments/\(id)").status == .unauthorized)
            // Adding needs the right to keep the record's books.
            #expect(try await upload(Self.png, name: "x.png", token: f.keeperA2).status == .forbidden)
            #expect(try await upload(Self.png, name: "x.png", token: f.accB).status == .forbidden)

            // Type by content, not by name; size limit; empty; unknown owner kind; unknown record.
            let fake = try await upload(Array("MZ this is an exe".utf8), name: "photo.jpg")
            #expect(fake.status == .unsupportedMediaType)
            #expect(fake.errorCode == "attachment_type_not_allowed")
            #expect(try await upload(Self.pdf, name: "装箱单.pdf").string("contentType") == "application/pdf")
            let big = try await upload([0xFF, 0xD8, 0xFF] + Array(repeating: 0, count: 10 * 1024 * 1024), name: "big.jpg")
            #expect(big.status == .contentTooLarge, "\(big.text.prefix(200))")
            #expect(try await upload([], name: "e.png").errorCode == "validation_failed")
            #expect(try await app.call(.post, "/api/v1/attachments", token: f.keeperA1, json: ["ownerKind": "nothing", "ownerId": ledger, "data": ""]).errorCode == "validation_failed")
            #expect(try await upload(Self.png, name: "x.png", owner: UUID().uuidString.lowercased()).status == .notFound)
        }
    }

    @Test func aMultipartUploadIsAcceptedToo() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let r = try await app.call(.post, "/api/v1/site-ledgers", token: f.keeperA1, json: [
                "warehouseId": f.A1G, "date": SiteLedgerTests.day(0),
                "lines": [["kind": "transfer_in", "itemId": f.bolt, "quantityIn": 1, "remark": "调入", "reference": "DB-2026-000001"]]])
            let ledger = try #require(r.string("id"))
            let boundary = "----kefu\(UUID().uuidString)"
            var body = ""
            for (k, v) in ["ownerKind": "site_ledger", "ownerId": ledger, "label": "signed"] {
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n"
            }
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
            body += String(decoding: Self.pdf, as: UTF8.self) + "\r\n--\(boundary)--\r\n"
            var headers = HTTPFields()
            headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
            let added = try await app.call(.post, "/api/v1/attachments", token: f.keeperA1, raw: body, headers: headers)
            #expect(added.status == .created, "\(added.text)")
            #expect(added.string("fileName") == "scan.pdf")
            #expect(added.string("contentType") == "application/pdf")
        }
    }
}
