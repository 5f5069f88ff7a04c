import Foundation
import KefuPlatform
@testable import KefuServiceDesk
import SQLKit
import Testing

extension TestApp {
    /// RFC 3339 for `minutes` before now.
    static func minutesAgo(_ minutes: Int) -> String {
        Times.rfc3339(Clock.millis(Date().addingTimeInterval(TimeInterval(-minutes * 60))))
    }

    /// An around-the-clock policy for e-mail tickets, so that clocks in tests do not depend on the hour they run.
    @discardableResult
    func roundTheClockEmailPolicy(_ admin: String, firstResponse: Int = 5, resolution: Int = 60, escalateAfter: Int = 30) async throws -> String {
        let reply = try await call(.post, "/api/v1/sla-policies", token: admin, json: [
            "name": "邮件 7×24", "match": ["channel": "email"], "calendar": "24x7",
            "firstResponseMinutes": firstResponse, "resolutionMinutes": resolution, "escalateAfterMinutes": escalateAfter,
        ])
        #expect(reply.status == .created, "policy: \(reply.text)")
        return reply.string("id")!
    }

    /// An e-mail ticket received `minutesAgo` minutes ago.
    func emailTicket(_ token: String, subject: String, minutesAgo: Int, priority: String = "normal") async throws -> [String: Any] {
        let reply = try await createTicket(token, subject: subject, extra: ["channel": "email", "priority": priority, "receivedAt": Self.minutesAgo(minutesAgo)])
        #expect(reply.status == .created, "ticket: \(reply.text)")
        return reply.json
    }

    func count(_ sql: String) async throws -> Int {
        try await store.read { db in try await db.raw(SQLQueryString(sql)).first()!.decode(column: "n", as: Int.self) }
    }
}
