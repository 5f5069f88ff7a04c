import Foundation
import KefuDomain
import Testing

/// #14 PRP-08/05/11: the matrix's work plans of 客服部 (each a month of its own from 2031-01: a draft, and one submitted
/// to the project manager), a contractor of the matrix estate, a contractor plan handed in for review, a register item.
extension MatrixRecords {
    static let planMonths = Counter()

    static func planningRecord(_ kind: MatrixRecordKind, _ org: MatrixOrg, via c: MatrixClient) async throws -> String {
        switch kind {
        case .propertyWorkPlan, .submittedWorkPlan:
            let month = BillingMonth(year: 2031, month: 1).adding(months: planMonths.next()).iso
            let r = try await c.call(.post, "/api/v1/property/work-plans", token: org.admin, json: workPlanBody(org.cs, month: month))
            try expectOK(r, "work plan")
            let id = r.string("id")!
            if kind == .submittedWorkPlan {
                try expectOK(try await c.call(.post, "/api/v1/property/work-plans/\(id)/submit", token: org.admin, json: [String: Any]()), "submit")
            }
            return id
        case .propertyContractor, .submittedContractorPlan:
            let estate = try await propertyEstate(org, via: c)
            let r = try await c.call(.post, "/api/v1/property/estates/\(estate)/contractors", token: org.admin, json: contractorBody)
            try expectOK(r, "contractor")
            let id = r.string("id")!
            guard kind == .submittedContractorPlan else { return id }
            let p = try await c.call(.post, "/api/v1/property/contractors/\(id)/plans", token: org.admin, json: ["month": "2026-12", "content": "每日清扫两次"])
            try expectOK(p, "contractor plan")
            return try #require((p["plans"] as? [[String: Any]])?.first?["id"] as? String)
        default:
            let r = try await c.call(.post, "/api/v1/property/admin-items", token: org.admin,
                                     json: ["orgUnitId": org.cs, "kind": "uniform", "name": "矩阵工服 " + UUID().uuidString.prefix(6), "unitLabel": "套"])
            try expectOK(r, "admin item")
            return r.string("id")!
        }
    }

    static func workPlanBody(_ unit: String, month: String) -> [String: Any] {
        ["orgUnitId": unit, "month": month, "lines": [["item": "清洗二次供水水箱", "owner": "张伟", "targetDate": month + "-10"]]]
    }

    static var contractorBody: [String: Any] { ["serviceType": "cleaning", "company": "洁美保洁公司", "contact": "刘 13900001111",
                                                "contractFrom": "2026-01-01", "contractTo": "2026-12-31"] }
}
