import Foundation
import KefuPlatform
@testable import KefuMaterials
@testable import KefuServiceDesk
import Testing

@Suite("Hand-written JSON")
struct JSONWriterTests {
    static func parse(_ bytes: [UInt8]) throws -> NSDictionary {
        try JSONSerialization.jsonObject(with: Data(bytes)) as! NSDictionary
    }

    @Test func ticketListsMatchJSONEncoder() throws {
        let tricky = "引号\"反斜杠\\换行\n回车\r制表\t控制\u{1}\u{1F}斜杠/表情😀 <script>"
        let full = TicketView(
            id: "a", number: "KF2026-000001", subject: tricky, description: "", type: "repair", channel: "phone", priority: "high",
            status: "open", customer: .init(id: "c", name: "刘经理", phone: "138", email: nil), ownerId: "o", assigneeId: nil,
            teamId: "t", orgUnitId: "u", escalationLevel: 2, receivedAt: "2026-11-29T00:00:00.000Z", createdAt: "x", updatedAt: "y",
            closedAt: nil, sla: .init(firstResponseDueAt: "f", firstRespondedAt: nil, resolutionDueAt: nil, resolvedAt: "r",
                                      breaches: [.init(kind: "first_response", at: "z")], policyId: "p", policyName: "默认", calendar: "24x7",
                                      escalationDueAt: "e", pausedAt: nil, nextDueAt: "n")
        )
        let bare = TicketView(
            id: "b", number: "n", subject: "s", description: "d", type: "other", channel: "web", priority: "low", status: "new",
            customer: nil, ownerId: nil, assigneeId: nil, teamId: nil, orgUnitId: "u", escalationLevel: 0, receivedAt: "r",
            createdAt: "c", updatedAt: "u", closedAt: nil,
            sla: .init(firstResponseDueAt: nil, firstRespondedAt: nil, resolutionDueAt: nil, resolvedAt: nil, breaches: [],
                       policyId: nil, policyName: nil, calendar: "business_hours", escalationDueAt: nil, pausedAt: nil, nextDueAt: nil)
        )
        for page in [ListPage(items: [full, bare], page: 2, per: 20, total: 1000, totalExact: false), ListPage(items: [], page: 1, per: 50, total: 0)] {
            var writer = JSONWriter()
            page.writeJSON(to: &writer)
            let encoded = try JSONEncoder().encode(page)
            #expect(try Self.parse(writer.bytes) == (try Self.parse(Array(encoded))))
        }
        var writer = JSONWriter()
        ListPage(items: [full], page: 1, per: 1, total: 1).writeJSON(to: &writer)
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text.contains("\"assigneeId\":null"))
        #expect(text.contains("\\u0001"))
    }

    /// #13.9: the open-requests report, written by hand, is the JSON the synthesised encoder writes.
    @Test func theOpenRequestsReportMatchesJSONEncoder() throws {
        let tricky = "现场\"甲\"\\乙\n\u{1}😀"
        let full = OpenRequestRow(id: "r1", number: "LL-2026-0000001", orgUnitName: tricky, kind: "consumable", urgency: "urgent",
                                  state: "planner_review", ageDays: 12, waitingFor: "dept_planner", plannerDueAt: "2026-12-01T08:00:00.000+08:00",
                                  plannerBreached: true, backfillPending: false)
        let bare = OpenRequestRow(id: "r2", number: "n", orgUnitName: "", kind: "k", urgency: "normal", state: "draft", ageDays: 0,
                                  waitingFor: nil, plannerDueAt: nil, plannerBreached: false, backfillPending: true)
        let reports = [
            OpenRequestsReport(orgUnitId: "u", generatedAt: "g", total: 2, byState: ["planner_review": 1, "draft": 1], plannerBreaches: 1,
                               backfillsOpen: 1, items: [full, bare]),
            OpenRequestsReport(orgUnitId: nil, generatedAt: "g", total: 0, byState: [:], plannerBreaches: 0, backfillsOpen: 0, items: []),
        ]
        for report in reports {
            var writer = JSONWriter()
            report.writeJSON(to: &writer)
            #expect(try Self.parse(writer.bytes) == (try Self.parse(Array(try JSONEncoder().encode(report)))))
        }
    }
}


/// #17.4: the escape test reads eight bytes at a time; a character to escape is found at every offset within and
/// after a word, and the characters next to them in the byte order (and CJK text) are copied as they are.
@Suite("Hand-written JSON strings")
struct JSONWriterStringTests {
    static func written(_ s: String) -> String {
        var writer = JSONWriter()
        writer.string(s)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test func everyEscapeIsFoundWhereverItLies() throws {
        for length in 0..<27 {
            for position in 0...length {
                for c in ["\"", "\\", "\n", "\u{0}", "\u{1}", "\u{1F}", "\t"] {
                    var chars = Array(repeating: "a", count: length)
                    chars.insert(c, at: position)
                    let s = chars.joined() + (length % 2 == 0 ? "" : "风机")
                    let json = Self.written(s)
                    #expect(json != "\"" + s + "\"", "not escaped: \(length) \(position) \(c.unicodeScalars.first!.value)")
                    let back = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String
                    #expect(back == s)
                }
            }
        }
    }

    @Test func neighboursOfTheEscapedBytesAreCopiedAsTheyAre() {
        let neighbours = " !#$[]^_`{}~\u{7F}\u{80}é风机吐鲁番😀/<>&'"
        for length in 0..<24 {
            let s = String(repeating: neighbours, count: 3).prefix(length) + neighbours
            #expect(Self.written(String(s)) == "\"" + s + "\"")
        }
        #expect(Self.written("") == "\"\"")
    }
}
