import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// REQ-10 on the request page (#13.1 item 2): the published plan of the request's department for the request's year,
/// and per item how much of it is already requested and shipped.
public struct DemandPlanSummary: Sendable {
    public let id: String
    public let number: String
    public let byItem: [String: DemandPlanLineView]
}

extension DemandPlanService {
    /// The published plan covering a request of the unit at `requestPath` written in `year` (the nearest unit above it
    /// that has one), when `viewer` may read it; nil otherwise.
    static func summary(_ db: any SQLDatabase, requestPath: String, year: Int, viewer: Principal) async throws -> DemandPlanSummary? {
        let candidates = try await db.raw("""
            SELECT id, org_path FROM demand_plans WHERE year = \(bind: year) AND state = \(bind: DemandPlanState.published.rawValue)
                AND \(bind: requestPath) LIKE org_path || '%' ORDER BY LENGTH(org_path) DESC
            """).all()
        guard let row = candidates.first else { return nil }
        let path = try row.decode(column: "org_path", as: String.self)
        guard DemandPlanRules.mayView(viewer.roles, userPath: viewer.orgPath, planPath: path, published: true),
              let plan = try await load(db, id: try row.decode(column: "id", as: String.self)) else { return nil }
        return DemandPlanSummary(id: plan.id, number: plan.number, byItem: Dictionary(plan.lines.map { ($0.itemId, $0) }, uniquingKeysWith: { a, _ in a }))
    }
}
