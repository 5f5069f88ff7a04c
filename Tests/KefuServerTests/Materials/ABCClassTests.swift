import Foundation
import Testing

/// STO-02: ABC classes proposed from the period's issues (frequency), read in scope, applied to the items by HQ only.
@Suite("Materials: ABC classes from issues (STO-02)")
struct ABCClassTests {
    static func issue(_ app: TestApp, _ f: MaterialsFixture, _ item: String, _ quantity: Int) async throws -> String {
        let r = try await f.document(app, f.accA, direction: "out", reason: "self_use", warehouse: f.A1G, lines: [f.line(item, quantity)])
        #expect(r.status == .created, "\(r.text)")
        let id = r.string("id") ?? ""
        #expect(try await app.call(.post, "/api/v1/stock-documents/\(id)/audit", token: f.accA).status == .ok)
        return id
    }

    static func classes(_ reply: TestApp.Reply) -> [String: String] {
        let rows = reply.json["rows"] as? [[String: Any]] ?? []
        return Dictionary(rows.map { ($0["itemCode"] as? String ?? "", "\($0["issues"] as? Int ?? -1):\($0["currentClass"] as? String ?? "")>\($0["proposedClass"] as? String ?? "")") },
                          uniquingKeysWith: { a, _ in a })
    }

    @Test func issuesProposeClassesInScopeAndOnlyHQAppliesThem() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 100), f.line(f.gear, 100)])
            for _ in 0..<3 { _ = try await Self.issue(app, f, f.bolt, 2) }
            let undone = try await Self.issue(app, f, f.bolt, 1)
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(undone)/unaudit", token: f.accA).status == .ok, "an un-audited issue no longer counts")
            _ = try await Self.issue(app, f, f.gear, 5)
            let codes = try await app.call(.get, "/api/v1/items/\(f.bolt)", token: f.hqMaterials).string("code")!
            let gearCode = try await app.call(.get, "/api/v1/items/\(f.gear)", token: f.hqMaterials).string("code")!

            let path = "/api/v1/reports/abc?from=2026-11-01&to=2026-11-30&a=50&b=95"
            let report = try await app.call(.get, path, token: f.keeperA1)
            #expect(report.status == .ok, "\(report.text)")
            #expect(report.json["totalIssues"] as? Int == 4)
            // bolt: 3 of 4 lines (nothing before it → A); gear: 75 % before it ≥ 50 %, < 95 % → B.
            #expect(Self.classes(report)[codes] == "3:C>A")
            #expect(Self.classes(report)[gearCode] == "1:C>B")
            #expect(report.json["changes"] as? Int == 2)
            #expect(report.json["canApply"] as? Bool == false)
            let bolt = (report.json["rows"] as? [[String: Any]])?.first
            #expect(bolt?["share"] as? String == "75.00")
            #expect((bolt?["quantity"] as? NSNumber)?.intValue == 6)

            // Another site sees no issues of A1's warehouse; a period without issues proposes C.
            #expect(try await app.call(.get, path, token: f.keeperA2).json["totalIssues"] as? Int == 0)
            #expect(try await app.call(.get, "/api/v1/reports/abc?from=2026-12-01&to=2026-12-31", token: f.hqMaterials).json["totalIssues"] as? Int == 0)
            #expect(try await app.call(.get, path, token: f.agent).status == .forbidden)
            // Thresholds and dates are checked at their field.
            let wrong = try await app.call(.get, "/api/v1/reports/abc?a=95&b=80", token: f.hqMaterials)
            #expect(wrong.status == .unprocessableContent)
            #expect((wrong.json["error"] as? [String: Any])?["field"] as? String == "b")
            #expect(try await app.call(.get, "/api/v1/reports/abc?from=2026-13-45", token: f.hqMaterials).status == .unprocessableContent)

            let body: [String: Any] = ["from": "2026-11-01", "to": "2026-11-30", "a": 50, "b": 95]
            #expect(try await app.call(.post, "/api/v1/items/abc-classes", token: f.accA, json: body).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/items/abc-classes", token: f.keeperA1, json: body).status == .forbidden)
            let applied = try await app.call(.post, "/api/v1/items/abc-classes", token: f.hqMaterials, json: body)
            #expect(applied.status == .ok, "\(applied.text)")
            #expect(applied.json["changed"] as? Int == 2)
            #expect(try await app.call(.get, "/api/v1/items/\(f.bolt)", token: f.hqMaterials).string("abcClass") == "A")
            #expect(try await app.call(.get, "/api/v1/items/\(f.gear)", token: f.hqMaterials).string("abcClass") == "B")
            #expect(try await app.call(.get, path, token: f.hqMaterials).json["changes"] as? Int == 0, "applied: nothing left to change")
            let history = try await app.call(.get, "/api/v1/items/\(f.bolt)/history", token: f.hqMaterials)
            #expect(history.text.contains("abc_class"), "\(history.text)")
        }
    }

    @Test func transfersAreNotConsumption() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 10), f.line(f.gear, 10)])
            _ = try await Self.issue(app, f, f.gear, 1)
            let t = try await app.call(.post, "/api/v1/transfers", token: f.accA, json: [
                "fromWarehouseId": f.A1G, "toWarehouseId": f.A2G, "date": "2026-11-20", "lines": [f.line(f.bolt, 5)]])
            #expect(t.status == .created, "\(t.text)")
            let audited = try await app.call(.post, "/api/v1/transfers/\(t.string("id")!)/audit", token: f.accA)
            let outId = (audited.json["documents"] as? [[String: Any]] ?? []).first { $0["direction"] as? String == "out" }?["id"] as? String ?? ""
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(outId)/audit", token: f.accA).status == .ok, "the transfer's issue side posted")
            let report = try await app.call(.get, "/api/v1/reports/abc?from=2026-11-01&to=2026-11-30", token: f.hqMaterials)
            #expect(report.json["totalIssues"] as? Int == 1, "\(report.text)")
            let rows = report.json["rows"] as? [[String: Any]] ?? []
            #expect(rows.first?["itemId"] as? String == f.gear)
            #expect(rows.first { $0["itemId"] as? String == f.bolt }?["proposedClass"] as? String == "C")
        }
    }
}
