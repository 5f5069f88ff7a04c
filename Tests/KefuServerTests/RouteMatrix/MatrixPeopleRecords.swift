import Foundation
import Testing

/// #15.3: the matrix's swap and leave records. Each takes a month of its own (from 2031 on, a year without holiday data),
/// planned by the administrator: the agent's early shift on the 10th and the colleague's on the 14th.
extension MatrixRecords {
    final class Months: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var shift: String?
        func take() -> String {
            lock.lock(); defer { lock.unlock() }
            next += 1
            return String(format: "%04d-%02d", 2031 + (next - 1) / 12, (next - 1) % 12 + 1)
        }
        func shiftId(_ make: () async throws -> String) async throws -> String {
            if let s = lock.withLock({ shift }) { return s }
            let s = try await make()
            lock.withLock { shift = s }
            return s
        }
    }
    static let months = Months()

    static func peopleRecord(_ kind: MatrixRecordKind, _ org: MatrixOrg, via c: MatrixClient) async throws -> String {
        let shift = try await months.shiftId {
            let r = try await c.call(.post, "/api/v1/shifts", token: org.admin, json: ["orgUnitId": org.cs, "code": "MX-FIX", "name": "矩阵班", "start": "08:00", "end": "16:00"])
            try expectOK(r, "shift")
            return r.string("id")!
        }
        let month = months.take()
        let plan = try await c.call(.put, "/api/v1/rosters/\(org.cs)/\(month)", token: org.admin, json: ["entries": [
            ["date": "\(month)-10", "userId": org.agent.id, "shiftId": shift], ["date": "\(month)-14", "userId": org.colleague.id, "shiftId": shift]]])
        try expectOK(plan, "roster")
        let entries = (plan.json["days"] as? [[String: Any]] ?? []).flatMap { $0["entries"] as? [[String: Any]] ?? [] }
        func entry(_ user: String) -> String { entries.first { $0["userId"] as? String == user }?["id"] as? String ?? "" }
        let r: TestApp.Reply
        if kind == .shiftSwap {
            r = try await c.call(.post, "/api/v1/shift-swaps", token: org.agent.token, json: ["requesterShiftId": entry(org.agent.id), "counterpartShiftId": entry(org.colleague.id)])
        } else {
            r = try await c.call(.post, "/api/v1/leave-requests", token: org.agent.token, json: ["shiftId": entry(org.agent.id), "reason": "矩阵"])
        }
        try expectOK(r, kind.rawValue)
        return r.string("id")!
    }
}
