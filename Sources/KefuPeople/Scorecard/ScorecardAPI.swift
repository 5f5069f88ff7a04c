import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the agent scorecard (#15.5, KPI-01; API.md "People": `GET /api/v1/reports/agent-scorecards`).
public struct ScorecardAPI: Sendable {
    let scorecards: ScorecardService

    public init(scorecards: ScorecardService) { self.scorecards = scorecards }

    public func register(_ routes: ApiRoutes) {
        ScorecardSchemas.register(routes)
        routes.add(.init(.get, "/api/v1/reports/agent-scorecards",
                         summary: "Agent scorecards of a unit and below for a period (default: last full month): 首问, SLA-01/02, ESC-01, satisfaction, complaints, inspection and the combined score (KPI-01)",
                         tag: "reports", response: "AgentScorecardReport", query: ["from", "to", "orgUnitId", "sort", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await scorecards.report(from: q["from"], to: q["to"], orgUnitId: q["orgUnitId"], sort: q["sort"],
                                                                   paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/reports/agent-scorecards/me", summary: "The caller's own scorecard row for a period (customer-service staff; KPI-01)",
                         tag: "reports", response: "AgentScorecardReport", query: ["from", "to"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await scorecards.mine(from: q["from"], to: q["to"], viewer: principal))
        }
    }
}

enum ScorecardSchemas {
    static func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let int: JSONValue = ["type": "integer"]
        let optInt: JSONValue = ["type": ["integer", "null"]]
        let date: JSONValue = ["type": "string", "format": "date"]
        let ratio: JSONValue = ["type": "object", "properties": ["count": int, "of": int, "percent": optStr, "basisPoints": optInt]]
        routes.schema("AgentScorecardRow", ["type": "object", "properties": [
            "agentId": str, "name": str, "unitName": str, "taken": int, "firstResponse": ratio, "resolution": ratio, "escalations": int, "lateEscalations": int,
            "satisfaction": ratio, "complaints": int, "inspections": int, "qualityScore": optStr, "qualityHundredths": optInt, "penalties": int,
            "score": optStr, "scoreBasisPoints": optInt]])
        routes.schema("AgentScorecardReport", ["type": "object", "properties": [
            "from": date, "to": date, "orgUnitId": str, "orgUnitName": str, "sort": JSONValue.enumOf(ScorecardSort.self),
            "weights": ["type": "object", "additionalProperties": int], "complaintDeductionPoints": int,
            "items": ["type": "array", "items": ["$ref": "#/components/schemas/AgentScorecardRow"]], "page": int, "per": int, "total": int]])
    }
}
