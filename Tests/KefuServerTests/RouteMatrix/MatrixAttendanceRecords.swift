import Foundation
import Testing

/// #15.3 SHF-12: the matrix's work-area leave: 60 minutes asked by a fresh agent of 客服部 (one open leave per person, so each
/// record has its own person), beyond the default 15 minutes, awaiting the duty manager.
extension MatrixRecords {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func next() -> Int { lock.withLock { n += 1; return n } }
    }
    static let leavers = Counter()

    static func workAreaLeaveRecord(_ org: MatrixOrg, via c: MatrixClient) async throws -> String {
        let name = "mxaway\(leavers.next())", password = "password-\(name)"
        let user = try await c.call(.post, "/api/v1/users", token: org.admin, json: ["username": name, "password": password, "displayName": name,
                                                                                   "orgUnitId": org.cs, "roles": ["cs_agent"], "locale": "zh-CN"])
        try expectOK(user, "user")
        guard let token = try await c.call(.post, "/api/v1/auth/token", json: ["username": name, "password": password]).string("token") else {
            throw MatrixFixtureError.failed("token")
        }
        let r = try await c.call(.post, "/api/v1/work-area-leaves", token: token, json: ["minutes": 60, "reason": "矩阵"])
        try expectOK(r, "work-area leave")
        return r.string("id")!
    }
}
