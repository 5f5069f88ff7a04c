import Foundation
import Hummingbird
import KefuApp
import KefuDomain
import KefuPlatform
import SQLKit
import Testing

/// #17.6 RET-04, RET-02: `kefu retention archive` for work orders: one completed (or completed and visited back) past
/// its 2 years goes to its JSON line with the requester's signature and out of the database; one a day inside its
/// period, one held and one not completed stay with their signatures; a second run changes nothing. The pages that
/// show orders keep working for the orders kept, and the report says Kefu archives the kind.
@Suite("Retention archive of work orders (#17.6, RET-02, RET-04)")
struct RetentionArchiveWorkOrdersTests {
    static func millis(_ day: CivilDay) -> Int64 { RetentionArchiveTests.millis(day) }

    /// An order of the root unit issued a week before `completedOn` (or on `issuedOn` when not completed), signed when asked.
    static func order(_ app: TestApp, _ id: String, unit: (id: String, path: String), status: String, issuedOn: CivilDay, completedOn: CivilDay?,
                      visitedOn: CivilDay? = nil, signed: Bool) async throws {
        let issued = millis(issuedOn), completed = completedOn.map(Self.millis), visited = visitedOn.map(Self.millis)
        try await app.store.write { db in
            try await db.raw("""
                INSERT INTO work_orders (id, number, ticket_id, ticket_number, kind, location, description, requester_name, requester_phone, org_unit_id,
                    org_path, status, issued_by, issued_at, appointment_at, appointment_note, technician_id, accepted_at, arrive_due_at, departed_at,
                    arrived_at, started_at, finished_at, work_notes, materials_used, completed_at, completed_on, return_visit_at, return_visit_by,
                    return_visit_note, updated_at, area, assigned_to, assigned_by, materials_document_id, materials_document_number)
                VALUES (\(bind: id), \(bind: id.uppercased()), NULL, NULL, 'household', '3 栋 2 单元 201', '厨房水管漏水', '王芳', '13900001111', \(bind: unit.id),
                    \(bind: unit.path), \(bind: status), 'user-1', \(bind: issued), NULL, NULL, NULL, \(bind: issued + 60_000), \(bind: issued + 360_000),
                    \(bind: issued + 120_000), \(bind: issued + 300_000), \(bind: issued + 400_000), \(bind: completed == nil ? nil : issued + 3_600_000),
                    \(bind: completed == nil ? "" : "更换角阀"), \(bind: completed == nil ? "" : "角阀 DN15 1 个"), \(bind: completed),
                    \(bind: completedOn?.iso), \(bind: visited), \(bind: visited == nil ? nil : "user-2"), \(bind: visited == nil ? nil : "住户满意"),
                    \(bind: visited ?? completed ?? issued), '厨房', NULL, 'duty', 'ck-1', 'CK-2020-0001')
                """).run()
            if signed {
                try await db.raw("""
                    INSERT INTO work_order_signatures (order_id, signer_name, signer_relation, image_base64, image_bytes, image_sha256, content_sha256,
                        collected_by, signed_at)
                    VALUES (\(bind: id), '王芳', 'owner', 'iVBORw0KGgo=', 8, 'sha-image', 'sha-content', 'tech-1', \(bind: completed ?? issued))
                    """).run()
            }
        }
    }

    static func count(_ app: TestApp, _ table: String, _ column: String, _ id: String) async throws -> Int {
        try await RetentionArchiveTests.count(app, table, column, id)
    }

