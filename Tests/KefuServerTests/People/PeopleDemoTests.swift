import Foundation
import KefuApp
import Testing

/// #15 demo data: `kefu demo` gives every people page something to show — through the services, once.
@Suite("People: kefu demo loads rosters, requests, handovers, training, quality and appraisal")
struct PeopleDemoTests {
    static let tables = ["shifts", "roster_entries", "shift_swaps", "leave_requests", "handovers", "announcements", "announcement_reads", "training_sessions",
                         "training_attendance", "training_plans", "staff_certificates", "inspection_standards", "quality_calls", "inspections",
                         "quality_penalties", "appraisal_plans", "absences", "work_area_leaves"]

    @Test func eachPeoplePageShowsTheDemoRecordsAndASecondRunAddsNothing() async throws {
        try await TestApp.run { app in
            let first = try await DemoData.load(store: app.store, password: "demo-pass-1")
            let counts = try await Self.counts(app)
            #expect(counts.values.allSatisfy { $0 > 0 }, "every people table has demo rows: \(counts)")
            #expect(try await DemoData.load(store: app.store, password: "demo-pass-1") == "Demo data already loaded.")
            #expect(try await Self.counts(app) == counts, "a second run adds nothing")

            // The numbers the load reported, by kind ("swap HB-2026-000001").
            func numbers(_ kind: String) -> [String] {
                first.components(separatedBy: ", ").filter { $0.hasPrefix(kind + " ") }.map { String($0.dropFirst(kind.count + 1)) }
                    .filter { $0.contains("-") && !$0.contains(" ") }
            }
            #expect(numbers("swap").count == 2 && numbers("leave").count == 2 && numbers("handover").count == 2, "\(first)")
            #expect(numbers("inspection").count == 3 && numbers("work-area leave").count == 2, "\(first)")

            // The states the brief asks for.
            let states = try await app.store.read { db in
                var out: [String: String] = [:]
                for sql in ["SELECT status AS s FROM shift_swaps ORDER BY number", "SELECT status AS s FROM leave_requests ORDER BY number",
                            "SELECT status AS s FROM handovers ORDER BY number", "SELECT status AS s FROM training_plans",
                            "SELECT status AS s FROM appraisal_plans", "SELECT status AS s FROM quality_penalties", "SELECT status AS s FROM work_area_leaves ORDER BY number"] {
                    out[sql] = try await db.raw("\(unsafeRaw: sql)").all().map { try $0.decode(column: "s", as: String.self) }.joined(separator: ",")
                }
                return Array(out.values).sorted()
            }
            #expect(states.contains("requested,effective"), "a swap awaiting consent, one approved: \(states)")
            #expect(states.contains("requested,approved"), "leave pending and approved: \(states)")
            #expect(states.contains("accepted,submitted"), "one handover accepted, one awaiting the incoming person: \(states)")
            #expect(states.contains("submitted"), "training plan and appraisal plan awaiting approval: \(states)")
            #expect(states.contains("proposed"), "the late answer proposed a penalty: \(states)")
            #expect(states.contains("returned,requested"), "work-area leave back, one awaiting the duty manager: \(states)")

            // The absence lies two to five days back: its month may be the last one.
            let absenceMonth = try await app.store.read { db in try await db.raw("SELECT month FROM absences").first()!.decode(column: "month", as: String.self) }
            let supervisor = PageSession(app), manager = PageSession(app), gm = PageSession(app), agent = PageSession(app)
            _ = try await supervisor.signIn("lisi", "demo-pass-1")
            _ = try await manager.signIn("zhouba", "demo-pass-1")
            _ = try await gm.signIn("gaozong", "demo-pass-1")
            _ = try await agent.signIn("chenmei", "demo-pass-1")
            let zhangsan = PageSession(app)
            _ = try await zhangsan.signIn("zhangsan", "demo-pass-1")
            let pages: [(PageSession, String, [String])] = [
                (supervisor, "/people/roster", ["陈梅", "林峰", "黄丽", "data-shift=\"L\""]),
                (agent, "/people/my-shifts", Array(numbers("swap").prefix(1)) + Array(numbers("leave").prefix(1))),
                (supervisor, "/people/requests?kind=swap", numbers("swap")),
                (supervisor, "/people/requests?kind=leave", numbers("leave")),
                (supervisor, "/people/handovers?view=unit", numbers("handover")),
                (agent, "/people/announcements", ["演示公告：节假日值班安排"]),
                (supervisor, "/people/trainings", numbers("training") + ["演示：首问负责制与投诉处理"]),
                (supervisor, "/people/training-gaps", ["data-status=\"gap\"", "data-status=\"covered\""]),
                (manager, "/people/training-plans", numbers("training plan")),
                (supervisor, "/people/qualifications", ["PTH-2023-0815"]),
                (supervisor, "/people/quality/standards", ["演示：来电服务质检标准"]),
                (supervisor, "/people/quality/inspections", numbers("inspection")),
                (supervisor, "/people/quality/penalties", ["响铃 5 声"]),
                (supervisor, "/people/scorecards", ["陈梅", "林峰"]),
                (gm, "/people/appraisal-plans", numbers("appraisal plan")),
                (supervisor, "/people/absences?month=\(absenceMonth)", numbers("absence")),
                // 林峰's 40 minutes await the duty manager; 张三's 10 minutes are in his own list.
                (supervisor, "/people/work-area", Array(numbers("work-area leave").suffix(1))),
                (zhangsan, "/people/work-area", Array(numbers("work-area leave").prefix(1))),
            ]
            for (session, path, marks) in pages {
                let reply = try await session.get(path)
                #expect(reply.status == .ok, "\(path): \(reply.status)")
                for mark in marks { #expect(reply.text.contains(mark), "\(path) does not show \(mark)") }
            }
        }
    }

    static func counts(_ app: TestApp) async throws -> [String: Int] {
        try await app.store.read { db in
            var out: [String: Int] = [:]
            for t in tables { out[t] = try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: t)").first()!.decode(column: "n", as: Int.self) }
            return out
        }
    }
}
