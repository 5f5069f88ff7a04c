import Foundation
import Hummingbird
import KefuApp
import KefuDomain
import KefuPlatform
import SQLKit
import Testing

/// #17.6 RET-04: the after-sales kind Kefu does not archive stays whatever its age: a survey response (with its
/// answers) long past its 3 years is counted by the report as due for the operator and left in the database by
/// `kefu retention archive` — the property opinion rounds and the portal's rated-once rule read a response as state
/// (`AftersalesRetentionSource.archiver`). Returns are archived since (`RetentionArchiveReturnsTests`): their hand-offs'
/// links answer the return's tombstone.
@Suite("Retention archive leaves survey responses (#17.6, RET-04)")
struct RetentionArchiveKeptKindsTests {
    @Test func surveyResponsesPastTheirPeriodStay() async throws {
        try await TestApp.run { app in
            let admin = try await app.adminToken()
            let rootId = try await app.rootUnitId(admin)
            let closed = RetentionArchiveTests.millis(RetentionSettingsTests.before(years: 4, days: 0))
            try await app.store.write { db in
                let path = try await db.raw("SELECT path FROM org_units WHERE id = \(bind: rootId)").first()!.decode(column: "path", as: String.self)
                try await db.raw("""
                    INSERT INTO survey_invitations (id, token_hash, occasion, ticket_id, repair_order_id, campaign_id, customer_id, customer_name, org_unit_id,
                        org_path, expires_at, submitted_at, created_by, created_at)
                    VALUES ('inv-old', 'hash-old', 'other', NULL, NULL, NULL, NULL, '赵先生', \(bind: rootId), \(bind: path), \(bind: closed + 86_400_000),
                        \(bind: closed), 'user-1', \(bind: closed - 3_600_000))
                    """).run()
                try await db.raw("""
                    INSERT INTO survey_responses (id, invitation_id, overall, comment, org_unit_id, org_path, complaint_id, submitted_at)
                    VALUES ('resp-old', 'inv-old', 4, '服务周到', \(bind: rootId), \(bind: path), NULL, \(bind: closed))
                    """).run()
                try await db.raw("INSERT INTO survey_answers (id, response_id, item, level, comment) VALUES ('ans-old', 'resp-old', 'attitude', 4, NULL)").run()
            }
            let report = try await app.call(.get, "/api/v1/retention", token: admin)
            for kind in ["survey"] {
                let item = (report["items"] as? [[String: Any]])?.first { $0["kind"] as? String == kind }
                #expect((item?["count"] as? NSNumber)?.intValue == 1 && item?["archivable"] as? Bool == false, "\(kind): \(report.text)")
            }

            let dir = try RetentionArchiveTests.archiveDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let archive = RetentionArchive(store: app.store, sources: KefuServer.retentionSources)
            let done = try await archive.run(to: dir)
            #expect(!done.map(\.kind).contains(.survey))
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
            #expect(try await RetentionArchiveTests.count(app, "survey_responses", "id", "resp-old") == 1)
            #expect(try await RetentionArchiveTests.count(app, "survey_answers", "response_id", "resp-old") == 1)
            #expect(try await RetentionArchiveTests.count(app, "survey_invitations", "id", "inv-old") == 1)
        }
    }
}