    @Test func archivesCompletedWorkOrdersPastTheirPeriodWithTheirSignaturesAndNothingElse() async throws {
        try await TestApp.run { app in
            let admin = try await app.adminToken()
            let unit = try await RetentionArchiveTests.rootUnit(app, admin)
            let rootPath = unit.path
            let today = Times.day(Date())
            func yearsAgo(_ n: Int) -> CivilDay { RetentionSettingsTests.before(years: n, days: 0) }
            let past = yearsAgo(2).adding(days: -10), inside = yearsAgo(2)   // RET-02: 2 years; `inside` is kept until today
            #expect(RetentionRules.keptUntil(.workOrder, closedOn: inside) == today)

            try await Self.order(app, "gd-old", unit: unit, status: "completed", issuedOn: past.adding(days: -7), completedOn: past, signed: true)
            try await Self.order(app, "gd-visited", unit: unit, status: "return_visited", issuedOn: yearsAgo(3), completedOn: yearsAgo(3).adding(days: 1),
                                 visitedOn: past, signed: true)
            try await Self.order(app, "gd-inside", unit: unit, status: "completed", issuedOn: inside.adding(days: -7), completedOn: inside, signed: true)
            try await Self.order(app, "gd-held", unit: unit, status: "return_visited", issuedOn: yearsAgo(5), completedOn: yearsAgo(5).adding(days: 1),
                                 visitedOn: yearsAgo(5).adding(days: 3), signed: true)
            try await Self.order(app, "gd-open", unit: unit, status: "awaiting_signature", issuedOn: yearsAgo(6), completedOn: nil, signed: true)
            try await Self.order(app, "gd-issued", unit: unit, status: "issued", issuedOn: yearsAgo(6), completedOn: nil, signed: false)
            let hold = try await app.call(.post, "/api/v1/retention/holds", token: admin, json: ["kind": "work_order", "recordId": "GD-HELD", "reason": "业主诉讼"])
            #expect(hold.status == .created, "\(hold.text)")

            let dir = try RetentionArchiveTests.archiveDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let archive = RetentionArchive(store: app.store, sources: KefuServer.retentionSources)
            #expect(archive.archivable.contains(.workOrder) && !archive.notArchivable.contains(.workOrder))
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir, kind: .workOrder, dryRun: true)) == [.workOrder: 2])
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir, batchSize: 1)) == [.workOrder: 2])
            let file = dir.appendingPathComponent("work_order-\(today.iso).jsonl")

            // The file: each order's row in full and its signature.
            let lines = try RetentionArchiveTests.lines(file)
            #expect(lines.map { $0["id"] as? String } == ["gd-visited", "gd-old"], "oldest completion first")
            #expect(lines.allSatisfy { $0["kind"] as? String == "work_order" })
            let old = RetentionArchivePropertyKindsTests.data(try #require(lines.first { $0["id"] as? String == "gd-old" }))
            #expect(old.record?["number"] as? String == "GD-OLD" && old.record?["status"] as? String == "completed")
            #expect((old.record?["completed_at"] as? NSNumber)?.int64Value == Self.millis(past) && old.record?["completed_on"] as? String == past.iso)
            #expect(old.record?["work_notes"] as? String == "更换角阀" && old.record?["area"] as? String == "厨房" && old.record?["assigned_by"] as? String == "duty")
            #expect(old.record?["materials_document_number"] as? String == "CK-2020-0001" && old.record?["ticket_id"] is NSNull)
            #expect(old.record?.count == 36, "every column of work_orders: wo-001 31, wo-002 3, wo-003 2")
            let signature = try #require(old.children["work_order_signatures"])
            #expect(signature.count == 1 && signature.first?["signer_name"] as? String == "王芳" && signature.first?["image_base64"] as? String == "iVBORw0KGgo=")
            #expect((signature.first?["image_bytes"] as? NSNumber)?.intValue == 8 && signature.first?["content_sha256"] as? String == "sha-content")
            let visited = RetentionArchivePropertyKindsTests.data(try #require(lines.first { $0["id"] as? String == "gd-visited" }))
            #expect(visited.record?["return_visit_note"] as? String == "住户满意" && visited.children["work_order_signatures"]?.count == 1)

            // Gone: exactly those orders and their signatures. Kept: a day inside, held, not completed — signatures too.
            for id in ["gd-old", "gd-visited"] {
                #expect(try await Self.count(app, "work_orders", "id", id) == 0, "\(id)")
                #expect(try await Self.count(app, "work_order_signatures", "order_id", id) == 0, "\(id)")
            }
            for id in ["gd-inside", "gd-held", "gd-open", "gd-issued"] { #expect(try await Self.count(app, "work_orders", "id", id) == 1, "\(id)") }
            for id in ["gd-inside", "gd-held", "gd-open"] { #expect(try await Self.count(app, "work_order_signatures", "order_id", id) == 1, "\(id)") }
            let audit = try await app.call(.get, "/api/v1/audit-log?entity=work_order&entityId=gd-old", token: admin)
            #expect(audit.items.contains { $0["action"] as? String == "retention.archive" }, "\(audit.text)")

            // Again: nothing more to do, the file byte for byte as it was.
            let before = try Data(contentsOf: file)
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir)).isEmpty)
            #expect(try Data(contentsOf: file) == before)

            // The pages and reports that show orders still work for those kept; an archived one is simply not found.
            let page = PageSession(app)
            _ = try await page.signIn("admin", TestApp.adminPassword)
            for id in ["gd-inside", "gd-held", "gd-open"] {
                let shown = try await page.get("/work-orders/\(id)")
                #expect(shown.status == .ok && shown.text.contains(id.uppercased()), "\(id): \(shown.status)")
                #expect(try await page.get("/work-orders/\(id)/print").status == .ok, "\(id)")
                #expect(try await app.call(.get, "/api/v1/work-orders/\(id)", token: admin).string("number") == id.uppercased(), "\(id)")
            }
            #expect(try await page.get("/work-orders/gd-old").status == .notFound)
            let list = try await page.get("/work-orders")
            #expect(list.status == .ok && list.text.contains("GD-INSIDE") && !list.text.contains("GD-OLD"), "\(list.status)")
            #expect(try await page.get("/work-orders/follow-up").status == .ok)
            let followUp = try await app.call(.get, "/api/v1/work-orders/follow-up?from=\(yearsAgo(6).iso)&to=\(today.iso)", token: admin)
            #expect(followUp.status == .ok, "\(followUp.text)")
            let pending = (followUp["pending"] as? [[String: Any]])?.compactMap { $0["number"] as? String } ?? []
            #expect(Set(pending).isSuperset(of: ["GD-INSIDE", "GD-OPEN", "GD-ISSUED"]) && !pending.contains("GD-OLD"), "\(pending)")
            let report = try await app.call(.get, "/api/v1/retention?kind=work_order", token: admin)
            let summary = (report["items"] as? [[String: Any]])?.first { $0["kind"] as? String == "work_order" }
            #expect(summary?["archivable"] as? Bool == true && (summary?["count"] as? NSNumber)?.intValue == 0, "\(report.text)")
            let shown = try await page.get("/admin/retention?kind=work_order")
            #expect(shown.status == .ok && shown.text.contains("id=\"retention-archive-work_order\""))
        }
    }

    /// What names an archived order stays readable as history: its materials' issue document (#14 item 1) still opens,
    /// on the API and its page, its remark naming the order's number; the order itself is gone from both.
    @Test func theIssueDocumentOfAnArchivedOrdersMaterialsStillOpens() async throws {
        try await TestApp.run { app in
            let (f, tech, id, number) = try await WorkOrderMaterialsTests.orderAtWorkInAStockedSite(app)
            let finished = try await app.call(.post, "/api/v1/work-orders/\(id)/finish", token: tech.token, json: ["workNotes": "更换齿轮", "materials": "GEAR-01 2"])
            let docId = try #require(finished.string("materialsDocumentId"), "\(finished.text)")
            let signed = try await app.call(.post, "/api/v1/work-orders/\(id)/signature", token: tech.token,
                                            json: ["signerName": "王芳", "signerRelation": "owner", "image": WorkOrderFlowTests.png])
            #expect(signed.status == .ok, "\(signed.text)")
            #expect(try await app.call(.post, "/api/v1/work-orders/\(id)/complete", token: tech.token, json: [String: Any]()).string("status") == "completed")
            // Completed three years ago (its 2 years are over).
            let past = RetentionSettingsTests.before(years: 3, days: 0)
            try await app.store.write { db in
                try await db.raw("UPDATE work_orders SET completed_at = \(bind: Self.millis(past)), completed_on = \(bind: past.iso) WHERE id = \(bind: id)").run()
            }

            let dir = try RetentionArchiveTests.archiveDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let done = try await RetentionArchive(store: app.store, sources: KefuServer.retentionSources).run(to: dir, kind: .workOrder)
            #expect(done.map(\.count) == [1])
            let path = try #require(done.first?.file)
            let line = try #require(try RetentionArchiveTests.lines(URL(fileURLWithPath: path)).first)
            let data = RetentionArchivePropertyKindsTests.data(line)
            #expect(data.record?["materials_document_id"] as? String == docId && data.record?["number"] as? String == number)
            #expect(data.children["work_order_signatures"]?.first?["signer_relation"] as? String == "owner")
            #expect(try await Self.count(app, "work_orders", "id", id) == 0)
            #expect(try await Self.count(app, "work_order_signatures", "order_id", id) == 0)

            let doc = try await app.call(.get, "/api/v1/stock-documents/\(docId)", token: f.accA)
            #expect(doc.status == .ok && doc.string("remark")?.contains(number) == true, "\(doc.text)")
            #expect(try await app.call(.get, "/api/v1/work-orders/\(id)", token: f.admin).status == .notFound)
            let page = PageSession(app)
            _ = try await page.signIn("admin", TestApp.adminPassword)
            let shown = try await page.get("/materials/documents/\(docId)")
            #expect(shown.status == .ok && shown.text.contains(number), "\(shown.status)")
        }
    }
}
