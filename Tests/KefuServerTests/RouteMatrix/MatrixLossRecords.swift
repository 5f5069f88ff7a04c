import Foundation
import Hummingbird
import Testing

/// #15.5 KPI-06: the matrix's material-loss records: a site (现场) under 客服部 with its chief (site_lead, not one of the
/// matrix's callers, so no caller is the responsible person), and a registered record there by the HQ materials office.
extension MatrixRecords {
    static func lossSiteBase(_ call: Caller, _ org: MatrixOrg) async throws -> String {
        let site = try await call(.post, "/api/v1/org-units", org.admin, ["code": "MXSITE", "name": "客服部一号现场", "kind": "site", "parentId": org.cs])
        try expectOK(site, "loss site")
        let siteId = site.string("id")!
        let chief = try await call(.post, "/api/v1/users", org.admin, ["username": "mxchief", "password": "password-mxchief", "displayName": "现场负责人",
                                                                       "orgUnitId": siteId, "roles": ["site_lead"], "locale": "zh-CN"])
        try expectOK(chief, "site chief")
        return siteId
    }

    func withLossSite(_ site: String) -> MatrixRecords {
        var r = self
        r.lossSite = site
        return r
    }

    static func lossBody(site: String, item: String) -> [String: Any] {
        ["orgUnitId": site, "cause": "big_for_small", "description": "以大代小：用 M20 螺栓代替 M16", "lines": [["itemId": item, "quantity": "2", "value": "36.50"]]]
    }

    func lossRecord(via c: MatrixClient) async throws -> String {
        try await made(c, "/api/v1/materials/loss-responsibilities", org.materials.token, Self.lossBody(site: lossSite, item: item))
    }
}
